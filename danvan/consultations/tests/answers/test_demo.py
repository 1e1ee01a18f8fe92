"""The answers part's demo: on the closed pavement consultation (made here as the drafts part's demo would,
with a few comments as participation's would), it answers every group and publishes; a second run
changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.consultations import choices, demo_answers
from danvan.consultations.models import CommentGroup, Summary
from danvan.consultations.tests.answers.conftest import TEXTS, comment
from danvan.consultations.tests.factories import ConsultationsWorld, consultation
from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_demo_answers_and_publishes_once(cworld: ConsultationsWorld, frozen_clock) -> None:
    frozen_clock.move_to(dt.datetime(2026, 12, 15, 2, 0, tzinfo=dt.UTC))
    cworld.d.chair.username = "chutich"
    cworld.d.chair.save(update_fields=["username"])
    c = consultation(cworld.d, code=demo_answers.PAVEMENT, status=choices.Status.CLOSED,
                     opens_on=dt.date(2026, 11, 1), closes_on=dt.date(2026, 11, 21))  # fmt: skip
    for key, text in TEXTS:
        comment(c, text, key)
    lines = demo_answers.seed("127.0.0.1:8000")
    assert lines == [f"  Kết quả tiếp thu, giải trình: http://127.0.0.1:8000/gop-y/{c.code}/ket-qua/ "
                     f"(báo cáo in: http://127.0.0.1:8000/gop-y/{c.code}/ket-qua/bao-cao/)"]  # fmt: skip
    c.refresh_from_db()
    assert (c.status, c.decided_on, c.summary_due_on) == (choices.Status.PUBLISHED, dt.date(2026, 12, 13),
                                                          dt.date(2026, 12, 18))  # fmt: skip
    answers = sorted(CommentGroup.objects.filter(consultation=c).values_list("answer", flat=True))
    assert answers == ["accepted", "accepted", "explained", "not_accepted"]
    events = AuditEvent.objects.count()
    assert demo_answers.seed("127.0.0.1:8000") == lines
    assert (AuditEvent.objects.count(), Summary.objects.count()) == (events, 1)
