"""``youyi-console``: the console, and the sub-commands administrators script."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from console import __version__
from console.cli.parser import OneLineParser, accept_anywhere
from console.cli.store import PROG, open_store, opened
from console.connection import apply_saved, ask_on_terminal
from console.logs import setup_logging
from services.db.migrate import current_revision, head_revision, is_current, upgrade
from services.db.store import Store
from services.errors import ServiceError

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Operations-center console of Youyi Road sub-district (友谊路街道城运中心). "
        "With no sub-command it starts the console.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (sqlite:///PATH or "
        "postgresql://USER@HOST:PORT/DB); default $YOUYI_DB, else the saved "
        "one (--remember), else a SQLite file in the user's data folder",
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="UI language (default zh_CN)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument(
        "--self-test",
        action="store_const",
        const=cmd_self_test,
        dest="handler",
        help="check this installation (database, broker and ingest, video, window) "
        "offscreen, one line a check; exit 1 if any fails",
    )
    parser.set_defaults(handler=cmd_run)
    sub = parser.add_subparsers(title="sub-commands", metavar="COMMAND")

    parser.add_argument(
        "--broker",
        metavar="URL",
        help="ingest alerts in this console from mqtt://[USER:PASSWORD@]HOST[:PORT] "
        "(or mqtts://); default $YOUYI_BROKER, else the saved one; the demo runs its own",
    )
    parser.add_argument("--site", help="topic root (default: saved, else youyi)")
    parser.add_argument(
        "--remember",
        action="store_true",
        help="save --db, --broker and --site as this workstation's settings "
        "(used when neither flags nor $YOUYI_DB / $YOUYI_BROKER say otherwise)",
    )
    parser.add_argument(
        "--no-ingest",
        action="store_true",
        help="leave ingestion to a headless `youyi-console ingest` service",
    )
    parser.add_argument(
        "--no-demo", action="store_true", help="no simulated traffic on the embedded default"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="nothing saved yet: start on the embedded default without the first-run "
        "set-up dialog (bash build/demo)",
    )
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        help="the account to act as: for the console, the demo's account to start as "
        "(operator, supervisor, officer, admin; a real database always asks for the "
        "password); for `login`, who signs in; for other commands, whose kept sign-in "
        "to use (on a terminal, asked for the password if there is none)",
    )
    run = sub.add_parser("run", help="start the console (the default)")
    run.set_defaults(handler=cmd_run)

    db = sub.add_parser("db", help="database schema and demo data")
    db_sub = db.add_subparsers(title="db commands", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="migrate the database to the newest schema").set_defaults(
        handler=cmd_db_upgrade
    )
    db_sub.add_parser("current", help="print the schema revision").set_defaults(
        handler=cmd_db_current
    )
    db_sub.add_parser(
        "seed-demo",
        help="load the demo district (grids, units, communities, cameras, devices)",
    ).set_defaults(handler=cmd_db_seed)

    from console.cli.sign_in import add_sign_in_commands

    add_sign_in_commands(sub)
    from console.cli.audit import add_audit_commands

    add_audit_commands(sub)

    from console.cli.orders import add_order_commands

    add_order_commands(sub)
    from console.cli.ingest import add_ingest_commands

    add_ingest_commands(sub)
    # More sub-command modules register below, one import and one call each.
    from console.cli.admin import add_admin_commands

    add_admin_commands(sub)
    from console.cli.sim import add_sim_commands

    add_sim_commands(sub)
    from console.cli.users import add_user_commands

    add_user_commands(sub)
    from console.cli.video import add_video_commands

    add_video_commands(sub)
    from console.cli.evidence import add_evidence_commands

    add_evidence_commands(sub)
    from console.cli.report import add_report_commands

    add_report_commands(sub)
    accept_anywhere(parser, ["--db", "--lang", "--verbose", "--broker", "--site", "--user"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    handler: Handler = args.handler
    try:
        apply_saved(args)
        if handler is not cmd_run:  # the window asks in a dialog of its own
            ask_on_terminal(args)
        return handler(args)
    except ServiceError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` or a pager that stopped reading: end quietly,
        # and keep Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    from console.self_test import run_self_test

    return run_self_test()


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    with opened(args, migrated=False) as store:
        rev = upgrade(store.engine)
        print(f"{store.label}: schema at {rev}")
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    with opened(args, migrated=False) as store:
        print(
            f"{store.label}: schema at {current_revision(store.engine) or 'none'} "
            f"(newest {head_revision()})"
        )
    return 0


def seed_demo(store: Store) -> int:
    """The demo district and its accounts (imported here: shapely and the
    registry cost start-up time that a seeded database does not need)."""
    from services.access.auth import add_demo_users
    from services.db.demo import load_demo_district

    return load_demo_district(store) + add_demo_users(store)


def cmd_db_seed(args: argparse.Namespace) -> int:
    from console.cli.sign_in import administrator

    with opened(args) as store:
        administrator(args, store)  # the demo's accounts are accounts
        added = seed_demo(store)
        print(f"{store.label}: {added} demo rows added")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Start the console.  On the embedded default (no --db, no $YOUYI_DB) the
    SQLite file is migrated, the demo district loaded on first start, and live
    demo traffic runs beside the window (own broker, ingest, simulator)."""
    from console.first_run import prepare

    if not prepare(args):  # the set-up dialog or a password prompt was closed
        return 0
    embedded = not (args.db or os.environ.get("YOUYI_DB"))
    store = Store(args.db)
    try:
        if not store.is_postgres and not is_current(store.engine):
            upgrade(store.engine)
            if not _has_district(store):
                seed_demo(store)
        label = store.label
    finally:
        store.close()
    open_store(args).close()  # a shared database must already be migrated
    url = str(store.url.render_as_string(hide_password=False))
    demo = embedded and not args.no_demo
    traffic = _start_traffic(args, url, demo=demo)
    from console.app import run_gui

    shared = traffic.store if traffic is not None else None
    bus, where, health = traffic.bus() if traffic is not None else (None, "", None)
    try:
        return run_gui(
            url,
            label,
            args.lang,
            store=shared,
            user=(args.user or "operator") if demo else None,
            login_hint="" if demo else (args.user or ""),
            bus=bus,
            bus_where=where,
            health=health,
        )
    finally:
        if traffic is not None:
            traffic.stop()


def _has_district(store: Store) -> bool:
    from sqlalchemy import text

    with store.reading() as conn:
        return conn.execute(text("SELECT 1 FROM grid_cells LIMIT 1")).first() is not None


class _Traffic:
    """What runs beside the window: the demo's traffic or an in-process ingest."""

    def __init__(self, store: Store, runner: Any) -> None:
        self.store, self.runner = store, runner

    def bus(self) -> tuple[Any, str, Any]:
        """The ingest's MQTT bus and health (or None, "direct" and None for the
        demo's direct feed)."""
        ingest = getattr(self.runner, "ingest", self.runner)
        pipeline = getattr(ingest, "pipeline", None)
        if pipeline is None:
            return None, "direct", None
        return pipeline.bus, "", pipeline.health

    def stop(self) -> None:
        try:
            self.runner.stop()
        finally:
            self.store.close()


def _start_traffic(args: argparse.Namespace, url: str, *, demo: bool) -> _Traffic | None:
    """The demo runtime, or the ingest service on ``--broker``, or nothing."""
    broker = args.broker or os.environ.get("YOUYI_BROKER")
    if args.no_ingest or not (demo or broker):
        return None
    store = Store(url)
    try:
        if broker:
            from console.connection import client_id
            from services.bus import BrokerSettings
            from services.ingest.service import IngestService

            settings = BrokerSettings.from_url(broker, client_id=client_id())
            runner: Any = IngestService(store, settings, args.site)
            runner.start()
            log.info("ingesting %s/# from %s:%s", args.site, settings.host, settings.port)
        else:
            from console.demo_runtime import DemoRuntime

            runner = DemoRuntime(store)
            mode = runner.start()
            print(f"{PROG}: demo traffic on {mode.description}", flush=True)
    except Exception:
        store.close()
        raise
    return _Traffic(store, runner)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
