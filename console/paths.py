"""Where the console finds what ships with it: ``resources/`` beside the packages
in a checkout or an editable install, ``sys._MEIPASS/resources`` inside the
PyInstaller bundle.

The lookup itself lives in :mod:`services.resources` (the services read their
tables from the same folder); this module is the console's name for it and adds
the paths the console needs."""

from __future__ import annotations

from pathlib import Path

from services.resources import resource, resources_dir

__all__ = ["i18n_dir", "icon_file", "resource", "resources_dir", "theme_file"]


def i18n_dir() -> Path:
    """Our compiled translations, ``youyi_<language>.qm``."""
    return resources_dir() / "i18n"


def theme_file(name: str = "dark") -> Path:
    """A Qt style sheet in ``resources/theme``."""
    return resources_dir() / "theme" / f"{name}.qss"


def icon_file() -> Path:
    """The console's icon (the window, the task bar, the menu entry)."""
    return resources_dir() / "icons" / "youyi-console.svg"
