"""The citizen's side of cases: send a petition, get a receipt, follow it with a private link.

Thin views over ``cases.services`` and ``cases.selectors``: every rule (what a petition must hold,
who may see a case, what a withdrawal does) lives there. What is here is HTTP: the size of a
request, rate limits, the one-time receipt, and which page answers.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from danvan.cases import permissions as case_permissions
from danvan.cases import rules, selectors, transitions
from danvan.cases.choices import Channel, Status
from danvan.cases.models import Attachment, Case
from danvan.cases.services import handling
from danvan.cases.services.intake import IdempotencyConflict, InvalidPetition, Petition, Submitted, case_submit
from danvan.cases.transitions import Action
from danvan.core import clock, ratelimit
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.org import permissions
from danvan.surveys.views.public import rating_link_for_case, rating_qr_svg, rating_url
from danvan.web.forms_cases import (
    CONSENT_TEXT,
    COUNTER_CONSENT_TEXT,
    MAX_REQUEST_BYTES,
    CounterPetitionForm,
    LookupForm,
    PetitionForm,
    WithdrawForm,
)

SUBMIT_LIMIT = 10  # petitions per client address per hour
LOOKUP_LIMIT = 60  # private-link openings per client address per 10 minutes
RECEIPT = "cases_receipt"
COUNTER_RECEIPT = "cases_counter_receipt"
ANSWERED = {Status.ANSWERED, Status.NOTIFIED, Status.FINAL, Status.CLOSED}

# (short name, what it means for the citizen). Never the internal reminder date.
STATUS_PLAIN: dict[str, tuple[Any, Any]] = {
    Status.RECEIVED: (gettext_lazy("Received"), gettext_lazy("The body is reading your petition and deciding how to handle it.")),
    Status.REGISTERED: (gettext_lazy("Registered"), gettext_lazy("Your petition is entered in the register and is being handled.")),
    Status.UNDER_STUDY: (gettext_lazy("Under study"), gettext_lazy("The body is studying your petition before answering.")),
    Status.ACCEPTED: (gettext_lazy("Accepted for resolution"), gettext_lazy("The body has formally taken up your case (thụ lý) and must resolve it by the deadline below.")),
    Status.VERIFYING: (gettext_lazy("Facts being verified"), gettext_lazy("The body is checking the facts: documents, places, the people involved.")),
    Status.DIALOGUE: (gettext_lazy("Dialogue held"), gettext_lazy("The body has met the people involved; its decision follows.")),
    Status.SUSPENDED: (gettext_lazy("Paused (suspended)"), gettext_lazy("Handling waits for another body's result; the time limit does not run meanwhile.")),
    Status.DECIDED: (gettext_lazy("Decision signed"), gettext_lazy("The decision has been signed and will be sent to you.")),
    Status.CONCLUDED: (gettext_lazy("Conclusion signed"), gettext_lazy("The conclusion has been signed; you will be told of it.")),
    Status.NOTIFIED: (gettext_lazy("Decision sent"), gettext_lazy("The decision or conclusion has been sent to you; see the answer below.")),
    Status.ANSWERED: (gettext_lazy("Answered"), gettext_lazy("The body has answered your petition; see the answer below.")),
    Status.FINAL: (gettext_lazy("Decision in legal effect"), gettext_lazy("The decision now has legal effect.")),
    Status.INFO_ONLY: (gettext_lazy("Kept as information"), gettext_lazy("An anonymous denunciation is used as information only (Luật Tố cáo 2018, Art. 25): the body may check it, but sends no result.")),
    Status.REJECTED: (gettext_lazy("Not accepted"), gettext_lazy("The body did not accept the petition; its reason is in the timeline below.")),
    Status.TERMINATED: (gettext_lazy("Stopped"), gettext_lazy("Handling has stopped (đình chỉ), for example because the petition was withdrawn.")),
    Status.CLOSED_COURT: (gettext_lazy("Before a court"), gettext_lazy("The matter is before a court, so the body stops handling it.")),
    Status.SPLIT: (gettext_lazy("Split into several cases"), gettext_lazy("The petition was divided into several cases, each followed on its own.")),
    Status.CLOSED: (gettext_lazy("Closed"), gettext_lazy("Handling is finished.")),
}  # fmt: skip

# What each public step of the timeline says to the citizen.
EVENT_PLAIN: dict[str, Any] = {
    "submit": gettext_lazy("Petition received"),
    "classify": gettext_lazy("Kind of petition decided"),
    "register": gettext_lazy("Entered in the register"),
    "start_study": gettext_lazy("Study started"),
    "accept": gettext_lazy("Accepted for resolution (thụ lý)"),
    "reject": gettext_lazy("Not accepted"),
    "transfer": gettext_lazy("Sent to the competent body"),
    "start_verification": gettext_lazy("Verification started"),
    "hold_dialogue": gettext_lazy("Dialogue held"),
    "extend": gettext_lazy("Time limit extended"),
    "suspend": gettext_lazy("Handling paused (suspended)"),
    "resume": gettext_lazy("Handling resumed"),
    "decide": gettext_lazy("Decision signed"),
    "conclude": gettext_lazy("Conclusion signed"),
    "send_decision": gettext_lazy("Decision sent"),
    "answer": gettext_lazy("Answered"),
    "publish": gettext_lazy("Answer published"),
    "withdraw": gettext_lazy("Withdrawn by the petitioner"),
    "mark_info_only": gettext_lazy("Kept as information"),
    "court_filed": gettext_lazy("Before a court"),
    "finalize": gettext_lazy("Decision in legal effect"),
    "split": gettext_lazy("Split into several cases"),
    "close": gettext_lazy("Closed"),
}


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _limited(request: HttpRequest, scope: str, limit: int, window_seconds: int) -> HttpResponse | None:
    verdict = ratelimit.hit(scope, _client(request), limit=limit, window_seconds=window_seconds)
    if verdict.allowed:
        return None
    response = render(request, "ui/too_many.html",
                      {"retry_after_minutes": max(1, -(-verdict.retry_after // 60))}, status=429)  # fmt: skip
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return True


def _private(response: HttpResponse) -> HttpResponse:
    # Pages that show a private link or a case: never cached (``never_cache`` on the view), never indexed.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _not_found(request: HttpRequest) -> HttpResponse:
    # One page for a wrong code and a wrong secret: nobody learns that a case exists.
    return render(request, "web/cases/link_not_found.html", {"form": LookupForm()}, status=404)


# Sending a petition ---------------------------------------------------------------------------


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
    )


@dataclass(frozen=True)
class _Intake:
    """One way in: the public form or the counter."""

    form_class: type[PetitionForm]
    channel: str
    template: str
    receipt: str  # URL name of its receipt page
    session_key: str  # where the one-time receipt waits

    def consent_text(self) -> str:
        # The text the person read, in the language they read it in, is what is stored with the case.
        text = str(CONSENT_TEXT)
        return f"{text}\n{COUNTER_CONSENT_TEXT}" if self.channel == Channel.COUNTER else text


PUBLIC_INTAKE = _Intake(PetitionForm, Channel.WEB, "web/cases/submit.html", "web:case_receipt", RECEIPT)
COUNTER_INTAKE = _Intake(CounterPetitionForm, Channel.COUNTER, "web/cases/counter_entry.html", "web:case_counter_receipt",
                  COUNTER_RECEIPT)  # fmt: skip


def _petition_flow(request: HttpRequest, intake: _Intake) -> HttpResponse:
    """GET: an empty form with a fresh idempotency key. POST: store it, or show what to correct."""
    if request.method == "POST" and _too_large(request):
        # Refused before the body is read: a fresh form, and nothing of the request is kept.
        context = {"form": intake.form_class(), "too_large_mb": MAX_REQUEST_BYTES // (1024 * 1024)}
        return render(request, intake.template, context, status=413)
    return _petition_form(request, intake)


@csrf_protect
def _petition_form(request: HttpRequest, intake: _Intake) -> HttpResponse:
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


def _receipt(request: HttpRequest, *, session_key: str, counter: bool) -> HttpResponse:
    data = request.session.pop(session_key, None)
    context: dict[str, Any] = {"counter": counter, "receipt": data}
    if data:
        context["received_on"] = _date(data.get("received_on"))
        context["due_on"] = _date(data.get("due_on"))
        context["case_url"] = request.build_absolute_uri(reverse("web:case_track", args=[data["code"]]))
        if data.get("token"):
            context["private_link"] = f"{context['case_url']}?{urlencode({'k': data['token']})}"
            if data.get("case_id"):
                # The rating token is derived from the case id, so the QR works once the case is answered.
                link = request.build_absolute_uri(rating_url(int(data["case_id"])))
                context["rating_qr"] = rating_qr_svg(link, title=_("QR code of the rating link"))
    return _private(render(request, "web/cases/receipt.html", context))


@never_cache
@csrf_exempt  # checked by _petition_form once the size of the request is known (Django's documented pattern)
@require_http_methods(["GET", "POST"])
def case_submit_view(request: HttpRequest) -> HttpResponse:
    """The public form: no account needed; a signed-in citizen's case is linked to their account."""
    if request.method == "POST":
        limited = _limited(request, "case_submit", SUBMIT_LIMIT, 3600)
        if limited is not None:
            return limited
    return _petition_flow(request, PUBLIC_INTAKE)


@never_cache
def case_receipt(request: HttpRequest) -> HttpResponse:
    return _receipt(request, session_key=RECEIPT, counter=False)


def _require_counter(request: HttpRequest) -> None:
    if not permissions.user_may(request.user, case_permissions.COUNTER_INTAKE):
        raise Http404


@never_cache
@csrf_exempt  # checked by _petition_form once the size of the request is known
@login_required
@require_http_methods(["GET", "POST"])
def case_counter(request: HttpRequest) -> HttpResponse:
    """An officer enters a petition handed in at the counter, with the scan of the signed petition."""
    _require_counter(request)
    return _petition_flow(request, COUNTER_INTAKE)


@never_cache
@login_required
def case_counter_receipt(request: HttpRequest) -> HttpResponse:
    _require_counter(request)
    return _receipt(request, session_key=COUNTER_RECEIPT, counter=True)


# Following a case -----------------------------------------------------------------------------


LINK_GRANTS = "cases_link_grants"  # session: {tracking code: grant} of the private links opened here
MAX_LINK_GRANTS = 20


def _open_link(request: HttpRequest, tracking_code: str, token: str) -> HttpResponse:
    """Check the code and the secret (rate-limited); if they match, remember in the session that this
    browser holds the link and send it to the case's address without the secret (303), so that the
    secret leaves the address bar, the history and the access logs after the first request."""
    limited = _limited(request, "case_lookup", LOOKUP_LIMIT, 600)
    if limited is not None:
        return limited
    try:
        case = selectors.case_get_by_link(tracking_code=tracking_code, token=token)
    except NotFound:
        return _not_found(request)
    grants = {k: v for k, v in (request.session.get(LINK_GRANTS) or {}).items() if k != case.tracking_code}
    grants[case.tracking_code] = selectors.case_link_grant(case)
    request.session[LINK_GRANTS] = dict(list(grants.items())[-MAX_LINK_GRANTS:])
    return HttpResponseRedirect(reverse("web:case_track", args=[case.tracking_code]), status=303)


def _granted_case(request: HttpRequest, tracking_code: str) -> Case | None:
    grant = (request.session.get(LINK_GRANTS) or {}).get(tracking_code, "")
    if not grant:
        return None
    try:
        return selectors.case_get_by_grant(tracking_code=tracking_code, grant=grant)
    except NotFound:
        return None


@never_cache
@require_http_methods(["GET", "POST"])
def case_lookup(request: HttpRequest) -> HttpResponse:
    """Tracking code and secret (posted, so that the secret stays out of the address and the logs; a GET
    of older links still works) → the case's page."""
    form = LookupForm((request.POST if request.method == "POST" else request.GET) or None)
    if form.is_bound and form.is_valid():
        return _open_link(request, form.cleaned_data["code"], form.cleaned_data["secret"])
    return render(request, "web/cases/lookup.html", {"form": form}, status=400 if form.is_bound else 200)


def _case_page(request: HttpRequest, case: Case, *, owner: bool) -> HttpResponse:
    short, meaning = STATUS_PLAIN.get(case.status, (case.get_status_display(), ""))
    events = [
        {"event": event, "label": EVENT_PLAIN.get(event.action) or event.get_to_status_display()}
        for event in selectors.case_timeline(case, public_only=True)
    ]
    may_withdraw = owner and Action.WITHDRAW in handling.case_allowed_actions(case)
    context = {
        "case": case,
        "status_short": short,
        "status_meaning": meaning,
        "events": events,
        "show_answer": case.status in ANSWERED and bool(case.answer_text),
        "overdue": case.due_on is not None and case.due_on < clock.today(),
        "attachments": case.attachments.filter(sealed=False).exclude(kind=Attachment.Kind.DECISION),
        "topic_name": _topic_name(case),
        "owner": owner,
        "is_open": transitions.is_open(Status(case.status)),
        "withdraw_form": WithdrawForm() if may_withdraw else None,
        # Only here, for the owner or the holder of the private link; never on a staff page.
        "rating_url": rating_link_for_case(case.pk),
    }
    return _private(render(request, "web/cases/track.html", context))


def _topic_name(case: Case) -> str:
    if case.topic is None:
        return ""
    english = (get_language() or "vi").startswith("en")
    return case.topic.name_en if english and case.topic.name_en else case.topic.name


def _owned_case(request: HttpRequest, tracking_code: str) -> Case | None:
    if not request.user.is_authenticated or not rules.tracking_code_well_formed(tracking_code.strip().upper()):
        return None
    case = (
        Case.objects.select_related("handling_organization", "place_unit__province", "topic")
        .filter(tracking_code=tracking_code.strip().upper(), submitter_id=request.user.pk)
        .first()
    )
    return case if case is not None and selectors.case_may_view(request.user, case) else None


@never_cache
def case_track(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """The private link ``/tra-cuu/<code>/?k=<secret>`` (sent by email and SMS, printed on the receipt)
    answers with a redirect to ``/tra-cuu/<code>/``, which shows the case to the browser that opened the
    link; a signed-in owner needs no secret."""
    code = tracking_code.strip().upper()
    well_formed = rules.tracking_code_well_formed(code)
    token = request.GET.get("k", "")
    if token:
        return _open_link(request, code, token) if well_formed else _not_found(request)
    linked = _granted_case(request, code) if well_formed else None
    if linked is not None:
        owner = request.user.is_authenticated and linked.submitter_id == request.user.pk
        return _case_page(request, linked, owner=owner)
    owned = _owned_case(request, code)
    if owned is not None:
        return _case_page(request, owned, owner=True)
    # The same answer for every code, existing or not: ask for the secret.
    form = LookupForm(initial={"code": code[:20] if well_formed else ""})
    return render(request, "web/cases/lookup.html", {"form": form, "need_secret": True})


@require_POST
@login_required
def case_withdraw(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """Rút đơn by the signed-in citizen who sent it (Luật Khiếu nại 2011, Art. 10; Luật Tố cáo 2018, Art. 33)."""
    case = _owned_case(request, tracking_code)
    if case is None:
        raise Http404
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that you withdraw the petition."))
    else:
        try:
            handling.case_withdraw(case=case, actor=request.user, note=form.cleaned_data["note"])
        except PermissionDenied:
            messages.error(request, _("This petition cannot be withdrawn online. Send a signed written request "
                                      "to the body handling it."))  # fmt: skip
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Your petition was withdrawn. The body will confirm it in writing."))
    return redirect("web:case_track", tracking_code=case.tracking_code)


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """The signed-in citizen's own petitions, newest first."""
    cases = (
        Case.objects.filter(submitter_id=request.user.pk)
        .select_related("handling_organization")
        .order_by("-received_on", "-id")
    )
    page = Paginator(cases, 20).get_page(request.GET.get("page"))
    rows = [{"case": case, "status_short": STATUS_PLAIN.get(case.status, ("", ""))[0]} for case in page]
    return render(request, "web/cases/my_cases.html", {"page": page, "rows": rows})
