"""Taking a dump in: what the files tell, what their sidecars state, duplicates,
undecodable files, hostile dumps, grid cells and order links (SQLite and
PostgreSQL)."""

from __future__ import annotations

import errno
import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from services.db.evidence_models import EvidenceItem
from services.db.models import table_of
from services.db.store import Store
from services.domain import Actor, CustodyAction, EvidenceKind
from services.errors import NotFoundError
from services.evidence import custody, intake, metadata
from services.evidence.intake import IntakeReport, IntakeRequest, Outcome, Progress, take_in
from services.evidence.vault import Vault
from services.workflow.orders import WorkOrderService
from tests.support import media
from tests.support.store import FakeClock, raise_order, rows

ACTOR = Actor("li.zf", "cli:li@pc-07")
G12 = (121.49155, 31.408225)  # 滨江华庭


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    return Vault(tmp_path / "vault")


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    folder = tmp_path / "DCIM"
    folder.mkdir()
    return folder


def _take(
    store: Store, vault: Vault, *paths: Path, clock: FakeClock | None = None, **kw: object
) -> IntakeReport:
    request = IntakeRequest(paths=paths, **kw)  # type: ignore[arg-type]
    return take_in(store, vault, request, ACTOR, clock or FakeClock())


def _outcomes(report: IntakeReport) -> dict[str, tuple[Outcome, str]]:
    return {Path(f.source).name: (f.outcome, f.reason) for f in report.files}


def _item(store: Store, name: str) -> dict[str, object]:
    items = table_of(EvidenceItem)
    with store.reading() as conn:
        return dict(conn.execute(select(items).where(items.c.name == name)).mappings().one())


def _count(store: Store, table: str) -> int:
    return int(str(rows(store, f"SELECT count(*) FROM {table}")[0][0]))


def test_what_the_files_tell(store: Store, vault: Vault, dump: Path) -> None:
    media.jpeg(
        dump / "IMG_0001.JPG",
        taken="2026:11:23 10:15:00",
        position=media.C01,
        camera=("HUAWEI", "P60 Pro"),
    )
    media.jpeg(dump / "IMG_0002.JPG")
    media.png(dump / "screen.png")
    media.mp4(dump / "VID_0003.MP4", location="+31.4082+121.4915/")
    media.wav(dump / "memo.wav")
    media.pdf(dump / "notice.pdf")
    media.heic(dump / "IMG_0004.HEIC")
    report = _take(store, vault, dump)
    assert {o for o, _ in _outcomes(report).values()} == {Outcome.TAKEN}
    assert len(report.files) == 7
    photo = _item(store, "IMG_0001.JPG")
    assert photo["kind"] == "image" and photo["media_type"] == "image/jpeg" and photo["decodes"]
    assert photo["captured_at"] == datetime(2026, 11, 23, 2, 15, tzinfo=UTC)  # 10:15 Shanghai
    assert (photo["lon"], photo["lat"]) == pytest.approx(media.C01, abs=1e-5)
    assert photo["grid_code"] == "G11" and photo["device"] == "HUAWEI P60 Pro"
    bare = _item(store, "IMG_0002.JPG")
    assert (bare["captured_at"], bare["lon"], bare["grid_code"]) == (None, None, None)
    clip = _item(store, "VID_0003.MP4")
    assert (clip["kind"], clip["media_type"], clip["decodes"]) == ("video", "video/mp4", True)
    assert clip["captured_at"] == datetime(2026, 11, 23, 2, 15, tzinfo=UTC)
    assert clip["grid_code"] == "G12"
    kinds = {n: _item(store, n)["media_type"] for n in ("screen.png", "memo.wav", "notice.pdf")}
    assert kinds == {
        "screen.png": "image/png",
        "memo.wav": "audio/wav",
        "notice.pdf": "application/pdf",
    }
    assert _item(store, "IMG_0004.HEIC")["media_type"] == "image/heic"
    assert all(_item(store, n)["decodes"] for n in ("memo.wav", "notice.pdf", "IMG_0004.HEIC"))
    for f in report.files:  # every file kept byte for byte under its hash
        assert f.sha256 and vault.path_of(f.sha256).read_bytes() == Path(f.source).read_bytes()


def test_kind_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    fake = media.png(tmp_path / "photo.jpg")
    assert metadata.read_facts(fake).media_type == "image/png"
    mov = media.mp4(tmp_path / "clip.dat")
    assert metadata.read_facts(mov).kind is EvidenceKind.VIDEO
    other = tmp_path / "notes.jpg"
    other.write_bytes(b"plain text, not a picture")
    facts = metadata.read_facts(other)
    assert facts.kind is EvidenceKind.OTHER and not facts.decodes
    assert "kept as it is" in str(facts.flag)


def test_without_pyav_ffprobe_probes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyAV first (in this process); ffprobe, a process a file, where PyAV is missing."""
    clip = media.mp4(tmp_path / "clip.mp4")
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(clip.read_bytes()[:200])
    real = metadata.importlib.util.find_spec
    monkeypatch.setattr(
        metadata.importlib.util, "find_spec", lambda name, *a: None if name == "av" else real(name)
    )
    facts = metadata.read_facts(clip)
    assert facts.decodes and facts.embedded.captured_at == datetime(2026, 11, 23, 2, 15, tzinfo=UTC)
    bad = metadata.read_facts(broken)
    assert not bad.decodes and str(bad.flag).startswith("does not decode as video/mp4 (ffprobe:")


def test_without_ffprobe_pyav_probes_and_without_pillow_heif_heic_is_flagged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clip = media.mp4(tmp_path / "clip.mp4")
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(clip.read_bytes()[:200])
    monkeypatch.setattr(metadata.shutil, "which", lambda *a, **k: None)
    facts = metadata.read_facts(clip)
    assert facts.decodes and facts.embedded.captured_at == datetime(2026, 11, 23, 2, 15, tzinfo=UTC)
    assert facts.embedded.position == pytest.approx((121.4820, 31.4102))
    bad = metadata.read_facts(broken)
    assert not bad.decodes and str(bad.flag).startswith("does not decode as video/mp4 (PyAV:")
    monkeypatch.setattr(metadata, "_heif_opener", lambda: False)
    heic = metadata.read_facts(media.heic(tmp_path / "IMG.HEIC"))
    assert not heic.decodes and "cannot decode HEIC here" in str(heic.flag)


def test_sidecars_per_file_and_per_folder_win_over_the_file(
    store: Store, vault: Vault, dump: Path
) -> None:
    media.jpeg(dump / "a.jpg", taken="2026:11:23 10:15:00", position=media.C01, colour=(1, 2, 3))
    media.jpeg(dump / "b.jpg", colour=(4, 5, 6))
    media.jpeg(dump / "c.jpg", colour=(7, 8, 9))
    media.folder_sidecar(
        dump,
        {
            "officer": "zf-007",
            "device": "执法记录仪 DSJ-01",
            "b.jpg": {"captured_at": "2026-11-22T21:00:00+08:00", "lon": G12[0], "lat": G12[1]},
        },
    )
    media.sidecar(dump / "a.jpg", officer="zf-009", captured_at="2026-11-23T09:00:00+08:00")
    report = _take(store, vault, dump, officer="zf-001")
    assert [Path(f.source).name for f in report.files] == ["a.jpg", "b.jpg", "c.jpg"]
    a, b, c = (_item(store, n) for n in ("a.jpg", "b.jpg", "c.jpg"))
    assert (a["officer"], a["device"], a["grid_code"]) == ("zf-009", "执法记录仪 DSJ-01", "G11")
    assert a["captured_at"] == datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # the sidecar's, not EXIF's
    assert (b["officer"], b["grid_code"]) == ("zf-007", "G12")
    assert b["captured_at"] == datetime(2026, 11, 22, 13, 0, tzinfo=UTC)
    assert (c["officer"], c["captured_at"], c["grid_code"]) == ("zf-007", None, None)
    assert _count(store, "evidence_items") == 3  # the sidecars are no evidence


def test_a_malformed_sidecar_refuses_the_files_it_speaks_for(
    store: Store, vault: Vault, dump: Path
) -> None:
    media.jpeg(dump / "typo.jpg", colour=(1, 1, 1))
    media.sidecar(dump / "typo.jpg", offcer="zf-009")
    media.jpeg(dump / "naive.jpg", colour=(2, 2, 2))
    media.sidecar(dump / "naive.jpg", captured_at="2026-11-23T09:00:00")
    media.jpeg(dump / "half.jpg", colour=(3, 3, 3))
    media.sidecar(dump / "half.jpg", lon=121.48)
    media.jpeg(dump / "fine.jpg", colour=(4, 4, 4))
    bad = dump / "bad"
    bad.mkdir()
    media.jpeg(bad / "x.jpg", colour=(5, 5, 5))
    (bad / "evidence.json").write_text("{officer: zf-007", encoding="utf-8")
    escape = dump / "escape"
    escape.mkdir()
    media.jpeg(escape / "y.jpg", colour=(6, 6, 6))
    media.folder_sidecar(escape, {"../fine.jpg": {"officer": "zf-666"}})
    found = _outcomes(_take(store, vault, dump))
    assert found["y.jpg"] == (
        Outcome.REFUSED,
        "sidecar escape/evidence.json: '../fine.jpg' is not a file name of the folder",
    )
    assert found["fine.jpg"] == (Outcome.TAKEN, "")
    assert found["typo.jpg"][1] == (
        "sidecar typo.jpg.json: unknown field 'offcer' "
        "(fields: officer, device, captured_at, lon, lat, order)"
    )
    assert "has no UTC offset" in found["naive.jpg"][1]
    assert "lon and lat go together" in found["half.jpg"][1]
    assert found["x.jpg"][1].startswith("sidecar evidence.json: not JSON in UTF-8")
    assert _item(store, "fine.jpg")["officer"] is None
    assert {o for n, (o, _) in found.items() if n != "fine.jpg"} == {Outcome.REFUSED}
    assert all("\n" not in reason for _, reason in found.values())
    assert _count(store, "evidence_items") == 1 and len(list(vault.root.rglob("*/*"))) == 1


def test_the_same_file_twice_is_one_item_with_two_intakes(
    store: Store, vault: Vault, dump: Path, tmp_path: Path
) -> None:
    photo = media.jpeg(dump / "IMG_0001.JPG")
    again = tmp_path / "copy"
    again.mkdir()
    (again / "from-the-laptop.jpg").write_bytes(photo.read_bytes())
    clock = FakeClock()
    first = _take(store, vault, dump, clock=clock)
    clock.advance(hours=1)
    second = _take(store, vault, again, clock=clock)
    assert [f.outcome for f in first.files + second.files] == [Outcome.TAKEN, Outcome.DUPLICATE]
    assert first.files[0].item_id == second.files[0].item_id
    assert _count(store, "evidence_items") == 1 and _count(store, "evidence_intakes") == 2
    assert _item(store, "IMG_0001.JPG")["name"] == "IMG_0001.JPG"  # the first intake's name
    with store.reading() as conn:
        steps = custody.steps(conn, int(first.files[0].item_id or 0))
        assert custody.verify(conn).ok
    assert [s.action for s in steps] == [CustodyAction.INTAKE, CustodyAction.INTAKE]
    assert [s.detail["new"] for s in steps] == [True, False]
    assert len(list(vault.root.rglob("*/*"))) == 1


def test_a_file_that_does_not_decode_is_taken_in_flagged(
    store: Store, vault: Vault, dump: Path
) -> None:
    broken = media.broken_jpeg(dump / "IMG_0009.JPG")
    report = _take(store, vault, dump)
    assert report.files[0].outcome is Outcome.TAKEN
    row = _item(store, "IMG_0009.JPG")
    assert row["decodes"] is False or row["decodes"] == 0
    assert str(row["flag"]).startswith("does not decode as image/jpeg (Pillow:")
    assert vault.path_of(str(row["sha256"])).read_bytes() == broken.read_bytes()


def test_a_hostile_dump_is_refused_file_by_file(
    store: Store, vault: Vault, dump: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = media.jpeg(outside / "secret.jpg", colour=(9, 9, 9))
    media.jpeg(dump / "good.jpg")
    (dump / "link.jpg").symlink_to(secret)
    (dump / "linked-folder").symlink_to(outside, target_is_directory=True)
    media.fifo(dump / "pipe.mp4")
    media.sparse(dump / "huge.mp4", 5000)
    escape = dump / ".." / "outside" / "secret.jpg"
    report = _take(store, vault, dump, escape, Path("/dev/null"), max_bytes=4096)
    found = _outcomes(report)
    assert found == {
        "good.jpg": (Outcome.TAKEN, ""),
        "huge.mp4": (Outcome.REFUSED, "4.88 KiB is over the limit of 4 KiB"),
        "link.jpg": (Outcome.REFUSED, "a symbolic link (not followed)"),
        "linked-folder": (Outcome.REFUSED, "a symbolic link (not followed)"),
        "pipe.mp4": (Outcome.REFUSED, "a named pipe (FIFO)"),
        "secret.jpg": (Outcome.REFUSED, "the path has '..' in it: it may lead out of the dump"),
        "null": (Outcome.REFUSED, "a device file"),
    }
    assert _count(store, "evidence_items") == 1
    assert not vault.has(hashlib.sha256(secret.read_bytes()).hexdigest())


def test_an_unreadable_file_is_refused(
    store: Store, vault: Vault, dump: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    media.jpeg(dump / "fine.jpg", colour=(1, 1, 1))
    locked = media.jpeg(dump / "locked.jpg", colour=(2, 2, 2))
    real_open = os.open

    def open_as_a_user(path: object, flags: int, *a: int) -> int:  # the tests run as root
        if Path(str(path)) == locked:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(intake.os, "open", open_as_a_user)
    found = _outcomes(_take(store, vault, dump))
    assert found == {
        "fine.jpg": (Outcome.TAKEN, ""),
        "locked.jpg": (Outcome.REFUSED, "cannot be read (Permission denied)"),
    }


def test_a_failed_write_leaves_an_orphan_that_is_used_again(
    store: Store, vault: Vault, dump: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    media.jpeg(dump / "IMG_0001.JPG")

    def broken(*a: object, **k: object) -> int:
        raise RuntimeError("the database went away")

    with monkeypatch.context() as m:
        m.setattr(intake.audit, "append", broken)
        with pytest.raises(RuntimeError):
            _take(store, vault, dump)
    assert _count(store, "evidence_items") == 0 and len(list(vault.root.rglob("*/*"))) == 1
    assert [f.outcome for f in _take(store, vault, dump).files] == [Outcome.TAKEN]
    assert len(list(vault.root.rglob("*/*"))) == 1


def test_order_links_from_the_command_and_the_sidecar(
    store: Store, vault: Vault, dump: Path, service: WorkOrderService
) -> None:
    first, second = raise_order(service), raise_order(service, grid="G12")
    media.jpeg(dump / "a.jpg", colour=(1, 1, 1))
    media.jpeg(dump / "b.jpg", colour=(2, 2, 2))
    media.sidecar(dump / "b.jpg", order=second.number)
    media.jpeg(dump / "c.jpg", colour=(3, 3, 3))
    media.sidecar(dump / "c.jpg", order="YY-20260101-9999")
    with pytest.raises(NotFoundError, match="no work order YY-19990101-0001"):
        _take(store, vault, dump, order="YY-19990101-0001")
    assert _count(store, "evidence_items") == 0
    found = _outcomes(_take(store, vault, dump, order=first.number))
    assert found["c.jpg"] == (
        Outcome.REFUSED,
        "its sidecar names no work order YY-20260101-9999",
    )
    links = rows(
        store,
        "SELECT i.name, o.number FROM evidence_links l JOIN evidence_items i ON i.id = l.item_id"
        " JOIN work_orders o ON o.id = l.order_id ORDER BY i.name, o.number",
    )
    assert links == sorted(
        [("a.jpg", first.number), ("b.jpg", first.number), ("b.jpg", second.number)]
    )
    b = int(str(_item(store, "b.jpg")["id"]))
    with store.reading() as conn:
        steps = custody.steps(conn, b)
    assert [(s.action, s.detail.get("order")) for s in steps] == [
        (CustodyAction.INTAKE, None),
        (CustodyAction.ATTACH, first.number),
        (CustodyAction.ATTACH, second.number),
    ]
    intake_order = rows(store, f"SELECT order_id FROM evidence_intakes WHERE item_id = {b}")
    assert intake_order == [(first.id,)]


def test_progress_is_told_in_bytes_and_files(store: Store, vault: Vault, dump: Path) -> None:
    media.jpeg(dump / "a.jpg", size=(640, 480))
    media.wav(dump / "b.wav", seconds=1.0)
    media.sparse(dump / "c.mp4", 10_000)  # refused by the limit: its bytes count as done
    total = sum(p.stat().st_size for p in dump.iterdir())
    told: list[Progress] = []
    request = IntakeRequest(paths=[dump], max_bytes=9000)
    take_in(store, vault, request, ACTOR, FakeClock(), told.append)
    assert told[0] == Progress(0, 0, total, 3) and told[-1] == Progress(3, total, total, 3)
    assert [p.bytes_done for p in told] == sorted(p.bytes_done for p in told)
    assert [p.files_done for p in told] == sorted(p.files_done for p in told)
