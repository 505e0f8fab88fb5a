"""The pieces under the tile: frame hand-off, options, demo URLs, watchdog back-off."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.video import CLIPS
from widgets.video.backends import PlayerFactory, resolve_demo
from widgets.video.player import PlayerOptions, PlayerState, VideoPlayer
from widgets.video.session import FrameSlot
from widgets.video.vlc_probe import VlcProbe


def test_frame_slot_drops_repeats_and_coalesces_notifications() -> None:
    notified: list[int] = []
    slot = FrameSlot(lambda: notified.append(1))
    slot.put(b"a" * 16, 2, 2, 8)
    slot.put(b"a" * 16, 2, 2, 8)  # VLC's second display of the same picture
    slot.put(b"b" * 16, 2, 2, 8)  # not taken yet: no second notification
    assert (slot.distinct, slot.duplicates, len(notified)) == (2, 1, 1)
    frame = slot.take()
    assert frame is not None and frame.data == b"b" * 16
    assert slot.take() is None
    slot.put(b"c" * 16, 2, 2, 8)
    assert len(notified) == 2
    slot.closed = True
    slot.put(b"d" * 16, 2, 2, 8)
    assert slot.distinct == 3


def test_demo_urls_resolve_to_shipped_clips(tmp_path: Path) -> None:
    assert resolve_demo("demo://CAM-001/sub") == CLIPS / "CAM-001_sub.mp4"
    assert resolve_demo("demo://EE-08/main") == CLIPS / "EE-08_main.mp4"
    assert resolve_demo("demo://CAM-999/sub") is None
    assert resolve_demo("demo://../x/sub") is None
    assert resolve_demo("rtsp://10.0.0.1/x") is None
    (tmp_path / "CAM-001_sub.mp4").write_bytes(b"x")  # main missing: the sub clip
    assert resolve_demo("demo://CAM-001/main", [tmp_path]) == tmp_path / "CAM-001_sub.mp4"


def test_every_demo_camera_has_both_clips() -> None:
    cameras = [
        line.split(",")[0]
        for line in (CLIPS.parent / "cameras.csv").read_text(encoding="utf-8").splitlines()[2:]
    ]
    assert len(cameras) >= 84
    for camera in cameras:
        for stream in ("sub", "main"):
            assert resolve_demo(f"demo://{camera}/{stream}") == CLIPS / f"{camera}_{stream}.mp4"


def test_unknown_demo_camera_gets_a_stand_in() -> None:
    player = PlayerFactory().create("demo://NOPE-1/sub")
    assert player.state is PlayerState.UNAVAILABLE and player.detail == "no_clip"


def test_scheme_nothing_opens_gets_a_stand_in() -> None:
    probe = VlcProbe(True, plugin_dir="/x", schemes=frozenset({"file", "http"}))
    player = PlayerFactory(probe=probe, ffmpeg=False).create("rtsp://127.0.0.1/x")
    assert player.state is PlayerState.UNAVAILABLE and player.detail == "scheme"


class _Failing(VideoPlayer):
    """A player whose every start fails at once."""

    def _start_session(self) -> object:
        raise OSError("connection refused")


def test_backoff_doubles_up_to_the_limit_and_resets_when_live(qtbot) -> None:
    player = _Failing("x://", PlayerOptions(backoff_first_seconds=1, backoff_max_seconds=30))
    delays = []
    player.play()
    for _ in range(7):
        assert player.state is PlayerState.LOST and player.detail == "connection refused"
        delays.append(player._backoff)
        player._open()  # what the watchdog does once the back-off has passed
    assert delays == [2, 4, 8, 16, 30, 30, 30]  # the delay after the next failure
    player._session = object()  # a session that delivers a frame
    player._frame_arrived()
    assert player.state is PlayerState.LIVE and player._backoff == 1
    player._session = None
    player.stop()
    assert player.state is PlayerState.IDLE


def test_a_clip_is_kept_as_it_came(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """报警联动: three seconds of a demo camera, remuxed into MP4 (H.264 still),
    finalised off the GUI thread."""
    from widgets.video.recorder import ClipRecorder

    done: list[tuple[object, str]] = []
    recorder = ClipRecorder("demo://CAM-001/sub", tmp_path / "clip.mp4", seconds=3)
    recorder.finished.connect(lambda path, why: done.append((path, why)))
    assert recorder.start()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    path, why = done[0]
    assert path == tmp_path / "clip.mp4" and why == ""
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name",
         "-of", "default=nw=1", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "codec_name=h264" in probe  # not transcoded
    duration = float(probe.split("duration=")[1].split()[0])
    assert 2.5 <= duration <= 3.5
    missing: list[tuple[object, str]] = []
    nothing = ClipRecorder("demo://CAM-999/sub", tmp_path / "none.mp4", seconds=3)
    nothing.finished.connect(lambda path, why: missing.append((path, why)))
    assert not nothing.start() and missing[0][0] is None and "CAM-999" in missing[0][1]
