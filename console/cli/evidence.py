"""``youyi-console evidence …``: take officers' files in, list and review them,
attach them to work orders (``export`` and ``verify``: console.cli.evidence_export)."""

from __future__ import annotations

from typing import Any

from console.cli.evidence_export import add_export_commands


def add_evidence_commands(sub: Any) -> None:
    evidence = sub.add_parser("evidence", help="mobile evidence: intake, review, export, verify")
    e_sub = evidence.add_subparsers(title="evidence commands", metavar="ACTION", required=True)
    add_export_commands(e_sub)
