"""The morning sweep opens scheduled consultations on their first day and closes them the day after their
last; it holds an item-8 consultation with someone affected not told; running it again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danvan.consultations import choices
from danvan.consultations.models import Consultation
from danvan.consultations.services import drafts as services
from danvan.consultations.sweeps import drafts as sweep
from danvan.consultations.tests.drafts.conftest import TODAY, create
from danvan.core.clock import VIETNAM

pytestmark = pytest.mark.django_db

OPENS = dt.date(2026, 6, 20)
CLOSES = dt.date(2026, 6, 30)


def _status(c) -> str:
    return Consultation.objects.get(pk=c.pk).status


def test_opens_on_its_first_day_and_closes_the_day_after_its_last(cworld) -> None:
    scheduled = create(cworld, opens_on=OPENS, closes_on=CLOSES)
    services.consultation_schedule(actor=cworld.d.handler, consultation=scheduled)
    unscheduled = create(cworld, opens_on=OPENS, closes_on=CLOSES)  # being prepared: the sweep leaves it
    cworld.consultation.delete()  # the world's open consultation would close on its own day
    assert sweep.sweep(OPENS - dt.timedelta(days=1)) == {"opened": 0, "closed": 0, "held": 0}
    assert _status(scheduled) == choices.Status.DRAFT
    with time_machine.travel(dt.datetime(2026, 6, 20, 7, 10, tzinfo=VIETNAM), tick=False):
        assert sweep.sweep(OPENS) == {"opened": 1, "closed": 0, "held": 0}
        assert sweep.sweep(OPENS) == {"opened": 0, "closed": 0, "held": 0}  # idempotent
    assert _status(scheduled) == choices.Status.OPEN and _status(unscheduled) == choices.Status.DRAFT
    assert Consultation.objects.get(pk=scheduled.pk).opens_on == OPENS
    assert sweep.sweep(CLOSES) == {"opened": 0, "closed": 0, "held": 0}  # the last day still takes views
    assert sweep.sweep(CLOSES + dt.timedelta(days=1)) == {"opened": 0, "closed": 1, "held": 0}
    assert sweep.sweep(CLOSES + dt.timedelta(days=1)) == {"opened": 0, "closed": 0, "held": 0}
    row = Consultation.objects.get(pk=scheduled.pk)
    assert row.status == choices.Status.CLOSED and row.closes_on == CLOSES


def test_an_item_8_consultation_with_someone_untold_is_held(cworld) -> None:
    c = create(cworld, item=choices.Item.AFFECTING_CITIZENS, audience=choices.Audience.AFFECTED,
               verification="household", channels=["targeted_dialogue"], opens_on=TODAY, closes_on=CLOSES)  # fmt: skip
    services.affected_add(actor=cworld.d.handler, consultation=c, name="Lê Văn C")
    services.consultation_open(actor=cworld.d.handler, consultation=c)
    cworld.consultation.delete()
    assert sweep.sweep(CLOSES + dt.timedelta(days=1)) == {"opened": 0, "closed": 0, "held": 1}
    assert _status(c) == choices.Status.OPEN
