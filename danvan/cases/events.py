"""Events the cases app announces to other capabilities (``core.events``), with their plain facts.

Listeners subscribe by name ("cases.case_answered") and read the payload's attributes; they never
import this module or the case models (surveys sits beside cases in the layers contract).
"""

from __future__ import annotations

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
    """A new case, just stored by ``case_submit`` (its body is the one the routing rules named, if any)."""

    case_id: int
    organization_id: int | None
    unit_id: int | None
    track: str
    topic: str


# Published at the end of case_submit's transaction; insight suggests a topic and body, or routes it.
CASE_RECEIVED = events.define("cases.case_received", ReceivedCase)
