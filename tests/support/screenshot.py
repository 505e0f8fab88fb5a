"""Take a screenshot of the console as a person sees it (run under Xvfb, xcb).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tests.support.screenshot \
        docs/screenshots/main-window-zh.png --lang zh_CN --size 1920x1080
"""

from __future__ import annotations

import argparse
import os
import tempfile

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--db-label", default="SQLite · ~/.local/share/youyi-console/youyi.db")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

    from console.app import build_window, create_app

    app = create_app()
    window, _tr = build_window(app, args.db_label, args.lang)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()

    def grab() -> None:
        screen = QApplication.primaryScreen()
        image = screen.grabWindow(0, 0, 0, width, height)  # what X shows, not a widget grab
        image.save(args.out)
        app.quit()

    QTimer.singleShot(1500, grab)
    app.exec()


if __name__ == "__main__":
    main()
