"""Training's pure rules (no Django): when an officer has completed a course, whether a seat is left,
whether an officer counts as trained for a year, the coverage share, and the certificate's public face
(its number's shape, the holder's initials).

Nothing here is law: no text read for issue 17 sets a completion rule or a training quota (seed 002 asks
that reception officers, one-stop counters and commune police be trained; legal-spec §6 has no number).
The rules below are the platform's choice, written once, and documented in docs/emulation/training.md.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Set
from dataclasses import dataclass
from fractions import Fraction

# The certificate number: "DT-<year>-<8 characters>", the characters drawn at random from an alphabet
# without look-alikes (no 0/O, 1/I/L), so a number read aloud or typed from paper is verified right and
# the numbers cannot be walked one by one on the public verification page.
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
NUMBER_TOKEN_LENGTH = 8


def course_completed(*, required_sessions: Set[int], attended_sessions: Set[int]) -> bool:
    """An officer completed a course when the course has at least one required session and the officer
    was recorded present at every one of them (optional sessions do not count either way)."""
    return bool(required_sessions) and required_sessions <= attended_sessions


def seats_left(*, capacities: Iterable[int], enrolled: int) -> int | None:
    """Seats left for one more enrolment: an enrolled officer attends every session, so the smallest
    session decides. ``None`` when the course has no session yet (no limit known)."""
    smallest = min(capacities, default=None)
    if smallest is None:
        return None
    return max(smallest - enrolled, 0)


def is_trained(*, required_topics: Set[int], certified_topics: Set[int]) -> bool:
    """Trained for the year: a certificate issued that year for every topic the officer's roles require."""
    return bool(required_topics) and required_topics <= certified_topics


@dataclass(frozen=True)
class Coverage:
    """Officers who must be trained and those trained: the share is ``None`` when nobody must be (a unit
    with no such officer is "not applicable", never 0 % or 100 %)."""

    required: int
    trained: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.trained, self.required) if self.required else None

    @property
    def percent(self) -> float | None:
        share = self.share
        return None if share is None else round(float(share * 100), 1)

    @property
    def not_trained(self) -> int:
        return self.required - self.trained

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(self.required + other.required, self.trained + other.trained)


def session_day_allowed(*, current: dt.date, new: dt.date, today: dt.date) -> bool:
    """A session's day may be kept as it is, or moved to today or later; never into the past (a session
    whose day has passed may have been held: its record is corrected by recording the attendance, or by
    cancelling it as not held, with the reason)."""
    return new == current or new >= today


def requirement_in_force(*, year: int, valid_from: dt.date, valid_to: dt.date | None) -> bool:
    """A requirement counts for a year when it is in force on any day of it."""
    return valid_from <= dt.date(year, 12, 31) and (valid_to is None or valid_to >= dt.date(year, 1, 1))


def certificate_number(*, year: int, token: str) -> str:
    return f"DT-{year}-{token}"


def normalize_number(raw: str) -> str:
    """What a person typed into the verification form, as stored: upper case, no spaces."""
    return "".join(raw.split()).upper()


def initials(full_name: str) -> str:
    """ "Nguyễn Văn Hùng" → "N. V. H.": what the public verification page shows of the holder, enough for
    the person who holds the paper to be matched, too little to identify a stranger."""
    letters = []
    for word in full_name.split():
        letters.append(unicodedata.normalize("NFD", word)[0].upper() + ".")  # "Ấ" → "A", "Đ" stays
    return " ".join(letters)
