"""Recording answers: a case rating, a campaign answer from the web or QR form, a paper form keyed in.

Every path stores the response and its answers in one transaction and only then acknowledges; a
retried form (same nonce) or a paper form already keyed (same number) is never stored twice.
Citizens' answers are deliberately not written to the audit log: an audit row carries the request's
address, and that would tie an answer back to a person. Staff actions on responses (paper entry,
flag review) are audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from danvan.core import clock, ratelimit
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound
from danvan.core.outbox import enqueue_atomically
from danvan.core.text import contains_html
from danvan.core.tokens import token_digest
from danvan.org import permissions
from danvan.surveys import errors as codes
from danvan.surveys import permissions as survey_permissions
from danvan.surveys.choices import Aspect, Flag, Source
from danvan.surveys.models import Answer, Campaign, Criterion, Invitation, Response, SurveyTemplate
from danvan.surveys.services.invitations import EDIT_PURPOSE

COMMENT_MAX = 2000
BURST_WINDOW_SECONDS = 600
BURST_LIMIT = 2  # a third answer from one device within ten minutes is flagged, not refused

AnswerMap = Mapping[tuple[str, str], int]


@dataclass(frozen=True)
class Question:
    criterion: Criterion
    aspect: str


def questions_for(template: SurveyTemplate, *, track: str = "") -> list[Question]:
    """The questions a respondent sees, in order: each criterion in each aspect it is asked in."""
    # The overall question (no factor) comes first, on PostgreSQL and SQLite alike.
    criteria = template.criteria.select_related("factor").order_by(
        F("factor__sort_order").asc(nulls_first=True), "sort_order", "code"
    )
    result: list[Question] = []
    for criterion in criteria:
        if track and criterion.tracks and track not in criterion.tracks:
            continue
        result.extend(Question(criterion, aspect) for aspect in criterion.aspects)
    return result


def clean_answers(template: SurveyTemplate, answers: AnswerMap, *, track: str = "") -> dict[tuple[int, str], int]:
    """Check answers against the template; return ``{(criterion_id, aspect): value}`` to store.

    Refuses unknown questions and out-of-scale values; requires every satisfaction question (where
    "no opinion" is an answer). Expectation is a tick: only ticked items are stored.
    """
    by_code = {q.criterion.code: q.criterion for q in questions_for(template, track=track)}
    cleaned: dict[tuple[int, str], int] = {}
    for (code, aspect), value in answers.items():
        criterion = by_code.get(code)
        if criterion is None or aspect not in criterion.aspects:
            raise DomainError(
                _("This survey has no question %(code)s.") % {"code": f"{code}/{aspect}"}, code=codes.UNKNOWN_QUESTION
            )
        top = 1 if aspect == Aspect.EXPECTATION else 5
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
            raise DomainError(
                _("The answer to %(code)s must be a whole number from 0 to %(top)s.") % {"code": code, "top": top},
                code=codes.BAD_VALUE,
            )
        if aspect == Aspect.EXPECTATION and value == 0:
            continue
        cleaned[(criterion.pk, aspect)] = value
    missing = [
        c.code
        for c in by_code.values()
        if Aspect.SATISFACTION in c.aspects and (c.pk, Aspect.SATISFACTION) not in cleaned
    ]
    if missing:
        raise DomainError(
            _("Please answer every satisfaction question (choose “No opinion” if you have none)."),
            code=codes.MISSING_ANSWERS,
            details={"missing": missing},
        )
    return cleaned


def clean_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise DomainError(
            _("The comment is too long (at most %(max)s characters).") % {"max": COMMENT_MAX}, code=codes.TOO_LONG
        )
    if contains_html(comment):
        raise DomainError(_("Please write plain text: HTML code is not accepted."), code=codes.HTML)
    return comment


def _write_answers(response: Response, cleaned: dict[tuple[int, str], int], *, replace: bool = False) -> None:
    if replace:
        response.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(response=response, criterion_id=cid, aspect=aspect, value=value)
        for (cid, aspect), value in cleaned.items()
    )


def _after_commit_refresh(response: Response) -> None:
    from danvan.surveys.tasks import snapshots_refresh_for

    if response.organization_id is None and response.unit_id is None:
        return
    args = (response.template_id, response.organization_id, response.unit_id, response.answered_on.isoformat())
    enqueue_atomically(snapshots_refresh_for, *args)


# Per-case rating ----------------------------------------------------------------------------------


def rating_submit(*, token: str, answers: AnswerMap, comment: str = "") -> Response:
    """Store (or, within the edit window, change) the rating of the case behind ``token``."""
    comment = clean_comment(comment)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("template")
            .filter(token_hash=token_digest(token))
            .first()
        )
        if invitation is None:
            raise NotFound(_("This rating link is not valid, or the case has not been answered yet."))
        now = clock.now()
        cleaned = clean_answers(invitation.template, answers, track=invitation.service)
        edit_hash = token_digest(token, purpose=EDIT_PURPOSE)
        if invitation.used:
            response = Response.objects.select_for_update().filter(edit_key_hash=edit_hash).first()
            if response is None or response.editable_until is None or now > response.editable_until:
                raise DomainError(_("Your rating was recorded and can no longer be changed."), code=codes.CLOSED)
            response.comment = comment
            response.save(update_fields=["comment"])
            _write_answers(response, cleaned, replace=True)
        else:
            if invitation.expires_at is not None and now > invitation.expires_at:
                raise DomainError(_("This rating link has expired."), code=codes.EXPIRED)
            window = invitation.template.edit_window_days
            response = Response.objects.create(
                template=invitation.template,
                source=Source.CASE_RATING,
                organization_id=invitation.organization_id,
                unit_id=invitation.unit_id,
                service=invitation.service,
                topic=invitation.topic,
                official_id=invitation.official_id,
                answered_on=clock.today(),
                comment=comment,
                edit_key_hash=edit_hash,
                editable_until=now + dt.timedelta(days=window) if window else None,
            )
            _write_answers(response, cleaned)
            invitation.used = True
            invitation.save(update_fields=["used"])
        _after_commit_refresh(response)
    return response


# Campaign answers ---------------------------------------------------------------------------------


def _body_covered(targets: set[int], organization_id: int | None) -> bool:
    """One of the campaign's bodies; or none at all when the campaign surveys places only."""
    return organization_id in targets if targets else organization_id is None


def _check_target(campaign: Campaign, organization_id: int | None, unit_id: int | None) -> None:
    """An answer counts toward the index of what it is about, so it must be about what the campaign covers:
    one of its bodies (when it lists bodies) and one of its places (when it lists places), nothing else."""
    today = clock.today()
    if not campaign.is_open_on(today):
        raise DomainError(_("This survey is not open."), code=codes.CAMPAIGN_CLOSED)
    targets = set(campaign.organizations.values_list("pk", flat=True))
    places = set(campaign.units.values_list("pk", flat=True))
    if not targets and not places:
        raise DomainError(_("This survey has no body or place to answer about."), code=codes.BAD_TARGET)
    if not _body_covered(targets, organization_id):
        raise DomainError(_("Choose one of the bodies this survey covers."), code=codes.BAD_TARGET)
    if unit_id is not None and unit_id not in places:
        raise DomainError(_("Choose one of the places this survey covers."), code=codes.BAD_TARGET)
    if places and not targets and unit_id is None:
        raise DomainError(_("Choose one of the places this survey covers."), code=codes.BAD_TARGET)


def campaign_submit(
    *,
    campaign: Campaign,
    organization_id: int | None,
    unit_id: int | None = None,
    answers: AnswerMap,
    comment: str = "",
    nonce: str,
    device: str = "",
    started_at: dt.datetime | None = None,
    source: str = Source.WEB,
) -> tuple[Response, bool]:
    """Store one answer to a campaign from the web/QR form or the API. Returns (response, created).

    ``nonce`` is the rendered form's one-time value or the API's idempotency key: the same nonce
    returns the response already stored. ``device`` is an opaque per-device value (a cookie, a
    partner's device id); its digest is kept to enforce the campaign's per-device limit.
    """
    if not nonce:
        raise DomainError(_("The form has expired. Please reload the page and answer again."), code=codes.NO_NONCE)
    existing = Response.objects.filter(form_nonce=nonce).first()
    if existing is not None:
        if existing.campaign_id != campaign.pk:  # a nonce of another survey's form: never "already stored"
            raise DomainError(
                _("The form has expired. Please reload the page and answer again."), code=codes.NONCE_REUSED
            )
        return existing, False
    _check_target(campaign, organization_id, unit_id)
    cleaned = clean_answers(campaign.template, answers)
    comment = clean_comment(comment)
    device_hash = token_digest(device, purpose=f"device:{campaign.pk}") if device else ""
    if (
        device_hash
        and Response.objects.filter(campaign=campaign, device_hash=device_hash).count() >= campaign.device_limit
    ):
        raise DomainError(
            _("This device has already sent the number of answers this survey allows."), code=codes.DEVICE_LIMIT
        )
    flag = ""
    if started_at is not None and (clock.now() - started_at).total_seconds() < campaign.min_seconds:
        flag = Flag.TOO_FAST
    elif (
        device_hash
        and not ratelimit.hit(
            f"survey-burst:{campaign.pk}", device_hash, limit=BURST_LIMIT, window_seconds=BURST_WINDOW_SECONDS
        ).allowed
    ):
        flag = Flag.BURST
    try:
        with transaction.atomic():
            response = Response.objects.create(
                template=campaign.template, campaign=campaign, source=source, organization_id=organization_id,
                unit_id=unit_id, answered_on=clock.today(), comment=comment, form_nonce=nonce,
                device_hash=device_hash, flag=flag,
            )  # fmt: skip
            _write_answers(response, cleaned)
            _after_commit_refresh(response)
    except IntegrityError:
        # Two copies of one submission raced: the first is the one kept.
        existing = Response.objects.filter(form_nonce=nonce, campaign=campaign).first()
        if existing is None:
            raise
        return existing, False
    return response, True


def paper_submit(
    *,
    actor: Any,
    campaign: Campaign,
    form_number: str,
    organization_id: int | None,
    unit_id: int | None = None,
    answers: AnswerMap,
    comment: str = "",
    answered_on: dt.date | None = None,
) -> Response:
    """Key in one paper form. Its number is unique in the campaign, so a form is never entered twice."""
    permissions.require(actor, survey_permissions.ENTER_PAPER, campaign)
    number = (form_number or "").strip()
    if not number:
        raise DomainError(_("Please fill in: %(what)s.") % {"what": _("the paper form number")}, code=codes.REQUIRED)
    day = answered_on or clock.today()
    if not campaign.starts_on <= day <= campaign.ends_on:
        raise DomainError(_("The date on the form is outside the survey period."), code=codes.BAD_DATE)
    if campaign.status == "draft":
        raise DomainError(_("This survey is not open."), code=codes.CAMPAIGN_CLOSED)
    targets = set(campaign.organizations.values_list("pk", flat=True))
    places = set(campaign.units.values_list("pk", flat=True))
    if not _body_covered(targets, organization_id) or (unit_id is not None and unit_id not in places):
        raise DomainError(_("Choose one of the bodies this survey covers."), code=codes.BAD_TARGET)
    cleaned = clean_answers(campaign.template, answers)
    comment = clean_comment(comment)
    if Response.objects.filter(campaign=campaign, paper_form_number=number).exists():
        raise DomainError(
            _("Paper form no. %(number)s has already been keyed in.") % {"number": number}, code=codes.DUPLICATE_FORM
        )
    try:
        with transaction.atomic():
            response = Response.objects.create(
                template=campaign.template, campaign=campaign, source=Source.PAPER, organization_id=organization_id,
                unit_id=unit_id, answered_on=day, comment=comment, paper_form_number=number, entered_by=actor,
            )  # fmt: skip
            _write_answers(response, cleaned)
            audit_record(actor=actor, action="surveys.paper_entered", obj=response,
                         after={"campaign": campaign.pk, "paper_form_number": number})  # fmt: skip
            _after_commit_refresh(response)
    except IntegrityError:
        raise DomainError(
            _("Paper form no. %(number)s has already been keyed in.") % {"number": number}, code=codes.DUPLICATE_FORM
        ) from None
    return response


def flag_clear(*, actor: Any, response: Response) -> Response:
    """A reviewer finds a flagged answer genuine (a kiosk at a busy counter): it counts again."""
    if response.campaign is None:
        raise DomainError(_("Only campaign answers are flagged."), code=codes.NOT_FLAGGED)
    permissions.require(actor, survey_permissions.REVIEW_FLAGS, response.campaign)
    if not response.flag:
        raise DomainError(_("This answer is not flagged."), code=codes.NOT_FLAGGED)
    with transaction.atomic():
        before = response.flag
        response.flag, response.flag_cleared_by = "", actor
        response.save(update_fields=["flag", "flag_cleared_by"])
        audit_record(actor=actor, action="surveys.flag_cleared", obj=response, before={"flag": before},
                     after={"flag": ""})  # fmt: skip
        _after_commit_refresh(response)
    return response


def campaign_flag_clear(*, actor: Any, campaign: Campaign, response_id: int) -> Response:
    """``flag_clear`` of the answer ``response_id`` of ``campaign``: NotFound when the campaign holds none."""
    response = Response.objects.select_related("campaign__owner").filter(campaign=campaign, pk=response_id).first()
    if response is None:
        raise NotFound("response not found")
    return flag_clear(actor=actor, response=response)
