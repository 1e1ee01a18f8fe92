"""Topic runs over the deployment's cases: planted themes found, tố cáo left out, counts per body and week with
the previous period for the trend, renames kept across runs, and reads only in scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from danvan.cases.models import Case
from danvan.cases.tests.factories import make_world
from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.core.models import AuditEvent
from danvan.insight import errors as codes
from danvan.insight.models import DiscoveredTopic, TopicCount, TopicExample
from danvan.insight.selectors import topics as selectors
from danvan.insight.services import topics as services
from danvan.insight.tests.topics.helpers import themed_cases
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def _period():
    today = clock.today()
    return today - dt.timedelta(days=13), today


def _topic_of(run, case):
    example = TopicExample.objects.filter(topic__run=run, case=case).first()
    return example.topic if example else None


def test_a_run_finds_the_planted_themes_and_leaves_tho_cao_out(world):
    cases = themed_cases(8)
    denounced = cases["flood"][0]
    Case.objects.filter(pk=denounced.pk).update(track="to_cao")
    start, end = _period()
    run = services.topic_run_discover(starts_on=start, ends_on=end, k=2)
    assert run.k == 2 and run.texts == 15  # 16 cases, the tố cáo left out
    topics = list(run.topics.all())
    flood = {w for t in topics for w in t.words if "ngập" in w or "cống" in w or "mưa" in w}
    assert flood
    # each theme in one topic
    by_theme = {
        theme: {t.pk for c in cs if c.pk != denounced.pk for t in [_topic_of(run, c)] if t is not None}
        for theme, cs in cases.items()
    }
    assert len(by_theme["flood"]) == 1 and len(by_theme["trash"]) == 1 and by_theme["flood"] != by_theme["trash"]
    assert not TopicExample.objects.filter(case=denounced).exists()
    assert sum(TopicCount.objects.filter(topic__run=run).values_list("cases", flat=True)) == 15
    assert AuditEvent.objects.filter(action="insight.topics_discovered").count() == 1


def test_the_trend_counts_the_previous_period_with_the_same_topics(world):
    start, end = _period()
    themed_cases(6, received_on=start - dt.timedelta(days=3))  # the previous period
    themed_cases(6, seed=9)
    run = services.topic_run_discover(starts_on=start, ends_on=end, k=2)
    rows = selectors.topics_for(user=world.dan_van, run=run)
    assert sum(r.cases for r in rows) == 12 and sum(r.previous for r in rows) == 12
    assert all(r.change is not None for r in rows)
    assert run.previous_starts_on == start - dt.timedelta(days=14)


def test_a_period_without_text_is_refused(world):
    start, end = _period()
    with pytest.raises(DomainError) as refused:
        services.topic_run_discover(starts_on=start, ends_on=end)
    assert refused.value.code == codes.TOPICS_NOTHING_TO_LEARN


def test_a_rename_is_kept_when_the_next_run_finds_the_same_topic(world):
    themed_cases(8)
    start, end = _period()
    first = services.topic_run_discover(starts_on=start, ends_on=end, k=2)
    flood = next(t for t in first.topics.all() if any("ngập" in w or "cống" in w or "mưa" in w for w in t.words))
    services.topic_rename(actor=world.head, topic_id=flood.pk, label="Ngập úng khu dân cư")
    assert AuditEvent.objects.filter(action="insight.topic_renamed", object_id=str(flood.pk)).exists()
    themed_cases(4, seed=11)
    second = services.topic_run_discover(starts_on=start, ends_on=end, k=2)
    again = DiscoveredTopic.objects.get(run=second, continues=flood)
    assert again.label == "Ngập úng khu dân cư" and again.suggested_label
    assert DiscoveredTopic.objects.filter(run=second, official_label="").count() == 1


def test_only_heads_and_dan_van_officers_rename(world):
    themed_cases(4)
    start, end = _period()
    run = services.topic_run_discover(starts_on=start, ends_on=end, k=2)
    with pytest.raises(NotFound):
        services.topic_rename(actor=world.handler, topic_id=run.topics.first().pk, label="x")


def test_a_head_of_another_ward_may_not_rename_a_topic_of_cases_outside_their_scope(world):
    themed_cases(4)
    start, end = _period()
    run = services.topic_run_discover(starts_on=start, ends_on=end, k=2)
    topic = run.topics.first()
    other_head = officer("chutich2", Role.HEAD, world.other)
    with pytest.raises(NotFound):
        services.topic_rename(actor=other_head, topic_id=topic.pk, label="Tên của phường khác")
    assert DiscoveredTopic.objects.get(pk=topic.pk).official_label == ""
    # the dân vận officer of the province, with its subtree, covers every body the topic's cases are in
    services.topic_rename(actor=world.dan_van, topic_id=topic.pk, label="Ngập úng")
    assert DiscoveredTopic.objects.get(pk=topic.pk).official_label == "Ngập úng"


def test_a_head_of_another_ward_sees_nothing_and_examples_are_only_cases_one_may_open(world):
    cases = themed_cases(6)
    start, end = _period()
    run = services.topic_run_discover(starts_on=start, ends_on=end, k=2)
    other_head = officer("chutich2", Role.HEAD, world.other)
    assert selectors.topics_for(user=other_head, run=run) == []
    rows = selectors.topics_for(user=world.head, run=run)
    assert sum(r.cases for r in rows) == 12 and all(r.examples for r in rows)
    # a case found to be a tố cáo after the run is never quoted, even to the province's dân vận officer
    shown = {e.case_id for r in rows for e in r.examples}
    turned = Case.objects.get(pk=next(iter(shown)))
    Case.objects.filter(pk=turned.pk).update(track="to_cao")
    again = selectors.topics_for(user=world.dan_van, run=run)
    assert turned.pk not in {e.case_id for r in again for e in r.examples}
    assert all(len(e.text) <= selectors.EXAMPLE_CHARS for r in again for e in r.examples)
    assert cases


def test_the_command_discovers_and_prints_figures_last(world, capsys):
    themed_cases(5)
    start, end = _period()
    call_command("insight", "topics", "discover", "--from", str(start), "--to", str(end), "--k", "2")
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "topics: 2" and out[-3] == "texts: 10"
