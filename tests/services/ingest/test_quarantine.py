"""The quarantine stays bounded: a prefix of each payload with its whole size and
digest, 30 days and 100,000 entries at most; the parser's topic cache does not
grow with garbage topics."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from console.cli import main
from services.alerts import parse as parse_module
from services.alerts.messages import Rejected
from services.alerts.parse import parse
from services.db.models import Quarantine, table_of
from services.db.store import Store
from services.ingest import quarantine
from services.ingest.quarantine import prune_quarantine, quarantine_row
from services.ingest.writer import IngestWriter
from tests.support.store import T0, rows

BIG = 10 * 1024 * 1024


def test_a_huge_payload_keeps_a_prefix_its_size_and_digest(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = IngestWriter(store)
    writer.load_devices()
    payloads = [os.urandom(BIG) for _ in range(3)]
    writer.write_batch([Rejected("youyi/elevator/EL-1/event", p, "too big", T0) for p in payloads])
    got = rows(store, "SELECT raw, raw_size, raw_sha256 FROM quarantine ORDER BY id")
    assert [(bytes(r), n, h) for r, n, h in got] == [
        (p[:4096], BIG, hashlib.sha256(p).hexdigest()) for p in payloads
    ]
    if not store.is_postgres:
        assert Path(str(store.url.database)).stat().st_size < 5 * 1024 * 1024  # not 30 MB
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "quarantine", "list"]) == 0
    out = capsys.readouterr().out
    assert f"(10,485,760 bytes  sha256 {hashlib.sha256(payloads[2]).hexdigest()})" in out


def test_old_and_surplus_entries_are_pruned(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quarantine, "MAX_ROWS", 5)
    now = datetime(2026, 12, 2, tzinfo=UTC)
    old = [quarantine_row("t/old", b"x", "old", now - timedelta(days=31)) for _ in range(3)]
    new = [quarantine_row(f"t/new{i}", b"y", "new", now - timedelta(hours=i)) for i in range(8)]
    with store.transaction() as tx:
        tx.conn.execute(insert(table_of(Quarantine)), old + new)
    assert prune_quarantine(store, now) == 3 + 3
    kept = rows(store, "SELECT topic FROM quarantine ORDER BY id")
    assert kept == [(f"t/new{i}",) for i in range(3, 8)]  # the newest five by arrival
    assert prune_quarantine(store, now) == 0


def test_garbage_topics_do_not_fill_the_topic_cache() -> None:
    before = parse_module._topic.cache_info().currsize
    for i in range(2000):
        topic = f"youyi/elevator/{i:05d}{'x' * 60_000}/event"
        item = parse(topic, b"{}", T0)
        assert isinstance(item, Rejected)
        assert item.reason.startswith("topic: 60,")
        assert "longer than any topic can be (200)" in item.reason
    assert parse_module._topic.cache_info().currsize <= before + 1
