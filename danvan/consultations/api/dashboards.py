"""Consultations: the dashboards part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_dashboards_*``).

A province's figures for a year — per place (its own level, each commune), per consulting body and in all —
or one place's with each consultation, for staff who may read them (a session, or a key with
``staff_read``). The counts and the rates are ``selectors.dashboards``' (defined once there); ``percent``
is null when the denominator is 0 — never 0 and never 100. A province or place outside the caller's scope
is 404, as one that does not exist. Aggregates only: no participant appears.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema

from danvan.consultations.selectors import dashboards as sel
from danvan.org.choices import UnitLevel
from danvan.rest.auth import ApiError, principal, staff_user
from danvan.rest.schemas import ERRORS

router = Router(tags=["consultations"])


class ConsultationRateOut(Schema):
    numerator: int
    denominator: int
    percent: float | None


class ConsultationFiguresOut(Schema):
    counts: dict[str, int]
    rates: dict[str, ConsultationRateOut]


class ConsultationOut(Schema):
    code: str
    title: str
    status: str
    body: str
    figures: ConsultationFiguresOut


class BodyOut(Schema):
    id: int
    name: str
    figures: ConsultationFiguresOut


class PlaceOut(Schema):
    level: str
    code: int
    name: str
    year: int
    figures: ConsultationFiguresOut
    bodies: list[BodyOut]


class PlaceDetailOut(PlaceOut):
    consultations: list[ConsultationOut]


class ConsultationProvinceOut(Schema):
    code: int
    name: str
    year: int
    places: list[PlaceOut]
    bodies: list[BodyOut]
    total: ConsultationFiguresOut


def _figures(f: sel.Figures) -> dict[str, Any]:
    rates = {name: {"numerator": r.numerator, "denominator": r.denominator, "percent": r.percent_float}
             for name, r in f.rates.items()}  # fmt: skip
    return {"counts": dict(f.counts), "rates": rates}


def _bodies(rows: list[sel.BodyRow]) -> list[dict[str, Any]]:
    return [{"id": b.organization.pk, "name": b.organization.name, "figures": _figures(b.figures)} for b in rows]


def _place(row: sel.PlaceRow, year: int) -> dict[str, Any]:
    return {"level": row.unit.level, "code": row.unit.code, "name": row.unit.name, "year": year,
            "figures": _figures(row.figures), "bodies": _bodies(row.bodies)}  # fmt: skip


def _year(year: int | None) -> int:
    if year is None:
        return sel.default_year()
    if year not in sel.year_choices():
        message = _("Choose a year from the list (from 2023, when the law came into force).")
        raise ApiError(422, "invalid", message, details={"year": message})
    return year


@router.get("/consultations/dashboards/provinces/{code}", response={200: ConsultationProvinceOut, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_consultations_dashboards_province")  # fmt: skip
def province(
    request: HttpRequest, code: int = Path(..., ge=1, le=99), year: int | None = Query(None, ge=1900, le=9999)
) -> dict[str, Any]:
    """The consultations of the bodies the caller may read in a province (GSO code), for the year (this
    year by default): per place, per body and in all."""
    user = staff_user(principal(request))
    shown = _year(year)
    report = sel.province_report(user, province_code=code, period=sel.Period.year(shown))
    return {"code": report.province.code, "name": report.province.name, "year": shown,
            "places": [_place(p, shown) for p in report.places], "bodies": _bodies(report.bodies),
            "total": _figures(report.total)}  # fmt: skip


def _detail(user: Any, level: str, code: int, year: int | None) -> dict[str, Any]:
    shown = _year(year)
    _report, row = sel.place_report(user, level=level, code=code, period=sel.Period.year(shown))
    consultations = [{"code": c.consultation.code, "title": c.consultation.title, "status": c.consultation.status,
                      "body": c.consultation.organization.name, "figures": _figures(c.figures)}
                     for c in row.consultations]  # fmt: skip
    return {**_place(row, shown), "consultations": consultations}


@router.get("/consultations/dashboards/communes/{code}", response={200: PlaceDetailOut, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_consultations_dashboards_commune")  # fmt: skip
def commune(
    request: HttpRequest, code: int = Path(..., ge=1, le=99_999), year: int | None = Query(None, ge=1900, le=9999)
) -> dict[str, Any]:
    """One commune's (GSO code) figures for the year, per body and per consultation."""
    return _detail(staff_user(principal(request)), UnitLevel.COMMUNE, code, year)


@router.get("/consultations/dashboards/province-level/{code}", response={200: PlaceDetailOut, **ERRORS},
            tags=["staff"], operation_id="danvan_api_consultations_dashboards_province_level")  # fmt: skip
def province_level(
    request: HttpRequest, code: int = Path(..., ge=1, le=99), year: int | None = Query(None, ge=1900, le=9999)
) -> dict[str, Any]:
    """The consultations of a province's own bodies on the whole province (GSO code), for the year."""
    return _detail(staff_user(principal(request)), UnitLevel.PROVINCE, code, year)
