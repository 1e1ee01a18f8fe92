"""Correcting training records: a course's text, a session before it is held, cancelling a session (the
officers enrolled are told), revoking a certificate (the public check says so, coverage no longer counts
it). Every refusal with its code, permission before validation, nothing half-stored, each change audited."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.emulation import errors as codes
from danvan.emulation.models import TrainingAttendance, TrainingCertificate, TrainingSession
from danvan.emulation.selectors import training as selectors
from danvan.emulation.selectors.training import YearlyTrainingFigures
from danvan.emulation.services import training as services
from danvan.emulation.tests.training.factories import certified, course_with_sessions, training_world
from danvan.notifications.selectors import notification_inbox
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db

JAN20, FEB3, FEB5, MAR10 = dt.date(2026, 1, 20), dt.date(2026, 2, 3), dt.date(2026, 2, 5), dt.date(2026, 3, 10)


@pytest.fixture
def w():
    return training_world()


# Course ---------------------------------------------------------------------------------------------------


def test_the_organiser_corrects_a_course_s_title_topic_and_description(w, frozen_clock):
    course = course_with_sessions(w)
    services.course_update(user=w.head, course=course, topic=w.one_stop_topic, title="  Một cửa  ",
                           description=" Ôn tập ")  # fmt: skip
    course.refresh_from_db()
    assert (course.title, course.topic.code, course.description) == ("Một cửa", "mot-cua", "Ôn tập")
    event = AuditEvent.objects.get(action="emulation.training_course_changed")
    assert (event.before or {})["title"] == "Kỹ năng tiếp công dân" and (event.after or {})["title"] == "Một cửa"


def test_a_course_edit_is_refused_to_others_before_its_title_is_read(w, frozen_clock):
    course = course_with_sessions(w)
    for who in (w.other_head, w.clerk, w.stranger):
        with pytest.raises(PermissionDenied) as denied:
            services.course_update(user=who, course=course, topic=w.reception_topic, title="")  # empty: not read
        assert denied.value.code == "forbidden"
    with pytest.raises(DomainError) as refused:
        services.course_update(user=w.head, course=course, topic=w.reception_topic, title="  ")
    assert refused.value.code == codes.TRAINING_EMPTY_TITLE
    course.refresh_from_db()
    assert course.title == "Kỹ năng tiếp công dân"
    assert not AuditEvent.objects.filter(action="emulation.training_course_changed").exists()


# Session edit ---------------------------------------------------------------------------------------------


def _future_course(w, capacity=30):
    return course_with_sessions(w, days=(MAR10,), capacity=capacity)


def test_a_session_not_held_is_corrected_and_audited(w, frozen_clock):
    course = _future_course(w)
    session = course.sessions.get()
    services.session_update(user=w.dan_van, session=session, held_on=dt.date(2026, 3, 12), place="Nhà văn hoá",
                            trainer="Sở Nội vụ", capacity=5)  # fmt: skip
    session.refresh_from_db()
    assert (session.held_on, session.place, session.trainer, session.capacity) == (
        dt.date(2026, 3, 12), "Nhà văn hoá", "Sở Nội vụ", 5)  # fmt: skip
    event = AuditEvent.objects.get(action="emulation.training_session_changed")
    assert (event.before or {})["held_on"] == "2026-03-10" and (event.after or {})["capacity"] == 5


def test_seats_never_fall_below_the_officers_enrolled(w, frozen_clock):
    course = _future_course(w)
    session = course.sessions.get()
    for person in (w.clerk, w.reception):
        services.enrolment_add(user=w.head, course=course, person=person)
    with pytest.raises(DomainError) as refused:
        services.session_update(user=w.head, session=session, held_on=MAR10, place="P", trainer="T", capacity=1)
    assert refused.value.code == codes.TRAINING_SEATS_BELOW_ENROLLED
    services.session_update(user=w.head, session=session, held_on=MAR10, place="P", trainer="T", capacity=2)
    session.refresh_from_db()
    assert session.capacity == 2


def test_a_session_is_never_moved_into_the_past(w, frozen_clock):
    # Today is 5 February: a session of 10 March may move to today or later, not to 4 February or 2020.
    session = _future_course(w).sessions.get()
    for day in (dt.date(2026, 2, 4), dt.date(2020, 1, 1)):
        with pytest.raises(DomainError) as refused:
            services.session_update(user=w.head, session=session, held_on=day, place="P", trainer="T", capacity=3)
        assert (refused.value.code, refused.value.details) == (codes.TRAINING_SESSION_INVALID, {"field": "held_on"})
    session.refresh_from_db()
    assert session.held_on == MAR10
    services.session_update(user=w.head, session=session, held_on=FEB5, place="P", trainer="T", capacity=3)
    session.refresh_from_db()
    assert session.held_on == FEB5


def test_a_session_edit_without_place_is_refused(w, frozen_clock):
    session = _future_course(w).sessions.get()
    with pytest.raises(DomainError) as refused:
        services.session_update(user=w.head, session=session, held_on=MAR10, place=" ", trainer="T", capacity=3)
    assert refused.value.code == codes.TRAINING_SESSION_INVALID
    session.refresh_from_db()
    assert session.place == "Hội trường UBND phường"


def test_a_held_session_with_its_attendance_can_no_longer_be_changed_or_cancelled(w, frozen_clock):
    course = course_with_sessions(w)  # 20/01 and 03/02, both past on 05/02
    enrolment = services.enrolment_add(user=w.head, course=course, person=w.clerk)
    first = course.sessions.get(held_on=JAN20)
    services.attendance_record(user=w.head, session=first, present={enrolment.pk})
    with pytest.raises(DomainError) as refused:
        services.session_update(user=w.head, session=first, held_on=JAN20, place="P", trainer="T", capacity=30)
    assert refused.value.code == codes.TRAINING_SESSION_HELD
    with pytest.raises(DomainError) as refused:
        services.session_cancel(user=w.head, session=first, reason="Nhầm")
    assert refused.value.code == codes.TRAINING_SESSION_HELD
    first.refresh_from_db()
    assert first.cancelled_on is None and first.place == "Hội trường UBND phường"


def test_a_session_edit_is_refused_to_another_ward_s_head_before_validation(w, frozen_clock):
    session = _future_course(w).sessions.get()
    for who in (w.other_head, w.stranger, w.handler):
        with pytest.raises(PermissionDenied):
            services.session_update(user=who, session=session, held_on=MAR10, place="", trainer="", capacity=0)
        with pytest.raises(PermissionDenied):
            services.session_cancel(user=who, session=session, reason="")


# Session cancel -------------------------------------------------------------------------------------------


def test_cancelling_a_session_tells_every_officer_enrolled_and_is_audited(w, frozen_clock):
    course = course_with_sessions(w, days=(MAR10, dt.date(2026, 3, 17)), capacity=2)
    for person in (w.clerk, w.reception):
        services.enrolment_add(user=w.head, course=course, person=person)
    session = course.sessions.get(held_on=MAR10)
    services.session_cancel(user=w.head, session=session, reason="  Bão số 3  ")
    session.refresh_from_db()
    assert (session.cancelled_on, session.cancel_reason, session.cancelled_by) == (FEB5, "Bão số 3", w.head)
    for person in (w.clerk, w.reception):
        [note] = notification_inbox(user=person).page
        assert (note.template, note.about_id, note.body) == ("emulation.training_cancelled", session.pk,
                                                             "Lý do: Bão số 3")  # fmt: skip
        assert "10/03/2026" in note.subject
    assert not list(notification_inbox(user=w.handler).page)  # not enrolled: not told
    event = AuditEvent.objects.get(action="emulation.training_session_cancelled")
    assert (event.after or {})["reason"] == "Bão số 3" and sorted((event.after or {})["told"]) == sorted(
        [w.clerk.pk, w.reception.pk]
    )


def test_a_cancel_without_reason_is_refused_and_nobody_is_told(w, frozen_clock):
    course = _future_course(w)
    services.enrolment_add(user=w.head, course=course, person=w.clerk)
    session = course.sessions.get()
    with pytest.raises(DomainError) as refused:
        services.session_cancel(user=w.head, session=session, reason="   ")
    assert refused.value.code == codes.TRAINING_REASON_REQUIRED
    session.refresh_from_db()
    assert session.cancelled_on is None
    assert not list(notification_inbox(user=w.clerk).page)


def test_a_cancelled_session_takes_no_attendance_no_edit_no_second_cancel(w, frozen_clock):
    course = course_with_sessions(w)  # both held already
    enrolment = services.enrolment_add(user=w.head, course=course, person=w.clerk)
    second = course.sessions.get(held_on=FEB3)
    services.session_cancel(user=w.head, session=second, reason="Giảng viên ốm")
    with pytest.raises(DomainError) as refused:
        services.attendance_record(user=w.head, session=second, present={enrolment.pk})
    assert refused.value.code == codes.TRAINING_SESSION_CANCELLED
    assert not TrainingAttendance.objects.filter(session=second).exists()
    with pytest.raises(DomainError) as refused:
        services.session_update(user=w.head, session=second, held_on=FEB3, place="P", trainer="T", capacity=3)
    assert refused.value.code == codes.TRAINING_SESSION_CANCELLED
    with pytest.raises(DomainError) as refused:
        services.session_cancel(user=w.head, session=second, reason="again")
    assert refused.value.code == codes.TRAINING_SESSION_CANCELLED


def test_a_cancelled_session_no_longer_counts_for_completion_nor_for_seats(w, frozen_clock):
    course = course_with_sessions(w, days=(JAN20, FEB3), capacity=30)
    small = services.session_add(user=w.head, course=course, held_on=MAR10, place="P", trainer="T", capacity=1)
    enrolment = services.enrolment_add(user=w.head, course=course, person=w.clerk)
    with pytest.raises(DomainError) as refused:  # the 1-seat session is full
        services.enrolment_add(user=w.head, course=course, person=w.reception)
    assert refused.value.code == codes.TRAINING_COURSE_FULL
    services.session_cancel(user=w.head, session=small, reason="Trùng lịch")
    services.enrolment_add(user=w.head, course=course, person=w.reception)  # its seats no longer limit
    for session in course.sessions.filter(cancelled_on__isnull=True):
        services.attendance_record(user=w.head, session=session, present={enrolment.pk})
    assert selectors.enrolment_completed(enrolment)  # present at both sessions left; the cancelled one is not owed
    assert services.certificate_issue(user=w.head, enrolment=enrolment).issued_on == FEB5


# Certificates ---------------------------------------------------------------------------------------------


def test_revoking_a_certificate_is_told_audited_and_shown_on_the_public_check(w, frozen_clock):
    course = course_with_sessions(w)
    certificate = certified(w, course, w.reception)
    frozen_clock.move_to(dt.datetime(2026, 2, 9, 2, 0, tzinfo=dt.UTC))
    services.certificate_revoke(user=w.dan_van, certificate=certificate, reason=" Cấp nhầm người ")
    certificate.refresh_from_db()
    assert (certificate.revoked_on, certificate.revoke_reason, certificate.revoked_by) == (
        dt.date(2026, 2, 9), "Cấp nhầm người", w.dan_van)  # fmt: skip
    found = selectors.certificate_verify(certificate.number)
    assert found is not None and found.revoked_on == dt.date(2026, 2, 9) and found.holder_initials == "A. V. T."
    [note] = notification_inbox(user=w.reception).page
    assert note.template == "emulation.training_revoked" and certificate.number in note.subject
    assert (AuditEvent.objects.get(action="emulation.training_certificate_revoked").after or {})["reason"] == (
        "Cấp nhầm người"
    )


def test_revoking_needs_a_reason_once_and_the_issuing_side(w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    for who in (w.other_head, w.reception, w.clerk):  # the holder himself may see it, not revoke it
        with pytest.raises(PermissionDenied):
            services.certificate_revoke(user=who, certificate=certificate, reason="")
    with pytest.raises(DomainError) as refused:
        services.certificate_revoke(user=w.head, certificate=certificate, reason="  ")
    assert refused.value.code == codes.TRAINING_REASON_REQUIRED
    assert TrainingCertificate.objects.get().revoked_on is None
    services.certificate_revoke(user=w.head, certificate=certificate, reason="Cấp nhầm")
    with pytest.raises(DomainError) as refused:
        services.certificate_revoke(user=w.head, certificate=certificate, reason="again")
    assert refused.value.code == codes.TRAINING_CERTIFICATE_REVOKED
    assert AuditEvent.objects.filter(action="emulation.training_certificate_revoked").count() == 1


def test_a_revoked_certificate_no_longer_counts_for_coverage_nor_the_evaluation(w, frozen_clock):
    course = course_with_sessions(w)
    kept = certified(w, course, w.reception)
    handler_cert = certified(w, course, w.handler)
    assert selectors.training_yearly_figures(organization_ids=[w.ward.pk], year=2026)[w.ward.pk] == (
        YearlyTrainingFigures(3, 2)
    )  # reception, handler trained; the clerk (one-stop topic) not
    services.certificate_revoke(user=w.head, certificate=handler_cert, reason="Cấp nhầm")
    assert selectors.training_yearly_figures(organization_ids=[w.ward.pk], year=2026)[w.ward.pk] == (
        YearlyTrainingFigures(3, 1)
    )
    report = selectors.coverage_report(user=w.head, root=w.ward, year=2026)
    assert (report.total.required, report.total.trained) == (3, 1)
    assert [s.name for s in selectors.not_trained(user=w.head, body=w.ward, year=2026)] == [
        "Trần Thị Xử Lý", "Đỗ Thị Tiếp Nhận"]  # the page's order (by name as stored)  # fmt: skip
    assert kept.revoked_on is None


def test_a_revoked_certificate_holder_s_attendance_is_no_longer_frozen(w, frozen_clock):
    course = course_with_sessions(w)
    certificate = certified(w, course, w.reception)
    first = course.sessions.get(held_on=JAN20)
    with pytest.raises(DomainError) as refused:
        services.attendance_record(user=w.head, session=first, present=set())
    assert refused.value.code == codes.TRAINING_ATTENDANCE_FROZEN
    services.certificate_revoke(user=w.head, certificate=certificate, reason="Vắng buổi đầu, ghi nhầm")
    services.attendance_record(user=w.head, session=first, present=set())
    assert not TrainingAttendance.objects.get(session=first).present


def test_a_ward_officer_with_no_role_over_the_course_may_not_revoke(w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    ward_dan_van = officer("dv_kl", Role.DAN_VAN_OFFICER, w.other, subtree=True)
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(user=ward_dan_van, certificate=certificate, reason="x")
    assert TrainingSession.objects.filter(cancelled_on__isnull=False).count() == 0
    assert TrainingCertificate.objects.get().revoked_on is None
