"""Keeping ``IndexSnapshot`` current: per body after each response, and in full on demand or hourly.

A snapshot is a stored result of ``selectors.indices_compute`` for one (template, methodology,
scope, period). After a response commits, a background task recomputes its body's and place's
month, quarter and year — a few hundred answers — so a rating moves the public index within
seconds. The full refresh (every scope of a period) is what ``danvan surveys_refresh`` and the
hourly task run; benchmarks/surveys_indices.py measures it at 1,000,000 responses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from danvan.core import clock
from danvan.surveys import indices, selectors
from danvan.surveys.choices import PeriodKind, ScopeKind
from danvan.surveys.models import IndexSnapshot, SurveyTemplate


def _snapshot(template: SurveyTemplate, scope_kind: str, key: Any, period_kind: str, start: dt.date,
              result: indices.IndexResult) -> IndexSnapshot:  # fmt: skip
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


def snapshots_refresh_for_response(
    template: SurveyTemplate, organization_id: int | None, unit_id: int | None, day: dt.date
) -> int:
    """After one response: its body's and its place's month, quarter and year."""
    stored = 0
    for kind in PeriodKind:
        stored += snapshots_refresh(template, kind, day, scope_kind=ScopeKind.ORGANIZATION, keys=[organization_id])
        stored += snapshots_refresh(template, kind, day, scope_kind=ScopeKind.UNIT, keys=[unit_id])
    return stored


def snapshots_refresh_all(
    *, first: dt.date, last: dt.date, templates: Iterable[SurveyTemplate] | None = None
) -> dict[str, int]:
    """Every template, scope and period between two dates (the nightly and on-demand rebuild)."""
    stored: dict[str, int] = {}
    for template in templates or SurveyTemplate.objects.filter(is_active=True).select_related("methodology"):
        for kind in PeriodKind:
            for start in indices.periods_between(kind, first, last):
                for scope in ScopeKind:
                    n = snapshots_refresh(template, kind, start, scope_kind=scope)
                    stored[scope] = stored.get(scope, 0) + n
    return stored
