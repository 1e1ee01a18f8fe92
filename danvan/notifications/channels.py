"""How notifications leave: email through Django's mailers, SMS through one small adapter.

NO REAL SMS OR ZALO MESSAGE IS SENT BY THIS REPOSITORY. SMS goes through one small interface,
``SmsGateway``; the only implementation shipped, ``LoggingSmsGateway``, writes a line to the log
and keeps the message in memory. To send for real, write a class with the same ``send`` method
for your provider (a telecom's SMS brandname API, an aggregator) and name it in the setting
``DANVAN_SMS_GATEWAY`` (environment variable of the same name), for example
``DANVAN_SMS_GATEWAY=myprovince.sms.ViettelBrandnameGateway``. A Zalo Official Account (ZNS)
sender would be one more implementation of the same interface: ``send(phone=..., text=...,
idempotency_key=...)`` returning the provider's message id (the key: see ``SmsGateway``). Email
goes through Django's mailers (``MAILERS``).
"""

from __future__ import annotations

import inspect
import logging
import re
import uuid
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol, runtime_checkable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, mailers
from django.utils.module_loading import import_string

from danvan.notifications.messages import RenderedMessage

__all__ = [
    "LoggingSmsGateway",
    "SentSms",
    "SmsDeliveryError",
    "SmsGateway",
    "get_sms_gateway",
    "mask_phone",
    "message_id_header",
    "send_email",
]

sms_log = logging.getLogger("danvan.sms")
DEFAULT_SMS_GATEWAY = "danvan.notifications.channels.LoggingSmsGateway"


def message_id_header(key: str) -> str:
    """A Message-ID made from ``key`` (the same key gives the same id: a resent message is recognisable)."""
    domain = urlsplit(getattr(settings, "DANVAN_PUBLIC_URL", "") or "").hostname or "danvan.invalid"
    return f"<{key}@{domain}>"


def send_email(*, to: list[str], message: RenderedMessage, message_id: str = "") -> int:
    """Send ``message`` by email through the default mailer; returns how many were sent.

    One email per address: recipients never see one another's address (a denouncer's address
    must not reach anyone else, Luật Tố cáo 2018, Điều 56). ``message_id``: a key that makes the
    Message-ID header deterministic (one address only, so the id names one message).
    """
    recipients = [address.strip() for address in to if address and address.strip()]
    if not recipients:
        raise ValueError("send_email needs at least one address")
    if message_id and len(recipients) > 1:
        raise ValueError("a fixed Message-ID names one message: send to one address")
    subject = " ".join(message.subject.split())
    headers = {"Message-ID": message_id_header(message_id)} if message_id else None
    emails = [EmailMessage(subject=subject, body=message.text, to=[address], headers=headers) for address in recipients]
    return mailers.default.send_messages(emails) or 0


class SmsDeliveryError(Exception):
    """A provider refused or failed to take a message; implementations raise it, callers retry."""


@runtime_checkable
class SmsGateway(Protocol):
    """Anything that can send one SMS (or a Zalo ZNS message) and return the provider's message id.

    Implementations must be safe to share between threads: ``get_sms_gateway`` keeps one per process.

    ``idempotency_key`` is the same on every attempt to deliver one notification (a worker may crash
    after the provider took the message and before it was marked sent, and then sends again). A real
    gateway MUST pass it to the provider as the provider's idempotency / client reference field (for
    example a ``clientRequestId``, ``requestId`` or ``tracking_id``) and the provider must answer a
    second request with the same key by returning the first message's id without sending again;
    where a provider has no such field, the adapter must keep the keys it has sent (in the database or
    Redis, for at least a day) and skip a key it already sent.
    """

    def send(self, *, phone: str, text: str, idempotency_key: str = "") -> str: ...


@dataclass(frozen=True, slots=True)
class SentSms:
    message_id: str
    phone: str
    text: str = field(repr=False)


class LoggingSmsGateway:
    """The default gateway: it sends NOTHING. No SMS or Zalo message leaves this repository.

    Each call writes one line to the logger ``danvan.sms`` (the phone masked, no text: the text
    holds the citizen's private link) and keeps the message in ``outbox`` (the last ``keep``),
    where tests and the demo can read it. The text is logged at DEBUG level with links removed.
    To send for real, set ``DANVAN_SMS_GATEWAY`` to a class of your own; see the module docstring.
    """

    def __init__(self, *, keep: int = 100) -> None:
        self.outbox: deque[SentSms] = deque(maxlen=keep)
        self._sent_keys: dict[str, str] = {}  # idempotency key → message id: what a provider must honour

    def send(self, *, phone: str, text: str, idempotency_key: str = "") -> str:
        if not phone.strip() or not text.strip():
            raise ValueError("an SMS needs a phone number and a text")
        if idempotency_key and idempotency_key in self._sent_keys:
            sms_log.info("SMS %s already taken: not sent again", idempotency_key)
            return self._sent_keys[idempotency_key]
        message_id = f"log-{uuid.uuid4().hex}"
        if idempotency_key:
            self._sent_keys[idempotency_key] = message_id
            if len(self._sent_keys) > 10_000:  # bounded: a day of retries is what matters
                del self._sent_keys[next(iter(self._sent_keys))]
        self.outbox.append(SentSms(message_id=message_id, phone=phone, text=text))
        sms_log.info(
            "SMS NOT SENT (logging gateway, no provider configured): id=%s to=%s chars=%d",
            message_id,
            mask_phone(phone),
            len(text),
        )
        sms_log.debug("SMS %s text: %s", message_id, re.sub(r"https?://\S+", "<link>", text))
        return message_id

    def clear(self) -> None:
        self.outbox.clear()
        self._sent_keys.clear()


def mask_phone(phone: str) -> str:
    """A phone number fit for a log line: all but the last three digits hidden."""
    digits = re.sub(r"\D", "", phone)
    return "*" * max(len(digits) - 3, 0) + digits[-3:]


def get_sms_gateway() -> SmsGateway:
    """The gateway named by ``DANVAN_SMS_GATEWAY``: one instance per process and dotted path."""
    return _gateway(getattr(settings, "DANVAN_SMS_GATEWAY", DEFAULT_SMS_GATEWAY))


@cache
def _gateway(path: str) -> SmsGateway:
    try:
        gateway = import_string(path)()
    except ImportError as exc:
        raise ImproperlyConfigured(f"DANVAN_SMS_GATEWAY: cannot import {path!r}") from exc
    if not isinstance(gateway, SmsGateway):
        raise ImproperlyConfigured(f"DANVAN_SMS_GATEWAY: {path!r} has no send(*, phone, text) method")
    if "idempotency_key" not in inspect.signature(gateway.send).parameters:
        raise ImproperlyConfigured(
            f"DANVAN_SMS_GATEWAY: {path!r}.send must take idempotency_key (see notifications.channels.SmsGateway)"
        )
    return gateway
