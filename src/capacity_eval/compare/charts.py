"""SVG charts of the comparative report: distributions, medians over time, profiles, ranks.

They follow the single-assessment report's charts (`reporting.charts`): hand-written
inline SVG with the same fonts, colours and text helpers, no ids, scripts, styles or
dates, so equal numbers give equal bytes. Labels from the inputs are escaped and
shortened (SVG text does not wrap) and never reach an attribute. Every chart is
`role="img"` with a `<title>` and a `<desc>`; the report prints the same numbers in a
table. Series differ by colour (the Okabe-Ito palette, safe for colour-blind readers)
and by marker shape or dash.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..reporting.charts import ACCENT, FONT, GRID, INK, MUTED, n, text, wrap
from ..reporting.views import LevelView
from .stats import Summary

SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#882255")
MARKERS = ("circle", "square", "diamond", "triangle", "circle-open", "square-open", "cross")
POINT = "#D55E00"
BOX = "#dceaf5"

Place = Callable[[int, float], tuple[float, float]]


def _open(width: float, height: float, title: str, desc: str, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
        f'width="{n(width)}" height="{n(height)}" viewBox="0 0 {n(width)} {n(height)}" '
        f'font-family="{FONT}">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]


def _line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    *,
    stroke: str = GRID,
    width: float = 0.7,
    dash: str = "",
) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" stroke="{stroke}" '
        f'stroke-width="{n(width)}"{extra}/>'
    )


def _one_line(label: str, width: float, size: float) -> str:
    return wrap(label, width, size, lines=1)[0]


def marker(shape: str, x: float, y: float, r: float, colour: str) -> str:
    """A point drawn as one of MARKERS ("-open" shapes are hollow)."""
    fill = "#ffffff" if shape.endswith("-open") else colour
    base = shape.removesuffix("-open")
    common = f'fill="{fill}" stroke="{colour}" stroke-width="1"'
    if base == "square":
        return (
            f'<rect x="{n(x - r)}" y="{n(y - r)}" width="{n(2 * r)}" height="{n(2 * r)}" {common}/>'
        )
    if base == "diamond":
        d = r * 1.3
        return (
            f'<polygon points="{n(x)},{n(y - d)} {n(x + d)},{n(y)} {n(x)},{n(y + d)} '
            f'{n(x - d)},{n(y)}" {common}/>'
        )
    if base == "triangle":
        return (
            f'<polygon points="{n(x)},{n(y - r * 1.3)} {n(x + r * 1.2)},{n(y + r)} '
            f'{n(x - r * 1.2)},{n(y + r)}" {common}/>'
        )
    if base == "cross":
        return _line(x - r, y - r, x + r, y + r, stroke=colour, width=1.4) + _line(
            x - r, y + r, x + r, y - r, stroke=colour, width=1.4
        )
    return f'<circle cx="{n(x)}" cy="{n(y)}" r="{n(r)}" {common}/>'


def _thresholds(
    levels: Sequence[LevelView], place: Callable[[float], float], top: float, bottom: float
) -> list[str]:
    """A dashed line at each level threshold, with the level's id above its band."""
    out = []
    for level in levels:
        x1 = place(level.min)
        x2 = place(level.max if level.max is not None else 100.0)
        if level.min > 0:
            out.append(_line(x1, top - 4, x1, bottom, dash="2 2"))
        out.append(
            text(
                (x1 + x2) / 2,
                top - 6,
                _one_line(f"{level.id} {level.label}", x2 - x1, 7),
                size=7,
                anchor="middle",
                fill=MUTED,
            )
        )
    return out


# --- distribution: box and strip plot ------------------------------------------------------


@dataclass(frozen=True)
class BoxRow:
    label: str
    summary: Summary | None
    points: Sequence[float]
    emphasis: bool = False  # the overall row


def box_plot(
    rows: Sequence[BoxRow],
    levels: Sequence[LevelView],
    *,
    title: str,
    desc: str,
    few_note: str,
    width: float = 640,
) -> Markup:
    """Horizontal box plots on 0-100 (box: quartiles; thick bar: median; whiskers: lowest to
    highest), every score as a dot; a group under `stats.FEW` scores gets dots and median only,
    and a star."""
    size, row_h, label_w = 9.0, 28.0, width * 0.28
    left, right, top = label_w + 8, width - 18, 24.0
    bottom = top + row_h * len(rows)
    height = bottom + (32 if few_note else 18)

    def x_of(score: float) -> float:
        return left + (right - left) * max(0.0, min(100.0, score)) / 100

    out = _open(width, height, title, desc, "box")
    out += _thresholds(levels, x_of, top, bottom)
    out.append(_line(left, bottom, right, bottom, stroke=MUTED, width=0.8))
    for tick in (0, 20, 40, 60, 80, 100):
        out.append(text(x_of(tick), bottom + 11, str(tick), size=7, anchor="middle", fill=MUTED))
    for i, row in enumerate(rows):
        mid = top + row_h * i + row_h / 2
        label = _one_line(row.label, label_w, size)
        out.append(text(label_w, mid + 3, label, size=size, anchor="end", bold=row.emphasis))
        if row.summary is not None:
            out += _box(row.summary, x_of, mid)
            out += _strip(row.points, x_of, mid)
            if row.summary.few:
                out.append(text(right + 4, mid + 3, "*", size=size, fill=MUTED))
    if few_note:
        out.append(text(left, bottom + 26, "* " + few_note, size=7.5, fill=MUTED))
    out.append("</svg>")
    return Markup("".join(out))


def _box(summary: Summary, x_of: Callable[[float], float], mid: float) -> list[str]:
    out = []
    if not summary.few:
        out.append(
            _line(x_of(summary.minimum), mid, x_of(summary.maximum), mid, stroke=INK, width=0.8)
        )
        for end in (summary.minimum, summary.maximum):
            out.append(_line(x_of(end), mid - 4, x_of(end), mid + 4, stroke=INK, width=0.8))
        box_w = max(0.8, x_of(summary.q3) - x_of(summary.q1))
        out.append(
            f'<rect x="{n(x_of(summary.q1))}" y="{n(mid - 7)}" width="{n(box_w)}" '
            f'height="14" fill="{BOX}" stroke="{ACCENT}" stroke-width="0.9"/>'
        )
    out.append(
        _line(x_of(summary.median), mid - 9, x_of(summary.median), mid + 9, stroke=INK, width=2.4)
    )
    return out


def _strip(points: Sequence[float], x_of: Callable[[float], float], mid: float) -> list[str]:
    """One dot per score, spread over five rows so that equal scores stay visible."""
    return [
        f'<circle cx="{n(x_of(p))}" cy="{n(mid + ((j * 3) % 5 - 2) * 2.2)}" r="1.8" '
        f'fill="{POINT}" fill-opacity="0.7"/>'
        for j, p in enumerate(sorted(points))
    ]


# --- medians over periods ------------------------------------------------------------------


def line_chart(
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    desc: str,
    width: float = 640,
) -> Markup:
    """Lines over periods on 0-100; the last series (overall) in black and thicker, each other
    with its colour, marker and dash; labels at the ends of the lines."""
    left, label_w, top = 34.0, width * 0.27, 12.0
    right = width - label_w - 10
    height = 230.0
    bottom = height - 26
    step = (right - left) / max(1, len(periods) - 1)

    def place(i: int, value: float) -> tuple[float, float]:
        x = left + step * i if len(periods) > 1 else (left + right) / 2
        return x, bottom - (bottom - top) * max(0.0, min(100.0, value)) / 100

    out = _open(width, height, title, desc, "lines")
    for tick in (0, 20, 40, 60, 80, 100):
        _, y = place(0, tick)
        out.append(_line(left, y, right, y))
        out.append(text(left - 5, y + 3, str(tick), size=7, anchor="end", fill=MUTED))
    for i, period in enumerate(periods):
        x, _ = place(i, 0)
        out.append(
            text(
                x,
                height - 10,
                _one_line(period, step or 80, 8),
                size=8,
                anchor="middle",
                fill=MUTED,
            )
        )
    ends: list[tuple[float, str, str]] = []
    for k, (label, values) in enumerate(series):
        total = k == len(series) - 1
        colour = INK if total else SERIES[k % len(SERIES)]
        points = [place(i, v) for i, v in enumerate(values) if v is not None]
        out += _series(
            points,
            colour,
            "circle" if total else MARKERS[k % len(MARKERS)],
            "" if total or k % 2 == 0 else "5 3",
            2.4 if total else 1.5,
        )
        if points:
            ends.append((points[-1][1], _one_line(label, label_w, 8), colour))
    out += _end_labels(ends, right + 10, bottom)
    out.append("</svg>")
    return Markup("".join(out))


def _series(
    points: list[tuple[float, float]], colour: str, shape: str, dash: str, width: float
) -> list[str]:
    out = []
    if len(points) > 1:
        path = " ".join(f"{n(x)},{n(y)}" for x, y in points)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" '
            f'stroke-width="{n(width)}"{extra}/>'
        )
    out += [marker(shape, x, y, 2.7, colour) for x, y in points]
    return out


def _end_labels(ends: list[tuple[float, str, str]], x: float, bottom: float) -> list[str]:
    """Labels at the ends of the lines, pushed apart so that they do not overlap."""
    placed: list[str] = []
    last = -math.inf
    for y, label, colour in sorted(ends):
        y = max(y + 3, last + 10)
        last = y
        placed.append(text(x, min(y, bottom + 8), label, size=8, fill=colour, bold=colour == INK))
    return placed


# --- profile against the group median ------------------------------------------------------


def small_radar(
    axes: Sequence[str],
    values: Sequence[float | None],
    reference: Sequence[float | None],
    *,
    title: str,
    desc: str,
    size: float = 150,
) -> Markup:
    """A small radar (three axes at least): the unit's scores as a filled shape, the group
    median as a dashed line; a missing score is drawn at the centre."""
    centre, radius = size / 2, size / 2 - 24
    count = len(axes)

    def place(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / count
        r = radius * max(0.0, min(100.0, value)) / 100
        return centre + r * math.cos(angle), centre + r * math.sin(angle)

    out = _open(size, size, title, desc, "small-radar")
    for ring in (50, 100):
        out.append(
            f'<polygon points="{_ring(place, count, ring)}" fill="none" stroke="{GRID}" '
            f'stroke-width="0.5"/>'
        )
    for i, label in enumerate(axes):
        x, y = place(i, 100)
        out.append(_line(centre, centre, x, y, width=0.5))
        lx, ly = place(i, 100 + 1400 / radius)
        anchor = "middle" if abs(lx - centre) < 4 else ("start" if lx > centre else "end")
        out.append(
            text(lx, ly + 2.5, _one_line(label, 64, 7.5), size=7.5, anchor=anchor, fill=MUTED)
        )
    out.append(_polygon(place, reference, fill="none", stroke=MUTED, dash="3 2"))
    out.append(_polygon(place, values, fill=ACCENT, stroke=ACCENT))
    out.append("</svg>")
    return Markup("".join(out))


def _ring(place: Place, count: int, value: float) -> str:
    return " ".join(f"{n(x)},{n(y)}" for x, y in (place(i, value) for i in range(count)))


def _polygon(
    place: Place, values: Sequence[float | None], *, fill: str, stroke: str, dash: str = ""
) -> str:
    points = " ".join(
        f"{n(x)},{n(y)}" for x, y in (place(i, v or 0.0) for i, v in enumerate(values))
    )
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    opacity = ' fill-opacity="0.22"' if fill != "none" else ""
    return (
        f'<polygon points="{points}" fill="{fill}"{opacity} stroke="{stroke}" '
        f'stroke-width="1.2"{extra}/>'
    )


# --- rank intervals ----------------------------------------------------------------------


@dataclass(frozen=True)
class RankRow:
    label: str
    low: int
    median: float
    high: int


def rank_intervals(
    rows: Sequence[RankRow], count: int, *, title: str, desc: str, width: float = 640
) -> Markup:
    """For each unit, the interval of its ranks (a bar) and its median rank (a dot)."""
    size, row_h, label_w = 9.0, 18.0, width * 0.32
    left, right, top = label_w + 8, width - 14, 6.0
    bottom = top + row_h * len(rows)
    height = bottom + 20

    def x_of(rank: float) -> float:
        return left + (right - left) * (rank - 1) / max(1, count - 1)

    out = _open(width, height, title, desc, "ranks")
    for tick in _rank_ticks(count):
        out.append(_line(x_of(tick), top, x_of(tick), bottom))
        out.append(text(x_of(tick), bottom + 11, str(tick), size=7, anchor="middle", fill=MUTED))
    for i, row in enumerate(rows):
        mid = top + row_h * i + row_h / 2
        out.append(
            text(label_w, mid + 3, _one_line(row.label, label_w, size), size=size, anchor="end")
        )
        out.append(
            _line(x_of(row.low) - 2, mid, x_of(row.high) + 2, mid, stroke=SERIES[0], width=4)
        )
        out.append(marker("circle", x_of(row.median), mid, 2.6, INK))
    out.append("</svg>")
    return Markup("".join(out))


def _rank_ticks(count: int) -> list[int]:
    step = max(1, math.ceil(count / 10))
    ticks = list(range(1, count + 1, step))
    if ticks[-1] != count:
        ticks.append(count)
    return ticks
