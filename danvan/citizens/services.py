"""Every write of citizens' sign-in: a one-time code sent to a phone or email and checked, and the
account it signs into (created on first use, no password), or the account an identity provider
vouched for.

Codes: six digits, one live code per contact (a new one replaces the old), valid ``CODE_TTL``, at most
``MAX_ATTEMPTS`` tries, kept only as a keyed digest (``derived_token``: six digits are too few for a
plain hash), sent through the notifications foundation (email, or SMS through its gateway). Every
request, success and failure is audited under the contact's keyed digest, never the contact.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from danvan.citizens.choices import ContactKind, VerifiedBy
from danvan.citizens.contacts import Contact
from danvan.citizens.identity import IdentityClaims
from danvan.citizens.models import IdentityLink, SignInCode, VerifiedContact
from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.tokens import derived_token
from danvan.notifications.choices import Channel
from danvan.notifications.messages import message_render
from danvan.notifications.services import notification_send

CODE_TTL = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
ABOUT_SIGN_IN = "citizens.sign_in"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


class SignInRefused(DomainError):
    """The code is wrong, used, expired or tried too often: one message for all, so nothing is learnt."""

    code = "sign_in_code_invalid"


def _code_digest(contact: Contact, code: str) -> str:
    return derived_token("citizen-sign-in-code", f"{contact.digest}:{code}")


def _host() -> str:
    return urlsplit(str(getattr(settings, "DANVAN_PUBLIC_URL", ""))).hostname or "localhost"


@transaction.atomic
def sign_in_code_send(*, contact: Contact) -> SignInCode:
    """Send a fresh one-time code to ``contact`` (the older ones stop working). Rate limits are the
    caller's (the view counts per contact and per address before calling)."""
    now = clock.now()
    SignInCode.objects.filter(contact_digest=contact.digest, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    row = SignInCode.objects.create(contact_digest=contact.digest, code_digest=_code_digest(contact, code),
                                    created_at=now, expires_at=now + CODE_TTL)  # fmt: skip
    message = message_render(directory=TEMPLATE_DIR, prefix="citizens/messages", code="sign_in_code",
                             context={"code": code, "minutes": int(CODE_TTL.total_seconds() // 60), "host": _host()})  # fmt: skip
    channel = Channel.SMS if contact.kind == ContactKind.PHONE else Channel.EMAIL
    notification_send(channel=channel, template="citizens.sign_in_code", subject=message.subject,
                      body=message.sms_text if channel == Channel.SMS else message.text, address=contact.value,
                      about_kind=ABOUT_SIGN_IN)  # fmt: skip
    audit_record(actor=None, action="citizens.sign_in_code_sent", object_type="citizens.contact",
                 object_id=contact.digest[:16], after={"kind": contact.kind})  # fmt: skip
    return row


def sign_in_code_check(*, contact: Contact, code: str) -> Any:
    """The account of ``contact`` if ``code`` is its live code (created on first use); else
    ``SignInRefused``. A wrong code uses up one of the code's ``MAX_ATTEMPTS`` tries (committed even
    though the check fails), and the code is spent once it has signed in."""
    now = clock.now()
    row = (
        SignInCode.objects.filter(contact_digest=contact.digest, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at", "-id")
        .first()
    )
    typed = "".join((code or "").split())
    if row is None:
        _refused(contact, "no live code")
    # One conditional update takes a try: guesses sent at the same moment cannot all read "tries left"
    # before any of them counts (a check, then an update, would let a burst past MAX_ATTEMPTS).
    took = SignInCode.objects.filter(pk=row.pk, used_at__isnull=True, attempts__lt=MAX_ATTEMPTS).update(
        attempts=F("attempts") + 1
    )
    if not took:
        _refused(contact, "too many attempts")
    if not hmac.compare_digest(_code_digest(contact, typed), row.code_digest):
        _refused(contact, "wrong code")
    with transaction.atomic():
        spent = SignInCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now)
        if not spent:  # two tabs raced with the same code: only one signs in
            _refused(contact, "already used")
        user = _account_for(contact, VerifiedBy.CODE)
        audit_record(actor=user, action="citizens.sign_in_code_accepted", object_type="citizens.contact",
                     object_id=contact.digest[:16], after={"kind": contact.kind, "user_id": user.pk})  # fmt: skip
    return user


def _refused(contact: Contact, why: str) -> NoReturn:
    audit_record(actor=None, action="citizens.sign_in_code_refused", object_type="citizens.contact",
                 object_id=contact.digest[:16], after={"kind": contact.kind}, reason=why)  # fmt: skip
    raise SignInRefused(_("This code is wrong or has expired. Check it, or ask for a new code."))


def _account_for(contact: Contact, verified_by: str) -> Any:
    """The account that proved ``contact`` before, or a new one (no password) that has now."""
    existing = VerifiedContact.objects.select_related("user").filter(kind=contact.kind, value=contact.value).first()
    if existing is not None:
        return existing.user
    user_model = get_user_model()
    user = user_model(username=f"cd-{secrets.token_hex(6)}",
                      email=contact.value if contact.kind == ContactKind.EMAIL else "",
                      phone=contact.value if contact.kind == ContactKind.PHONE else "")  # fmt: skip
    user.set_unusable_password()
    user.save()
    VerifiedContact.objects.create(user=user, kind=contact.kind, value=contact.value, verified_by=verified_by)
    audit_record(actor=user, action="citizens.account_created", obj=user, object_repr=user.get_username(),
                 after={"verified_by": verified_by, "kind": contact.kind})  # fmt: skip
    return user


@transaction.atomic
def identity_sign_in(*, provider: str, claims: IdentityClaims) -> Any:
    """The account an identity provider's verified claims sign into: the one linked to its subject
    before, else the one that proved the same phone, else a new one. The phone the provider vouched
    for becomes a verified contact (when no other account holds it); the CCCD is kept only as a
    keyed digest."""
    link = IdentityLink.objects.select_related("user").filter(provider=provider, subject=claims.subject).first()
    phone = Contact(ContactKind.PHONE, claims.phone) if claims.phone else None
    if link is not None:
        user = link.user
    elif phone is not None:
        user = _account_for(phone, VerifiedBy.IDENTITY_PROVIDER)
    else:
        user_model = get_user_model()
        user = user_model(username=f"cd-{secrets.token_hex(6)}")
        user.set_unusable_password()
        user.save()
    if claims.name and not user.full_name:
        user.full_name = claims.name[:200]
        user.save(update_fields=["full_name"])
    if link is None:
        digest = derived_token("citizen-id-number", claims.id_number) if claims.id_number else ""
        IdentityLink.objects.create(user=user, provider=provider, subject=claims.subject, id_number_digest=digest)
    if phone is not None and not VerifiedContact.objects.filter(kind=phone.kind, value=phone.value).exists():
        try:
            with transaction.atomic():
                VerifiedContact.objects.create(user=user, kind=phone.kind, value=phone.value,
                                               verified_by=VerifiedBy.IDENTITY_PROVIDER)  # fmt: skip
        except IntegrityError:
            pass  # proved by another sign-in at the same moment: it keeps it
    audit_record(actor=user, action="citizens.identity_sign_in", obj=user, object_repr=user.get_username(),
                 after={"provider": provider, "phone_verified": phone is not None})  # fmt: skip
    return user
