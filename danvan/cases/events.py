"""Events the cases app announces to other capabilities (``core.events``), with their plain facts.

Listeners subscribe by name ("cases.case_answered") and read the payload's attributes; they never
import this module or the case models (surveys sits beside cases in the layers contract).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from danvan.core import events


@dataclass(frozen=True)
class AnsweredCase:
    """A case whose answer or decision has just been sent to the citizen."""

    case_id: int
    organization_id: int | None
    unit_id: int | None
    track: str
    topic: str
    handler_id: int | None


# Published inside the transaction that records the answer; surveys opens the rating invitation.
CASE_ANSWERED = events.define("cases.case_answered", AnsweredCase)


@dataclass(frozen=True)
class ReceivedCase:
    """A case just received, with the text as stored (a tố cáo's redacted): insight indexes it for "the same
    matter" (near-duplicates and many people on one matter) and suggests its topic and body, or routes it."""

    case_id: int
    organization_id: int | None
    unit_id: int | None
    province_id: int | None
    track: str
    title: str
    content: str
    received_on: dt.date
    people_count: int
    topic: str  # the topic's code, "" when intake could not name one
    # what the public feed will show of the report when the citizen asked to publish it (redacted), else ""
    public_title: str = ""
    public_text: str = ""


# Published inside the intake transaction, after the case is saved.
CASE_RECEIVED = events.define("cases.case_received", ReceivedCase)


@dataclass(frozen=True)
class PublicText:
    """A case's public title and text (what the public feed shows of its report) after a handler or a
    moderator corrected them, or both "" when they were cleared (the case left the feedback track)."""

    case_id: int
    title: str
    text: str


# Published inside the transaction that changed them: insight keeps their grams for the petition form's
# "similar public reports" (ranked on what the feed shows, never on the hidden text).
CASE_PUBLIC_TEXT_CHANGED = events.define("cases.case_public_text_changed", PublicText)
