"""Charts as SVG, made on the server: no JavaScript, the same picture in the page and the PDF.

Pure: plain data in, an SVG string out. The SVG carries its own <title> and <desc>
(role="img", aria-labelledby) so a screen reader announces it; the report embeds it as an
<img> with an alt text, which WeasyPrint tags as a Figure with Alt (PDF/UA).
Colours are set as presentation attributes, not style attributes (the CSP forbids inline style).
"""

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape

WIDTH = 680
LABEL_WIDTH = 250
VALUE_WIDTH = 56
ROW_HEIGHT = 20
BAR_HEIGHT = 12
PREVIOUS_HEIGHT = 4
TOP = 30  # room for the target label
AXIS = 22  # room for the axis labels below the bars
FONT = "DejaVu Sans, Arial, sans-serif"

COLOUR_BELOW = "#b35c00"  # below the target (contrast 4.6:1 on white)
COLOUR_REACHED = "#1f6e43"  # at or above the target
COLOUR_PREVIOUS = "#6c757d"
COLOUR_TARGET = "#1a1a1a"
COLOUR_GRID = "#d0d4d8"
COLOUR_TEXT = "#1a1a1a"


@dataclass(frozen=True)
class Bar:
    label: str  # e.g. "A1 Heldere opdracht"
    value: float | None  # 0-100; None: no score
    value_label: str  # e.g. "62,5%" or "geen score"
    previous: float | None = None  # 0-100, the previous round's value


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _x(pct: float, bar_width: float) -> float:
    return round(LABEL_WIDTH + max(0.0, min(100.0, pct)) / 100 * bar_width, 1)


def horizontal_bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    target_pct: float | None = None,
    target_label: str = "",
    chart_id: str = "grafiek",
    pct_label: Callable[[float], str] = lambda v: f"{v:g}%",
) -> str:
    """Horizontal bars (0-100%) with their labels, an axis, and a dashed target line."""
    bar_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + len(bars) * ROW_HEIGHT + AXIS
    bottom = TOP + len(bars) * ROW_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}" '
        f'font-size="10" fill="{COLOUR_TEXT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    # Grid and axis: 0, 25, 50, 75, 100 %.
    for tick in (0, 25, 50, 75, 100):
        x = _x(tick, bar_width)
        parts.append(
            f'<line x1="{x}" y1="{TOP - 4}" x2="{x}" y2="{bottom}" '
            f'stroke="{COLOUR_GRID}" stroke-width="0.75"/>'
        )
        parts.append(
            f'<text x="{x}" y="{bottom + 15}" text-anchor="middle" font-size="10">'
            f"{escape(pct_label(tick))}</text>"
        )
    for n, bar in enumerate(bars):
        y = TOP + n * ROW_HEIGHT
        mid = y + ROW_HEIGHT / 2
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{mid + 4}" text-anchor="end">'
            f"{escape(_truncate(bar.label, 38))}</text>"
        )
        bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2 - (2 if bar.previous is not None else 0)
        if bar.value is not None:
            reached = target_pct is not None and bar.value >= target_pct
            colour = COLOUR_REACHED if reached or target_pct is None else COLOUR_BELOW
            end = _x(bar.value, bar_width)
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{round(end - LABEL_WIDTH, 1)}" '
                f'height="{BAR_HEIGHT}" fill="{colour}"/>'
            )
        else:
            end = LABEL_WIDTH
        if bar.previous is not None:
            prev_end = _x(bar.previous, bar_width)
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y + BAR_HEIGHT + 1}" '
                f'width="{round(prev_end - LABEL_WIDTH, 1)}" height="{PREVIOUS_HEIGHT}" '
                f'fill="{COLOUR_PREVIOUS}"/>'
            )
        parts.append(
            f'<text x="{round(end + 5, 1)}" y="{mid + 4}" font-weight="bold">'
            f"{escape(bar.value_label)}</text>"
        )
    if target_pct is not None:
        x = _x(target_pct, bar_width)
        parts.append(
            f'<line x1="{x}" y1="{TOP - 8}" x2="{x}" y2="{bottom}" stroke="{COLOUR_TARGET}" '
            f'stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
        parts.append(
            f'<text x="{x}" y="{TOP - 12}" text-anchor="middle" font-size="10">'
            f"{escape(target_label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_data_uri(svg: str) -> str:
    """The SVG as a data: URI, for an <img> that WeasyPrint tags as a Figure with Alt."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
