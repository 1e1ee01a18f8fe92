"""The demo's decision: fails 2/3 at the meeting (18 of 30), passes by ballot, its record sent; twice: once."""

from __future__ import annotations

import pytest

from danvan.democracy import demo_decisions
from danvan.democracy.enums import MatterStatus
from danvan.democracy.models import DecisionRecord, Matter
from danvan.democracy.tests.decisions.helpers import demo_world

pytestmark = pytest.mark.django_db


def test_demo_decision_fails_at_the_meeting_then_passes_by_ballot_once() -> None:
    assert demo_decisions.seed("http://x")[0].startswith("Quyết định cộng đồng: chưa có")  # no village: skipped
    demo_world(30)
    lines = demo_decisions.seed("http://x")
    again = demo_decisions.seed("http://x")
    matter = Matter.objects.get()
    meeting, ballot = matter.rounds.order_by("id")
    assert (meeting.households_total, meeting.present, meeting.yes, meeting.passed) == (30, 22, 18, False)
    assert (ballot.form, ballot.yes, ballot.passed) == ("ballot", 21, True) and ballot.ballot_returns.count() == 28
    assert matter.status == MatterStatus.IN_FORCE and DecisionRecord.objects.get().sent_on is not None
    assert lines == again and f"/van-hanh/dan-chu/quyet-dinh/{matter.pk}/" in lines[0]
