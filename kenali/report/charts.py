"""Charts as inline SVG drawn in Python: no JavaScript in a downloaded report."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from html import escape

WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 64, 10, 12, 30
INK, MUTED, LINE, ACCENT = "#1d2b2a", "#5f6b6a", "#d8dedd", "#0b6e4f"

Formatter = Callable[[float], str]


def _nice_step(span: float, ticks: int = 4) -> float:
    """A round tick step (1, 2 or 5 × 10^k) giving about `ticks` intervals."""
    raw = span / ticks if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _scale(values: list[float], zero: bool) -> tuple[float, float, list[float]]:
    low, high = min(values), max(values)
    if zero:
        low = min(low, 0.0)
    if high == low:
        high, low = high + 1, (low - 1 if not zero or low > 0 else low)
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    ticks = [low + i * step for i in range(int(round((high - low) / step)) + 1)]
    return low, high, ticks


def _vertical(low: float, high: float) -> Callable[[float], float]:
    """Value to y coordinate (SVG y grows downwards)."""
    return lambda v: TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - low) / (high - low))


def _frame(title: str, ticks: list[float], y: Callable[[float], float], fmt: Formatter,
           days: Sequence[dt.date], x: Callable[[int], float]) -> list[str]:
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="100%" role="img" aria-label="{escape(title)}" '
             'font-family="Liberation Sans, DejaVu Sans, sans-serif" font-size="13">', f"<title>{escape(title)}</title>"]
    for tick in ticks:
        ty = y(tick)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" '
                     f'stroke="{LINE}" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{ty + 3:.1f}" text-anchor="end" '
                     f'fill="{MUTED}">{escape(fmt(tick))}</text>')
    # a date label about every week, always the first and the last day
    every = max(1, len(days) // 5)
    shown = set(range(0, len(days), every)) | {len(days) - 1}
    for i in sorted(shown):
        if i != len(days) - 1 and len(days) - 1 - i < every // 2:
            continue
        # the outermost labels keep inside the drawing
        anchor = "end" if x(i) > WIDTH - RIGHT - 20 else "start" if x(i) < LEFT + 20 else "middle"
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - 10}" text-anchor="{anchor}" '
                     f'fill="{MUTED}">{escape(days[i].strftime("%d/%m"))}</text>')
    return parts


def line_chart(days: Sequence[dt.date], values: Sequence[float | None], title: str,
               fmt: Formatter) -> str | None:
    """A line through the known values (a level such as followers: gaps are bridged)."""
    known = [v for v in values if v is not None]
    if not known or not days:
        return None
    low, high, ticks = _scale(known, zero=False)
    span = max(len(days) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * i / span

    y = _vertical(low, high)
    parts = _frame(title, ticks, y, fmt, days, x)
    points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
    if len(points) > 1:
        line = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{ACCENT}" '
                     'stroke-width="2" stroke-linejoin="round"/>')
    if len(points) <= 12:   # sparse counts (snapshots): mark each observation
        parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="{ACCENT}"/>'
                  for px, py in points]
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(days: Sequence[dt.date], values: Sequence[float | None], title: str,
              fmt: Formatter) -> str | None:
    """One bar a day (none where a value is missing); None when there is nothing to draw."""
    known = [v for v in values if v is not None]
    if not known or not days:
        return None
    low, high, ticks = _scale(known, zero=True)
    slot = (WIDTH - LEFT - RIGHT) / len(days)

    def x(i: int) -> float:
        return LEFT + slot * (i + 0.5)

    y = _vertical(low, high)
    parts = _frame(title, ticks, y, fmt, days, x)
    width = max(slot * 0.72, 1.0)
    base = y(0.0)
    for i, v in enumerate(values):
        if v is None:
            continue
        top = y(v)
        parts.append(f'<rect x="{x(i) - width / 2:.1f}" y="{min(top, base):.1f}" '
                     f'width="{width:.1f}" height="{abs(base - top):.1f}" fill="{ACCENT}" '
                     'fill-opacity="0.8"/>')
    parts.append("</svg>")
    return "".join(parts)
