"""The pure rules of the register (sổ tiếp công dân; spec §3.2–3.3): which visits owe an answer, where
that answer stands, and from which day a visitor must identify himself. Pure: no Django.

The answer's due date itself is the deadline engine's (procedure ``tiep_cong_dan``, step ``tra_loi``:
10 working days, Luật Tiếp công dân 2013 Art. 28(1)); nothing here counts days.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from danvan.reception import rules
from danvan.reception.enums import Handling, Outcome

# NĐ 154/2026/NĐ-CP Art. 12 (in force 1/7/2026): a visitor identifies himself (căn cước number, or a
# certificate of identity, personal identification number or passport number) "to avoid impersonation".
# The dated rule is ``rules.IDENTITY_RULES`` (the same for a booking); the number's format ``core.id_card``.

FINAL_OUTCOMES: Final = frozenset({Outcome.ACCEPTED, Outcome.REFUSED, Outcome.TRANSFERRED})


def identity_required_on(day: dt.date) -> bool:
    """Whether a visit received on ``day`` must carry the visitor's identity number (NĐ 154/2026 Art. 12)."""
    return rules.id_number_required(day)


def answer_expected(handling: str) -> bool:
    """Art. 28(1) runs for what was taken in: a visitor refused (Art. 9), guided elsewhere or transferred
    at once gets no answer from this body (a transfer restarts the clock at the body it went to)."""
    return handling == Handling.RECEIVED


def outcome_state(outcome: str, due_on: dt.date | None, today: dt.date) -> str:
    """Where the Art. 28(1) answer stands: "answered" (a final answer), "more_time" (the visitor was told
    in time that more time is needed: the clock is met), "overdue", "open" (due, not yet late) or "none"
    (no answer due)."""
    if outcome in FINAL_OUTCOMES:
        return "answered"
    if outcome == Outcome.MORE_TIME:
        return "more_time"
    if due_on is None:
        return "none"
    return "overdue" if due_on < today else "open"
