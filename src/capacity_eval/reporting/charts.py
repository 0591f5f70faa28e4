"""Vector charts as inline SVG, written by hand from the report's numbers.

Why not a charting library: matplotlib takes 0.4-0.6 s to import, writes text as
paths (not selectable, not read aloud) and stamps random ids and a date into its
SVG; pygal's SVG relies on CSS and on a script fetched from the web, which
WeasyPrint neither runs nor (with our fetcher) fetches. These few shapes take about a
millisecond each, contain no ids, no scripts, no styles and no dates, so the same
numbers always give the same bytes, and WeasyPrint draws them exactly.

Every label is escaped and shortened to fit (SVG text does not wrap); no value from
the data ever reaches an attribute other than as a number. Each chart is `role="img"`
with a `<title>` and a `<desc>`; the report prints the same numbers in a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from .views import Bar, LevelView

FONT = "Noto Sans, DejaVu Sans, sans-serif"
INK = "#1a1a1a"
MUTED = "#5c5c5c"
GRID = "#b8b8b8"
ACCENT = "#1f4e79"
TONES = ("#eef3f8", "#c9d9ea", "#93b4d6", "#4f81b8", "#1f4e79")
"""Fill of a bar by the tone of its level, light (lowest level) to dark (highest)."""
EM = 0.56
"""Average advance of a character, in ems, to estimate how much text fits."""


def n(value: float) -> str:
    """A coordinate with at most two decimals, so equal charts give equal bytes."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def wrap(label: str, width: float, size: float, lines: int = 2) -> list[str]:
    """`label` in at most `lines` lines of about `width` units at font `size`, the last
    one ending in an ellipsis when the text does not fit."""
    per_line = max(4, int(width / (size * EM)))
    words = " ".join(label.replace("\u200b", "").split()).split(" ")
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line or not current:
            current = candidate
            continue
        out.append(current)
        current = word
    out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [_clip(part, per_line) for part in out]


def _clip(part: str, per_line: int) -> str:
    """`part` cut to `per_line` characters with an ellipsis, at a space when one is near."""
    if len(part) <= per_line:
        return part
    cut = part[: per_line - 1]
    space = cut.rfind(" ")
    if space > per_line // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 9,
    anchor: str = "start",
    fill: str = INK,
    bold: bool = False,
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{n(x)}" y="{n(y)}" font-size="{n(size)}" text-anchor="{anchor}" '
        f'fill="{fill}"{weight}>{escape(content)}</text>'
    )


def lines_of_text(
    x: float,
    y: float,
    parts: list[str],
    *,
    size: float = 9,
    anchor: str = "start",
    bold: bool = False,
) -> str:
    """Several lines, the first with its baseline at `y`."""
    return "".join(
        text(x, y + i * size * 1.2, part, size=size, anchor=anchor, bold=bold)
        for i, part in enumerate(parts)
    )


def _open(width: float, height: float, title: str, desc: str, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
        f'width="{n(width)}" height="{n(height)}" viewBox="0 0 {n(width)} {n(height)}" '
        f'font-family="{FONT}">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]


def bar_chart(
    bars: Sequence[Bar],
    levels: Sequence[LevelView],
    *,
    title: str,
    desc: str = "",
    marked_note: str = "",
    width: float = 640,
) -> Markup:
    """Horizontal bars of scores on 0-100, over bands that show the levels' thresholds;
    a bar `marked` (insufficient coverage) is drawn dashed and its value starred."""
    size, row, label_w, value_w = 9.0, 26.0, width * 0.34, 44.0
    left, right = label_w + 8, width - value_w
    top = 30.0
    marked = bool(marked_note) and any(bar.marked for bar in bars)
    height = top + row * len(bars) + (30 if marked else 16)

    def x_of(score: float) -> float:
        return left + (right - left) * max(0.0, min(100.0, score)) / 100

    out = _open(width, height, title, desc, "bars")
    out += _bands(levels, x_of, top, top + row * len(bars))
    for i, bar in enumerate(bars):
        y = top + i * row
        parts = wrap(bar.label, label_w, size)
        out.append(
            lines_of_text(
                label_w,
                y + row / 2 + size * 0.35 - (len(parts) - 1) * size * 0.6,
                parts,
                size=size,
                anchor="end",
            )
        )
        shown = "—" if bar.value is None else f"{bar.value:.1f}"
        if bar.value is not None:
            dash = ' stroke-dasharray="3 2"' if bar.marked else ""
            fill = TONES[bar.tone] if bar.tone is not None else TONES[0]
            out.append(
                f'<rect x="{n(left)}" y="{n(y + 5)}" width="{n(x_of(bar.value) - left)}" '
                f'height="{n(row - 10)}" fill="{fill}" stroke="{ACCENT}" '
                f'stroke-width="1"{dash}/>'
            )
        star = " *" if bar.marked else ""
        out.append(text(right + 6, y + row / 2 + size * 0.35, shown + star, size=size, bold=True))
    axis_y = top + row * len(bars)
    out.append(
        f'<line x1="{n(left)}" y1="{n(axis_y)}" x2="{n(right)}" y2="{n(axis_y)}" '
        f'stroke="{MUTED}" stroke-width="0.8"/>'
    )
    for tick in (0, 20, 40, 60, 80, 100):
        out.append(text(x_of(tick), axis_y + 11, str(tick), size=7, anchor="middle", fill=MUTED))
    if marked:
        out.append(text(left, axis_y + 25, "* " + marked_note, size=7.5, fill=MUTED))
    out.append("</svg>")
    return Markup("".join(out))


def _bands(
    levels: Sequence[LevelView], place: Callable[[float], float], top: float, bottom: float
) -> list[str]:
    """Alternating shaded bands, one per level, with the level's label above its band."""
    out = []
    for i, level in enumerate(levels):
        x1, x2 = place(level.min), place(level.max if level.max is not None else 100.0)
        if i % 2 == 0:
            out.append(
                f'<rect x="{n(x1)}" y="{n(top)}" width="{n(x2 - x1)}" '
                f'height="{n(bottom - top)}" fill="#f2f2f2"/>'
            )
        if i:
            out.append(
                f'<line x1="{n(x1)}" y1="{n(top - 4)}" x2="{n(x1)}" y2="{n(bottom)}" '
                f'stroke="{GRID}" stroke-width="0.8" stroke-dasharray="2 2"/>'
            )
        label = wrap(f"{level.id} {level.label}", x2 - x1 - 2, 7, lines=1)[0]
        if len(label) < 4:
            label = str(level.id)
        out.append(text((x1 + x2) / 2, top - 8, label, size=7, anchor="middle", fill=MUTED))
    return out


def radar_chart(
    axes: Sequence[Bar],
    levels: Sequence[LevelView],
    *,
    title: str,
    desc: str = "",
    width: float = 440,
    height: float = 300,
) -> Markup:
    """A radar of scores on 0-100 (three axes at least), one ring per level threshold;
    each axis is labelled with its title and score. When a score is missing, no polygon
    is drawn (it would suggest a zero): each score is a spoke from the centre instead."""
    cx, cy = width / 2, height / 2 + 8
    radius = height * 0.34
    count = len(axes)

    def point(index: float, score: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * max(0.0, min(130.0, score)) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    def polygon(scores: Sequence[float]) -> str:
        return " ".join(f"{n(x)},{n(y)}" for x, y in (point(i, s) for i, s in enumerate(scores)))

    out = _open(width, height, title, desc, "radar")
    for ring in sorted({*(lv.min for lv in levels if lv.min > 0), 100.0}):
        out.append(
            f'<polygon points="{polygon([ring] * count)}" fill="none" stroke="{GRID}" '
            f'stroke-width="0.7"/>'
        )
        x, y = point(0.5, ring * math.cos(math.pi / count))
        out.append(text(x + 2, y + 2, f"{ring:g}", size=6.5, fill=MUTED))
    for i in range(count):
        x, y = point(i, 100)
        out.append(
            f'<line x1="{n(cx)}" y1="{n(cy)}" x2="{n(x)}" y2="{n(y)}" stroke="{GRID}" '
            f'stroke-width="0.7"/>'
        )
    complete = all(a.value is not None for a in axes)
    if complete:
        values = [a.value or 0.0 for a in axes]
        out.append(
            f'<polygon points="{polygon(values)}" fill="{ACCENT}" fill-opacity="0.18" '
            f'stroke="{ACCENT}" stroke-width="1.6"/>'
        )
    for i, axis in enumerate(axes):
        if axis.value is not None:
            x, y = point(i, axis.value)
            if not complete:  # no polygon through missing scores: one spoke per score
                out.append(
                    f'<line x1="{n(cx)}" y1="{n(cy)}" x2="{n(x)}" y2="{n(y)}" '
                    f'stroke="{ACCENT}" stroke-width="2.4"/>'
                )
            out.append(f'<circle cx="{n(x)}" cy="{n(y)}" r="2.4" fill="{ACCENT}"/>')
        out.append(_radar_label(point(i, 108), axis, width, cx, cy))
    out.append("</svg>")
    return Markup("".join(out))


def _radar_label(at: tuple[float, float], axis: Bar, width: float, cx: float, cy: float) -> str:
    """An axis's title (up to three lines) and score, placed outside the ring at `at`."""
    x, y = at
    size, step = 9.0, 10.8
    if abs(x - cx) < 4:
        anchor, room = "middle", width * 0.5
    elif x > cx:
        anchor, room = "start", width - x - 2
    else:
        anchor, room = "end", x - 2
    parts = wrap(axis.label, room, size, lines=3)
    shown = "—" if axis.value is None else f"{axis.value:.1f}"
    block = len(parts) + 1
    if anchor == "middle" and y < cy:
        first = y - (block - 1) * step - 2
    elif anchor == "middle":
        first = y + size
    else:
        first = y - (block - 1) * step / 2 + size * 0.35
    return lines_of_text(x, first, parts, size=size, anchor=anchor) + text(
        x, first + len(parts) * step, shown, size=size, anchor=anchor, bold=True
    )
