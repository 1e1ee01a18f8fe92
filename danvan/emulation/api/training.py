"""The training part over the REST API (operation ids ``emulation_training_*``): courses, sessions,
enrolment, attendance, certificates and the coverage for the organisers; the public verification of a
certificate by its number (initials only). Thin over ``services.training`` and ``selectors.training``;
refusals in the project's one error shape (a missing and a forbidden object both 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply

from danvan.core.errors import NotFound
from danvan.emulation import permissions as ep
from danvan.emulation.selectors import training as selectors
from danvan.emulation.services import training as services
from danvan.org.selectors import organization_get_for
from danvan.rest.auth import principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID, TEXT_LIMIT, Input

router = Router(tags=["emulation"])
P = "/emulation/training"


class CourseIn(Input):
    organization_id: int = Field(..., ge=1, le=MAX_ID)
    topic_code: str = Field(..., max_length=40)
    title: str = Field(..., min_length=1, max_length=255)
    description: str = Field("", max_length=TEXT_LIMIT)


class CourseOut(Schema):
    id: int
    organization_id: int
    topic: str
    title: str


class SessionIn(Input):
    held_on: dt.date
    place: str = Field(..., min_length=1, max_length=255)
    trainer: str = Field(..., min_length=1, max_length=200)
    capacity: int = Field(..., ge=1, le=10_000)
    required: bool = True


class TrainingSessionOut(Schema):
    id: int
    held_on: dt.date
    place: str
    trainer: str
    capacity: int
    required: bool


class EnrolIn(Input):
    person_id: int = Field(..., ge=1, le=MAX_ID)


class EnrolmentOut(Schema):
    id: int
    person_id: int
    present_at: list[int]  # the ids of the sessions where he was recorded present
    completed: bool
    certificate_number: str | None


class CourseDetailOut(CourseOut):
    seats_left: int | None
    sessions: list[TrainingSessionOut]
    enrolments: list[EnrolmentOut]


class AttendanceIn(Input):
    present: list[int] = Field(..., max_length=10_000)


class AttendanceOut(Schema):
    present: int


class CertificateOut(Schema):
    id: int
    number: str
    issued_on: dt.date
    enrolment_id: int


class CoverageRowOut(Schema):
    organization_id: int
    name: str
    must_be_trained: int
    trained: int
    subtree_must_be_trained: int
    subtree_trained: int


class CoverageOut(Schema):
    organization_id: int
    year: int
    must_be_trained: int
    trained: int
    percent: float | None
    rows: list[CoverageRowOut]


class VerifiedOut(Schema):
    number: str
    holder_initials: str
    course_title: str
    topic: str
    organiser: str
    issued_on: dt.date
    revoked_on: dt.date | None = None  # set: the certificate was revoked that day and is no longer valid


def _course_out(course: Any) -> dict[str, Any]:
    return {"id": course.pk, "organization_id": course.organization_id, "topic": course.topic.code,
            "title": course.title}  # fmt: skip


@router.get(f"{P}/courses", response={200: list[CourseOut], **ERRORS}, operation_id="emulation_training_list")
def course_list(request: HttpRequest) -> Any:
    """The courses of the bodies where the caller runs training, newest first (at most 100)."""
    return [_course_out(c) for c in selectors.courses_for(staff_user(principal(request)))[:100]]


@router.post(f"{P}/courses", response={201: CourseOut, **ERRORS}, operation_id="emulation_training_create")
def course_create(request: HttpRequest, payload: CourseIn) -> Any:
    """Create a course run by a body where the caller runs training."""
    user = staff_actor(principal(request, write=True))
    body = organization_get_for(user=user, pk=payload.organization_id, action=ep.TRAINING_MANAGE)
    topic = selectors.topics().filter(code=payload.topic_code).first()
    if topic is None:
        raise NotFound("topic not found")
    course = services.course_create(user=user, organization=body, topic=topic, title=payload.title,
                                    description=payload.description)  # fmt: skip
    return Reply(201, _course_out(course))


@router.get(f"{P}/courses/{{course_id}}", response={200: CourseDetailOut, **ERRORS},
            operation_id="emulation_training_get")  # fmt: skip
def course_get(request: HttpRequest, course_id: int) -> Any:
    """A course with its sessions and the officers enrolled (ids, attendance, certificate numbers)."""
    detail = selectors.course_detail(user=staff_user(principal(request)), pk=course_id)
    return {
        **_course_out(detail.course), "seats_left": detail.seats_left,
        "sessions": detail.sessions,
        "enrolments": [{"id": r.enrolment.pk, "person_id": r.enrolment.person_id, "present_at": sorted(r.present),
                        "completed": r.completed, "certificate_number": r.certificate.number if r.certificate else None}
                       for r in detail.rows],
    }  # fmt: skip


@router.post(f"{P}/courses/{{course_id}}/sessions", response={201: TrainingSessionOut, **ERRORS},
             operation_id="emulation_training_session_add")  # fmt: skip
def session_add(request: HttpRequest, course_id: int, payload: SessionIn) -> Any:
    """Add a session (it may not have fewer seats than officers already enrolled)."""
    user = staff_actor(principal(request, write=True))
    course = selectors.course_get_for(user=user, pk=course_id)
    return Reply(201, services.session_add(user=user, course=course, **payload.dict()))


@router.post(f"{P}/courses/{{course_id}}/enrolments", response={201: EnrolmentOut, **ERRORS},
             operation_id="emulation_training_enrol")  # fmt: skip
def enrol(request: HttpRequest, course_id: int, payload: EnrolIn) -> Any:
    """Enrol an officer of a body where the caller runs training, while a seat is left."""
    user = staff_actor(principal(request, write=True))
    course = selectors.course_get_for(user=user, pk=course_id)
    enrolment = services.enrolment_add_by_id(user=user, course=course, person_id=payload.person_id)
    return Reply(201, {"id": enrolment.pk, "person_id": enrolment.person_id, "present_at": [], "completed": False,
                       "certificate_number": None})  # fmt: skip


@router.post(f"{P}/courses/{{course_id}}/sessions/{{session_id}}/attendance", response={200: AttendanceOut, **ERRORS},
             operation_id="emulation_training_attendance")  # fmt: skip
def attendance(request: HttpRequest, course_id: int, session_id: int, payload: AttendanceIn) -> Any:
    """Record who was present at a held session (enrolment ids); every other officer enrolled is absent."""
    user = staff_actor(principal(request, write=True))
    course = selectors.course_get_for(user=user, pk=course_id)
    session = selectors.session_get_for(user=user, course=course, pk=session_id)
    return {"present": services.attendance_record(user=user, session=session, present=payload.present)}


@router.post(f"{P}/courses/{{course_id}}/enrolments/{{enrolment_id}}/certificate",
             response={201: CertificateOut, **ERRORS}, operation_id="emulation_training_certify")  # fmt: skip
def certify(request: HttpRequest, course_id: int, enrolment_id: int) -> Any:
    """Issue the certificate of an officer who attended every required session."""
    user = staff_actor(principal(request, write=True))
    course = selectors.course_get_for(user=user, pk=course_id)
    enrolment = selectors.enrolment_get_for(user=user, course=course, pk=enrolment_id)
    made = services.certificate_issue(user=user, enrolment=enrolment)
    return Reply(201, {"id": made.pk, "number": made.number, "issued_on": made.issued_on,
                       "enrolment_id": made.enrolment_id})  # fmt: skip


@router.get(f"{P}/coverage", response={200: CoverageOut, **ERRORS}, operation_id="emulation_training_coverage")
def coverage(request: HttpRequest, organization_id: int = Query(..., ge=1, le=MAX_ID),
             year: int = Query(..., ge=2000, le=2100)) -> Any:  # fmt: skip
    """A unit's coverage for a year: its total with the bodies under it, and each body's figures (at most 500)."""
    user = staff_user(principal(request))
    body = selectors.coverage_body_get_for(user=user, pk=organization_id)
    report = selectors.coverage_report(user=user, root=body, year=year)
    rows = []
    for org in report.rows[:500]:
        row = report.row(org)
        rows.append({"organization_id": org.pk, "name": org.name, "must_be_trained": row.own.required,
                     "trained": row.own.trained, "subtree_must_be_trained": row.subtree.required,
                     "subtree_trained": row.subtree.trained})  # fmt: skip
    return {"organization_id": body.pk, "year": year, "must_be_trained": report.total.required,
            "trained": report.total.trained, "percent": report.total.percent, "rows": rows}  # fmt: skip


@router.get(f"{P}/certificates/verify", response={200: VerifiedOut, **ERRORS},
            operation_id="emulation_training_verify")  # fmt: skip
def verify(request: HttpRequest, number: str = Query(..., min_length=1, max_length=40)) -> Any:
    """Public: a certificate by its number — the course, the organiser, the date, the holder's initials, and
    the day it was revoked if it was (``revoked_on``; null while valid)."""
    principal(request)  # rate limit
    found = selectors.certificate_verify(number)
    if found is None:
        raise NotFound("certificate not found")
    return found
