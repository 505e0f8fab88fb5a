"""Evidence benchmarks (issue 13):

    .venv/bin/python -m tests.bench.bench_evidence                 # 1 GB, 100,000 items
    .venv/bin/python -m tests.bench.bench_evidence --mb 256 --items 20000 --backends sqlite

A. Intake of ``--mb`` megabytes of media, the way an officer's dump comes in:
   a real H.264 clip made by ffmpeg and copied to fill the size (each copy one
   byte different, so every file is new), a few photographs with EXIF time and
   position.  ``youyi-console evidence import`` does through EvidenceService:
   walk, sniff, probe, hash while copying, fsync, rename, rows and custody.
   Beside it, in the same run, ``sha256sum`` over the same files (reading them
   once, hashing, nothing written): MB/s of each and their ratio.
B. The browser's first page among ``--items`` items (spread over officers, grid
   cells and a year), through EvidenceService.items (the page the evidence window
   asks for), beside the bare SQL of the same page in the same process; medians
   of ``--repeat`` runs, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from services.access.auth import UserService, add_demo_users
from services.audit import GENESIS
from services.db.evidence_models import EvidenceItem
from services.db.models import table_of
from services.db.store import Store
from services.domain import EvidenceFilter
from services.evidence.intake import IntakeRequest
from services.evidence.service import EvidenceService
from services.evidence.vault import Vault
from tests.bench.bench_store import GRIDS, fresh_db
from tests.support import media

MB = 1 << 20


def make_dump(folder: Path, megabytes: int) -> int:
    """Clips and photographs adding up to ``megabytes``; returns the bytes made."""
    folder.mkdir(parents=True)
    seed = folder / "seed.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=25",
         "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "8M",
         "-pix_fmt", "yuv420p", str(seed)],
        check=True,
    )  # fmt: skip
    clip = seed.read_bytes()
    seed.unlink()
    made, n = 0, 0
    while made < megabytes * MB:
        n += 1
        data = clip + n.to_bytes(4, "big")  # a trailing byte or four: a new file each time
        (folder / f"VID_{n:04d}.MP4").write_bytes(data)
        made += len(data)
    for i in range(8):
        path = media.jpeg(
            folder / f"IMG_{i:04d}.JPG",
            taken="2026:12:02 09:00:00",
            offset="+08:00",
            position=(121.49 + i / 1000, 31.40),
            size=(4000, 3000),
        )
        made += path.stat().st_size
    return made


def bench_intake(store: Store, megabytes: int, workdir: Path) -> None:
    dump = workdir / "dump"
    size = make_dump(dump, megabytes)
    service = EvidenceService(store, Vault(workdir / "vault"))
    officer = UserService(store).principal("officer")
    began = time.perf_counter()
    report = service.take_in(officer, IntakeRequest([dump]))
    ours = time.perf_counter() - began
    files = sorted(str(p) for p in dump.iterdir())
    began = time.perf_counter()
    subprocess.run(["sha256sum", *files], check=True, capture_output=True)
    theirs = time.perf_counter() - began
    refused = len(report.refused)
    print(
        f"intake of {size / MB:,.0f} MB in {len(files)} files ({refused} refused): "
        f"{size / MB / ours:,.0f} MB/s; sha256sum of the same files {size / MB / theirs:,.0f} "
        f"MB/s; ratio {theirs / ours:.2f}"
    )
    shutil.rmtree(dump)


def load_items(store: Store, n: int) -> None:
    rng = random.Random(13)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "sha256": f"{i:064x}",
            "size": rng.randint(50_000, 50_000_000),
            "kind": rng.choice(("image", "image", "image", "video", "audio")),
            "media_type": "image/jpeg",
            "name": f"IMG_{i:06d}.JPG",
            "captured_at": start + timedelta(seconds=rng.randint(0, 365 * 86_400)),
            "lon": 121.49,
            "lat": 31.40,
            "grid_code": rng.choice(GRIDS),
            "officer": f"zf-{rng.randint(1, 40):03d}",
            "decodes": True,
            "added_at": start,
            "custody_seq": 0,
            "custody_hash": GENESIS,
        }
        for i in range(1, n + 1)
    ]
    with store.transaction() as tx:
        for chunk in range(0, n, 10_000):
            tx.conn.execute(insert(table_of(EvidenceItem)), rows[chunk : chunk + 10_000])
    with store.transaction() as tx:
        if store.is_postgres:
            tx.conn.execute(text("ANALYZE evidence_items"))


def bench_first_page(store: Store, n: int, repeat: int, workdir: Path) -> None:
    load_items(store, n)
    service = EvidenceService(store, Vault(workdir / "vault-page"))
    officer = UserService(store).principal("officer")
    ours, theirs = [], []
    bare = text(
        "SELECT * FROM evidence_items WHERE captured_at IS NOT NULL "
        "ORDER BY captured_at DESC, id DESC LIMIT 100"
    )
    for _ in range(repeat):
        began = time.perf_counter()
        page = service.items(officer, EvidenceFilter())
        ours.append(time.perf_counter() - began)
        began = time.perf_counter()
        with store.reading() as conn:
            conn.execute(bare).all()
        theirs.append(time.perf_counter() - began)
    assert len(page) == 100
    a, b = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
    print(
        f"first page of {n:,} items ({store.engine.dialect.name}): {a:.1f} ms through the "
        f"service; the bare SQL {b:.1f} ms; ratio {a / b:.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=1024)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        with fresh_db("sqlite", args.pg, workdir) as store:
            add_demo_users(store)
            bench_intake(store, args.mb, workdir)
        for backend in args.backends.split(","):
            with fresh_db(backend, args.pg, workdir) as store:
                add_demo_users(store)
                bench_first_page(store, args.items, args.repeat, workdir)


if __name__ == "__main__":
    main()
