"""The Administration window in the console: only administrators have the menu;
each change is made through the same services as ``youyi-console users``,
``devices`` and ``grids``, so the command line sees it afterwards and the audit
trail holds it; a refusal is one plain line and changes nothing.  On SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.admin_controller import AdminController
from console.main_window import MainWindow
from services.access.auth import add_demo_users
from services.db.demo import load_demo_district
from services.db.store import Store
from services.domain import Role
from services.resources import resource
from tests.support.gui import shown_session, signed_in
from tests.support.store import HEADER, c01, cli_sign_in, rows, run
from widgets.admin.device_dialog import DeviceEdit
from widgets.admin.device_model import OFFLINE


@pytest.fixture
def admin_window(qtbot: QtBot, store: Store) -> Iterator[tuple[MainWindow, AdminController]]:
    """The console signed in as the demo's administrator, the window open on
    its accounts."""
    add_demo_users(store)
    window, session = shown_session(qtbot, store)
    ws = signed_in(qtbot, session, "admin")
    assert ws.admin is not None
    window.admin_action.trigger()
    qtbot.waitUntil(lambda: ws.admin is not None and ws.admin.window.accounts.model.rowCount() == 4)
    yield window, ws.admin
    session.close()


def cli(store: Store, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert run(store, *argv) == 0
    return capsys.readouterr().out


@pytest.fixture
def cli_admin(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line signed in as another administrator, ``root``."""
    cli_sign_in(store, monkeypatch, "root", Role.ADMIN)
    capsys.readouterr()


def audit_of(store: Store, subject: str) -> list[tuple[object, ...]]:
    return rows(
        store, f"SELECT action, actor FROM audit_log WHERE subject = '{subject}' ORDER BY seq"
    )


def wait_status(qtbot: QtBot, admin: AdminController, text: str, tab: str = "accounts") -> None:
    status = getattr(admin.window, tab).status
    qtbot.waitUntil(lambda: status.text() == text, timeout=5000)


def test_only_administrators_have_the_menu(qtbot: QtBot, store: Store) -> None:
    add_demo_users(store)
    window, session = shown_session(qtbot, store)
    ws = signed_in(qtbot, session, "operator")
    assert ws.admin is None and not window.admin_menu.menuAction().isVisible()
    window.sign_out_action.trigger()
    session.sign_in_as("admin")
    qtbot.waitUntil(lambda: session.workspace is not None, timeout=5000)
    assert window.admin_menu.menuAction().isVisible()
    window.sign_out_action.trigger()
    assert not window.admin_menu.menuAction().isVisible()
    session.close()


def test_add_an_account_through_the_dialog(
    qtbot: QtBot,
    store: Store,
    admin_window: tuple[MainWindow, AdminController],
    cli_admin: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, admin = admin_window
    tab = admin.window.accounts
    tab.ask_add()
    dialog = tab.dialog
    assert dialog is not None
    dialog.login.setText("li.na")  # type: ignore[attr-defined]
    dialog.name.setText("李娜")  # type: ignore[attr-defined]
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))  # type: ignore[attr-defined]
    dialog.set_grids(["G21", "G22"])  # type: ignore[attr-defined]
    dialog.password.first.setText("Lanterns-at-dusk-7")  # type: ignore[attr-defined]
    dialog.password.again.setText("Lanterns-at-dusk-8")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()  # type: ignore[attr-defined]
    assert dialog.isVisible()  # not sent: the same password twice, as the command line asks
    assert dialog.problem.text() == "两次输入的密码不一致。"  # type: ignore[attr-defined]
    dialog.password.again.setText("Lanterns-at-dusk-7")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()  # type: ignore[attr-defined]
    wait_status(qtbot, admin, "已新增账号 li.na")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 6)  # root from the command line, li.na
    listed = cli(store, capsys, "users", "list")
    assert "li.na" in listed and "supervisor" in listed and "G21,G22" in listed
    assert audit_of(store, "li.na") == [("user.add", "admin")]


def test_disable_enable_password_and_role(
    qtbot: QtBot,
    store: Store,
    admin_window: tuple[MainWindow, AdminController],
    cli_admin: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, admin = admin_window
    tab = admin.window.accounts
    admin.load_accounts()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 5)
    assert tab.select("officer")
    tab.disable_button.click()
    wait_status(qtbot, admin, "officer 已停用")
    assert "(disabled)" in next(
        line for line in cli(store, capsys, "users", "list").splitlines() if "officer" in line
    )
    qtbot.waitUntil(lambda: tab.selected() is not None and not tab.selected().active)  # type: ignore[union-attr]
    assert tab.enable_button.isEnabled() and not tab.disable_button.isEnabled()
    tab.enable_button.click()
    wait_status(qtbot, admin, "officer 已启用")
    tab.password_requested.emit("officer", "short")
    qtbot.waitUntil(lambda: tab.status.is_error, timeout=5000)
    assert "\n" not in tab.status.text() and "8" in tab.status.text()
    tab.password_requested.emit("officer", "Harbour-lights-at-9")
    wait_status(qtbot, admin, "officer 的密码已设置；其保留的登录已失效")
    tab.role_requested.emit("officer", Role.SUPERVISOR, ("G11",), None)
    wait_status(qtbot, admin, "officer 已修改")
    listed = cli(store, capsys, "users", "list").splitlines()
    line = next(text for text in listed if "officer" in text)
    assert "supervisor" in line and "G11" in line and "law-youyi" not in line
    tab.role_requested.emit("officer", Role.OFFICER, (), None)
    qtbot.waitUntil(lambda: tab.status.is_error, timeout=5000)
    assert tab.status.text() == "an officer belongs to a unit (--unit)"
    assert [a for a, _ in audit_of(store, "officer")] == [
        "user.add",
        "user.deactivate",
        "user.activate",
        "user.passwd",
        "user.role",
    ]
    assert {who for _, who in audit_of(store, "officer")[1:]} == {"admin"}
    tab.filter.setText("G11")
    assert tab.proxy.rowCount() == 2  # the supervisor's G11 and now the officer's
    assert tab.proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole) in {"officer", "supervisor"}


def exported(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, dict[str, str]]:
    """The registry as ``youyi-console devices export`` writes it, by id."""
    out = tmp_path / "exported.csv"
    cli(store, capsys, "devices", "export", str(out))
    lines = [line for line in out.read_text("utf-8-sig").splitlines() if not line.startswith("#")]
    return {r["id"]: r for r in csv.DictReader(lines)}


def test_devices_import_edit_and_offline(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    admin_window: tuple[MainWindow, AdminController],
    cli_admin: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, admin = admin_window
    tab = admin.window.devices
    demo = resource("demo", "devices.csv")
    tab.import_requested.emit(demo)
    qtbot.waitUntil(lambda: tab.status.text().startswith("devices.csv："), timeout=10000)
    assert not tab.status.is_error, tab.status.text()
    before = exported(store, tmp_path, capsys)
    assert len(before) > 0
    qtbot.waitUntil(lambda: tab.model.rowCount() == len(before), timeout=5000)
    assert audit_of(store, "devices.csv") == [("devices.import", "admin")]

    device = next(d for d in before.values() if d["lon"] and d["kind"] == "elevator")
    lon, lat = float(device["lon"]) + 0.0001, float(device["lat"])
    tab.edit_requested.emit(DeviceEdit(device["id"], "改名的电梯", lon, lat, 600))
    wait_status(qtbot, admin, f"设备 {device['id']} 已保存", "devices")
    after = exported(store, tmp_path, capsys)[device["id"]]
    assert (after["name"], after["reporting_interval_s"]) == ("改名的电梯", "600")
    assert abs(float(after["lon"]) - lon) < 1e-9
    assert audit_of(store, f"{device['id']}.csv") == [("devices.import", "admin")]

    tab.edit_requested.emit(DeviceEdit(device["id"], "出界", 121.9, 31.0, 600))
    qtbot.waitUntil(lambda: tab.status.is_error, timeout=5000)
    assert "outside the district" in tab.status.text() and "\n" not in tab.status.text()
    assert exported(store, tmp_path, capsys)[device["id"]]["name"] == "改名的电梯"

    with store.transaction() as tx:
        tx.conn.exec_driver_sql(f"UPDATE devices SET online = false WHERE id = '{device['id']}'")
    admin.load_devices()
    qtbot.waitUntil(lambda: tab.select(device["id"]) and tab.selected().online is False)  # type: ignore[union-attr]
    row = tab.table.currentIndex()
    assert row.siblingAtColumn(7).data(Qt.ItemDataRole.ForegroundRole) == OFFLINE
    tab.kind.setCurrentIndex(tab.kind.findData("elevator"))
    assert 0 < tab.proxy.rowCount() < tab.model.rowCount()
    tab.text.setText(device["id"])
    assert tab.proxy.rowCount() == 1


def test_a_bad_device_file_is_refused_by_record(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    admin_window: tuple[MainWindow, AdminController],
) -> None:
    _, admin = admin_window
    tab = admin.window.devices
    lon, lat = c01(store)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"{HEADER}\nEL-9001,elevator,梯,C01,{lon},{lat},CAM-001,300\n"
        f"EL-9002,lift,梯,C01,{lon},{lat},CAM-001,300\n",
        encoding="utf-8",
    )
    tab.import_requested.emit(bad)
    qtbot.waitUntil(lambda: tab.status.is_error, timeout=5000)
    assert tab.status.text().startswith("bad.csv: nothing imported, 1 problem: line 3 (EL-9002)")
    assert tab.problems.isVisibleTo(tab) and tab.problems.count() == 1
    assert tab.problems.item(0).text().startswith("line 3 (EL-9002): unknown kind 'lift'")
    assert rows(store, "SELECT count(*) FROM devices") == [(0,)]
    assert rows(store, "SELECT count(*) FROM audit_log WHERE action = 'devices.import'") == [(0,)]


def swapped_grids(tmp_path: Path) -> Path:
    """The demo district with the shapes of G11 and G12 swapped."""
    data = json.loads(resource("demo", "grids.geojson").read_text("utf-8"))
    f11, f12 = data["features"][0], data["features"][1]
    f11["geometry"], f12["geometry"] = f12["geometry"], f11["geometry"]
    path = tmp_path / "swapped.geojson"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_grid_import_previewed_then_confirmed(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    admin_window: tuple[MainWindow, AdminController],
    cli_admin: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    load_demo_district(store)  # with its devices, so that some move
    _, admin = admin_window
    tab = admin.window.grids
    before = rows(store, "SELECT code, geometry FROM grid_cells ORDER BY code")
    lon, lat = c01(store)
    was = cli(store, capsys, "grids", "locate", str(lon), str(lat))
    moving = rows(
        store,
        "SELECT (SELECT count(*) FROM communities WHERE grid_code IN ('G11', 'G12')), "
        "(SELECT count(*) FROM devices WHERE grid_code IN ('G11', 'G12'))",
    )[0]
    path = swapped_grids(tmp_path)
    tab.preview_requested.emit(path)
    qtbot.waitUntil(lambda: tab.path == path, timeout=10000)
    summary = tab.summary.text()
    assert "9 个网格，新增 0" in summary and "删除：—" in summary
    assert f"改属其他网格的小区：{moving[0]}" in summary
    assert f"改属其他网格的设备：{moving[1]}" in summary
    shown, held = tab.map.cell_layer.info, {c.code: c for c in tab.current.cells}  # type: ignore[union-attr]
    assert sorted(shown) == sorted(held) and shown["G11"].polygons != held["G11"].polygons
    assert rows(store, "SELECT code, geometry FROM grid_cells ORDER BY code") == before
    assert audit_of(store, "swapped.geojson") == []  # a preview changes nothing

    tab.confirm_button.click()
    qtbot.waitUntil(
        lambda: tab.status.text().startswith("swapped.geojson：已导入 9 个网格"), timeout=10000
    )
    assert tab.path is None and not tab.confirm_button.isEnabled()
    now = cli(store, capsys, "grids", "locate", str(lon), str(lat))
    assert {was.split()[-2], now.split()[-2]} == {"G11", "G12"}
    assert audit_of(store, "swapped.geojson") == [("grids.import", "admin")]


def test_a_bad_grid_file_is_refused_by_feature(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    admin_window: tuple[MainWindow, AdminController],
) -> None:
    _, admin = admin_window
    tab = admin.window.grids
    before = rows(store, "SELECT code, geometry FROM grid_cells ORDER BY code")
    bad = tmp_path / "grids.geojson"
    bad.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"code": "G11"}, "geometry": null}]}'
    )
    tab.preview_requested.emit(bad)
    qtbot.waitUntil(lambda: tab.status.is_error, timeout=5000)
    assert tab.status.text() == (
        "grids.geojson features[0] (G11): missing or empty properties: name, block, block_name"
    )
    assert tab.path is None and not tab.confirm_button.isEnabled()
    assert rows(store, "SELECT code, geometry FROM grid_cells ORDER BY code") == before
    assert rows(store, "SELECT count(*) FROM audit_log WHERE action = 'grids.import'") == [(0,)]
