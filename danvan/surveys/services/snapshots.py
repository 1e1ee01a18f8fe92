"""Keeping ``IndexSnapshot`` current: per body after each response, and in full on demand or hourly.

A snapshot is a stored result of ``selectors.indices_compute`` for one (template, methodology,
scope, period). After a response commits, a background task recomputes its body's and place's
month, quarter and year — a few hundred answers — so a rating moves the public index within
seconds. The full refresh (every scope of a period) is what ``danvan surveys_refresh`` and the
hourly task run; benchmarks/surveys_indices.py measures it at 1,000,000 responses. Both count the
answers of a scope per month in one pass (``selectors.indices_compute_periods``) and add the
months up into quarters and the year, rather than reading the same answers once per period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from danvan.core import clock
from danvan.surveys import indices, selectors
from danvan.surveys.choices import PeriodKind, ScopeKind
from danvan.surveys.models import IndexSnapshot, SurveyTemplate


def _snapshot(template: SurveyTemplate, scope_kind: str, key: Any, period_kind: str, start: dt.date,
              result: indices.IndexResult) -> IndexSnapshot:  # fmt: skip
    # Under the minimum sample only the count is stored: a consumer that forgets ``too_few`` still
    # cannot publish an index drawn from a handful of people.
    result = result.public()
    return IndexSnapshot(
        methodology=template.methodology,
        template=template,
        scope_kind=scope_kind,
        scope_key=str(key),
        organization_id=key if scope_kind == ScopeKind.ORGANIZATION else None,
        unit_id=key if scope_kind == ScopeKind.UNIT else None,
        period_kind=period_kind,
        period_start=start,
        respondents=result.respondents,
        too_few=result.too_few,
        index=None if result.overall.index is None else round(result.overall.index, 2),
        lower=None if result.overall.lower is None else round(result.overall.lower, 2),
        upper=None if result.overall.upper is None else round(result.overall.upper, 2),
        factors={code: score.as_dict() for code, score in result.factors.items()},
        criteria={code: score.as_dict() for code, score in result.criteria.items()},
        computed_at=clock.now(),
    )


def snapshots_refresh(
    template: SurveyTemplate,
    period_kind: str,
    period_start: dt.date,
    *,
    scope_kind: str = ScopeKind.ORGANIZATION,
    keys: Iterable[Any] | None = None,
) -> int:
    """Recompute and store the indices of one period for every scope (or only ``keys``)."""
    start = indices.period_start(period_kind, period_start)
    end = indices.period_end(period_kind, start)
    key_list = None if keys is None else [k for k in keys if k not in (None, "")]
    if key_list == []:
        return 0
    results = selectors.indices_compute(template, start, end, scope_kind=scope_kind, keys=key_list)
    return _store(template, scope_kind, period_kind, start, results, key_list)


def _store(template: SurveyTemplate, scope_kind: str, period_kind: str, start: dt.date,
           results: dict[Any, indices.IndexResult], key_list: list[Any] | None) -> int:  # fmt: skip
    """Replace the stored snapshots of one period and scope (only ``key_list``'s, when given)."""
    existing = IndexSnapshot.objects.filter(
        methodology=template.methodology, template=template, scope_kind=scope_kind,
        period_kind=period_kind, period_start=start,
    )  # fmt: skip
    if key_list is not None:
        existing = existing.filter(scope_key__in=[str(k) for k in key_list])
    with transaction.atomic():
        existing.delete()
        IndexSnapshot.objects.bulk_create(
            (_snapshot(template, scope_kind, key, period_kind, start, result) for key, result in results.items()),
            batch_size=1000,
        )
    return len(results)


def _refresh_periods(
    template: SurveyTemplate, periods: Sequence[tuple[str, dt.date]], *, scope_kind: str, keys: list[Any] | None = None
) -> dict[tuple[str, dt.date], int]:
    """Several periods of one scope from one pass over the answers (``selectors.indices_compute_periods``)."""
    key_list = None if keys is None else [k for k in keys if k not in (None, "")]
    if key_list == [] or not periods:
        return {}
    computed = selectors.indices_compute_periods(template, periods, scope_kind=scope_kind, keys=key_list)
    return {
        (kind, start): _store(template, scope_kind, kind, start, computed[(kind, start)], key_list)
        for kind, start in periods
    }


def snapshots_refresh_for_response(
    template: SurveyTemplate, organization_id: int | None, unit_id: int | None, day: dt.date
) -> int:
    """After one response: its body's and its place's month, quarter and year."""
    periods = [(kind, indices.period_start(kind, day)) for kind in PeriodKind]
    by_body = _refresh_periods(template, periods, scope_kind=ScopeKind.ORGANIZATION, keys=[organization_id])
    by_place = _refresh_periods(template, periods, scope_kind=ScopeKind.UNIT, keys=[unit_id])
    return sum(by_body.values()) + sum(by_place.values())


def snapshots_refresh_all(
    *, first: dt.date, last: dt.date, templates: Iterable[SurveyTemplate] | None = None
) -> dict[str, int]:
    """Every template, scope and period between two dates (the nightly and on-demand rebuild)."""
    stored: dict[str, int] = {}
    periods = [(kind, start) for kind in PeriodKind for start in indices.periods_between(kind, first, last)]
    for template in templates or SurveyTemplate.objects.filter(is_active=True).select_related("methodology"):
        for scope in ScopeKind:
            # One pass over the answers per scope for all 17 periods of a year, not one per period.
            for n in _refresh_periods(template, periods, scope_kind=scope).values():
                stored[scope] = stored.get(scope, 0) + n
    return stored
