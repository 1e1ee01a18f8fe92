"""Training's services: who may run a course, enrol, record attendance and certify; and every refusal
with its code, nothing half-stored."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.emulation import errors as codes
from danvan.emulation.models import (
    Course,
    Enrolment,
    TrainingAttendance,
    TrainingCertificate,
    TrainingRequirement,
    TrainingSession,
)
from danvan.emulation.selectors import training as selectors
from danvan.emulation.services import training as services
from danvan.emulation.tests.national import rule_keeper
from danvan.emulation.tests.training.factories import certified, course_with_sessions, training_world
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return training_world()


def test_the_head_creates_a_course_with_sessions_and_it_is_audited(w, frozen_clock):
    course = course_with_sessions(w)
    assert course.organization == w.ward and course.topic.code == "tiep-cong-dan"
    assert [s.held_on for s in course.sessions.all()] == [dt.date(2026, 1, 20), dt.date(2026, 2, 3)]
    assert AuditEvent.objects.filter(action="emulation.training_course_created", object_id=str(course.pk)).count() == 1
    assert AuditEvent.objects.filter(action="emulation.training_session_added").count() == 2


def test_a_head_of_another_ward_and_a_clerk_may_not_run_the_ward_s_courses(w):
    for who in (w.other_head, w.clerk):
        with pytest.raises(PermissionDenied) as refused:
            services.course_create(user=who, organization=w.ward, topic=w.reception_topic, title="X")
        assert refused.value.code == "forbidden"
    assert not Course.objects.exists()


def test_an_empty_title_is_refused_with_its_code(w):
    with pytest.raises(DomainError) as refused:
        services.course_create(user=w.head, organization=w.ward, topic=w.reception_topic, title="   ")
    assert refused.value.code == codes.TRAINING_EMPTY_TITLE
    assert not Course.objects.exists()


def test_a_session_without_place_or_trainer_is_refused(w):
    course = course_with_sessions(w, days=())
    with pytest.raises(DomainError) as refused:
        services.session_add(user=w.head, course=course, held_on=dt.date(2026, 3, 1), place=" ", trainer="A",
                             capacity=10)  # fmt: skip
    assert refused.value.code == codes.TRAINING_SESSION_INVALID
    assert not TrainingSession.objects.exists()


def test_enrolling_beyond_the_smallest_session_s_seats_is_refused(w, frozen_clock):
    course = course_with_sessions(w, capacity=2)
    services.enrolment_add(user=w.head, course=course, person=w.clerk)
    services.enrolment_add(user=w.head, course=course, person=w.reception)
    with pytest.raises(DomainError) as refused:
        services.enrolment_add(user=w.head, course=course, person=w.handler)
    assert refused.value.code == codes.TRAINING_COURSE_FULL
    assert list(course.enrolments.values_list("person__username", flat=True)) == ["tiepnhan", "tiepdan"]
    assert AuditEvent.objects.filter(action="emulation.training_enrolled").count() == 2


def test_a_session_with_fewer_seats_than_officers_enrolled_is_refused(w, frozen_clock):
    course = course_with_sessions(w, days=(dt.date(2026, 1, 20),), capacity=5)
    for person in (w.clerk, w.reception):
        services.enrolment_add(user=w.head, course=course, person=person)
    with pytest.raises(DomainError) as refused:
        services.session_add(user=w.head, course=course, held_on=dt.date(2026, 3, 1), place="P", trainer="T",
                             capacity=1)  # fmt: skip
    assert refused.value.code == codes.TRAINING_SEATS_BELOW_ENROLLED
    assert course.sessions.count() == 1


def test_only_officers_of_the_organiser_s_scope_are_enrolled_once(w, frozen_clock):
    course = course_with_sessions(w)
    with pytest.raises(DomainError) as refused:
        services.enrolment_add(user=w.head, course=course, person=w.stranger)
    assert refused.value.code == codes.TRAINING_NOT_AN_OFFICER_IN_SCOPE
    citizen = officer("congdan", Role.CITIZEN, w.ward)
    with pytest.raises(DomainError) as refused:
        services.enrolment_add(user=w.head, course=course, person=citizen)
    assert refused.value.code == codes.TRAINING_NOT_AN_OFFICER_IN_SCOPE
    services.enrolment_add(user=w.head, course=course, person=w.clerk)
    with pytest.raises(DomainError) as refused:
        services.enrolment_add(user=w.head, course=course, person=w.clerk)
    assert refused.value.code == codes.TRAINING_ALREADY_ENROLLED
    assert Enrolment.objects.count() == 1


def test_the_city_s_dan_van_officer_enrols_officers_of_any_ward(w, frozen_clock):
    course = services.course_create(user=w.dan_van, organization=w.city, topic=w.one_stop_topic, title="Một cửa")
    services.enrolment_add(user=w.dan_van, course=course, person=w.stranger)
    services.enrolment_add(user=w.dan_van, course=course, person=w.clerk)
    assert course.enrolments.count() == 2


def test_attendance_for_a_session_not_yet_held_is_refused(w, frozen_clock):
    course = course_with_sessions(w, days=(dt.date(2026, 2, 5), dt.date(2026, 2, 6)))
    enrolment = services.enrolment_add(user=w.head, course=course, person=w.clerk)
    today, tomorrow = course.sessions.all()
    services.attendance_record(user=w.head, session=today, present={enrolment.pk})  # held today: allowed
    with pytest.raises(DomainError) as refused:
        services.attendance_record(user=w.head, session=tomorrow, present={enrolment.pk})
    assert refused.value.code == codes.TRAINING_SESSION_NOT_HELD
    assert list(TrainingAttendance.objects.values_list("session_id", flat=True)) == [today.pk]


def test_attendance_marks_the_others_absent_and_refuses_strangers(w, frozen_clock):
    course = course_with_sessions(w)
    first = services.enrolment_add(user=w.head, course=course, person=w.clerk)
    second = services.enrolment_add(user=w.head, course=course, person=w.reception)
    session = course.sessions.first()
    assert services.attendance_record(user=w.head, session=session, present={first.pk}) == 1
    assert dict(TrainingAttendance.objects.values_list("enrolment_id", "present")) == {first.pk: True,
                                                                                       second.pk: False}  # fmt: skip
    services.attendance_record(user=w.head, session=session, present={second.pk})  # recorded again: replaced
    assert dict(TrainingAttendance.objects.values_list("enrolment_id", "present")) == {first.pk: False,
                                                                                       second.pk: True}  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.attendance_record(user=w.head, session=session, present={first.pk, 999_999})
    assert refused.value.code == codes.TRAINING_NOT_ENROLLED
    assert TrainingAttendance.objects.get(enrolment=second).present


def test_a_certificate_for_someone_who_did_not_complete_is_refused(w, frozen_clock):
    course = course_with_sessions(w)
    enrolment = services.enrolment_add(user=w.head, course=course, person=w.clerk)
    services.attendance_record(user=w.head, session=course.sessions.first(), present={enrolment.pk})
    with pytest.raises(DomainError) as refused:
        services.certificate_issue(user=w.head, enrolment=enrolment)
    assert refused.value.code == codes.TRAINING_NOT_COMPLETED
    assert not TrainingCertificate.objects.exists()


def test_an_optional_session_missed_does_not_stop_the_certificate(w, frozen_clock):
    course = course_with_sessions(w, days=(dt.date(2026, 1, 20),))
    optional = services.session_add(user=w.head, course=course, held_on=dt.date(2026, 2, 1), place="P",
                                    trainer="T", capacity=5, required=False)  # fmt: skip
    enrolment = services.enrolment_add(user=w.head, course=course, person=w.clerk)
    services.attendance_record(user=w.head, session=course.sessions.get(required=True), present={enrolment.pk})
    services.attendance_record(user=w.head, session=optional, present=set())
    certificate = services.certificate_issue(user=w.head, enrolment=enrolment)
    assert certificate.issued_on == dt.date(2026, 2, 5)


def test_a_certificate_has_a_unique_number_and_is_issued_once(w, frozen_clock):
    course = course_with_sessions(w)
    first = certified(w, course, w.clerk)
    second = certified(w, course, w.reception)
    assert first.number.startswith("DT-2026-") and len(first.number) == len("DT-2026-") + 8
    assert first.number != second.number
    with pytest.raises(DomainError) as refused:
        services.certificate_issue(user=w.head, enrolment=first.enrolment)
    assert refused.value.code == codes.TRAINING_ALREADY_CERTIFIED
    assert TrainingCertificate.objects.count() == 2
    assert AuditEvent.objects.filter(action="emulation.training_certificate_issued").count() == 2


def test_the_attendance_of_a_certified_officer_is_frozen(w, frozen_clock):
    """After the certificate, marking its holder absent would leave a certificate that still verifies for a
    course he no longer completed: refused, nothing written; the others' attendance may still be recorded."""
    course = course_with_sessions(w)
    certificate = certified(w, course, w.clerk)
    other = services.enrolment_add(user=w.head, course=course, person=w.reception)
    session = course.sessions.first()
    before = sorted(TrainingAttendance.objects.filter(session=session).values_list("enrolment_id", "present"))
    with pytest.raises(DomainError) as refused:
        services.attendance_record(user=w.head, session=session, present={other.pk})
    assert refused.value.code == codes.TRAINING_ATTENDANCE_FROZEN
    assert sorted(TrainingAttendance.objects.filter(session=session).values_list("enrolment_id", "present")) == before
    assert selectors.enrolment_completed(certificate.enrolment)
    # unchanged for the holder: the newcomer's attendance is recorded
    assert services.attendance_record(user=w.head, session=session, present={certificate.enrolment_id, other.pk}) == 2
    assert TrainingAttendance.objects.get(session=session, enrolment=other).present


def test_another_ward_s_head_may_not_record_attendance_or_certify(w, frozen_clock):
    course = course_with_sessions(w)
    enrolment = services.enrolment_add(user=w.head, course=course, person=w.clerk)
    with pytest.raises(PermissionDenied):
        services.attendance_record(user=w.other_head, session=course.sessions.first(), present={enrolment.pk})
    with pytest.raises(PermissionDenied):
        services.certificate_issue(user=w.other_head, enrolment=enrolment)
    assert not TrainingAttendance.objects.exists()


def test_only_the_rule_keeper_edits_the_requirements_with_a_source_and_dates(w):
    operator = rule_keeper()
    for refused in (w.dan_van, officer("vanhanh", Role.OPERATOR, w.city, subtree=True)):
        with pytest.raises(PermissionDenied) as denied:
            services.requirement_add(user=refused, role=Role.HEAD, topic=w.reception_topic, source="QĐ x",
                                     valid_from=dt.date(2026, 1, 1))  # fmt: skip
        assert denied.value.code == "forbidden"
    with pytest.raises(DomainError) as refused:
        services.requirement_add(user=operator, role=Role.HEAD, topic=w.reception_topic, source=" ",
                                 valid_from=dt.date(2026, 1, 1))  # fmt: skip
    assert refused.value.code == codes.TRAINING_REQUIREMENT_INVALID
    added = services.requirement_add(user=operator, role=Role.HEAD, topic=w.reception_topic, source="QĐ x",
                                     valid_from=dt.date(2026, 1, 1))  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.requirement_update(user=operator, requirement=added, source="QĐ x", valid_from=dt.date(2026, 1, 1),
                                    valid_to=dt.date(2025, 1, 1), verified=True)  # fmt: skip
    assert refused.value.code == codes.TRAINING_REQUIREMENT_INVALID
    added.refresh_from_db()
    assert added.valid_to is None and not added.verified
    services.requirement_update(user=operator, requirement=added, source="QĐ y", valid_from=dt.date(2026, 1, 1),
                                valid_to=dt.date(2026, 12, 31), verified=True)  # fmt: skip
    added.refresh_from_db()
    assert (added.source, added.valid_to, added.verified) == ("QĐ y", dt.date(2026, 12, 31), True)
    assert TrainingRequirement.objects.filter(verified=False).count() == 3  # the migration's [U] rows
