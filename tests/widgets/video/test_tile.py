"""A tile plays real video: demo clips, HTTP MPEG-TS and RTSP from a loopback server."""

from __future__ import annotations

import dataclasses
import re
import time

import pytest
from PySide6.QtGui import QImage

from tests.support.video import FAST, camera, clip, clip_colours, close_to, dominant_colour
from widgets.video import session as video_session
from widgets.video.backends import PlayerFactory
from widgets.video.player import PlayerState
from widgets.video.tile_paint import message
from widgets.video.vlc_probe import probe_libvlc

WAIT = 20000  # ms: bound of every wait for a stream


def frame_bytes(image: QImage | None) -> bytes:
    assert image is not None
    return bytes(image.constBits())


def test_tile_decodes_real_frames_of_its_demo_clip(qtbot, make_tile) -> None:
    tile = make_tile(camera("CAM-005"))
    tile.play()
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    player = tile.player
    assert player is not None
    first = frame_bytes(player.current_image())
    qtbot.waitUntil(lambda: frame_bytes(player.current_image()) != first, timeout=5000)
    picture = tile.picture()
    assert picture is not None
    assert (picture.width(), picture.height()) == (320, 180)
    assert close_to(dominant_colour(picture), clip_colours()["CAM-005"])
    assert not close_to(dominant_colour(picture), clip_colours()["CAM-006"])
    assert player.last_frame_at is not None


def test_a_ten_fps_clip_is_painted_ten_times_a_second_not_twenty(qtbot, make_tile) -> None:
    tile = make_tile(camera("CAM-012"))
    tile.play()
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    player = tile.player
    before, shown_before, start = player.frames_decoded, player.frames_shown, time.monotonic()
    qtbot.wait(3000)
    seconds = time.monotonic() - start
    distinct = (player.frames_decoded - before) / seconds
    shown = (player.frames_shown - shown_before) / seconds
    assert 5 <= distinct <= 12.5  # 10 fps; VLC 3's second display of each is dropped
    assert shown <= distinct + 0.5
    if player.backend == "vlc-callbacks":
        assert player.duplicates > 0  # they were there, and were not painted


def test_tile_plays_http_stream_and_reconnects_after_server_restart(
    qtbot, make_tile, stream_server
) -> None:
    url = stream_server.serve_http("cam9", clip("CAM-009"))
    tile = make_tile(camera("CAM-009", sub_url=url))
    states: list[str] = []
    tile.state_changed.connect(states.append)
    tile.play()
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    assert close_to(dominant_colour(tile.picture()), clip_colours()["CAM-009"])

    stream_server.stop("cam9")
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LOST, timeout=WAIT)
    assert message(tile).startswith("Signal lost")
    frames_when_lost = tile.player.frames_decoded
    stream_server.start("cam9")
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    qtbot.waitUntil(lambda: tile.player.frames_decoded > frames_when_lost + 5, timeout=WAIT)
    assert tile.player.restarts >= 1
    assert states[:2] == ["connecting", "live"] and "lost" in states and states[-1] == "live"


def rtsp_factory() -> PlayerFactory:
    """The factory as it stands here, with rtsp:// left to FFmpeg even where this
    libVLC has live555 (so the FFmpeg path is always the one tested)."""
    probe = probe_libvlc()
    if probe.can_open("rtsp://127.0.0.1/x"):
        probe = dataclasses.replace(probe, schemes=probe.schemes - {"rtsp"}, plugin_dir="-")
    return PlayerFactory(FAST, probe=probe)


def test_rtsp_plays_through_ffmpeg_when_libvlc_cannot(qtbot, make_tile, stream_server) -> None:
    pytest.importorskip("av")
    url = stream_server.serve_rtsp("cam21", clip("CAM-021"))
    tile = make_tile(camera("CAM-021", sub_url=url), rtsp_factory())
    tile.play()
    assert tile.player.backend == "ffmpeg"
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    first = frame_bytes(tile.player.current_image())
    qtbot.waitUntil(lambda: frame_bytes(tile.player.current_image()) != first, timeout=5000)
    assert close_to(dominant_colour(tile.picture()), clip_colours()["CAM-021"])


def test_libvlc_here_has_no_rtsp_or_says_it_has() -> None:
    probe = probe_libvlc()
    assert probe.available, probe.detail
    assert probe.can_open("http://127.0.0.1/x.ts") and probe.can_open("/tmp/clip.mp4")
    assert probe.can_open("rtsp://127.0.0.1/x") == ("rtsp" in probe.schemes)


def test_libvlc_missing_the_tile_says_what_to_install(qtbot, make_tile) -> None:
    probe = probe_libvlc("vlc_not_installed_here")
    assert not probe.available and probe.problem == "missing"
    tile = make_tile(camera("CAM-001"), PlayerFactory(FAST, probe=probe, ffmpeg=False))
    tile.play()
    assert tile.state() is PlayerState.UNAVAILABLE
    text = message(tile)
    assert "libVLC" in text and probe.hint in text
    tile.grab()  # paints without a picture


def test_libvlc_missing_ffmpeg_still_plays_the_demo_clip(qtbot, make_tile) -> None:
    pytest.importorskip("av")
    factory = PlayerFactory(FAST, probe=probe_libvlc("vlc_not_installed_here"))
    tile = make_tile(camera("CAM-030"), factory)
    tile.play()
    assert tile.player.backend == "ffmpeg"
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    assert close_to(dominant_colour(tile.picture()), clip_colours()["CAM-030"])


def test_main_stream_when_full_screen_and_back(qtbot, make_tile) -> None:
    tile = make_tile(camera("CAM-040"))
    tile.play()
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    assert tile.picture().width() == 320
    tile.set_main(True)
    assert tile.url() == "demo://CAM-040/main"
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    assert (tile.picture().width(), tile.picture().height()) == (1280, 720)
    tile.set_main(False)
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    assert tile.picture().width() == 320
    assert video_session.live_sessions() <= 3  # the two closed ones may still be going


def test_snapshot_names_camera_and_time(qtbot, make_tile, tmp_path) -> None:
    tile = make_tile(camera("CAM-050"))
    assert tile.snapshot(tmp_path) is None  # nothing to save yet
    tile.play()
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    with qtbot.waitSignal(tile.snapshot_saved, timeout=1000) as saved_signal:
        path = tile.snapshot(tmp_path)
    assert path is not None and saved_signal.args == [str(path)]
    assert re.fullmatch(r"CAM-050_\d{8}-\d{6}\.png", path.name)
    saved = QImage(str(path))
    assert (saved.width(), saved.height()) == (320, 180)
    assert close_to(dominant_colour(saved), clip_colours()["CAM-050"])


def test_closed_and_hidden_tiles_leave_no_player(qtbot, make_tile) -> None:
    tiles = [make_tile(camera(f"CAM-0{n}")) for n in range(60, 66)]
    for tile in tiles:
        tile.play()
    qtbot.waitUntil(lambda: all(t.state() is PlayerState.LIVE for t in tiles), timeout=WAIT)
    assert video_session.live_sessions() == 6
    tiles[0].hide()  # a hidden tile stops decoding, and plays again when shown
    qtbot.waitUntil(lambda: video_session.live_sessions() == 5, timeout=WAIT)
    tiles[0].show()
    qtbot.waitUntil(lambda: tiles[0].state() is PlayerState.LIVE, timeout=WAIT)
    for tile in tiles:
        tile.close()
    qtbot.waitUntil(lambda: video_session.live_sessions() == 0, timeout=WAIT)
    tiles[1].deleteLater()


def test_a_tile_deleted_with_its_parent_releases_its_player(qtbot, factory) -> None:
    from PySide6.QtWidgets import QWidget

    from widgets.video.tile import VideoTile

    wall = QWidget()
    tile = VideoTile(camera("CAM-070"), factory, wall)
    wall.resize(320, 200)
    wall.show()
    tile.play()
    qtbot.waitUntil(lambda: tile.state() is PlayerState.LIVE, timeout=WAIT)
    assert video_session.live_sessions() == 1
    wall.deleteLater()  # no release(), no close(): the wall just goes
    qtbot.waitUntil(lambda: video_session.live_sessions() == 0, timeout=WAIT)
