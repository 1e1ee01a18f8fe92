"""The participation part's blocks on a consultation's pages (registered in ``blocks_parts``): the public
one (how to take part, the figures, each statement's totals — never who voted) and the staff one (the
moderation queue's size, links to moderating and keying in)."""

from __future__ import annotations

from typing import Any

from danvan.consultations import rules
from danvan.consultations.enums import Status
from danvan.consultations.permissions import KEY_IN, MODERATE
from danvan.consultations.selectors import participation as sel
from danvan.consultations.selectors.access import may_act
from danvan.core import clock

BLOCK_STATEMENTS = 10


def public_context(consultation: Any, request: Any) -> dict[str, Any] | None:
    if consultation.status == Status.DRAFT:
        return None
    return {
        "counts": sel.counts(consultation),
        # The ten most voted; every statement is one link away (``views.participation.statements``): 500
        # rows would make the page heavy on a phone and slow to build while people vote.
        "statements": sel.statement_totals(consultation, top=BLOCK_STATEMENTS),
        "is_open": rules.takes_views(
            Status(consultation.status), consultation.opens_on, consultation.closes_on, clock.today()
        ),
    }


def staff_context(consultation: Any, request: Any) -> dict[str, Any] | None:
    user = getattr(request, "user", None)
    may_moderate, may_key_in = may_act(user, MODERATE, consultation), may_act(user, KEY_IN, consultation)
    if not (may_moderate or may_key_in):
        return None
    return {"counts": sel.counts(consultation), "pending": sel.pending_count(consultation),
            "may_moderate": may_moderate, "may_key_in": may_key_in}  # fmt: skip
