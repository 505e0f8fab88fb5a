"""What the installed libVLC can do: is it there, which URL schemes it opens.

``probe_libvlc()`` never raises: when ``import vlc`` or creating an instance fails, the
result says so (``problem``) with what to install, and the console starts anyway.
The schemes are read from the plugins libVLC has (Debian's has no live555, so no
``rtsp://``); when the plugin folder cannot be found every scheme is assumed to work.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

#: Scheme → the plugins (file name stems) that open it; any one suffices.
SCHEME_PLUGINS: dict[str, tuple[str, ...]] = {
    "file": ("filesystem",),
    "http": ("http", "https"),
    "https": ("https",),
    "rtsp": ("live555",),
    "rtp": ("rtp",),
    "udp": ("udp",),
    "rtmp": ("avio", "rtmp"),
}


def install_hint() -> str:
    if sys.platform.startswith("linux"):
        return "apt-get install libvlc5 vlc-plugin-base vlc-plugin-video-output"
    return "VLC 3 (64-bit) from videolan.org"


@dataclass(frozen=True)
class VlcProbe:
    available: bool
    problem: str = ""  # "" | "missing" (no python-vlc or no libvlc) | "broken" (no instance)
    detail: str = ""  # the error as raised, for the log and a tooltip
    version: str = ""
    plugin_dir: str = ""
    schemes: frozenset[str] = field(default_factory=frozenset)
    hint: str = field(default_factory=install_hint)

    def can_open(self, url: str) -> bool:
        if not self.available:
            return False
        scheme = urlsplit(url).scheme.lower() or "file"
        if len(scheme) == 1:  # a Windows drive letter
            scheme = "file"
        if not self.plugin_dir:
            return True
        return scheme in self.schemes


def _plugin_dir(vlc: ModuleType) -> Path | None:
    env = os.environ.get("VLC_PLUGIN_PATH")
    candidates = [Path(env)] if env else []
    if getattr(vlc, "plugin_path", None):
        candidates.append(Path(vlc.plugin_path) / "plugins")
        candidates.append(Path(vlc.plugin_path))
    try:  # Linux: where the loaded libvlc lies
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                if "/libvlc.so" in line:
                    lib = Path(line.split(None, 5)[-1].strip())
                    candidates.append(lib.parent / "vlc" / "plugins")
                    break
    except OSError:
        pass
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("*/*plugin*")):
            return folder
    return None


def _schemes(folder: Path) -> frozenset[str]:
    stems = set()
    for plugin in folder.glob("*/*plugin*"):
        name = plugin.name.split(".")[0]
        stems.add(name.removeprefix("lib").removesuffix("_plugin").removeprefix("access_"))
    return frozenset(
        scheme for scheme, needs in SCHEME_PLUGINS.items() if any(n in stems for n in needs)
    )


def probe_libvlc(module_name: str = "vlc") -> VlcProbe:
    """Probe once per module name (tests pass a name that does not exist)."""
    return _probe(module_name)


@cache
def _probe(module_name: str) -> VlcProbe:
    try:
        vlc = importlib.import_module(module_name)
    except SystemExit:  # python-vlc's answer to a PYTHON_VLC_LIB_PATH that does not load
        lib = os.environ.get("PYTHON_VLC_LIB_PATH", "")
        log.warning("libVLC broken: %s does not load", lib)
        return VlcProbe(False, "broken", f"PYTHON_VLC_LIB_PATH={lib} does not load")
    except Exception as error:  # ImportError, OSError, NotImplementedError from python-vlc
        log.warning("libVLC missing: %s", error)
        return VlcProbe(False, "missing", f"{type(error).__name__}: {error}")
    try:
        instance = vlc.Instance(["--quiet", "--no-audio"])
        if instance is None:
            raise RuntimeError("libvlc_new returned NULL (plugins missing?)")
        version = vlc.libvlc_get_version().decode(errors="replace")
        instance.release()
    except Exception as error:
        log.warning("libVLC broken: %s", error)
        return VlcProbe(False, "broken", f"{type(error).__name__}: {error}")
    folder = _plugin_dir(vlc)
    schemes = _schemes(folder) if folder else frozenset(SCHEME_PLUGINS)
    log.info("libVLC %s, plugins %s, opens %s", version, folder, sorted(schemes))
    return VlcProbe(True, "", "", version, str(folder or ""), schemes)
