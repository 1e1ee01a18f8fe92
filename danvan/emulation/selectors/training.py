"""Training's reads, through the permission gate: courses and their sessions, enrolments and attendance,
certificates (and the public verification, which shows initials only), the requirements, and the
coverage of a unit for a year (with who is not yet trained).

Coverage counts (officer, body) pairs: an officer holding, in a body, a role a requirement in force that
year names, is "to be trained" there; "trained" when a certificate was issued to him that year for every
topic his roles in that body require. Officers are those holding the role on the year's last day (today,
for the current year). A body's subtree figure adds up its own and every body's under it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.reference_data import may_edit_reference_data
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
from danvan.org import permissions
from danvan.org.models import Organization, RoleAssignment, User

# Courses and their parts ---------------------------------------------------------------------------------


def topics() -> QuerySet[TrainingTopic]:
    return TrainingTopic.objects.all()


def courses_for(user: Any) -> QuerySet[Course]:
    """The courses of the bodies where ``user`` runs training, newest first, with their counts."""
    return (
        Course.objects.filter(permissions.scope_filter(user, ep.TRAINING_MANAGE, "organization"))
        .select_related("organization", "topic")
        .annotate(session_count=Count("sessions", distinct=True), enrolled_count=Count("enrolments", distinct=True))
        .order_by("-created_at", "-id")
    )


def course_get_for(*, user: Any, pk: int) -> Course:
    """A course ``user`` runs; ``NotFound`` alike when it does not exist and when he may not."""
    course = Course.objects.select_related("organization", "topic").filter(pk=pk).first()
    if course is None or not permissions.user_may(user, ep.TRAINING_MANAGE, course):
        raise NotFound("course not found")
    return course


def session_get_for(*, user: Any, course: Course, pk: int) -> TrainingSession:
    session = TrainingSession.objects.select_related("course__organization").filter(pk=pk, course=course).first()
    if session is None:
        raise NotFound("session not found")
    return session


def enrolment_get_for(*, user: Any, course: Course, pk: int) -> Enrolment:
    enrolment = Enrolment.objects.select_related("course__organization", "person").filter(pk=pk, course=course).first()
    if enrolment is None:
        raise NotFound("enrolment not found")
    return enrolment


def bodies_managed_by(user: Any) -> QuerySet[Organization]:
    """The bodies whose courses ``user`` may run (a course form's choices)."""
    return Organization.objects.filter(permissions.scope_filter(user, ep.TRAINING_MANAGE)).order_by("path")


def _staff_grants_in_scope(user: Any) -> QuerySet[RoleAssignment]:
    bodies = Organization.objects.filter(permissions.scope_filter(user, ep.TRAINING_MANAGE)).values("pk")
    return RoleAssignment.objects.active_on(clock.today()).filter(
        role__in=[str(r) for r in permissions.STAFF_ROLES], organization_id__in=bodies
    )


def officers_in_scope(*, user: Any) -> QuerySet[User]:
    """Active officers holding a staff role today in a body where ``user`` runs training."""
    return User.objects.filter(is_active=True, pk__in=_staff_grants_in_scope(user).values("user_id")).order_by(
        "full_name", "username"
    )


def officers_enrollable(*, user: Any, course: Course) -> QuerySet[User]:
    """The officers ``user`` may enrol in ``course``: in his scope, not yet enrolled."""
    return officers_in_scope(user=user).exclude(pk__in=course.enrolments.values("person_id"))


def officer_in_scope(*, user: Any, person: Any) -> bool:
    return bool(getattr(person, "is_active", False)) and _staff_grants_in_scope(user).filter(user=person).exists()


def counts_for_completion(session: TrainingSession) -> bool:
    """A session counts towards completion when it is required and not cancelled (the one place this is said)."""
    return session.required and session.cancelled_on is None


def _required_ids(course_id: int) -> set[int]:
    sessions = TrainingSession.objects.filter(course_id=course_id).only("pk", "required", "cancelled_on")
    return {s.pk for s in sessions if counts_for_completion(s)}


def enrolment_completed(enrolment: Enrolment) -> bool:
    attended = set(
        TrainingAttendance.objects.filter(enrolment=enrolment, present=True).values_list("session_id", flat=True)
    )
    return rules.course_completed(required_sessions=_required_ids(enrolment.course_id), attended_sessions=attended)


@dataclass
class EnrolmentRow:
    enrolment: Enrolment
    present: set[int]  # the sessions where he was recorded present
    recorded: set[int]  # the sessions whose attendance was recorded for him
    completed: bool
    certificate: TrainingCertificate | None


@dataclass
class CourseDetail:
    course: Course
    sessions: list[TrainingSession]
    rows: list[EnrolmentRow]
    seats_left: int | None
    today: dt.date
    recorded_sessions: set[int] = field(default_factory=set)  # held: their attendance is recorded


def course_detail(*, user: Any, pk: int) -> CourseDetail:
    """What the course page shows, in a fixed number of queries."""
    course = course_get_for(user=user, pk=pk)
    sessions = list(course.sessions.all())
    required = {s.pk for s in sessions if counts_for_completion(s)}
    enrolments = list(
        course.enrolments.select_related("person", "certificate")
        .prefetch_related(Prefetch("attendance", queryset=TrainingAttendance.objects.only("session_id", "present",
                                                                                           "enrolment_id")))
        .order_by("person__full_name", "person__username")
    )  # fmt: skip
    rows = []
    for enrolment in enrolments:
        present = {a.session_id for a in enrolment.attendance.all() if a.present}
        rows.append(EnrolmentRow(
            enrolment=enrolment, present=present, recorded={a.session_id for a in enrolment.attendance.all()},
            completed=rules.course_completed(required_sessions=required, attended_sessions=present),
            certificate=getattr(enrolment, "certificate", None),
        ))  # fmt: skip
    left = rules.seats_left(capacities=[s.capacity for s in sessions if s.cancelled_on is None],
                            enrolled=len(enrolments))  # fmt: skip
    recorded = {pk for row in rows for pk in row.recorded}
    return CourseDetail(course=course, sessions=sessions, rows=rows, seats_left=left, today=clock.today(),
                        recorded_sessions=recorded)  # fmt: skip


# Certificates ------------------------------------------------------------------------------------------


def certificate_get_for(*, user: Any, pk: int) -> TrainingCertificate:
    """A certificate for its organisers and its holder; ``NotFound`` for anyone else."""
    certificate = (
        TrainingCertificate.objects.select_related("enrolment__person", "enrolment__course__organization",
                                                   "enrolment__course__topic", "issued_by")
        .filter(pk=pk).first()
    )  # fmt: skip
    if certificate is None or not permissions.user_may(user, ep.TRAINING_VIEW_CERTIFICATE, certificate):
        raise NotFound("certificate not found")
    return certificate


def certificates_of(user: Any) -> QuerySet[TrainingCertificate]:
    """An officer's own certificates."""
    return TrainingCertificate.objects.filter(enrolment__person=user).select_related("enrolment__course__topic")


@dataclass(frozen=True)
class Verified:
    """What the public verification page says of a certificate: no full name, no body of the holder."""

    number: str
    holder_initials: str
    course_title: str
    topic: str
    organiser: str
    issued_on: dt.date
    revoked_on: dt.date | None = None  # revoked: the check says so (the reason stays with the issuing side)


def certificate_verify(number: str) -> Verified | None:
    key = rules.normalize_number(number)
    if not key:
        return None
    found = (
        TrainingCertificate.objects.select_related("enrolment__person", "enrolment__course__organization",
                                                   "enrolment__course__topic")
        .filter(number=key).first()
    )  # fmt: skip
    if found is None:
        return None
    course = found.enrolment.course
    person = found.enrolment.person
    return Verified(number=found.number, holder_initials=rules.initials(person.full_name or person.get_username()),
                    course_title=course.title, topic=course.topic.name, organiser=course.organization.name,
                    issued_on=found.issued_on, revoked_on=found.revoked_on)  # fmt: skip


# Requirements ------------------------------------------------------------------------------------------


def edits_requirements(user: Any) -> bool:
    """Who edits the requirements (a national rule table): the model permission, not a role over a unit
    (``core.reference_data``)."""
    return may_edit_reference_data(user, ep.TRAINING_EDIT_REQUIREMENTS)


def requirements() -> QuerySet[TrainingRequirement]:
    return TrainingRequirement.objects.select_related("topic")


def requirement_get(*, pk: int) -> TrainingRequirement:
    found = TrainingRequirement.objects.select_related("topic").filter(pk=pk).first()
    if found is None:
        raise NotFound("requirement not found")
    return found


def requirements_for_year(year: int) -> dict[str, set[int]]:
    """Role → the topics it must be trained in, for the requirements in force during ``year``."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in TrainingRequirement.objects.values("role", "topic_id", "valid_from", "valid_to"):
        if rules.requirement_in_force(year=year, valid_from=row["valid_from"], valid_to=row["valid_to"]):
            wanted[row["role"]].add(row["topic_id"])
    return dict(wanted)


# Coverage ----------------------------------------------------------------------------------------------


@dataclass
class OfficerStatus:
    person_id: int
    name: str
    roles: set[str] = field(default_factory=set)
    required: set[int] = field(default_factory=set)
    certified: set[int] = field(default_factory=set)

    @property
    def trained(self) -> bool:
        return rules.is_trained(required_topics=self.required, certified_topics=self.certified)

    @property
    def missing(self) -> set[int]:
        return self.required - self.certified


def _as_of(year: int) -> dt.date:
    return min(clock.today(), dt.date(year, 12, 31))


def officer_statuses(*, bodies: Iterable[int] | QuerySet[Any], year: int) -> dict[int, list[OfficerStatus]]:
    """Body id → the officers to be trained there in ``year``, each with what is required and certified.
    Three queries whatever the number of bodies and officers."""
    wanted = requirements_for_year(year)
    if not wanted:
        return {}
    grants = (
        RoleAssignment.objects.active_on(_as_of(year))
        .filter(role__in=list(wanted), organization_id__in=bodies, user__is_active=True)
        .values_list("organization_id", "user_id", "role", "user__full_name", "user__username")
    )
    by_body: dict[int, dict[int, OfficerStatus]] = defaultdict(dict)
    for body_id, user_id, role, full_name, username in grants:
        status = by_body[body_id].setdefault(user_id, OfficerStatus(user_id, full_name or username))
        status.roles.add(role)
        status.required |= wanted[role]
    people = {user_id for officers in by_body.values() for user_id in officers}
    certified: dict[int, set[int]] = defaultdict(set)
    rows = (
        TrainingCertificate.objects.counting()
        .filter(issued_on__year=year, enrolment__person_id__in=people)
        .values_list("enrolment__person_id", "enrolment__course__topic_id")
    )
    for person_id, topic_id in rows:
        certified[person_id].add(topic_id)
    result: dict[int, list[OfficerStatus]] = {}
    for body_id, officers in by_body.items():
        for status in officers.values():
            status.certified = certified.get(status.person_id, set()) & status.required
        result[body_id] = sorted(officers.values(), key=lambda s: (s.name, s.person_id))
    return result


def _coverage(statuses: list[OfficerStatus]) -> rules.Coverage:
    return rules.Coverage(required=len(statuses), trained=sum(1 for s in statuses if s.trained))


def coverage_bodies_for(user: Any) -> QuerySet[Organization]:
    """The bodies whose coverage ``user`` may read (the page's choice of unit)."""
    return Organization.objects.filter(permissions.scope_filter(user, ep.TRAINING_VIEW_COVERAGE)).order_by("path")


def coverage_body_get_for(*, user: Any, pk: int) -> Organization:
    body = Organization.objects.filter(pk=pk).first()
    if body is None or not permissions.user_may(user, ep.TRAINING_VIEW_COVERAGE, body):
        raise NotFound("body not found")
    return body


@dataclass
class CoverageRow:
    body: Organization
    own: rules.Coverage
    subtree: rules.Coverage


@dataclass
class CoverageReport:
    root: Organization
    year: int
    total: rules.Coverage
    rows: QuerySet[Organization]  # to be paged; ``row(body)`` gives the figures
    figures: dict[int, tuple[rules.Coverage, rules.Coverage]]

    def row(self, body: Organization) -> CoverageRow:
        own, subtree = self.figures.get(body.pk, (rules.Coverage(0, 0), rules.Coverage(0, 0)))
        return CoverageRow(body=body, own=own, subtree=subtree)


def coverage_report(*, user: Any, root: Organization, year: int) -> CoverageReport:
    """The coverage of ``root`` and each body under it that ``user`` may read, for ``year``: each body's
    own figure and its subtree's. The rows (bodies with officers to be trained) are a queryset to page.
    ``NotFound`` when ``user`` may not read ``root``'s coverage."""
    if not permissions.user_may(user, ep.TRAINING_VIEW_COVERAGE, root):
        raise NotFound("body not found")
    visible = Organization.objects.filter(permissions.scope_filter(user, ep.TRAINING_VIEW_COVERAGE),
                                          path__startswith=root.path)  # fmt: skip
    bodies = dict(visible.values_list("pk", "path"))
    statuses = officer_statuses(bodies=list(bodies), year=year)
    own = {pk: _coverage(found) for pk, found in statuses.items()}
    subtree: dict[int, rules.Coverage] = defaultdict(lambda: rules.Coverage(0, 0))
    for pk, figure in own.items():
        for ancestor in (int(p) for p in bodies[pk].strip("/").split("/") if p):
            if ancestor in bodies:
                subtree[ancestor] = subtree[ancestor] + figure
    figures = {pk: (own.get(pk, rules.Coverage(0, 0)), subtree[pk]) for pk in bodies if pk in subtree}
    rows = visible.filter(pk__in=list(own)).select_related("unit").order_by("path")
    return CoverageReport(root=root, year=year, total=subtree.get(root.pk, rules.Coverage(0, 0)), rows=rows,
                          figures=figures)  # fmt: skip


def not_trained(*, user: Any, body: Organization, year: int) -> list[OfficerStatus]:
    """The officers of ``body`` (itself only) not yet trained in ``year``: for its head and the dân vận
    officers in scope (``coverage_body_get_for`` checked it)."""
    if not permissions.user_may(user, ep.TRAINING_VIEW_COVERAGE, body):
        raise NotFound("body not found")
    return [s for s in officer_statuses(bodies=[body.pk], year=year).get(body.pk, []) if not s.trained]


def topic_names() -> dict[int, str]:
    return dict(TrainingTopic.objects.values_list("pk", "name"))


# For the yearly evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearlyTrainingFigures:
    must_be_trained: int
    trained: int


def training_yearly_figures(*, organization_ids: Iterable[int], year: int) -> dict[int, YearlyTrainingFigures]:
    """Per body (each alone, not its subtree): officers who must be trained in ``year`` and those trained.
    A body with no such officer is absent (the evaluation shows "not measured", not 0). No permission
    gate: the caller (the yearly evaluation) gates its own readers; plain numbers, no names."""
    ids = list(organization_ids)
    statuses = officer_statuses(bodies=ids, year=year)
    return {pk: YearlyTrainingFigures(len(found), sum(1 for s in found if s.trained))
            for pk, found in statuses.items() if found}  # fmt: skip


def training_person_yearly_figures(*, user_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """For the per-official evaluation sheet: per person (every id asked for is in the result) ``certificates``
    issued to him in ``year``, ``first_id`` (the first of them, 0 when none: the sheet's link) and ``enrolled``
    (1 when he was enrolled in a course in the year, so that 0 certificates is a real 0). A revoked certificate
    does not count (``CertificateQuerySet.counting``). Not gated: the caller gates on the people. Two queries."""
    out = {pk: {"certificates": 0, "first_id": 0, "enrolled": 0} for pk in user_ids}
    issued = TrainingCertificate.objects.counting().filter(enrolment__person_id__in=user_ids, issued_on__year=year)
    for person_id, pk in issued.order_by("issued_on", "id").values_list("enrolment__person_id", "pk"):
        out[person_id]["certificates"] += 1
        out[person_id]["first_id"] = out[person_id]["first_id"] or pk
    enrolled = Enrolment.objects.filter(person_id__in=user_ids, created_at__year=year)
    for person_id in set(enrolled.values_list("person_id", flat=True)):
        out[person_id]["enrolled"] = 1
    return out
