"""The citizen's side of cases: send a petition, get a receipt, follow it with a private link,
withdraw it, list one's own petitions.

Thin views over ``cases.services`` and ``cases.selectors``: every rule (what a petition must hold,
who may see a case, what a withdrawal does) lives there. What is here is HTTP: rate limits, the
session that keeps an opened private link, the words the citizen reads, and which page answers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from danvan.cases import rules, selectors
from danvan.cases.choices import Channel, Status
from danvan.cases.forms.public import CONSENT_TEXT, LookupForm, PetitionForm, WithdrawForm
from danvan.cases.models import Case
from danvan.cases.selectors import CitizenCase
from danvan.cases.services import handling
from danvan.cases.views.intake import Intake, petition_flow, private, receipt
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.ui import limits, registry

# Rate limits: the rules "case_submit" and "case_lookup" of ui.limits (settings.DANVAN_RATE_LIMITS).
RECEIPT = "cases_receipt"

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
    "merge_duplicate": gettext_lazy("Handled together with another case"),
}


def _not_found(request: HttpRequest) -> HttpResponse:
    # One page for a wrong code and a wrong secret: nobody learns that a case exists.
    return render(request, "cases/public/link_not_found.html", {"form": LookupForm()}, status=404)


# Sending a petition ---------------------------------------------------------------------------


PUBLIC_INTAKE = Intake(PetitionForm, Channel.WEB, "cases/public/submit.html", "cases:case_receipt", RECEIPT,
                       consent_text=lambda: str(CONSENT_TEXT), limit="case_submit")  # fmt: skip


@never_cache
@csrf_exempt  # checked by intake.petition_flow once the size of the request is known (Django's documented pattern)
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def case_submit_view(request: HttpRequest) -> HttpResponse:
    """The public form: no account needed; a signed-in citizen's case is linked to their account."""
    if request.method == "POST":
        refused = limits.attempt(request, "case_submit")  # every POST, far above an office's honest need
        if refused is not None:
            return refused
    return petition_flow(request, PUBLIC_INTAKE)


@never_cache
def case_receipt(request: HttpRequest) -> HttpResponse:
    return receipt(request, session_key=RECEIPT, counter=False)


# Following a case -----------------------------------------------------------------------------


LINK_GRANTS = "cases_link_grants"  # session: {tracking code: grant} of the private links opened here
MAX_LINK_GRANTS = 20


def _open_link(request: HttpRequest, tracking_code: str, token: str) -> HttpResponse:
    """Check the code and the secret (rate-limited); if they match, remember in the session that this
    browser holds the link and send it to the case's address without the secret (303), so that the
    secret leaves the address bar, the history and the access logs after the first request."""
    refused = limits.hit(request, "case_lookup")
    if refused is not None:
        return refused
    try:
        case = selectors.case_get_by_link(tracking_code=tracking_code, token=token)
    except NotFound:
        return _not_found(request)
    grants = {k: v for k, v in (request.session.get(LINK_GRANTS) or {}).items() if k != case.tracking_code}
    grants[case.tracking_code] = selectors.case_link_grant(case)
    request.session[LINK_GRANTS] = dict(list(grants.items())[-MAX_LINK_GRANTS:])
    return HttpResponseRedirect(reverse("cases:case_track", args=[case.tracking_code]), status=303)


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def case_lookup(request: HttpRequest) -> HttpResponse:
    """Tracking code and secret (posted, so that the secret stays out of the address and the logs; a GET
    of older links still works) → the case's page."""
    form = LookupForm((request.POST if request.method == "POST" else request.GET) or None)
    if form.is_bound and form.is_valid():
        return _open_link(request, form.cleaned_data["code"], form.cleaned_data["secret"])
    return render(request, "cases/public/lookup.html", {"form": form}, status=400 if form.is_bound else 200)


def _case_page(request: HttpRequest, page: CitizenCase) -> HttpResponse:
    case = page.case
    short, meaning = STATUS_PLAIN.get(case.status, (case.get_status_display(), ""))
    events = [
        {"event": event, "label": EVENT_PLAIN.get(event.action) or event.get_to_status_display()}
        for event in page.events
    ]
    from danvan.cases.views import feed

    context = {
        "case": case,
        "status_short": short,
        "status_meaning": meaning,
        "events": events,
        "show_answer": page.show_answer,
        "overdue": page.overdue,
        "attachments": page.attachments,
        "topic_name": _topic_name(case),
        "owner": page.owner,
        "is_open": page.is_open,
        "withdraw_form": WithdrawForm() if page.may_withdraw else None,
        # Only here, for the owner or the holder of the private link; never on a staff page.
        "rating_url": registry.link("surveys.case_rating", case_id=case.pk),
        **feed.track_extras(request, case),  # "still not fixed", the public page
    }
    return private(render(request, "cases/public/track.html", context))


def _topic_name(case: Case) -> str:
    if case.topic is None:
        return ""
    english = (get_language() or "vi").startswith("en")
    return case.topic.name_en if english and case.topic.name_en else case.topic.name


@never_cache
@limits.with_device_cookie
def case_track(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """The private link ``/tra-cuu/<code>/?k=<secret>`` (sent by email and SMS, printed on the receipt)
    answers with a redirect to ``/tra-cuu/<code>/``, which shows the case to the browser that opened the
    link; a signed-in owner needs no secret."""
    code = tracking_code.strip().upper()
    well_formed = rules.tracking_code_well_formed(code)
    token = request.GET.get("k", "")
    if token:
        return _open_link(request, code, token) if well_formed else _not_found(request)
    grant = (request.session.get(LINK_GRANTS) or {}).get(code, "")
    try:
        page = selectors.case_get_for_citizen(user=request.user, tracking_code=code, grant=grant)
    except NotFound:
        # The same answer for every code, existing or not: ask for the secret.
        form = LookupForm(initial={"code": code[:20] if well_formed else ""})
        return render(request, "cases/public/lookup.html", {"form": form, "need_secret": True})
    return _case_page(request, page)


@require_POST
@login_required
def case_withdraw(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """Rút đơn by the signed-in citizen who sent it (Luật Khiếu nại 2011, Art. 10; Luật Tố cáo 2018, Art. 33)."""
    try:
        case = selectors.case_get_owned(user=request.user, tracking_code=tracking_code)
    except NotFound:
        raise Http404 from None
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
    return redirect("cases:case_track", tracking_code=case.tracking_code)


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """The signed-in citizen's own petitions, newest first."""
    page = Paginator(selectors.case_list_for_citizen(user=request.user), 20).get_page(request.GET.get("page"))
    rows = [{"case": case, "status_short": STATUS_PLAIN.get(case.status, ("", ""))[0]} for case in page]
    return render(request, "cases/public/my_cases.html", {"page": page, "rows": rows})
