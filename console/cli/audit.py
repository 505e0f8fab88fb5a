"""``youyi-console audit verify`` and ``audit checkpoint``: the chain, and the
signed checkpoints kept outside the database (services/audit_anchor.py); beside
them, each evidence item's custody chain (services/evidence/custody.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.cli.store import opened

if TYPE_CHECKING:
    from services.evidence.custody import CustodyReport


def add_audit_commands(sub: Any) -> None:
    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(title="audit commands", metavar="ACTION", required=True)
    p = audit_sub.add_parser(
        "verify",
        help="check the hash chain and the signed checkpoints; exit 1 if anything was "
        "changed, removed or rewritten",
    )
    p.add_argument(
        "--checkpoints",
        type=Path,
        action="append",
        metavar="FILE",
        help="checkpoint file(s) to check against (default: this machine's own)",
    )
    p.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="KEY",
        help="public key (hex) of another machine whose checkpoints count (this machine's do)",
    )
    p.add_argument(
        "--no-checkpoint",
        action="store_true",
        help="do not take a checkpoint after a trail that holds",
    )
    p.set_defaults(handler=cmd_audit_verify)
    p = audit_sub.add_parser(
        "checkpoint", help="sign the trail's head now and keep it outside the database"
    )
    p.add_argument(
        "--checkpoints", type=Path, metavar="FILE", help="where (default: this machine's)"
    )
    p.set_defaults(handler=cmd_audit_checkpoint)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from services import audit
    from services.audit_anchor import (
        CheckpointFile,
        Signer,
        database_name,
        take_checkpoint,
        verify_checkpoints,
    )
    from services.evidence import custody

    files = [CheckpointFile(p) for p in args.checkpoints or [None]]
    signer = Signer()
    trusted = {signer.public_key, *(k.strip().lower() for k in args.trust)}
    with opened(args) as store:
        with store.reading() as conn:
            report = audit.verify(conn)
            anchors = verify_checkpoints(conn, database_name(store), files, trusted)
            chains = custody.verify(conn)
        ok = report.ok and not anchors.problems
        if ok and not args.no_checkpoint:
            take_checkpoint(
                store, signer, CheckpointFile(args.checkpoints[0] if args.checkpoints else None)
            )
    for problem in [*report.problems, *anchors.problems]:
        print(problem)
    verdict = (
        "intact" if ok else f"BROKEN ({len(report.problems) + len(anchors.problems)} problems)"
    )
    if anchors.latest is not None:
        seen = (
            f"{anchors.checked} checkpoints checked (the latest: row {anchors.latest.seq} "
            f"of {anchors.latest.at})"
        )
    else:
        seen = "no checkpoint to check against yet"
    print(f"audit trail: {report.checked} rows checked, {seen}, {verdict}")
    _print_custody(chains)
    return 0 if ok and chains.ok else 1


def _print_custody(chains: CustodyReport) -> None:
    """Each evidence item's custody log, checked like the trail (issue 13)."""
    for problem in chains.problems:
        print(problem)
    n = len(chains.problems)
    verdict = "intact" if chains.ok else f"BROKEN ({n} problem{'s' * (n != 1)})"
    print(f"evidence custody: {chains.items} items, {chains.entries} entries checked, {verdict}")


def cmd_audit_checkpoint(args: argparse.Namespace) -> int:
    from services.audit_anchor import CheckpointFile, Signer, take_checkpoint

    signer = Signer()
    file = CheckpointFile(args.checkpoints)
    with opened(args) as store:
        cp = take_checkpoint(store, signer, file)
    if cp is None:
        print(f"checkpoint: the trail has not moved since the last one in {file.path}")
    else:
        print(f"checkpoint: row {cp.seq} ({cp.hash[:16]}…) signed by {cp.key} into {file.path}")
    return 0
