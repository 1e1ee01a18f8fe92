"""The daily early-warning run: count cases per current commune × topic × day, score every series against
its own history (``nlp.counts``: surges and recurring matters), look at reception's crowds, and raise what
stands out through ``alerts.alert_raise`` with the cases behind it (docs/insight.md, "Early warnings").

Idempotent: ``alert_raise`` keeps one open alert per key, so a second run on a day adds nothing; and a
signal whose alert was closed is not raised again from the same days (only a new surge after the window,
or a new crowd, opens a new alert)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from danvan.cases.models import TopicCategory
from danvan.core import clock
from danvan.insight.models import Alert, AlertKind, AlertStatus
from danvan.insight.selectors import warnings as selectors
from danvan.insight.services.alerts import alert_raise
from danvan.nlp import counts
from danvan.org.models import AdministrativeUnit

log = logging.getLogger(__name__)

CROWD_DAYS = 7  # crowds received in the last week are looked at
CROWD_MATTER_DAYS = 90  # "comes again": crowds on the same matter within three months


@dataclass
class Run:
    today: dt.date
    series: int = 0  # commune × topic series scored
    surges: int = 0  # found beyond chance
    recurring: int = 0
    crowds: int = 0
    raised: int = 0  # new alerts
    updated: int = 0  # open alerts the run added to
    skipped: int = 0  # found, but its alert was closed on these same days
    seconds: dict[str, float] = field(default_factory=dict)

    def figures(self) -> dict[str, Any]:
        return {"series": self.series, "surges": self.surges, "recurring": self.recurring, "crowds": self.crowds,
                "raised": self.raised, "updated": self.updated, "skipped": self.skipped}  # fmt: skip


def _matrices(
    rows: list[tuple[int, int | None, dt.date, int]], *, today: dt.date, settings: counts.Settings
) -> tuple[list[selectors.Series], np.ndarray, np.ndarray]:
    """Daily counts (``settings.days`` columns, the last today) and weekly counts (7-day blocks ending
    today) per series."""
    weeks = settings.recurring_history_weeks + settings.recurring_weeks
    if not rows:
        return [], np.zeros((0, settings.days)), np.zeros((0, weeks))
    units = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    topics = np.fromiter((r[1] or 0 for r in rows), dtype=np.int64, count=len(rows))
    epoch = today.toordinal()
    back = np.fromiter((epoch - r[2].toordinal() for r in rows), dtype=np.int64, count=len(rows))
    n = np.fromiter((r[3] for r in rows), dtype=float, count=len(rows))
    keys, row = np.unique(np.column_stack([units, topics]), axis=0, return_inverse=True)
    row = row.ravel()
    daily = np.zeros((len(keys), settings.days))
    weekly = np.zeros((len(keys), weeks))
    recent = back < settings.days
    np.add.at(daily, (row[recent], settings.days - 1 - back[recent]), n[recent])
    inside = back < weeks * 7
    np.add.at(weekly, (row[inside], weeks - 1 - back[inside] // 7), n[inside])
    series = [(int(unit), int(topic) or None) for unit, topic in keys]
    return series, daily, weekly


def _closed_since(key: str, since: dt.date) -> bool:
    """Was an alert with ``key`` closed after being seen on or after ``since``? (Then the same days do not
    raise it again.)"""
    return Alert.objects.filter(key=key, status=AlertStatus.CLOSED, last_seen_at__date__gte=since).exists()


def _open_exists(key: str) -> bool:
    return Alert.objects.filter(key=key).exclude(status=AlertStatus.CLOSED).exists()


def _names(series: list[selectors.Series]) -> tuple[dict[int, AdministrativeUnit], dict[int, str]]:
    units = AdministrativeUnit.objects.in_bulk({unit for unit, _t in series})
    topics = dict(TopicCategory.objects.filter(pk__in={t for _u, t in series if t}).values_list("pk", "name"))
    return units, topics


def _raise_series(run: Run, *, kind: str, series: selectors.Series, start: dt.date, figures: dict[str, Any],
                  units: dict[int, AdministrativeUnit], topics: dict[int, str]) -> None:  # fmt: skip
    unit_id, topic_id = series
    key = f"{kind}:{unit_id}:{topic_id or 0}"
    if not _open_exists(key) and _closed_since(key, start):
        run.skipped += 1
        return
    cases = selectors.series_cases(series, start=start, end=run.today)
    body = selectors.responsible_body(unit_id, [org for _pk, org in cases])
    if body is None:  # no body on the platform for that commune and none handles its cases
        run.skipped += 1
        return
    unit = units.get(unit_id)
    place = unit.name if unit else str(unit_id)
    topic = topics.get(topic_id or 0, "") or _("no topic")
    facts = {"topic": topic, "place": place, **figures}
    parts = {"topic": topics.get(topic_id or 0, ""), "place": place}  # the title: made in the reader's language
    if kind == AlertKind.SURGE:
        summary = _("%(observed)s cases in the last %(window_days)s days where about %(expected)s were expected "
                    "from the %(history_days)s days before (chance of so many: %(probability)s).") % facts  # fmt: skip
    else:
        summary = _("Cases in %(observed)s of the last %(weeks)s weeks, where its earlier rate made about "
                    "%(expected)s weeks likely (chance: %(probability)s).") % facts  # fmt: skip
    _alert, created = alert_raise(kind=kind, key=key, organization=body, title_parts=parts, summary=summary, unit=unit,
                                  topic=topic, figures=figures, case_ids=[pk for pk, _org in cases])  # fmt: skip
    if created:
        run.raised += 1
    else:
        run.updated += 1


def _probability(value: float) -> str:
    return f"{value:.1e}" if value < 0.001 else f"{value:.3f}"


def warnings_detect(*, today: dt.date | None = None, settings: counts.Settings | None = None) -> Run:
    """One run of the early warnings for ``today`` (default: the clock's today)."""
    import time

    settings = settings or counts.Settings()

    run = Run(today=today or clock.today())
    weeks = settings.recurring_history_weeks + settings.recurring_weeks
    span = max(settings.days, weeks * 7)
    begun = time.perf_counter()
    rows = selectors.case_counts(start=run.today - dt.timedelta(days=span - 1), end=run.today)
    first = selectors.first_case_on()
    run.seconds["count"] = time.perf_counter() - begun
    begun = time.perf_counter()
    series, daily, weekly = _matrices(rows, today=run.today, settings=settings)
    run.series = len(series)
    # Cases with no topic are scored (they count among the series tested) but never alerted: how many stay
    # unclassified follows how intake classifies, not what people write; hotspots and the digest show them.
    topical = np.array([topic is not None for _unit, topic in series], dtype=bool)
    surge_rows: list[tuple[int, dict[str, Any]]] = []
    recurring_rows: list[tuple[int, dict[str, Any]]] = []
    if series and first is not None:
        window_start = run.today - dt.timedelta(days=settings.window_days - 1)
        history_available = (window_start - first).days
        if history_available >= settings.min_history_days:
            scores = counts.surges(daily, last_weekday=run.today.weekday(), settings=settings,
                                   history_available=history_available)  # fmt: skip
            for row in np.nonzero(scores.alert & topical)[0]:
                surge_rows.append((int(row), {
                    "observed": int(scores.observed[row]), "expected": round(float(scores.expected[row]), 1),
                    "probability": _probability(float(scores.probability[row])),
                    "dispersion": round(float(scores.dispersion[row]), 2), "window_days": settings.window_days,
                    "history_days": min(history_available, settings.history_days),
                    "from": window_start.isoformat(), "to": run.today.isoformat(),
                }))  # fmt: skip
        recent_start = run.today - dt.timedelta(days=settings.recurring_weeks * 7 - 1)
        older_available = (recent_start - first).days // 7
        if older_available >= 4:  # a month of earlier weeks at least, else every busy place looks "recurring"
            scores = counts.recurring(weekly, settings, older_available=older_available)
            for row in np.nonzero(scores.alert & topical)[0]:
                recurring_rows.append((int(row), {
                    "observed": int(scores.observed[row]), "weeks": settings.recurring_weeks,
                    "expected": round(float(scores.expected[row]), 1),
                    "probability": _probability(float(scores.probability[row])),
                    "from": recent_start.isoformat(), "to": run.today.isoformat(),
                }))  # fmt: skip
    run.seconds["model"] = time.perf_counter() - begun
    run.surges, run.recurring = len(surge_rows), len(recurring_rows)
    begun = time.perf_counter()
    units, topics = _names([series[index] for index, _f in surge_rows + recurring_rows])
    for index, figures in surge_rows:
        _raise_series(run, kind=AlertKind.SURGE, series=series[index], start=dt.date.fromisoformat(figures["from"]),
                      figures=figures, units=units, topics=topics)  # fmt: skip
    for index, figures in recurring_rows:
        _raise_series(run, kind=AlertKind.RECURRING, series=series[index],
                      start=dt.date.fromisoformat(figures["from"]), figures=figures, units=units, topics=topics)  # fmt: skip
    _crowds(run)
    run.seconds["raise"] = time.perf_counter() - begun
    log.info("early warnings %s: %s (%s)", run.today, run.figures(), run.seconds)
    return run


def _crowds(run: Run) -> None:
    """A crowd at reception is an alert at once (Luật Tiếp công dân 2013, Điều 29-30: the head receives
    it); crowds on one matter gather in one open alert, so a matter coming back shows how often."""
    end = dt.datetime.combine(run.today + dt.timedelta(days=1), dt.time(), tzinfo=clock.VIETNAM)
    start = end - dt.timedelta(days=CROWD_DAYS)
    for crowd in selectors.crowds_between(start=start, end=end):
        run.crowds += 1
        org = crowd.organization
        key = f"crowd:{org.pk}:{crowd.matter_key}" if crowd.matter_key else f"crowd:visit:{crowd.visit_id}"
        alerts = list(Alert.objects.filter(key=key).only("figures", "status"))
        # this crowd already raised (its alert open, or closed since it came): nothing new
        if any(crowd.visit_id in a.figures.get("visits", []) for a in alerts):
            continue
        still_open = next((a for a in alerts if a.status != AlertStatus.CLOSED), None)
        visits = [*(still_open.figures.get("visits", []) if still_open else []), crowd.visit_id]
        times = selectors.crowds_on_matter(organization_id=org.pk, matter_key=crowd.matter_key,
                                           since=crowd.received_at - dt.timedelta(days=CROWD_MATTER_DAYS))  # fmt: skip
        figures = {"people": crowd.people, "received_at": clock.local(crowd.received_at).strftime("%d/%m/%Y %H:%M"),
                   "crowds_on_matter": times, "visits": visits}  # fmt: skip
        facts = {"people": crowd.people, "body": org.name, "times": times}
        summary = (_("The same matter has come %(times)s times in three months.") % facts) if times > 1 else ""
        _alert, created = alert_raise(kind=AlertKind.CROWD, key=key, organization=org, summary=summary,
                                      title_parts={"people": crowd.people, "body": org.name},
                                      unit=org.unit, topic=crowd.topic, figures=figures, case_ids=crowd.case_ids)  # fmt: skip
        if created:
            run.raised += 1
        else:
            run.updated += 1
