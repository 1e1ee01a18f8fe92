"""Issuing, revoking and checking partners' API keys. Every issue and revocation is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import DomainError
from danvan.org import permissions
from danvan.partners import errors as codes
from danvan.partners import permissions as partner_permissions
from danvan.partners.choices import Scope
from danvan.partners.models import ApiKey, ApiKeySubmission

KEY_PREFIX = "dvs"
# last_used_at is written at most once a minute per key: a busy partner must not turn every read
# into a write.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)
_AUDITED = ["organization_id", "name", "prefix", "scopes", "user_id", "expires_at", "revoked_at", "consent_agreement"]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedKey:
    api_key: ApiKey
    plaintext: str  # shown once to the operator; never stored


def api_key_user_allowed(*, issuer: Any, user: Any) -> bool:
    """A key acts only as an active, non-superuser account that its issuer may manage: every role of
    that account is one the issuer could grant (``org.permissions.may_manage_user``). Asked when the
    key is issued and again on every request, so a key whose account has since become a superuser or
    taken a role beyond its issuer's reach stops working."""
    if user is None:
        return True
    if not user.is_active or user.is_superuser or issuer is None or not issuer.is_active:
        return False
    return permissions.may_manage_user(issuer, user)


def api_key_validate(
    *, name: str, scopes: list[str], user: Any, expires_at: dt.datetime | None, issuer: Any = None
) -> dict[str, str]:
    """What is wrong with a key about to be issued ({field: message}); the admin form shows the same."""
    errors: dict[str, str] = {}
    if user is not None and not api_key_user_allowed(issuer=issuer, user=user):
        errors["user"] = _("A key may act only as an active staff account within your own scope, never a superuser.")
    if not name.strip():
        errors["name"] = _("Give the key a name.")
    unknown = [s for s in scopes if s not in Scope.values]
    if not scopes or unknown:
        errors["scopes"] = _("Choose one or more known scopes.")
    if {Scope.STAFF_READ, Scope.STAFF_ACT} & set(scopes) and user is None:
        errors["user"] = _("Staff scopes need the staff account the key acts as.")
    if expires_at is not None and expires_at <= clock.now():
        errors["expires_at"] = _("The expiry must be in the future.")
    return errors


@transaction.atomic
def api_key_issue(
    *,
    actor: Any,
    organization: Any,
    name: str,
    scopes: list[str],
    expires_at: dt.datetime | None = None,
    user: Any = None,
    rate_limit_per_minute: int = 60,
    consent_agreement: str = "",
) -> IssuedKey:
    """Issue a key to a partner body; the plaintext is in the answer and nowhere else."""
    permissions.require(actor, partner_permissions.MANAGE_KEYS, organization)
    errors = api_key_validate(name=name, scopes=scopes, user=user, expires_at=expires_at, issuer=actor)
    if errors:
        raise DomainError(_("Please correct the marked fields."), code=codes.INVALID_KEY, details=errors)
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        organization=organization, name=name.strip()[:120], prefix=prefix, secret_hash=_hash(secret),
        scopes=sorted(set(scopes)), user=user, expires_at=expires_at, rate_limit_per_minute=rate_limit_per_minute,
        consent_agreement=consent_agreement.strip()[:200],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    audit_record(actor=actor, action="partners.api_key_issue", obj=key, after=snapshot(key, _AUDITED))
    return IssuedKey(key, f"{KEY_PREFIX}_{prefix}_{secret}")


@transaction.atomic
def api_key_revoke(*, actor: Any, api_key: ApiKey, reason: str) -> ApiKey:
    """Revoke a key at once; a revoked key is refused from the next request on."""
    permissions.require(actor, partner_permissions.MANAGE_KEYS, api_key)
    key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if key.revoked_at is not None:
        return key
    before = snapshot(key, _AUDITED)
    key.revoked_at = clock.now()
    key.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, action="partners.api_key_revoke", obj=key, before=before,
                 after=snapshot(key, _AUDITED), reason=reason)  # fmt: skip
    return key


@transaction.atomic
def api_key_consent_agreement_set(*, actor: Any, api_key: ApiKey, agreement: str, reason: str) -> ApiKey:
    """Record (or, with "", withdraw) that the key's partner collects consent under ``agreement``.

    From then on its Open311 requests need no ``attribute[consent]``; each case stores the agreement
    as its consent record. Audited like issuing, with the before and after."""
    permissions.require(actor, partner_permissions.MANAGE_KEYS, api_key)
    key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    agreement = agreement.strip()[:200]
    if key.consent_agreement == agreement:
        return key
    before = snapshot(key, _AUDITED)
    key.consent_agreement = agreement
    key.save(update_fields=["consent_agreement", "updated_at"])
    audit_record(actor=actor, action="partners.api_key_consent_agreement_set", obj=key, before=before,
                 after=snapshot(key, _AUDITED), reason=reason)  # fmt: skip
    return key


@dataclass(frozen=True)
class KeyCheck:
    api_key: ApiKey | None
    error: str = ""  # "" | "malformed" | "unknown" | "revoked" | "expired" | "account_not_allowed"


def api_key_authenticate(raw: str) -> KeyCheck:
    """Check a presented key: format, secret (constant-time), revocation, expiry; note its use."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return KeyCheck(None, "malformed")
    key = ApiKey.objects.select_related("organization", "user", "created_by").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(parts[2])):
        return KeyCheck(None, "unknown")
    now = clock.now()
    if key.revoked_at is not None:
        return KeyCheck(None, "revoked")
    if key.expires_at is not None and key.expires_at <= now:
        return KeyCheck(None, "expired")
    if key.user_id is not None and not api_key_user_allowed(issuer=key.created_by, user=key.user):
        return KeyCheck(None, "account_not_allowed")
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_GRANULARITY:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return KeyCheck(key)


def api_key_submission_record(*, api_key: ApiKey, case_id: int) -> None:
    """Remember which key submitted a case (idempotent: a retried submission changes nothing)."""
    ApiKeySubmission.objects.get_or_create(case_id=case_id, defaults={"api_key": api_key})


class PartnerActor:
    """The actor of a partner's request in services and the audit log: not a user, but named."""

    is_authenticated = False
    is_active = False
    is_superuser = False
    pk = None

    def __init__(self, api_key: ApiKey):
        self.api_key = api_key

    def __str__(self) -> str:
        return f"api_key:{self.api_key.prefix}"
