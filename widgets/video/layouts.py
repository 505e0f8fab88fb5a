"""Layouts of the video wall, as plain data: a grid of ``rows × cols`` and the cells that
hold a tile each, in the order cameras fill them.

The standard layouts are square grids (1, 4 ... 64) and the whole district on one
screen (84: 12 columns × 7 rows). Custom layouts give one camera a large tile with small
ones around it ("1+5", "1+7", "1+12"), or anything an operator builds; they serialise
to a plain dict (JSON-ready), which is how the console keeps them by name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1

    def squares(self) -> set[tuple[int, int]]:
        return {
            (r, c)
            for r in range(self.row, self.row + self.rowspan)
            for c in range(self.col, self.col + self.colspan)
        }


@dataclass(frozen=True, slots=True)
class WallLayout:
    """Validated on creation: ValueError when a cell leaves the grid or overlaps another."""

    name: str
    rows: int
    cols: int
    cells: tuple[Cell, ...]

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a layout needs a name")
        if self.rows < 1 or self.cols < 1:
            raise ValueError(f"layout {self.name}: grid {self.rows}×{self.cols} is empty")
        if not self.cells:
            raise ValueError(f"layout {self.name}: no cells")
        taken: set[tuple[int, int]] = set()
        for n, cell in enumerate(self.cells, 1):
            if cell.rowspan < 1 or cell.colspan < 1:
                raise ValueError(f"layout {self.name}: cell {n} spans nothing")
            if min(cell.row, cell.col) < 0 or (
                cell.row + cell.rowspan > self.rows or cell.col + cell.colspan > self.cols
            ):
                raise ValueError(
                    f"layout {self.name}: cell {n} at row {cell.row}, column {cell.col} "
                    f"leaves the {self.rows}×{self.cols} grid"
                )
            squares = cell.squares()
            if squares & taken:
                raise ValueError(f"layout {self.name}: cell {n} overlaps another cell")
            taken |= squares

    @property
    def size(self) -> int:
        """How many tiles the layout holds."""
        return len(self.cells)

    def plays_main(self, cell: Cell) -> bool:
        """A tile over more than half the grid both ways is as large as a full screen:
        it plays the camera's main stream, the others their sub streams."""
        return 2 * cell.rowspan > self.rows and 2 * cell.colspan > self.cols

    def to_dict(self) -> dict[str, Any]:
        cells = [[c.row, c.col, c.rowspan, c.colspan] for c in self.cells]
        return {"name": self.name, "rows": self.rows, "cols": self.cols, "cells": cells}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WallLayout:
        """The inverse of ``to_dict``; ValueError for anything that is not a layout."""
        try:
            cells = tuple(Cell(*(_whole(v) for v in cell)) for cell in data["cells"])
            return cls(str(data["name"]), _whole(data["rows"]), _whole(data["cols"]), cells)
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a wall layout: {exc!r}") from exc

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> WallLayout:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a wall layout: {exc}") from exc
        if not isinstance(data, dict):
            raise ValueError("not a wall layout: not a JSON object")
        return cls.from_dict(data)


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"not a wall layout: {value!r} is not a whole number")
    return value


def grid_layout(name: str, rows: int, cols: int) -> WallLayout:
    cells = tuple(Cell(r, c) for r in range(rows) for c in range(cols))
    return WallLayout(name, rows, cols, cells)


def big_tile_layout(name: str, side: int, big: Cell) -> WallLayout:
    """One large tile (``big``) on a ``side × side`` grid, small tiles in every other square."""
    taken = big.squares()
    small = [Cell(r, c) for r in range(side) for c in range(side) if (r, c) not in taken]
    return WallLayout(name, side, side, (big, *small))


STANDARD: tuple[WallLayout, ...] = (
    *(grid_layout(str(n * n), n, n) for n in (1, 2, 3, 4, 5, 6, 8)),
    grid_layout("84", 7, 12),
)
CUSTOM: tuple[WallLayout, ...] = (
    big_tile_layout("1+5", 3, Cell(0, 0, 2, 2)),
    big_tile_layout("1+7", 4, Cell(0, 0, 3, 3)),
    big_tile_layout("1+12", 4, Cell(1, 1, 2, 2)),
)
BUILT_IN: dict[str, WallLayout] = {layout.name: layout for layout in (*STANDARD, *CUSTOM)}
