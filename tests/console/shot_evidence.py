"""Screenshot of the evidence window (run under Xvfb), for docs/screenshots and
for looking at after a change:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tests.console.shot_evidence \\
        docs/screenshots/evidence-zh.png --lang zh_CN [--tampered]

A fresh SQLite file with the demo district, an order, a dump of photographs
(with EXIF time and position), a clip and a file that does not decode, taken in
by the demo officer; the first photograph selected (with ``--video`` the clip, playing; with
``--tampered`` a photograph whose stored bytes were changed)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--tampered", action="store_true")
    ap.add_argument("--video", action="store_true", help="the clip selected, playing")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    home = Path(tempfile.mkdtemp(prefix="youyi-shot-"))
    os.environ.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        YOUYI_EVIDENCE_DIR=str(home / "evidence"),
    )
    from PySide6.QtCore import QTimer

    from console.app import build_window, create_app
    from console.session import Session
    from services.access.auth import UserService, add_demo_users
    from services.db.demo import load_demo_district
    from services.db.migrate import upgrade
    from services.db.store import Store
    from services.evidence.intake import IntakeRequest
    from services.evidence.service import EvidenceService
    from services.evidence.vault import Vault
    from services.workflow.desk import OrderDesk
    from services.workflow.orders import NewOrder, WorkOrderService
    from tests.support import media

    store = Store(f"sqlite:///{home / 'console.db'}")
    upgrade(store.engine)
    load_demo_district(store, devices=False)
    add_demo_users(store)
    boss = UserService(store).principal("admin")
    order = OrderDesk(WorkOrderService(store)).raise_order(
        boss, NewOrder("占道经营（宝山八村东门）", "G21")
    )
    dump = home / "DCIM"
    dump.mkdir()
    colours = [(180, 60, 40), (40, 120, 200), (60, 160, 90), (200, 170, 40)]
    for i, colour in enumerate(colours):
        media.jpeg(
            dump / f"IMG_{i + 1:04d}.JPG",
            taken=f"2026:12:02 09:{10 + i * 7:02d}:00",
            offset="+08:00",
            position=(121.4925 + i * 0.001, 31.3975),
            camera=("HUAWEI", "DSJ-V7"),
            colour=colour,
            size=(1280, 960),
        )
    media.mp4(dump / "VID_0001.MP4")
    media.broken_jpeg(dump / "IMG_9999.JPG")
    media.sidecar(dump / "VID_0001.MP4", officer="zf-007")
    vault = Vault(home / "evidence")
    service = EvidenceService(store, vault)
    service.take_in(boss, IntakeRequest([dump], officer="zf-003", order=order.number))
    app = create_app()
    window, _ = build_window(app, store.label, args.lang)
    window.resize(1920, 1080)
    window.show()
    session = Session(window, store, args.lang)
    session.sign_in_as("officer")

    def open_window() -> None:
        ws = session.workspace
        if ws is None or ws.evidence is None:
            QTimer.singleShot(300, open_window)
            return
        ws.evidence.show()
        ws.evidence.window.resize(1600, 900)

        def pick() -> None:
            assert ws.evidence is not None
            items = ws.evidence.browser.model.items()
            if not items:
                QTimer.singleShot(300, pick)
                return
            chosen = items[0]
            if args.video:
                chosen = next(i for i in items if i.kind.value == "video")
            if args.tampered:
                stored = vault.path_of(items[1].sha256)
                stored.chmod(0o644)
                stored.write_bytes(b"changed")
                chosen = items[1]
            ws.evidence.browser.select_item(chosen.id)
            QTimer.singleShot(2500, shoot)

        def shoot() -> None:
            assert ws.evidence is not None
            ws.evidence.window.grab().save(args.out)
            print(f"wrote {args.out}")
            session.close()
            app.quit()

        QTimer.singleShot(1000, pick)

    QTimer.singleShot(500, open_window)
    app.exec()


if __name__ == "__main__":
    main()
