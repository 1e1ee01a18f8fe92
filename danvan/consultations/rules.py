"""Consultations' pure rules: what text may be a statement or a comment, when a consultation takes views,
which channels and audiences fit. No Django: services call these and raise with the codes they return.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from danvan.consultations import errors
from danvan.consultations.enums import Audience, Channel, Item, Status

# Short enough to read on a phone in one glance and to vote on without scrolling (Pol.is keeps 140
# characters; Vietnamese needs more letters for the same thought).
STATEMENT_MAX = 240
COMMENT_MAX = 5000
# Any tag-like run: statements and comments are plain text, shown escaped; markup is refused rather than
# silently stripped so the writer sees what will be published.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&#?\w+;")


def clean_text(text: str) -> str:
    """Unicode NFC, no control characters, runs of spaces collapsed, ends trimmed (lines kept)."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(lines).strip()


def text_refusal(text: str, limit: int) -> str | None:
    """The refusal code for a statement or comment's (cleaned) text, or None when it may be stored."""
    if not text:
        return errors.TEXT_EMPTY
    if len(text) > limit:
        return errors.TEXT_TOO_LONG
    if _MARKUP.search(text):
        return errors.TEXT_HAS_MARKUP
    return None


def takes_views(status: Status, opens_on: dt.date, closes_on: dt.date, today: dt.date) -> bool:
    """Views are taken while the consultation is open, from its first day to its last day inclusive."""
    return status == Status.OPEN and opens_on <= today <= closes_on


def vote_refusal(value: object) -> str | None:
    return None if value in (1, 0, -1) and not isinstance(value, bool) else errors.BAD_VOTE


def audience_refusal(item: Item, audience: Audience) -> str | None:
    """Art. 27: a draft decision on specific citizens (item 8) is put to the people it affects; the
    others are put to a commune, its villages or a province."""
    if item == Item.AFFECTING_CITIZENS and audience != Audience.AFFECTED:
        return errors.BAD_AUDIENCE
    if audience == Audience.AFFECTED and item != Item.AFFECTING_CITIZENS:
        return errors.BAD_AUDIENCE
    return None


def channels_refusal(item: Item, channels: list[str]) -> str | None:
    """Known channels, at least one; the targeted dialogue is Art. 27's, for item 8 only."""
    known = {c.value for c in Channel}
    if not channels or any(c not in known for c in channels):
        return errors.BAD_CHANNEL
    if Channel.TARGETED_DIALOGUE.value in channels and item != Item.AFFECTING_CITIZENS:
        return errors.BAD_CHANNEL
    return None


def summary_on_time(due_on: dt.date | None, published_on: dt.date | None, today: dt.date) -> bool | None:
    """Art. 11(11) via Art. 12(3): was (or is) the summary published by its due date? None while it is not
    due yet and not published, or has no due date (the authority has not decided yet)."""
    if due_on is None:
        return None
    if published_on is not None:
        return published_on <= due_on
    return False if today > due_on else None


# drafts ----------------------------------------------------------------------------------------------------

# What a participant must prove, per audience (the shared decision of issue 19): a village's matter is its
# households'; the people a decision affects (Art. 27) are heard as households or keyed in from the
# targeted dialogue; a commune may be open to anyone; a province's people cannot be checked household by
# household, so open or signed-in residents.
VERIFICATION_FITS: dict[Audience, frozenset[str]] = {
    Audience.VILLAGES: frozenset({"household"}),
    Audience.AFFECTED: frozenset({"household"}),
    Audience.COMMUNE: frozenset({"open", "resident", "household"}),
    Audience.PROVINCE: frozenset({"open", "resident"}),
}


def verification_refusal(audience: Audience, verification: str) -> str | None:
    return None if verification in VERIFICATION_FITS[audience] else errors.BAD_VERIFICATION


def period_refusal(opens_on: dt.date | None, closes_on: dt.date | None) -> str | None:
    if opens_on is None or closes_on is None:
        return errors.REQUIRED
    return errors.BAD_DATE if closes_on < opens_on else None


def days_left(closes_on: dt.date, today: dt.date) -> int:
    """Days a consultation still takes views, today included (0 once the last day has passed)."""
    return max((closes_on - today).days + 1, 0)
