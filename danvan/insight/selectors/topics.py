"""Topic discovery's reads, in the reader's scope: the topics of a run with their size, trend and tone over the
cases of the bodies the reader may read about, typical cases only among those the reader may open (never a
tố cáo: runs leave them out, and the filter is ``cases.selectors.staff_visible`` besides), and the worst-rated
themes of each body in scope."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from danvan.cases.models import TopicCategory
from danvan.cases.selectors import staff_visible
from danvan.insight import permissions as insight_permissions
from danvan.insight.models import DiscoveredTopic, TopicCount, TopicExample, TopicRun
from danvan.insight.selectors.sources import shared_cases, shared_rating_filter
from danvan.insight.selectors.tone import OVERALL_CRITERION
from danvan.org import permissions
from danvan.org.models import AdministrativeUnit, Organization
from danvan.surveys.models import Answer

EXAMPLES_SHOWN = 3
EXAMPLE_CHARS = 160
# A theme of a body is shown among its worst-rated only from this many rated cases (its mean is then more than
# one or two people's mood, and no rating points to its author). The same number as a survey template's
# comment_min_respondents default.
WORST_MIN_RATINGS = 10
WORST_PER_BODY = 3


def topic_runs() -> QuerySet[TopicRun]:
    return TopicRun.objects.defer("artifact").order_by("-ends_on", "-pk")


def topic_run_latest() -> TopicRun | None:
    return topic_runs().first()


def _counts_in_scope(user: Any, run_id: int, place: AdministrativeUnit | None = None) -> Any:
    """The run's counts over the cases of the bodies in the reader's scope (and about ``place``): what the
    topics page reads, and what decides which topics it shows (those with a case here, now or before)."""
    scope = permissions.scope_filter(user, insight_permissions.VIEW_TOPICS, "organization")
    return TopicCount.objects.filter(scope, _place_filter(place, "unit"), topic__run_id=run_id)


def topic_count_latest(*, user: Any) -> int | None:
    """How many topics of the latest run the topics page shows ``user`` (``topics_for``: those with a case in
    their scope, in the period or the one before); None before any run."""
    run_id = topic_runs().values_list("pk", flat=True).first()
    if run_id is None:
        return None
    return _counts_in_scope(user, run_id).filter(cases__gt=0).values("topic_id").distinct().count()


def _place_filter(place: AdministrativeUnit | None, field: str) -> Q:
    if place is None:
        return Q()
    if place.level == "province":
        return Q(**{f"{field}__province_id": place.pk}) | Q(**{f"{field}_id": place.pk})
    return Q(**{f"{field}_id": place.pk})


def places_for(*, user: Any, run: TopicRun) -> list[AdministrativeUnit]:
    """The provinces and communes the reader's scoped counts of ``run`` are about, provinces first."""
    scope = permissions.scope_filter(user, insight_permissions.VIEW_TOPICS, "organization")
    ids = set(TopicCount.objects.filter(scope, topic__run=run).exclude(unit=None).values_list("unit_id", flat=True)
              .distinct()[:2000])  # fmt: skip
    units = list(AdministrativeUnit.objects.filter(pk__in=ids).select_related("province"))
    provinces = {u.province for u in units if u.province is not None}
    return sorted(provinces, key=lambda u: u.name) + sorted(units, key=lambda u: u.name)


@dataclass
class Example:
    case_id: int
    text: str
    tone: str


@dataclass
class TopicRow:
    topic: DiscoveredTopic
    cases: int = 0
    previous: int = 0
    tones: dict[str, int] = field(default_factory=lambda: {"negative": 0, "neutral": 0, "positive": 0})
    weeks: list[tuple[dt.date, int]] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        """The change against the previous period, in per cent (None when it had none)."""
        return (self.cases - self.previous) * 100.0 / self.previous if self.previous else None

    @property
    def toned(self) -> int:
        return sum(self.tones.values())

    def share(self, tone: str) -> float | None:
        return self.tones[tone] * 100.0 / self.toned if self.toned else None

    @property
    def negative_share(self) -> float | None:
        return self.share("negative")

    @property
    def neutral_share(self) -> float | None:
        return self.share("neutral")

    @property
    def positive_share(self) -> float | None:
        return self.share("positive")


def topics_for(*, user: Any, run: TopicRun, place: AdministrativeUnit | None = None) -> list[TopicRow]:
    """The topics of ``run`` counted over the cases of the bodies in the reader's scope (and about ``place``:
    a province or a commune), largest first; a topic with no case in scope is left out."""
    counts = _counts_in_scope(user, run.pk, place)
    rows = {t.pk: TopicRow(t) for t in run.topics.all()}
    weekly: dict[int, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for topic_id, week, previous, n, neg, neu, pos in (
        counts.values("topic_id", "week", "previous")
        .annotate(n=Sum("cases"), neg=Sum("negative"), neu=Sum("neutral"), pos=Sum("positive"))
        .values_list("topic_id", "week", "previous", "n", "neg", "neu", "pos")
    ):  # fmt: skip
        row = rows[topic_id]
        weekly[topic_id][week] += n
        if previous:
            row.previous += n
            continue
        row.cases += n
        row.tones["negative"] += neg
        row.tones["neutral"] += neu
        row.tones["positive"] += pos
    weeks = _weeks(run)
    shown = sorted((r for r in rows.values() if r.cases or r.previous), key=lambda r: (-r.cases, r.topic.number))
    for row in shown:
        row.weeks = [(w, weekly[row.topic.pk].get(w, 0)) for w in weeks]
    _examples(user, shown, place)
    return shown


def _weeks(run: TopicRun) -> list[dt.date]:
    first = run.previous_starts_on - dt.timedelta(days=run.previous_starts_on.weekday())
    out = []
    while first <= run.ends_on:
        out.append(first)
        first += dt.timedelta(days=7)
    return out


def _examples(user: Any, rows: list[TopicRow], place: AdministrativeUnit | None) -> None:
    """Up to ``EXAMPLES_SHOWN`` typical cases per topic, only among the cases the reader may open, never a
    tố cáo; each shown by its title and the start of its content."""
    if not rows:
        return
    may_open = shared_cases().filter(staff_visible(user), _place_filter(place, "place_unit"))
    picked = (
        TopicExample.objects.filter(topic__in=[r.topic for r in rows], case__in=may_open.values("pk"))
        .order_by("topic_id", "-weight", "case_id")
        .values_list("topic_id", "case_id", "tone", "case__title", "case__content")
    )  # fmt: skip
    by_topic = {r.topic.pk: r for r in rows}
    for topic_id, case_id, tone, title, content in picked:
        row = by_topic[topic_id]
        if len(row.examples) >= EXAMPLES_SHOWN:
            continue
        text = " ".join(f"{title}. {content}".split())
        if len(text) > EXAMPLE_CHARS:
            text = text[: EXAMPLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
        row.examples.append(Example(case_id, text, tone))


def topic_get(*, pk: int) -> DiscoveredTopic | None:
    return DiscoveredTopic.objects.select_related("run").filter(pk=pk).first()


@dataclass
class Theme:
    code: str
    name: str
    mean: float
    ratings: int


@dataclass
class BodyThemes:
    organization: Organization
    themes: list[Theme]


def worst_rated_themes(*, user: Any, start: dt.date, end: dt.date, min_ratings: int = WORST_MIN_RATINGS,
                       per_body: int = WORST_PER_BODY) -> list[BodyThemes]:  # fmt: skip
    """For each body in the reader's scope, the themes (the topic of the rated cases) whose ratings were the
    worst in ``start``–``end``: the mean stars of the overall question (1–5) and how many rated, only themes with
    at least ``min_ratings`` ratings; bodies with the worst theme first. Flagged ratings are left out."""
    scope = permissions.scope_filter(user, insight_permissions.VIEW_TOPICS, "response__organization")
    stats = (
        Answer.objects.filter(scope, criterion__code=OVERALL_CRITERION, aspect="satisfaction", value__gte=1,
                              value__lte=5, response__flag="", response__answered_on__gte=start,
                              response__answered_on__lte=end)
        .filter(shared_rating_filter("response__"))  # never a tố cáo's rating (selectors.sources)
        .exclude(response__organization=None).exclude(response__topic="")
        .values("response__organization_id", "response__topic")
        .annotate(mean=Avg("value"), n=Count("pk"))
        .filter(n__gte=min_ratings)
        .values_list("response__organization_id", "response__topic", "mean", "n")
    )  # fmt: skip
    by_body: dict[int, list[tuple[str, float, int]]] = defaultdict(list)
    for org, topic, mean, n in stats:
        by_body[org].append((topic, float(mean), n))
    names = dict(TopicCategory.objects.filter(code__in={t for v in by_body.values() for t, _, _ in v})
                 .values_list("code", "name"))  # fmt: skip
    bodies = Organization.objects.in_bulk(list(by_body))
    out = [
        BodyThemes(bodies[org], [Theme(code, names.get(code, code), round(mean, 2), n)
                                 for code, mean, n in sorted(items, key=lambda x: (x[1], -x[2], x[0]))[:per_body]])
        for org, items in by_body.items()
    ]  # fmt: skip
    return sorted(out, key=lambda b: (b.themes[0].mean, b.organization.name))
