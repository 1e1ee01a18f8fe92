"""The boards part's selectors: a commune's boards with their validity (size and eligibility, Arts. 37,
42), recommendations with their status and whether they are overdue, the public view (names and roles,
never contacts), and the dashboards' figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from danvan.core import clock
from danvan.democracy import rules
from danvan.democracy.enums import BoardKind, RecommendationStatus
from danvan.democracy.models import Board, BoardMember, Recommendation, Village
from danvan.democracy.permissions import ANSWER_RECOMMENDATIONS, MANAGE_BOARDS
from danvan.org.models import AdministrativeUnit, Organization
from danvan.org.permissions import scope_filter, user_may

OPEN = (RecommendationStatus.SENT, RecommendationStatus.ESCALATED)


@dataclass
class BoardState:
    board: Board
    members: list[BoardMember]
    seats: int | None  # a Ban TTND's seats (one per village, at least five); None for a Ban GSĐTCĐ
    problems: list[str] = field(default_factory=list)  # the articles the board does not meet now

    @property
    def valid(self) -> bool:
        return not self.problems


def _villages(commune_id: int) -> int:
    return Village.objects.filter(commune_id=commune_id, is_active=True).count()


def board_state(board: Board, villages: int | None = None) -> BoardState:
    """The board with its members in office and what it lacks against the law today."""
    members = [m for m in board.members.all() if m.ended_on is None]
    kind = BoardKind(board.kind)
    count = _villages(board.commune_id) if villages is None and kind is BoardKind.TTND else villages or 0
    problems = []
    refusal = rules.board_size_refusal(kind, len(members), count)
    if refusal is not None:
        problems.append(refusal.basis)
    for m in members:
        bad = rules.member_refusal(kind, is_commune_staff=m.is_commune_staff, is_village_official=m.is_village_official,
                                   is_project_related=m.is_project_related)  # fmt: skip
        if bad is not None and bad.basis not in problems:
            problems.append(bad.basis)
    return BoardState(board, members, rules.ttnd_seats(count) if kind is BoardKind.TTND else None, problems)


def commune_boards(commune: AdministrativeUnit, *, include_dissolved: bool = False) -> list[BoardState]:
    rows = Board.objects.filter(commune=commune).prefetch_related("members").order_by("kind", "-established_on")
    if not include_dissolved:
        rows = rows.filter(dissolved_on__isnull=True)
    villages = _villages(commune.pk)
    return [board_state(b, villages) for b in rows]


def boards_for(user: Any) -> QuerySet[Board]:
    """The boards a Front officer keeps (held in the commune Front or above it with the subtree)."""
    return (
        Board.objects.filter(scope_filter(user, MANAGE_BOARDS, "organization"))
        .select_related("commune", "organization")
        .order_by("commune__name", "kind", "-established_on")
    )


def board_for(user: Any, pk: int) -> Board | None:
    return boards_for(user).filter(pk=pk).first()


def may_manage(user: Any, board: Board) -> bool:
    return user_may(user, MANAGE_BOARDS, board)


def is_overdue(rec: Recommendation, today: dt.date | None = None) -> bool:
    return rec.status in OPEN and (today or clock.today()) > rec.due_on


def recommendations(board: Board) -> list[Recommendation]:
    rows = list(Recommendation.objects.filter(board=board).select_related("to_organization", "escalated_to"))
    today = clock.today()
    for rec in rows:
        rec.overdue = is_overdue(rec, today)  # type: ignore[attr-defined]
    return rows


def recommendation_inbox(user: Any, *, open_only: bool = True) -> list[Recommendation]:
    """Recommendations addressed to the bodies where ``user`` may answer them, oldest due first."""
    rows = Recommendation.objects.filter(scope_filter(user, ANSWER_RECOMMENDATIONS, "to_organization"))
    if open_only:
        rows = rows.filter(status__in=OPEN)
    found = list(rows.select_related("board", "board__commune", "to_organization").order_by("due_on", "pk"))
    today = clock.today()
    for rec in found:
        rec.overdue = is_overdue(rec, today)  # type: ignore[attr-defined]
    return found


def recommendation_for_answer(user: Any, pk: int) -> Recommendation | None:
    rec = Recommendation.objects.select_related("board", "to_organization").filter(pk=pk).first()
    if rec is None or not user_may(user, ANSWER_RECOMMENDATIONS, rec.to_organization):
        return None
    return rec


def answer_bodies(board: Board) -> QuerySet[Organization]:
    """The bodies a board may address: those of its commune (its People's Committee, the villages, the
    units under it) and the bodies above them."""
    return (
        Organization.objects.filter(Q(unit=board.commune) | Q(unit=board.commune.province), is_active=True)
        .exclude(kind__code="ban_thanh_tra_nhan_dan")
        .select_related("kind")
        .order_by("depth", "name")
    )


# --- public -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicMember:
    full_name: str
    role: str
    village: str


@dataclass(frozen=True)
class PublicRecommendation:
    to: str
    content: str
    sent_on: dt.date
    due_on: dt.date
    status: str
    status_label: str
    answered_on: dt.date | None
    answer: str
    overdue: bool


@dataclass(frozen=True)
class PublicBoard:
    pk: int
    kind: str
    kind_label: str
    name: str
    project: str
    established_on: dt.date
    term_ends_on: dt.date | None
    members: list[PublicMember]
    recommendations: list[PublicRecommendation]


def public_boards(commune: AdministrativeUnit) -> list[PublicBoard]:
    """The boards in office: members' names, roles and villages (public in practice), never a contact;
    recommendations with their answer status."""
    rows = (
        Board.objects.filter(commune=commune, dissolved_on__isnull=True)
        .prefetch_related("members__village", "recommendations__to_organization")
        .order_by("kind", "-established_on")
    )
    today = clock.today()
    found = []
    for b in rows:
        members = [PublicMember(m.full_name, m.get_role_display(), m.village.name if m.village else "")
                   for m in b.members.all() if m.ended_on is None]  # fmt: skip
        recs = [
            PublicRecommendation(
                r.to_organization.name,
                r.content,
                r.sent_on,
                r.due_on,
                r.status,
                r.get_status_display(),
                r.answered_on,
                r.answer,
                is_overdue(r, today),
            )
            for r in sorted(b.recommendations.all(), key=lambda r: (r.sent_on, r.pk), reverse=True)
        ]
        found.append(PublicBoard(b.pk, b.kind, b.get_kind_display(), b.name, b.project, b.established_on,
                                 b.term_ends_on, members, recs))  # fmt: skip
    return found


def public_board(commune: AdministrativeUnit, pk: int) -> PublicBoard | None:
    return next((b for b in public_boards(commune) if b.pk == pk), None)


def public_ttnd(commune: AdministrativeUnit) -> Board | None:
    today = clock.today()
    return (
        Board.objects.filter(commune=commune, kind=BoardKind.TTND, dissolved_on__isnull=True)
        .filter(Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=today))
        .order_by("-established_on")
        .first()
    )


# --- dashboards ---------------------------------------------------------------------------------------


def figures(commune_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """This part's figures per commune (``AdministrativeUnit`` id) for ``year``, for the dashboards
    (``selectors.dashboards``). Every commune asked for is in the result; every key below is present:

    - ``boards``: boards in office at some time in the year
    - ``boards_meeting_rules``: of those, the ones whose size and members meet Arts. 37/42 today
    - ``recommendations``: recommendations sent in the year
    - ``answered_on_time``: answered on or before their due date
    - ``answered_late``: answered after it
    - ``unanswered_overdue``: not answered and past their due date today

    "On time" is decided here, once: answered on or before ``due_on`` (the table's date or the board's
    earlier one)."""
    keys = ("boards", "boards_meeting_rules", "recommendations", "answered_on_time", "answered_late",
            "unanswered_overdue")  # fmt: skip
    result = {cid: dict.fromkeys(keys, 0) for cid in commune_ids}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    boards = (
        Board.objects.filter(commune_id__in=commune_ids, established_on__lte=end)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start))
        .prefetch_related("members")
    )
    villages: dict[int, int] = {}
    for b in boards:
        if b.kind == BoardKind.TTND and b.term_ends_on is not None and b.term_ends_on < start:
            continue
        row = result[b.commune_id]
        row["boards"] += 1
        if b.commune_id not in villages:
            villages[b.commune_id] = _villages(b.commune_id)
        if board_state(b, villages[b.commune_id]).valid:
            row["boards_meeting_rules"] += 1
    today = clock.today()
    recs = Recommendation.objects.filter(board__commune_id__in=commune_ids, sent_on__gte=start, sent_on__lte=end)
    for commune_id, status, due_on, answered_on in recs.values_list("board__commune_id", "status", "due_on",
                                                                     "answered_on"):  # fmt: skip
        row = result[commune_id]
        row["recommendations"] += 1
        if answered_on is not None:
            row["answered_on_time" if answered_on <= due_on else "answered_late"] += 1
        elif status in OPEN and today > due_on:
            row["unanswered_overdue"] += 1
    return result
