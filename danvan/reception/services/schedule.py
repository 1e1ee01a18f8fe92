"""Where and who, and the legal schedule (spec §3.1, Luật Tiếp công dân Arts. 12–18): reception points
and their officers, heads' duties, the frequency table, the generated calendar, ad hoc sessions, and a
session cancelled or marked held.

Every service: keyword-only, permission first, one transaction, audited. The frequencies are the
``ScheduleRule`` rows (``selectors.rules.frequency_table``) applied by the pure ``rules``; the working
days are the deadlines app's calendar (``deadlines.selectors.working_calendar_load``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.audit import audit_record, snapshot
from danvan.core.clock import VIETNAM
from danvan.core.errors import DomainError
from danvan.deadlines.calendar import WorkingCalendar
from danvan.deadlines.selectors import working_calendar_load
from danvan.org.models import Organization
from danvan.org.permissions import require, scope_filter, user_may
from danvan.reception import choices, errors, permissions, rules
from danvan.reception.enums import HeadKind, Level, Per
from danvan.reception.models import HeadDuty, ReceptionPoint, ReceptionSession, ScheduleRule
from danvan.reception.selectors.rules import frequency_table

POINT_FIELDS = ["name", "address", "unit", "hours", "phone", "is_active"]
DUTY_FIELDS = ["head_id", "head_kind", "level", "point_id", "weekday", "starts_at", "ends_at", "capacity", "valid_from",
               "valid_to"]  # fmt: skip
RULE_FIELDS = ["count", "per", "deputy_may_stand_in", "valid_to", "legal_basis", "confidence", "note"]
ONLINE_FIELDS = ["video_url", "recording_location", "recording_keep_until", "recording_access"]
# The video link lands in an <a href> on a confirmed booker's page: https only (never javascript:, data:, http:).
_VIDEO_URL = URLValidator(schemes=["https"])


def _invalid(field: str, message: Any, code: str = errors.REQUIRED) -> DomainError:
    return DomainError(message, code=code, details={field: str(message)})


def _text(value: str | None) -> str:
    return (value or "").strip()


# --- Reception points -----------------------------------------------------------------------------


def _check_officers(point_org: Organization, officers: list[Any]) -> None:
    """An officer on duty at a point must be one who may register visits for its body."""
    for officer in officers:
        if not user_may(officer, permissions.REGISTER_VISIT, point_org):
            raise _invalid(
                "officers",
                _("%(name)s is not a reception officer of this body.") % {"name": officer},
                code=errors.BAD_STATE,
            )


@transaction.atomic
def point_create(
    *,
    actor: Any,
    organization: Organization,
    name: str,
    address: str,
    unit: Any = None,
    hours: str = "",
    phone: str = "",
    officers: list[Any] | None = None,
) -> ReceptionPoint:
    require(actor, permissions.MANAGE_SCHEDULE, organization)
    if not _text(name):
        raise _invalid("name", _("Give the reception point a name."))
    if not _text(address):
        raise _invalid("address", _("Write the address citizens come to."))
    officers = list(officers or [])
    _check_officers(organization, officers)
    point = ReceptionPoint.objects.create(organization=organization, name=_text(name), address=_text(address),
                                          unit=unit or organization.unit, hours=_text(hours), phone=_text(phone))  # fmt: skip
    point.officers.set(officers)
    audit_record(actor=actor, action="reception.point_create", obj=point,
                 after={**snapshot(point, POINT_FIELDS), "officers": [o.pk for o in officers]})  # fmt: skip
    return point


@transaction.atomic
def point_update(*, actor: Any, point: ReceptionPoint, changes: dict[str, Any]) -> ReceptionPoint:
    """Change a point's fields (``POINT_FIELDS``) and, with ``officers`` in ``changes``, who is on duty."""
    require(actor, permissions.MANAGE_SCHEDULE, point)
    changes = dict(changes)
    point = ReceptionPoint.objects.select_for_update().get(pk=point.pk)
    before = {**snapshot(point, POINT_FIELDS), "officers": sorted(point.officers.values_list("pk", flat=True))}
    for field in ("name", "address"):
        if field in changes and not _text(changes[field]):
            raise _invalid(field, _("This field is required."))
    officers = changes.pop("officers", None)
    for field, value in changes.items():
        if field not in POINT_FIELDS:
            raise ValueError(f"not a point field: {field}")
        setattr(point, field, _text(value) if isinstance(value, str) else value)
    point.save()
    if officers is not None:
        officers = list(officers)
        _check_officers(point.organization, officers)
        point.officers.set(officers)
    after = {**snapshot(point, POINT_FIELDS), "officers": sorted(point.officers.values_list("pk", flat=True))}
    audit_record(actor=actor, action="reception.point_update", obj=point, before=before, after=after)
    return point


# --- Heads' duties --------------------------------------------------------------------------------


@transaction.atomic
def duty_create(
    *,
    actor: Any,
    point: ReceptionPoint,
    head: Any,
    head_kind: str,
    level: str,
    weekday: int = 0,
    starts_at: dt.time = dt.time(7, 30),
    ends_at: dt.time = dt.time(11, 30),
    capacity: int = 10,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> HeadDuty:
    """A head's duty to receive at ``point`` on ``weekday`` (0 Monday … 4 Friday) from ``valid_from``."""
    require(actor, permissions.MANAGE_SCHEDULE, point)
    if head is None or not user_may(head, permissions.CONCLUDE, point.organization):
        raise _invalid("head", _("Choose a head of this body (someone holding the head role here)."), errors.BAD_STATE)
    if head_kind not in choices.HeadKind.values:
        raise _invalid("head_kind", _("Choose in which capacity the head receives."))
    if level not in choices.Level.values:
        raise _invalid("level", _("Choose the level."))
    if not 0 <= int(weekday) <= 4:
        raise _invalid("weekday", _("Choose a working day, Monday to Friday."), errors.BAD_DATE)
    if ends_at <= starts_at:
        raise _invalid("ends_at", _("The session must end after it starts."), errors.BAD_DATE)
    if valid_to is not None and valid_to < valid_from:
        raise _invalid("valid_to", _("The end date is before the start date."), errors.BAD_DATE)
    if capacity < 1:
        raise _invalid("capacity", _("At least one slot."), errors.BAD_STATE)
    duty = HeadDuty.objects.create(organization=point.organization, point=point, head=head, head_kind=head_kind,
                                   level=level, weekday=int(weekday), starts_at=starts_at, ends_at=ends_at,
                                   capacity=capacity, valid_from=valid_from, valid_to=valid_to)  # fmt: skip
    audit_record(actor=actor, action="reception.duty_create", obj=duty, after=snapshot(duty, DUTY_FIELDS))
    return duty


@transaction.atomic
def duty_end(*, actor: Any, duty: HeadDuty, valid_to: dt.date, reason: str = "") -> int:
    """End a duty on ``valid_to`` (the head left office …): its planned sessions after that day are
    cancelled with the reason. Returns how many were cancelled."""
    require(actor, permissions.MANAGE_SCHEDULE, duty)
    duty = HeadDuty.objects.select_for_update().get(pk=duty.pk)
    if valid_to < duty.valid_from:
        raise _invalid("valid_to", _("The end date is before the start date."), errors.BAD_DATE)
    before = snapshot(duty, ["valid_to"])
    duty.valid_to = valid_to
    duty.save(update_fields=["valid_to", "updated_at"])
    after_day = dt.datetime.combine(valid_to + dt.timedelta(days=1), dt.time(0), tzinfo=VIETNAM)
    note = _text(reason) or str(_("The head's duty ended."))
    cancelled = ReceptionSession.objects.filter(duty=duty, status=choices.SessionStatus.PLANNED,
                                                starts_at__gte=after_day).update(
        status=choices.SessionStatus.CANCELLED, cancel_reason=note[:300], updated_at=clock.now())  # fmt: skip
    audit_record(actor=actor, action="reception.duty_end", obj=duty, before=before,
                 after={"valid_to": valid_to, "sessions_cancelled": cancelled}, reason=_text(reason))  # fmt: skip
    return cancelled


# --- The frequency table --------------------------------------------------------------------------


@transaction.atomic
def schedule_rule_update(*, actor: Any, rule: ScheduleRule, changes: dict[str, Any], reason: str) -> ScheduleRule:
    """Correct a row of the frequency table (an [S]/[U] row checked against the Công báo …), audited with
    the reason. Only ``RULE_FIELDS`` change: a row's head, level, regime and start stay (add a row instead)."""
    require(actor, permissions.MANAGE_RULES)
    if not _text(reason):
        raise _invalid("reason", _("Say why the rule changes (the text you checked it against)."))
    rule = ScheduleRule.objects.select_for_update().get(pk=rule.pk)
    before = snapshot(rule, RULE_FIELDS)
    for field, value in changes.items():
        if field not in RULE_FIELDS:
            raise ValueError(f"not an editable rule field: {field}")
        setattr(rule, field, value)
    if rule.count < 1:
        raise _invalid("count", _("At least one session."), errors.BAD_STATE)
    if rule.per not in choices.Per.values:
        raise _invalid("per", _("Choose per week or per month."))
    if rule.confidence not in choices.Confidence.values:
        raise _invalid("confidence", _("Choose the confidence mark."))
    if rule.valid_to is not None and rule.valid_to < rule.valid_from:
        raise _invalid("valid_to", _("The end date is before the start date."), errors.BAD_DATE)
    if not _text(rule.legal_basis):
        raise _invalid("legal_basis", _("Write the legal basis."))
    rule.save()
    audit_record(actor=actor, action="reception.rule_update", obj=rule, before=before,
                 after=snapshot(rule, RULE_FIELDS), reason=_text(reason))  # fmt: skip
    return rule


# --- The generated calendar -----------------------------------------------------------------------


def _spread(mondays: list[dt.date], count: int) -> list[dt.date]:
    """``count`` weeks spread over the month's weeks: 1 → the first; 2 → weeks 1 and 3; …"""
    count = min(count, len(mondays))
    return [mondays[i * len(mondays) // count] for i in range(count)] if count else []


def planned_days(table: list[rules.Frequency], duty: HeadDuty, date_from: dt.date, date_to: dt.date,
                 calendar: WorkingCalendar) -> list[dt.date]:  # fmt: skip
    """The days a duty's regular sessions fall on for nominal dates in [date_from, date_to].

    Monthly rows are read on the month's first day and spread over the weeks of the month (a week
    belongs to the month of its Monday, as ``rules.sessions_required`` counts); weekly rows are read on
    each Monday. A nominal day off moves to the next working day; only days within the duty's
    validity are kept. Pure given the table and the calendar.
    """
    kind, level = HeadKind(duty.head_kind), Level(duty.level)
    nominal: list[dt.date] = []
    month = rules.month_start(date_from - dt.timedelta(days=7))
    while month <= date_to:
        mondays = rules.mondays_in_month(month)
        monthly = rules.frequency_for(table, kind, level, month)
        weeks: list[dt.date] = []
        if monthly is not None and monthly.per == Per.MONTH:
            weeks += _spread(mondays, monthly.count)
        for monday in mondays:
            weekly = rules.frequency_for(table, kind, level, monday)
            if weekly is not None and weekly.per == Per.WEEK:
                weeks += [monday] * weekly.count
        for monday in sorted(weeks):
            day = monday + dt.timedelta(days=duty.weekday)
            while day in nominal:  # more than one session in a week: the following days
                day += dt.timedelta(days=1)
            nominal.append(day)
        month = rules.month_end(month) + dt.timedelta(days=1)
    days = []
    for day in sorted(nominal):
        if not date_from <= day <= date_to:
            continue
        moved = day if calendar.is_working_day(day) else calendar.next_working_day(day)
        if moved < duty.valid_from or (duty.valid_to is not None and moved > duty.valid_to):
            continue
        if moved not in days:
            days.append(moved)
    return days


@dataclass(frozen=True)
class Generated:
    made: int
    existing: int
    duties: int


def sessions_generate(*, actor: Any, date_from: dt.date, date_to: dt.date,
                      organization: Organization | None = None) -> Generated:  # fmt: skip
    """Make the regular sessions of every duty the actor may manage (of ``organization`` only, when
    given) for nominal dates in [date_from, date_to]. Idempotent: a session a duty already has at that
    start (even a cancelled one) is not made again (the unique (duty, starts_at) constraint).
    ``actor=None`` is the system (the command)."""
    if date_to < date_from:
        raise _invalid("date_to", _("The end date is before the start date."), errors.BAD_DATE)
    if (date_to - date_from).days > 400:
        raise _invalid("date_to", _("Generate at most about a year at a time."), errors.BAD_DATE)
    duties = HeadDuty.objects.filter(valid_from__lte=date_to).exclude(valid_to__lt=date_from).select_related("point")
    if organization is not None:
        if actor is not None:
            require(actor, permissions.MANAGE_SCHEDULE, organization)
        duties = duties.filter(organization=organization)
    elif actor is not None:
        duties = duties.filter(scope_filter(actor, permissions.MANAGE_SCHEDULE, "organization"))
    duties = duties.filter(point__is_active=True)
    table, calendar = frequency_table(), working_calendar_load()
    made = existing = count = 0
    with transaction.atomic():
        for duty in duties:
            count += 1
            starts = [dt.datetime.combine(day, duty.starts_at, tzinfo=VIETNAM)
                      for day in planned_days(table, duty, date_from, date_to, calendar)]  # fmt: skip
            if not starts:
                continue
            have = set(
                ReceptionSession.objects.filter(duty=duty, starts_at__in=starts).values_list("starts_at", flat=True)
            )
            new = [ReceptionSession(organization_id=duty.organization_id, point_id=duty.point_id, duty=duty,
                                    head_id=duty.head_id, kind=choices.SessionKind.REGULAR, starts_at=start,
                                    ends_at=dt.datetime.combine(start.date(), duty.ends_at, tzinfo=VIETNAM),
                                    capacity=duty.capacity)
                   for start in starts if start not in have]  # fmt: skip
            ReceptionSession.objects.bulk_create(new, ignore_conflicts=True)
            made += len(new)
            existing += len(have)
        audit_record(actor=actor, action="reception.sessions_generate",
                     object_type="reception.receptionsession", object_repr=f"{date_from}–{date_to}",
                     after={"from": date_from, "to": date_to, "organization": organization.pk if organization else None,
                            "made": made, "duties": count})  # fmt: skip
    return Generated(made=made, existing=existing, duties=count)


# --- One session ----------------------------------------------------------------------------------


def _online(session: ReceptionSession, online: dict[str, Any]) -> None:
    for field, value in online.items():
        if field not in ONLINE_FIELDS:
            raise ValueError(f"not an online field: {field}")
        setattr(session, field, _text(value) if isinstance(value, str) else value)
    if session.video_url:
        try:
            _VIDEO_URL(session.video_url)
        except ValidationError:
            raise _invalid(
                "video_url", _("Give the video link as a full https:// address."), errors.BAD_FIELDS
            ) from None
    if session.mode == choices.Mode.ONLINE and not session.video_url:
        raise _invalid("video_url", _("An online session needs its video link."))


@transaction.atomic
def session_ad_hoc_create(
    *,
    actor: Any,
    point: ReceptionPoint,
    head: Any,
    trigger: str,
    reason: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    mode: str = choices.Mode.DIRECT,
    capacity: int = 10,
    public_note: str = "",
    online: dict[str, Any] | None = None,
) -> ReceptionSession:
    """An ad hoc session (tiếp đột xuất, Art. 18(3)): only with one of the law's triggers."""
    require(actor, permissions.MANAGE_SCHEDULE, point)
    if trigger not in choices.AdHocTrigger.values:
        raise _invalid("trigger", _("Choose the ground of Art. 18(3) that calls for the session."), errors.NO_TRIGGER)
    if not _text(reason):
        raise _invalid("reason", _("Describe what happened."))
    if head is None or not user_may(head, permissions.CONCLUDE, point.organization):
        raise _invalid("head", _("Choose a head of this body (someone holding the head role here)."), errors.BAD_STATE)
    if ends_at <= starts_at:
        raise _invalid("ends_at", _("The session must end after it starts."), errors.BAD_DATE)
    if mode not in choices.Mode.values:
        raise _invalid("mode", _("Choose in person or online."))
    session = ReceptionSession(organization=point.organization, point=point, head=head,
                               kind=choices.SessionKind.AD_HOC, ad_hoc_trigger=trigger, ad_hoc_reason=_text(reason),
                               mode=mode, starts_at=starts_at, ends_at=ends_at, capacity=max(capacity, 1),
                               public_note=_text(public_note)[:300])  # fmt: skip
    _online(session, online or {})
    session.save()
    audit_record(actor=actor, action="reception.session_ad_hoc", obj=session,
                 after=snapshot(session, ["kind", "ad_hoc_trigger", "mode", "starts_at", "ends_at", "head_id"]))  # fmt: skip
    return session


def _locked(session: ReceptionSession) -> ReceptionSession:
    return ReceptionSession.objects.select_for_update(of=("self",)).select_related("duty").get(pk=session.pk)


@transaction.atomic
def session_cancel(*, actor: Any, session: ReceptionSession, reason: str) -> ReceptionSession:
    require(actor, permissions.MANAGE_SCHEDULE, session)
    if not _text(reason):
        raise _invalid("reason", _("Say why the session is cancelled: the public schedule shows it."))
    session = _locked(session)
    if session.status != choices.SessionStatus.PLANNED:
        raise DomainError(_("Only a planned session can be cancelled."), code=errors.BAD_STATE)
    session.status, session.cancel_reason = choices.SessionStatus.CANCELLED, _text(reason)[:300]
    session.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit_record(actor=actor, action="reception.session_cancel", obj=session, after={"status": session.status},
                 reason=session.cancel_reason)  # fmt: skip
    return session


def session_duty(session: ReceptionSession, day: dt.date) -> HeadDuty | None:
    """The duty a session was held under: its own, else the head's duty in this body on ``day`` (the same
    choice as compliance's, ``rules.duty_on`` over the duties of the session's month)."""
    if session.duty_id is not None:
        return session.duty
    duties = (HeadDuty.objects.filter(head_id=session.head_id, organization_id=session.organization_id,
                                      valid_from__lte=rules.month_end(day))
              .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=rules.month_start(day)))
              .order_by("head_kind", "valid_from", "pk"))  # fmt: skip
    return rules.duty_on(list(duties), day)


def deputy_refused(session: ReceptionSession, held_by: Any, table: list[rules.Frequency] | None = None) -> bool:
    """Whether the rule in force forbids ``held_by`` (not the head) to hold this regular session: exactly
    when compliance would not count it (``rules.held_session_counts``)."""
    if session.kind != choices.SessionKind.REGULAR or held_by.pk == session.head_id:
        return False
    day = session.starts_at.astimezone(VIETNAM).date()
    duty = session_duty(session, day)
    return not rules.held_session_counts(
        head_id=session.head_id, held_by_id=held_by.pk, day=day,
        head_kind=HeadKind(duty.head_kind) if duty else None, level=Level(duty.level) if duty else None,
        table=table if table is not None else frequency_table(),
    )  # fmt: skip


@transaction.atomic
def session_mark_held(*, actor: Any, session: ReceptionSession, held_by: Any) -> ReceptionSession:
    """Record that the session took place and who received. A deputy (another head of the body) may
    hold a regular session only where the rule in force lets a deputy stand in (R2026 does not)."""
    require(actor, permissions.MANAGE_SCHEDULE, session)
    session = _locked(session)
    if session.status != choices.SessionStatus.PLANNED:
        raise DomainError(_("Only a planned session can be marked held."), code=errors.BAD_STATE)
    if session.starts_at > clock.now():
        raise DomainError(_("The session has not started yet."), code=errors.BAD_DATE)
    if held_by is None or not user_may(held_by, permissions.CONCLUDE, session.organization):
        raise _invalid("held_by", _("Choose who received: a head of this body."), errors.BAD_STATE)
    if deputy_refused(session, held_by):
        raise _invalid(
            "held_by",
            _("The rule in force does not let a deputy stand in for the head at a regular session."),
            errors.DEPUTY_NOT_ALLOWED,
        )
    session.status, session.held_by = choices.SessionStatus.HELD, held_by
    session.save(update_fields=["status", "held_by", "updated_at"])
    audit_record(actor=actor, action="reception.session_held", obj=session,
                 after={"status": session.status, "held_by": held_by.pk})  # fmt: skip
    return session


@transaction.atomic
def session_online_set(
    *, actor: Any, session: ReceptionSession, online: bool, fields: dict[str, Any]
) -> ReceptionSession:
    """Make a session online (with its video link and recording record, NĐ 154/2026) or in person.
    The recording's record is written by those who may read it (VIEW_RECORDINGS)."""
    require(actor, permissions.MANAGE_SCHEDULE, session)
    if any(f.startswith("recording_") and fields.get(f) for f in fields):
        require(actor, permissions.VIEW_RECORDINGS, session)
    session = _locked(session)
    if session.status == choices.SessionStatus.CANCELLED:
        raise DomainError(_("The session was cancelled."), code=errors.SESSION_CLOSED)
    before = snapshot(session, ["mode", *ONLINE_FIELDS])
    session.mode = choices.Mode.ONLINE if online else choices.Mode.DIRECT
    _online(session, fields)
    session.save()
    audit_record(actor=actor, action="reception.session_online", obj=session, before=before,
                 after=snapshot(session, ["mode", *ONLINE_FIELDS]))  # fmt: skip
    return session
