"""A chart's numbers and the table beside it round the same way: one function (``floatformat``, one
decimal, half up) makes both strings, in Vietnamese and in English."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from danvan.ui import charts

# Values where cutting and rounding half up differ, or where float representation tempts a wrong round.
TRICKY = [82.45, 82.449, 0.05, 99.95, 12.25, 33.35, 2.675, 71.65, 64.15, 50.0]
TABLE = Template("{{ v|floatformat:1 }}")


def table_cell(value: float) -> str:
    return TABLE.render(Context({"v": value}))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_bar_labels_and_descriptions_equal_the_table_cells(language: str) -> None:
    with translation.override(language):
        rows = [charts.BarRow(f"Cơ quan {i}", v, max(v - 5, 0), min(v + 5, 100)) for i, v in enumerate(TRICKY)]
        svg = str(charts.bars_with_intervals(rows, title="Chỉ số"))
        labels = re.findall(r'<text x="340" y="[\d.]+" text-anchor="end" font-weight="600">([^<]+)</text>', svg)
        expected = [table_cell(v) for v in TRICKY]
        assert labels == expected
        description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
        assert description is not None
        for row, cell in zip(rows, expected, strict=True):
            assert f"{row.label}: {cell} (" in description.group(1)
            interval = f"({table_cell(row.lower or 0)}–{table_cell(row.upper or 0)})"
            assert f"{cell} {interval}" in description.group(1)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_trend_descriptions_equal_the_table_cells(language: str) -> None:
    with translation.override(language):
        points = [charts.TrendPoint(f"{m:02d}/2026", v, v - 1, v + 1) for m, v in enumerate(TRICKY, start=1)]
        svg = str(charts.trend_lines(points, title="Xu hướng"))
        for point in points:
            assert f"{point.label}: {table_cell(point.value or 0)} (" in svg


def test_the_known_cases_where_cutting_would_differ() -> None:
    with translation.override("vi"):
        assert charts.value_with_interval(82.45, 78.05, 86.85) == "82,5 (78,1–86,9)"
        assert charts.value_with_interval(99.95, None, None) == "100,0"
    with translation.override("en"):
        assert charts.value_with_interval(12.25, 0.05, 33.35) == "12.3 (0.1–33.4)"
