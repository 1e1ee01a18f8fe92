"""A contact a citizen types to sign in or to ask for a link again: one phone or one email, in the
one form used to match it (E.164 for phones, lower case for emails; ``core.contacts`` checks both)."""

from __future__ import annotations

from dataclasses import dataclass

from danvan.citizens.choices import ContactKind
from danvan.core import contacts
from danvan.core.tokens import derived_token


@dataclass(frozen=True)
class Contact:
    kind: str  # ContactKind
    value: str  # +84912345678 or ten@example.vn

    @property
    def digest(self) -> str:
        """A keyed digest naming the contact in rate limits, code rows and the audit log, never the contact."""
        return derived_token("citizen-contact", f"{self.kind}:{self.value}")


def contact_parse(text: str) -> Contact | None:
    """The contact ``text`` names, or ``None`` when it is neither a phone number nor an email."""
    raw = (text or "").strip()
    if not raw:
        return None
    if "@" in raw:
        if contacts.email_problem(raw) is not None:
            return None
        return Contact(ContactKind.EMAIL, raw.lower())
    e164 = contacts.phone_e164(raw)
    return Contact(ContactKind.PHONE, e164) if e164 else None


def contact_matches(contact: Contact, *, phone: str = "", email: str = "") -> bool:
    """Does ``contact`` name the phone or email a petitioner wrote (as written, any spacing or case)?"""
    if contact.kind == ContactKind.PHONE:
        return bool(phone) and contacts.phone_e164(phone) == contact.value
    return bool(email) and email.strip().lower() == contact.value
