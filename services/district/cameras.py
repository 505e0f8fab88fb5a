"""The camera catalogue: every camera with its place (community, grid cell, block) and
its two streams, as plain records for the camera tree and the video wall.

A camera without a community (an eagle-eye on a roof, a camera not yet placed) has no
grid cell or block either; a camera without a sub stream plays its main stream in tiles.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from services.db.models import Block, Camera, Community, GridCell, device_cameras, table_of
from services.db.store import Store
from services.domain.district import CameraEntry

_cameras, _communities = table_of(Camera), table_of(Community)
_cells, _blocks = table_of(GridCell), table_of(Block)


def camera_catalogue(store: Store) -> list[CameraEntry]:
    """All cameras, ordered by id."""
    cam, com, cell, block = _cameras.c, _communities.c, _cells.c, _blocks.c
    query = (
        select(cam.id, cam.name, cam.community_code, com.name, com.grid_code, cell.name)
        .add_columns(cell.block_code, block.name, cam.main_url, cam.sub_url)
        .outerjoin(_communities, com.code == cam.community_code)
        .outerjoin(_cells, cell.code == com.grid_code)
        .outerjoin(_blocks, block.code == cell.block_code)
        .order_by(cam.id)
    )
    with store.reading() as conn:
        rows = conn.execute(query).all()
    return [_entry(*row) for row in rows]


def _entry(*row: Any) -> CameraEntry:  # a row of the catalogue query
    camera, name, community, community_name, grid, grid_name, block, block_name, main, sub = row
    place = (community, community_name, grid, grid_name, block, block_name)
    return CameraEntry(camera, name, *place, main_url=main, sub_url=sub or main)


def cameras_of_devices(store: Store) -> dict[str, tuple[str, ...]]:
    """Device id → its linked cameras (报警联动: whose picture an alarm brings up)."""
    links: dict[str, list[str]] = {}
    query = select(device_cameras.c.device_id, device_cameras.c.camera_id).order_by(
        device_cameras.c.device_id, device_cameras.c.camera_id
    )
    with store.reading() as conn:
        for device, camera in conn.execute(query):
            links.setdefault(device, []).append(camera)
    return {device: tuple(cameras) for device, cameras in links.items()}
