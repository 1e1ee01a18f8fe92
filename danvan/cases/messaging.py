"""The milestone messages of the cases app: which exist, the law behind each, and what they may show.

The templates are ``danvan/cases/templates/cases/messages/<code>.txt``, Vietnamese, in the plain-text
format of the notifications foundation (``notifications.messages``: a ``Subject:`` line, the email
text, an ``--- SMS ---`` section); how they leave (email, the SMS adapter, delivery) is that
foundation's too (``notifications.channels``, ``notifications.tasks``).

The milestones are those the law tells the citizen of (legal-spec §1.7, §2.7, §2.8, §4.3); see
``MESSAGES``. Internal messages (``reminder_handler``, ``escalation_overdue``) are rendered from an
allow-list of context keys that holds no personal data, so a denouncer's name can never reach an
officer's mailbox through them, whatever a caller passes (Luật Tố cáo 2018, Điều 56). Citizen SMS
texts name neither the kind of case nor its content: a phone is often shared, and "tố cáo" on a
lock screen is already a disclosure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from danvan.notifications.messages import RenderedMessage, message_render
from danvan.ui.citizen import citizen_text

__all__ = ["INTERNAL_CONTEXT_KEYS", "MESSAGES", "MessageSpec", "RenderedMessage", "render_message"]

TEMPLATE_DIR: Final = Path(__file__).resolve().parent / "templates"

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
    # The complainant took the matter to court: the body stops and says so (the termination template).
    "court_terminated": MessageSpec("citizen", "Luật Khiếu nại 2011, Điều 7, 11(9)", alias_of="withdrawn_terminated"),
    # A repeated petition handled once, with the case it repeats (services/duplicates.py).
    "merged": MessageSpec("citizen", "Thông tư 05/2021/TT-TTCP (đơn trùng nội dung) [U]"),
    "reminder_handler": MessageSpec("internal", "internal: the handler's due date"),
    "escalation_overdue": MessageSpec("internal", "Luật Tố cáo 2018, Điều 38"),
    "unplaced_intake": MessageSpec("internal", "internal: a petition with no commune waits in an intake queue"),
    "reopened": MessageSpec("internal", "internal: a feedback item sent back as still not fixed (no law sets it)"),
}

# The only keys an internal message can see: no names, contacts, content, reasons or answers.
INTERNAL_CONTEXT_KEYS: Final = frozenset(
    {"tracking_code", "case_url", "staff_url", "kind_label", "organization_name", "due_on", "explanation",
     "handler_name", "track"}
)  # fmt: skip
REQUIRED_CONTEXT_KEYS: Final = ("tracking_code", "case_url")


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
    elif values.get("explanation"):
        # Built from the rule table, whose legal bases carry the spec's sections and marks ("spec §4.2",
        # "[U]"): for the operators, never for a citizen (issue 14).
        values["explanation"] = citizen_text(str(values["explanation"]))
    values.update(spec.fixed_context)
    return message_render(
        directory=TEMPLATE_DIR,
        prefix="cases/messages",
        code=spec.alias_of or template_code,
        context=values,
        language=language,
        name=template_code,
    )
