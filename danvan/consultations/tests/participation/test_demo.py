"""The participation part's demo: three visible groups and one consensus statement on the market
relocation that the opinion map finds, ~40% missing votes, comments (some keyed in), ~40 comments on the pavements; idempotent."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from danvan.consultations import choices, demo_participation
from danvan.consultations.models import Comment, KeyedTally, Participant, Statement, Vote
from danvan.consultations.selectors import participation as sel
from danvan.consultations.tests import factories as f
from danvan.core import clock

pytestmark = pytest.mark.django_db


def test_the_demo_forms_three_groups_and_a_consensus_and_runs_twice_the_same(cworld) -> None:
    today = clock.today()
    market = f.consultation(cworld.d, code=demo_participation.MARKET, created_by=cworld.d.handler)
    pavements = f.consultation(cworld.d, code=demo_participation.PAVEMENTS, status=choices.Status.CLOSED,
                               opens_on=today - dt.timedelta(days=60), closes_on=today - dt.timedelta(days=30))  # fmt: skip
    lines = demo_participation.seed("127.0.0.1:8000")
    assert any("/gop-y/di-doi-cho-phu-xuan/bieu-quyet/" in line for line in lines)
    assert Participant.objects.filter(consultation=market).count() == 300
    assert Statement.objects.filter(consultation=market).count() == 25
    votes = list(sel.vote_rows(market))
    fill = len(votes) / (300 * 25)
    assert sel.totals_recount(market) == {
        pk: (a, d, p)
        for pk, a, d, p in Statement.objects.filter(consultation=market, status="published").values_list(
            "pk", "agree_total", "disagree_total", "passed_total"
        )
    }  # the bulk-inserted votes are in the stored totals
    assert 0.55 < fill < 0.65  # ~40% missing
    from danvan.consultations.opinion_map import compute

    found = compute((str(p), str(s), v) for p, s, v in votes)
    assert sorted(g.size for g in found.groups) == [97, 100, 103]  # the three groups of 100, as the map sees them
    participants = list(Participant.objects.filter(consultation=market).order_by("pk").values_list("pk", flat=True))
    group = {pk: i % 3 for i, pk in enumerate(participants)}
    statements = list(Statement.objects.filter(consultation=market).order_by("pk").values_list("pk", flat=True))
    agree: dict[tuple[int, int], list[int]] = defaultdict(list)
    for participant, statement, value in votes:
        agree[(statement, group[participant])].append(1 if value == 1 else 0)

    def rate(statement: int, g: int) -> float:
        values = agree[(statement, g)]
        return sum(values) / len(values)

    consensus, stay_near, traffic = statements[0], statements[1], statements[7]
    assert all(rate(consensus, g) > 0.75 for g in range(3))
    assert rate(stay_near, 0) > 0.7 and rate(stay_near, 1) < 0.3  # traders vs residents worried about traffic
    assert rate(traffic, 1) > 0.7 and rate(traffic, 0) < 0.4
    assert Comment.objects.filter(consultation=market, channel="meeting").count() == 2
    assert Comment.objects.filter(consultation=market).exclude(section_key="").exists()
    assert KeyedTally.objects.filter(statement__consultation=market).count() == 1
    assert 38 <= Comment.objects.filter(consultation=pavements).count() <= 41
    before = (Vote.objects.count(), Comment.objects.count(), Participant.objects.count())
    assert demo_participation.seed("127.0.0.1:8000") == []
    assert (Vote.objects.count(), Comment.objects.count(), Participant.objects.count()) == before
