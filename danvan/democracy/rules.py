"""The law's arithmetic and forms for grassroots democracy, as pure functions (spec §5.1, §5.2, §5.4).

Every threshold is counted over ALL households (or villages) of the scope, never over those present
(Art. 21). Integers only: "≥ 2/3" is ``3·agree ≥ 2·total`` so no rounding can move a result at the
edge. The durations (30 days' posting, 3 days' broadcast, 5 working days to publish, send and
recognise, 2 days' notice of a ballot) are rows of the deadline table (``deadlines.rules_seed``,
procedure ``dan_chu_co_so``), editable there; what is here is what the law fixes in its text [V].
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from danvan.democracy import errors
from danvan.democracy.enums import BoardKind, Channel, DecisionItem, DisclosureItem, Form, Scope

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022"

# --- Dân bàn và quyết định: who passes what (Art. 21) -------------------------------------------------


class Comparison(StrEnum):
    AT_LEAST = "at_least"  # ≥
    MORE_THAN = "more_than"  # >


@dataclass(frozen=True)
class Threshold:
    """``agree / total`` compared with ``numerator / denominator``; ``total`` is every household (or
    village) of the scope."""

    numerator: int
    denominator: int
    comparison: Comparison
    basis: str

    def met(self, agree: int, total: int) -> bool:
        if total <= 0 or agree < 0:
            return False
        left, right = agree * self.denominator, total * self.numerator
        return left >= right if self.comparison is Comparison.AT_LEAST else left > right

    def needed(self, total: int) -> int:
        """The fewest agreeing households (or villages) that meet it."""
        for agree in range(total + 1):
            if self.met(agree, total):
                return agree
        return total + 1  # cannot be met (total 0)

    def describe(self) -> str:
        sign = "≥" if self.comparison is Comparison.AT_LEAST else ">"
        if (self.numerator, self.denominator) == (1, 2):
            return f"{sign} 50%"
        if self.denominator == 100:
            return f"{sign} {self.numerator}%"
        return f"{sign} {self.numerator}/{self.denominator}"


TWO_THIRDS = Threshold(2, 3, Comparison.AT_LEAST, f"Khoản 1 Điều 21 {LAW}")
MAJORITY = Threshold(1, 2, Comparison.MORE_THAN, f"Khoản 1 Điều 21 {LAW}")
# A hương ước / quy ước meeting is valid only with more than half the households present (NĐ 61/2023 Art. 10).
HUONG_UOC_QUORUM = Threshold(1, 2, Comparison.MORE_THAN, "Điều 10 Nghị định 61/2023/NĐ-CP")
# Online voting is used only when more than half of all household representatives agree to it, and
# passes with more than half of them (NĐ 59/2023).
ONLINE_CONSENT = Threshold(1, 2, Comparison.MORE_THAN, "Nghị định 59/2023/NĐ-CP (biểu quyết trực tuyến)")
ONLINE_PASS = Threshold(1, 2, Comparison.MORE_THAN, "Nghị định 59/2023/NĐ-CP (biểu quyết trực tuyến)")
# A citizens' initiative needs at least 10 % of the village's households (Art. 16).
INITIATIVE = Threshold(10, 100, Comparison.AT_LEAST, f"Khoản 2 Điều 16 {LAW}")
INITIATIVE_VALID_MONTHS = 3  # each household's agreement stays valid 3 months (Art. 16)
# Dismissing a village head may be initiated when at least half the households ask (NĐ 59/2023).
DISMISSAL_REQUEST = Threshold(1, 2, Comparison.AT_LEAST, "Nghị định 59/2023/NĐ-CP (miễn nhiệm trưởng thôn)")


def pass_threshold(item: DecisionItem, scope: Scope, form: Form | None = None) -> Threshold:
    """The pass rule of one matter: ≥ 2/3 of all households (or, commune-wide, of all villages) for
    items 1–2; > 50 % of all households for items 3–6 (and for an online vote)."""
    if form is Form.ONLINE:
        return ONLINE_PASS
    if item in (DecisionItem.INFRASTRUCTURE_CONTRIBUTION, DecisionItem.CONTRIBUTIONS_ASSETS):
        return TWO_THIRDS
    return MAJORITY


def meeting_quorum(item: DecisionItem) -> Threshold | None:
    """A meeting that is void without enough households present (only the hương ước's, NĐ 61/2023)."""
    return HUONG_UOC_QUORUM if item is DecisionItem.HUONG_UOC else None


def meeting_could_pass(item: DecisionItem, scope: Scope, present: int, total: int) -> bool:
    """Whether the households present could have passed it, all agreeing. When they could not, the
    meeting "lacked the households" and a ballot may follow (Art. 19)."""
    quorum = meeting_quorum(item)
    if quorum is not None and not quorum.met(present, total):
        return False
    return pass_threshold(item, scope, Form.MEETING).met(present, total)


MEETING_ONLY = (DecisionItem.HUONG_UOC, DecisionItem.VILLAGE_HEAD, DecisionItem.BOARD_MEMBERS)


@dataclass(frozen=True)
class FormRefusal:
    code: str
    basis: str


def form_refusal(
    item: DecisionItem,
    form: Form,
    *,
    scope: Scope = Scope.VILLAGE,
    meeting_lacked_households: bool = False,
    online_consent_given: bool = False,
) -> FormRefusal | None:
    """Why the law does not allow ``form`` for ``item`` now, or None when it does (Art. 17, 19, NĐ 59).

    Items 3–5 are decided at a meeting; a ballot follows only a meeting that lacked the households to
    pass. Online voting is for item 6 only, at village scope, after more than half the households
    agreed to vote online."""
    if form is Form.ONLINE:
        if item is not DecisionItem.SELF_MANAGEMENT or scope is not Scope.VILLAGE:
            return FormRefusal(errors.ONLINE_NOT_ALLOWED, f"Khoản 3 Điều 17 {LAW}")
        if not online_consent_given:
            return FormRefusal(errors.ONLINE_CONSENT_MISSING, ONLINE_CONSENT.basis)
        return None
    if form is Form.BALLOT and item in MEETING_ONLY and not meeting_lacked_households:
        return FormRefusal(errors.MEETING_REQUIRED, f"Khoản 2 Điều 17, Điều 19 {LAW}")
    return None


# --- Initiative (Art. 16) ---------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has none (31/1 + 1 → 28/2)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def agreement_valid_until(agreed_on: dt.date) -> dt.date:
    """The last day a household's agreement to an initiative counts (3 months, Art. 16)."""
    return add_months(agreed_on, INITIATIVE_VALID_MONTHS) - dt.timedelta(days=1)


def agreements_in_force(agreed_on: list[dt.date], today: dt.date) -> int:
    return sum(1 for day in agreed_on if day <= today <= agreement_valid_until(day))


# --- Entry into force (Art. 21(2)) ------------------------------------------------------------------


class InForce(StrEnum):
    ON_ADOPTION = "on_adoption"  # items 1, 2, 6 at village scope
    ON_DATE_SET = "on_date_set"  # commune-wide items 1, 2: the date UBND xã sets
    UBND_RECOGNITION = "ubnd_recognition"  # items 3, 4
    MTTQ_RECOGNITION = "mttq_recognition"  # item 5


def in_force_rule(item: DecisionItem, scope: Scope) -> InForce:
    if item in (DecisionItem.HUONG_UOC, DecisionItem.VILLAGE_HEAD):
        return InForce.UBND_RECOGNITION
    if item is DecisionItem.BOARD_MEMBERS:
        return InForce.MTTQ_RECOGNITION
    if scope is Scope.COMMUNE:
        return InForce.ON_DATE_SET
    return InForce.ON_ADOPTION


def needs_recognition(item: DecisionItem, scope: Scope) -> bool:
    return in_force_rule(item, scope) in (InForce.UBND_RECOGNITION, InForce.MTTQ_RECOGNITION)


# --- Dân biết: the channel mix (Art. 13) ------------------------------------------------------------

POSTED_PERMANENTLY = (DisclosureItem.DEMOCRACY_REGULATION, DisclosureItem.PROCEDURES)
BROADCAST_ITEMS = tuple(DisclosureItem(n) for n in range(7, 13))  # items 7–12


@dataclass(frozen=True)
class ChannelDuty:
    """One channel an item must use: at least ``min_days`` consecutive days, or kept up for good."""

    channel: Channel
    min_days: int | None  # None: no minimum duration (portal, village heads)
    permanent: bool
    basis: str


def channel_duties(
    item: DisclosureItem, *, has_portal: bool, posting_days: int, broadcast_days: int
) -> list[ChannelDuty]:
    """The channels Art. 13 requires for ``item`` (durations from the deadline table)."""
    basis = f"Điều 13 {LAW}"
    duties: list[ChannelDuty] = []
    if has_portal:
        duties.append(ChannelDuty(Channel.PORTAL, None, False, basis))
    if item in POSTED_PERMANENTLY:
        duties.append(ChannelDuty(Channel.POSTING, None, True, basis))
    elif item is not DisclosureItem.OTHER:
        duties.append(ChannelDuty(Channel.POSTING, posting_days, False, basis))
    if item in BROADCAST_ITEMS:
        duties.append(ChannelDuty(Channel.LOUDSPEAKER, broadcast_days, False, basis))
        duties.append(ChannelDuty(Channel.VILLAGE_HEADS, None, False, basis))
    return duties


def consecutive_days(start: dt.date, end: dt.date | None) -> int | None:
    """Days a channel ran, both ends counted; None while it runs with no end set."""
    return None if end is None else (end - start).days + 1


# --- Dân kiểm tra, giám sát: boards (Arts. 36–44) ---------------------------------------------------

BOARD_MIN_MEMBERS = 5
BY_ELECTION_MIN_MONTHS_LEFT = 6


def ttnd_seats(villages: int) -> int:
    """A Ban TTND has one member per village or residential group, at least five (Art. 37)."""
    return max(BOARD_MIN_MEMBERS, villages)


def board_size_refusal(kind: BoardKind, members: int, villages: int) -> FormRefusal | None:
    if kind is BoardKind.TTND and members != ttnd_seats(villages):
        return FormRefusal(errors.BOARD_SIZE, f"Điều 37 {LAW}")
    if kind is BoardKind.GSDTCD and members < BOARD_MIN_MEMBERS:
        return FormRefusal(errors.BOARD_SIZE, f"Điều 42 {LAW}")
    return None


def by_election_allowed(vacant_on: dt.date, term_ends_on: dt.date) -> bool:
    """A vacant seat is filled by a by-election only with at least 6 months of the term left (Art. 37)."""
    return add_months(vacant_on, BY_ELECTION_MIN_MONTHS_LEFT) <= term_ends_on


def member_refusal(
    kind: BoardKind, *, is_commune_staff: bool, is_village_official: bool, is_project_related: bool
) -> FormRefusal | None:
    """Who may not sit on a board: commune officials, civil servants and village officials on a Ban
    TTND (Art. 37); commune staff and anyone related to the investor, contractor, consultant or project
    manager on a Ban GSĐTCĐ (Art. 42)."""
    if kind is BoardKind.TTND and (is_commune_staff or is_village_official):
        return FormRefusal(errors.INELIGIBLE_MEMBER, f"Khoản 2 Điều 37 {LAW}")
    if kind is BoardKind.GSDTCD and (is_commune_staff or is_project_related):
        return FormRefusal(errors.INELIGIBLE_MEMBER, f"Khoản 2 Điều 42 {LAW}")
    return None
