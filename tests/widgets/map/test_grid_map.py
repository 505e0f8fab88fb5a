"""The nine-grid map with the demo district: where clicks land (cells, the
exclave in a hole, devices, markers, nothing), what is drawn where (cell load,
dots and badges), markers and their pulse, zoom and fit, tooltips."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace

import pytest
import shapely
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.district.geo import GridIndex
from services.district.map import load_district_map
from services.domain import AlarmState, DistrictMap, MapDevice, QueuedAlarm
from services.resources import resource
from tests.support.gui import alarm
from widgets.map.grid_map import GridMap
from widgets.map.icons import kind_colour
from widgets.map.items import ICON_SCALE


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DistrictMap]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('map') / 'map.db'}")
    upgrade(store.engine)
    load_demo_district(store)
    yield load_district_map(store)
    store.close()


@pytest.fixture(scope="module")
def index() -> GridIndex:
    return GridIndex.from_file(resource("demo", "grids.geojson"))


def make_map(qtbot: QtBot, district: DistrictMap) -> GridMap:
    view = GridMap()
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    qtbot.waitExposed(view)
    view.set_district(district)
    return view


@pytest.fixture
def shown(qtbot: QtBot, district: DistrictMap) -> GridMap:
    return make_map(qtbot, district)


@pytest.fixture
def bare(qtbot: QtBot, district: DistrictMap) -> GridMap:
    """The cells alone: nothing else under a click or a pixel."""
    return make_map(qtbot, DistrictMap(district.cells, ()))


def at(view: GridMap, lon: float, lat: float) -> QPoint:
    return view.mapFromScene(view.project(lon, lat))


def click(qtbot: QtBot, view: GridMap, where: QPoint) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)


def pixel(view: GridMap, where: QPoint) -> QColor:
    return view.viewport().grab().toImage().pixelColor(where)


def alone(view: GridMap, district: DistrictMap, kind: str, room_px: float) -> MapDevice:
    """A device of ``kind`` with no other device, label or border near it on screen."""
    labels = [view.mapFromScene(i.pos()) for i, _, _ in view.cell_layer.labels.cells.values()]
    labels += [view.mapFromScene(i.pos()) for i, _ in view.cell_layer.labels.blocks]
    places = [(d, QPointF(at(view, d.lon, d.lat))) for d in district.devices]
    for d, p in places:
        near = [q for e, q in places if e is not d and (q - p).manhattanLength() < room_px]
        crowded = any((QPointF(q) - p).manhattanLength() < 90 for q in labels)
        edge = view.cell_layer.at(view.mapToScene(p.toPoint() + QPoint(12, 12))) != d.grid
        if d.kind == kind and not near and not crowded and not edge:
            return d
    raise AssertionError(f"no {kind} on its own")


def test_a_click_on_each_cell_says_its_code_and_the_exclave_says_g23(
    qtbot: QtBot, bare: GridMap, index: GridIndex
) -> None:
    for cell in index.cells:
        p = cell.geometry.representative_point()
        with qtbot.waitSignal(bare.cell_clicked) as clicked:
            click(qtbot, bare, at(bare, p.x, p.y))
        assert clicked.args == [cell.code] and bare.selected_cell == cell.code
    g13 = {c.code: c for c in index.cells}["G13"].geometry
    hole = shapely.Polygon(g13.interiors[0]).representative_point()
    with qtbot.waitSignal(bare.cell_clicked) as clicked:
        click(qtbot, bare, at(bare, hole.x, hole.y))
    assert clicked.args == ["G23"]  # the exclave, not the cell around it
    x0, y0, _, _ = index.bounds
    with qtbot.waitSignal(bare.cell_clicked) as outside:
        click(qtbot, bare, at(bare, x0 - 0.002, y0 - 0.002))
    assert outside.args == [""] and bare.selected_cell is None


def test_the_map_places_cells_and_names_as_services_geo_does(
    shown: GridMap, district: DistrictMap, index: GridIndex
) -> None:
    assert len(district.cells) == 9 and len(district.devices) == 910
    for d in district.devices[::7]:
        assert shown.cell_at(d.lon, d.lat) == d.grid  # the store placed it there
    for code, (name, _, _) in shown.cell_layer.labels.cells.items():
        assert shown.cell_layer.at(name.pos()) == code  # G13's name is not in its hole
    shown.select_cell("G99")
    assert shown.selected_cell is None


def test_a_click_on_a_device_says_its_id_as_a_dot_and_as_a_badge(
    qtbot: QtBot, shown: GridMap, district: DistrictMap
) -> None:
    camera = alone(shown, district, "camera", 14)
    where = at(shown, camera.lon, camera.lat)
    assert shown.transform().m11() < ICON_SCALE
    assert pixel(shown, where) == kind_colour("camera")  # a dot
    with qtbot.waitSignal(shown.device_clicked) as clicked:
        click(qtbot, shown, where + QPoint(2, -1))
    assert clicked.args == [camera.id]
    shown.zoom_by(ICON_SCALE / shown.transform().m11() * 1.5, where)
    where = at(shown, camera.lon, camera.lat)
    assert pixel(shown, where + QPoint(0, 6)) == kind_colour("camera")  # the badge's disc
    with qtbot.waitSignal(shown.device_clicked) as clicked:
        click(qtbot, shown, where + QPoint(0, 7))
    assert clicked.args == [camera.id]
    tip = shown.tooltip_at(where)
    assert camera.name in tip and "Community camera" in tip and (camera.community_name or "") in tip


def test_cell_load_changes_the_fill_drawn(bare: GridMap, index: GridIndex) -> None:
    g21 = {c.code: c for c in index.cells}["G21"].geometry
    lon, lat = g21.buffer(-0.0004).exterior.coords[0]  # inside, away from the name
    where = at(bare, lon, lat)
    calm = pixel(bare, where)
    bare.set_cell_load({"G21": 12, "G11": 1})
    busy = pixel(bare, where)
    assert busy == bare.cell_fill("G21") and busy != calm
    assert busy.red() > calm.red() + 60 and bare.cell_fill("G11") != busy
    assert "12" in bare.tooltip_at(where) and "宝山八村街区" in bare.tooltip_at(where)
    bare.select_cell("G21")
    assert pixel(bare, where) == busy  # the outline is on the border, the fill stays


def placed(i: int, lon: float, lat: float, **kw: object) -> QueuedAlarm:
    return replace(alarm(i, **kw), lon=lon, lat=lat)  # type: ignore[arg-type]


def test_markers_stand_for_the_alarms_given_and_pulse_while_unacknowledged(
    qtbot: QtBot, shown: GridMap, index: GridIndex
) -> None:
    points = [c.geometry.representative_point() for c in index.cells]
    alarms = [placed(i + 1, p.x, p.y, severity=1 + i % 4) for i, p in enumerate(points)]
    alarms.append(replace(alarm(50), lon=None, lat=None))  # nowhere to show
    alarms.append(placed(60, points[0].x + 0.003, points[0].y, state=AlarmState.ACTIVE_ACK))
    shown.set_alarms(alarms)
    assert len(shown.markers) == len(points) + 1 and shown._pulse.isActive()
    phase = shown.marker_layer.phase
    qtbot.waitUntil(lambda: shown.marker_layer.phase != phase, timeout=2000)
    shown.set_alarms(alarms[:3])
    assert sorted(shown.markers) == [1, 2, 3]
    shown.set_alarms([replace(a, state=AlarmState.ACTIVE_ACK) for a in alarms[:3]])
    assert len(shown.markers) == 3 and not shown._pulse.isActive()
    with qtbot.waitSignal(shown.alarm_clicked) as clicked:
        click(qtbot, shown, shown.mapFromScene(shown.markers[2].pos) + QPoint(3, 2))
    assert clicked.args == [2] and shown.marker_layer.focus == 2
    tip = shown.tooltip_at(shown.mapFromScene(shown.markers[2].pos))
    assert "电梯困人" in tip and "2号楼电梯" in tip and "Minor" in tip


def test_center_on_alarm_brings_its_marker_to_the_middle(shown: GridMap, index: GridIndex) -> None:
    p = {c.code: c for c in index.cells}["G33"].geometry.representative_point()
    shown.set_alarms([placed(7, p.x, p.y)])
    shown.zoom_by(3)
    assert shown.center_on_alarm(7) and not shown.center_on_alarm(8)
    middle = QPointF(shown.viewport().rect().center())
    assert (QPointF(shown.mapFromScene(shown.markers[7].pos)) - middle).manhattanLength() <= 2


def wheel(view: GridMap, where: QPoint, notches: int) -> None:
    for _ in range(abs(notches)):
        event = QWheelEvent(
            QPointF(where),
            QPointF(view.viewport().mapToGlobal(where)),
            QPoint(),
            QPoint(0, 120 if notches > 0 else -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)


def test_wheel_zooms_around_the_cursor_within_bounds_and_f_fits_again(
    qtbot: QtBot, shown: GridMap
) -> None:
    fitted = shown.transform()
    low, high = shown.zoom_limits()
    assert low < fitted.m11() < high
    cursor = QPoint(300, 250)
    under = shown.mapToScene(cursor)
    wheel(shown, cursor, 3)
    assert shown.transform().m11() == pytest.approx(fitted.m11() * 1.25**3)
    assert math.dist(shown.mapFromScene(under).toTuple(), cursor.toTuple()) <= 1.5
    wheel(shown, cursor, 40)
    assert shown.transform().m11() == pytest.approx(high)
    wheel(shown, cursor, -80)
    assert shown.transform().m11() == pytest.approx(low)
    shown.setFocus()
    qtbot.keyClick(shown, Qt.Key.Key_F)
    assert shown.transform() == fitted
    wheel(shown, cursor, 2)
    qtbot.keyClick(shown, Qt.Key.Key_Home)
    assert shown.transform() == fitted
    wheel(shown, cursor, 2)
    qtbot.mouseClick(shown.fit_button, Qt.MouseButton.LeftButton)
    assert shown.transform() == fitted


def test_a_fitted_map_follows_resizes_a_zoomed_one_stays(qtbot: QtBot, shown: GridMap) -> None:
    before = shown.transform().m11()
    shown.resize(700, 560)
    qtbot.waitUntil(lambda: shown.transform().m11() < before * 0.8)
    shown.zoom_by(2)
    zoomed = shown.transform().m11()
    shown.resize(1000, 800)
    qtbot.wait(20)
    assert shown.transform().m11() == zoomed


def test_hovering_shows_the_tooltip_of_what_is_there(
    qtbot: QtBot, bare: GridMap, index: GridIndex
) -> None:
    p = {c.code: c for c in index.cells}["G13"].geometry.representative_point()
    where = at(bare, p.x, p.y)
    event = QHelpEvent(QEvent.Type.ToolTip, where, bare.viewport().mapToGlobal(where))
    QApplication.sendEvent(bare.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == bare.tooltip_at(where)
    assert QToolTip.text().startswith("长滩三网格 (G13)\n长滩街区\n")
    QToolTip.hideText()


def test_the_legend_lists_the_kinds_shown_and_l_toggles_it(
    qtbot: QtBot, shown: GridMap, bare: GridMap
) -> None:
    assert shown.legend.kinds == [
        "camera",
        "elevator",
        "arc_fault",
        "eagle_eye",
        "nonmotor_probe",
        "storefront_probe",
    ]
    assert shown.legend.isVisible() and not bare.legend.isVisible()  # no devices, no legend
    shown.setFocus()
    qtbot.keyClick(shown, Qt.Key.Key_L)
    assert not shown.legend.isVisible()
    qtbot.keyClick(shown, Qt.Key.Key_L)
    assert shown.legend.isVisible()
    shown.resize(300, 240)  # too small to spare the room
    qtbot.waitUntil(lambda: not shown.legend.isVisible())
