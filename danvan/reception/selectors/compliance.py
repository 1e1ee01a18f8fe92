"""Compliance of citizen reception (issue 15 item 8; spec §3.1 "compliance metric"): per head and
period, the regular sessions required and held, the ad hoc sessions, the visits, crowds and answers,
the conclusion tasks and the dialogue commitments — and the same per body.

Reads only, through the permission gate: ``compliance_scope`` is the bodies where the reader holds
``VIEW_COMPLIANCE``; a body outside it answers ``NotFound`` (the same as a body that does not exist).
A report is a fixed number of queries whatever the number of heads, bodies and months (pinned in
tests): duties, sessions, visits, tasks and commitments are each read once and counted in Python.

What is counted (docs/reception/compliance.md):

* required — ``rules.duty_sessions_required`` for each of the head's ``HeadDuty`` rows in force
  during the month, read against ``selectors.rules.frequency_table()``; a quarter or a year adds its
  months, up to the month in progress (months not begun owe nothing yet);
* held — regular sessions marked held whose ``rules.session_counts`` is true: the head's own, or a
  deputy's where the row in force on that day lets a deputy stand in; ad hoc sessions separately;
* visits, crowds, answers — visits received at the head's sessions (per head) or registered by the
  body (per body), in the period; an answer is on time when ``outcome_on <= outcome_due_on``;
* tasks — tasks of notices the head signed (per body: the body issued) falling due in the period;
* commitments — of dialogues the head chaired (per body: the body held) falling due in the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.periods import MONTH, YEAR, Period, between
from danvan.org import permissions as org_permissions
from danvan.org.models import Organization, User
from danvan.reception import choices, rules
from danvan.reception import permissions as rp
from danvan.reception.enums import HeadKind, Level
from danvan.reception.models import ConclusionTask, Dialogue, DialogueCommitment, HeadDuty, ReceptionSession, Visit
from danvan.reception.selectors.rules import frequency_table

# Figures ---------------------------------------------------------------------------------------------------


@dataclass
class Figures:
    """The counts of one head (or one body, or all) over a period."""

    required: int = 0
    held: int = 0  # regular sessions held that count toward ``required``
    held_not_counted: int = 0  # regular sessions held that do not count (a deputy where not allowed)
    ad_hoc: int = 0  # ad hoc sessions held (Art. 18(3)): never toward ``required``
    cancelled: int = 0
    visits: int = 0
    crowds: int = 0
    outcomes_due: int = 0  # visits received in the period with an answer due
    outcomes_on_time: int = 0
    outcomes_late: int = 0  # answered after the due day
    outcomes_overdue: int = 0  # not answered and the due day has passed
    tasks_due: int = 0
    tasks_on_time: int = 0
    tasks_overdue: int = 0
    commitments_due: int = 0
    commitments_kept: int = 0
    commitments_not_kept: int = 0

    @property
    def ratio(self) -> Fraction | None:
        return rules.compliance(self.held, self.required)

    @property
    def percent(self) -> float | None:
        """The ratio in per cent (not capped: extra sessions show above 100), or None when nothing was required."""
        ratio = self.ratio
        return None if ratio is None else float(ratio * 100)

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class HeadRow:
    head: User
    organization: Organization
    duties: list[HeadDuty]
    figures: Figures = field(default_factory=Figures)


@dataclass
class BodyRow:
    organization: Organization
    figures: Figures = field(default_factory=Figures)


@dataclass
class Report:
    top: Organization
    period: Period
    heads: list[HeadRow]
    bodies: list[BodyRow]
    total: Figures


# Scope ------------------------------------------------------------------------------------------------------


def compliance_scope(user: Any) -> QuerySet[Organization]:
    """The bodies whose compliance ``user`` may read, in tree order."""
    return Organization.objects.filter(org_permissions.scope_filter(user, rp.VIEW_COMPLIANCE)).order_by("path")


def readable_ids(user: Any, top: Organization, *, subtree: bool = True) -> list[int]:
    """``top`` (and, with ``subtree``, the bodies under it) among those ``user`` may read; NotFound if
    ``top`` itself is not readable."""
    bodies = compliance_scope(user)
    ids = list(bodies.filter(path__startswith=top.path).values_list("pk", flat=True)) if subtree else []
    if not subtree and bodies.filter(pk=top.pk).exists():
        ids = [top.pk]
    if top.pk not in ids:
        raise NotFound("body not found")
    return ids


# Periods ----------------------------------------------------------------------------------------------------


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(first, dt.time.min, tzinfo=clock.VIETNAM)
    return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=clock.VIETNAM)


def owed_months(period: Period, today: dt.date, *, cut_off: dt.date | None = None) -> list[dt.date]:
    """The first days of the period's months that have begun by ``today`` (the report: the month in
    progress is owed in full, read at its end). With ``cut_off`` (figures read as of a day, for the yearly
    evaluation): only the months over by that day — a month in progress may still hold its sessions."""
    if cut_off is not None:
        return [m.start for m in between(MONTH, period.start, period.end) if m.end <= cut_off]
    return [m.start for m in between(MONTH, period.start, period.end) if m.start <= today]


def _duty_required(table: list[rules.Frequency], duty: HeadDuty, months: list[dt.date]) -> int:
    return sum(
        rules.duty_sessions_required(
            table, HeadKind(duty.head_kind), Level(duty.level), month, duty_from=duty.valid_from, duty_to=duty.valid_to
        )
        for month in months
    )


def _session_duty(session: ReceptionSession, duties: list[HeadDuty]) -> HeadDuty | None:
    """The duty a session was held under: its own, else the head's duty in the session's body on its day
    (``rules.duty_on``, as ``services.schedule.session_duty`` chooses)."""
    if session.duty_id is not None:
        return session.duty
    day = clock.local(session.starts_at).date()
    mine = sorted((d for d in duties if d.organization_id == session.organization_id),
                  key=lambda d: (d.head_kind, d.valid_from, d.pk))  # fmt: skip
    return rules.duty_on(mine, day)


def rule_for_session(
    table: list[rules.Frequency], session: ReceptionSession, duties: list[HeadDuty]
) -> rules.Frequency | None:
    """The frequency row in force on the session's day for the duty it was held under."""
    duty = _session_duty(session, duties)
    if duty is None:
        return None
    return rules.frequency_for(
        table, HeadKind(duty.head_kind), Level(duty.level), clock.local(session.starts_at).date()
    )


def session_counted(table: list[rules.Frequency], session: ReceptionSession, duties: list[HeadDuty]) -> bool:
    """Whether a held regular session counts for its head: ``rules.held_session_counts``, the rule the
    schedule applies when it is marked held (a deputy refused there is never counted here)."""
    duty = _session_duty(session, duties)
    return rules.held_session_counts(
        head_id=session.head_id, held_by_id=session.held_by_id, day=clock.local(session.starts_at).date(),
        head_kind=HeadKind(duty.head_kind) if duty else None, level=Level(duty.level) if duty else None, table=table,
    )  # fmt: skip


# The report -------------------------------------------------------------------------------------------------


def _duties(ids: list[int], first: dt.date, last: dt.date) -> list[HeadDuty]:
    return list(
        HeadDuty.objects.filter(organization_id__in=ids, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("head", "organization")
        .order_by("organization__path", "head_kind", "head__full_name", "valid_from", "pk")
    )


def _count_sessions(figures: Figures, session: ReceptionSession, counted: bool) -> None:
    if session.status == choices.SessionStatus.CANCELLED:
        figures.cancelled += 1
    elif session.status != choices.SessionStatus.HELD:
        return
    elif session.kind == choices.SessionKind.AD_HOC:
        figures.ad_hoc += 1
    elif counted:
        figures.held += 1
    else:
        figures.held_not_counted += 1


def compliance_report(user: Any, *, top: Organization, period: Period, subtree: bool = True) -> Report:
    """The figures of every head with a duty in ``top`` (and its readable subtree) over ``period``."""
    ids = readable_ids(user, top, subtree=subtree)
    return _report(ids, top, period, clock.today())


def _report(
    ids: list[int], top: Organization, period: Period, today: dt.date, *, cut_off: dt.date | None = None
) -> Report:
    """With ``cut_off``, the figures as of that day: the months owed are those over by it (``owed_months``)
    and only their sessions count; visits received, tasks and commitments due by it; overdue on it."""
    table = frequency_table()
    months = owed_months(period, today, cut_off=cut_off)
    duties = _duties(ids, period.start, period.end)
    heads: dict[tuple[int, int], HeadRow] = {}
    duties_of: dict[int, list[HeadDuty]] = defaultdict(list)
    for duty in duties:
        key = (duty.organization_id, duty.head_id)
        row = heads.setdefault(key, HeadRow(duty.head, duty.organization, []))
        row.duties.append(duty)
        row.figures.required += _duty_required(table, duty, months)
        duties_of[duty.head_id].append(duty)
    bodies: dict[int, Figures] = defaultdict(Figures)
    last = period.end
    if cut_off is not None:
        today, last = cut_off, min(period.end, cut_off)
    start, end = _bounds(period.start, last)
    sessions_end = end
    if cut_off is not None:  # the sessions of the months owed only (none while no month is over)
        sessions_end = _bounds(period.start, rules.month_end(months[-1]))[1] if months else start

    sessions = ReceptionSession.objects.filter(
        organization_id__in=ids, starts_at__gte=start, starts_at__lt=sessions_end
    )
    for session in sessions.select_related("duty").only(
        "organization_id", "head_id", "held_by_id", "kind", "status", "starts_at", "duty__head_kind", "duty__level",
    ):  # fmt: skip
        counted = session_counted(table, session, duties_of.get(session.head_id, []))
        head_row = heads.get((session.organization_id, session.head_id))
        if head_row is not None:
            _count_sessions(head_row.figures, session, counted)
        _count_sessions(bodies[session.organization_id], session, counted)

    visit_rows = (
        Visit.objects.filter(organization_id__in=ids, received_at__gte=start, received_at__lt=end)
        .values("organization_id", "session__head_id")
        .annotate(
            visits=Count("pk"),
            crowds=Count("crowd"),
            due=Count("pk", filter=Q(outcome_due_on__isnull=False)),
            on_time=Count("pk", filter=Q(outcome_on__isnull=False, outcome_on__lte=F("outcome_due_on"))),
            late=Count("pk", filter=Q(outcome_on__isnull=False, outcome_on__gt=F("outcome_due_on"))),
            overdue=Count("pk", filter=Q(outcome_on__isnull=True, outcome_due_on__lt=today)),
        )
        .order_by()
    )
    for v in visit_rows:
        targets = [bodies[v["organization_id"]]]
        head_row = heads.get((v["organization_id"], v["session__head_id"]))
        if head_row is not None:
            targets.append(head_row.figures)
        for figures in targets:
            figures.visits += v["visits"]
            figures.crowds += v["crowds"]
            figures.outcomes_due += v["due"]
            figures.outcomes_on_time += v["on_time"]
            figures.outcomes_late += v["late"]
            figures.outcomes_overdue += v["overdue"]

    task_rows = (
        ConclusionTask.objects.filter(notice__organization_id__in=ids, due_on__gte=period.start, due_on__lte=last)
        .exclude(status=choices.TaskStatus.CANCELLED)
        .values("notice__organization_id", "notice__signer_id")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(status=choices.TaskStatus.DONE, done_on__lte=F("due_on"))),
            overdue=Count("pk", filter=Q(status=choices.TaskStatus.OPEN, due_on__lt=today)),
        )
        .order_by()
    )
    for t in task_rows:
        targets = [bodies[t["notice__organization_id"]]]
        head_row = heads.get((t["notice__organization_id"], t["notice__signer_id"]))
        if head_row is not None:
            targets.append(head_row.figures)
        for figures in targets:
            figures.tasks_due += t["due"]
            figures.tasks_on_time += t["on_time"]
            figures.tasks_overdue += t["overdue"]

    commitment_rows = (
        DialogueCommitment.objects.filter(dialogue__organization_id__in=ids, due_on__gte=period.start, due_on__lte=last)
        .exclude(status=choices.CommitmentStatus.CANCELLED)
        .values("dialogue__organization_id", "dialogue__head_id")
        .annotate(
            due=Count("pk"),
            kept=Count("pk", filter=Q(status=choices.CommitmentStatus.KEPT)),
            not_kept=Count("pk", filter=Q(status=choices.CommitmentStatus.NOT_KEPT)),
        )
        .order_by()
    )
    for c in commitment_rows:
        targets = [bodies[c["dialogue__organization_id"]]]
        head_row = heads.get((c["dialogue__organization_id"], c["dialogue__head_id"]))
        if head_row is not None:
            targets.append(head_row.figures)
        for figures in targets:
            figures.commitments_due += c["due"]
            figures.commitments_kept += c["kept"]
            figures.commitments_not_kept += c["not_kept"]

    for row in heads.values():  # a body's required sessions are its heads'
        bodies[row.organization.pk].required += row.figures.required
    names = {o.pk: o for o in Organization.objects.filter(pk__in=list(bodies)).order_by("path")}
    body_rows = [BodyRow(org, bodies[pk]) for pk, org in names.items()]
    total = Figures()
    for body in body_rows:
        total.add(body.figures)
    return Report(top=top, period=period, heads=list(heads.values()), bodies=body_rows, total=total)


# Drill-down: one head's sessions in a month ----------------------------------------------------------------


@dataclass(frozen=True)
class SessionLine:
    session: ReceptionSession
    held: bool
    counted: bool
    why: str  # why it does not count (empty when it counts); a code, the page words it
    rule: rules.Frequency | None
    visits: int


@dataclass
class HeadMonth:
    head: User
    month: Period
    duties: list[HeadDuty]
    lines: list[SessionLine]
    figures: Figures


WHY_CANCELLED, WHY_NOT_HELD, WHY_AD_HOC, WHY_DEPUTY = "cancelled", "not_held", "ad_hoc", "deputy"


def head_month(user: Any, *, head_id: int, month: Period) -> HeadMonth:
    """One head's month: the sessions with held / counted / why not, and the head's figures. Only the
    bodies ``user`` may read count; a head with no duty there answers NotFound."""
    ids = list(compliance_scope(user).values_list("pk", flat=True))
    duties = [d for d in _duties(ids, month.start, month.end) if d.head_id == head_id]
    if not duties:
        raise NotFound("head not found")
    head = duties[0].head
    table = frequency_table()
    today = clock.today()
    org_ids = sorted({d.organization_id for d in duties})
    top = duties[0].organization
    report = _report(org_ids, top, month, today)
    figures = Figures()
    for row in report.heads:
        if row.head.pk == head_id:
            figures.add(row.figures)
    start, end = _bounds(month.start, month.end)
    sessions = (
        ReceptionSession.objects.filter(
            head_id=head_id, organization_id__in=org_ids, starts_at__gte=start, starts_at__lt=end
        )
        .select_related("duty", "held_by", "point", "organization")
        .annotate(n_visits=Count("visits"))
        .order_by("starts_at", "pk")
    )
    lines = []
    for session in sessions:
        rule = rule_for_session(table, session, duties)
        held = session.status == choices.SessionStatus.HELD
        why = ""
        if session.status == choices.SessionStatus.CANCELLED:
            why = WHY_CANCELLED
        elif not held:
            why = WHY_NOT_HELD
        elif session.kind == choices.SessionKind.AD_HOC:
            why = WHY_AD_HOC
        elif not session_counted(table, session, duties):
            why = WHY_DEPUTY
        lines.append(SessionLine(session, held, held and not why, why, rule, session.n_visits))
    return HeadMonth(head=head, month=month, duties=duties, lines=lines, figures=figures)


# The register (visits of a body and a period) --------------------------------------------------------------


def register_rows(
    user: Any, *, top: Organization, period: Period, subtree: bool = False
) -> tuple[QuerySet[Visit], bool]:
    """The visits of ``top`` (with ``subtree``, and of the bodies under it the reader may read) received in
    ``period``, in register order; and whether the reader may see visitors' identity on every one of them."""
    bodies = Organization.objects.filter(org_permissions.scope_filter(user, rp.VIEW_REGISTER))
    ids = list(bodies.filter(path__startswith=top.path).values_list("pk", flat=True)) if subtree else []
    if not subtree and bodies.filter(pk=top.pk).exists():
        ids = [top.pk]
    if top.pk not in ids:
        raise NotFound("body not found")
    identity_ids = set(
        Organization.objects.filter(org_permissions.scope_filter(user, rp.VIEW_VISITORS), pk__in=ids).values_list(
            "pk", flat=True
        )
    )
    start, end = _bounds(period.start, period.end)
    visits = (
        Visit.objects.filter(organization_id__in=ids, received_at__gte=start, received_at__lt=end)
        .select_related("organization", "receiving_officer", "transferred_to", "crowd")
        .order_by("organization__path", "year", "serial_no", "pk")
    )
    return visits, identity_ids == set(ids)


# A year's figures of the bodies, for the yearly dân vận evaluation (danvan.emulation) ----------------------


def yearly_figures(*, organization_ids: list[int], year: int, cut_off: dt.date | None = None) -> dict[int, Figures]:
    """Each body's figures for ``year`` (the same counting as the compliance report, each body alone). A body
    with no reception data at all (no head duty, no session, no visit, no dialogue) is left out: the
    evaluation shows it as not measured.

    With ``cut_off`` (the evaluation's: the day the figures are read), only what fell due by that day:
    sessions of the months over by then, commitments and tasks due by then (``_report``).

    Not gated: the caller (the evaluation) gates on the bodies. A fixed number of queries."""
    if not organization_ids:
        return {}
    period = Period(YEAR, dt.date(year, 1, 1))
    top = Organization.objects.filter(pk__in=organization_ids).order_by("path").first()
    if top is None:
        return {}
    report = _report(list(organization_ids), top, period, clock.today(), cut_off=cut_off)
    return {row.organization.pk: row.figures for row in report.bodies}


def yearly_dialogues(*, organization_ids: list[int], year: int) -> dict[int, int]:
    """Per body, the dialogues held in ``year`` (held or closed; left out: planned or cancelled)."""
    start, end = _bounds(dt.date(year, 1, 1), dt.date(year, 12, 31))
    rows = (
        Dialogue.objects.filter(organization_id__in=organization_ids, held_at__gte=start, held_at__lt=end)
        .exclude(status=choices.DialogueStatus.CANCELLED)
        .values("organization_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["organization_id"]: r["n"] for r in rows}


def presided_yearly(*, organization_id: int, user_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Per official (every id asked for is in the result), for the per-official evaluation sheet
    (danvan.emulation), in the body ``organization_id`` only: ``presided`` — its reception sessions held in
    ``year`` that he presided (``rules.presiding_id``: the one recorded as receiving, else the session's
    head), regular and ad hoc; ``duty`` — 1 when he had a head's reception duty of that body in force at some
    point of the year, else 0. Another body's sessions are never counted (the sheet is that body's).

    Not gated: the caller gates on the body and the people. Two queries whatever the number of people."""
    out = {pk: {"presided": 0, "duty": 0} for pk in user_ids}
    if not user_ids:
        return out
    start, end = _bounds(dt.date(year, 1, 1), dt.date(year, 12, 31))
    sessions = ReceptionSession.objects.filter(
        Q(held_by_id__in=user_ids) | Q(held_by__isnull=True, head_id__in=user_ids),
        organization_id=organization_id, status=choices.SessionStatus.HELD, starts_at__gte=start, starts_at__lt=end,
    )  # fmt: skip
    for head_id, held_by_id in sessions.values_list("head_id", "held_by_id"):
        out[rules.presiding_id(head_id=head_id, held_by_id=held_by_id)]["presided"] += 1
    duties = _duties_of(user_ids, dt.date(year, 1, 1), dt.date(year, 12, 31)).filter(organization_id=organization_id)
    for head_id in set(duties.values_list("head_id", flat=True)):
        out[head_id]["duty"] = 1
    return out


def _duties_of(user_ids: list[int], first: dt.date, last: dt.date) -> QuerySet[HeadDuty]:
    return HeadDuty.objects.filter(head_id__in=user_ids, valid_from__lte=last).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=first)
    )
