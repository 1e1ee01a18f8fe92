"""Reads of the schedule: the public calendar (never a person's data: bodies, places, times and the
capacity a head receives in) and the staff lists, scoped by permission.

Public rows are plain dataclasses built from ``values()``: nothing of a visitor, an officer or a
recording can reach a public page or feed by accident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from danvan.core import clock
from danvan.core.clock import VIETNAM
from danvan.org.models import Organization
from danvan.org.permissions import scope_filter, user_may
from danvan.reception import choices, permissions
from danvan.reception.models import HeadDuty, ReceptionPoint, ReceptionSession, ScheduleRule

PUBLIC_DAYS = 60  # how far ahead the public schedule looks by default
PUBLIC_LIMIT = 200  # sessions per public page or feed


@dataclass(frozen=True)
class PublicSession:
    pk: int
    organization_id: int
    organization_name: str
    point_id: int
    point_name: str
    point_address: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str
    mode: str
    status: str
    capacity: int
    public_note: str
    cancel_reason: str
    head_kind: str  # the capacity the head receives in ("" for an ad hoc session)

    @property
    def kind_label(self) -> str:
        return str(choices.SessionKind(self.kind).label)

    @property
    def mode_label(self) -> str:
        return str(choices.Mode(self.mode).label)

    @property
    def status_label(self) -> str:
        return str(choices.SessionStatus(self.status).label)

    @property
    def head_label(self) -> str:
        return str(choices.HeadKind(self.head_kind).label) if self.head_kind else ""

    @property
    def is_cancelled(self) -> bool:
        return self.status == choices.SessionStatus.CANCELLED


_PUBLIC_VALUES = ("pk", "organization_id", "organization__name", "point_id", "point__name", "point__address",
                  "starts_at", "ends_at", "kind", "mode", "status", "capacity", "public_note", "cancel_reason",
                  "duty__head_kind")  # fmt: skip


def _public(row: dict[str, Any]) -> PublicSession:
    return PublicSession(
        pk=row["pk"], organization_id=row["organization_id"], organization_name=row["organization__name"],
        point_id=row["point_id"], point_name=row["point__name"], point_address=row["point__address"],
        starts_at=row["starts_at"].astimezone(VIETNAM), ends_at=row["ends_at"].astimezone(VIETNAM),
        kind=row["kind"], mode=row["mode"], status=row["status"], capacity=row["capacity"],
        public_note=row["public_note"], cancel_reason=row["cancel_reason"], head_kind=row["duty__head_kind"] or "",
    )  # fmt: skip


def _public_base() -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.filter(point__is_active=True).exclude(status=choices.SessionStatus.HELD)


def _public_qs(organization: Organization | None, point: ReceptionPoint | None, date_from: dt.date | None,
               date_to: dt.date | None) -> QuerySet[ReceptionSession]:  # fmt: skip
    first = date_from or clock.today()
    last = date_to or (first + dt.timedelta(days=PUBLIC_DAYS))
    qs = _public_base().filter(starts_at__gte=_start(first), starts_at__lt=_start(last + dt.timedelta(days=1)))
    if organization is not None:
        qs = qs.filter(organization=organization)
    if point is not None:
        qs = qs.filter(point=point)
    return qs


def public_sessions(
    *,
    organization: Organization | None = None,
    point: ReceptionPoint | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = PUBLIC_LIMIT,
    offset: int = 0,
) -> list[PublicSession]:
    """Upcoming sessions (planned, and cancelled ones so a citizen sees the change) from ``date_from``
    (today) to ``date_to`` (``PUBLIC_DAYS`` ahead), of one body or one point. One query."""
    qs = _public_qs(organization, point, date_from, date_to)
    rows = qs.order_by("starts_at", "id").values(*_PUBLIC_VALUES)[offset : offset + limit]
    return [_public(row) for row in rows]


def public_sessions_count(*, organization: Organization | None = None, point: ReceptionPoint | None = None,
                          date_from: dt.date | None = None, date_to: dt.date | None = None) -> int:  # fmt: skip
    return _public_qs(organization, point, date_from, date_to).count()


def public_session(pk: int) -> PublicSession | None:
    row = ReceptionSession.objects.filter(pk=pk, point__is_active=True).values(*_PUBLIC_VALUES).first()
    return _public(row) if row else None


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=VIETNAM)


@dataclass(frozen=True)
class PublicPlace:
    pk: int
    name: str
    address: str
    hours: str
    phone: str
    upcoming: int


@dataclass(frozen=True)
class PublicBody:
    pk: int
    name: str
    places: list[PublicPlace]

    @property
    def upcoming(self) -> int:
        return sum(p.upcoming for p in self.places)


def _upcoming_q(days: int = PUBLIC_DAYS) -> Q:
    today = clock.today()
    return Q(sessions__status=choices.SessionStatus.PLANNED, sessions__starts_at__gte=_start(today),
             sessions__starts_at__lt=_start(today + dt.timedelta(days=days + 1)))  # fmt: skip


def public_bodies(*, organization: Organization | None = None) -> list[PublicBody]:
    """The bodies with an active reception point, each with its points and how many sessions are
    planned there in the coming ``PUBLIC_DAYS`` days; bodies with none come last. One query."""
    qs = ReceptionPoint.objects.filter(is_active=True)
    if organization is not None:
        qs = qs.filter(organization=organization)
    rows = (qs.annotate(upcoming=Count("sessions", filter=_upcoming_q()))
            .order_by("organization__name", "organization_id", "name")
            .values("pk", "name", "address", "hours", "phone", "upcoming", "organization_id", "organization__name"))  # fmt: skip
    bodies: dict[int, PublicBody] = {}
    for row in rows:
        body = bodies.setdefault(
            row["organization_id"], PublicBody(row["organization_id"], row["organization__name"], [])
        )
        body.places.append(
            PublicPlace(row["pk"], row["name"], row["address"], row["hours"], row["phone"], row["upcoming"])
        )
    return sorted(bodies.values(), key=lambda b: (b.upcoming == 0, b.name))


def public_body(pk: int) -> Organization | None:
    """A body that has an active reception point (else the public has nothing to see: 404)."""
    return Organization.objects.filter(pk=pk, pk__in=ReceptionPoint.objects.filter(is_active=True)
                                       .values("organization_id")).first()  # fmt: skip


def public_point(pk: int) -> ReceptionPoint | None:
    return ReceptionPoint.objects.filter(pk=pk, is_active=True).select_related("organization").first()


# --- Staff -------------------------------------------------------------------------------------------


def managed_bodies(user: Any) -> QuerySet[Organization]:
    """The bodies whose schedule ``user`` keeps (MANAGE_SCHEDULE), those with a point first."""
    return Organization.objects.filter(scope_filter(user, permissions.MANAGE_SCHEDULE)).order_by("path")


def managed_body(user: Any, pk: int) -> Organization | None:
    org = Organization.objects.filter(pk=pk).first()
    return org if org is not None and user_may(user, permissions.MANAGE_SCHEDULE, org) else None


def point_of(organization: Organization, pk: int) -> ReceptionPoint | None:
    """A reception point of ``organization`` (the caller has checked who may keep that body's schedule)."""
    return ReceptionPoint.objects.filter(pk=pk, organization=organization).first()


def duty_for(user: Any, pk: int) -> HeadDuty | None:
    """A head's duty, if ``user`` keeps its body's schedule."""
    duty = HeadDuty.objects.filter(pk=pk).select_related("organization", "head").first()
    return duty if duty is not None and user_may(user, permissions.MANAGE_SCHEDULE, duty) else None


def rule_row(pk: int) -> ScheduleRule | None:
    return ScheduleRule.objects.filter(pk=pk).first()


def points_of(user: Any, organization: Organization) -> QuerySet[ReceptionPoint]:
    return (ReceptionPoint.objects.filter(organization=organization)
            .filter(scope_filter(user, permissions.MANAGE_SCHEDULE, "organization"))
            .prefetch_related("officers").order_by("-is_active", "name"))  # fmt: skip


def duties_of(user: Any, organization: Organization) -> QuerySet[HeadDuty]:
    return (HeadDuty.objects.filter(organization=organization)
            .filter(scope_filter(user, permissions.MANAGE_SCHEDULE, "organization"))
            .select_related("head", "point").order_by("-valid_from", "id"))  # fmt: skip


def sessions_of(
    user: Any, organization: Organization, date_from: dt.date, date_to: dt.date
) -> QuerySet[ReceptionSession]:
    """A body's sessions between two days, for those who keep its schedule."""
    return (ReceptionSession.objects.filter(organization=organization, starts_at__gte=_start(date_from),
                                            starts_at__lt=_start(date_to + dt.timedelta(days=1)))
            .filter(scope_filter(user, permissions.MANAGE_SCHEDULE, "organization"))
            .select_related("point", "head", "held_by", "duty").order_by("starts_at", "id"))  # fmt: skip


def may_read_session(user: Any, session: ReceptionSession) -> bool:
    """Staff read a session's page when they keep the schedule or read the register of its body."""
    return user_may(user, permissions.MANAGE_SCHEDULE, session) or user_may(user, permissions.VIEW_REGISTER, session)


def staff_session(user: Any, pk: int) -> ReceptionSession | None:
    session = (ReceptionSession.objects.filter(pk=pk)
               .select_related("point", "organization", "head", "held_by", "duty").first())  # fmt: skip
    return session if session is not None and may_read_session(user, session) else None


def recording_visible(user: Any, session: ReceptionSession) -> bool:
    return user_may(user, permissions.VIEW_RECORDINGS, session)


def _holders(organization: Organization, role: str) -> list[Any]:
    """The accounts holding ``role`` on the body today (on it, or on a body above with its subtree)."""
    from danvan.org.models import RoleAssignment

    above = [int(part) for part in organization.path.strip("/").split("/") if part]
    assignments = (RoleAssignment.objects.active_on(clock.today()).filter(role=role)
                   .filter(Q(organization=organization) | Q(include_subtree=True, organization_id__in=above))
                   .select_related("user"))  # fmt: skip
    return sorted({a.user for a in assignments if a.user.is_active}, key=lambda u: str(u))


def heads_of(organization: Organization) -> list[Any]:
    """Who may hold a session of the body: the accounts with the head role on it."""
    from danvan.org.choices import Role

    return _holders(organization, Role.HEAD)


def reception_officers_of(organization: Organization) -> list[Any]:
    from danvan.org.choices import Role

    return _holders(organization, Role.RECEPTION_OFFICER)


def rules_table() -> QuerySet[ScheduleRule]:
    return ScheduleRule.objects.order_by("head_kind", "level", "valid_from")
