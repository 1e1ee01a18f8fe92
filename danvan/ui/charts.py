"""Server-rendered SVG charts: horizontal bars with 95% interval whiskers, and a trend with its band.

No script and no ``style=`` attribute (the Content-Security-Policy forbids inline styles): colours
and sizes are SVG presentation attributes. Each chart carries ``role="img"`` with a ``<title>`` and
a ``<desc>`` that reads out every value, so a screen reader gets the data, not a picture. The
``viewBox`` is narrow (400 units) so that text stays legible when a 360-px phone scales it down;
the stylesheet caps its width on larger screens (``.chart``).

Coordinates are written with ``.`` whatever the language; only the visible numbers are localized
(Vietnamese "82,5").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 340
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
INK, MUTED, GRID, BAR, BAND = "#1b1b1b", "#555555", "#d6d6d6", "#a51d1d", "#a51d1d"
LABEL_MAX = 40  # characters of a bar's label drawn in the chart; the full label is in its tooltip and <desc>

_ids = itertools.count(1)


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float | None
    lower: float | None = None
    upper: float | None = None
    href: str = ""


@dataclass(frozen=True)
class TrendPoint:
    label: str
    value: float | None
    lower: float | None = None
    upper: float | None = None


def _n(value: float) -> str:
    """A coordinate: never localized, never more than one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _shown(value: float | None) -> str:
    """A number as the reader sees it: one decimal rounded half up, the language's separator. The very
    function of the tables' ``{{ value|floatformat:1 }}`` beside each chart, so a label and its table
    cell are the same string (``number_format`` alone cuts 82.45 to "82,4" where the table says "82,5")."""
    return "—" if value is None else str(floatformat(value, 1))


def _tick(value: float) -> str:
    return number_format(value, decimal_pos=0 if float(value).is_integer() else 1)


def value_with_interval(value: float | None, lower: float | None, upper: float | None) -> str:
    """ "82,5 (78,1–86,4)", or "82,5" without an interval, or "—" without a value."""
    if value is None:
        return _("no index")
    if lower is None or upper is None:
        return _shown(value)
    return f"{_shown(value)} ({_shown(lower)}–{_shown(upper)})"


def _clamp(value: float, top: float) -> float:
    return max(0.0, min(top, value))


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def _ticks(max_value: float) -> list[float]:
    return [max_value * i / 4 for i in range(5)]


def _svg(body: Iterable[str], *, height: float, title: str, desc: str, links: bool = False) -> SafeString:
    # The title names the chart and the <desc> describes it, each read once (naming it by both read the
    # values twice). A chart whose bars are links is a group, not an image: an image's content is hidden
    # from assistive technology, so links inside one could not be reached (axe: nested-interactive).
    ident = f"chart-{next(_ids)}"
    role = "group" if links else "img"
    head = (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'role="{role}" aria-labelledby="{ident}-t" aria-describedby="{ident}-d" font-family="{FONT}" '
        f'font-size="14" fill="{INK}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text above and in body is escaped


def _empty(title: str) -> SafeString:
    message = _("No figures yet.")
    text = f'<text x="{WIDTH // 2}" y="30" text-anchor="middle" fill="{MUTED}">{escape(message)}</text>'
    return _svg([text], height=48, title=title, desc=message)


def bars_with_intervals(rows: Sequence[BarRow], *, title: str, max_value: float = 100.0) -> SafeString:
    """One horizontal bar per row, its 95% interval as a whisker; a row without a value has no bar.

    Each row's label sits on its own line above the bar, so a long body name never squeezes the bars
    on a phone. A row with ``href`` links to it.
    """
    if not rows:
        return _empty(title)
    max_value = max_value if max_value > 0 else 100.0
    left, right = 2.0, WIDTH - 46.0  # the value is written right of the plot
    scale = (right - left) / max_value
    row_h, top = 48.0, 6.0
    axis_y = top + row_h * len(rows) + 2
    height = axis_y + 22
    parts: list[str] = []
    for tick in _ticks(max_value):
        x = left + tick * scale
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(axis_y)}" stroke="{GRID}" stroke-width="1"/>'
        )
        anchor = "start" if tick == 0 else "end" if tick == max_value else "middle"
        parts.append(f'<text x="{_n(x)}" y="{_n(axis_y + 16)}" text-anchor="{anchor}" font-size="12" '
                     f'fill="{MUTED}">{escape(_tick(tick))}</text>')  # fmt: skip
    described = []
    for i, row in enumerate(rows):
        y = top + i * row_h
        shown = value_with_interval(row.value, row.lower, row.upper)
        described.append(f"{row.label}: {shown}")
        item = [f"<title>{escape(row.label)}: {escape(shown)}</title>",
                f'<text x="{_n(left)}" y="{_n(y + 15)}">{escape(_short(row.label))}</text>']  # fmt: skip
        bar_y, bar_h = y + 22, 16.0
        if row.value is None:
            item.append(f'<line x1="{_n(left)}" y1="{_n(bar_y + bar_h / 2)}" x2="{_n(right)}" y2="{_n(bar_y + bar_h / 2)}" '
                        f'stroke="{GRID}" stroke-width="1" stroke-dasharray="3 3"/>')  # fmt: skip
            item.append(f'<text x="{WIDTH}" y="{_n(bar_y + 13)}" text-anchor="end" fill="{MUTED}">—</text>')
        else:
            width = _clamp(row.value, max_value) * scale
            item.append(f'<rect x="{_n(left)}" y="{_n(bar_y)}" width="{_n(width)}" height="{_n(bar_h)}" '
                        f'fill="{BAR}" fill-opacity="0.85"/>')  # fmt: skip
            if row.lower is not None and row.upper is not None:
                lo = left + _clamp(row.lower, max_value) * scale
                hi = left + _clamp(row.upper, max_value) * scale
                mid = bar_y + bar_h / 2
                item.append(f'<path d="M{_n(lo)} {_n(mid)}H{_n(hi)}M{_n(lo)} {_n(bar_y - 2)}V{_n(bar_y + bar_h + 2)}'
                            f'M{_n(hi)} {_n(bar_y - 2)}V{_n(bar_y + bar_h + 2)}" stroke="{INK}" stroke-width="1.5" '
                            f'fill="none"/>')  # fmt: skip
            item.append(f'<text x="{WIDTH}" y="{_n(bar_y + 13)}" text-anchor="end" font-weight="600">'
                        f"{escape(_shown(row.value))}</text>")  # fmt: skip
        if row.href:
            # The link is named by its own <title> (the row and its value); what it draws is decoration.
            parts.append(f'<a href="{escape(row.href)}">{item[0]}<g aria-hidden="true">{"".join(item[1:])}</g></a>')
        else:
            parts.append(f"<g>{''.join(item)}</g>")
    note = _("Bars: index (0–%(max)s); lines: 95%% confidence interval.") % {"max": _tick(max_value)}
    links = any(row.href for row in rows)
    return _svg(parts, height=height, title=title, desc=f"{note} " + "; ".join(described), links=links)


def _segments(points: Sequence[TrendPoint], key: str) -> list[list[int]]:
    """Runs of consecutive points that have ``key`` (value, or the interval): a None breaks the line."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, point in enumerate(points):
        present = point.value is not None if key == "value" else point.lower is not None and point.upper is not None
        if present:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def trend_lines(points: Sequence[TrendPoint], *, title: str, max_value: float = 100.0) -> SafeString:
    """The index period by period as a line, its 95% interval as a shaded band; a None leaves a gap."""
    if not points:
        return _empty(title)
    max_value = max_value if max_value > 0 else 100.0
    left, right, top, bottom = 30.0, WIDTH - 8.0, 10.0, 170.0
    height = bottom + 26
    count = len(points)
    step = (right - left) / max(count - 1, 1)

    def x_of(i: int) -> float:
        return left + (i * step if count > 1 else (right - left) / 2)

    def y_of(value: float) -> float:
        return bottom - _clamp(value, max_value) / max_value * (bottom - top)

    parts: list[str] = []
    for tick in _ticks(max_value):
        y = y_of(tick)
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{_n(left - 4)}" y="{_n(y + 4)}" text-anchor="end" font-size="12" fill="{MUTED}">'
                     f"{escape(_tick(tick))}</text>")  # fmt: skip
    for run in _segments(points, "interval"):
        if len(run) == 1:
            i, point = run[0], points[run[0]]
            assert point.lower is not None and point.upper is not None
            parts.append(f'<line x1="{_n(x_of(i))}" y1="{_n(y_of(point.lower))}" x2="{_n(x_of(i))}" '
                         f'y2="{_n(y_of(point.upper))}" stroke="{BAND}" stroke-opacity="0.45" stroke-width="8"/>')  # fmt: skip
            continue
        upper = [f"{_n(x_of(i))},{_n(y_of(points[i].upper or 0))}" for i in run]
        lower = [f"{_n(x_of(i))},{_n(y_of(points[i].lower or 0))}" for i in reversed(run)]
        parts.append(f'<polygon points="{" ".join(upper + lower)}" fill="{BAND}" fill-opacity="0.18" stroke="none"/>')
    for run in _segments(points, "value"):
        if len(run) > 1:
            coords = " ".join(f"{_n(x_of(i))},{_n(y_of(points[i].value or 0))}" for i in run)
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{BAR}" stroke-width="2.5"/>')
    label_every = max(1, math.ceil(count / 5))
    described = []
    for i, point in enumerate(points):
        shown = value_with_interval(point.value, point.lower, point.upper)
        described.append(f"{point.label}: {shown}")
        if point.value is not None:
            parts.append(f'<circle cx="{_n(x_of(i))}" cy="{_n(y_of(point.value))}" r="3.5" fill="{BAR}">'
                         f"<title>{escape(point.label)}: {escape(shown)}</title></circle>")  # fmt: skip
        if (count - 1 - i) % label_every == 0:  # counted from the latest period, which is always labelled
            anchor = "middle"
            if count > 1 and i == 0:
                anchor = "start"
            elif count > 1 and i == count - 1:
                anchor = "end"
            parts.append(f'<text x="{_n(x_of(i))}" y="{_n(bottom + 18)}" text-anchor="{anchor}" font-size="12" '
                         f'fill="{MUTED}">{escape(point.label)}</text>')  # fmt: skip
    note = _("Line: index (0–%(max)s); shaded band: 95%% confidence interval.") % {"max": _tick(max_value)}
    return _svg(parts, height=height, title=title, desc=f"{note} " + "; ".join(described))


# --- topics ---
def count_columns(points: Sequence[tuple[str, int]], *, title: str, split: int | None = None) -> SafeString:
    """Counts per period (a week) as columns; columns before ``split`` (the previous period) drawn lighter."""
    if not points:
        return _empty(title)
    top_value = max((v for _, v in points), default=0) or 1
    left, right, top, bottom = 30.0, WIDTH - 4.0, 8.0, 92.0
    step = (right - left) / len(points)
    parts: list[str] = []
    for tick in (0, top_value):
        y = bottom - tick / top_value * (bottom - top)
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{_n(left - 4)}" y="{_n(y + 4)}" text-anchor="end" font-size="12" fill="{MUTED}">'
                     f"{escape(_tick(tick))}</text>")  # fmt: skip
    described = []
    for i, (label, value) in enumerate(points):
        h = value / top_value * (bottom - top)
        x = left + i * step + step * 0.15
        opacity = "0.35" if split is not None and i < split else "0.85"
        described.append(f"{label}: {value}")
        parts.append(f'<rect x="{_n(x)}" y="{_n(bottom - h)}" width="{_n(step * 0.7)}" height="{_n(h)}" fill="{BAR}" '
                     f'fill-opacity="{opacity}"><title>{escape(label)}: {value}</title></rect>')  # fmt: skip
    for i in (0, len(points) - 1):
        anchor = "start" if i == 0 else "end"
        x = left if i == 0 else right
        parts.append(f'<text x="{_n(x)}" y="{_n(bottom + 16)}" text-anchor="{anchor}" font-size="12" fill="{MUTED}">'
                     f"{escape(points[i][0])}</text>")  # fmt: skip
    note = _("Columns: cases per week; lighter: the previous period.")
    return _svg(parts, height=bottom + 22, title=title, desc=f"{note} " + "; ".join(described))
