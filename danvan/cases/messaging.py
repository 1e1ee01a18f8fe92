"""Outgoing messages of the cases app: what they say (templates) and how they leave (adapters).

NO REAL SMS OR ZALO MESSAGE IS SENT BY THIS REPOSITORY. SMS goes through one small interface,
``SmsGateway``; the only implementation shipped, ``LoggingSmsGateway``, writes a line to the log
and keeps the message in memory. To send for real, write a class with the same ``send`` method
for your provider (a telecom's SMS brandname API, an aggregator) and name it in the setting
``DANVAN_SMS_GATEWAY`` (environment variable of the same name), for example
``DANVAN_SMS_GATEWAY=myprovince.sms.ViettelBrandnameGateway``. A Zalo Official Account (ZNS)
sender would be one more implementation of the same interface: ``send(phone=..., text=...,
idempotency_key=...)`` returning the provider's message id (the key: see ``SmsGateway``). Email goes through Django's mailers (``MAILERS``).

Templates
    ``danvan/cases/templates/cases/messages/<code>.txt``, Vietnamese, rendered with their own
    template engine: plain text, so no HTML escaping (an ``&`` in a body name stays ``&``), and
    independent of ``INSTALLED_APPS``. A file looks like::

        Subject: one line
        <blank line>
        the email body, several lines
        --- SMS ---
        the SMS text (white space is collapsed to single spaces)

    ``render_message`` cuts the SMS to ``SMS_MAX_CHARS`` characters, keeping a trailing link whole
    and never splitting a word or a letter from its tone mark. Diacritics are kept, so an SMS is
    sent as UCS-2: 70 characters fit one segment, 160 characters take three.

    The milestones are those the law tells the citizen of (legal-spec §1.7, §2.7, §2.8, §4.3);
    see ``MESSAGES``. Internal messages (``reminder_handler``, ``escalation_overdue``) are
    rendered from an allow-list of context keys that holds no personal data, so a denouncer's
    name can never reach an officer's mailbox through them, whatever a caller passes
    (Luật Tố cáo 2018, Điều 56). Citizen SMS texts name neither the kind of case nor its content:
    a phone is often shared, and "tố cáo" on a lock screen is already a disclosure.
"""

from __future__ import annotations

import inspect
import logging
import re
import unicodedata
import uuid
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal, Protocol, runtime_checkable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, mailers
from django.template import Context, Engine, TemplateDoesNotExist
from django.template.base import Template
from django.utils import translation
from django.utils.module_loading import import_string

__all__ = [
    "INTERNAL_CONTEXT_KEYS",
    "MESSAGES",
    "SMS_MAX_CHARS",
    "LoggingSmsGateway",
    "MessageSpec",
    "RenderedMessage",
    "SentSms",
    "SmsDeliveryError",
    "SmsGateway",
    "fit_sms",
    "get_sms_gateway",
    "render_message",
    "send_email",
]

sms_log = logging.getLogger("danvan.sms")

SMS_MAX_CHARS: Final = 160
SMS_MARKER: Final = "--- SMS ---"
TEMPLATE_DIR: Final = Path(__file__).resolve().parent / "templates"
_MIN_SMS_PROSE = 40  # below this, a link would crowd out the message: drop the link, keep the words

Audience = Literal["citizen", "internal"]


@dataclass(frozen=True, slots=True)
class MessageSpec:
    """One milestone message: who reads it, and the law that requires it."""

    audience: Audience
    legal_basis: str
    alias_of: str = ""  # another code whose template this one uses
    fixed_context: tuple[tuple[str, str], ...] = ()  # context the alias adds (e.g. track=to_cao)


MESSAGES: Final[dict[str, MessageSpec]] = {
    "received": MessageSpec(
        "citizen", "Luật Khiếu nại 2011, Điều 27; Luật Tố cáo 2018, Điều 24; Luật Tiếp công dân 2013, Điều 28"
    ),
    "accepted": MessageSpec("citizen", "Luật Khiếu nại 2011, Điều 27, 36; Luật Tố cáo 2018, Điều 29"),
    "rejected": MessageSpec("citizen", "Luật Khiếu nại 2011, Điều 11, 27; Luật Tố cáo 2018, Điều 29"),
    "not_accepted": MessageSpec("citizen", "Luật Tố cáo 2018, Điều 29", alias_of="rejected"),
    "transferred": MessageSpec("citizen", "Luật Tố cáo 2018, Điều 24(2); NĐ 20/2008/NĐ-CP, Điều 9"),
    "extended": MessageSpec("citizen", "Luật Tố cáo 2018, Điều 30(2)-(4)"),
    "suspended": MessageSpec("citizen", "Luật Tố cáo 2018, Điều 33, 34(4)"),
    "resumed": MessageSpec("citizen", "Luật Tố cáo 2018, Điều 33, 34(4)"),
    "decided": MessageSpec("citizen", "Luật Khiếu nại 2011, Điều 32, 41; Luật Tố cáo 2018, Điều 35(3)"),
    "concluded": MessageSpec(
        "citizen", "Luật Tố cáo 2018, Điều 35(3)", alias_of="decided", fixed_context=(("track", "to_cao"),)
    ),
    "answered": MessageSpec("citizen", "NĐ 20/2008/NĐ-CP, Điều 14, 15"),
    "withdrawn_terminated": MessageSpec("citizen", "Luật Khiếu nại 2011, Điều 10; Luật Tố cáo 2018, Điều 33, 34"),
    "reminder_handler": MessageSpec("internal", "internal: the handler's due date"),
    "escalation_overdue": MessageSpec("internal", "Luật Tố cáo 2018, Điều 38"),
}

# The only keys an internal message can see: no names, contacts, content, reasons or answers.
INTERNAL_CONTEXT_KEYS: Final = frozenset(
    {"tracking_code", "case_url", "staff_url", "kind_label", "organization_name", "due_on", "explanation",
     "handler_name", "track"}
)  # fmt: skip
REQUIRED_CONTEXT_KEYS: Final = ("tracking_code", "case_url")


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    subject: str
    text: str
    sms_text: str


@cache
def _engine() -> Engine:
    # Plain text: autoescape off. Only the template folder of this app, through the cached loader.
    return Engine(
        dirs=[str(TEMPLATE_DIR)],
        autoescape=False,
        libraries={"i18n": "django.templatetags.i18n", "l10n": "django.templatetags.l10n"},
    )


def _template(code: str, language: str) -> Template:
    names = [f"cases/messages/{code}.txt"]
    if language != "vi":  # Vietnamese is the product language and the only one shipped
        names.insert(0, f"cases/messages/{language}/{code}.txt")
    for name in names:
        try:
            return _engine().get_template(name)
        except TemplateDoesNotExist:
            continue
    raise TemplateDoesNotExist(names[-1])


def render_message(template_code: str, context: dict[str, Any], *, language: str = "vi") -> RenderedMessage:
    """Render the milestone message ``template_code`` for an email (subject, text) and an SMS.

    ``context`` keys the templates use: ``tracking_code`` and ``case_url`` (required),
    ``kind_label``, ``organization_name``, ``due_on`` (a date), ``explanation``, ``reason``,
    ``answer_excerpt``, ``handler_name``, ``recipient_name`` (may be empty), and, optional,
    ``track`` ("khieu_nai", "to_cao" or "pakn": picks the legal wording of ``decided``) and
    ``staff_url`` (the workspace link in internal messages; ``case_url`` if absent).
    """
    spec = MESSAGES.get(template_code)
    if spec is None:
        raise ValueError(f"unknown message template {template_code!r}; known: {', '.join(sorted(MESSAGES))}")
    missing = [key for key in REQUIRED_CONTEXT_KEYS if not context.get(key)]
    if missing:
        raise ValueError(f"message {template_code!r} needs {', '.join(missing)} in its context")
    values = dict(context)
    if spec.audience == "internal":
        values = {key: value for key, value in values.items() if key in INTERNAL_CONTEXT_KEYS}
    values.update(spec.fixed_context)
    template = _template(spec.alias_of or template_code, language)
    with translation.override(language):
        rendered = template.render(Context(values, autoescape=False))
    return _parse(rendered, template_code)


def _parse(rendered: str, code: str) -> RenderedMessage:
    rendered = unicodedata.normalize("NFC", rendered)
    lines = [line.rstrip() for line in rendered.strip().splitlines()]
    if not lines or not lines[0].startswith("Subject:"):
        raise ValueError(f"message template {code!r} must start with a 'Subject:' line")
    subject = " ".join(lines[0].removeprefix("Subject:").split())  # one line: a mail header
    rest = lines[1:]
    try:
        marker = [line.strip() for line in rest].index(SMS_MARKER)
    except ValueError:
        raise ValueError(f"message template {code!r} has no {SMS_MARKER!r} section") from None
    body = "\n".join(rest[:marker]).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)  # template tags leave blank lines behind
    return RenderedMessage(subject=subject, text=body + "\n", sms_text=fit_sms(" ".join(rest[marker + 1 :])))


def fit_sms(text: str, limit: int = SMS_MAX_CHARS) -> str:
    """``text`` on one line, at most ``limit`` characters: a trailing link is kept whole, the words
    before it are cut at a word boundary and end with "…"."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if len(text) <= limit:
        return text
    head, tail = text, ""
    link = re.search(r" (https?://\S+)$", text)
    if link and limit - len(link.group(1)) - 2 >= _MIN_SMS_PROSE:
        head, tail = text[: link.start()], " " + link.group(1)
    budget = limit - len(tail) - 1  # one character for the ellipsis
    # A whole sentence, if one ends far enough in: "…mã hồ sơ X. https://…" reads better than
    # "…mã hồ sơ X. Theo dõi… https://…".
    sentence = head[: budget + 1].rfind(". ")
    if sentence >= budget // 2:
        return head[: sentence + 1] + tail
    cut = head[:budget]
    space = cut.rfind(" ")
    if space >= budget // 2 and head[budget : budget + 1] != " ":
        cut = cut[:space]  # do not split a word
    # Never leave a letter without the combining mark that followed it (text not in NFC form).
    while cut and len(cut) < len(head) and unicodedata.combining(head[len(cut)]):
        cut = cut[:-1]
    return cut.rstrip(" ,.;:–-") + "…" + tail


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


# --- SMS -----------------------------------------------------------------------------------


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
    return _gateway(getattr(settings, "DANVAN_SMS_GATEWAY", "danvan.cases.messaging.LoggingSmsGateway"))


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
            f"DANVAN_SMS_GATEWAY: {path!r}.send must take idempotency_key (see messaging.SmsGateway)"
        )
    return gateway
