"""Reading satisfaction data: live index computation, stored snapshots, rankings, trends, comments.

Live computation (``indices_compute``) runs two grouped queries over the answers of one template
and period — counts per (scope, criterion, value) and respondents per scope — and hands the counts
to the pure formulas in ``indices``; ``indices_compute_periods`` does the same for many periods at
once from counts per month. Public pages read ``IndexSnapshot`` rows instead, which
``services.snapshots`` keeps current. Nothing here returns a single respondent's answers except
``low_score_comments``, which returns redacted comment texts alone, in a shuffled order, for staff with
the right to read them, once enough people answered and the period is over (``LowScoreComments``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.crypto import salted_hmac

from danvan.core import clock, periods
from danvan.core.errors import NotFound
from danvan.org import permissions as org_permissions
from danvan.org.models import Organization
from danvan.surveys import indices, redaction
from danvan.surveys import permissions as sp
from danvan.surveys.choices import Aspect, CampaignStatus, PeriodKind, ScopeKind, TemplateKind
from danvan.surveys.models import (
    Answer,
    Campaign,
    Criterion,
    Factor,
    IndexSnapshot,
    Invitation,
    Methodology,
    Response,
    SurveyTemplate,
)

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


# What may be published: the minimum-sample rule -----------------------------------------------------


@dataclass(frozen=True)
class Published:
    """A score as a page, a file or the API may show it.

    With fewer respondents than the methodology's ``min_sample`` (``too_few``) only the count leaves the
    server: no index, no interval, no rank, no factor (legal-spec §8.4: few answers mean little and could
    point to who gave them), although the stored snapshot or the computed result holds them. Every
    reader of scores goes through ``published_score`` or ``published_snapshot``; nothing else decides.
    """

    index: float | None
    lower: float | None
    upper: float | None
    n: int  # the respondents behind an index; the valid answers behind a factor or criterion score
    too_few: bool = False

    @property
    def shown(self) -> bool:
        return self.index is not None


def _shows(too_few: bool, index: float | None) -> bool:
    return not too_few and index is not None


def published_score(score: indices.Score | None, *, too_few: bool) -> Published:
    """A live score (``indices.Score``) of a result whose sample is ``too_few`` or not."""
    if score is None:
        return Published(None, None, None, 0, too_few)
    if not _shows(too_few, score.index):
        return Published(None, None, None, score.n, too_few)
    return Published(score.index, score.lower, score.upper, score.n)


def published_snapshot(snapshot: IndexSnapshot | None) -> Published:
    """A stored index, overall: its respondents always, its numbers only from the minimum sample."""
    if snapshot is None:
        return Published(None, None, None, 0)
    if not _shows(snapshot.too_few, snapshot.index):
        return Published(None, None, None, snapshot.respondents, snapshot.too_few)
    return Published(snapshot.index, snapshot.lower, snapshot.upper, snapshot.respondents)


def published_factors(snapshot: IndexSnapshot | None) -> dict[str, Published] | None:
    """A stored index's factor scores by code; None when there is none or its sample is too small."""
    if snapshot is None or snapshot.too_few:
        return None
    return {
        code: Published(score.get("index"), score.get("lower"), score.get("upper"), int(score.get("n") or 0))
        for code, score in (snapshot.factors or {}).items()
    }


# Snapshots, rankings, trends ----------------------------------------------------------------------


@dataclass(frozen=True)
class RankingRow:
    """One body or place of a ranking. Read its numbers from ``score`` and ``factors`` (the minimum-sample
    rule applied), its name and place from ``snapshot``."""

    snapshot: IndexSnapshot
    ranked: indices.Ranked | None  # None: too few answers, shown unranked without an index

    @property
    def score(self) -> Published:
        return published_snapshot(self.snapshot)

    @property
    def factors(self) -> dict[str, Published] | None:
        return published_factors(self.snapshot)


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
    rankable = [r for r in rows if _shows(r[4], r[1])]  # only a published index has a rank
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


@dataclass(frozen=True)
class LowScoreComments:
    """What a head may read of the comments behind low scores in one scope and period.

    ``state``: ``"shown"`` (``comments`` holds them), ``"too_few"`` (fewer than ``needed``
    respondents: a handful of answers could point to who wrote them) or ``"not_yet"`` (the period
    is not over by ``template.comment_delay_days``: a comment read soon after a case was answered
    could be matched to it). The comments carry nothing else: no date, case, channel, official or
    body; their order is shuffled; what could name a person is taken out (``surveys.redaction``).
    """

    state: str
    comments: list[str]
    respondents: int
    needed: int
    release_on: dt.date


def comments_release_on(template: SurveyTemplate, end: dt.date) -> dt.date:
    """The first day the comments of a period ending on ``end`` may be read."""
    return end + dt.timedelta(days=template.comment_delay_days)


def low_score_comments(
    template: SurveyTemplate,
    start: dt.date,
    end: dt.date,
    *,
    organization_ids: Iterable[int],
    factor_code: str = "",
    at_most: int = 2,
    limit: int = 50,
    today: dt.date | None = None,
) -> LowScoreComments:
    """Comments of respondents who gave a low score (≤ ``at_most``), only when they cannot identify them.

    The one rule, as the rating form tells the citizen: at least ``template.comment_min_respondents``
    people answered about the same body in the same calendar month (flagged answers are left out like
    their scores; a comment from a smaller body or month is never shown, whatever the scope), the period ended ``template.comment_delay_days`` days ago or more, and each comment is
    the redacted text alone, in an order that says nothing of when it was written.
    """
    ids = list(organization_ids)
    in_scope = responses_in(template, template.methodology, start, end).filter(organization_id__in=ids)
    respondents = in_scope.count()
    release_on = comments_release_on(template, end)
    needed = template.comment_min_respondents

    def answer(state: str, comments: list[str] | None = None) -> LowScoreComments:
        return LowScoreComments(state, comments or [], respondents, needed, release_on)

    if respondents < needed:
        return answer("too_few")
    if (today or clock.today()) < release_on:
        return answer("not_yet")
    low = Answer.objects.filter(aspect=Aspect.SATISFACTION, value__gte=1, value__lte=at_most)
    if factor_code:
        low = low.filter(criterion__factor__code=factor_code)
    # Each comment only from a cell — one body, one calendar month — that on its own has enough answers:
    # a scope or period is a union of cells, so comparing two scopes (a tree and its parts) or two
    # periods (a year and its months) can never isolate the comments of a small body or month.
    month = TruncMonth("answered_on")
    cells = {
        (org, when.year, when.month)
        for org, when, n in in_scope.annotate(month=month).values("organization_id", "month")
        .annotate(n=Count("pk")).values_list("organization_id", "month", "n")
        if n >= needed
    }  # fmt: skip
    if not cells:
        return answer("too_few")
    rows = [
        (pk, text)
        for pk, text, org, answered in in_scope.filter(pk__in=low.values("response_id"))
        .exclude(comment="")
        .values_list("pk", "comment", "organization_id", "answered_on")
        if (org, answered.year, answered.month) in cells
    ]  # fmt: skip
    # A keyed digest orders them: stable from one reload to the next, unrelated to time or id.
    ordered = sorted(
        rows, key=lambda row: salted_hmac("danvan.surveys.comment-order", str(row[0]), algorithm="sha256").hexdigest()
    )
    return answer("shown", [redaction.redact(text) for _pk, text in ordered[:limit]])


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


# What the pages read ------------------------------------------------------------------------------
# The views of danvan.surveys call these and nothing of the ORM (issue 13): one place to look for what a
# page reads, and for the gates (draft campaigns, inactive bodies, the user's scope) on those reads.

DEFAULT_TEMPLATE = "case-rating"


def template_by_code(code: str) -> SurveyTemplate | None:
    """A questionnaire by its code, with its methodology (public reference data)."""
    return SurveyTemplate.objects.select_related("methodology").filter(code=code).first()


def campaign_by_code(code: str) -> Campaign | None:
    """A campaign by its code, for a partner's answers (the API checks the key's scope and the campaign's
    state through the response service)."""
    return Campaign.objects.select_related("template").filter(code=code).first()


def template_default() -> SurveyTemplate | None:
    """The template a page shows before one is chosen: the case rating, else the first active one."""
    active = SurveyTemplate.objects.filter(is_active=True).select_related("methodology")
    return active.filter(code=DEFAULT_TEMPLATE).first() or active.order_by("code").first()


def template_factors(template: SurveyTemplate) -> list[Factor]:
    return list(Factor.objects.filter(template=template).order_by("sort_order", "code"))


def template_factor(template: SurveyTemplate, code: str) -> Factor | None:
    return Factor.objects.filter(template=template, code=code).first() if code else None


def body_public(pk: int) -> Organization | None:
    """A body whose public satisfaction page exists: an active one."""
    return Organization.objects.select_related("unit").filter(pk=pk, is_active=True).first()


def case_rating_offered(case_id: int) -> bool:
    """Whether the case's rating link has been sent (the case was answered): its private page shows it then."""
    return Invitation.objects.filter(subject=f"case:{case_id}").exists()


def campaign_public(code: str) -> Campaign | None:
    """A campaign whose questionnaire a visitor may open: any but a draft."""
    return Campaign.objects.select_related("template").filter(code=code).exclude(status=CampaignStatus.DRAFT).first()


def campaign_bodies(campaign: Campaign) -> list[Organization]:
    """The active bodies a campaign asks about, by name."""
    return list(campaign.organizations.filter(is_active=True).order_by("name"))


def campaign_covers(campaign: Campaign, organization_id: int) -> bool:
    return campaign.organizations.filter(pk=organization_id).exists()


def results_scope(user: Any) -> QuerySet[Organization]:
    """The bodies whose results ``user`` may read, in tree order."""
    return Organization.objects.filter(org_permissions.scope_filter(user, sp.VIEW_RESULTS)).order_by("path")


def subtree_ids(bodies: QuerySet[Organization], top: Organization) -> list[int]:
    """The ids of ``top`` and the bodies under it, among ``bodies``."""
    return list(bodies.filter(path__startswith=top.path).values_list("pk", flat=True))


def comment_readable_ids(user: Any, organization_ids: Iterable[int]) -> list[int]:
    """Of ``organization_ids``, the bodies whose comments ``user`` may read (a role may not cover the subtree)."""
    readable = Organization.objects.filter(org_permissions.scope_filter(user, sp.VIEW_COMMENTS),
                                           pk__in=list(organization_ids))  # fmt: skip
    return list(readable.values_list("pk", flat=True))


def campaign_list_for(user: Any, actions: Iterable[str]) -> QuerySet[Campaign]:
    """Campaigns organised by a body where ``user`` may do one of ``actions``, newest first, with their counts."""
    scope = Q(pk__in=[])
    for action in actions:
        scope |= org_permissions.scope_filter(user, action, "owner")
    return (
        Campaign.objects.filter(scope)
        .select_related("template", "owner")
        .prefetch_related(Prefetch("organizations", queryset=Organization.objects.order_by("path")))
        .annotate(n_responses=Count("responses"), n_flagged=Count("responses", filter=~Q(responses__flag="")))
        .order_by("-starts_on", "code")
    )


def campaign_get_for(user: Any, code: str, action: str) -> Campaign:
    """The campaign if ``user`` may do ``action`` on it; NotFound alike when it is missing or forbidden."""
    campaign = Campaign.objects.select_related("template__methodology", "owner").filter(code=code).first()
    if campaign is None or not org_permissions.user_may(user, action, campaign):
        raise NotFound("campaign not found")
    return campaign


def campaign_paper_count(campaign: Campaign) -> int:
    """How many paper forms of the campaign have been keyed in."""
    return Response.objects.filter(campaign=campaign).exclude(paper_form_number="").count()


def campaign_flagged(campaign: Campaign) -> QuerySet[Response]:
    """The campaign's flagged answers, newest first, with only what a reviewer needs to judge them: why,
    when, about which body. Never the device digest or the comment."""
    return (
        Response.objects.filter(campaign=campaign)
        .exclude(flag="")
        .select_related("organization")
        .only("pk", "flag", "answered_on", "source", "campaign_id", "organization__name")
        .order_by("-answered_on", "-pk")
    )


@dataclass
class DashboardNumbers:
    """Every aggregate of the staff dashboard, each score published (``Published``). No comment, no single response."""

    result: indices.IndexResult
    overall: Published
    general: list[tuple[Criterion, Published]]  # questions outside the factors (the overall question)
    factors: list[tuple[Factor, Published]]
    criteria: list[tuple[Criterion, Published]]  # of the factor drilled into
    bodies: list[tuple[Organization, indices.IndexResult, Published]] = field(default_factory=list)
    officials: list[tuple[Any, indices.IndexResult, Published]] = field(default_factory=list)
    expectations: list[tuple[Criterion, int, float | None]] = field(default_factory=list)


def dashboard_numbers(
    template: SurveyTemplate, period: periods.Period, *, organization_ids: list[int], factor: Factor | None = None
) -> DashboardNumbers:
    """The dashboard over ``organization_ids`` together (a body or a subtree), one period; ``factor``: drilled into."""
    t, start, end, ids = template, period.start, period.end, organization_ids
    result = combined_index(t, start, end, organization_ids=ids)
    few = result.too_few
    criteria = list(t.criteria.select_related("factor").order_by("sort_order", "code"))
    nums = DashboardNumbers(
        result=result,
        overall=published_score(result.overall, too_few=few),
        general=[(c, published_score(result.criteria.get(c.code), too_few=few)) for c in criteria if c.factor_id is None],
        factors=[(f, published_score(result.factors.get(f.code), too_few=few)) for f in template_factors(t)],
        criteria=[(c, published_score(result.criteria.get(c.code), too_few=few)) for c in criteria
                  if factor and c.factor_id == factor.pk],
    )  # fmt: skip
    if len(ids) > 1:
        per_body = indices_compute(t, start, end, scope_kind=ScopeKind.ORGANIZATION, keys=ids)
        # Bodies side by side are worth a table only when there are at least two with answers.
        names = Organization.objects.in_bulk(list(per_body)) if len(per_body) > 1 else {}
        nums.bodies = [(names[pk], r, published_score(r.overall, too_few=r.too_few))
                       for pk, r in per_body.items() if pk in names]  # fmt: skip
        nums.bodies.sort(key=lambda row: row[0].path)
    nums.officials = [(user, r, published_score(r.overall, too_few=r.too_few))
                      for user, r in by_official(t, start, end, organization_ids=ids)]  # fmt: skip
    if t.kind == TemplateKind.SIPAS:
        # Descriptive shares, but from the same few people: hidden under the minimum sample like the index.
        nums.expectations = [(c, n, None if few else share)
                             for c, n, share in expectation_shares(t, start, end, organization_ids=ids)]  # fmt: skip
    return nums
