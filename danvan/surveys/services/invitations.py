"""Rating invitations: opened when a case is answered, looked up by the token the citizen holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol

from django.conf import settings

from danvan.core import clock
from danvan.core.tokens import derived_token, token_digest
from danvan.surveys.choices import TemplateKind
from danvan.surveys.models import Invitation, Response, SurveyTemplate

RATING_PURPOSE = "case-rating"  # the same purpose as cases.services.notify, which writes the link
EDIT_PURPOSE = "edit"


def rating_token(case_id: int) -> str:
    """The token of a case's rating link. The server can recompute it; the database keeps its digest."""
    return derived_token(RATING_PURPOSE, case_id)


def case_rating_template() -> SurveyTemplate | None:
    return SurveyTemplate.objects.filter(kind=TemplateKind.CASE_RATING, is_active=True).order_by("code").first()


class AnsweredCaseFacts(Protocol):
    """What surveys reads of the payload of "cases.case_answered" (declared by cases; not imported here)."""

    @property
    def case_id(self) -> int: ...
    @property
    def organization_id(self) -> int | None: ...
    @property
    def unit_id(self) -> int | None: ...
    @property
    def track(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def handler_id(self) -> int | None: ...


def invitation_open_for_case(facts: AnsweredCaseFacts) -> Invitation | None:
    """Handler of the event "cases.case_answered": open (or keep open) the case's rating invitation.

    Runs inside the transaction that records the answer. A case answered again (a second round)
    keeps its one invitation: one case, one rating.
    """
    template = case_rating_template()
    if template is None:
        return None
    now = clock.now()
    days = int(getattr(settings, "DANVAN_RATING_OPEN_DAYS", 60))
    invitation, created = Invitation.objects.get_or_create(
        subject=f"case:{facts.case_id}",
        defaults={
            "template": template,
            "token_hash": token_digest(rating_token(facts.case_id)),
            "organization_id": facts.organization_id,
            "unit_id": facts.unit_id,
            "service": facts.track,
            "topic": facts.topic,
            "official_id": facts.handler_id,
            "opens_at": now,
            "expires_at": now + dt.timedelta(days=days),
        },
    )
    if not created and not invitation.used:
        invitation.organization_id, invitation.unit_id = facts.organization_id, facts.unit_id
        invitation.official_id, invitation.expires_at = facts.handler_id, now + dt.timedelta(days=days)
        invitation.save(update_fields=["organization", "unit", "official", "expires_at"])
    return invitation


State = Literal["unknown", "expired", "open", "editable", "closed"]


@dataclass(frozen=True)
class RatingState:
    state: State
    invitation: Invitation | None = None
    response: Response | None = None


def rating_state(token: str) -> RatingState:
    """Where a rating link stands: unknown (or not yet answered), expired, open, or already answered."""
    invitation = (
        Invitation.objects.select_related("template", "organization").filter(token_hash=token_digest(token)).first()
    )
    if invitation is None:
        return RatingState("unknown")
    now = clock.now()
    if invitation.used:
        response = Response.objects.filter(edit_key_hash=token_digest(token, purpose=EDIT_PURPOSE)).first()
        editable = response is not None and response.editable_until is not None and now <= response.editable_until
        return RatingState("editable" if editable else "closed", invitation, response)
    if invitation.expires_at is not None and now > invitation.expires_at:
        return RatingState("expired", invitation)
    return RatingState("open", invitation)
