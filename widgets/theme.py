"""The dark control-room theme: a palette, a CJK-capable font and a style sheet."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

log = logging.getLogger(__name__)

# Preferred families, first found wins: CJK first so that Chinese never shows tofu.
FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Noto Sans",
)
BASE_POINT_SIZE = 12
# Style sheets name their images ``url(theme:icons/...)``, relative to their folder.
SEARCH_PREFIX = "theme"

_PALETTE = {
    QPalette.ColorRole.Window: "#0f141b",
    QPalette.ColorRole.WindowText: "#e6edf5",
    QPalette.ColorRole.Base: "#121922",
    QPalette.ColorRole.AlternateBase: "#151c25",
    QPalette.ColorRole.Text: "#e6edf5",
    QPalette.ColorRole.PlaceholderText: "#6f8297",
    QPalette.ColorRole.Button: "#1a2430",
    QPalette.ColorRole.ButtonText: "#e6edf5",
    QPalette.ColorRole.Highlight: "#3d9bff",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6cb4ff",
    QPalette.ColorRole.ToolTipBase: "#1f2b38",
    QPalette.ColorRole.ToolTipText: "#e6edf5",
}


class ControlRoomStyle(QProxyStyle):
    """Fusion, with dock title buttons as large as the style sheet asks: Qt caps
    their icons at 10 px whenever the style says the buttons have a frame."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def styleHint(  # noqa: N802 (Qt's name)
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        return_data: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DockWidget_ButtonsHaveFrame:
            return 0
        return super().styleHint(hint, option, widget, return_data)


def pick_font_family() -> str | None:
    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    log.warning("no CJK font found among %s; Chinese text may not render", FONT_FAMILIES)
    return None


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _PALETTE.items():
        palette.setColor(role, QColor(colour))
    return palette


def apply_theme(app: QApplication, style_sheet: Path) -> None:
    """Fusion (adjusted), the dark palette (for what the style sheet does not reach),
    the font, and the style sheet read from ``style_sheet``."""
    app.setStyle(ControlRoomStyle())
    app.setPalette(dark_palette())
    family = pick_font_family()
    font = QFont(family) if family else app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    QDir.setSearchPaths(SEARCH_PREFIX, [str(style_sheet.parent)])
    try:
        app.setStyleSheet(style_sheet.read_text(encoding="utf-8"))
    except OSError:
        log.exception("style sheet %s not readable; keeping the plain dark palette", style_sheet)
