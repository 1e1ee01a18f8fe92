"""The reads behind the citizen's pages: their own case without a secret, "my petitions", the private page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from danvan.cases import selectors
from danvan.cases.choices import EventVisibility, Status
from danvan.cases.models import Attachment, Case, TopicCategory
from danvan.cases.services import handling
from danvan.cases.tests.conftest import submit
from danvan.core.errors import NotFound
from danvan.org.tests.factories import make_user

pytestmark = pytest.mark.django_db


# case_get_owned ---------------------------------------------------------------------------------------


def test_a_citizen_gets_their_own_case_by_its_code_written_loosely(world):
    case = submit(world.citizen).case
    found = selectors.case_get_owned(user=world.citizen, tracking_code=f"  {case.tracking_code.lower()} ")
    assert found.pk == case.pk


def test_another_citizens_case_is_not_found(world):
    case = submit(world.citizen).case
    with pytest.raises(NotFound):
        selectors.case_get_owned(user=make_user(username="nguoikhac"), tracking_code=case.tracking_code)


def test_an_officer_who_may_see_the_case_does_not_own_it(world):
    case = submit(world.citizen).case
    with pytest.raises(NotFound):
        selectors.case_get_owned(user=world.handler, tracking_code=case.tracking_code)


def test_a_visitor_without_an_account_owns_no_case(world):
    case = submit(world.citizen).case
    with pytest.raises(NotFound):
        selectors.case_get_owned(user=AnonymousUser(), tracking_code=case.tracking_code)


@pytest.mark.parametrize("code", ["", "A/B", "../x", "PA-2602-ZZZZZZ"])
def test_a_code_that_is_not_one_or_names_no_case_is_not_found(world, code):
    submit(world.citizen)
    with pytest.raises(NotFound):
        selectors.case_get_owned(user=world.citizen, tracking_code=code)


# case_list_submitted_by ("my petitions") --------------------------------------------------------------


def test_my_petitions_lists_only_mine_newest_first(world, frozen_clock):
    first = submit(world.citizen, title="Đơn thứ nhất").case
    submit(make_user(username="nguoikhac"), title="Đơn của người khác")
    submit(AnonymousUser(), title="Đơn không tài khoản")
    frozen_clock.move_to(dt.datetime(2026, 2, 9, 9, 0, tzinfo=dt.UTC))
    second = submit(world.citizen, title="Đơn thứ hai").case
    third = submit(world.citizen, title="Đơn thứ ba").case  # the same day: the later one first
    rows = list(selectors.case_list_submitted_by(user=world.citizen))
    assert [c.pk for c in rows] == [third.pk, second.pk, first.pk]
    assert [c.received_on for c in rows] == [dt.date(2026, 2, 9), dt.date(2026, 2, 9), dt.date(2026, 2, 5)]


def test_a_visitor_without_an_account_has_no_petitions(world):
    submit(AnonymousUser())
    assert list(selectors.case_list_submitted_by(user=AnonymousUser())) == []


# case_get_for_citizen (the private page) --------------------------------------------------------------


def test_the_owner_sees_their_open_case_and_may_withdraw_it(world):
    case = submit(world.citizen).case
    page = selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code)
    assert page.case.pk == case.pk and page.owner and page.is_open and page.may_withdraw
    assert [e.action for e in page.events] == ["submit"]


def test_the_holder_of_the_private_link_sees_the_case_but_may_not_withdraw_it_online(world):
    case = submit(world.citizen).case
    grant = selectors.case_link_grant(case)
    page = selectors.case_get_for_citizen(user=AnonymousUser(), tracking_code=case.tracking_code, grant=grant)
    assert page.case.pk == case.pk and not page.owner and not page.may_withdraw and page.is_open


def test_the_owner_with_the_link_opened_too_is_still_the_owner(world):
    case = submit(world.citizen).case
    page = selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code,
                                          grant=selectors.case_link_grant(case))  # fmt: skip
    assert page.owner and page.may_withdraw


def test_a_wrong_grant_falls_back_to_ownership_and_else_is_not_found(world):
    case = submit(world.citizen).case
    assert selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code, grant="x" * 64).owner
    with pytest.raises(NotFound):
        selectors.case_get_for_citizen(user=AnonymousUser(), tracking_code=case.tracking_code, grant="x" * 64)
    with pytest.raises(NotFound):
        selectors.case_get_for_citizen(user=make_user(username="nguoikhac"), tracking_code=case.tracking_code)


def test_a_grant_of_another_case_opens_nothing(world):
    mine, other = submit(world.citizen).case, submit(AnonymousUser()).case
    with pytest.raises(NotFound):
        selectors.case_get_for_citizen(user=AnonymousUser(), tracking_code=mine.tracking_code,
                                       grant=selectors.case_link_grant(other))  # fmt: skip


def test_a_withdrawn_case_is_finished_and_offers_no_withdrawal(world):
    case = submit(world.citizen).case
    handling.case_withdraw(case=case, actor=world.citizen, note="Đã được giải quyết")
    page = selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code)
    assert page.case.status == Status.TERMINATED and not page.is_open and not page.may_withdraw
    assert [e.action for e in page.events] == ["submit", "withdraw"]


def test_the_timeline_shows_only_public_events(world):
    case = submit(world.citizen).case
    handling.case_assign(case=case, actor=world.head, handler=world.handler)
    handling.case_register(case=case, actor=world.handler)
    everything = list(selectors.case_timeline(case, public_only=False))
    page = selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code)
    shown = list(page.events)
    assert {e.visibility for e in shown} == {EventVisibility.PUBLIC}
    assert len(everything) > len(shown) and [e.action for e in shown] == ["submit", "register"]


def test_sealed_files_and_the_signed_decision_are_not_shown(world):
    case = submit(world.citizen).case
    for name, kind, sealed in [("anh.png", Attachment.Kind.EVIDENCE, False), ("kin.png", Attachment.Kind.EVIDENCE, True),
                               ("qd.pdf", Attachment.Kind.DECISION, False)]:  # fmt: skip
        Attachment.objects.create(case=case, file=f"x/{name}", name=name, content_type="image/png", size=1,
                                  sha256="0" * 64, kind=kind, sealed=sealed)  # fmt: skip
    page = selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code)
    assert [a.name for a in page.attachments] == ["anh.png"]


def test_overdue_from_the_day_after_the_legal_deadline(world):
    case = submit(world.citizen).case
    Case.objects.filter(pk=case.pk).update(due_on=dt.date(2026, 2, 20))

    def overdue(today: dt.date) -> bool:
        return selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code, today=today).overdue

    assert [overdue(dt.date(2026, 2, d)) for d in (19, 20, 21)] == [False, False, True]


@pytest.mark.parametrize(("status", "shown"), [(Status.REGISTERED, False), (Status.ANSWERED, True),
                                               (Status.NOTIFIED, True), (Status.FINAL, True), (Status.CLOSED, True)])  # fmt: skip
def test_the_answer_is_shown_once_the_case_is_answered(world, status, shown):
    case = submit(world.citizen).case
    Case.objects.filter(pk=case.pk).update(status=status, answer_text="Phường đã nạo vét cống.")
    assert selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code).show_answer is shown


def test_no_answer_is_shown_when_there_is_no_text(world):
    case = submit(world.citizen).case
    Case.objects.filter(pk=case.pk).update(status=Status.ANSWERED, answer_text="")
    assert not selectors.case_get_for_citizen(user=world.citizen, tracking_code=case.tracking_code).show_answer


# topic_list_active ----------------------------------------------------------------------------------


def test_the_forms_offer_only_topics_in_use_in_their_order():
    TopicCategory.objects.all().delete()
    TopicCategory.objects.create(code="b", name="Bê", sort_order=2)
    TopicCategory.objects.create(code="a2", name="An", sort_order=1)
    TopicCategory.objects.create(code="a1", name="Ấp", sort_order=1)
    TopicCategory.objects.create(code="c", name="Cũ", sort_order=0, is_active=False)
    assert [t.code for t in selectors.topic_list_active()] == ["a2", "a1", "b"]
