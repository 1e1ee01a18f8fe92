"""The topics and digest part's REST endpoints (mounted by api/__init__.py): "Dân nói gì" (the topics of a
run in the reader's scope), the weekly "tình hình dư luận" digest of a body, and the hotspots. For the readers
of those pages (``insight.view_topics``; ``insight.view_digest`` for the digest and the hotspots: heads, dân
vận and Front officers in scope), through a session or a key with ``staff_read``.

Thin over ``selectors.topics`` and ``selectors.digest``; the query is read by the pages' forms (ids
1 … 2³¹−1, dates in 2000 … 2100): an error is 400 ``invalid_query`` naming the parameter. Counts cover only
cases the reader may read; typical cases only those they may open, never a tố cáo. A run, a place or a body
the reader may not read about is 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from danvan.core import clock, parsing
from danvan.core.errors import NotFound
from danvan.insight import permissions as insight_permissions
from danvan.insight.api.common import parsed, reader
from danvan.insight.forms.topics import TopicFilterForm
from danvan.insight.forms.warnings import DigestForm, HotspotQueryForm
from danvan.insight.selectors import digest as digest_selectors
from danvan.insight.selectors import tone as tone_selectors
from danvan.insight.selectors import topics as selectors
from danvan.rest.auth import principal
from danvan.rest.schemas import ERRORS, MAX_PAGE_SIZE, Page

router = Router(tags=["insight"])

ID_TEXT = 12  # an id's characters in the query (the form reads it: "²" or a 13-digit number is its error)
DATE_TEXT = 10  # 2026-02-02


class InsightWeekCount(Schema):
    week: dt.date = Field(..., description="The week's Monday")
    cases: int


class InsightExample(Schema):
    case_id: int
    text: str = Field(..., description="The title and the start of the content, 160 characters at most")
    tone: str


class InsightTones(Schema):
    negative: int
    neutral: int
    positive: int


class InsightTopic(Schema):
    id: int
    number: int
    label: str
    words: list[str]
    cases: int
    previous: int = Field(..., description="Cases of the previous period (as long, just before)")
    change: float | None = Field(..., description="Per cent against the previous period; null when it had none")
    tones: InsightTones
    weeks: list[InsightWeekCount]
    examples: list[InsightExample]


class InsightTopicRun(Schema):
    id: int
    starts_on: dt.date
    ends_on: dt.date
    previous_starts_on: dt.date
    k: int


class InsightPlace(Schema):
    id: int
    name: str
    level: str


class InsightToneState(Schema):
    state: str = Field(..., description="on, none (never trained) or unreadable")
    version: int | None
    macro_f1: float | None = Field(..., description="On held-back texts, as written")


class InsightTopics(Schema):
    run: InsightTopicRun | None = Field(..., description="null: no run yet")
    place: InsightPlace | None
    tone: InsightToneState
    topics: list[InsightTopic]


class InsightCount(Schema):
    unit_id: int | None
    place: str = Field(..., description="The commune's name; empty: no commune")
    topic_id: int | None
    topic: str = Field(..., description="The topic's name; empty: no topic")
    now: int
    before: int = Field(..., description="The period (week) before, as long")
    change: int


class InsightDigestCount(InsightCount):
    usual: float = Field(..., description="The mean week of the eight before (fewer in a younger deployment)")


class InsightDigestAlert(Schema):
    id: int
    title: str
    kind: str
    status: str


class InsightDigestBody(Schema):
    id: int
    name: str


class InsightDigest(Schema):
    body: InsightDigestBody
    start: dt.date
    end: dt.date
    now: int
    before: int
    usual: float = Field(..., description="The mean week of the usual_weeks weeks before")
    usual_weeks: int = Field(
        ...,
        description="The weeks the usual is the mean of: 8, fewer in a younger deployment "
        "(the weeks its data cover), 0 when there is no earlier week",
    )
    topics: list[InsightDigestCount]
    places: list[InsightDigestCount]
    growing: list[InsightDigestCount] = Field(..., description="Place × topic that grew most over the usual")
    weeks: list[InsightWeekCount]
    alerts: list[InsightDigestAlert]


class InsightHotspots(Page):
    start: dt.date
    end: dt.date
    days: int
    results: list[InsightCount]


def _count(cell: digest_selectors.Cell, *, usual: bool = False) -> dict[str, Any]:
    out = {"unit_id": cell.unit_id, "place": cell.place, "topic_id": cell.topic_id, "topic": cell.topic,
           "now": cell.now, "before": cell.before, "change": cell.change}  # fmt: skip
    return {**out, "usual": round(cell.usual, 2)} if usual else out


def _topic(row: selectors.TopicRow) -> dict[str, Any]:
    t = row.topic
    return {"id": t.pk, "number": t.number, "label": t.label, "words": list(t.words or []), "cases": row.cases,
            "previous": row.previous, "change": None if row.change is None else round(row.change, 1),
            "tones": dict(row.tones), "weeks": [{"week": w, "cases": n} for w, n in row.weeks],
            "examples": [{"case_id": e.case_id, "text": e.text, "tone": e.tone} for e in row.examples]}  # fmt: skip


@router.get("/insight/topics", response={200: InsightTopics, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_insight_topics_list")  # fmt: skip
def topics_list(
    request: HttpRequest,
    run: str = Query("", max_length=ID_TEXT, description="A run's id; empty: the latest"),
    place: str = Query("", max_length=ID_TEXT, description="A province's or commune's id; empty: everywhere"),
) -> dict[str, Any]:
    """The topics of the run over the cases of the bodies in the caller's scope (and about the place), largest
    first, with their trend, tone and up to three typical cases the caller may open."""
    user = reader(principal(request), insight_permissions.VIEW_TOPICS)
    asked = parsed(TopicFilterForm({"run": run, "place": place}, runs=[]), {})
    chosen = selectors.topic_runs().filter(pk=asked["run"]).first() if asked["run"] else selectors.topic_run_latest()
    if asked["run"] and chosen is None:
        raise NotFound("run not found")
    where = None
    if chosen is not None and asked["place"]:
        where = next((u for u in selectors.places_for(user=user, run=chosen) if u.pk == asked["place"]), None)
        if where is None:  # not a place the caller's counts of the run are about
            raise NotFound("place not found")
    rows = selectors.topics_for(user=user, run=chosen, place=where) if chosen is not None else []
    tone = tone_selectors.tone_model()
    return {
        "run": None if chosen is None else {"id": chosen.pk, "starts_on": chosen.starts_on, "ends_on": chosen.ends_on,
                                            "previous_starts_on": chosen.previous_starts_on, "k": chosen.k},
        "place": None if where is None else {"id": where.pk, "name": where.name, "level": where.level},
        "tone": {"state": tone.state, "version": tone.version.number if tone.version is not None else None,
                 "macro_f1": tone.macro_f1},
        "topics": [_topic(r) for r in rows],
    }  # fmt: skip


@router.get("/insight/digest", response={200: InsightDigest, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_insight_digest_read")  # fmt: skip
def digest_read(
    request: HttpRequest,
    body: str = Query("", max_length=ID_TEXT, description="A body's id; empty: the caller's top body"),
    week: str = Query("", max_length=DATE_TEXT, description="A day of the week (2026-02-02); empty: last week"),
) -> dict[str, Any]:
    """The week's digest of the body and the bodies under it: counts by topic and by commune against the week
    before and the usual week, what grew most, the weekly totals and the week's alerts."""
    user = reader(principal(request), insight_permissions.VIEW_DIGEST)
    asked = parsed(DigestForm({"co_quan": body, "tuan": week}, bodies=[]), {"co_quan": "body", "tuan": "week"})
    top = digest_selectors.digest_body_for(user=user, pk=asked["co_quan"])
    d = digest_selectors.digest_for(user=user, body=top,
                                    week=asked["tuan"] or digest_selectors.digest_default_week(clock.today()))  # fmt: skip
    return {
        "body": {"id": d.body.pk, "name": d.body.name}, "start": d.start, "end": d.end, "now": d.now,
        "before": d.before, "usual": round(d.usual, 2), "usual_weeks": d.usual_weeks,
        "topics": [_count(c, usual=True) for c in d.topics], "places": [_count(c, usual=True) for c in d.places],
        "growing": [_count(c, usual=True) for c in d.growing],
        "weeks": [{"week": w, "cases": n} for w, n in d.weeks],
        "alerts": [{"id": a.pk, "title": a.display_title, "kind": a.kind, "status": a.status} for a in d.alerts],
    }  # fmt: skip


@router.get("/insight/hotspots", response={200: InsightHotspots, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_insight_hotspots_list")  # fmt: skip
def hotspots_list(
    request: HttpRequest,
    end: str = Query("", max_length=DATE_TEXT, description="The period's last day (2026-02-05); empty: today"),
    days: str = Query("", max_length=2, description="7, 30 or 90; empty: 7"),
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """Commune × topic counts of the period against the period before, most first."""
    user = reader(principal(request), insight_permissions.VIEW_DIGEST)
    asked = parsed(HotspotQueryForm({"end": end, "days": days}), {})
    last, length = asked["end"] or clock.today(), asked["days"] or 7
    cells = digest_selectors.hotspots_for(user=user, end=last, days=length)
    chunk = cells[(page - 1) * page_size : page * page_size]
    return {"count": len(cells), "page": page, "page_size": page_size, "start": last - dt.timedelta(days=length - 1),
            "end": last, "days": length, "results": [_count(c) for c in chunk]}  # fmt: skip
