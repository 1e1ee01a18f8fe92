"""Events one capability announces and others may listen to, without importing each other.

Capabilities sit side by side in the layers contract (cases, surveys, …) and may not import one
another; the payloads here are plain facts, so a listener never needs the sender's models.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class AnsweredCase:
    """A case whose answer or decision has just been sent to the citizen."""

    case_id: int
    organization_id: int | None
    unit_id: int | None
    track: str
    topic: str
    handler_id: int | None


# Sent inside the transaction that records the answer, with ``facts=AnsweredCase(...)``.
case_answered = Signal()
