"""The inbox's one order (issue 14, item 8): cases still awaiting a step first, by legal deadline (the
overdue first, those without a deadline last), then the answered and the closed."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.cases import rules
from danvan.cases.choices import Status
from danvan.cases.models import Case
from danvan.cases.selectors import InboxFilters, case_list_for
from danvan.cases.tests.factories import make_world, submit
from danvan.core import clock

pytestmark = pytest.mark.django_db


def _case(title: str, status: str, due_in: int | None, received_ago: int = 0) -> Case:
    case = submit(title=title).case
    today = clock.today()
    Case.objects.filter(pk=case.pk).update(
        status=status,
        due_on=None if due_in is None else today + dt.timedelta(days=due_in),
        received_on=today - dt.timedelta(days=received_ago),
    )
    return case


@pytest.fixture
def inbox():
    world = make_world()
    _case("on time", Status.REGISTERED, 9)
    _case("answered, deadline long past", Status.ANSWERED, -30)
    _case("overdue", Status.RECEIVED, -3, received_ago=20)
    _case("closed", Status.CLOSED, None)
    _case("no deadline", Status.RECEIVED, None)
    _case("due soon, older", Status.UNDER_STUDY, 1, received_ago=9)
    _case("due soon, newer", Status.RECEIVED, 1, received_ago=2)
    _case("overdue longest", Status.REGISTERED, -10, received_ago=30)
    return world


def titles(user, **filters) -> list[str]:
    return list(case_list_for(user=user, filters=InboxFilters(**filters)).values_list("title", flat=True))


def test_open_cases_come_by_legal_deadline_then_the_answered(inbox):
    assert titles(inbox.handler) == [
        "overdue longest", "overdue", "due soon, older", "due soon, newer", "on time", "no deadline",
        "answered, deadline long past",
    ]  # fmt: skip


def test_with_the_closed_ones_they_come_last(inbox):
    assert titles(inbox.head, only_open=False) == [
        "overdue longest", "overdue", "due soon, older", "due soon, newer", "on time", "no deadline",
        "answered, deadline long past", "closed",
    ]  # fmt: skip


def test_a_filter_keeps_the_order(inbox):
    assert titles(inbox.handler, deadline="on_time") == ["due soon, older", "due soon, newer", "on time"]


def test_an_answered_case_is_never_listed_nor_shown_as_overdue(inbox):
    # Its answer deadline lies 30 days back, but it owes the citizen nothing more (the report agrees).
    assert titles(inbox.handler, deadline="overdue") == ["overdue longest", "overdue"]
    answered = Case.objects.get(title="answered, deadline long past")
    today = clock.today()
    assert rules.case_deadline_state(answered.status, answered.due_on, answered.warn_on, today) == "none"
    overdue = Case.objects.get(title="overdue")
    assert rules.case_deadline_state(overdue.status, overdue.due_on, overdue.warn_on, today) == "overdue"
