"""``youyi-console video probe``: what the video wall can play on this PC.

For installers on a fresh workstation: the libVLC version and the file it was loaded
from (the packaged console's own copy, or the machine's), its plugin folder and the
URL schemes it opens, whether PyAV (FFmpeg) is there, and for a URL (a camera's, or
``demo://CAM-001/sub``) the player the wall would use; with ``--frames N`` that player
decodes N frames headless (libVLC through its video callbacks, no window) and the
probe prints their size and, on Linux, where the loaded plugins came from.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.cli.parser import number
from widgets.video.vlc_probe import VlcProbe, probe_libvlc


def add_video_commands(sub: Any) -> None:
    video = sub.add_parser("video", help="the video wall's players on this PC")
    v_sub = video.add_subparsers(title="video commands", metavar="ACTION", required=True)
    p = v_sub.add_parser(
        "probe",
        help="libVLC (version, the file loaded, plugins, schemes), PyAV, and the player a "
        "URL gets; exit 1 if libVLC does not work here or URL cannot be played",
    )
    p.add_argument("url", nargs="?", metavar="URL", help="a camera URL or demo://CAM-001/sub")
    p.add_argument(
        "--frames",
        type=number(int, 0, 100_000),
        default=0,
        metavar="N",
        help="decode N frames of URL headless and print their size",
    )
    p.add_argument(
        "--timeout",
        type=number(float, 0.1, 3600),
        default=20.0,
        metavar="SECONDS",
        help="give up decoding after this long (default %(default)s)",
    )
    p.set_defaults(handler=cmd_video_probe)


def cmd_video_probe(args: argparse.Namespace) -> int:
    probe = probe_libvlc()
    ok = report_libvlc(probe)
    report_pyav()
    if args.url:
        ok = probe_url(args.url, probe, args.frames, args.timeout) and ok
    return 0 if ok else 1


def report_libvlc(probe: VlcProbe) -> bool:
    if not probe.available:
        print(f"libVLC: {probe.problem} ({probe.detail})")
        print(f"  install: {probe.hint}")
        return False
    import vlc

    print(f"libVLC: {probe.version}")
    print(f"  library: {library_path(vlc) or 'unknown'}")
    print(f"  plugins: {probe.plugin_dir or 'not found (every scheme assumed)'}")
    print(f"  opens: {', '.join(sorted(probe.schemes))}")
    return True


def report_pyav() -> None:
    if importlib.util.find_spec("av") is None:
        print("PyAV (FFmpeg): no")
        return
    try:
        av = importlib.import_module("av")
        codec = ".".join(str(n) for n in av.library_versions.get("libavcodec", ()))
        print(f"PyAV (FFmpeg): {av.__version__}, libavcodec {codec}")
    except Exception as error:  # a wheel without its FFmpeg libraries
        print(f"PyAV (FFmpeg): broken ({type(error).__name__}: {error})")


def probe_url(url: str, probe: VlcProbe, frames: int, timeout: float) -> bool:
    """The player the wall would make for ``url`` and, with ``frames``, a decode test."""
    from PySide6.QtCore import QCoreApplication

    from widgets.video.backends import DEMO_SCHEME, PlayerFactory, resolve_demo

    _app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])  # for the signals
    print(url)
    if url.startswith(f"{DEMO_SCHEME}:"):
        print(f"  clip: {resolve_demo(url) or 'none (no such demo camera)'}")
    player = PlayerFactory(probe=probe).create(url)
    if player.backend == "unavailable":
        print(f"  player: none ({player.detail})")
        return False
    print(f"  player: {player.backend}")
    if frames <= 0:
        return True
    return decode(player, frames, timeout)


def decode(player: Any, frames: int, timeout: float) -> bool:
    from widgets.video import session as video_session

    started = time.monotonic()
    player.play()
    done = run_until(lambda: player.frames_decoded >= frames, timeout)
    seconds = time.monotonic() - started
    image = player.current_image()
    size = f"{image.width()}x{image.height()}" if image is not None else "size unknown"
    count, state = player.frames_decoded, player.state.value
    player.close()
    run_until(lambda: video_session.live_sessions() == 0, 10.0)
    if not done:
        print(f"  frames: {count} of {frames} in {timeout:.0f} s ({state} {player.detail})")
        return False
    print(f"  frames: {count} decoded, {size}, in {seconds:.2f} s")
    for folder, n in plugins_in_use().items():
        print(f"  plugins loaded: {n} from {folder}")
    return True


def run_until(done: Callable[[], bool], seconds: float) -> bool:
    """Run Qt's event loop until ``done()`` or ``seconds`` have passed."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + seconds

    def check() -> None:
        if done() or time.monotonic() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(check)
    timer.start()
    if not done():
        loop.exec()
    timer.stop()
    return done()


def library_path(vlc: Any) -> str:
    """The libvlc file this process loaded."""
    for path in mapped_files():
        if path.name.startswith("libvlc.so"):
            return str(path)
    if sys.platform == "win32":
        import ctypes

        buffer = ctypes.create_unicode_buffer(32768)
        handle = ctypes.c_void_p(vlc.dll._handle)
        if ctypes.windll.kernel32.GetModuleFileNameW(handle, buffer, len(buffer)):
            return buffer.value
    return str(getattr(vlc.dll, "_name", "") or "")


def plugins_in_use() -> dict[str, int]:
    """Linux: the folders the libVLC plugins mapped here come from, with how many each."""
    folders: dict[str, int] = {}
    for path in mapped_files():
        if "_plugin." in path.name:
            root = str(path.parent.parent)  # plugins/<category>/lib..._plugin.so
            folders[root] = folders.get(root, 0) + 1
    return folders


def mapped_files() -> list[Path]:
    """Linux: the files mapped into this process, each once; elsewhere none."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            lines = maps.read().splitlines()
    except OSError:
        return []
    files: dict[str, None] = {}
    for line in lines:
        fields = line.split(None, 5)
        if len(fields) == 6 and fields[5].startswith("/"):
            files.setdefault(fields[5].strip(), None)
    return [Path(f) for f in files]
