"""``yearly_figures``, the cases' numbers the yearly dân vận evaluation reads: tố cáo never reach it (the
evaluation is shown to roles that may not read denunciations; in a small body one upheld conduct case
would name the official denounced)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.cases.choices import Status, Track
from danvan.cases.selectors import yearly_figures
from danvan.cases.tests.factories import case_at, make_world
from danvan.core.clock import VIETNAM

pytestmark = pytest.mark.django_db


def test_a_decided_to_cao_changes_neither_the_conduct_nor_the_on_time_figures(frozen_clock):
    world = make_world()
    frozen_clock.move_to(dt.datetime(2025, 3, 2, 9, tzinfo=VIETNAM))
    people = {"handler": world.handler, "head": world.head}
    case_at(Status.DECIDED, track=Track.KHIEU_NAI, topic_code="thai-do-phuc-vu", **people)
    before = yearly_figures(organization_ids=[world.phuong.pk], year=2025)[world.phuong.pk]
    assert before == {"settled": 1, "on_time": 1, "late": 0, "no_deadline": 0, "staff_conduct_decided": 1,
                      "staff_conduct_upheld": 1}  # fmt: skip
    denounced = case_at(Status.CONCLUDED, track=Track.TO_CAO, topic_code="thai-do-phuc-vu", **people)
    assert denounced.outcome == "right" and denounced.decided_on.year == 2025
    assert yearly_figures(organization_ids=[world.phuong.pk], year=2025)[world.phuong.pk] == before


def test_by_handler_the_same_cases_and_on_time_rule_and_never_a_to_cao(frozen_clock):
    from danvan.cases.models import Case
    from danvan.cases.selectors import handler_yearly_figures

    world = make_world()
    frozen_clock.move_to(dt.datetime(2025, 3, 2, 9, tzinfo=VIETNAM))
    people = {"handler": world.handler, "head": world.head}
    complaint = case_at(Status.DECIDED, track=Track.KHIEU_NAI, **people)
    denounced = case_at(Status.CONCLUDED, track=Track.TO_CAO, **people)
    Case.objects.filter(pk__in=[complaint.pk, denounced.pk]).update(handler=world.handler)
    got = handler_yearly_figures(organization_id=world.phuong.pk, user_ids=[world.handler.pk, world.head.pk], year=2025)
    assert got == {world.handler.pk: {"settled": 1, "on_time": 1, "late": 0, "no_deadline": 0},
                   world.head.pk: {"settled": 0, "on_time": 0, "late": 0, "no_deadline": 0}}  # fmt: skip
    # Counted by body, the same case is the body's one on-time settlement.
    assert yearly_figures(organization_ids=[world.phuong.pk], year=2025)[world.phuong.pk]["on_time"] == 1


def test_by_handler_only_the_cases_of_the_body_asked_for(frozen_clock):
    """A handler who moved: the cases he handled in another body are that body's, never on this one's sheet."""
    from danvan.cases.models import Case
    from danvan.cases.selectors import handler_yearly_figures

    world = make_world()
    frozen_clock.move_to(dt.datetime(2025, 3, 2, 9, tzinfo=VIETNAM))
    people = {"handler": world.handler, "head": world.head}
    here = case_at(Status.DECIDED, track=Track.KHIEU_NAI, **people)
    there = case_at(Status.DECIDED, track=Track.KHIEU_NAI, **people)
    Case.objects.filter(pk__in=[here.pk, there.pk]).update(handler=world.handler)
    Case.objects.filter(pk=there.pk).update(handling_organization=world.other)
    zero = {"settled": 0, "on_time": 0, "late": 0, "no_deadline": 0}
    one = {"settled": 1, "on_time": 1, "late": 0, "no_deadline": 0}
    assert handler_yearly_figures(organization_id=world.phuong.pk, user_ids=[world.handler.pk], year=2025) == {
        world.handler.pk: one
    }
    assert handler_yearly_figures(organization_id=world.other.pk, user_ids=[world.handler.pk], year=2025) == {
        world.handler.pk: one
    }
    assert handler_yearly_figures(organization_id=world.ubnd_tinh.pk, user_ids=[world.handler.pk], year=2025) == {
        world.handler.pk: zero
    }
