"""The work-order lifecycle: states, numbering, routing, deadlines, escalation."""
