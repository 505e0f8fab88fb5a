"""One misbehaving stream must not take the wall down: a server that accepts and
never answers, one that sends garbage, and one that answers and hangs up, beside
two good tiles.  The good tiles keep decoding, the GUI thread keeps running, the
bad tiles say they are connecting or lost, and every player is released, hung
ones too, without blocking the GUI thread.  (Decided by this test: players stay
in the console's process; libVLC keeps a stuck input in its own threads.)"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.support.video import camera
from widgets.video.player import PlayerState
from widgets.video.session import live_sessions
from widgets.video.tile import VideoTile

Behaviour = Callable[[socket.socket], None]


def hang(conn: socket.socket) -> None:
    conn.recv(4096)  # the request, then silence


def garbage(conn: socket.socket) -> None:
    conn.recv(4096)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: video/mp2t\r\n\r\n"
    conn.sendall(head + bytes(range(256)) * 2048)  # 512 KiB that decode to nothing


def hang_up(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.close()


class BadServer:
    """Loopback TCP server; each connection gets ``behaviour``; stops by itself."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.behaviour = behaviour
        self.stop = threading.Event()
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, name="bad-server", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.held.append(conn)
            try:
                conn.settimeout(2)
                self.behaviour(conn)
            except OSError:
                pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        for conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture
def bad_servers() -> Iterator[dict[str, BadServer]]:
    servers = {
        "hang": BadServer(hang),
        "garbage": BadServer(garbage),
        "hang_up": BadServer(hang_up),
    }
    yield servers
    for server in servers.values():
        server.close()


def test_bad_streams_leave_the_good_tiles_and_the_gui_alone(
    qtbot: QtBot, make_tile: Callable[..., VideoTile], bad_servers: dict[str, BadServer]
) -> None:
    good = [make_tile(camera(cam)) for cam in ("CAM-001", "CAM-002")]
    bad = [
        make_tile(camera(f"BAD-{name}", sub_url=f"http://127.0.0.1:{server.port}/cam.ts"))
        for name, server in bad_servers.items()
    ]
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(20)
    for tile in good + bad:
        tile.play()
    qtbot.waitUntil(lambda: all(t.state() is PlayerState.LIVE for t in good), timeout=15000)
    counts = [t.player.frames_decoded for t in good]  # type: ignore[union-attr]
    before = ticks[0]
    qtbot.wait(4000)  # past the stall time (2 s): the bad ones have been restarted
    assert all(
        t.player.frames_decoded > n + 20  # type: ignore[union-attr]
        for t, n in zip(good, counts, strict=True)
    ), "a good tile stopped decoding"
    assert ticks[0] - before > 100  # 4 s of a 20 ms timer: the GUI thread kept running
    assert all(t.state() in (PlayerState.CONNECTING, PlayerState.LOST) for t in bad)
    assert all(t.state() is PlayerState.LIVE for t in good)
    assert bad_servers["hang"].held  # libVLC did connect to the silent server
    for tile in bad + good:
        tile.release()  # hung inputs are stopped on worker threads, not here
    qtbot.waitUntil(lambda: live_sessions() == 0, timeout=15000)
    timer.stop()
