"""The people's boards (dân kiểm tra, giám sát; spec §5.4, Luật Thực hiện dân chủ ở cơ sở 2022 Arts. 36–44).

A Ban Thanh tra nhân dân (TTND) is set up for a commune and a term, one member per village, at least
five (Art. 37); a Ban Giám sát đầu tư của cộng đồng (GSĐTCĐ) for a programme or project, at least five,
dissolved when its job ends (Art. 42). Both are directed by the commune's Front committee, where
``MANAGE_BOARDS`` is held. A board's recommendation to a body is answered by that body
(``ANSWER_RECOMMENDATIONS`` held there) by the date of the deadline table (step
``tra_loi_kien_nghi_ban_ttnd``; the board may ask for an earlier one); late, it is escalated once to the
body's parent and the commune Front.

Citizens tell a board what they saw through cases' own intake (``citizen_report``): a PAKN case,
routed by cases' routing rules to the board's body (``Organization`` of kind ``ban_thanh_tra_nhan_dan``
under the commune Front), which ``board_ttnd_create`` finds or creates with its routing rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases.enums import Channel, Track
from danvan.cases.services import intake
from danvan.cases.services.routing import routing_rule_ensure
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.deadlines.selectors import deadline_compute
from danvan.democracy import errors, rules
from danvan.democracy.enums import BoardKind, MemberEnd, MemberRole, PlanPeriod, RecommendationStatus
from danvan.democracy.models import Board, BoardMember, BoardPlan, BoardReport, Inspection, Recommendation, Village
from danvan.democracy.permissions import ANSWER_RECOMMENDATIONS, MANAGE_BOARDS
from danvan.democracy.selectors.boards import answer_bodies
from danvan.democracy.selectors.communes import commune_front
from danvan.org import permissions
from danvan.org.models import AdministrativeUnit, Organization, OrganizationKind

PROCEDURE = "dan_chu_co_so"
ANSWER_STEP = "tra_loi_kien_nghi_ban_ttnd"
BOARD_BODY_KIND = "ban_thanh_tra_nhan_dan"
# The cases topic a citizen's report to a Ban TTND carries: cases routes it (with its routing rule per
# commune) to the board's body, like any topic to its body.
REPORT_TOPIC = "ban-thanh-tra-nhan-dan"
LAW = rules.LAW


@dataclass(frozen=True)
class MemberInput:
    full_name: str
    village_id: int | None = None
    role: str = MemberRole.MEMBER
    is_commune_staff: bool = False
    is_village_official: bool = False
    is_project_related: bool = False


def _fail(message: str, code: str, **details: Any) -> DomainError:
    return DomainError(message, code=code, details=details)


def _front(commune: AdministrativeUnit) -> Organization:
    front = commune_front(commune)
    if front is None:
        raise _fail(_("This commune has no Front committee to direct its boards (Article 36, %(law)s).")
                    % {"law": LAW}, errors.NOT_IN_SCOPE)  # fmt: skip
    return front


def _check_members(kind: BoardKind, commune: AdministrativeUnit, members: list[MemberInput]) -> None:
    """Every member's refusal, before anything is written: names, villages in the commune, eligibility."""
    village_ids = set(Village.objects.filter(commune=commune).values_list("pk", flat=True))
    for number, member in enumerate(members):
        if not member.full_name.strip():
            raise _fail(_("Member %(n)s has no name.") % {"n": number + 1}, errors.REQUIRED, member=number)
        if member.role not in MemberRole.__members__.values():
            raise _fail(_("Unknown role."), errors.REQUIRED, member=number)
        if member.village_id is not None and member.village_id not in village_ids:
            raise _fail(_("%(name)s's village is not in this commune.") % {"name": member.full_name},
                        errors.NOT_IN_SCOPE, member=number)  # fmt: skip
        refusal = rules.member_refusal(
            kind,
            is_commune_staff=member.is_commune_staff,
            is_village_official=member.is_village_official,
            is_project_related=member.is_project_related,
        )
        if refusal is not None:
            raise _fail(
                _("%(name)s may not sit on this board (%(basis)s).") % {"name": member.full_name, "basis": refusal.basis},
                refusal.code, member=number, basis=refusal.basis,
            )  # fmt: skip


def _store_members(board: Board, members: list[MemberInput], on: dt.date, *, by_election: bool = False) -> list[Any]:
    return [
        BoardMember.objects.create(
            board=board,
            full_name=m.full_name.strip(),
            village_id=m.village_id,
            role=m.role,
            elected_on=on,
            by_election=by_election,
            is_commune_staff=m.is_commune_staff,
            is_village_official=m.is_village_official,
            is_project_related=m.is_project_related,
        )
        for m in members
    ]


def board_body(commune: AdministrativeUnit, front: Organization) -> Organization:
    """The commune's Ban TTND as a body (under the Front committee), found or created; with the cases
    routing rule that sends citizens' reports on its topic to it."""
    body = (
        Organization.objects.filter(unit=commune, kind__code=BOARD_BODY_KIND, is_active=True)
        .order_by("depth", "id")
        .first()
    )
    if body is None:
        from danvan.org.services import organization_create

        body = organization_create(
            actor=None, check_permission=False, code=f"{commune.code}-ban-ttnd-{front.pk}",
            name=f"Ban Thanh tra nhân dân {commune.name}", kind=OrganizationKind.objects.get(code=BOARD_BODY_KIND),
            unit=commune, parent=front,
        )  # fmt: skip
    routing_rule_ensure(
        track=Track.PAKN, topic_code=REPORT_TOPIC, topic_name="Ban Thanh tra nhân dân",
        topic_name_en="People's Inspection Board", unit=commune, organization=body,
        note="democracy.boards: citizens' reports to the Ban TTND",
    )  # fmt: skip
    return body


def _check_dates(established_on: dt.date, term_ends_on: dt.date | None) -> None:
    if term_ends_on is not None and term_ends_on <= established_on:
        raise _fail(_("The term must end after the board is set up."), errors.BAD_DATE)


def board_ttnd_create(
    *,
    actor: Any,
    commune: AdministrativeUnit,
    established_on: dt.date,
    term_ends_on: dt.date,
    members: list[MemberInput],
    name: str = "",
) -> Board:
    """Set up the commune's Ban TTND for a term: one member per village, at least five (Art. 37); one
    board in office per commune."""
    front = _front(commune)
    permissions.require(actor, MANAGE_BOARDS, front)
    _check_dates(established_on, term_ends_on)
    villages = Village.objects.filter(commune=commune, is_active=True).count()
    refusal = rules.board_size_refusal(BoardKind.TTND, len(members), villages)
    if refusal is not None:
        raise _fail(
            _("A People's Inspection Board of this commune has %(seats)s members: one per village, at least "
              "five (%(basis)s); %(n)s were given.")
            % {"seats": rules.ttnd_seats(villages), "basis": refusal.basis, "n": len(members)},
            refusal.code, seats=rules.ttnd_seats(villages), basis=refusal.basis,
        )  # fmt: skip
    _check_members(BoardKind.TTND, commune, members)
    with transaction.atomic():
        AdministrativeUnit.objects.select_for_update().filter(pk=commune.pk).first()
        if active_ttnd(commune, established_on) is not None:
            raise _fail(_("This commune already has a People's Inspection Board in office (Article 37, %(law)s).")
                        % {"law": LAW}, errors.BAD_STATE)  # fmt: skip
        board_body(commune, front)
        board = Board.objects.create(
            commune=commune, organization=front, kind=BoardKind.TTND,
            name=name.strip() or f"Ban Thanh tra nhân dân {commune.name}",
            established_on=established_on, term_ends_on=term_ends_on,
        )  # fmt: skip
        _store_members(board, members, established_on)
        audit_record(actor=actor, action="democracy.board_create", obj=board, object_repr=str(board),
                     after={"kind": board.kind, "members": len(members), "term_ends_on": str(term_ends_on)})  # fmt: skip
    return board


def active_ttnd(commune: AdministrativeUnit, on: dt.date) -> Board | None:
    return (
        Board.objects.filter(commune=commune, kind=BoardKind.TTND, dissolved_on__isnull=True, term_ends_on__gte=on)
        .order_by("-established_on")
        .first()
    )


def board_gsdtcd_create(
    *,
    actor: Any,
    commune: AdministrativeUnit,
    project: str,
    established_on: dt.date,
    members: list[MemberInput],
    project_owner: str = "",
    name: str = "",
) -> Board:
    """Set up a Ban GSĐTCĐ for one programme or project: at least five members (Art. 42)."""
    front = _front(commune)
    permissions.require(actor, MANAGE_BOARDS, front)
    if not project.strip():
        raise _fail(_("Name the programme or project the board supervises (Article 42, %(law)s).") % {"law": LAW},
                    errors.REQUIRED, field="project")  # fmt: skip
    refusal = rules.board_size_refusal(BoardKind.GSDTCD, len(members), 0)
    if refusal is not None:
        raise _fail(
            _("A Community Investment Supervision Board has at least %(min)s members (%(basis)s); %(n)s were given.")
            % {"min": rules.BOARD_MIN_MEMBERS, "basis": refusal.basis, "n": len(members)},
            refusal.code, basis=refusal.basis,
        )  # fmt: skip
    _check_members(BoardKind.GSDTCD, commune, members)
    with transaction.atomic():
        board = Board.objects.create(
            commune=commune, organization=front, kind=BoardKind.GSDTCD, project=project.strip(),
            project_owner=project_owner.strip(),
            name=name.strip() or f"Ban Giám sát đầu tư của cộng đồng — {project.strip()}"[:300],
            established_on=established_on,
        )  # fmt: skip
        _store_members(board, members, established_on)
        audit_record(actor=actor, action="democracy.board_create", obj=board, object_repr=str(board),
                     after={"kind": board.kind, "members": len(members), "project": board.project})  # fmt: skip
    return board


def _open(board: Board) -> None:
    if board.dissolved_on is not None:
        raise _fail(_("This board was dissolved."), errors.BAD_STATE)


def member_add(*, actor: Any, board: Board, member: MemberInput, on: dt.date) -> BoardMember:
    """Fill a vacant seat by a by-election: only with at least six months of the term left (Art. 37);
    a Ban TTND never has more members than seats."""
    permissions.require(actor, MANAGE_BOARDS, board)
    _open(board)
    kind = BoardKind(board.kind)
    if board.term_ends_on is not None and not rules.by_election_allowed(on, board.term_ends_on):
        raise _fail(
            _("A seat is filled by a by-election only with at least %(m)s months of the term left (Article 37, "
              "%(law)s); the term ends on %(end)s.")
            % {"m": rules.BY_ELECTION_MIN_MONTHS_LEFT, "law": LAW, "end": board.term_ends_on.strftime("%d/%m/%Y")},
            errors.BY_ELECTION_TOO_LATE,
        )  # fmt: skip
    _check_members(kind, board.commune, [member])
    with transaction.atomic():
        Board.objects.select_for_update().filter(pk=board.pk).first()
        if kind is BoardKind.TTND:
            villages = Village.objects.filter(commune=board.commune, is_active=True).count()
            seats = rules.ttnd_seats(villages)
            if board.members.filter(ended_on__isnull=True).count() >= seats:
                raise _fail(_("Every seat of this board is filled (%(seats)s, Article 37, %(law)s).")
                            % {"seats": seats, "law": LAW}, errors.BOARD_SIZE)  # fmt: skip
        (made,) = _store_members(board, [member], on, by_election=True)
        audit_record(actor=actor, action="democracy.board_member_add", obj=board, object_repr=str(board),
                     after={"member": made.pk, "name": made.full_name, "on": str(on)})  # fmt: skip
    return made


@transaction.atomic
def member_end(*, actor: Any, member: BoardMember, on: dt.date, reason: str) -> BoardMember:
    """End a member's seat, recording why (term ended, resigned, dismissed, moved away …)."""
    permissions.require(actor, MANAGE_BOARDS, member.board)
    if reason not in MemberEnd.__members__.values():
        raise _fail(_("Say why the seat ends."), errors.REQUIRED, field="reason")
    if member.ended_on is not None:
        raise _fail(_("This member's seat has already ended."), errors.BAD_STATE)
    if on < member.elected_on:
        raise _fail(_("A seat cannot end before the member was elected."), errors.BAD_DATE)
    member.ended_on, member.end_reason = on, reason
    member.save(update_fields=["ended_on", "end_reason"])
    audit_record(actor=actor, action="democracy.board_member_end", obj=member.board, object_repr=str(member.board),
                 after={"member": member.pk, "on": str(on), "reason": reason})  # fmt: skip
    return member


@transaction.atomic
def board_dissolve(*, actor: Any, board: Board, on: dt.date) -> Board:
    """A Ban GSĐTCĐ is dissolved when the project it supervised is done (Art. 42)."""
    permissions.require(actor, MANAGE_BOARDS, board)
    _open(board)
    if board.kind != BoardKind.GSDTCD:
        raise _fail(_("A People's Inspection Board ends with its term; only a supervision board is dissolved."),
                    errors.BAD_STATE)  # fmt: skip
    if on < board.established_on:
        raise _fail(_("A board cannot be dissolved before it was set up."), errors.BAD_DATE)
    board.dissolved_on = on
    board.save(update_fields=["dissolved_on", "updated_at"])
    board.members.filter(ended_on__isnull=True).update(ended_on=on, end_reason=MemberEnd.TERM_ENDED)
    audit_record(actor=actor, action="democracy.board_dissolve", obj=board, object_repr=str(board),
                 after={"on": str(on)})  # fmt: skip
    return board


def _period(period: str, number: int) -> None:
    limits = {PlanPeriod.QUARTER: 4, PlanPeriod.HALF: 2, PlanPeriod.YEAR: 1}
    if period not in limits or not 1 <= number <= limits[PlanPeriod(period)]:
        raise _fail(_("Choose a quarter (1–4), a half year (1–2) or the year."), errors.REQUIRED, field="period")


@transaction.atomic
def plan_save(*, actor: Any, board: Board, period: str, year: int, number: int, content: str,
              approved_on: dt.date | None = None) -> BoardPlan:  # fmt: skip
    """The board's plan for a quarter, a half year or a year (Art. 39); saving it again replaces it."""
    permissions.require(actor, MANAGE_BOARDS, board)
    _open(board)
    _period(period, number)
    if not content.strip():
        raise _fail(_("Write the plan."), errors.REQUIRED, field="content")
    plan, _created = BoardPlan.objects.update_or_create(
        board=board, period=period, year=year, number=1 if period == PlanPeriod.YEAR else number,
        defaults={"content": content.strip(), "approved_on": approved_on},
    )  # fmt: skip
    audit_record(actor=actor, action="democracy.board_plan_save", obj=board, object_repr=str(board),
                 after={"plan": plan.pk, "period": period, "year": year, "number": number})  # fmt: skip
    return plan


@transaction.atomic
def inspection_record(*, actor: Any, board: Board, subject: str, starts_on: dt.date, ends_on: dt.date | None = None,
                      findings: str = "", target: Organization | None = None) -> Inspection:  # fmt: skip
    """An inspection or supervision the board carried out, with what it found (Arts. 39, 44)."""
    permissions.require(actor, MANAGE_BOARDS, board)
    _open(board)
    if not subject.strip():
        raise _fail(_("Say what was inspected."), errors.REQUIRED, field="subject")
    if ends_on is not None and ends_on < starts_on:
        raise _fail(_("An inspection cannot end before it starts."), errors.BAD_DATE)
    Board.objects.select_for_update().filter(pk=board.pk).first()  # a retry waits for the first try's row
    same = dict(board=board, subject=subject.strip(), starts_on=starts_on, ends_on=ends_on, findings=findings.strip(),
                target=target)  # fmt: skip
    existing = Inspection.objects.filter(**same).order_by("id").first()
    if existing is not None:
        return existing  # a retry of the same form: stored once
    inspection = Inspection.objects.create(**same)
    audit_record(actor=actor, action="democracy.inspection_record", obj=board, object_repr=str(board),
                 after={"inspection": inspection.pk, "subject": inspection.subject})  # fmt: skip
    return inspection


@transaction.atomic
def report_send(*, actor: Any, board: Board, period: str, year: int, number: int, content: str,
                sent_on: dt.date) -> BoardReport:  # fmt: skip
    """The board's periodic report to the commune Front committee (Art. 39)."""
    permissions.require(actor, MANAGE_BOARDS, board)
    _period(period, number)
    if not content.strip():
        raise _fail(_("Write the report."), errors.REQUIRED, field="content")
    Board.objects.select_for_update().filter(pk=board.pk).first()  # a retry waits for the first try's row
    same = dict(board=board, period=period, year=year, number=number, content=content.strip(), sent_on=sent_on)
    existing = BoardReport.objects.filter(**same).order_by("id").first()
    if existing is not None:
        return existing  # a retry of the same form: stored once
    report = BoardReport.objects.create(**same)
    audit_record(actor=actor, action="democracy.board_report_send", obj=board, object_repr=str(board),
                 after={"report": report.pk})  # fmt: skip
    return report


def answer_due(sent_on: dt.date) -> dt.date:
    """The last day the body answers a board's recommendation: the deadline table's step
    ``tra_loi_kien_nghi_ban_ttnd`` (marked [U]: the board may ask for an earlier date)."""
    due = deadline_compute(procedure=PROCEDURE, step=ANSWER_STEP, started_on=sent_on).due_on
    assert due is not None  # no pause: always a date
    return due


def not_an_answer_body(board: Board) -> DomainError:
    """The refusal of a recommendation to a body outside ``answer_bodies(board)`` (or to no body at all:
    the REST interface answers a missing body with it too, so body ids cannot be probed)."""
    return _fail(
        _("A board's recommendation goes to a body of its commune (%(commune)s) or a body above it, which "
          "answers it (Articles 39 and 44, %(law)s); choose one of those bodies.")
        % {"commune": board.commune.name, "law": LAW},
        errors.NOT_ANSWER_BODY, field="to_organization",
    )  # fmt: skip


def recommendation_store(
    *,
    actor: Any,
    board: Board,
    to_organization: Organization,
    content: str,
    sent_on: dt.date,
    due_on: dt.date | None = None,
    inspection: Inspection | None = None,
) -> tuple[Recommendation, bool]:
    """A board's recommendation to a body, due by the table's date or an earlier one the board sets; with
    ``True`` when stored now, ``False`` when a retry found the same one (same body, content and date)
    already stored: it is returned, nothing is stored or notified twice."""
    permissions.require(actor, MANAGE_BOARDS, board)
    _open(board)
    if not content.strip():
        raise _fail(_("Write the recommendation."), errors.REQUIRED, field="content")
    if not answer_bodies(board).filter(pk=to_organization.pk).exists():
        raise not_an_answer_body(board)
    if inspection is not None and inspection.board_id != board.pk:
        raise _fail(_("That inspection is another board's."), errors.NOT_IN_SCOPE, field="inspection")
    legal = answer_due(sent_on)
    if due_on is not None and not sent_on <= due_on <= legal:
        raise _fail(_("The answer date may be earlier than the legal one (%(legal)s), never later or before the "
                      "recommendation is sent.") % {"legal": legal.strftime("%d/%m/%Y")}, errors.BAD_DATE,
                    legal=str(legal))  # fmt: skip
    with transaction.atomic():
        # The board's row serialises its senders: a retry waits here, then finds the first one's row.
        Board.objects.select_for_update().filter(pk=board.pk).first()
        same = Recommendation.objects.filter(board=board, to_organization=to_organization, sent_on=sent_on)
        existing = same.filter(content=content.strip()).order_by("id").first()
        if existing is not None:
            return existing, False
        rec = Recommendation.objects.create(board=board, inspection=inspection, to_organization=to_organization,
                                            content=content.strip(), sent_on=sent_on, due_on=due_on or legal)  # fmt: skip
        audit_record(actor=actor, action="democracy.recommendation_send", obj=rec, object_repr=str(board),
                     after={"to": to_organization.pk, "due_on": str(rec.due_on)})  # fmt: skip
        _notify(to_organization, rec, _("A people's board sent a recommendation"),
                _("%(board)s sent a recommendation; the answer is due by %(due)s.")
                % {"board": board.name, "due": rec.due_on.strftime("%d/%m/%Y")})  # fmt: skip
    return rec, True


def recommendation_send(
    *,
    actor: Any,
    board: Board,
    to_organization: Organization,
    content: str,
    sent_on: dt.date,
    due_on: dt.date | None = None,
    inspection: Inspection | None = None,
) -> Recommendation:
    """``recommendation_store`` without the flag: the recommendation stored now or by the first try."""
    rec, _created = recommendation_store(actor=actor, board=board, to_organization=to_organization, content=content,
                                         sent_on=sent_on, due_on=due_on, inspection=inspection)  # fmt: skip
    return rec


def may_answer(user: Any, rec: Recommendation) -> bool:
    return permissions.user_may(user, ANSWER_RECOMMENDATIONS, rec.to_organization)


@transaction.atomic
def recommendation_answer(*, actor: Any, recommendation: Recommendation, answer: str, on: dt.date) -> Recommendation:
    """The addressed body's answer (``ANSWER_RECOMMENDATIONS`` held in that body or above it)."""
    permissions.require(actor, ANSWER_RECOMMENDATIONS, recommendation.to_organization)
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if rec.status not in (RecommendationStatus.SENT, RecommendationStatus.ESCALATED):
        raise _fail(_("This recommendation was already answered or closed."), errors.BAD_STATE)
    if not answer.strip():
        raise _fail(_("Write the answer."), errors.REQUIRED, field="answer")
    if on < rec.sent_on:
        raise _fail(_("An answer cannot come before the recommendation."), errors.BAD_DATE)
    rec.answer, rec.answered_on, rec.answered_by = answer.strip(), on, actor
    rec.status = RecommendationStatus.ANSWERED
    rec.save()
    audit_record(actor=actor, action="democracy.recommendation_answer", obj=rec, object_repr=str(rec.board),
                 after={"answered_on": str(on), "late": on > rec.due_on})  # fmt: skip
    return rec


@transaction.atomic
def recommendation_close(*, actor: Any, recommendation: Recommendation) -> Recommendation:
    """The board closes its recommendation (satisfied with the answer, or withdrawn)."""
    permissions.require(actor, MANAGE_BOARDS, recommendation)
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if rec.status == RecommendationStatus.CLOSED:
        raise _fail(_("This recommendation is already closed."), errors.BAD_STATE)
    from danvan.core import clock

    rec.status, rec.closed_at = RecommendationStatus.CLOSED, clock.now()
    rec.save()
    audit_record(actor=actor, action="democracy.recommendation_close", obj=rec, object_repr=str(rec.board))
    return rec


def recommendation_escalate(*, recommendation: Recommendation, today: dt.date) -> bool:
    """Raise an unanswered, overdue recommendation once: to the addressed body's parent and the commune
    Front (status ESCALATED, a notification to each). False when it is not due for it (idempotent)."""
    with transaction.atomic():
        rec = (
            Recommendation.objects.select_for_update()
            .select_related("board", "to_organization")
            .get(pk=recommendation.pk)
        )
        if rec.status != RecommendationStatus.SENT or rec.escalated_on is not None or today <= rec.due_on:
            return False
        parent = rec.to_organization.parent
        rec.status, rec.escalated_on, rec.escalated_to = RecommendationStatus.ESCALATED, today, parent
        rec.save()
        audit_record(actor=None, action="democracy.recommendation_escalate", obj=rec, object_repr=str(rec.board),
                     after={"escalated_to": parent.pk if parent else None, "due_on": str(rec.due_on)})  # fmt: skip
        subject = _("A people's board's recommendation is overdue")
        body = _("%(to)s has not answered %(board)s's recommendation due by %(due)s.") % {
            "to": rec.to_organization.name, "board": rec.board.name, "due": rec.due_on.strftime("%d/%m/%Y")}  # fmt: skip
        if parent is not None:
            _notify(parent, rec, subject, body, action=ANSWER_RECOMMENDATIONS)
        _notify(rec.board.organization, rec, subject, body, action=MANAGE_BOARDS)
    return True


def _notify(org: Organization, rec: Recommendation, subject: Any, body: Any, *,
            action: str = ANSWER_RECOMMENDATIONS) -> int:  # fmt: skip
    from django.urls import reverse

    from danvan.notifications.services import notification_send
    from danvan.org.selectors import users_who_may

    link = reverse("democracy:recommendation_inbox")
    sent = 0
    for user in users_who_may(action, organization=org):
        notification_send(channel="in_app", template="democracy_recommendation", subject=str(subject), body=str(body),
                          recipient=user, about_kind="democracy.recommendation", about_id=rec.pk,
                          about_label=rec.board.name, link=link)  # fmt: skip
        sent += 1
    return sent


# --- what citizens saw --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitizenReport:
    content: str
    place_text: str
    name: str
    phone: str = ""
    email: str = ""
    consent: bool = False
    files: tuple[tuple[str, bytes], ...] = ()


def citizen_report(*, actor: Any, board: Board, report: CitizenReport, idempotency_key: str = "") -> intake.Submitted:
    """File what a citizen saw (a photo, a place) as a PAKN case addressed to the commune's Ban TTND,
    through cases' intake (its checks, receipt and tracking code); cases' routing rule on the board's
    topic sends it to the board's body (made by ``board_ttnd_create``)."""
    if board.kind != BoardKind.TTND or board.dissolved_on is not None:
        raise _fail(_("Send what you saw to the commune's People's Inspection Board."), errors.BAD_STATE)
    petition = intake.Petition(
        content=report.content, title=_("To the People's Inspection Board: %(place)s") % {"place": report.place_text[:60]}
        if report.place_text.strip() else "", track=Track.PAKN, topic_code=REPORT_TOPIC, place_text=report.place_text,
        place_unit_id=board.commune_id, name=report.name, phone=report.phone, email=report.email,
        consent=report.consent, consent_text=str(_("I agree that my report and contacts go to the People's "
                                                    "Inspection Board and the bodies that answer it.")),
        files=list(report.files),
    )  # fmt: skip
    return intake.case_submit(actor=actor, petition=petition, channel=Channel.WEB,
                              idempotency_key=f"ban-ttnd:{board.pk}:{idempotency_key}" if idempotency_key else "")  # fmt: skip
