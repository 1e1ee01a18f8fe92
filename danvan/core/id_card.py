"""The identity number a person gives (căn cước / CCCD, or a passport): one rule for every way in —
the counter, the register, a booking, a case's intake.

Twelve digits (Luật Căn cước 2023, Điều 12; Thông tư 59/2021/TT-BCA, Điều 7): the first three are the
code of the province where the person's birth was registered, the fourth tells century and sex, the
fifth and sixth the year of birth, the last six are a serial. People write it with spaces or dots
("001 203 004 567"); it is checked here as twelve ASCII digits with a known province code, never
more (whether the card exists is the police's register, which no one here can reach).

A passport number is accepted too (a letter and seven or eight digits, e.g. ``C1234567``): NĐ 154/2026
Art. 12 lets a visitor identify himself by ID card, certificate of identity, personal identification
number (the same twelve digits) or passport. The old 9-digit CMND stopped being valid on 1/1/2025
(Luật Căn cước 2023, Art. 46) and is refused.

Pure: no database, no settings. What is kept of a number, and for which kind of petition, is
``cases.services.intake``'s to decide (legal-spec §11: only what the purpose needs).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

LENGTH = 12
# Province codes of the card (Thông tư 59/2021/TT-BCA, Phụ lục I): the 63 provinces before the 2025 merger,
# which stay on every card issued.
PROVINCE_CODES = frozenset({
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
    "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
    "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
    "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
})  # fmt: skip
_SEPARATORS = re.compile(r"[ .\-]")
_DIGITS = re.compile(r"[0-9]{12}")
_PASSPORT = re.compile(r"[A-Z][0-9]{7,8}")  # ASCII only, like the digits of a card

ID_NUMBER_INVALID = _(
    "Write the 12 digits of the ID card (e.g. 001 203 004 567) or a passport number (a letter and 7 or 8 digits)."
)
ID_NUMBER_PROVINCE = _("The first three digits of this ID card number are not a province code: please check it.")


def id_number_clean(raw: str) -> str:
    """The number as stored: without the spaces, dots or dashes people type, a passport's letter upper case."""
    return _SEPARATORS.sub("", (raw or "").strip()).upper()


def id_number_problem(raw: str) -> str | None:
    """Why ``raw`` is neither an ID card number nor a passport number, or ``None`` (an empty value is no
    problem: whether one is required is the caller's rule)."""
    if not (raw or "").strip():
        return None
    digits = id_number_clean(raw)
    if _PASSPORT.fullmatch(digits):
        return None
    if not _DIGITS.fullmatch(digits):  # ASCII digits only: "０" or "٠" are not accepted
        return str(ID_NUMBER_INVALID)
    if digits[:3] not in PROVINCE_CODES:
        return str(ID_NUMBER_PROVINCE)
    return None


def id_number_masked(last_digits: str) -> str:
    """What a screen shows of a number: its last digits only ("•••••••• 4567")."""
    return f"{'•' * (LENGTH - len(last_digits))} {last_digits}" if last_digits else ""
