"""The nine-grid map: cells as services.geo places them, clicks, markers, zoom."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shapely
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from pytestqt.qtbot import QtBot

from services.db.demo import load_demo_district
from services.db.migrate import upgrade
from services.db.store import Store
from services.district_map import DistrictMap, load_district_map
from services.geo import GridIndex
from services.resources import resource
from tests.gui.test_alert_queue import alarm
from widgets.grid_map import GridMap


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DistrictMap]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('map') / 'map.db'}")
    upgrade(store.engine)
    load_demo_district(store)
    yield load_district_map(store)
    store.close()


@pytest.fixture
def shown(qtbot: QtBot, district: DistrictMap) -> GridMap:
    view = GridMap()
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    view.set_district(district)
    return view


def test_the_map_places_cells_as_services_geo_does(shown: GridMap, district: DistrictMap) -> None:
    assert len(district.cells) == 9 and len(district.devices) == 910
    index = GridIndex.from_file(resource("demo", "grids.geojson"))
    for cell in index.cells:
        p = cell.geometry.representative_point()
        assert shown.cell_at(p.x, p.y) == cell.code
    g13 = {c.code: c for c in index.cells}["G13"].geometry
    hole = shapely.Polygon(g13.interiors[0]).representative_point()
    assert shown.cell_at(hole.x, hole.y) == "G23"  # the exclave, not the cell around it
    x0, y0, _, _ = index.bounds
    assert shown.cell_at(x0 - 0.01, y0 - 0.01) == ""


def test_clicks_say_cell_device_or_nothing(qtbot: QtBot, shown: GridMap) -> None:
    index = GridIndex.from_file(resource("demo", "grids.geojson"))
    g21 = {c.code: c for c in index.cells}["G21"].geometry.representative_point()
    where = shown.mapFromScene(shown.project(g21.x, g21.y))
    with qtbot.waitSignal(shown.cell_clicked) as clicked:
        shown.click_at(where)
    assert clicked.args == ["G21"]
    assert shown.selected_cell == "G21"
    with qtbot.waitSignal(shown.cell_clicked) as outside:
        shown.click_at(shown.mapFromScene(shown.sceneRect().topLeft() + QPointF(10, 10)))
    assert outside.args == [""] and shown.selected_cell is None


def test_markers_pulse_while_unacknowledged_and_load_colours_cells(
    qtbot: QtBot, shown: GridMap
) -> None:
    alarms = [alarm(i, "G21", severity=4) for i in range(1, 6)]
    alarms.append(alarm(6, "G11", state="active_ack"))
    shown.set_alarms(alarms)
    assert len(shown.markers) == 6 and shown._pulse.isActive()
    qtbot.wait(400)
    assert shown.markers[1].opacity() < 1.0 and shown.markers[6].opacity() == 1.0
    shown.set_alarms(alarms[5:])
    assert len(shown.markers) == 1 and not shown._pulse.isActive()
    before = shown.cells["G21"].brush().color().redF()
    shown.set_cell_load({"G21": 10})
    assert shown.cells["G21"].brush().color().redF() > before
    with qtbot.waitSignal(shown.alarm_clicked) as clicked:
        shown.click_at(shown.mapFromScene(shown.markers[6].pos()))
    assert clicked.args == [6]


def wheel(view: GridMap, steps: int) -> None:
    centre = QPointF(view.viewport().rect().center())
    for _ in range(abs(steps)):
        event = QWheelEvent(
            centre,
            view.viewport().mapToGlobal(centre),
            QPoint(),
            QPoint(0, 120 if steps > 0 else -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        view.wheelEvent(event)


def test_wheel_zoom_is_bounded_and_f_fits_again(qtbot: QtBot, shown: GridMap) -> None:
    fitted = shown.transform().m11()
    wheel(shown, 3)
    assert shown.transform().m11() == pytest.approx(fitted * 1.25**3, rel=0.01)
    wheel(shown, 60)
    assert fitted < shown.transform().m11() <= 4.0  # bounded
    wheel(shown, -80)
    assert shown.transform().m11() >= 0.02
    shown.setFocus()
    qtbot.keyClick(shown, "F")
    assert shown.transform().m11() == pytest.approx(fitted, rel=0.01)
