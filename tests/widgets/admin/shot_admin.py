"""Screenshots of the administration window (run under Xvfb), for
docs/screenshots and for looking at after a change:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tests.widgets.admin.shot_admin \\
        docs/screenshots/admin-accounts.png docs/screenshots/admin-grid-preview.png

A fresh SQLite file with the demo district, its devices and accounts (one of
them disabled, one locked); the console signed in as the demo's administrator,
the accounts tab shown, then the preview of a map with two cells' shapes swapped."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("accounts_png")
    ap.add_argument("preview_png")
    ap.add_argument("--lang", default="zh_CN")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    home = Path(tempfile.mkdtemp(prefix="youyi-shot-"))
    os.environ.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    from PySide6.QtCore import QTimer
    from sqlalchemy import text

    from console.app import build_window, create_app
    from console.session import Session
    from services.access.auth import UserService, add_demo_users
    from services.db.demo import load_demo_district
    from services.db.migrate import upgrade
    from services.db.store import Store
    from services.domain import Role
    from services.resources import resource

    store = Store(f"sqlite:///{home / 'console.db'}")
    upgrade(store.engine)
    load_demo_district(store)
    add_demo_users(store)
    users = UserService(store)
    users.add_user("li.na", "李娜", Role.SUPERVISOR, "Lanterns-at-dusk-7", ["G21", "G22"])
    users.add_user("zhao.qiang", "赵强", Role.OFFICER, "Harbour-lights-9", [], "law-youyi")
    users.set_active("zhao.qiang", False)
    with store.transaction() as tx:
        tx.conn.execute(text("UPDATE users SET locked = true WHERE login = 'li.na'"))
    data = json.loads(resource("demo", "grids.geojson").read_text("utf-8"))
    f11, f12 = data["features"][0], data["features"][1]
    f11["geometry"], f12["geometry"] = f12["geometry"], f11["geometry"]
    swapped = home / "grids-2027.geojson"
    swapped.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    app = create_app()
    window, _ = build_window(app, store.label, args.lang)
    window.resize(1920, 1080)
    window.show()
    session = Session(window, store, args.lang)
    session.sign_in_as("admin")

    def open_admin() -> None:
        assert session.workspace is not None and session.workspace.admin is not None
        window.admin_action.trigger()
        QTimer.singleShot(1500, shoot_accounts)

    def shoot_accounts() -> None:
        admin = session.workspace.admin  # type: ignore[union-attr]
        tab = admin.window.accounts
        tab.select("li.na")
        tab.status.show_done("Account li.na added")
        admin.window.grab().save(args.accounts_png)
        admin.window.tabs.setCurrentWidget(admin.window.grids)
        admin.window.grids.preview_requested.emit(swapped)
        QTimer.singleShot(2500, shoot_preview)

    def shoot_preview() -> None:
        admin = session.workspace.admin  # type: ignore[union-attr]
        admin.window.grab().save(args.preview_png)
        session.close()
        app.quit()

    QTimer.singleShot(1500, open_admin)
    app.exec()
    store.close()


if __name__ == "__main__":
    main()
