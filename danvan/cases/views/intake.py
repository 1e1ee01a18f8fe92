"""The one petition flow both ways in share: the citizen's form and the counter entry.

HTTP only: the size of a request, rate limits, the idempotency key of a form, and the one-time
receipt (the secret travels through the session, never through a URL). What a petition must hold is
``cases.services.intake``'s to decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from danvan.cases import selectors
from danvan.cases.choices import Status
from danvan.cases.forms.public import MAX_REQUEST_BYTES, PetitionForm
from danvan.cases.services.intake import (
    IdempotencyConflict,
    InvalidPetition,
    Petition,
    Submitted,
    case_already_sent,
    case_submit,
    petition_problems,
)
from danvan.cases.views import intake_memory as memory
from danvan.core.errors import DomainError
from danvan.ui import limits, registry
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


def _petition(form: PetitionForm, consent_text: str, kept: list[tuple[str, bytes]]) -> Petition:
    """The petition the form holds; a field the form refused counts as empty (its own error says why)."""
    data = form.cleaned_data
    scan = data.get("petition_scan")
    return Petition(
        content=data.get("content") or "",
        title=data.get("title") or "",
        track=data.get("track") or "",
        topic_code=data["topic"].code if data.get("topic") else "",
        place_text=data.get("place_text") or "",
        place_unit_id=data.get("place_unit") or None,
        confirm_place=data.get("place_unit") is None,  # 0: "not sure", the officers will place it
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        name=data.get("name") or "",
        phone=data.get("phone") or "",
        email=data.get("email") or "",
        address=data.get("address") or "",
        id_number=data.get("id_number") or "",  # the counter's form only
        is_anonymous=bool(data.get("is_anonymous")),
        people_count=data.get("people_count") or 1,
        consent=bool(data.get("consent")),
        consent_text=consent_text,
        files=[*kept, *((upload.name, upload.read()) for upload in data.get("attachments") or [])],
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
    # The rule of ``ui.limits`` that counts stored petitions (per device, contact and address); "" for none.
    limit: str = ""


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
    key = (request.POST.get("idempotency_key") or "").strip().lower()[:100]
    if memory.sent_here(request, key):
        # One rendering of the form is one submission: Back, perhaps an edit, and "send" again show the
        # receipt of the case stored the first time, never a second case (the receipt says so).
        already = case_already_sent(actor=request.user, channel=intake.channel, idempotency_key=key)
        if already is not None:
            _remember_receipt(request, intake.session_key, already)
            return HttpResponseRedirect(reverse(intake.receipt), status=303)
    kept = memory.kept_files(request)
    if form.is_valid():
        petition = _petition(form, intake.consent_text(), [(f.name, data) for f, data in kept])
        key = form.cleaned_data["idempotency_key"]
        # Checked once the form is valid (its contact is known), counted only once a case is stored: a
        # correction to make is never a submission (docs/limits.md).
        # A retry of a petition already stored (a double click at the limit) still gets its receipt.
        retry = selectors.case_submission_stored(channel=intake.channel, idempotency_key=key)
        over_limit = (
            limits.admit(request, intake.limit, contact=(petition.phone, petition.email))
            if intake.limit and not retry
            else None
        )
        if over_limit is not None:
            return over_limit
        try:
            submitted = case_submit(actor=request.user, petition=petition, channel=intake.channel,
                                    idempotency_key=key)  # fmt: skip
        except IdempotencyConflict:
            # The key was sent before, not from this session: never a second case, and nothing of the first.
            form.add_error(None, _("This form was already sent. To send another petition, open a new form."))
        except InvalidPetition as exc:
            form.add_service_errors(exc.details)
        except DomainError as exc:  # refused for another reason (e.g. a seal that cannot be made): said, not hidden
            form.add_error(None, str(exc.message))
        else:
            if intake.limit and submitted.created:
                limits.record(request, intake.limit, contact=(petition.phone, petition.email))
            memory.forget_kept(request, [f for f, _data in kept])
            memory.remember_sent(request, key)
            _remember_receipt(request, intake.session_key, submitted)
            return HttpResponseRedirect(reverse(intake.receipt), status=303)
    else:
        # The form's own parsing failed: the service's checks still run on the rest, so that every
        # correction is asked for at once, not one round at a time.
        problems = petition_problems(_petition(form, intake.consent_text(), []))
        form.add_service_errors({k: v for k, v in problems.items()
                                 if form.SERVICE_FIELDS.get(k, k) not in form.errors})  # fmt: skip
    new_files, refused = memory.keep_new_files(request, request.FILES.getlist(form.add_prefix("attachments")))
    for message in refused:
        if message not in form.errors.get("attachments", []):
            form.add_error("attachments", message)
    context = {"form": form, "kept_files": [f for f, _data in kept] + new_files}
    return render(request, intake.template, context, status=400)


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
        # An anonymous tố cáo is kept as information (Luật Tố cáo 2018, Điều 25): no answer, no rating.
        "no_answer": case.status == Status.INFO_ONLY,
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
                registry.link("surveys.case_rating_url", case_id=int(data["case_id"]))
                if data.get("case_id") and not data.get("no_answer")
                else ""
            )
            if rating:
                # The rating token is derived from the case id, so the QR works once the case is answered.
                context["rating_qr"] = qr_svg(request.build_absolute_uri(rating), title=_("QR code of the rating link"))
    return private(render(request, "cases/public/receipt.html", context))
