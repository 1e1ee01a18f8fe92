"""The short code a citizen reads out at a counter or types on a phone: the tracking code and one
check character, in groups, and the tolerant reading of what people type back.

A tracking code (``rules.tracking_code_new``) is already short: a kind prefix (PA, KN, TC, DV), the
month (yymm) and six characters from an alphabet without look-alikes (no 0/O, 1/I/L). The short code
adds a check character so that a mistyped or misheard character, or two neighbours swapped, is caught
before any look-up (``short_code_parse`` answers ``None``), and groups it for reading aloud:

    tracking code  PA-2612-X7K9QM       short code  PA-2612-X7K-9QM-R

The check is a weighted sum modulo 31 (a prime) over per-position values below 31: every single
substitution and every swap of two neighbours changes it. It is public arithmetic, not a secret:
the short code alone never opens a case; it always goes with the private link's secret, the contact
given at submission, or a signed-in account whose contact is verified.

Pure: no Django.
"""

from __future__ import annotations

import re

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # the tracking codes' alphabet (``rules._ALPHABET``)
_MODULUS = len(ALPHABET)  # 31, a prime
_CODE = re.compile(r"([A-Z]{2})-(\d{4})-([2-9A-HJKMNP-Z]{6})")
# What people type: any case, spaces, dots, dashes or none; a letter O or I/L where a digit of the month belongs.
_SEPARATORS = re.compile(r"[\s.\-_/]+")
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _value(position: int, char: str) -> int:
    # Month digits count as digits (0-9); letters and body characters by their place in the alphabet.
    return int(char) if 2 <= position < 6 else ALPHABET.index(char)


def check_character(tracking_code: str) -> str:
    """The check character of a well-formed tracking code ("PA-2612-X7K9QM")."""
    match = _CODE.fullmatch(tracking_code)
    if match is None:
        raise ValueError(f"not a tracking code made by rules.tracking_code_new: {tracking_code!r}")
    compact = "".join(match.groups())
    return ALPHABET[sum((i + 1) * _value(i, c) for i, c in enumerate(compact)) % _MODULUS]


def short_code(tracking_code: str) -> str:
    """ "PA-2612-X7K-9QM-R" for "PA-2612-X7K9QM"; a code of another shape (an imported case) unchanged."""
    match = _CODE.fullmatch(tracking_code)
    if match is None:
        return tracking_code
    prefix, month, body = match.groups()
    return f"{prefix}-{month}-{body[:3]}-{body[3:]}-{check_character(tracking_code)}"


def short_code_parse(text: str) -> str | None:
    """The tracking code a citizen means by ``text``, or ``None`` when it cannot be one.

    Accepts the short code (with its check character, which must match) and the tracking code, in
    any case, with any spacing or none. ``None`` says only that the text has a typo: anyone can
    compute a check character, so it tells nothing about whether such a case exists.
    """
    compact = _SEPARATORS.sub("", (text or "").upper())
    if len(compact) not in (12, 13):
        return None
    compact = compact[:2] + compact[2:6].translate(_DIGIT_LOOKALIKES) + compact[6:]
    code = f"{compact[:2]}-{compact[2:6]}-{compact[6:12]}"
    if _CODE.fullmatch(code) is None or not all(c in ALPHABET for c in compact[:2]):
        return None
    if len(compact) == 13 and compact[12] != check_character(code):
        return None
    return code
