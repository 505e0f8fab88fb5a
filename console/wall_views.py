"""The workstation's own video-wall views: a layout by name and, for each tile,
the camera it shows, kept as JSON in the settings (``video/custom_layouts``):
``[{"name", "rows", "cols", "cells": [[row, col, rowspan, colspan], ...],
"cameras": ["CAM-001", null, ...]}, ...]``."""

from __future__ import annotations

import json
import logging

from widgets.video.layouts import WallLayout

log = logging.getLogger(__name__)

View = tuple[WallLayout, list[str | None]]  # a saved layout and the camera of each tile


def saved_views(raw: object) -> list[View]:
    """The workstation's own layouts (a JSON list of layouts by name, each maybe with
    the camera of each tile); a broken one is skipped with a warning, the rest kept."""
    if not raw:
        return []
    try:
        items = json.loads(str(raw))
    except ValueError:
        log.warning("video wall: custom layouts in the settings are not JSON; ignored")
        return []
    out: list[View] = []
    for item in items if isinstance(items, list) else []:
        try:
            layout = WallLayout.from_dict(item)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("video wall: custom layout skipped: %s", exc)
            continue
        cameras = item.get("cameras", [])
        out.append((layout, [c if isinstance(c, str) else None for c in cameras]))
    return out


def custom_layouts(raw: object) -> list[WallLayout]:
    return [layout for layout, _ in saved_views(raw)]


def with_view(raw: object, layout: WallLayout, cameras: list[str | None]) -> str:
    """The settings' JSON with ``layout`` (and its cameras) added or replaced by name."""
    kept = [
        {**other.to_dict(), "cameras": others}
        for other, others in saved_views(raw)
        if other.name != layout.name
    ]
    kept.append({**layout.to_dict(), "cameras": cameras})
    return json.dumps(kept, ensure_ascii=False)
