"""``youyi-console evidence …``: take officers' files in, list and review them,
attach them to work orders (``export`` and ``verify``: console.cli.evidence_export).

Every command acts as the signed-in account (an officer or an administrator:
anyone else is refused with one line, exit 2, and the refusal audited).
``import`` shows a progress bar on stderr when it is a terminal (a plain line a
file otherwise), then one line per file refused and a summary; exit 0 when
every file was taken in or was there already, 1 when some were refused, 2 on a
usage error or a refused user.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from console.cli.evidence_export import add_export_commands
from console.cli.parser import number
from console.cli.sign_in import acting_as, cli_console
from console.cli.store import opened
from services.district.timezone import district_tz
from services.domain import EvidenceFilter, EvidenceItem, EvidenceKind, Principal, Verdict
from services.evidence.intake import DEFAULT_MAX_BYTES, IntakeRequest, Outcome, Progress
from services.evidence.service import EvidenceService
from services.evidence.vault import ENV, Vault, size_text
from services.text_rules import shown

LOCAL = district_tz()
_ID = number(int, 1, 2**63 - 1)


def add_evidence_commands(sub: Any) -> None:
    evidence = sub.add_parser("evidence", help="mobile evidence: intake, review, export, verify")
    e_sub = evidence.add_subparsers(title="evidence commands", metavar="ACTION", required=True)

    p = e_sub.add_parser(
        "import",
        help="take files or folders in (a phone's or body camera's dump), with their sidecars",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--officer", metavar="ID", help="who captured them (a sidecar may say)")
    p.add_argument("--order", metavar="NUMBER", help="attach every item to this work order")
    p.add_argument(
        "--evidence-dir",
        type=Path,
        metavar="DIR",
        help=f"the evidence store (default ${ENV}, else the user's data folder)",
    )
    p.add_argument(
        "--max-size",
        type=number(int, 1, 2**62),
        default=DEFAULT_MAX_BYTES,
        metavar="BYTES",
        help=f"refuse larger files (default {size_text(DEFAULT_MAX_BYTES)})",
    )
    p.set_defaults(handler=cmd_import)

    p = e_sub.add_parser("list", help="evidence items, newest capture first")
    p.add_argument("--officer", metavar="ID")
    p.add_argument("--order", metavar="NUMBER", help="attached to this work order")
    p.add_argument("--kind", action="append", choices=[k.value for k in EvidenceKind])
    p.add_argument("--grid", action="append", metavar="CODE", help="captured in this grid cell")
    p.add_argument("--unreviewed", action="store_true", help="only items without a verdict")
    p.add_argument("--limit", type=number(int, 1, 10_000), default=100)
    p.add_argument("--json", action="store_true", help="JSON, one array")
    p.set_defaults(handler=cmd_list)

    p = e_sub.add_parser(
        "fetches", help="files mobile events named: fetched, waiting or failed (with why)"
    )
    p.add_argument("--failed", action="store_true", help="only those that failed for good")
    p.add_argument("--limit", type=number(int, 1, 10_000), default=50)
    p.set_defaults(handler=cmd_fetches)

    p = e_sub.add_parser("show", help="an item's metadata and its custody log")
    p.add_argument("id", type=_ID, metavar="ID")
    p.set_defaults(handler=cmd_show)

    p = e_sub.add_parser("verdict", help="review an item: usable, not usable, needs more")
    p.add_argument("id", type=_ID, metavar="ID")
    p.add_argument("verdict", choices=[v.value for v in Verdict])
    p.add_argument("--note", default="", help="why (needed for not_usable and needs_more)")
    p.set_defaults(handler=cmd_verdict)

    p = e_sub.add_parser("attach", help="attach an item to a work order")
    p.add_argument("id", type=_ID, metavar="ID")
    p.add_argument("order", metavar="ORDER", help="the work order's number")
    p.set_defaults(handler=cmd_attach)

    p = e_sub.add_parser("detach", help="detach an item from a work order")
    p.add_argument("id", type=_ID, metavar="ID")
    p.add_argument("order", metavar="ORDER", help="the work order's number")
    p.set_defaults(handler=cmd_detach)

    add_export_commands(e_sub)


@contextmanager
def _evidence(args: argparse.Namespace) -> Iterator[tuple[EvidenceService, Principal]]:
    """The evidence service and the signed-in account it acts for."""
    vault = Vault(getattr(args, "evidence_dir", None))
    with opened(args) as store:
        principal = acting_as(args, store)
        yield EvidenceService(store, vault, console=cli_console()), principal


# --- import ----------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    request = IntakeRequest(
        paths=args.paths, officer=args.officer, order=args.order, max_bytes=args.max_size
    )
    with _evidence(args) as (evidence, me):
        shown_progress = ProgressLine(sys.stderr)
        try:
            report = evidence.take_in(me, request, shown_progress)
        finally:
            shown_progress.close()
        where = evidence.vault.root
    for f in report.refused:
        print(f"refused {f.source}: {f.reason}")
    taken, again = report.count(Outcome.TAKEN), report.count(Outcome.DUPLICATE)
    refused = len(report.refused)
    files = len(report.files)
    print(
        f"{files} file{'s' * (files != 1)}: {taken} taken in, {again} already kept, "
        f"{refused} refused (evidence store {shown(str(where))})"
    )
    return 1 if refused else 0


class ProgressLine:
    """The intake's progress on ``stream``: a bar redrawn in place (at most ten
    times a second) on a terminal, else a plain line per file done."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.terminal = stream.isatty()
        self._drawn = 0.0
        self._files = -1
        self._open = False

    def __call__(self, p: Progress) -> None:
        if self.terminal:
            now = time.monotonic()
            last = p.files_done == p.files_total and p.bytes_done >= p.bytes_total
            if now - self._drawn >= 0.1 or last:
                self._drawn = now
                self.stream.write("\r" + self.bar(p))
                self.stream.flush()
                self._open = True
        elif p.files_done != self._files and p.files_total:
            self._files = p.files_done
            if p.files_done:
                self.stream.write(self.text(p) + "\n")

    def close(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False
        self.stream.flush()

    @staticmethod
    def text(p: Progress) -> str:
        return (
            f"{p.files_done}/{p.files_total} files, "
            f"{size_text(p.bytes_done)} of {size_text(p.bytes_total)}"
        )

    @classmethod
    def bar(cls, p: Progress, width: int = 30) -> str:
        if p.bytes_total:
            part = p.bytes_done / p.bytes_total
        else:
            part = p.files_done / p.files_total if p.files_total else 1.0
        filled = min(width, int(part * width))
        return f"[{'#' * filled}{'.' * (width - filled)}] {part:4.0%}  {cls.text(p)}"


# --- reading ---------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    with _evidence(args) as (evidence, me):
        order_id = evidence.order_id(args.order) if args.order else None
        flt = EvidenceFilter(
            officer=args.officer,
            order_id=order_id,
            kinds=frozenset(EvidenceKind(k) for k in args.kind or ()),
            grids=frozenset(args.grid or ()),
            reviewed=False if args.unreviewed else None,
        )
        found = evidence.items(me, flt, limit=args.limit)
        numbers = evidence.order_numbers(sorted({o for i in found for o in i.orders}))
    if args.json:
        json.dump([_record(i, numbers) for i in found], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for item in found:
        print(_line(item, numbers))
    return 0


def cmd_fetches(args: argparse.Namespace) -> int:
    with _evidence(args) as (evidence, me):
        found = evidence.fetches(me, failed_only=args.failed, limit=args.limit)
    for f in found:
        item = f"item {f['item_id']}" if f["item_id"] else (f["last_error"] or "")
        print(
            shown(
                f"{f['id']:>6}  alert {f['alert_id']:<8} {f['state']:<8} "
                f"tries {f['attempts']:<2} {f['ref']}  {item}"
            )
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _evidence(args) as (evidence, me):
        item = evidence.item(me, args.id)
        steps = evidence.custody(me, args.id)
        numbers = evidence.order_numbers(list(item.orders))
    print(_line(item, numbers))
    for key, value in _record(item, numbers).items():
        if key not in ("id", "name") and value not in (None, [], ""):
            print(shown(f"  {key:<13}{value}"))
    print("  custody:")
    for s in steps:
        at = s.at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S")
        detail = json.dumps(s.detail, ensure_ascii=False, sort_keys=True) if s.detail else ""
        print(shown(f"    #{s.seq:<3} {at}  {s.actor}@{s.console}  {s.action.value} {detail}"))
    return 0


# --- acting ----------------------------------------------------------------------


def cmd_verdict(args: argparse.Namespace) -> int:
    with _evidence(args) as (evidence, me):
        item = evidence.set_verdict(me, args.id, Verdict(args.verdict), args.note)
        numbers = evidence.order_numbers(list(item.orders))
    print(_line(item, numbers))
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    with _evidence(args) as (evidence, me):
        item = evidence.attach(me, args.id, args.order)
        numbers = evidence.order_numbers(list(item.orders))
    print(_line(item, numbers))
    return 0


def cmd_detach(args: argparse.Namespace) -> int:
    with _evidence(args) as (evidence, me):
        item = evidence.detach(me, args.id, args.order)
        numbers = evidence.order_numbers(list(item.orders))
    print(_line(item, numbers))
    return 0


# --- how an item is printed ------------------------------------------------------


def _line(i: EvidenceItem, numbers: dict[int, str]) -> str:
    when = i.captured_at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M") if i.captured_at else "-"
    orders = ",".join(numbers.get(o, str(o)) for o in i.orders) or "-"
    verdict = i.verdict.value if i.verdict else "unreviewed"
    flag = f"  FLAGGED: {i.flag}" if i.flag else ""
    return shown(
        f"{i.id:>6}  {when:<16}  {i.kind.value:<8} {i.grid or '-':<4} {i.officer or '-':<10} "
        f"{verdict:<10} {orders}  {i.name}{flag}"
    )


def _record(i: EvidenceItem, numbers: dict[int, str]) -> dict[str, Any]:
    return {
        "id": i.id,
        "name": i.name,
        "sha256": i.sha256,
        "size": i.size,
        "kind": i.kind.value,
        "media_type": i.media_type,
        "captured_at": i.captured_at.astimezone(LOCAL).isoformat() if i.captured_at else None,
        "lon": i.lon,
        "lat": i.lat,
        "grid": i.grid,
        "officer": i.officer,
        "device": i.device,
        "decodes": i.decodes,
        "flag": i.flag,
        "verdict": i.verdict.value if i.verdict else None,
        "verdict_note": i.verdict_note,
        "verdict_by": i.verdict_by,
        "added_at": i.added_at.astimezone(LOCAL).isoformat(),
        "orders": [numbers.get(o, str(o)) for o in i.orders],
    }
