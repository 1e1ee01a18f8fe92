"""The readable codes reception gives citizens, one rule for all of them: a booking's ``LH-XXXX-XXXX``
(lịch hẹn) and a notice of conclusions' ``KL-XXXX-XXXX`` (kết luận).

Eight characters of an alphabet without look-alikes (no 0/O, no 1/I/L), in two groups of four, after a
two-letter prefix: read aloud at a counter, typed from an SMS, without doubt. 31^8 ≈ 8.5·10^11 codes: a
code is never guessed (its look-ups are rate-limited, and a booking opens only with its phone too).
A citizen may type one in any case, with spaces, dots or dashes, with or without the prefix.
Pure: no Django.
"""

from __future__ import annotations

import secrets
from typing import Final

ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # the cases' tracking codes use the same one
LENGTH: Final = 8
BOOKING_PREFIX: Final = "LH"  # "lịch hẹn"
FOLLOW_PREFIX: Final = "KL"  # "kết luận"


def _grouped(prefix: str, body: str) -> str:
    return f"{prefix}-{body[:4]}-{body[4:]}"


def code_new(prefix: str) -> str:
    """A fresh random code, e.g. ``code_new("LH") == "LH-7K9Q-M4XR"`` (callers draw again on the rare clash
    with a stored one)."""
    return _grouped(prefix, "".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def code_parse(prefix: str, text: str) -> str | None:
    """The code with ``prefix`` a citizen means by ``text`` (any case, any spacing or punctuation, with or
    without the prefix), or ``None`` when it cannot be one (a 0, 1, I, L or O is never issued)."""
    compact = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if compact.startswith(prefix) and len(compact) == len(prefix) + LENGTH:
        compact = compact[len(prefix) :]
    if len(compact) != LENGTH or any(ch not in ALPHABET for ch in compact):
        return None
    return _grouped(prefix, compact)
