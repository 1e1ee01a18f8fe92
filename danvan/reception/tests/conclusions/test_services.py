"""The head's notice of conclusions: numbering, tasks' owners and dates, idempotency, permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.notifications.models import Notification
from danvan.reception import codes, errors
from danvan.reception.models import ConclusionNotice, ConclusionTask
from danvan.reception.services.conclusions import task_cancel, task_done, task_progress
from danvan.reception.tests.conclusions.helpers import issue, task
from danvan.reception.tests.factories import at, visit

pytestmark = pytest.mark.django_db
DUE = dt.date(2026, 2, 20)


def test_numbers_run_per_body_and_year_and_restart_each_year(rworld, frozen_clock, db) -> None:
    from danvan.org.choices import Role
    from danvan.org.tests.factories import officer

    first = issue(rworld, [task(rworld, DUE)])
    second = issue(rworld, [task(rworld, DUE)])
    chair_other = officer("chutich2", Role.HEAD, rworld.other)
    other = issue(rworld, [task(rworld, DUE, owner_organization=rworld.other)], actor=chair_other,
                  organization=rworld.other)  # fmt: skip
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert first.number_text == "01/TB-UBND"
    frozen_clock.move_to(dt.datetime(2027, 1, 4, 9, 0, tzinfo=at(2027, 1, 4).tzinfo))
    next_year = issue(rworld, [task(rworld, dt.date(2027, 2, 1))])
    assert (next_year.year, next_year.number, next_year.issued_on) == (2027, 1, dt.date(2027, 1, 4))


def test_a_notice_is_stored_whole_with_its_tasks_and_audited(rworld, frozen_clock) -> None:
    notice = issue(rworld, [task(rworld, DUE), task(rworld, dt.date(2026, 3, 1), owner_user=rworld.handler)])
    assert notice.issued_on == dt.date(2026, 2, 5) and notice.signer == rworld.chair
    assert list(notice.tasks.values_list("due_on", "owner_user")) == [
        (DUE, None),
        (dt.date(2026, 3, 1), rworld.handler.pk),
    ]
    assert codes.code_parse("KL", notice.follow_code.lower().replace("-", " ")) == notice.follow_code
    assert AuditEvent.objects.filter(action="reception.conclusion_issue", object_id=str(notice.pk)).count() == 1


def test_a_task_without_owner_is_refused_and_nothing_is_stored(rworld, frozen_clock) -> None:
    with pytest.raises(DomainError) as refused:
        issue(rworld, [task(rworld, DUE), task(rworld, DUE, owner_organization=None)])
    assert refused.value.code == errors.NO_OWNER
    assert refused.value.details["field"] == "tasks.1.owner_organization"
    assert "2" in str(refused.value.message)
    assert not ConclusionNotice.objects.exists() and not ConclusionTask.objects.exists()


def test_an_owner_outside_the_heads_bodies_is_refused(rworld, frozen_clock) -> None:
    with pytest.raises(DomainError) as refused:
        issue(rworld, [task(rworld, DUE, owner_organization=rworld.other)])
    assert refused.value.code == errors.NO_OWNER


def test_an_officer_not_of_the_owner_body_is_refused(rworld, frozen_clock) -> None:
    with pytest.raises(DomainError) as refused:
        issue(rworld, [task(rworld, DUE, owner_user=rworld.other_officer)])
    assert (refused.value.code, refused.value.details["field"]) == (errors.NO_OWNER, "tasks.0.owner_user")


def test_a_due_date_in_the_past_is_refused_today_is_accepted(rworld, frozen_clock) -> None:
    with pytest.raises(DomainError) as refused:
        issue(rworld, [task(rworld, dt.date(2026, 2, 4))])
    assert (refused.value.code, refused.value.details["field"]) == (errors.BAD_DATE, "tasks.0.due_on")
    assert "04/02/2026" in str(refused.value.message)
    assert not ConclusionNotice.objects.exists()
    assert issue(rworld, [task(rworld, dt.date(2026, 2, 5))]).tasks.get().due_on == dt.date(2026, 2, 5)


def test_a_missing_due_date_and_no_task_at_all_are_refused(rworld, frozen_clock) -> None:
    with pytest.raises(DomainError) as refused:
        issue(rworld, [task(rworld, None)])
    assert refused.value.code == errors.BAD_DATE
    with pytest.raises(DomainError) as empty:
        issue(rworld, [])
    assert empty.value.code == errors.REQUIRED


def test_a_retry_with_the_same_request_key_returns_the_same_notice(rworld, frozen_clock) -> None:
    first = issue(rworld, [task(rworld, DUE)], request_key="k-1")
    again = issue(rworld, [task(rworld, DUE)], request_key="k-1")
    assert again.pk == first.pk
    assert ConclusionNotice.objects.count() == 1 and ConclusionTask.objects.count() == 1


def test_only_the_head_concludes(rworld, frozen_clock) -> None:
    for actor in (rworld.officer, rworld.handler, rworld.dan_van):
        with pytest.raises(PermissionDenied):
            issue(rworld, [task(rworld, DUE)], actor=actor)
    assert not ConclusionNotice.objects.exists()


def test_the_visitor_is_told_the_follow_code_by_sms_never_when_sealed(rworld, frozen_clock) -> None:
    told = visit(rworld.phuong, rworld.officer, visitor_phone="0912345678")
    notice = issue(rworld, [task(rworld, DUE)], visit=told)
    sms = Notification.objects.get(about_kind="reception.conclusion", about_id=notice.pk)
    assert (sms.channel, sms.address) == ("sms", "+84912345678")
    assert notice.follow_code in sms.body and "Nguyễn" not in sms.body
    sealed = visit(rworld.phuong, rworld.officer, visitor_phone="0912345679", visitor_name="", sealed=True)
    silent = issue(rworld, [task(rworld, DUE)], visit=sealed)
    assert not Notification.objects.filter(about_kind="reception.conclusion", about_id=silent.pk).exists()


def test_a_visit_of_another_body_is_refused(rworld, frozen_clock) -> None:
    elsewhere = visit(rworld.other, rworld.other_officer)
    with pytest.raises(DomainError) as refused:
        issue(rworld, [task(rworld, DUE)], visit=elsewhere)
    assert refused.value.code == errors.BAD_STATE


def test_the_owner_body_reports_and_closes_a_task(rworld, frozen_clock) -> None:
    notice = issue(rworld, [task(rworld, DUE)])
    t = notice.tasks.get()
    task_progress(actor=rworld.handler, task=t, note="Đã khảo sát hiện trường")
    t = task_done(actor=rworld.handler, task=t, result="Đã nạo vét xong 120 m cống")
    assert (t.status, t.done_on) == ("done", dt.date(2026, 2, 5))
    assert "Đã khảo sát hiện trường" in t.result and "120 m" in t.result
    with pytest.raises(DomainError) as closed:
        task_cancel(actor=rworld.chair, task=t, reason="x")
    assert closed.value.code == errors.BAD_STATE


def test_a_handler_of_another_body_may_not_mark_a_task_done_the_head_may(rworld, frozen_clock) -> None:
    t = issue(rworld, [task(rworld, DUE)]).tasks.get()
    with pytest.raises(PermissionDenied):
        task_done(actor=rworld.other_officer, task=t, result="xong")
    t.refresh_from_db()
    assert t.status == "open"
    assert task_done(actor=rworld.chair, task=t, result="xong").status == "done"


def test_a_note_is_required(rworld, frozen_clock) -> None:
    t = issue(rworld, [task(rworld, DUE)]).tasks.get()
    with pytest.raises(DomainError) as refused:
        task_cancel(actor=rworld.chair, task=t, reason="  ")
    assert refused.value.code == errors.REQUIRED
