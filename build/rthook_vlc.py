"""PyInstaller runtime hook: use the libVLC bundled in vlc/, never the machine's own.

Runs before any of the console's code, so before ``import vlc``: python-vlc loads
PYTHON_VLC_LIB_PATH (and takes PYTHON_VLC_MODULE_PATH as VLC's folder), libVLC loads its
plugins from VLC_PLUGIN_PATH. Set unconditionally when the bundle has them: a
VLC_PLUGIN_PATH left from elsewhere would mix another VLC's plugins into this libVLC.
Without vlc/ (libVLC was not found at build time) nothing is set, and the console finds
a libVLC installed on the machine, or says that it is missing.
"""

import os
import sys
from pathlib import Path

_LIBRARY = {"win32": "libvlc.dll", "darwin": "libvlc.dylib"}


def _use_bundled_vlc() -> None:
    folder = Path(getattr(sys, "_MEIPASS", "")) / "vlc"
    name = _LIBRARY.get(sys.platform)
    libraries = [folder / name] if name else sorted(folder.glob("libvlc.so.*"))
    plugins = folder / "plugins"
    if not libraries or not libraries[0].is_file() or not plugins.is_dir():
        return
    os.environ["PYTHON_VLC_LIB_PATH"] = str(libraries[0])
    os.environ["PYTHON_VLC_MODULE_PATH"] = str(folder)
    os.environ["VLC_PLUGIN_PATH"] = str(plugins)
    if sys.platform == "win32":  # libvlccore.dll beside libvlc.dll
        os.add_dll_directory(str(folder))


_use_bundled_vlc()
