"""Reading satisfaction data: live index computation, stored snapshots, rankings, trends, comments.

Live computation (``indices_compute``) runs two grouped queries over the answers of one template
and period — counts per (scope, criterion, value) and respondents per scope — and hands the counts
to the pure formulas in ``indices``; ``indices_compute_periods`` does the same for many periods at
once from counts per month. Public pages read ``IndexSnapshot`` rows instead, which
``services.snapshots`` keeps current. Nothing here returns a single respondent's answers except
``low_score_comments``, which returns comment texts alone, for staff with the right to read them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from danvan.core import clock
from danvan.surveys import indices
from danvan.surveys.choices import Aspect, PeriodKind, ScopeKind
from danvan.surveys.models import Answer, Criterion, IndexSnapshot, Methodology, Response, SurveyTemplate

_SCOPE_FIELD = {
    ScopeKind.ORGANIZATION: "organization_id",
    ScopeKind.UNIT: "unit_id",
    ScopeKind.SERVICE: "service",
}


def scope_field(scope_kind: str) -> str:
    try:
        return _SCOPE_FIELD[ScopeKind(scope_kind)]
    except ValueError:
        raise ValueError(f"unknown scope kind {scope_kind!r}") from None


def _criteria_map(template: SurveyTemplate) -> dict[int, tuple[str, str | None]]:
    return {
        c.pk: (c.code, c.factor.code if c.factor else None)
        for c in Criterion.objects.filter(template=template).select_related("factor")
    }


def responses_in(
    template: SurveyTemplate,
    methodology: Methodology,
    start: dt.date,
    end: dt.date,
    *,
    extra: Q | None = None,
) -> QuerySet[Response]:
    qs = Response.objects.filter(template=template, answered_on__gte=start, answered_on__lte=end)
    if methodology.exclude_flagged:
        qs = qs.filter(flag="")
    return qs.filter(extra) if extra is not None else qs


def _scope_responses(
    template: SurveyTemplate,
    methodology: Methodology,
    start: dt.date,
    end: dt.date,
    *,
    scope_kind: str,
    keys: Iterable[Any] | None,
    extra: Q | None,
) -> tuple[str, QuerySet[Response]]:
    field = scope_field(scope_kind)
    responses = responses_in(template, methodology, start, end, extra=extra).exclude(**{f"{field}__isnull": True})
    if field == "service":
        responses = responses.exclude(service="")
    if keys is not None:
        responses = responses.filter(**{f"{field}__in": list(keys)})
    return field, responses


def _satisfaction_answers(responses: QuerySet[Response]) -> QuerySet[Response]:
    """The responses joined once to their satisfaction answers.

    Joining from the responses (rather than ``Answer.objects.filter(response__in=responses)``) reads
    each response once: the ``IN`` form joined the table to itself, visiting every response twice.
    """
    return responses.filter(answers__aspect=Aspect.SATISFACTION)


def _results(
    respondents: dict[Any, int],
    per_scope: dict[Any, dict[int, dict[int, int]]],
    criteria: dict[int, tuple[str, str | None]],
    method: indices.Method,
) -> dict[Any, indices.IndexResult]:
    results = {}
    for key, n_respondents in respondents.items():
        rows = [
            indices.CriterionCounts(criteria[cid][0], criteria[cid][1], counts)
            for cid, counts in per_scope.get(key, {}).items()
            if cid in criteria
        ]
        results[key] = indices.compute(rows, n_respondents, method)
    return results


def indices_compute(
    template: SurveyTemplate,
    start: dt.date,
    end: dt.date,
    *,
    scope_kind: str = ScopeKind.ORGANIZATION,
    keys: Iterable[Any] | None = None,
    methodology: Methodology | None = None,
    extra: Q | None = None,
) -> dict[Any, indices.IndexResult]:
    """The index of every scope (body, place or service) with answers between ``start`` and ``end``.

    ``extra`` may only name the response's own fields (``organization_id__in``, ``official_id`` …).
    """
    methodology = methodology or template.methodology
    field, responses = _scope_responses(
        template, methodology, start, end, scope_kind=scope_kind, keys=keys, extra=extra
    )
    return _grouped(template, methodology, responses, field)


def _grouped(
    template: SurveyTemplate, methodology: Methodology, responses: QuerySet[Response], field: str
) -> dict[Any, indices.IndexResult]:
    """The index of each value of ``field`` among ``responses``: two grouped queries, whatever their number."""
    respondents = dict(responses.values_list(field).annotate(n=Count("id")).order_by())
    if not respondents:
        return {}
    counts_rows = (
        _satisfaction_answers(responses)
        .values_list(field, "answers__criterion_id", "answers__value")
        .annotate(n=Count("answers__id"))
        .order_by()
    )
    per_scope: dict[Any, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for key, criterion_id, value, n in counts_rows:
        per_scope[key][criterion_id][value] = n
    return _results(respondents, per_scope, _criteria_map(template), methodology.method())


class _MonthStart(TruncMonth):
    """The first day of the month; on SQLite with its own date function, not the Python one Django adds."""

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, 'start of month')", tuple(params)


Period = tuple[str, dt.date]  # (period kind, first day of the period)


def indices_compute_periods(
    template: SurveyTemplate,
    periods: Iterable[Period],
    *,
    scope_kind: str = ScopeKind.ORGANIZATION,
    keys: Iterable[Any] | None = None,
    methodology: Methodology | None = None,
) -> dict[Period, dict[Any, indices.IndexResult]]:
    """``indices_compute`` for several periods at once: ``{(kind, start): {scope key: result}}``.

    The database counts answers and respondents per scope and *month* over the whole span, in two
    grouped queries; each period then sums its months. A year with its quarters and months costs
    one pass over the answers instead of seventeen. Counts add up across months because every
    response has one day, so each period's result is exactly what ``indices_compute`` gives for it.
    """
    methodology = methodology or template.methodology
    spans: dict[Period, tuple[dt.date, dt.date]] = {}
    for kind, day in periods:
        start = indices.period_start(kind, day)
        spans[(kind, start)] = (start, indices.period_end(kind, start))
    if not spans:
        return {}
    key_list = None if keys is None else list(keys)
    first, last = min(s for s, _ in spans.values()), max(e for _, e in spans.values())
    field, responses = _scope_responses(
        template, methodology, first, last, scope_kind=scope_kind, keys=key_list, extra=None
    )
    respondents: dict[Period, dict[Any, int]] = {p: {} for p in spans}
    per_scope: dict[Period, dict[Any, dict[int, dict[int, int]]]] = {p: {} for p in spans}
    # Month -> the tallies of the periods it lies in; each row is added to each of them.
    month_respondents: dict[dt.date, list[dict[Any, int]]] = {}
    month_counts: dict[dt.date, list[dict[Any, dict[int, dict[int, int]]]]] = {}
    for month in indices.periods_between("month", first, last):
        holding = [p for p, (s, e) in spans.items() if s <= month <= e]
        month_respondents[month] = [respondents[p] for p in holding]
        month_counts[month] = [per_scope[p] for p in holding]
    for key, month, n in (
        responses.annotate(month=_MonthStart("answered_on")).values_list(field, "month").annotate(n=Count("id"))
        .order_by()
    ):  # fmt: skip
        for tally in month_respondents[month]:
            tally[key] = tally.get(key, 0) + n
    if any(respondents.values()):
        # A million answers give a few million rows here: plain dict lookups, no per-row allocation.
        for key, month, criterion_id, value, n in (
            _satisfaction_answers(responses)
            .annotate(month=_MonthStart("answered_on"))
            .values_list(field, "month", "answers__criterion_id", "answers__value")
            .annotate(n=Count("answers__id"))
            .order_by()
        ):
            for tallies in month_counts[month]:
                by_key = tallies.get(key)
                if by_key is None:
                    by_key = tallies[key] = {}
                values = by_key.get(criterion_id)
                if values is None:
                    values = by_key[criterion_id] = {}
                values[value] = values.get(value, 0) + n
    criteria = _criteria_map(template)
    method = methodology.method()
    return {p: _results(respondents[p], per_scope[p], criteria, method) for p in spans}


# Snapshots, rankings, trends ----------------------------------------------------------------------


@dataclass(frozen=True)
class RankingRow:
    snapshot: IndexSnapshot
    ranked: indices.Ranked | None  # None: too few answers, shown unranked without an index


class RankingRows(Sequence[RankingRow]):
    """A ranking: the order is computed from the few numbers it needs, and the stored snapshots (with
    names and factor scores) are loaded only for the rows read — a page reads 20 of 3,600 bodies, in
    one query. Iterating loads every row, also in one query (exports)."""

    def __init__(self, order: list[tuple[int, indices.Ranked | None]]) -> None:
        self._order = order

    def __len__(self) -> int:
        return len(self._order)

    def _load(self, chosen: list[tuple[int, indices.Ranked | None]]) -> list[RankingRow]:
        related = ("organization", "organization__unit", "unit")
        by_pk = IndexSnapshot.objects.select_related(*related).in_bulk([pk for pk, _ in chosen])
        return [RankingRow(by_pk[pk], ranked) for pk, ranked in chosen]

    @overload
    def __getitem__(self, item: int) -> RankingRow: ...
    @overload
    def __getitem__(self, item: slice) -> list[RankingRow]: ...
    def __getitem__(self, item: int | slice) -> RankingRow | list[RankingRow]:
        if isinstance(item, slice):
            return self._load(self._order[item])
        return self._load([self._order[item]])[0]

    def __iter__(self) -> Iterator[RankingRow]:
        return iter(self._load(self._order))


def ranking(
    template: SurveyTemplate,
    period_kind: str,
    period_start: dt.date,
    *,
    province_id: int | None = None,
    scope_kind: str = ScopeKind.ORGANIZATION,
) -> RankingRows:
    """Stored indices of one period, ranked with their uncertainty; too-small samples listed last."""
    snapshots = IndexSnapshot.objects.filter(
        template=template,
        methodology=template.methodology,
        scope_kind=scope_kind,
        period_kind=period_kind,
        period_start=period_start,
    )
    if province_id is not None:
        if scope_kind == ScopeKind.ORGANIZATION:
            snapshots = snapshots.filter(
                Q(organization__unit__province_id=province_id) | Q(organization__unit_id=province_id)
            )
        elif scope_kind == ScopeKind.UNIT:
            snapshots = snapshots.filter(Q(unit__province_id=province_id) | Q(unit_id=province_id))
    # (pk, index, lower, upper, too_few, respondents, scope_key): no model instances, no JSON decoded.
    rows = list(snapshots.values_list("pk", "index", "lower", "upper", "too_few", "respondents", "scope_key"))
    rankable = [r for r in rows if not r[4] and r[1] is not None]
    scored = [(str(r[0]), r[1] or 0.0, r[2] or 0.0, r[3] or 100.0) for r in rankable]  # index: never None here
    ranked = {r.key: r for r in indices.rank(scored)}
    ordered = sorted(rankable, key=lambda r: (ranked[str(r[0])].rank, -(r[1] or 0), r[6]))
    # A set of keys, not ``r not in rankable``: that scans the list for every row (quadratic).
    unranked = sorted((r for r in rows if str(r[0]) not in ranked), key=lambda r: -r[5])
    return RankingRows([(r[0], ranked[str(r[0])]) for r in ordered] + [(r[0], None) for r in unranked])


def trend(
    template: SurveyTemplate,
    *,
    scope_kind: str,
    scope_key: str,
    period_kind: str = PeriodKind.MONTH,
    last: int = 12,
    until: dt.date | None = None,
) -> list[IndexSnapshot]:
    """The stored indices of the ``last`` periods up to the one holding ``until`` (today), oldest first.

    Periods without answers have no row; a chart leaves them as gaps.
    """
    newest = indices.period_start(period_kind, until or clock.today())
    oldest = newest
    for _ in range(last - 1):
        oldest = indices.period_start(period_kind, oldest - dt.timedelta(days=1))
    rows = IndexSnapshot.objects.filter(
        template=template,
        methodology=template.methodology,
        scope_kind=scope_kind,
        scope_key=scope_key,
        period_kind=period_kind,
        period_start__gte=oldest,
        period_start__lte=newest,
    ).order_by("period_start")
    return list(rows)


def snapshot_for(
    template: SurveyTemplate, *, scope_kind: str, scope_key: str, period_kind: str, period_start: dt.date
) -> IndexSnapshot | None:
    return IndexSnapshot.objects.filter(
        template=template,
        methodology=template.methodology,
        scope_kind=scope_kind,
        scope_key=scope_key,
        period_kind=period_kind,
        period_start=period_start,
    ).first()


# Staff drill-down ---------------------------------------------------------------------------------


def low_score_comments(
    template: SurveyTemplate,
    start: dt.date,
    end: dt.date,
    *,
    organization_ids: Iterable[int],
    factor_code: str = "",
    at_most: int = 2,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Comments of respondents who gave a low score (≤ ``at_most``), without anything that names them.

    Only the text and the month it was given; never the day, the case, the channel or the official.
    """
    low = Answer.objects.filter(aspect=Aspect.SATISFACTION, value__gte=1, value__lte=at_most)
    if factor_code:
        low = low.filter(criterion__factor__code=factor_code)
    rows = (
        responses_in(template, template.methodology, start, end)  # flagged answers are left out like their scores
        .filter(organization_id__in=list(organization_ids), pk__in=low.values("response_id"))
        .exclude(comment="")
        .order_by("-answered_on", "-pk")
        .values_list("answered_on", "comment")[:limit]
    )
    return [{"month": indices.period_label("month", day.replace(day=1)), "comment": text} for day, text in rows]


def by_official(
    template: SurveyTemplate, start: dt.date, end: dt.date, *, organization_ids: Iterable[int]
) -> list[tuple[Any, indices.IndexResult]]:
    """Per-official indices (Luật DCCS 2022, Art. 34(1)), for the head; small samples show no index."""
    from danvan.org.models import User

    in_bodies = Q(organization_id__in=list(organization_ids), official__isnull=False)
    methodology = template.methodology
    results = _grouped(template, methodology, responses_in(template, methodology, start, end, extra=in_bodies),
                       "official_id")  # fmt: skip
    users = {u.pk: u for u in User.objects.filter(pk__in=results)}
    return sorted(((users[pk], result) for pk, result in results.items()), key=lambda pair: str(pair[0]))


def _merge_counts(template: SurveyTemplate, start: dt.date, end: dt.date, extra: Q) -> list[indices.CriterionCounts]:
    responses = responses_in(template, template.methodology, start, end, extra=extra)
    criteria = _criteria_map(template)
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for criterion_id, value, n in (
        _satisfaction_answers(responses)
        .values_list("answers__criterion_id", "answers__value")
        .annotate(n=Count("answers__id"))
        .order_by()
    ):
        counts[criterion_id][value] = n
    return [indices.CriterionCounts(criteria[c][0], criteria[c][1], v) for c, v in counts.items() if c in criteria]


def combined_index(
    template: SurveyTemplate, start: dt.date, end: dt.date, *, organization_ids: Iterable[int]
) -> indices.IndexResult:
    """One index over several bodies together (a head's subtree)."""
    extra = Q(organization_id__in=list(organization_ids))
    respondents = responses_in(template, template.methodology, start, end, extra=extra).count()
    return indices.compute(_merge_counts(template, start, end, extra), respondents, template.methodology.method())


def expectation_shares(
    template: SurveyTemplate, start: dt.date, end: dt.date, *, organization_ids: Iterable[int]
) -> list[tuple[Criterion, int, float]]:
    """SIPAS expectation, descriptive: the share of respondents who chose each item as a priority."""
    extra = Q(organization_id__in=list(organization_ids))
    responses = responses_in(template, template.methodology, start, end, extra=extra)
    total = responses.count()
    if not total:
        return []
    chosen = dict(
        Answer.objects.filter(aspect=Aspect.EXPECTATION, value=1, response__in=responses)
        .values_list("criterion_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    criteria = Criterion.objects.filter(pk__in=chosen).order_by("sort_order", "code")
    return sorted(((c, chosen[c.pk], 100 * chosen[c.pk] / total) for c in criteria), key=lambda t: -t[1])
