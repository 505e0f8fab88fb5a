"""The files mobile events name: recorded with their alert by the writer, then
fetched from the media folder or an allowed host on loopback; every refusal
and failure kept on the fetch with its reason, retried with back-off."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from services.alerts.messages import AlertIn
from services.audit import GENESIS
from services.db.evidence_models import EvidenceItem
from services.db.models import Device, table_of
from services.db.store import Store
from services.ingest.media import MediaFetcher, MediaPolicy
from services.ingest.writer import IngestWriter
from tests.support.store import T0, FakeClock, rows, topic

PHOTO = b"\xff\xd8\xff\xe0" + b"evidence" * 100


def mobile_alert(key: str, media: list[str]) -> AlertIn:
    return AlertIn(
        event_key=key,
        topic=topic("MB-0007", "mobile"),
        alert_type="illegal_parking",
        severity=2,
        occurred_at=T0,
        lon=121.49,
        lat=31.40,
        payload={"type": "illegal_parking", "officer_id": "li.zf", "media": media},
    )


class Intake:
    """Stands in for the evidence intake: an item row per file, its bytes kept."""

    def __init__(self, store: Store) -> None:
        self.store, self.taken = store, []  # type: ignore[var-annotated]

    def __call__(self, path: Path, source: str, officer: str | None, alert_id: int) -> int:
        data = path.read_bytes()
        self.taken.append((data, source, officer, alert_id))
        with self.store.transaction() as tx:
            found = tx.conn.execute(
                insert(table_of(EvidenceItem))
                .values(
                    sha256=f"{len(self.taken):064d}",
                    size=len(data),
                    kind="image",
                    media_type="image/jpeg",
                    name=path.name,
                    decodes=True,
                    added_at=T0,
                    custody_seq=0,
                    custody_hash=GENESIS,
                )
                .returning(table_of(EvidenceItem).c.id)
            )
            return int(found.scalar_one())


@pytest.fixture
def mobile_writer(store: Store) -> IngestWriter:
    with store.transaction() as tx:
        tx.conn.execute(
            insert(table_of(Device)).values(id="MB-0007", kind="mobile", name="执法终端 7")
        )
    writer = IngestWriter(store)
    writer.load_devices()
    return writer


@pytest.fixture
def web(tmp_path: Path) -> Iterator[str]:
    """An HTTP server on loopback: /photo.jpg, /big.bin (over the limit), /away (a redirect)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/away":
                self.send_response(302)
                self.send_header("Location", "http://example.com/x.jpg")
                self.end_headers()
                return
            body = PHOTO if self.path == "/photo.jpg" else b"x" * 5000
            if self.path not in ("/photo.jpg", "/big.bin"):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def due_now(store: Store, clock: FakeClock) -> None:
    """The writer stamps fetches with the wall clock; the tests' clock is its own."""
    with store.transaction() as tx:
        tx.conn.execute(text("UPDATE evidence_fetches SET next_try_at = :t"), {"t": clock.now})


def _fetches(store: Store) -> list[tuple[object, ...]]:
    return rows(store, "SELECT ref, state, attempts, last_error FROM evidence_fetches ORDER BY id")


def test_the_writer_records_what_a_mobile_event_names(
    store: Store, mobile_writer: IngestWriter
) -> None:
    mobile_writer.write_batch([mobile_alert("m1", ["2026/12/01/a.jpg", "https://cdn/b.mp4"])])
    mobile_writer.write_batch([mobile_alert("m1", ["2026/12/01/a.jpg"])])  # redelivered: once
    (alert_id,) = rows(store, "SELECT id FROM alerts")[0]
    got = rows(store, "SELECT alert_id, ref, officer, state FROM evidence_fetches ORDER BY id")
    assert got == [
        (alert_id, "2026/12/01/a.jpg", "li.zf", "pending"),
        (alert_id, "https://cdn/b.mp4", "li.zf", "pending"),
    ]


def test_store_paths_and_urls_are_fetched_or_refused_with_a_reason(
    store: Store, mobile_writer: IngestWriter, tmp_path: Path, web: str, clock: FakeClock
) -> None:
    root = tmp_path / "media"
    (root / "2026").mkdir(parents=True)
    (root / "2026" / "a.jpg").write_bytes(PHOTO)
    outside = tmp_path / "secret.txt"
    outside.write_text("not evidence")
    (root / "2026" / "link.jpg").symlink_to(outside)
    os.mkfifo(root / "2026" / "pipe.jpg")
    refs = [
        "2026/a.jpg",
        "../secret.txt",
        "/etc/passwd",
        "2026/link.jpg",
        "2026/pipe.jpg",
        f"{web}/photo.jpg",
        f"{web}/big.bin",
        f"{web}/away",
        "https://evil.example/x.jpg",
        "ftp://127.0.0.1/x.jpg",
    ]
    mobile_writer.write_batch([mobile_alert("m2", refs)])
    due_now(store, clock)
    intake = Intake(store)
    policy = MediaPolicy(root=root, hosts=frozenset({"127.0.0.1"}), max_bytes=4000)
    result = MediaFetcher(store, intake, policy, clock).run_once()
    assert (result.done, result.failed, result.retried) == (2, 8, 0)
    assert [t[0] for t in intake.taken] == [PHOTO, PHOTO]
    assert {t[1] for t in intake.taken} == {"2026/a.jpg", f"{web}/photo.jpg"}
    states = {ref: (state, error) for ref, state, _n, error in _fetches(store)}
    assert states["2026/a.jpg"] == ("done", None)
    reasons = {ref: str(error) for ref, (state, error) in states.items() if state == "failed"}
    assert "inside the media folder" in reasons["../secret.txt"]
    assert "inside the media folder" in reasons["/etc/passwd"]
    assert "symbolic link" in reasons["2026/link.jpg"]
    assert "not a regular file" in reasons["2026/pipe.jpg"]
    assert "over the limit" in reasons[f"{web}/big.bin"]
    assert "redirected" in reasons[f"{web}/away"]
    assert "allow-list" in reasons["https://evil.example/x.jpg"]
    assert "neither a store path nor" in reasons["ftp://127.0.0.1/x.jpg"]
    linked = rows(store, "SELECT count(*) FROM evidence_fetches WHERE item_id IS NOT NULL")
    assert linked == [(2,)]


def test_a_file_not_there_yet_is_tried_again_then_failed(
    store: Store, mobile_writer: IngestWriter, tmp_path: Path, web: str, clock: FakeClock
) -> None:
    root = tmp_path / "media"
    root.mkdir()
    mobile_writer.write_batch([mobile_alert("m3", ["late.jpg", f"{web}/gone.jpg"])])
    policy = MediaPolicy(root=root, hosts=frozenset({"127.0.0.1"}), max_attempts=3)
    due_now(store, clock)
    fetcher = MediaFetcher(store, Intake(store), policy, clock)
    first = fetcher.run_once()
    assert (first.retried, first.failed) == (2, 0)
    assert fetcher.run_once().retried == 0  # not due before its back-off
    (root / "late.jpg").write_bytes(PHOTO)  # the upload lands
    clock.advance(minutes=1)
    second = fetcher.run_once()
    assert (second.done, second.retried) == (1, 1)
    clock.advance(minutes=5)
    third = fetcher.run_once()
    assert third.failed == 1
    got = {ref: (state, n, error) for ref, state, n, error in _fetches(store)}
    assert got["late.jpg"][:2] == ("done", 2)
    state, attempts, error = got[f"{web}/gone.jpg"]
    assert (state, attempts) == ("failed", 3) and "404" in str(error)


def test_the_ingest_service_takes_the_files_into_the_evidence_store(
    store: Store, mobile_writer: IngestWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end, without a broker: a mobile event fed in, its photo in the media
    folder fetched by the service's own fetcher into the real evidence store."""
    from services.ingest.service import IngestService

    monkeypatch.setenv("YOUYI_EVIDENCE_DIR", str(tmp_path / "evidence"))
    root = tmp_path / "media"
    root.mkdir()
    (root / "p1.jpg").write_bytes(PHOTO)
    service = IngestService(store, None, "youyi", media_policy=MediaPolicy(root=root))
    service.writer.load_devices()
    service.feed([mobile_alert("m9", ["p1.jpg"])])
    result = service.media.run_once()
    assert (result.done, result.failed) == (1, 0), result.reasons
    item = rows(store, "SELECT name, officer, decodes, flag FROM evidence_items")
    assert item[0][:2] == ("p1.jpg", "li.zf")  # the event's officer
    fetch = rows(store, "SELECT state, item_id IS NOT NULL FROM evidence_fetches")
    assert fetch == [("done", True)]
    custody = rows(store, "SELECT actor, action FROM evidence_custody")
    assert custody == [("ingest", "intake")]
