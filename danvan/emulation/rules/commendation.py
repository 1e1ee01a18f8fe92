"""Commendation's pure rules (no Django): what a proposal may be about, its states and moves, the council's
opinions and when the council has spoken, which document family a decision is printed in, and a person's
initials for the printed lists.

The forms of commendation and discipline and the levels that may give them are DATA (the
``CommendationForm`` table, seeded by the migration with their source and [U] where unverified), not
constants here. Legal ground (legal-spec §7): commendation is given by the level that organises the
movement (Party committee, government or Front), as Giấy khen or Bằng khen under the Law on Emulation and
Commendation [S]; Party documents follow Quy định 399-QĐ/TW and Hướng dẫn 05-HD/VPTW, state documents
NĐ 30/2020 (§6.2: two template families) [S].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class SubjectKind(StrEnum):
    MODEL = "model"  # a "Dân vận khéo" model (dvk.DvkModel)
    EXEMPLAR = "exemplar"  # an exemplary person or collective (dvk.DvkExemplar)
    PERSON = "person"  # a cadre (a user)
    COLLECTIVE = "collective"  # a body (org.Organization)


class Status(StrEnum):
    PROPOSED = "proposed"  # the council reviews it
    DECIDED = "decided"  # commended: decision number, date, signer, form, level — frozen
    NOT_COMMENDED = "not_commended"  # the deciding level declined, with its reason — frozen


class Opinion(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    ABSTAIN = "abstain"


class Family(StrEnum):
    """A form's family: a commendation (khen thưởng) or a criticism / discipline (phê bình, kỷ luật)."""

    COMMENDATION = "commendation"
    DISCIPLINE = "discipline"


class DisciplineStatus(StrEnum):
    """A criticism or discipline record: in force, corrected by a newer version, or withdrawn."""

    IN_FORCE = "in_force"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class DocumentFamily(StrEnum):
    """The template family a decision is printed in (legal-spec §6.2)."""

    STATE = "state"  # NĐ 30/2020/NĐ-CP, Phụ lục I
    PARTY = "party"  # Quy định 399-QĐ/TW, Hướng dẫn 05-HD/VPTW


# The platform's choice, not law [U]: no text read for issue 17 sets the size of a commendation council.
MIN_COUNCIL_OPINIONS: Final = 2

FROZEN: Final = frozenset({Status.DECIDED, Status.NOT_COMMENDED})
DISCIPLINE_SUBJECTS: Final = frozenset({SubjectKind.PERSON, SubjectKind.COLLECTIVE})

# The sector (org.choices.Sector) whose decisions are Party documents; every other body prints in the
# state layout (NĐ 30/2020 governs state bodies; the Front and mass organisations use it too in practice [U]).
PARTY_SECTOR: Final = "party"


def may_decide(status: str) -> bool:
    return status == Status.PROPOSED


def council_has_spoken(*, seats: int, opinions: int) -> bool:
    """The council has spoken when every seat has given its opinion and there are at least
    ``MIN_COUNCIL_OPINIONS`` of them."""
    return seats >= MIN_COUNCIL_OPINIONS and opinions == seats


def tally(opinions: list[str]) -> dict[str, int]:
    """How many members agreed, disagreed, abstained (the council advises; the deciding level decides)."""
    return {kind.value: sum(1 for o in opinions if o == kind) for kind in Opinion}


def document_family(sector: str) -> DocumentFamily:
    return DocumentFamily.PARTY if sector == PARTY_SECTOR else DocumentFamily.STATE


def level_allowed(level: str, allowed_levels: list[str]) -> bool:
    """A form lists the levels that may give it; an empty list means any level."""
    return not allowed_levels or level in allowed_levels


# Who gives which form ------------------------------------------------------------------------------------
# The table is DATA (``CommendationAuthority``; seeded [U] from the Law on Emulation and Commendation
# 06/2022/QH15, e.g. Art. 80(3): the chairman of a commune People's Committee gives Giấy khen); here only how
# a row is read, once.

# org.choices.UnitLevel of the deciding body's administrative unit → the level of the commendation it gives.
_BODY_LEVELS: Final = {"province": "tinh", "commune": "xa"}


def body_level(unit_level: str) -> str | None:
    """The level at which a body gives commendations: a province's bodies "tinh", a commune's "xa" (the
    abolished district level and anything else: none)."""
    return _BODY_LEVELS.get(unit_level)


@dataclass(frozen=True)
class AuthorityRule:
    """One row of the authority table: ``form_code`` at ``level`` is given by a body of ``kind_code``."""

    form_code: str
    level: str
    kind_code: str
    valid_from: dt.date
    valid_to: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def authority_allows(
    rows: Iterable[AuthorityRule], *, form_code: str, level: str, kind_code: str, unit_level: str, on: dt.date
) -> bool:
    """May a body of ``kind_code`` in a unit of ``unit_level`` give ``form_code`` at ``level`` on ``on``? Only
    at its own level, and only where a row in force on that day says so."""
    if body_level(unit_level) != level:
        return False
    return any(
        r.form_code == form_code and r.level == level and r.kind_code == kind_code and r.in_force_on(on) for r in rows
    )


def initials(full_name: str) -> str:
    """ "Nguyễn Văn An" → "N.V.A." (the public face of a person in a shared list)."""
    return "".join(f"{word[0].upper()}." for word in full_name.split() if word)
