"""Helpers of the video tests: demo clips, their colours, a tile's camera."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from PySide6.QtGui import QImage

from services.resources import resource
from widgets.video.player import PlayerOptions
from widgets.video.tile import TileCamera

CLIPS = resource("demo", "video")
#: Short stall and back-off so that loss and recovery show within seconds.
FAST = PlayerOptions(stall_seconds=2.0, backoff_first_seconds=0.5, backoff_max_seconds=2.0)


def clip_colours() -> dict[str, str]:
    with (CLIPS / "clips.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {row["id"]: row["colour"] for row in rows}


def dominant_colour(image: QImage) -> tuple[int, int, int]:
    """The commonest colour of a sample grid (the clip's background)."""
    counts: Counter[tuple[int, int, int]] = Counter()
    for y in range(0, image.height(), 6):
        for x in range(0, image.width(), 6):
            pixel = image.pixel(x, y)
            counts[((pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF)] += 1
    return counts.most_common(1)[0][0]


def close_to(colour: tuple[int, int, int], hexcolour: str, tolerance: int = 14) -> bool:
    want = tuple(int(hexcolour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return all(abs(a - b) <= tolerance for a, b in zip(colour, want, strict=True))


def camera(camera_id: str, sub_url: str = "", main_url: str = "") -> TileCamera:
    return TileCamera(
        camera_id,
        f"{camera_id} gate",
        "demo community",
        main_url or f"demo://{camera_id}/main",
        sub_url or f"demo://{camera_id}/sub",
    )


def clip(camera_id: str, stream: str = "sub") -> Path:
    return CLIPS / f"{camera_id}_{stream}.mp4"
