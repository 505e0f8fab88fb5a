"""Where a workstation connects: flags, then environment, then the saved settings
(``--remember``), then the embedded default."""

from __future__ import annotations

import argparse

from console import settings as keys
from console.cli.main import build_parser
from console.connection import apply_saved


def parsed(*argv: str, env: dict[str, str] | None = None) -> argparse.Namespace:
    args = build_parser().parse_args(list(argv))
    apply_saved(args, env or {})
    return args


def test_nothing_saved_is_the_embedded_default() -> None:
    args = parsed()
    assert (args.db, args.broker, args.site) == (None, None, "youyi")


def test_remember_saves_and_later_starts_use_it() -> None:
    pg, mqtt = "postgresql://ops@10.0.0.5:5432/youyi", "mqtt://10.0.0.6:1883"
    parsed("--db", pg, "--broker", mqtt, "--site", "youyi-b", "--remember")
    assert keys.settings().value(keys.DATABASE) == pg
    later = parsed()
    assert (later.db, later.broker, later.site) == (pg, mqtt, "youyi-b")
    assert parsed("users", "list").db == pg  # the admin commands go to the same database


def test_flags_and_environment_come_before_the_saved_settings() -> None:
    parsed("--db", "postgresql://ops@db/youyi", "--broker", "mqtt://b:1883", "--remember")
    assert parsed("--db", "sqlite:////tmp/x.db").db == "sqlite:////tmp/x.db"
    from_env = parsed(env={"YOUYI_DB": "postgresql://other/db", "YOUYI_BROKER": "mqtt://o"})
    assert from_env.db is None and from_env.broker is None  # the Store and bus read the env
    parsed("--db", "postgresql://ops@db/youyi")  # without --remember nothing is saved anew
    assert keys.settings().value(keys.DATABASE) == "postgresql://ops@db/youyi"
    parsed("--db", "postgresql://new/db")
    assert keys.settings().value(keys.DATABASE) == "postgresql://ops@db/youyi"
