"""The work-order desk: its table model, the detail pane, moves and steps, the form."""
