"""Video wall benchmark (issue 5): N tiles of the demo sub stream (320x180, 10 fps).

    .venv/bin/python -m tests.bench.bench_video                       # offscreen: callbacks
    xvfb-run -a -s "-screen 0 1920x1080x24" \\
        .venv/bin/python -m tests.bench.bench_video --modes callbacks native --baseline

Modes: ``callbacks`` (libVLC into QImages), ``native`` (libVLC into X windows; needs
Qt on xcb, e.g. under xvfb-run) and ``ffmpeg`` (PyAV into QImages). Each runs in a
fresh process: a window of N tiles (12 columns) plays the demo clips, warms up, then
for ``--seconds``: the process's CPU time (all threads, libVLC's included) as % of
one core, and the X server's beside it when psutil finds it; frames per second and
tile (distinct frames; for ``native`` libVLC's decoded-picture count, which runs at
about twice the frame rate here); peak memory; the time until every tile showed its
first frame. ``--baseline`` adds ffmpeg decoding the same clips to null, in real
time, over the same time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODES = ("callbacks", "native", "ffmpeg")


def clip_ids(count: int) -> list[str]:
    folder = ROOT / "resources" / "demo" / "video"
    ids = sorted(p.name.removesuffix("_sub.mp4") for p in folder.glob("CAM-*_sub.mp4"))
    return [ids[i % len(ids)] for i in range(count)]


def x_server() -> object | None:
    """The X server of $DISPLAY when it is a local Xvfb/Xorg and psutil is there."""
    display = os.environ.get("DISPLAY", "")
    try:
        import psutil
    except ImportError:
        return None
    for proc in psutil.process_iter(["name", "cmdline"]):
        if proc.info["name"] in ("Xvfb", "Xorg") and display in (proc.info["cmdline"] or []):
            return proc
    return None


def cpu_seconds(proc: object | None) -> float:
    if proc is None:
        return 0.0
    times = proc.cpu_times()  # type: ignore[attr-defined]
    return float(times.user + times.system)


def child(mode: str, tiles: int, seconds: float, warmup: float) -> dict[str, float | str]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication, QGridLayout, QWidget

    app = QApplication(sys.argv[:1])
    from widgets.video.backends import PlayerFactory
    from widgets.video.player import PlayerOptions, PlayerState
    from widgets.video.tile import TileCamera, VideoTile

    if mode == "ffmpeg":  # PyAV for every tile, as when libVLC is missing
        from widgets.video.vlc_probe import probe_libvlc

        factory = PlayerFactory(PlayerOptions(), probe=probe_libvlc("no-libvlc-here"))
    else:
        factory = PlayerFactory(PlayerOptions(render=mode))
    window = QWidget()
    grid = QGridLayout(window)
    grid.setSpacing(1)
    grid.setContentsMargins(0, 0, 0, 0)
    columns = 12 if tiles > 16 else 4
    wall = []
    for n, cam in enumerate(clip_ids(tiles)):
        camera = TileCamera(cam, cam, "", f"demo://{cam}/main", f"demo://{cam}/sub")
        tile = VideoTile(camera, factory)
        tile.setMinimumSize(150, 96)
        grid.addWidget(tile, n // columns, n % columns)
        wall.append(tile)
    window.resize(columns * 158, ((tiles + columns - 1) // columns) * 104)
    window.show()
    clock = QElapsedTimer()
    clock.start()
    for tile in wall:
        tile.play()
    result: dict[str, float | str] = {"mode": mode, "tiles": tiles}
    marks: dict[str, object] = {}

    def all_live() -> None:
        if "first_frame_all_s" not in result and all(t.state() is PlayerState.LIVE for t in wall):
            result["first_frame_all_s"] = clock.elapsed() / 1000

    server = x_server() if QApplication.platformName() == "xcb" else None

    def begin() -> None:
        marks["x"] = cpu_seconds(server)
        marks["usage"] = resource.getrusage(resource.RUSAGE_SELF)
        marks["t"] = time.monotonic()
        marks["frames"] = sum(t.player.frames_decoded for t in wall if t.player)

    def end() -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        before = marks["usage"]
        elapsed = time.monotonic() - float(marks["t"])  # type: ignore[arg-type]
        cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime  # type: ignore[attr-defined]
        frames = sum(t.player.frames_decoded for t in wall if t.player) - marks["frames"]  # type: ignore[operator]
        result.update(
            backend=wall[0].player.backend if wall[0].player else "none",
            cpu_percent_of_one_core=round(100 * cpu / elapsed, 1),
            fps_per_tile=round(frames / elapsed / tiles, 2),
            live_tiles=sum(t.state() is PlayerState.LIVE for t in wall),
            restarts=sum(t.player.restarts for t in wall if t.player),
            peak_rss_mb=round(usage.ru_maxrss / 1024),
            platform=QApplication.platformName(),
        )
        if server is not None:
            x_cpu = cpu_seconds(server) - float(marks["x"])  # type: ignore[arg-type]
            result["x_server_cpu_percent"] = round(100 * x_cpu / elapsed, 1)
        for tile in wall:
            tile.release()
        QTimer.singleShot(1500, app.quit)

    poll = QTimer()
    poll.timeout.connect(all_live)
    poll.start(50)
    QTimer.singleShot(int(warmup * 1000), begin)
    QTimer.singleShot(int((warmup + seconds) * 1000), end)
    app.exec()
    return result


def high_water_kb(status: Path) -> int:
    """A running process's peak resident memory (Linux: VmHWM), 0 when unknown."""
    try:
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def baseline(tiles: int, seconds: float) -> dict[str, float | str]:
    """ffmpeg decoding the same clips to null, in real time (-re), one process."""
    folder = ROOT / "resources" / "demo" / "video"
    argv = ["ffmpeg", "-v", "error", "-nostdin"]
    for cam in clip_ids(tiles):
        argv += ["-re", "-stream_loop", "-1", "-i", str(folder / f"{cam}_sub.mp4")]
    for n in range(tiles):
        argv += ["-map", f"{n}:v", "-t", str(seconds), "-f", "null", "-"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    proc = subprocess.Popen(argv)
    peak_kb = 0  # ru_maxrss of the children is the largest child so far (the console)
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None and time.monotonic() - began < seconds * 4 + 60:
        peak_kb = max(peak_kb, high_water_kb(status))
        time.sleep(0.2)
    if proc.wait(timeout=10) != 0:
        raise RuntimeError(f"ffmpeg failed ({proc.returncode})")
    elapsed = time.monotonic() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {
        "mode": "ffmpeg-null",
        "tiles": tiles,
        "cpu_percent_of_one_core": round(100 * cpu / elapsed, 1),
        "peak_rss_mb": round(peak_kb / 1024) if peak_kb else "n/a",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiles", type=int, default=84)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=6.0)
    parser.add_argument(
        "--modes", nargs="+", default=["callbacks", "native"], choices=MODES, metavar="MODE"
    )
    parser.add_argument("--baseline", action="store_true", help="also ffmpeg to null")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.tiles, args.seconds, args.warmup)), flush=True)
        return
    has_display = bool(os.environ.get("DISPLAY"))
    for mode in args.modes:
        if mode == "native" and not has_display:
            print(json.dumps({"mode": mode, "skipped": "needs a display (xvfb-run)"}))
            continue
        env = dict(os.environ, QT_QPA_PLATFORM="xcb" if has_display else "offscreen")
        argv = [sys.executable, "-m", "tests.bench.bench_video", "--child", mode]
        argv += ["--tiles", str(args.tiles), "--seconds", str(args.seconds)]
        argv += ["--warmup", str(args.warmup)]
        done = subprocess.run(
            argv, cwd=ROOT, env=env, capture_output=True, text=True, check=False,
            timeout=args.seconds + args.warmup + 120,
        )  # fmt: skip
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        print(lines[-1] if lines else json.dumps({"mode": mode, "error": done.stderr[-500:]}))
    if args.baseline:
        print(json.dumps(baseline(args.tiles, args.seconds)))


if __name__ == "__main__":
    main()
