"""``youyi-console evidence export``, ``evidence verify`` and ``evidence key``.

``export`` acts as the signed-in account (an officer or administrator) and
writes a work order's evidence into a new folder with a signed manifest
(services/evidence/export.py).  ``verify`` checks such a folder on any machine
and opens no database (services/evidence/verify.py): exit 0 when everything
matches, 1 naming each file changed, missing or extra and whether the manifest
was changed, 2 when the folder is not an export.  ``key`` prints this
machine's public signing key, for whoever is to check its exports.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from console.cli.sign_in import acting_as, cli_console
from console.cli.store import opened
from services.errors import ConfigError


def add_export_commands(e_sub: Any) -> None:
    """Register ``export``, ``verify`` and ``key`` under ``evidence``."""
    p = e_sub.add_parser(
        "export",
        help="a work order's evidence into a new folder: the original files, a manifest "
        "(JSON and a printable page) and its Ed25519 signature",
    )
    p.add_argument("--order", required=True, metavar="NUMBER", help="e.g. YY-20261123-0042")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="empty or new folder")
    p.add_argument(
        "--evidence-dir",
        type=Path,
        metavar="DIR",
        help="the evidence store (default $YOUYI_EVIDENCE_DIR, else the user's data folder)",
    )
    p.set_defaults(handler=cmd_export)

    p = e_sub.add_parser(
        "verify",
        help="check an export (no database): exit 0 when it is as signed, 1 naming what "
        "was changed, removed or added",
    )
    p.add_argument("dir", type=Path, metavar="DIR", help="the export's folder")
    p.add_argument(
        "--key",
        metavar="PUBLIC_KEY",
        help="the exporter's public key: a PEM file, a file of hex, or the 64 hex digits "
        "(default: the key inside the manifest, which proves less)",
    )
    p.set_defaults(handler=cmd_verify)

    p = e_sub.add_parser("key", help="print this machine's public key that signs exports")
    p.add_argument("--out", type=Path, metavar="FILE", help="also write it (PEM) to FILE")
    p.set_defaults(handler=cmd_key)


def cmd_export(args: argparse.Namespace) -> int:
    from services.evidence.export import export_order
    from services.evidence.signing import EvidenceSigner
    from services.evidence.vault import size_text

    signer = EvidenceSigner()
    with opened(args) as store:
        me = acting_as(args, store)
        done = export_order(
            store, me, args.order, args.out, args.evidence_dir, signer, console=cli_console()
        )
    print(
        f"exported {done.files} evidence files ({size_text(done.size)}) of {done.order} "
        f"into {done.out_dir}"
    )
    print(f"manifest signed by key {done.fingerprint} (`youyi-console evidence key` prints it)")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Opens no store: an export is checked on any machine, database or none."""
    from services.evidence.signing import load_public_key
    from services.evidence.verify import verify_export

    key = load_public_key(args.key) if args.key else None
    report = verify_export(args.dir, key)
    for line in report.problems():
        print(line)
    for warning in report.warnings:
        print(f"warning: {warning}")
    which = "the key given" if report.key_source == "given" else "the manifest's own key"
    signed = f"checked with {which} {report.key_fingerprint or '(none)'}"
    problems = len(report.problems())
    verdict = "intact" if report.ok else f"CHANGED ({problems} problem{'s' * (problems != 1)})"
    print(
        f"evidence export {args.dir}: {report.matched} of {report.listed} files match, "
        f"{signed}, {verdict}"
    )
    return 0 if report.ok else 1


def cmd_key(args: argparse.Namespace) -> int:
    from services.evidence.signing import EvidenceSigner

    signer = EvidenceSigner()
    print(f"fingerprint {signer.fingerprint}")
    print(f"hex {signer.public_hex}")
    print(signer.public_pem, end="")
    if args.out:
        try:
            args.out.write_text(signer.public_pem, encoding="ascii")
        except OSError as exc:
            raise ConfigError(f"cannot write {args.out}: {exc.strerror or exc}") from None
        print(f"public key written to {args.out}")
    return 0
