"""Screenshot of the live console with an alarm and an order selected (run
under Xvfb, xcb), for docs/screenshots and for looking at after a change:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tests.console.shot_console \\
        docs/screenshots/console-zh.png --lang zh_CN --seconds 30 \\
        [--size 1366x768 --user supervisor --day today]

Runs the demo (own broker, ingest, simulator) on a fresh SQLite file in a
temporary folder for ``--seconds``, then selects the first alarm and the first
order and saves the screen.  ``--day`` (``YYYY-MM-DD`` or ``today``, the
district's) first filters the desk and the queue to that day, as a click on a
day in the statistics does.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date, datetime
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--size", default="")
    ap.add_argument("--user", default="operator")
    ap.add_argument("--day", default="", help="YYYY-MM-DD or today: a day clicked first")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    home = Path(tempfile.mkdtemp(prefix="youyi-shot-"))
    os.environ.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    from PySide6.QtCore import Qt, QTimer

    from console import app as app_module
    from console.cli import main as cli_main

    original = app_module.build_window

    def build_window(app, db_label, language=None):  # type: ignore[no-untyped-def]
        window, translations = original(app, db_label, language)
        if args.size:
            w, h = (int(v) for v in args.size.split("x"))
            window.setWindowState(Qt.WindowState.WindowNoState)
            window.setGeometry(0, 0, w, h)

        def select() -> None:
            print(
                f"window {window.width()}x{window.height()}, smallest it can be "
                f"{window.minimumSizeHint().width()}x{window.minimumSizeHint().height()}"
            )
            session = getattr(window, "session", None)
            ws = session.workspace if session else None
            if ws is not None:
                if len(ws.alert_panel.alarms()):
                    ws.alert_panel.select_alarm(ws.alert_panel.alarms()[0].id)
                if len(ws.desk.listed_ids()):
                    ws.desk.table.selectRow(0)

        def click_day() -> None:
            from services.district.timezone import district_tz

            session = getattr(window, "session", None)
            if session is not None and session.workspace is not None:
                today = datetime.now(district_tz()).date()
                day = today if args.day == "today" else date.fromisoformat(args.day)
                session.workspace.filter_to_day(day)

        if args.day:
            QTimer.singleShot(int(args.seconds * 1000) - 6000, click_day)
        QTimer.singleShot(int(args.seconds * 1000) - 3000, select)
        return window, translations

    app_module.build_window = build_window
    os.environ["YOUYI_QUIT_AFTER_MS"] = str(int(args.seconds * 1000))
    os.environ["YOUYI_SCREENSHOT"] = str(Path(args.out).resolve())
    cli_args = ["--lang", args.lang, "--user", args.user]
    raise SystemExit(cli_main(cli_args))


if __name__ == "__main__":
    main()
