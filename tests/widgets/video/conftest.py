"""Video tests: real libVLC and FFmpeg, real streams on loopback, no player left behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.video import FAST
from widgets.video import session as video_session
from widgets.video.backends import PlayerFactory
from widgets.video.tile import TileCamera, VideoTile


@pytest.fixture
def factory() -> PlayerFactory:
    return PlayerFactory(FAST)


@pytest.fixture
def make_tile(qtbot, factory: PlayerFactory) -> Iterator:  # type: ignore[no-untyped-def]
    tiles: list[VideoTile] = []

    def make(cam: TileCamera, tile_factory: PlayerFactory | None = None) -> VideoTile:
        tile = VideoTile(cam, tile_factory or factory)
        qtbot.addWidget(tile)
        tile.resize(320, 200)
        tile.show()
        tiles.append(tile)
        return tile

    yield make
    for tile in tiles:
        tile.release()


@pytest.fixture(autouse=True)
def _no_leaked_players(qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    yield
    qtbot.waitUntil(lambda: video_session.live_sessions() == 0, timeout=15000)


@pytest.fixture
def stream_server() -> Iterator[object]:
    from tests.support.streams import StreamServer

    with StreamServer() as server:
        yield server
