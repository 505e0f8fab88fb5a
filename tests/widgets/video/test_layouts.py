"""Wall layouts as plain data: the standard grids, the big-tile layouts, validation and
the dict/JSON a custom layout is kept as."""

from __future__ import annotations

import pytest

from tests.support.video import camera
from widgets.video.layouts import BUILT_IN, Cell, WallLayout, big_tile_layout
from widgets.video.wall_pages import WallPages


def covered(layout: WallLayout) -> int:
    return sum(cell.rowspan * cell.colspan for cell in layout.cells)


def test_standard_layouts_fill_their_grids() -> None:
    sizes = {name: (layout.rows, layout.cols, layout.size) for name, layout in BUILT_IN.items()}
    assert sizes["1"] == (1, 1, 1) and sizes["16"] == (4, 4, 16) and sizes["64"] == (8, 8, 64)
    assert sizes["84"] == (7, 12, 84)
    assert [n for n in ("1", "4", "9", "16", "25", "36", "64", "84") if n in BUILT_IN] == [
        "1", "4", "9", "16", "25", "36", "64", "84"
    ]  # fmt: skip
    for layout in BUILT_IN.values():  # no holes in any built-in layout
        assert covered(layout) == layout.rows * layout.cols, layout.name


def test_big_tile_layouts_have_one_large_tile_first() -> None:
    for name, side, span, size in (("1+5", 3, 2, 6), ("1+7", 4, 3, 8), ("1+12", 4, 2, 13)):
        layout = BUILT_IN[name]
        assert (layout.rows, layout.cols, layout.size) == (side, side, size)
        assert (layout.cells[0].rowspan, layout.cells[0].colspan) == (span, span)
        assert all(c.rowspan == c.colspan == 1 for c in layout.cells[1:])
    assert BUILT_IN["1+12"].cells[0] == Cell(1, 1, 2, 2)  # in the middle


def test_only_a_tile_over_half_the_wall_plays_the_main_stream() -> None:
    main = {n: [lay.plays_main(c) for c in lay.cells] for n, lay in BUILT_IN.items()}
    assert main["1"] == [True] and main["4"] == [False] * 4
    assert main["1+5"] == [True] + [False] * 5 and main["1+7"][:2] == [True, False]
    assert not any(main["1+12"]) and not any(main["84"])


def test_custom_layout_round_trips_through_dict_and_json() -> None:
    layout = big_tile_layout("值班 1+3", 2, Cell(0, 0, 1, 2))
    assert [(c.row, c.col) for c in layout.cells] == [(0, 0), (1, 0), (1, 1)]
    data = layout.to_dict()
    assert (data["name"], data["rows"], data["cols"]) == ("值班 1+3", 2, 2)
    assert data["cells"] == [[0, 0, 1, 2], [1, 0, 1, 1], [1, 1, 1, 1]]
    assert WallLayout.from_dict(data) == layout
    assert WallLayout.from_json(layout.to_json()) == layout
    assert "值班" in layout.to_json()  # readable in the settings file


@pytest.mark.parametrize(
    ("cells", "rows", "cols", "says"),
    [
        ([[0, 0, 2, 2], [1, 1, 1, 1]], 3, 3, "cell 2 overlaps"),
        ([[0, 0, 1, 1], [2, 3, 1, 1]], 3, 3, "cell 2 at row 2, column 3 leaves the 3×3 grid"),
        ([[0, 1, 1, 3]], 3, 3, "cell 1 at row 0, column 1 leaves"),
        ([[-1, 0, 1, 1]], 3, 3, "leaves"),
        ([[0, 0, 0, 1]], 3, 3, "spans nothing"),
        ([], 3, 3, "no cells"),
        ([[0, 0, 1, 1]], 0, 3, "is empty"),
    ],
)
def test_bad_layout_is_refused_with_the_reason(cells, rows, cols, says) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=says):
        WallLayout.from_dict({"name": "bad", "rows": rows, "cols": cols, "cells": cells})


@pytest.mark.parametrize(
    "data",
    ['{"name": "x", "rows": 2}', '{"name": "x", "rows": "2", "cols": 2, "cells": []}', "[1, 2]",
     '{"name": "x", "rows": 1, "cols": 1, "cells": [[0]]}', "not json",
     '{"name": " ", "rows": 1, "cols": 1, "cells": [[0, 0, 1, 1]]}'],
)  # fmt: skip
def test_what_is_not_a_layout_is_a_value_error(data: str) -> None:
    with pytest.raises(ValueError):
        WallLayout.from_json(data)


def test_pages_keep_a_dropped_camera_and_the_first_camera_across_sizes() -> None:
    pages = WallPages([camera(f"CAM-0{n:02d}") for n in range(1, 11)], size=4)
    assert (pages.count(), pages.label()) == (3, "1 / 3")
    pages.go(2)
    assert [c.id if c else None for c in pages.shown()] == ["CAM-009", "CAM-010", None, None]
    assert pages.place(3, "CAM-001") and not pages.place(0, "CAM-999")
    pages.go(-1)  # wraps: the last page
    assert pages.shown()[3] is not None and pages.shown()[3].id == "CAM-001"
    assert pages.find("CAM-001") == 0 and pages.find("CAM-010") == 9
    pages.set_size(9)  # the page that holds the first camera shown: CAM-009 at 8
    assert pages.page == 0 and pages.count() == 2
    pages.go(1)
    pages.set_size(1)
    assert pages.page == 9 and pages.shown()[0].id == "CAM-010"  # type: ignore[union-attr]
