"""Charts as SVG, made on the server: no JavaScript, the same picture in the page and the PDF.

Pure: plain data in, an SVG string out. The SVG carries its own <title> and <desc>
(role="img", aria-labelledby) so a screen reader announces it; the report embeds it as an
<img> with an alt text, which WeasyPrint tags as a Figure with Alt (PDF/UA).
Colours are set as presentation attributes, not style attributes (the CSP forbids inline style).

Labels are laid out here, not left to the renderer: a label wraps on word boundaries into
as many lines as it needs and its row grows to fit, so labels never overlap and no word is
cut. Text width is estimated from the font's average advance (SVG has no text measuring
without a browser); the estimate is on the wide side so a line always fits its room.
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

FONT_SIZE = 10
# DejaVu Sans at 10 px averages about 5.8 px per character in Dutch text; 6.2 leaves margin.
CHAR_WIDTH = 6.2
LINE_HEIGHT = 12
LABEL_GAP = 8  # between a label and its bar
ROW_PADDING = 8  # above and below a wrapped label, so two rows' labels never touch


@dataclass(frozen=True)
class Bar:
    label: str  # e.g. "A1 Heldere opdracht"
    value: float | None  # 0-100; None: no score
    value_label: str  # e.g. "62,5%" or "geen score"
    previous: float | None = None  # 0-100, the previous round's value


@dataclass(frozen=True)
class LabelBox:
    """Where a label's text goes: its lines, and the box they fill (x, y is the top left)."""

    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: "LabelBox") -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """The estimated width of `text` in px."""
    return round(len(text) * CHAR_WIDTH * font_size / FONT_SIZE, 1)


def wrap_words(text: str, room: float) -> tuple[str, ...]:
    """`text` in lines no wider than `room`, broken only between words. A single word wider
    than the room gets a line of its own, whole: a label is never cut mid-word."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate) > room:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return tuple(lines) or ("",)


def label_box(text: str, *, right: float, top: float, room: float) -> LabelBox:
    """A right-aligned label ending at `right`, its first line starting at `top`."""
    lines = wrap_words(text, room)
    width = max(text_width(line) for line in lines)
    return LabelBox(lines, round(right - width, 1), top, width, len(lines) * LINE_HEIGHT)


def row_height(lines: int) -> float:
    return max(ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


def bar_label_layout(bars: Sequence[Bar], *, top: float = 0) -> list[tuple[float, LabelBox]]:
    """(row top, label box) per bar: each row as high as its wrapped label needs."""
    room = LABEL_WIDTH - LABEL_GAP
    rows: list[tuple[float, LabelBox]] = []
    y = float(top)
    for bar in bars:
        lines = wrap_words(bar.label, room)
        height = row_height(len(lines))
        text_top = y + (height - len(lines) * LINE_HEIGHT) / 2
        rows.append(
            (y, label_box(bar.label, right=LABEL_WIDTH - LABEL_GAP, top=text_top, room=room))
        )
        y += height
    return rows


def bar_chart_height(bars: Sequence[Bar]) -> int:
    """The chart's height in px, for the <img> that shows it."""
    rows = bar_label_layout(bars)
    body = sum(row_height(len(box.lines)) for _, box in rows)
    return int(TOP + body + AXIS)


def _text_lines(
    box: LabelBox, *, anchor: str, x: float, bold: bool = False, pitch: float = LINE_HEIGHT
) -> str:
    """An SVG <text> with one <tspan> per line; the baseline sits 3 px above the line's foot."""
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(
        f'<tspan x="{x}" y="{round(box.y + (n + 1) * pitch - 3, 1)}">{escape(line)}</tspan>'
        for n, line in enumerate(box.lines)
    )
    return f'<text text-anchor="{anchor}"{weight}>{spans}</text>'


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
    layout = bar_label_layout(bars, top=TOP)
    height = bar_chart_height(bars)
    bottom = height - AXIS
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
    labels: list[tuple[float, float, str]] = []
    for bar, (y, box) in zip(bars, layout, strict=True):
        mid = y + row_height(len(box.lines)) / 2
        parts.append(_text_lines(box, anchor="end", x=LABEL_WIDTH - LABEL_GAP))
        bar_y = mid - BAR_HEIGHT / 2 - (2 if bar.previous is not None else 0)
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
        labels.append((end, mid, bar.value_label))
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
    # The values last, each on a white ground: a value next to the target line stays readable.
    for end, mid, value_label in labels:
        parts.append(
            f'<rect x="{round(end + 3, 1)}" y="{mid - 7}" '
            f'width="{round(text_width(value_label) + 4, 1)}" height="13" fill="#fff"/>'
            f'<text x="{round(end + 5, 1)}" y="{mid + 4}" font-weight="bold">'
            f"{escape(value_label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_data_uri(svg: str) -> str:
    """The SVG as a data: URI, for an <img> that WeasyPrint tags as a Figure with Alt."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# --- A line over time: one point per round ---------------------------------------------------

# Narrower than the bar chart and in a larger font: on a phone it shrinks less, so the
# values stay readable.
LINE_WIDTH = 520
LINE_FONT = 12
LINE_PITCH = 14  # between two lines of a round's label
LINE_HEIGHT_PX = 200
LINE_LEFT = 48  # room for the 0-100% axis labels
LINE_RIGHT = 24
LINE_TOP = 24  # room for the value above the highest point
LINE_BOTTOM = 40  # room for the round labels, two lines at most


@dataclass(frozen=True)
class Point:
    label: str  # the round, e.g. "2025"
    value: float | None  # 0-100; None: no score, so no point
    value_label: str  # e.g. "62%" or "geen score"


def _line_y(pct: float) -> float:
    plot = LINE_HEIGHT_PX - LINE_TOP - LINE_BOTTOM
    return round(LINE_TOP + (1 - max(0.0, min(100.0, pct)) / 100) * plot, 1)


def point_x(index: int, count: int) -> float:
    """Points spread evenly; a single point sits in the middle."""
    left, right = LINE_LEFT + 30, LINE_WIDTH - LINE_RIGHT - 30
    if count <= 1:
        return round((left + right) / 2, 1)
    return round(left + index * (right - left) / (count - 1), 1)


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    description: str,
    chart_id: str = "lijn",
    pct_label: Callable[[float], str] = lambda v: f"{v:g}%",
    css_class: str = "",
) -> str:
    """A line through the scores over time, with each point's value above it. Drawn at its
    natural size; give it a class with max-width: 100% and height: auto (Bootstrap's
    img-fluid) and it shrinks to fit a phone, its viewBox keeping the proportions."""
    bottom = LINE_HEIGHT_PX - LINE_BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LINE_WIDTH} {LINE_HEIGHT_PX}" '
        f'width="{LINE_WIDTH}" height="{LINE_HEIGHT_PX}"'
        + (f' class="{escape(css_class)}"' if css_class else "")
        + f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}" font-size="{LINE_FONT}" fill="{COLOUR_TEXT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = _line_y(tick)
        parts.append(
            f'<line x1="{LINE_LEFT}" y1="{y}" x2="{LINE_WIDTH - LINE_RIGHT}" y2="{y}" '
            f'stroke="{COLOUR_GRID}" stroke-width="0.75"/>'
        )
        parts.append(
            f'<text x="{LINE_LEFT - 6}" y="{y + 4}" text-anchor="end">'
            f"{escape(pct_label(tick))}</text>"
        )
    # wrap_words measures at FONT_SIZE: scale the room to this chart's larger font.
    room = ((LINE_WIDTH - LINE_LEFT - LINE_RIGHT) / max(1, len(points)) - 8) * FONT_SIZE / LINE_FONT
    coords = []
    for n, point in enumerate(points):
        x = point_x(n, len(points))
        lines = wrap_words(point.label, room)
        width = max(text_width(line, LINE_FONT) for line in lines)
        box = LabelBox(lines, round(x - width / 2, 1), bottom + 4, width, len(lines) * LINE_PITCH)
        parts.append(_text_lines(box, anchor="middle", x=x, pitch=LINE_PITCH))
        if point.value is not None:
            coords.append((x, _line_y(point.value), point))
    if len(coords) > 1:
        path = " ".join(f"{x},{y}" for x, y, _ in coords)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{COLOUR_REACHED}" stroke-width="2"/>'
        )
    for x, y, point in coords:
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="4.5" fill="{COLOUR_REACHED}" stroke="#ffffff" '
            f'stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{x}" y="{round(y - 9, 1)}" text-anchor="middle" font-weight="bold">'
            f"{escape(point.value_label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
