"""Reads of cases, always through the permission gate.

A case a user may not see answers exactly like a case that does not exist (``NotFound``): a
tố cáo must not even be shown to exist to the wrong person (Luật Tố cáo 2018, Điều 47).
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, F, Q, QuerySet, Value, When
from django.utils.crypto import salted_hmac

from danvan.cases import permissions as case_permissions
from danvan.cases import rules, transitions
from danvan.cases.choices import EventVisibility, Status, Track
from danvan.cases.models import Attachment, Case, CaseEvent, RoutingRule, TopicCategory
from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.models import AuditEvent
from danvan.core.text import fold
from danvan.core.tokens import token_matches
from danvan.org import permissions
from danvan.org import selectors as org_selectors


def _visible(user: Any, *, own: bool = True) -> Q:
    """Cases this user may read: non-tố-cáo in the VIEW scope, tố cáo only in the VIEW_TO_CAO scope,
    and (``own``) the cases they submitted themselves.

    The staff lists (inbox, report) leave out ``own``: an officer's own petitions are not work of
    their body (they follow them as a citizen, on "my petitions"), and "or submitted by me" would
    keep PostgreSQL from using the index on the handling body (issue 7)."""
    general = permissions.scope_filter(user, case_permissions.VIEW, "handling_organization")
    if permissions.same_scope(user, case_permissions.VIEW, case_permissions.VIEW_TO_CAO):
        # (not tố cáo and in scope) or (tố cáo and in the same scope) is "in scope": written so, the
        # database can use the index on the handling body (issue 7: 15 ms instead of 475 ms).
        if not general:
            return Q()  # everything (an empty Q OR-ed with another would keep only the other)
        condition = general
    else:
        to_cao = permissions.scope_filter(user, case_permissions.VIEW_TO_CAO, "handling_organization")
        condition = (~Q(track=Track.TO_CAO) & general) | (Q(track=Track.TO_CAO) & to_cao)
    if own and getattr(user, "is_authenticated", False):
        condition |= Q(submitter=user)
    return condition


def staff_visible(user: Any) -> Q:
    """The one filter of the cases ``user``'s roles let them read (tố cáo only in the VIEW_TO_CAO scope), without
    their own petitions: for other capabilities' staff pages that list cases (insight's alerts and similar cases)."""
    return _visible(user, own=False)


def case_may_view(user: Any, case: Case) -> bool:
    if getattr(user, "is_authenticated", False) and case.submitter_id == user.pk:
        return True
    if case.handling_organization_id is None:
        return bool(getattr(user, "is_superuser", False))
    action = case_permissions.VIEW_TO_CAO if case.is_to_cao else case_permissions.VIEW
    return permissions.user_may(user, action, case)


def case_in_staff_scope(user: Any, case: Case) -> bool:
    """Does a role of ``user`` cover ``case``'s body (not merely having submitted it)? The staff pages show
    an officer's own petition only then: otherwise they follow it as a citizen."""
    action = case_permissions.VIEW_TO_CAO if case.is_to_cao else case_permissions.VIEW
    scope = permissions.scope_filter(user, action, "handling_organization")
    return Case.objects.filter(scope, pk=case.pk).exists()


def case_get_for(*, user: Any, pk: int) -> Case:
    case = (
        Case.objects.select_related("handling_organization", "handler", "place_unit__province", "topic", "submitter")
        .filter(pk=pk)
        .first()
    )
    if case is None or not case_may_view(user, case):
        raise NotFound("case not found")
    return case


def case_get_by_link(*, tracking_code: str, token: str) -> Case:
    """The citizen's private link: the code and the secret; a wrong secret is "not found"."""
    case = (
        Case.objects.select_related("handling_organization", "place_unit__province")
        .filter(tracking_code=tracking_code.strip().upper())
        .first()
    )
    if case is None or not token or not token_matches(token, case.access_token_hash):
        raise NotFound("case not found")
    return case


LINK_GRANT_SALT = "danvan.cases.link-grant"


def case_link_grant(case: Case) -> str:
    """What a browser session keeps once the private link has been opened, instead of the secret (which
    thus leaves the address bar and the logs). Derived from the stored hash of the secret: it stops
    working when the secret is replaced."""
    return salted_hmac(LINK_GRANT_SALT, case.access_token_hash, algorithm="sha256").hexdigest()


def case_get_by_grant(*, tracking_code: str, grant: str) -> Case:
    """The case a session was granted by its private link; anything else is "not found"."""
    case = (
        Case.objects.select_related("handling_organization", "place_unit__province")
        .filter(tracking_code=tracking_code.strip().upper())
        .first()
    )
    if case is None or not grant or not hmac.compare_digest(case_link_grant(case), grant):
        raise NotFound("case not found")
    return case


def case_second_round_open(case: Case) -> bool:
    """Is a second-time complaint against this case still alive? (At most one: legal-spec §1.7.)"""
    return case.next_rounds.exclude(status__in=[Status.REJECTED, Status.TERMINATED]).exists()


# What partners see (the REST API's look-up and Open311) ------------------------------------------------


def cases_visible_to_partners() -> QuerySet[Case]:
    """Every case a partner's interface may ever show: never a tố cáo, whatever the key (Luật Tố cáo 2018,
    Điều 47: a denunciation must not even be shown to exist outside the bodies that resolve it). Each
    interface narrows it further (published tracks, the key's own cases)."""
    return Case.objects.exclude(track=Track.TO_CAO)


def case_get_for_partner(*, tracking_code: str, case_ids: QuerySet[Any]) -> Case:
    """A case the partner sent (``case_ids``: its submissions, from ``partners.selectors``) by its tracking
    code; a tố cáo, another partner's case and a missing one all answer ``NotFound``."""
    case = (
        cases_visible_to_partners()
        .filter(tracking_code=tracking_code.strip().upper(), pk__in=case_ids)
        .select_related("handling_organization")
        .first()
    )
    if case is None:
        raise NotFound("case not found")
    return case


def case_transfer_targets(case: Case, *, query: str = "") -> QuerySet[Any]:
    """Bodies a case may be transferred to: those that work on the platform (they have case officers, or
    a routing rule sends them cases), but not the case's own body; with ``query``, those whose name holds
    its words, with or without diacritics. Province-level bodies first, then by kind and name (the form
    groups them by level and kind)."""
    bodies = org_selectors.organizations_working_on(
        case_permissions.HANDLE, or_among=RoutingRule.objects.values("organization_id")
    )
    if case.handling_organization_id is not None:
        bodies = bodies.exclude(pk=case.handling_organization_id)
    for word in fold(query).split()[:8]:
        bodies = bodies.filter(search_name__contains=word)
    # "province" > "district" > "commune": descending puts the province level first.
    level_first = F("unit__level").desc(nulls_last=True)
    return bodies.select_related("kind", "unit").order_by(level_first, "kind__sort_order", "kind__name", "name")


def case_timeline(case: Case, *, public_only: bool) -> QuerySet[CaseEvent]:
    events = case.events.select_related("actor").order_by("at", "id")
    return events.filter(visibility=EventVisibility.PUBLIC) if public_only else events


# The citizen's side ----------------------------------------------------------------------------------


def case_stored_under(*, channel: str, idempotency_key: str) -> Case | None:
    """The case a petition sent with this idempotency key stored on this channel, if any."""
    key = idempotency_key.strip()[:100]
    return Case.objects.filter(channel=channel, idempotency_key=key).first() if key else None


def case_submission_stored(*, channel: str, idempotency_key: str) -> bool:
    """Whether a petition was already stored under this form's key (a retry, not a new submission)."""
    return case_stored_under(channel=channel, idempotency_key=idempotency_key) is not None


def topic_list_active() -> QuerySet[TopicCategory]:
    """The topics a petition may be filed under, in the order the forms offer them."""
    return TopicCategory.objects.filter(is_active=True).order_by("sort_order", "name")


def case_get_owned(*, user: Any, tracking_code: str) -> Case:
    """A signed-in citizen's own case by its tracking code (they need no secret); anything else,
    including a code that is not one, is "not found"."""
    code = tracking_code.strip().upper()
    if not getattr(user, "is_authenticated", False) or not rules.tracking_code_well_formed(code):
        raise NotFound("case not found")
    case = (
        Case.objects.select_related("handling_organization", "place_unit__province", "topic")
        .filter(tracking_code=code, submitter_id=user.pk)
        .first()
    )
    if case is None or not case_may_view(user, case):
        raise NotFound("case not found")
    return case


def case_list_submitted_by(*, user: Any) -> QuerySet[Case]:
    """ "My petitions": the cases a signed-in citizen sent, newest first (none for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    return (
        Case.objects.filter(submitter_id=user.pk)
        .select_related("handling_organization")
        .order_by("-received_on", "-id")
    )


# Statuses in which the answer (or decision) has been given, so the citizen's page may show it.
ANSWERED = frozenset({Status.ANSWERED, Status.NOTIFIED, Status.FINAL, Status.CLOSED})


@dataclass(frozen=True)
class CitizenCase:
    """What the private page of a case shows its petitioner (or whoever holds its private link).

    Never what only officers read: internal events, sealed files, the signed decision's scan."""

    case: Case
    owner: bool  # the signed-in citizen who sent it (they may withdraw it online)
    events: QuerySet[CaseEvent]  # the public timeline, oldest first
    attachments: QuerySet[Attachment]
    may_withdraw: bool
    is_open: bool
    overdue: bool
    show_answer: bool


def case_get_for_citizen(
    *, user: Any, tracking_code: str, grant: str = "", today: dt.date | None = None
) -> CitizenCase:
    """A case's private page: by the grant its private link left in this browser session
    (``case_link_grant``), or, without one, to the signed-in citizen who sent it. Anything else is
    "not found", the same for a case that does not exist."""
    code = tracking_code.strip().upper()
    case: Case | None = None
    if grant and rules.tracking_code_well_formed(code):
        try:
            case = case_get_by_grant(tracking_code=code, grant=grant)
        except NotFound:
            case = None
    if case is not None:
        owner = bool(getattr(user, "is_authenticated", False)) and case.submitter_id == user.pk
    else:
        try:
            case, owner = case_get_owned(user=user, tracking_code=code), True
        except NotFound:
            # A citizen signed in with a verified phone or email sees the cases sent with it, as the
            # holder of the private link does (not the owner: withdrawing online stays the sender's).
            case, owner = case_get_by_verified_contact(user=user, tracking_code=code), False
    today = today or clock.today()
    status = Status(case.status)
    return CitizenCase(
        case=case,
        owner=owner,
        events=case_timeline(case, public_only=True),
        attachments=case.attachments.filter(sealed=False).exclude(kind=Attachment.Kind.DECISION),
        may_withdraw=owner and transitions.Action.WITHDRAW in transitions.allowed_actions(
            Track(case.track), status, transitions.case_facts(case)),
        is_open=transitions.is_open(status),
        overdue=case.due_on is not None and case.due_on < today,
        show_answer=status in ANSWERED and bool(case.answer_text),
    )  # fmt: skip


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    track: str = ""
    organization_id: int | None = None
    place_unit_id: int | None = None
    handler_id: int | None = None
    deadline: str = ""  # "overdue" | "due_soon" | "on_time"
    query: str = ""
    only_open: bool = True
    received_from: dt.date | None = None
    received_to: dt.date | None = None


# The inbox's one order: the cases still awaiting a step first, by legal deadline (so the overdue come
# first, and those without a deadline after the rest), then the answered and the closed; the oldest
# received first among equals.
INBOX_ORDER = (
    models.Case(When(status__in=sorted(transitions.AWAITING), then=Value(0)), default=Value(1)).asc(),
    F("due_on").asc(nulls_last=True),
    F("received_on").asc(),
    F("id").asc(),
)


def case_list_for(*, user: Any, filters: InboxFilters = InboxFilters(), today: dt.date | None = None) -> QuerySet[Case]:
    """The staff inbox: what the user may see, filtered, soonest deadline first."""
    today = today or clock.today()
    cases = Case.objects.filter(_visible(user, own=False))
    if filters.only_open:
        cases = cases.filter(status__in=list(transitions.OPEN | {"final", "info_only"}))
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.track:
        cases = cases.filter(track=filters.track)
    if filters.organization_id:
        cases = cases.filter(handling_organization_id=filters.organization_id)
    if filters.place_unit_id:
        cases = cases.filter(place_unit_id=filters.place_unit_id)
    if filters.handler_id:
        cases = cases.filter(handler_id=filters.handler_id)
    if filters.received_from:
        cases = cases.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        cases = cases.filter(received_on__lte=filters.received_to)
    if filters.deadline:
        # Only a case that still owes the citizen a step is due or overdue (rules.case_deadline_state).
        cases = cases.filter(status__in=transitions.AWAITING)
    if filters.deadline == "overdue":
        cases = cases.filter(due_on__lt=today)
    elif filters.deadline == "due_soon":
        cases = cases.filter(due_on__gte=today, warn_on__lte=today)
    elif filters.deadline == "on_time":
        cases = cases.filter(due_on__gte=today).filter(Q(warn_on__gt=today) | Q(warn_on__isnull=True))
    key = fold(filters.query)
    if key:
        # Accent-insensitive: both the stored text and the query are folded ("dat dai" finds "đất đai").
        for word in key.split()[:8]:
            cases = cases.filter(search_text__contains=word)
    return cases.select_related("handling_organization", "handler", "place_unit").order_by(*INBOX_ORDER)


# The report of receipt and handling ("tình hình tiếp nhận, giải quyết") --------------------------------


@dataclass(frozen=True)
class ReportRow:
    """One handling body's cases received in the period, as they stand today.

    Every case counts once, by its state today (``REPORT_STAGES``): ``in_progress`` + ``answered`` +
    ``decided`` + ``closed`` + ``ended`` = ``received``.
    """

    organization_id: int | None
    received: int
    pakn: int
    khieu_nai: int
    to_cao: int
    in_progress: int  # being handled: no answer, decision or conclusion yet
    answered: int  # feedback answered (NĐ 20/2008 Art. 7); its file not yet closed
    decided: int  # complaint decided or denunciation concluded, the decision sent or in effect; file not closed
    closed: int  # file closed after its answer, decision or conclusion
    ended: int  # ended without one: not accepted, withdrawn, gone to court, split, kept as information
    overdue: int  # in progress and past its legal deadline today

    @property
    def open(self) -> int:
        """Not yet answered, decided, closed or ended."""
        return self.in_progress


REPORT_COUNTS = ("received", "pakn", "khieu_nai", "to_cao", "in_progress", "answered", "decided", "closed", "ended",
                 "overdue")  # fmt: skip
# The one definition of the report's stages: each state of every track in exactly one.
REPORT_STAGES: dict[str, frozenset[str]] = {
    "answered": frozenset({Status.ANSWERED}),
    "decided": frozenset({Status.DECIDED, Status.CONCLUDED, Status.NOTIFIED, Status.FINAL}),
    "closed": frozenset({Status.CLOSED}),
    "ended": frozenset({Status.REJECTED, Status.TERMINATED, Status.CLOSED_COURT, Status.SPLIT, Status.INFO_ONLY}),
}
REPORT_STAGES["in_progress"] = frozenset(set(Status) - set().union(*REPORT_STAGES.values()))


def case_report(*, user: Any, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[ReportRow]:
    """Per handling body, the cases the user may see that were received from ``start`` to ``end``
    (inclusive): by track, and by stage today (``REPORT_STAGES``), with those in progress past their
    deadline today. One grouped query, counting ``received_on`` (never empty) rather than the id so
    that the report index holds every column it reads; the busiest body first."""
    today = today or clock.today()
    stage = {name: Q(status__in=sorted(statuses)) for name, statuses in REPORT_STAGES.items()}
    rows = (
        Case.objects.filter(_visible(user, own=False), received_on__gte=start, received_on__lte=end)
        .values("handling_organization_id")
        .annotate(
            received=Count("received_on"),
            pakn=Count("received_on", filter=Q(track=Track.PAKN)),
            khieu_nai=Count("received_on", filter=Q(track=Track.KHIEU_NAI)),
            to_cao=Count("received_on", filter=Q(track=Track.TO_CAO)),
            **{name: Count("received_on", filter=condition) for name, condition in stage.items()},
            overdue=Count("received_on", filter=stage["in_progress"] & Q(due_on__lt=today)),
        )
        .order_by("-received", "handling_organization_id")
    )
    counted: Any = rows
    return [ReportRow(organization_id=row["handling_organization_id"], **{n: row[n] for n in REPORT_COUNTS})
            for row in counted]  # fmt: skip


# A citizen signed in by a one-time code or an identity provider (danvan.citizens) ------------------


def _contact_case_ids(user: Any) -> list[int]:
    """The ids of the cases sent with a phone or email ``user`` has proved: PAKN and khiếu nại only (a
    tố cáo keeps no contact on the case; its sealed identity is never searched). Phones are stored as
    written, so the candidates share the number's last three digits and are compared in E.164."""
    from danvan.citizens.contacts import contact_matches
    from danvan.citizens.selectors import verified_contacts

    ids: set[int] = set()
    for contact in verified_contacts(user=user):
        if contact.kind == "email":
            rows = Case.objects.exclude(track=Track.TO_CAO).filter(contact_email__iexact=contact.value)
            ids.update(rows.values_list("pk", flat=True))
        else:
            rows = Case.objects.exclude(track=Track.TO_CAO).filter(contact_phone__endswith=contact.value[-3:])
            ids.update(pk for pk, phone in rows.values_list("pk", "contact_phone")
                       if contact_matches(contact, phone=phone))  # fmt: skip
    return sorted(ids)


def case_get_by_verified_contact(*, user: Any, tracking_code: str) -> Case:
    """A case sent with a contact ``user`` has proved; anything else is "not found"."""
    code = tracking_code.strip().upper()
    if not getattr(user, "is_authenticated", False) or not rules.tracking_code_well_formed(code):
        raise NotFound("case not found")
    case = (
        Case.objects.select_related("handling_organization", "place_unit__province", "topic")
        .filter(tracking_code=code, pk__in=_contact_case_ids(user))
        .first()
    )
    if case is None:
        raise NotFound("case not found")
    return case


def case_list_for_citizen(*, user: Any) -> QuerySet[Case]:
    """ "My petitions" of a signed-in citizen: those sent from the account (any kind, a tố cáo too)
    and those sent with a phone or email the account has proved (not a tố cáo), newest first."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    return (
        Case.objects.filter(Q(submitter_id=user.pk) | Q(pk__in=_contact_case_ids(user)))
        .select_related("handling_organization")
        .order_by("-received_on", "-id")
    )


# A year's figures of the bodies, for the yearly dân vận evaluation (danvan.emulation) ----------------------

# The steps that settle a case: the answer to a feedback item, the decision on a complaint, the conclusion of
# a denunciation. Their day is ``decided_on``.
SETTLING_ACTIONS = ("cases.answer", "cases.decide", "cases.conclude")
# The topic of petitions about officials' conduct (seeded by migration 0002_seed_topics).
STAFF_CONDUCT_TOPIC = "thai-do-phuc-vu"


def _settled_in(year: int) -> QuerySet[Case]:
    """The cases settled in ``year`` (``decided_on`` in the year) that a yearly figure may count: every track
    but tố cáo. Denunciations are left out of every figure: the figures are read by roles without
    ``cases.view_to_cao`` (the dân vận, the Front, the unit's own head), and in a small body — or on one
    official's sheet — "one upheld case" would name the official denounced."""
    return Case.objects.filter(decided_on__year=year).exclude(track=Track.TO_CAO)


def _timeliness(rows: list[tuple[int, dt.date | None]]) -> dict[int, str]:
    """For each settled case ``(pk, decided_on)``: ``on_time`` / ``late`` against the legal deadline the case
    carried when it was settled (read from that step's audit record, since ``due_on`` moves on to the next
    step's clock), or ``no_deadline`` when none was recorded (counted neither way). One query."""
    due: dict[str, str] = {}
    audits = AuditEvent.objects.filter(
        object_type=Case._meta.label_lower, object_id__in=[str(pk) for pk, _day in rows], action__in=SETTLING_ACTIONS
    ).order_by("at", "pk")
    for object_id, before in audits.values_list("object_id", "before"):
        if isinstance(before, dict) and before.get("due_on"):
            due[object_id] = str(before["due_on"])  # the last settling step wins (a second round)
    out = {}
    for pk, decided_on in rows:
        due_on = due.get(str(pk))
        if due_on is None or decided_on is None:
            out[pk] = "no_deadline"
        else:
            out[pk] = "on_time" if decided_on <= dt.date.fromisoformat(due_on[:10]) else "late"
    return out


def yearly_figures(*, organization_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Per handling body (every id asked for is in the result, every key present), the cases it settled in
    ``year`` (``decided_on`` in the year):

    - ``settled``: answered, decided or concluded in the year
    - ``on_time`` / ``late``: settled on or before / after the legal deadline the case carried when it was
      settled (``_timeliness``)
    - ``no_deadline``: settled with no deadline recorded (not counted either way)
    - ``staff_conduct_decided`` / ``staff_conduct_upheld``: complaints (khiếu nại) about officials' conduct
      (topic ``thai-do-phuc-vu``) decided in the year, and those found right or partly right

    Tố cáo (denunciations) are left out of every figure (``_settled_in``). Only phản ánh/kiến nghị and khiếu
    nại are counted.

    Not gated: the caller (the evaluation) gates on the bodies. Two queries whatever the number of bodies."""
    keys = ("settled", "on_time", "late", "no_deadline", "staff_conduct_decided", "staff_conduct_upheld")
    out = {pk: dict.fromkeys(keys, 0) for pk in organization_ids}
    if not organization_ids:
        return out
    rows = list(
        _settled_in(year)
        .filter(handling_organization_id__in=organization_ids)
        .values_list("pk", "handling_organization_id", "decided_on", "track", "outcome", "topic__code")
    )
    timeliness = _timeliness([(r[0], r[2]) for r in rows])
    for pk, org_id, _decided_on, track, outcome, topic in rows:
        row = out[org_id]
        row["settled"] += 1
        row[timeliness[pk]] += 1
        if topic == STAFF_CONDUCT_TOPIC and track == Track.KHIEU_NAI:
            row["staff_conduct_decided"] += 1
            row["staff_conduct_upheld"] += int(outcome in {"right", "partly_right"})
    return out


def handler_yearly_figures(*, organization_id: int, user_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Per official (every id asked for is in the result), the cases of the handling body ``organization_id``
    he handled (``Case.handler``) that were settled in ``year``: ``settled``, ``on_time``, ``late``,
    ``no_deadline`` — the same cases and the same on-time rule as ``yearly_figures`` (tố cáo left out), that
    body's counted by handler. Cases he handled in another body are never counted: the sheet of a unit is
    read by that unit's head, who may not open them.

    Not gated: the caller (the per-official evaluation sheet) gates on the body and the people. Two queries
    whatever the number of people."""
    keys = ("settled", "on_time", "late", "no_deadline")
    out = {pk: dict.fromkeys(keys, 0) for pk in user_ids}
    if not user_ids:
        return out
    rows = list(
        _settled_in(year)
        .filter(handling_organization_id=organization_id, handler_id__in=user_ids)
        .values_list("pk", "handler_id", "decided_on")
    )
    timeliness = _timeliness([(pk, decided_on) for pk, _handler, decided_on in rows])
    for pk, handler_id, _decided_on in rows:
        out[handler_id]["settled"] += 1
        out[handler_id][timeliness[pk]] += 1
    return out
