"""The steps that are not moves of the state machine are refused by their services exactly when the step
registry does not offer them (``transitions.assign_possible`` and its kin), with a code of their own."""

from __future__ import annotations

import pytest

from danvan.cases.choices import Status, Track
from danvan.cases.models import Case
from danvan.cases.services import handling, parties
from danvan.cases.tests.factories import World, submit
from danvan.core.errors import DomainError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

PERSON = {"name": "Lê Văn Bình", "address": "", "phone": "", "is_representative": False}


def test_a_case_with_no_body_yet_has_nobody_to_assign_nor_petitioners_to_record(world: World) -> None:
    case = submit().case
    Case.objects.filter(pk=case.pk).update(handling_organization=None)
    case.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        handling.case_assign(case=case, actor=world.head, handler=world.handler)
    assert refused.value.code == "no_body"
    with pytest.raises(DomainError) as refused:
        parties.case_parties_set(case=case, actor=world.head, parties=[PERSON])
    assert refused.value.code == "parties_not_possible"


def test_a_closed_case_takes_no_petitioners_and_no_complexity(world: World) -> None:
    case = submit(track=Track.KHIEU_NAI).case
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED)
    case.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        parties.case_parties_set(case=case, actor=world.head, parties=[PERSON])
    assert refused.value.code == "parties_not_possible"
    with pytest.raises(DomainError) as refused:
        handling.case_set_complexity(case=case, actor=world.head, criteria=["a"])
    assert refused.value.code == "complexity_not_possible"


def test_a_feedback_item_has_no_complexity_but_an_open_complaint_has(world: World) -> None:
    feedback = submit().case
    with pytest.raises(DomainError) as refused:
        handling.case_set_complexity(case=feedback, actor=world.head, criteria=["a"])
    assert refused.value.code == "complexity_not_possible"
    complaint = submit(track=Track.KHIEU_NAI).case
    assert handling.case_set_complexity(case=complaint, actor=world.head, criteria=["b", "a"]).criteria == ["a", "b"]
