"""Small inline SVG charts for the reports: bars and a line, drawn by hand
(no browser, no JavaScript, no chart library)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#2f6fb0", "#d9822b", "#3a9a5b", "#b83b3b", "#7a5ab5", "#8a8a8a")
W, H, PAD = 640, 240, 40


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str) -> str:
    """Vertical bars, one per label, the value above each."""
    top = max([*values, 1.0])
    n = max(len(labels), 1)
    step = (W - 2 * PAD) / n
    parts = [_frame(title)]
    for i, (name, value) in enumerate(zip(labels, values, strict=True)):
        h = (H - 2 * PAD) * value / top
        x, y = PAD + i * step + step * 0.15, H - PAD - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="11">{value:g}</text>'
            f'<text x="{x + step * 0.35:.1f}" y="{H - PAD + 14:.1f}" text-anchor="middle" '
            f'font-size="11">{escape(name)}</text>'
        )
    return "".join(parts) + "</svg>"


def line_chart(labels: Sequence[str], series: dict[str, Sequence[float]], title: str) -> str:
    """One polyline per named series over the same labels (days), with a legend."""
    top = max([1.0, *(v for values in series.values() for v in values)])
    n = max(len(labels) - 1, 1)
    parts = [_frame(title)]
    for k, (name, values) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        points = " ".join(
            f"{PAD + (W - 2 * PAD) * i / n:.1f},{H - PAD - (H - 2 * PAD) * v / top:.1f}"
            for i, v in enumerate(values)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{W - PAD - 90}" y="{PAD + 14 * k}" fill="{colour}" '
            f'font-size="12">{escape(name)}</text>'
        )
    for i in sorted({0, len(labels) - 1}):
        if labels:
            x = PAD + (W - 2 * PAD) * i / n
            parts.append(
                f'<text x="{x:.1f}" y="{H - PAD + 14}" text-anchor="middle" '
                f'font-size="11">{escape(labels[i])}</text>'
            )
    parts.append(f'<text x="{PAD - 4}" y="{PAD}" text-anchor="end" font-size="11">{top:g}</text>')
    return "".join(parts) + "</svg>"


def _frame(title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" role="img" aria-label="{escape(title)}">'
        f'<text x="{W / 2}" y="18" text-anchor="middle" font-size="14">{escape(title)}</text>'
        f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" stroke="#444"/>'
    )
