"""Which legal clock runs in which state, and other pure case rules.

The deadlines app knows the periods; this module only says which (procedure, step) applies to a
case in a given state and from which event the period is counted. Pure: no ORM.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from danvan.cases.enums import Status as S
from danvan.cases.enums import Track
from danvan.cases.transitions import AWAITING


@dataclass(frozen=True)
class Clock:
    procedure: str
    step: str
    anchor: str  # the case date field the period is counted from
    label: str


def clock_for(track: str, status: str, round_: int = 1, *, reopened: bool = False) -> Clock | None:
    """The legal clock of a case in ``status``; None when nothing is owed on a deadline. A feedback item
    the citizen sent back as "still not fixed" (``reopened``) is answered again counting from that day."""
    n = 2 if round_ >= 2 else 1
    if track == Track.KHIEU_NAI:
        if status == S.RECEIVED:
            return Clock("khieu_nai", f"thu_ly_lan_{n}", "received_on", "thụ lý")
        if status in {S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.SUSPENDED}:
            return Clock("khieu_nai", f"giai_quyet_lan_{n}", "accepted_on", "giải quyết")
        if status == S.DECIDED:
            return Clock("khieu_nai", f"gui_quyet_dinh_lan_{n}", "decided_on", "gửi quyết định")
        return None
    if track == Track.TO_CAO:
        if status == S.RECEIVED:
            return Clock("to_cao", "xu_ly_ban_dau", "received_on", "xử lý ban đầu")
        if status in {S.ACCEPTED, S.VERIFYING, S.SUSPENDED}:
            return Clock("to_cao", "giai_quyet", "accepted_on", "giải quyết")
        if status == S.CONCLUDED:
            return Clock("to_cao", "gui_ket_luan", "decided_on", "gửi kết luận")
        return None
    if track in {Track.PAKN, Track.UNCLASSIFIED}:
        if status in {S.RECEIVED, S.REGISTERED, S.UNDER_STUDY}:
            # Internal target, not statutory (legal-spec §4.2): the rule row says so.
            return Clock("pakn", "tra_loi", "reopened_on" if reopened else "received_on", "trả lời")
        return None
    return None


def deadline_state(due_on: dt.date | None, warn_on: dt.date | None, today: dt.date) -> str:
    """'overdue' | 'due_soon' | 'on_time' | 'none' — what lists show beside each case."""
    if due_on is None:
        return "none"
    if today > due_on:
        return "overdue"
    if warn_on is not None and today >= warn_on:
        return "due_soon"
    return "on_time"


def case_deadline_state(status: str, due_on: dt.date | None, warn_on: dt.date | None, today: dt.date) -> str:
    """``deadline_state`` of a case: one that owes the citizen no further step (answered, its decision
    sent, closed, ended) is never due nor overdue, whatever date its last clock kept. The report counts
    it the same way (``selectors.REPORT_STAGES``: an answered or decided case is never overdue)."""
    if status not in AWAITING:
        return "none"
    return deadline_state(due_on, warn_on, today)


# Files one petition may carry (each checked by files.checks.inspect_upload).
MAX_FILES_PER_CASE = 5


# Tracking codes: short, unambiguous (no 0/O, 1/I/L), easy to read out on the phone.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_PREFIX = {Track.PAKN: "PA", Track.KHIEU_NAI: "KN", Track.TO_CAO: "TC", Track.UNCLASSIFIED: "DV"}


def tracking_code_new(track: str, today: dt.date) -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"{_PREFIX.get(Track(track), 'DV')}-{today:%y%m}-{body}"


# What may be typed or linked as a tracking code (upper case): wider than the codes made above, so that
# codes of imported or older cases still look up, but never a '/', '?', '%', NUL or a space.
TRACKING_CODE_SHAPE = re.compile(r"[A-Z0-9-]{4,20}")


def tracking_code_well_formed(text: str) -> bool:
    return TRACKING_CODE_SHAPE.fullmatch(text) is not None


def representatives_allowed(people: int) -> tuple[int, int]:
    """How many representatives a group may name: Luật Tiếp công dân Art. 30; NĐ 124/2020 Art. 5.

    5–10 people → 1 or 2; more than 10 → up to 5; fewer than 5 need none (0 to 1 allowed).
    """
    if people < 5:
        return (0, 1)
    if people <= 10:
        return (1, 2)
    return (1, 5)


@dataclass(frozen=True)
class RouteCandidate:
    rule_id: int
    organization_id: int
    track: str  # "" = any
    topic_id: int | None
    unit_id: int | None
    priority: int


def route_best(
    candidates: list[RouteCandidate], *, track: str, topic_id: int | None, commune_id: int | None,
    province_id: int | None,
) -> RouteCandidate | None:  # fmt: skip
    """The most specific matching rule: a commune beats a province beats anywhere; a named topic
    and a named track beat "any"; then the higher priority; then the older rule."""
    best: tuple[tuple[int, int, int, int, int], RouteCandidate] | None = None
    for c in candidates:
        if c.track and c.track != track:
            continue
        if c.topic_id is not None and c.topic_id != topic_id:
            continue
        if c.unit_id is not None and c.unit_id not in {commune_id, province_id}:
            continue
        place = 2 if c.unit_id is not None and c.unit_id == commune_id else 1 if c.unit_id is not None else 0
        key = (place, int(c.topic_id is not None), int(bool(c.track)), c.priority, -c.rule_id)
        if best is None or key > best[0]:
            best = (key, c)
    return best[1] if best else None


REDACTED = "[đã che]"


def redact(text: str, secrets_: list[str]) -> str:
    """Remove the denouncer's identity from a text (Luật Tố cáo 2018, Điều 56(2)).

    ``secrets_`` is [name, phone, email, address, id_number] (missing ones empty): the values are
    removed as written (what ``redact_literal`` did alone before issue 12), then in every other form
    people write them (``cases.redaction``). The handler reviews the result
    before anyone else reads it: automatic redaction is a floor, not a guarantee.
    """
    from danvan.cases import redaction

    values = [*secrets_, "", "", "", "", ""][:5]
    identity = redaction.Identity(*values)
    # Each value as written first (a whole address with its ward and province goes as one), then
    # the other forms.
    return redaction.redact(redact_literal(text, secrets_), identity)


def redact_literal(text: str, secrets_: list[str]) -> str:
    """Each value replaced as written, case-insensitively; phone digits also with separators."""
    result = text
    for value in sorted({s.strip() for s in secrets_ if s and len(s.strip()) >= 3}, key=len, reverse=True):
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 8 and len(digits) >= len(value.replace(" ", "")) - 2:
            pattern = r"[\s.\-]?".join(re.escape(d) for d in digits)
            result = re.sub(pattern, REDACTED, result)
        result = re.sub(re.escape(value), REDACTED, result, flags=re.IGNORECASE)
    return result
