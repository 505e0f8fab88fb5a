"""Which camera the wall shows where: the wall's cameras in order, cut into pages of
as many as the layout holds, and the operator's own placements.

A camera dropped on a tile takes that place in the order (position = page × size +
slot), so it is there again when the operator pages away and back, and stays near
it when the layout changes. Plain Python: no Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence

from widgets.video.tile import TileCamera


class WallPages:
    def __init__(self, cameras: Sequence[TileCamera], size: int = 1) -> None:
        self.size = max(1, size)
        self.page = 0
        self.placed: dict[int, str] = {}  # position → camera id, the operator's choices
        self.cameras: list[TileCamera] = []
        self.by_id: dict[str, TileCamera] = {}
        self.set_cameras(cameras)

    def set_cameras(self, cameras: Sequence[TileCamera]) -> None:
        """A new catalogue; placements of cameras that are gone are forgotten."""
        self.cameras = list(cameras)
        self.by_id = {camera.id: camera for camera in self.cameras}
        self.placed = {p: c for p, c in self.placed.items() if c in self.by_id}
        self.page = min(self.page, self.count() - 1)

    def count(self) -> int:
        """Pages, at least one."""
        last = max([len(self.cameras) - 1, *self.placed])
        return max(1, last // self.size + 1)

    def set_size(self, size: int) -> None:
        """A layout of ``size`` tiles; the first camera of the page stays on screen."""
        first = self.page * self.size
        self.size = max(1, size)
        self.page = min(first // self.size, self.count() - 1)

    def go(self, page: int) -> None:
        """To ``page``, wrapping around at both ends."""
        self.page = page % self.count()

    def camera_at(self, position: int) -> TileCamera | None:
        camera_id = self.placed.get(position)
        if camera_id is not None:
            return self.by_id[camera_id]
        return self.cameras[position] if position < len(self.cameras) else None

    def shown(self) -> list[TileCamera | None]:
        """The cameras of the current page, slot by slot."""
        first = self.page * self.size
        return [self.camera_at(first + slot) for slot in range(self.size)]

    def place(self, slot: int, camera_id: str) -> bool:
        """Put a camera in a slot of the current page; False for an unknown camera."""
        if camera_id not in self.by_id or not 0 <= slot < self.size:
            return False
        self.placed[self.page * self.size + slot] = camera_id
        return True

    def find(self, camera_id: str) -> int | None:
        """The first position that shows the camera, or None."""
        positions = [p for p, c in self.placed.items() if c == camera_id]
        for position, camera in enumerate(self.cameras):
            if camera.id == camera_id and position not in self.placed:
                positions.append(position)
                break
        return min(positions) if positions else None

    def label(self) -> str:
        return f"{self.page + 1} / {self.count()}"
