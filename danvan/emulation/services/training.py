"""Training's writes: courses, sessions, enrolment, attendance, certificates, and the requirements saying
which roles must be trained. Each is keyword-only, one transaction, permission first, then the rules
(refusals with a code from errors.py, nothing stored), then the write and its audit event."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.reference_data import require_reference_data_editor
from danvan.emulation import errors
from danvan.emulation import permissions as ep
from danvan.emulation.models import (
    Course,
    Enrolment,
    TrainingAttendance,
    TrainingCertificate,
    TrainingRequirement,
    TrainingSession,
    TrainingTopic,
)
from danvan.emulation.rules import training as rules
from danvan.emulation.selectors import training as selectors
from danvan.org import permissions
from danvan.org.choices import Role
from danvan.org.models import Organization


@transaction.atomic
def course_create(*, user: Any, organization: Organization, topic: TrainingTopic, title: str,
                  description: str = "") -> Course:  # fmt: skip
    """A course run by ``organization`` (the user must manage training there)."""
    course = Course(organization=organization, topic=topic, title=title.strip(), description=description.strip(),
                    created_by=user)  # fmt: skip
    permissions.require(user, ep.TRAINING_MANAGE, course)
    if not course.title:
        raise DomainError(_("Give the course a title."), code=errors.TRAINING_EMPTY_TITLE)
    course.save()
    audit_record(actor=user, action="emulation.training_course_created", obj=course,
                 after={"organization": organization.pk, "topic": topic.code, "title": course.title})  # fmt: skip
    return course


@transaction.atomic
def session_add(*, user: Any, course: Course, held_on: dt.date, place: str, trainer: str, capacity: int,
                required: bool = True) -> TrainingSession:  # fmt: skip
    """A session of ``course``. Every enrolled officer attends every session, so a session cannot have
    fewer seats than officers already enrolled."""
    permissions.require(user, ep.TRAINING_MANAGE, course)
    course = Course.objects.select_for_update().get(pk=course.pk)  # one enrolment or session at a time
    session = TrainingSession(course=course, held_on=held_on, place=place.strip(), trainer=trainer.strip(),
                              capacity=capacity, required=required)  # fmt: skip
    if not session.place or not session.trainer or capacity < 1:
        raise DomainError(_("A session needs a place, a trainer and at least one seat."),
                          code=errors.TRAINING_SESSION_INVALID)  # fmt: skip
    enrolled = course.enrolments.count()
    if capacity < enrolled:
        raise DomainError(
            _("This session has %(seats)d seats but %(enrolled)d officers are already enrolled in the course.")
            % {"seats": capacity, "enrolled": enrolled},
            code=errors.TRAINING_SEATS_BELOW_ENROLLED,
        )
    session.save()
    audit_record(actor=user, action="emulation.training_session_added", obj=session,
                 after={"course": course.pk, "held_on": held_on, "place": session.place, "capacity": capacity,
                        "required": required})  # fmt: skip
    return session


@transaction.atomic
def enrolment_add(*, user: Any, course: Course, person: Any) -> Enrolment:
    """Enrol an officer: someone holding a staff role today in a body where ``user`` manages training,
    while the smallest session has a seat left."""
    permissions.require(user, ep.TRAINING_MANAGE, course)
    course = Course.objects.select_for_update().get(pk=course.pk)  # the seat count cannot race
    if not selectors.officer_in_scope(user=user, person=person):
        raise DomainError(_("Only officers of the bodies you run training for can be enrolled."),
                          code=errors.TRAINING_NOT_AN_OFFICER_IN_SCOPE)  # fmt: skip
    if course.enrolments.filter(person=person).exists():
        raise DomainError(_("This officer is already enrolled in the course."), code=errors.TRAINING_ALREADY_ENROLLED)
    left = rules.seats_left(capacities=course.sessions.filter(cancelled_on__isnull=True).values_list("capacity",
                                                                                                  flat=True),
                            enrolled=course.enrolments.count())  # fmt: skip
    if left == 0:
        raise DomainError(_("The course is full: every seat of its smallest session is taken."),
                          code=errors.TRAINING_COURSE_FULL)  # fmt: skip
    enrolment = Enrolment.objects.create(course=course, person=person, enrolled_by=user)
    audit_record(actor=user, action="emulation.training_enrolled", obj=enrolment,
                 after={"course": course.pk, "person": person.pk})  # fmt: skip
    return enrolment


def enrolment_add_by_id(*, user: Any, course: Course, person_id: int) -> Enrolment:
    """``enrolment_add`` for an officer named by id (the API): an id that is nobody, or nobody in scope, is
    refused alike, so the answer does not tell which accounts exist."""
    person = selectors.officers_in_scope(user=user).filter(pk=person_id).first()
    if person is None:
        permissions.require(user, ep.TRAINING_MANAGE, course)
        raise DomainError(_("Only officers of the bodies you run training for can be enrolled."),
                          code=errors.TRAINING_NOT_AN_OFFICER_IN_SCOPE)  # fmt: skip
    return enrolment_add(user=user, course=course, person=person)


@transaction.atomic
def attendance_record(*, user: Any, session: TrainingSession, present: Iterable[int]) -> int:
    """Record who was present at a held session: the enrolments ``present`` (their ids) present, every other
    enrolment of the course absent. Recording again replaces the earlier record, except for an officer who
    already holds the certificate (refused, ``training_attendance_frozen``). Returns how many were present."""
    permissions.require(user, ep.TRAINING_MANAGE, session)
    today = clock.today()
    # As stored, and locked: a correction or a cancellation at the same moment waits (they lock it too).
    session = TrainingSession.objects.select_for_update(of=("self",)).select_related("course").get(pk=session.pk)
    if session.cancelled_on is not None:
        raise DomainError(_("This session was cancelled: no attendance is recorded for it."),
                          code=errors.TRAINING_SESSION_CANCELLED)  # fmt: skip
    if session.held_on > today:
        raise DomainError(
            _("The session of %(day)s has not been held yet: attendance is recorded after it.")
            % {"day": session.held_on.strftime("%d/%m/%Y")},
            code=errors.TRAINING_SESSION_NOT_HELD,
        )
    # The course's enrolments locked: a certificate issued meanwhile (``certificate_issue`` locks its
    # enrolment) is seen by the check below, or waits for this record.
    enrolments = set(session.course.enrolments.select_for_update().values_list("pk", flat=True))
    wanted = set(present)
    if not wanted <= enrolments:
        raise DomainError(_("Only officers enrolled in the course can be marked present."),
                          code=errors.TRAINING_NOT_ENROLLED)  # fmt: skip
    # A certificate holder's attendance is frozen: marking him absent would leave a certificate that still
    # verifies for a course he no longer completed. Recording him as he already is stays allowed.
    recorded = dict(session.attendance.values_list("enrolment_id", "present"))
    certified = (
        TrainingCertificate.objects.counting()
        .filter(enrolment_id__in=enrolments)
        .values_list("enrolment_id", flat=True)
    )

    def changes(pk: int) -> bool:  # an absence on a required session nobody recorded yet changes it too
        return recorded[pk] != (pk in wanted) if pk in recorded else session.required and pk not in wanted

    if any(changes(pk) for pk in certified):
        raise DomainError(_("An officer of this session already holds the course's certificate: his attendance "
                            "can no longer be changed."), code=errors.TRAINING_ATTENDANCE_FROZEN)  # fmt: skip
    for enrolment_id in sorted(enrolments):
        TrainingAttendance.objects.update_or_create(
            session=session, enrolment_id=enrolment_id,
            defaults={"present": enrolment_id in wanted, "recorded_by": user},
        )  # fmt: skip
    audit_record(actor=user, action="emulation.training_attendance_recorded", obj=session,
                 after={"present": sorted(wanted), "absent": sorted(enrolments - wanted)})  # fmt: skip
    return len(wanted)


def _new_number(year: int) -> str:
    token = "".join(secrets.choice(rules.NUMBER_ALPHABET) for _ in range(rules.NUMBER_TOKEN_LENGTH))
    return rules.certificate_number(year=year, token=token)


@transaction.atomic
def certificate_issue(*, user: Any, enrolment: Enrolment) -> TrainingCertificate:
    """The certificate of an officer who completed the course (present at every required session)."""
    permissions.require(user, ep.TRAINING_MANAGE, enrolment)
    enrolment = Enrolment.objects.select_for_update().select_related("course", "person").get(pk=enrolment.pk)
    if TrainingCertificate.objects.filter(enrolment=enrolment).exists():
        raise DomainError(_("This officer already has the course's certificate."),
                          code=errors.TRAINING_ALREADY_CERTIFIED)  # fmt: skip
    if not selectors.enrolment_completed(enrolment):
        raise DomainError(_("This officer has not attended every required session of the course."),
                          code=errors.TRAINING_NOT_COMPLETED)  # fmt: skip
    issued_on = clock.today()
    for _attempt in range(5):  # 31^8 numbers: a clash is all but impossible, and retried if it happens
        try:
            with transaction.atomic():
                certificate = TrainingCertificate.objects.create(
                    enrolment=enrolment, number=_new_number(issued_on.year), issued_on=issued_on, issued_by=user
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover
        raise RuntimeError("no free certificate number")
    audit_record(actor=user, action="emulation.training_certificate_issued", obj=certificate,
                 after={"enrolment": enrolment.pk, "person": enrolment.person_id, "number": certificate.number})  # fmt: skip
    return certificate


# Corrections: a course's text, a session before it is held, cancelling a session, revoking a certificate ----


@transaction.atomic
def course_update(*, user: Any, course: Course, topic: TrainingTopic, title: str, description: str = "") -> Course:
    """Correct a course's title, topic or description (its organising body stays: it decides who runs it)."""
    permissions.require(user, ep.TRAINING_MANAGE, course)
    course = Course.objects.select_for_update().get(pk=course.pk)
    title, description = title.strip(), description.strip()
    if not title:
        raise DomainError(_("Give the course a title."), code=errors.TRAINING_EMPTY_TITLE)
    before = {"topic": course.topic.code, "title": course.title, "description": course.description}
    course.topic, course.title, course.description = topic, title, description
    course.save(update_fields=["topic", "title", "description", "updated_at"])
    audit_record(actor=user, action="emulation.training_course_changed", obj=course, before=before,
                 after={"topic": topic.code, "title": title, "description": description})  # fmt: skip
    return course


def _session_open(session: TrainingSession, *, cancelling: bool) -> None:
    """A session is corrected or cancelled only while it is neither cancelled nor held (attendance
    recorded): once held, its record is what the certificates rest on."""
    if session.cancelled_on is not None:
        day = session.cancelled_on.strftime("%d/%m/%Y")
        raise DomainError(
            (_("This session was already cancelled on %(day)s.") if cancelling
             else _("This session was cancelled on %(day)s: it can no longer be changed.")) % {"day": day},
            code=errors.TRAINING_SESSION_CANCELLED,
        )  # fmt: skip
    if session.attendance.exists():
        raise DomainError(
            _("The attendance of this session is recorded: it was held and can no longer be cancelled.") if cancelling
            else _("The attendance of this session is recorded: it was held and can no longer be changed."),
            code=errors.TRAINING_SESSION_HELD,
        )  # fmt: skip


@transaction.atomic
def session_update(*, user: Any, session: TrainingSession, held_on: dt.date, place: str, trainer: str,
                   capacity: int) -> TrainingSession:  # fmt: skip
    """Correct a session's day, place, trainer or seats until it is held (its attendance recorded). The
    seats never fall below the officers already enrolled."""
    permissions.require(user, ep.TRAINING_MANAGE, session)
    Course.objects.select_for_update().get(pk=session.course_id)  # as enrolment: the seat count cannot race
    session = TrainingSession.objects.select_for_update(of=("self",)).select_related("course").get(pk=session.pk)
    _session_open(session, cancelling=False)
    if not rules.session_day_allowed(current=session.held_on, new=held_on, today=clock.today()):
        raise DomainError(_("A session is moved to today or a later day, never into the past."),
                          code=errors.TRAINING_SESSION_INVALID, details={"field": "held_on"})  # fmt: skip
    place, trainer = place.strip(), trainer.strip()
    if not place or not trainer or capacity < 1:
        raise DomainError(_("A session needs a place, a trainer and at least one seat."),
                          code=errors.TRAINING_SESSION_INVALID)  # fmt: skip
    enrolled = session.course.enrolments.count()
    if capacity < enrolled:
        raise DomainError(
            _("This session has %(seats)d seats but %(enrolled)d officers are already enrolled in the course.")
            % {"seats": capacity, "enrolled": enrolled},
            code=errors.TRAINING_SEATS_BELOW_ENROLLED,
        )
    before = {"held_on": session.held_on, "place": session.place, "trainer": session.trainer,
              "capacity": session.capacity}  # fmt: skip
    session.held_on, session.place, session.trainer, session.capacity = held_on, place, trainer, capacity
    session.save(update_fields=["held_on", "place", "trainer", "capacity", "updated_at"])
    audit_record(actor=user, action="emulation.training_session_changed", obj=session, before=before,
                 after={"held_on": held_on, "place": place, "trainer": trainer, "capacity": capacity})  # fmt: skip
    return session


@transaction.atomic
def session_cancel(*, user: Any, session: TrainingSession, reason: str) -> TrainingSession:
    """Cancel a session not yet held, with its reason; every officer enrolled in the course is told (an
    in-app notification, in this transaction). The session stays on record, cancelled: it takes no
    attendance, its seats no longer limit enrolment and it no longer counts towards completion."""
    permissions.require(user, ep.TRAINING_MANAGE, session)
    session = TrainingSession.objects.select_for_update(of=("self",)).select_related("course").get(pk=session.pk)
    _session_open(session, cancelling=True)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the session is cancelled: the officers enrolled are told."),
                          code=errors.TRAINING_REASON_REQUIRED)  # fmt: skip
    session.cancelled_on, session.cancel_reason, session.cancelled_by = clock.today(), reason, user
    session.save(update_fields=["cancelled_on", "cancel_reason", "cancelled_by", "updated_at"])
    told = _tell_cancelled(session)
    audit_record(actor=user, action="emulation.training_session_cancelled", obj=session,
                 after={"reason": reason, "held_on": session.held_on, "told": told})  # fmt: skip
    return session


def _tell_cancelled(session: TrainingSession) -> list[int]:
    """One in-app notification per officer enrolled (``notification_send``: stored, and any delivery queued
    through the outbox, in the caller's transaction). Returns who was told."""
    from danvan.notifications.services import notification_send

    course = session.course
    subject = _("The training session of %(day)s (%(course)s) is cancelled") % {
        "day": session.held_on.strftime("%d/%m/%Y"), "course": course.title}  # fmt: skip
    body = _("Reason: %(reason)s") % {"reason": session.cancel_reason}
    told = []
    for enrolment in course.enrolments.select_related("person").order_by("pk"):
        notification_send(channel="in_app", recipient=enrolment.person, template="emulation.training_cancelled",
                          subject=subject, body=body, about_kind="emulation.training_session",
                          about_id=session.pk, about_label=course.title)  # fmt: skip
        told.append(enrolment.person_id)
    return told


@transaction.atomic
def certificate_revoke(*, user: Any, certificate: TrainingCertificate, reason: str) -> TrainingCertificate:
    """Revoke a certificate (issued in error …) with its reason, by the side that issued it (those who run
    the course). It stays on record: the public check says "revoked on …", and it no longer counts towards
    coverage. The holder is told."""
    permissions.require(user, ep.TRAINING_MANAGE, certificate)
    certificate = (
        TrainingCertificate.objects.select_for_update(of=("self",))
        .select_related("enrolment__course", "enrolment__person")
        .get(pk=certificate.pk)
    )
    if certificate.revoked_on is not None:
        raise DomainError(_("This certificate was already revoked on %(day)s.")
                          % {"day": certificate.revoked_on.strftime("%d/%m/%Y")},
                          code=errors.TRAINING_CERTIFICATE_REVOKED)  # fmt: skip
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the certificate is revoked."), code=errors.TRAINING_REASON_REQUIRED)
    certificate.revoked_on, certificate.revoke_reason, certificate.revoked_by = clock.today(), reason, user
    certificate.save(update_fields=["revoked_on", "revoke_reason", "revoked_by", "updated_at"])
    from danvan.notifications.services import notification_send

    notification_send(channel="in_app", recipient=certificate.enrolment.person,
                      template="emulation.training_revoked",
                      subject=_("Training certificate %(number)s is revoked") % {"number": certificate.number},
                      body=_("Reason: %(reason)s") % {"reason": reason}, about_kind="emulation.training_certificate",
                      about_id=certificate.pk, about_label=certificate.number)  # fmt: skip
    audit_record(actor=user, action="emulation.training_certificate_revoked", obj=certificate,
                 after={"number": certificate.number, "person": certificate.enrolment.person_id, "reason": reason})  # fmt: skip
    return certificate


def _require_requirement_editor(user: Any) -> None:
    require_reference_data_editor(user, ep.TRAINING_EDIT_REQUIREMENTS)


def _check_requirement(requirement: TrainingRequirement) -> None:
    if not requirement.source.strip():
        raise DomainError(_("Name the source of the requirement (a text, or [U] with why)."),
                          code=errors.TRAINING_REQUIREMENT_INVALID)  # fmt: skip
    if requirement.valid_to is not None and requirement.valid_to < requirement.valid_from:
        raise DomainError(_("A requirement cannot end before it starts."), code=errors.TRAINING_REQUIREMENT_INVALID)


@transaction.atomic
def requirement_add(*, user: Any, role: str, topic: TrainingTopic, source: str, valid_from: dt.date,
                    valid_to: dt.date | None = None, verified: bool = False) -> TrainingRequirement:  # fmt: skip
    """ "Officers holding ``role`` must be trained in ``topic``" from ``valid_from`` (national data)."""
    _require_requirement_editor(user)
    requirement = TrainingRequirement(role=Role(role), topic=topic, source=source.strip(), valid_from=valid_from,
                                      valid_to=valid_to, verified=verified)  # fmt: skip
    _check_requirement(requirement)
    requirement.save()
    audit_record(actor=user, action="emulation.training_requirement_added", obj=requirement,
                 after={"role": role, "topic": topic.code, "source": requirement.source, "valid_from": valid_from,
                        "valid_to": valid_to, "verified": verified})  # fmt: skip
    return requirement


@transaction.atomic
def requirement_update(*, user: Any, requirement: TrainingRequirement, source: str, valid_from: dt.date,
                       valid_to: dt.date | None, verified: bool) -> TrainingRequirement:  # fmt: skip
    """Change a requirement's source, dates or verification (ending it is setting ``valid_to``)."""
    _require_requirement_editor(user)
    before = {"source": requirement.source, "valid_from": requirement.valid_from, "valid_to": requirement.valid_to,
              "verified": requirement.verified}  # fmt: skip
    changed = TrainingRequirement(pk=requirement.pk, role=requirement.role, topic=requirement.topic,
                                  source=source.strip(), valid_from=valid_from, valid_to=valid_to, verified=verified)  # fmt: skip
    _check_requirement(changed)
    requirement.source, requirement.valid_from = changed.source, valid_from
    requirement.valid_to, requirement.verified = valid_to, verified
    requirement.save(update_fields=["source", "valid_from", "valid_to", "verified", "updated_at"])
    audit_record(actor=user, action="emulation.training_requirement_changed", obj=requirement, before=before,
                 after={"source": requirement.source, "valid_from": valid_from, "valid_to": valid_to,
                        "verified": verified})  # fmt: skip
    return requirement
