"""Screenshots of the statistics dock and the big screen on the live demo (run
under Xvfb, xcb), for docs/screenshots and for looking at after a change:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tests.console.shot_dashboard \\
        docs/screenshots/dashboard-zh.png [--big docs/screenshots/bigscreen-zh.png] \\
        [--lang zh_CN] [--seconds 45] [--notices FOLDER]

Also saves ``<out>-middle.png`` and ``<out>-lower.png``: the dock scrolled down.
Runs the demo (own broker, ingest, simulator) on a fresh SQLite file in a
temporary folder for ``--seconds``; near the end a month of made-up history is
added (tests/console/shot_history.py), the statistics dock is floated at
1600×1000, read again and saved, then the big screen (F10) is opened and the
screen it fills is saved.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--big", default="")
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--seconds", type=float, default=45)
    ap.add_argument("--notices", default="")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    home = Path(tempfile.mkdtemp(prefix="youyi-shot-"))
    os.environ.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    from PySide6.QtCore import QTimer

    from console import app as app_module
    from console import settings as keys
    from console.cli import main as cli_main

    if args.notices:
        keys.settings().setValue(keys.BIGSCREEN_NOTICE_FOLDER, str(Path(args.notices).resolve()))
    original = app_module.build_window
    total_ms = int(args.seconds * 1000)

    def build_window(app, db_label, language=None):  # type: ignore[no-untyped-def]
        window, translations = original(app, db_label, language)

        def workspace():  # type: ignore[no-untyped-def]
            session = getattr(window, "session", None)
            return session.workspace if session else None

        def float_dock() -> None:
            ws = workspace()
            if ws is None:
                return
            dock = window.docks["dashboard"]
            dock.setFloating(True)
            dock.setGeometry(160, 40, 1600, 1000)
            dock.raise_()
            from tests.console.shot_history import seed_history

            ws.jobs.submit(lambda: seed_history(ws.store), lambda _r: ws.stats.reload())

        def save_dock() -> None:
            dock = window.docks["dashboard"]
            dock.grab().save(args.out)
            print(f"saved {args.out} ({dock.width()}x{dock.height()})", flush=True)
            from PySide6.QtWidgets import QScrollArea

            scroll = dock.findChild(QScrollArea)
            bar = scroll.verticalScrollBar() if scroll is not None else None
            for part, share in (("middle", 0.5), ("lower", 1.0)) if bar else ():
                bar.setValue(round(bar.maximum() * share))  # the lower charts, scrolled to
                shot = Path(args.out).with_name(f"{Path(args.out).stem}-{part}.png")
                dock.grab().save(str(shot))
                print(f"saved {shot}", flush=True)
            if args.big:
                window.big_screen_action.trigger()

        def save_big() -> None:
            ws = workspace()
            big = ws.stats.big if ws else None
            if big is None:
                return
            big.grab().save(args.big)
            print(f"saved {args.big} ({big.width()}x{big.height()})", flush=True)
            big.next_page()
            stem = Path(args.big)
            big.grab().save(str(stem.with_name(stem.stem + "-trends.png")))

        QTimer.singleShot(total_ms - 30000, float_dock)
        QTimer.singleShot(total_ms - 8000, save_dock)
        QTimer.singleShot(total_ms - 3000, save_big)
        return window, translations

    app_module.build_window = build_window
    os.environ["YOUYI_QUIT_AFTER_MS"] = str(total_ms)
    raise SystemExit(cli_main(["--lang", args.lang, "--user", "operator"]))


if __name__ == "__main__":
    main()
