"""The areas of the main window, one dock each, in the order of the View menu.

Until someone signs in, each area shows what it will hold; the workspace then
puts the real widget in; the object name never changes, so a saved layout
keeps working."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt

# Translation context of the titles and notes below.
CONTEXT = "Docks"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks ``text`` for lupdate under ``context``; translated later, when shown.
    (PySide6's own is typed as returning ``object``.)"""
    return text


@dataclass(frozen=True)
class DockSpec:
    name: str
    area: Qt.DockWidgetArea
    title: str  # English source text, translated when shown
    note: str  # what the area holds, said before anyone has signed in
    below: str | None = None  # shares the area of this dock, split beneath it
    beside: str | None = None  # shares the area of this dock, split to its right

    @property
    def object_name(self) -> str:
        return f"dock_{self.name}"

    def translated_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    def translated_note(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.note)


_AREA = Qt.DockWidgetArea

DOCKS: tuple[DockSpec, ...] = (
    DockSpec(
        "video",
        _AREA.LeftDockWidgetArea,
        QT_TRANSLATE_NOOP("Docks", "Video wall"),
        QT_TRANSLATE_NOOP("Docks", "84 community cameras at a glance — shown once you sign in"),
    ),
    DockSpec(
        "map",
        _AREA.RightDockWidgetArea,
        QT_TRANSLATE_NOOP("Docks", "Nine-grid map"),
        QT_TRANSLATE_NOOP(
            "Docks", "Blocks, grid cells, devices and live alerts — shown once you sign in"
        ),
    ),
    DockSpec(
        "alerts",
        _AREA.RightDockWidgetArea,
        QT_TRANSLATE_NOOP("Docks", "Alert queue"),
        QT_TRANSLATE_NOOP("Docks", "Newest and most severe alerts first — shown once you sign in"),
        below="map",
    ),
    DockSpec(
        "orders",
        _AREA.BottomDockWidgetArea,
        QT_TRANSLATE_NOOP("Docks", "Work-order desk"),
        QT_TRANSLATE_NOOP("Docks", "File, dispatch and close work orders — shown once you sign in"),
    ),
    DockSpec(
        "dashboard",
        _AREA.BottomDockWidgetArea,
        QT_TRANSLATE_NOOP("Docks", "Statistics"),
        QT_TRANSLATE_NOOP(
            "Docks",
            "Alerts and work orders over time, the nine-grid ranking — shown once you sign in",
        ),
        beside="orders",
    ),
)
