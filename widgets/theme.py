"""The dark control-room theme: a style sheet and a CJK-capable font."""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

#: Preferred families, first found wins: CJK first so Chinese never shows tofu.
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


def pick_font_family() -> str | None:
    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    log.warning("no CJK font found among %s; Chinese text may not render", FONT_FAMILIES)
    return None


def apply_theme(app: QApplication, style_sheet: str) -> None:
    """Dark palette (for what the style sheet does not reach), font, style sheet."""
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#0f141b"),
        (QPalette.ColorRole.WindowText, "#e6edf5"),
        (QPalette.ColorRole.Base, "#121922"),
        (QPalette.ColorRole.AlternateBase, "#151c25"),
        (QPalette.ColorRole.Text, "#e6edf5"),
        (QPalette.ColorRole.Button, "#1a2430"),
        (QPalette.ColorRole.ButtonText, "#e6edf5"),
        (QPalette.ColorRole.Highlight, "#3d9bff"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#1f2b38"),
        (QPalette.ColorRole.ToolTipText, "#e6edf5"),
    ):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    family = pick_font_family()
    font = QFont(family) if family else app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(style_sheet)
