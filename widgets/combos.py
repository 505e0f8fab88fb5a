"""Filter boxes filled again (a language switch, new units) without firing their
signals and without losing what the person had picked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def refill(
    box: QComboBox, items: Sequence[tuple[object, str]], everything: str | None = None
) -> None:
    """``items`` as (data, text), after an ``everything`` entry (data None) when
    given; the entry picked before stays picked if it is still there."""
    keep = box.currentData()
    box.blockSignals(True)
    box.clear()
    if everything is not None:
        box.addItem(everything, None)
    for data, text in items:
        box.addItem(text, data)
    box.setCurrentIndex(max(box.findData(keep), 0) if keep else 0)
    box.blockSignals(False)
