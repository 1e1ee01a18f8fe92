"""The one petition flow both ways in share: the citizen's form and the counter entry.

HTTP only: the size of a request, rate limits, the idempotency key of a form, and the one-time
receipt (the secret travels through the session, never through a URL). What a petition must hold is
``cases.services.intake``'s to decide.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from danvan.cases.forms.public import MAX_REQUEST_BYTES, PetitionForm
from danvan.cases.services.intake import IdempotencyConflict, InvalidPetition, Petition, Submitted, case_submit
from danvan.core.errors import DomainError
from danvan.ui import registry
from danvan.ui.qr import qr_svg


def private(response: HttpResponse) -> HttpResponse:
    # Pages that show a private link or a case: never cached (``never_cache`` on the view), never indexed.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return True


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _petition(form: PetitionForm, consent_text: str) -> Petition:
    data = form.cleaned_data
    scan = data.get("petition_scan")
    return Petition(
        content=data["content"],
        title=data["title"],
        track=data["track"],
        topic_code=data["topic"].code if data["topic"] else "",
        place_text=data["place_text"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        name=data["name"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        is_anonymous=data["is_anonymous"],
        people_count=data["people_count"] or 1,
        consent=data["consent"],
        consent_text=consent_text,
        files=[(upload.name, upload.read()) for upload in data["attachments"]],
        petition_scan=(scan.name, scan.read()) if scan else None,
        publish=form.publish_question and not data.get("keep_private"),
        share_photos=bool(data.get("share_photos")),
    )


@dataclass(frozen=True)
class Intake:
    """One way in: the public form or the counter."""

    form_class: type[PetitionForm]
    channel: str
    template: str
    receipt: str  # URL name of its receipt page
    session_key: str  # where the one-time receipt waits
    # The text the person read, in the language they read it in: what is stored with the case.
    consent_text: Callable[[], str]


def petition_flow(request: HttpRequest, intake: Intake) -> HttpResponse:
    """GET: an empty form with a fresh idempotency key. POST: store it, or show what to correct."""
    if request.method == "POST" and _too_large(request):
        # Refused before the body is read: a fresh form, and nothing of the request is kept.
        context = {"form": intake.form_class(), "too_large_mb": MAX_REQUEST_BYTES // (1024 * 1024)}
        return render(request, intake.template, context, status=413)
    return _petition_form(request, intake)


@csrf_protect
def _petition_form(request: HttpRequest, intake: Intake) -> HttpResponse:
    if request.method != "POST":
        return render(request, intake.template, {"form": intake.form_class()})
    form = intake.form_class(request.POST, request.FILES)
    if form.is_valid():
        petition = _petition(form, intake.consent_text())
        try:
            try:
                submitted = case_submit(actor=request.user, petition=petition, channel=intake.channel,
                                        idempotency_key=form.cleaned_data["idempotency_key"])  # fmt: skip
            except IdempotencyConflict:
                # The form was sent before with other words (the browser's Back, then edited): a new
                # petition, never the receipt of the first one.
                submitted = case_submit(actor=request.user, petition=petition, channel=intake.channel,
                                        idempotency_key=uuid.uuid4().hex)  # fmt: skip
        except InvalidPetition as exc:
            form.add_service_errors(exc.details)
        except DomainError as exc:  # refused for another reason (e.g. a seal that cannot be made): said, not hidden
            form.add_error(None, str(exc.message))
        else:
            _remember_receipt(request, intake.session_key, submitted)
            return HttpResponseRedirect(reverse(intake.receipt), status=303)
    return render(request, intake.template, {"form": form}, status=400)


def _remember_receipt(request: HttpRequest, session_key: str, submitted: Submitted) -> None:
    """The secret goes through the session, never into a URL; the receipt page shows it once."""
    case = submitted.case
    previous = request.session.get(session_key) or {}
    if not submitted.created and previous.get("code") == case.tracking_code:
        return  # a double click: keep the first answer, which holds the secret
    request.session[session_key] = {
        "code": case.tracking_code,
        "token": submitted.access_token,  # "" for a retry of a petition already stored
        "again": not submitted.created,
        "received_on": case.received_on.isoformat(),
        "due_on": case.due_on.isoformat() if case.due_on else "",
        "body": case.handling_organization.name if case.handling_organization else "",
        "case_id": case.pk,  # for the QR of the rating link printed on the receipt
    }


def receipt(request: HttpRequest, *, session_key: str, counter: bool) -> HttpResponse:
    """The receipt, once: what ``_remember_receipt`` left in the session, then nothing."""
    data = request.session.pop(session_key, None)
    context: dict[str, Any] = {"counter": counter, "receipt": data}
    if data:
        context["received_on"] = _date(data.get("received_on"))
        context["due_on"] = _date(data.get("due_on"))
        context["case_url"] = request.build_absolute_uri(reverse("cases:case_track", args=[data["code"]]))
        if data.get("token"):
            context["private_link"] = f"{context['case_url']}?{urlencode({'k': data['token']})}"
            rating = (
                registry.link("surveys.case_rating_url", case_id=int(data["case_id"])) if data.get("case_id") else ""
            )
            if rating:
                # The rating token is derived from the case id, so the QR works once the case is answered.
                context["rating_qr"] = qr_svg(request.build_absolute_uri(rating), title=_("QR code of the rating link"))
    return private(render(request, "cases/public/receipt.html", context))
