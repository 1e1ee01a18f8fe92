"""Step-up second factor (TOTP) for the acts the permission registry marks as sensitive.

THE rule, used by every interface through the services that do these acts (today
``cases.services.protection.identity_open`` and ``attachment_read`` of a sealed file):

* an action registered with ``grant_needs_approval`` (asked of ``org.permissions``, today: opening a
  denouncer's identity) is done only by a person who has a confirmed TOTP device *and* verified a
  current code within the last ``DANVAN_STEP_UP_MINUTES`` minutes; ``require_recent`` raises a
  ``DomainError`` with code ``second_factor_required`` otherwise. The caller passes the time of the
  verification (the web keeps it in the session); an interface with no way to verify cannot pass one.
* codes are checked by django-otp's ``TOTPDevice`` (one 30-second step of drift either way, a code is
  accepted once), and wrong codes are throttled by django-otp's ``ThrottlingMixin``: after the n-th
  wrong code in a row the device refuses every code for ``OTP_TOTP_THROTTLE_FACTOR`` × 2^(n-1)
  seconds (a right code resets the count). Each wrong code is in the audit log.
* enrolment, a successful verification and a device's removal are in the audit log, never the secret;
  an operator removes the device only of a person he may manage (``permissions.may_manage_user``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, PermissionDenied
from danvan.org import errors as codes
from danvan.org import permissions

DEVICE_NAME = "danvan"


def step_up_actions() -> frozenset[str]:
    """The actions that need a recent second factor: those registered with ``grant_needs_approval``."""
    return frozenset(name for name, rule in permissions.registered_actions().items() if rule.grant_needs_approval)


def needs_second_factor(action: str) -> bool:
    return action in step_up_actions()


def confirmed_device(user: Any) -> TOTPDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def fresh(verified_at: float | None, now: dt.datetime, minutes: int) -> bool:
    """Was the second factor verified (at ``verified_at``, a POSIX time) within ``minutes`` of ``now``?"""
    if verified_at is None:
        return False
    age = now.timestamp() - float(verified_at)
    return 0 <= age <= minutes * 60


def is_recent(user: Any, verified_at: float | None) -> bool:
    return fresh(verified_at, clock.now(), settings.DANVAN_STEP_UP_MINUTES) and confirmed_device(user) is not None


def require_recent(*, user: Any, action: str, verified_at: float | None) -> None:
    """Refuse a step-up ``action`` without a confirmed device verified in the last N minutes."""
    if needs_second_factor(action) and not is_recent(user, verified_at):
        raise DomainError(_("Confirm it is you with a code from your authenticator app first."),
                          code=codes.SECOND_FACTOR_REQUIRED)  # fmt: skip


# Enrolment -----------------------------------------------------------------------------------------------------


def device_pending(*, user: Any) -> TOTPDevice:
    """The unconfirmed device an enrolment shows (made once, so reloading the page keeps the same QR)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("sign in first")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _check(device: TOTPDevice, code: str) -> bool:
    allowed, _info = device.verify_is_allowed()
    return bool(allowed and device.verify_token(code.strip().replace(" ", "")))


def device_confirm(*, user: Any, code: str) -> float:
    """Confirm the pending device with a current code; the verification time (for the session)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None or confirmed_device(user) is not None:
        raise DomainError(_("There is no authenticator app waiting to be confirmed."), code=codes.NO_DEVICE)
    if not _check(device, code):
        audit_record(actor=user, action="org.second_factor_failure", obj=user, object_repr=user.get_username(),
                     after={"stage": "enrol", "failures": device.throttling_failure_count})  # fmt: skip
        raise DomainError(_("The code is wrong or has expired. Wait a moment and try the new code."),
                          code=codes.SECOND_FACTOR_WRONG)  # fmt: skip
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action="org.second_factor_enrol", obj=user, object_repr=user.get_username(),
                     after={"device": device.pk})  # fmt: skip
    return clock.now().timestamp()


def verify(*, user: Any, code: str) -> float:
    """Check a code of the user's confirmed device; the verification time (for the session).

    A wrong code is audited and counted (django-otp's throttling) before the refusal: the audit entry
    is written outside any transaction that the refusal would roll back.
    """
    device = confirmed_device(user)
    if device is None:
        raise DomainError(_("Set up an authenticator app first."), code=codes.NO_DEVICE)
    allowed, _info = device.verify_is_allowed()
    if not _check(device, code):
        device.refresh_from_db(fields=["throttling_failure_count"])
        audit_record(actor=user, action="org.second_factor_failure", obj=user, object_repr=user.get_username(),
                     after={"stage": "verify", "failures": device.throttling_failure_count,
                            "throttled": not allowed})  # fmt: skip
        if not allowed:
            raise DomainError(_("Too many wrong codes: wait a few minutes, then try again."),
                              code=codes.SECOND_FACTOR_THROTTLED)  # fmt: skip
        raise DomainError(_("The code is wrong or has expired. Wait a moment and try the new code."),
                          code=codes.SECOND_FACTOR_WRONG)  # fmt: skip
    audit_record(actor=user, action="org.second_factor_verify", obj=user, object_repr=user.get_username())
    return clock.now().timestamp()


@transaction.atomic
def device_reset(*, actor: Any, user: Any) -> int:
    """Remove a person's devices (a lost phone): an operator, for a person he may manage; how many."""
    if not permissions.may_manage_user(actor, user):
        raise PermissionDenied("not allowed: reset second factor")
    count, _detail = TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="org.second_factor_reset", obj=user, object_repr=user.get_username(),
                 after={"devices": count})  # fmt: skip
    return count


def current_code(device: TOTPDevice, at: float | None = None) -> str:
    """The device's code now (or at ``at``): for the demo and tests, never shown to a user."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{device.digits}d}"
