"""The camera tree: block → grid → community → camera, filtered by text, cameras dragged
out as their ids and activated by a double click."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from services.domain import CameraEntry
from widgets.video.camera_tree import CAMERA_ID_ROLE, CameraBrowser, CameraTree, tile_camera
from widgets.video.tile import TileCamera
from widgets.video.wall_slot import CAMERA_MIME, dropped_cameras


def entry(cam: str, name: str, community: str | None, grid: str = "G11") -> CameraEntry:
    places = {"C01": "长滩一期", "C02": "长滩二期", "C40": "宝山八村"}
    grids = {"G11": "长滩一网格", "G21": "宝山一网格"}
    blocks = {"G11": ("B1", "长滩街区"), "G21": ("B2", "宝山街区")}
    if community is None:
        return CameraEntry(cam, name, None, None, None, None, None, None, f"rtsp://{cam}", "")
    block, block_name = blocks[grid]
    return CameraEntry(
        cam, name, community, places[community], grid, grids[grid], block, block_name,
        f"demo://{cam}/main", f"demo://{cam}/sub",
    )  # fmt: skip


ENTRIES = [
    entry("EE-01", "宝山八村高点鹰眼", "C40", "G21"),
    entry("CAM-001", "长滩一期主出入口", "C01"),
    entry("CAM-002", "长滩二期主出入口", "C02"),
    entry("CAM-085", "长滩二期北门", "C02"),
    entry("ROOF-1", "楼顶", None),
]


def texts(tree: CameraTree, parent: QModelIndex | None = None) -> list[str]:
    model = tree.model()
    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def find(tree: CameraTree, camera_id: str) -> QModelIndex:
    found = tree.model().match(
        tree.model().index(0, 0), CAMERA_ID_ROLE, camera_id, 1, Qt.MatchFlag.MatchRecursive
    )
    assert found, camera_id
    return found[0]


def test_tree_groups_cameras_by_block_grid_and_community(qtbot) -> None:
    tree = CameraTree()
    qtbot.addWidget(tree)
    tree.set_cameras(ENTRIES)
    assert texts(tree) == ["长滩街区", "宝山街区", "Other cameras"]
    block = tree.model().index(0, 0)
    assert texts(tree, block) == ["长滩一网格"]
    grid = tree.model().index(0, 0, block)
    assert texts(tree, grid) == ["长滩一期", "长滩二期"]
    assert texts(tree, tree.model().index(1, 0, grid)) == ["长滩二期主出入口", "长滩二期北门"]
    assert tree.camera_ids() == ["CAM-001", "CAM-002", "CAM-085", "EE-01", "ROOF-1"]
    assert tree.isExpanded(block) and not tree.isExpanded(grid)


def test_filter_box_narrows_the_tree_by_name_id_or_place(qtbot) -> None:
    browser = CameraBrowser()
    qtbot.addWidget(browser)
    browser.set_cameras(ENTRIES)
    qtbot.keyClicks(browser.filter, "cam-00")  # ids, any case
    assert browser.tree.camera_ids() == ["CAM-001", "CAM-002"]
    browser.filter.setText("北门")
    assert browser.tree.camera_ids() == ["CAM-085"]
    assert browser.tree.isExpanded(browser.tree.model().index(0, 0))
    browser.filter.setText("长滩二期")  # a community: all its cameras
    assert browser.tree.camera_ids() == ["CAM-002", "CAM-085"]
    browser.filter.setText("宝山街区")  # a block: all of it
    assert browser.tree.camera_ids() == ["EE-01"]
    browser.filter.setText("nothing like it")
    assert browser.tree.camera_ids() == []
    browser.filter.clear()
    assert len(browser.tree.camera_ids()) == 5


def test_a_dragged_camera_carries_its_id_and_groups_do_not_drag(qtbot) -> None:
    tree = CameraTree()
    qtbot.addWidget(tree)
    tree.set_cameras(ENTRIES)
    index = find(tree, "CAM-002")
    assert index.flags() & Qt.ItemFlag.ItemIsDragEnabled
    data = tree.model().mimeData([index])
    assert data.hasFormat(CAMERA_MIME) and dropped_cameras(data) == ["CAM-002"]
    block = tree.model().index(0, 0)
    assert not block.flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert dropped_cameras(tree.model().mimeData([block])) == []


def test_double_click_on_a_camera_activates_it(qtbot) -> None:
    tree = CameraTree()
    qtbot.addWidget(tree)
    tree.set_cameras(ENTRIES)
    tree.resize(300, 400)
    tree.show()
    tree.expandAll()
    activated: list[str] = []
    tree.camera_activated.connect(activated.append)
    for target in (find(tree, "CAM-085"), tree.model().index(0, 0)):
        centre = tree.visualRect(target).center()
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert activated == ["CAM-085"]  # the block's double click only folds it


def test_the_browser_passes_on_a_camera_activated_in_its_tree(qtbot) -> None:
    browser = CameraBrowser()
    qtbot.addWidget(browser)
    browser.set_cameras(ENTRIES)
    browser.resize(300, 400)
    browser.show()
    browser.tree.expandAll()
    centre = browser.tree.visualRect(find(browser.tree, "EE-01")).center()
    qtbot.mouseClick(browser.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(browser.camera_activated, timeout=1000) as activated:
        qtbot.mouseDClick(browser.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert activated.args == ["EE-01"]


def test_tile_camera_names_the_community_once() -> None:
    assert tile_camera(entry("CAM-009", "东门", "C01")) == TileCamera(
        "CAM-009", "东门", "长滩一期", "demo://CAM-009/main", "demo://CAM-009/sub"
    )
    assert tile_camera(ENTRIES[1]).community == ""  # "长滩一期主出入口" says it already
    assert tile_camera(ENTRIES[-1]).community == ""
