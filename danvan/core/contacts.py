"""Phone numbers and email addresses people give to be answered: one rule for every way in.

The public form, the counter, the REST API and Open311 all reach ``cases.services.intake``, which
checks contacts here; the web form checks them here too, to mark its field before it posts. No
database, no settings: Django's email validator is a plain function.

Phones: Vietnamese numbers as people write them ("0912 345 678", "0912.345.678", "+84 912 345 678",
"(024) 3825 3536") and international numbers with their "+" and country code, parsed and checked by
``phonenumbers`` (Google's libphonenumber metadata, kept up to date). A number is stored as the person
wrote it (trimmed, spaces collapsed): that is what an officer reads back to them; ``phone_e164`` gives
the one form for machines (an SMS gateway, matching).
"""

from __future__ import annotations

import hmac
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "VN"
MAX_PHONE = 20  # the stored column's length
MAX_EMAIL = 254
_PHONE_CHARACTERS = re.compile(r"[0-9+().\- ]+")  # what people type between the digits; nothing else
_SPACES = re.compile(r"\s+")

PHONE_INVALID = _("Write a phone number that can be called, e.g. 0912 345 678 or +84 912 345 678.")
EMAIL_INVALID = _("Write a valid email address, e.g. ten@example.vn.")


def _parsed(raw: str) -> phonenumbers.PhoneNumber | None:
    text = _SPACES.sub(" ", raw).strip()
    if not text or len(text) > MAX_PHONE or not _PHONE_CHARACTERS.fullmatch(text):
        return None
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def phone_problem(raw: str) -> str | None:
    """Why ``raw`` is not a phone number to store, or ``None`` (an empty value is no problem)."""
    if not raw.strip():
        return None
    return None if _parsed(raw) is not None else str(PHONE_INVALID)


def phone_clean(raw: str) -> str:
    """How a valid phone number is stored: as written, trimmed, spaces collapsed."""
    return _SPACES.sub(" ", raw).strip()


def phone_e164(raw: str) -> str:
    """``+84912345678`` for any accepted form of a number; "" if it is not one."""
    number = _parsed(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number is not None else ""


def email_problem(raw: str) -> str | None:
    """Why ``raw`` is not an email address to store, or ``None`` (an empty value is no problem).
    Django's ``EmailField`` check (no CR or LF, a real domain), without quotes or angle brackets."""
    text = raw.strip()
    if not text:
        return None
    # Django's check allows a quoted local part ("<b>"@x.vn); no citizen's mailbox needs one.
    if len(text) > MAX_EMAIL or any(ch in text for ch in '"<>'):
        return str(EMAIL_INVALID)
    try:
        validate_email(text)
    except ValidationError:
        return str(EMAIL_INVALID)
    return None


def same_phone(a: str, b: str) -> bool:
    """Whether two phone numbers, however written, are the same line (compared in constant time): a
    household's one-time code goes only to the phone its village has for it (democracy's online vote,
    consultations' household verification)."""
    left, right = phone_e164(a or ""), phone_e164(b or "")
    return bool(left) and hmac.compare_digest(left, right)
