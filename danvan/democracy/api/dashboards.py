"""The dashboards part's REST endpoints; operation ids pinned as danvan_api_democracy_dashboards_*.

A province's (or one commune's) grassroots democracy figures for a year, for staff who may read them (a
session, or a key with ``staff_read``): every part's counts and the rates derived once in
``selectors.dashboards``. ``percent`` is null when nothing fell due — never 0 and never 100. A province
or commune outside the caller's scope is 404, as one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema

from danvan.democracy.selectors import dashboards as sel
from danvan.rest.auth import ApiError, principal, staff_user
from danvan.rest.schemas import ERRORS

router = Router(tags=["democracy"])


class RateOut(Schema):
    numerator: int
    denominator: int
    percent: float | None


class FiguresOut(Schema):
    parts: dict[str, dict[str, int]]
    rates: dict[str, RateOut]


class CommuneOut(Schema):
    code: int
    name: str
    year: int
    figures: FiguresOut


class ProvinceOut(Schema):
    code: int
    name: str
    year: int
    communes: list[CommuneOut]
    total: FiguresOut


def _figures(f: sel.Figures) -> dict[str, Any]:
    rates = {name: {"numerator": r.numerator, "denominator": r.denominator, "percent": r.percent_float}
             for name, r in f.rates.items()}  # fmt: skip
    return {"parts": f.parts, "rates": rates}


def _year(year: int | None) -> int:
    if year is None:
        return sel.default_year()
    if year not in sel.year_choices():
        message = _("Choose a year from the list (from 2023, when the law came into force).")
        raise ApiError(422, "invalid", message, details={"year": message})
    return year


@router.get("/democracy/dashboards/provinces/{code}", response={200: ProvinceOut, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_democracy_dashboards_province")  # fmt: skip
def province(
    request: HttpRequest, code: int = Path(..., ge=1, le=99), year: int | None = Query(None, ge=1900, le=9999)
) -> dict[str, Any]:
    """The communes of a province (GSO code) the caller may see, each with its figures for the year (this
    year by default), and their sum."""
    user = staff_user(principal(request))
    report = sel.province_report(user, province_code=code, year=_year(year))
    return {
        "code": report.province.code, "name": report.province.name, "year": report.year,
        "communes": [{"code": r.commune.code, "name": r.commune.name, "year": report.year,
                      "figures": _figures(r.figures)} for r in report.communes],
        "total": _figures(report.total),
    }  # fmt: skip


@router.get("/democracy/dashboards/communes/{code}", response={200: CommuneOut, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_democracy_dashboards_commune")  # fmt: skip
def commune(
    request: HttpRequest, code: int = Path(..., ge=1, le=99_999), year: int | None = Query(None, ge=1900, le=9999)
) -> dict[str, Any]:
    """One commune's (GSO code) figures for the year (this year by default)."""
    user = staff_user(principal(request))
    row = sel.commune_report(user, commune_code=code, year=_year(year))
    year_shown = year if year is not None else sel.default_year()
    return {"code": row.commune.code, "name": row.commune.name, "year": year_shown, "figures": _figures(row.figures)}
