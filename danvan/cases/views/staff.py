"""The staff side of cases: the inbox, the case page and its steps, the sealed identity, downloads.

Thin: every view parses, calls one selector or service of ``danvan.cases`` and renders; the rules
(who may, when, which deadline) live in the services, and the steps a case offers in the step registry
(``cases.steps``), with one form each (``cases.forms.staff.STEP_FORMS``). A case the user may not see answers 404
exactly like a case that does not exist (Luật Tố cáo 2018, Điều 47). Pages carrying people's data
are never cached.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from danvan.cases import permissions as case_permissions
from danvan.cases import rules, selectors, selectors_feed
from danvan.cases import steps as registry
from danvan.cases.choices import Channel, Criterion
from danvan.cases.forms import staff as f
from danvan.cases.models import Case, CaseEvent
from danvan.cases.selectors import InboxFilters
from danvan.cases.services import assignment, protection
from danvan.cases.services.intake import InvalidPetition
from danvan.core import clock, id_card, parsing
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.text import fold
from danvan.org import permissions, step_up
from danvan.org import selectors as org_selectors
from danvan.org.choices import UnitLevel
from danvan.org.models import User
from danvan.ui import registry as ui_registry
from danvan.ui.paging import CappedPaginator

PAGE_SIZE = 50
LIST_CAP = 1000  # the inbox counts and pages through at most this many cases: filters narrow the rest
# The inbox's filters folded under "More filters" (open when one of them is in use).
MORE_FILTERS = ("status", "track", "organization", "place", "handler", "include_closed")
ASSIGN = case_permissions.ASSIGN
TRANSFER_SEARCH = "noi_nhan"  # ?noi_nhan=<words>: the case page with the transfer list narrowed


# What the timeline calls each event: what happened, not the button that did it.
EVENT_LABELS = {
    "submit": gettext_lazy("Received"),
    "classify": gettext_lazy("Classified"),
    "register": gettext_lazy("Registered"),
    "start_study": gettext_lazy("Study started"),
    "accept": gettext_lazy("Accepted (thụ lý)"),
    "reject": gettext_lazy("Not accepted"),
    "transfer": gettext_lazy("Transferred"),
    "assign": gettext_lazy("Handler assigned"),
    "start_verification": gettext_lazy("Verification started"),
    "hold_dialogue": gettext_lazy("Dialogue held"),
    "set_complexity": gettext_lazy("Complexity recorded"),
    "extend": gettext_lazy("Time limit extended"),
    "suspend": gettext_lazy("Suspended"),
    "resume": gettext_lazy("Resumed"),
    "decide": gettext_lazy("Decided"),
    "conclude": gettext_lazy("Concluded"),
    "send_decision": gettext_lazy("Decision sent"),
    "answer": gettext_lazy("Answered"),
    "publish": gettext_lazy("Public answer published"),
    "mark_info_only": gettext_lazy("Kept as information (Art. 25)"),
    "court_filed": gettext_lazy("Filed with a court"),
    "finalize": gettext_lazy("In legal effect"),
    "close": gettext_lazy("Closed"),
    "withdraw": gettext_lazy("Withdrawn"),
    "split": gettext_lazy("Split into several cases"),
    "merge_duplicate": gettext_lazy("Closed as a duplicate"),
    "duplicate_merged": gettext_lazy("A duplicate was merged into this case"),
    "routed_by_model": gettext_lazy("Routed by the routing model"),
    "place_from_content": gettext_lazy("Place read from the content"),
    "topic_set": gettext_lazy("Topic set"),
    "public_hide": gettext_lazy("Taken off the public page"),
    "public_show": gettext_lazy("Shown on the public page again"),
    "public_correct": gettext_lazy("Public text corrected"),
}


def _case_or_404(request: HttpRequest, pk: int) -> Case:
    """The case through the selector's gate; 404 alike for missing and forbidden.

    These are staff pages: a person who only submitted the case follows it on the citizen's page,
    never here with its internal timeline.
    """
    user = request.user
    if not permissions.user_may(user, case_permissions.VIEW):
        raise Http404
    try:
        case = selectors.case_get_for(user=user, pk=pk)
    except NotFound:
        raise Http404 from None
    if case.submitter_id == user.pk and not selectors.case_in_staff_scope(user, case):
        raise Http404
    return case


def _inspects(user: Any, case: Case) -> bool:
    """Heads and inspectors whose scope covers the case review the openings of its identity."""
    return permissions.user_may(user, case_permissions.REVIEW_IDENTITY_OPENINGS, case)


def _error_text(exc: DomainError) -> str:
    if isinstance(exc, PermissionDenied):
        return _("You may not take this step on this case.")
    text = str(exc.message)
    if isinstance(exc, InvalidPetition) and exc.details:
        text = " ".join([text, *(str(message) for message in exc.details.values())])
    return text


def _hinted(text: str, hints: list[list[int]]) -> list[str]:
    """The parts of the redacted text that may still identify the denouncer, for the reviewer."""
    return [text[start:end] for start, end in hints if 0 <= start < end <= len(text)]


def _detail(request: HttpRequest, case: Case, *, failed: tuple[str, f.StepForm] | None = None,
            error: str = "", status: int = 200, redaction_form: Any = None) -> HttpResponse:  # fmt: skip
    user = request.user
    steps = []
    # The transfer list's search (no script needed: the page comes back with the list narrowed, the step open).
    transfer_query = request.GET.get(TRANSFER_SEARCH, "").strip()[:100] if request.method == "GET" else ""
    for key in registry.offered_to(user, case):
        is_failed = failed is not None and failed[0] == key
        extra = {"query": transfer_query} if key == "transfer" else {}
        form = failed[1] if failed is not None and is_failed else f.STEP_FORMS[key](case=case, prefix=key, **extra)
        opened = is_failed or (key == "transfer" and TRANSFER_SEARCH in request.GET)
        steps.append({"key": key, "label": registry.STEPS[key].label, "form": form, "open": opened})
    may_open = protection.may_open_identity(user, case)
    timeline = [
        {"event": event, "label": EVENT_LABELS.get(event.action, event.action)}
        for event in selectors.case_timeline(case, public_only=False)
    ]
    merged_in = [
        t["event"] for t in timeline if isinstance(t["event"], CaseEvent) and t["event"].action == "duplicate_merged"
    ]
    context = {
        "case": case,
        "state": rules.case_deadline_state(case.status, case.due_on, case.warn_on, clock.today()),
        "criteria": [Criterion(c).label for c in case.criteria if c in Criterion.values],
        "timeline": timeline,
        "attachments": list(case.attachments.all()),
        # A denunciation is read from its redacted copy only (Luật Tố cáo 2018, Điều 56(2)), and by
        # others than its handlers only once a handler has reviewed that copy (issue 12).
        "content": (case.redacted_content if protection.may_read_redacted(user, case) else "")
        if case.is_to_cao
        else case.content,
        "redaction_form": redaction_form
        or (
            f.RedactionForm(initial={"text": case.redacted_content}, prefix="redaction")
            if case.is_to_cao and case.redaction_pending and permissions.user_may(user, case_permissions.HANDLE, case)
            else None
        ),
        "redaction_hints": _hinted(case.redacted_content, case.redaction_hints) if case.redaction_pending else [],
        "steps": steps,
        # A complaint's ID card, to its handlers only, as its last digits (all that is kept: services.intake).
        "id_number_masked": id_card.id_number_masked(case.id_number_last4)
        if case.id_number_last4 and permissions.user_may(user, case_permissions.HANDLE, case)
        else "",
        # The duplicates merged into it, from its timeline (already read: no query more).
        "duplicates": [event.data for event in merged_in],
        "public_page": _public_page(case),
        "transfer_search": TRANSFER_SEARCH,
        "transfer_query": transfer_query,
        "error": error,
        "may_open_identity": may_open,
        "identity_form": f.ReasonForm(prefix="identity"),
        # Without a recent authenticator code the form would only send the officer to type one first.
        "step_up_url": None
        if not may_open or step_up.is_recent(request)
        else step_up.step_up_url(request, reverse("cases:case_identity", args=[case.pk])),
        "may_review_openings": case.is_to_cao and (may_open or _inspects(user, case)),
        "openings": protection.identity_accesses(case) if case.is_to_cao else [],
        # The reception visit that brought it (reception provides the link; "" for anyone else's case).
        "visit_url": ui_registry.link("reception.visit_for_case", case_id=case.pk, user=user)
        if case.channel == Channel.RECEPTION
        else "",
        # What other capabilities show on this page (insight's routing suggestions …), each deciding who sees it.
    }
    return render(request, "cases/staff/detail.html", context, status=status)


def _public_page(case: Case) -> dict[str, Any] | None:
    """What the public feed shows of a report on the public track (None for any other case)."""
    if not selectors_feed.case_on_public_track(case):
        return None
    shown = selectors_feed.case_is_public(case)
    return {"shown": shown, "url": reverse("cases:feed_detail", args=[case.tracking_code]) if shown else ""}


# The inbox ------------------------------------------------------------------------------------------


def _filters(form: f.InboxFilterForm) -> InboxFilters:
    if not form.is_valid():
        return InboxFilters()
    data = form.cleaned_data
    return InboxFilters(
        status=data["status"], track=data["track"], deadline=data["deadline"], query=data["q"],
        organization_id=data["organization"].pk if data["organization"] else None,
        place_unit_id=data["place"].pk if data["place"] else None,
        handler_id=data["handler"].pk if data["handler"] else None,
        only_open=not data["include_closed"],
    )  # fmt: skip


CHOICES_CAP = 300  # the longest list of people a filter or the bulk assignment offers without a chosen body


def _chosen_organization(request: HttpRequest, organizations: Any) -> Any:
    """The body in ?organization=, if the user may see it (the form validates it again)."""
    pk = parsing.object_id(request.GET.get("organization", ""))
    return organizations.filter(pk=pk).first() if pk is not None else None


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_inbox(request: HttpRequest) -> HttpResponse:
    """The cases the user may see, filtered; POST assigns the ticked cases to one handler."""
    user = request.user
    if not permissions.user_may(user, case_permissions.VIEW):
        raise Http404
    # The choice lists come from the bodies in scope, never from the cases: at national scale a list
    # derived from a million cases took seconds. A long list of people (more than CHOICES_CAP) is
    # offered only once one body is chosen: nobody picks from ten thousand names.
    organizations = org_selectors.organization_list_for(user=user)
    chosen = _chosen_organization(request, organizations)
    handlers = f.case_officers_in(organizations.filter(pk=chosen.pk) if chosen else organizations)
    people_need_a_body = chosen is None and handlers.count() > CHOICES_CAP
    places = org_selectors.unit_search(level=UnitLevel.COMMUNE).filter(pk__in=organizations.values("unit_id"))
    form = f.InboxFilterForm(
        request.GET or None,
        organizations=organizations,  # options read as (id, name) rows: cases.forms.staff.LeanModelChoiceField
        places=places,
        handlers=handlers.none() if people_need_a_body else handlers.only("id", "full_name", "username"),
    )
    if people_need_a_body:
        form.fields["handler"].help_text = _("Choose a body first to filter by its handlers.")
    may_assign = permissions.user_may(user, ASSIGN)
    bulk = None
    if may_assign:
        assignable = f.handlers_for_assigner(user, chosen)
        if chosen is not None or assignable.count() <= CHOICES_CAP:
            bulk = f.BulkAssignForm(request.POST or None, handlers=assignable)
    refusals: list[tuple[str, str]] = []
    if request.method == "POST":
        if bulk is None:
            raise Http404
        if bulk.is_valid():
            refusals = _bulk_assign(user, bulk.cleaned_data["cases"], bulk.cleaned_data["handler"])
            if not refusals:
                count = len(bulk.cleaned_data["cases"])
                messages.success(request, ngettext(
                    "%(count)s case assigned to %(name)s.", "%(count)s cases assigned to %(name)s.", count
                ) % {"count": count, "name": bulk.cleaned_data["handler"]})  # fmt: skip
                return redirect(request.get_full_path())
    today = clock.today()
    filters = _filters(form)
    listed = selectors.case_list_for(user=user, filters=filters, today=today)
    # A search reads its matches once (paging.py says why); a plain list pages on the deadline index.
    paginator = CappedPaginator(listed, PAGE_SIZE, cap=LIST_CAP, single_scan=bool(fold(filters.query)))
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        {"case": case, "state": rules.case_deadline_state(case.status, case.due_on, case.warn_on, today)}
        for case in page
    ]
    picked = bulk.cleaned_data.get("cases", []) if bulk is not None and bulk.is_bound and bulk.is_valid() else []
    return render(
        request,
        "cases/staff/inbox.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "bulk": bulk,
            "bulk_needs_body": may_assign and bulk is None,
            "refusals": refusals,
            "picked": picked,
            "more_filters": any(request.GET.get(name) for name in MORE_FILTERS),
        },
        status=400 if request.method == "POST" else 200,
    )


def _bulk_assign(user: Any, case_ids: list[int], handler: User) -> list[tuple[str, str]]:
    """All or nothing (``case_assign_many``); the refusals, each with its reason, for the page."""
    try:
        assignment.case_assign_many(actor=user, case_ids=case_ids, handler=handler)
    except assignment.AssignmentRefused as refused:
        return [(r.case, _("Not found.") if isinstance(r.error, NotFound) else _error_text(r.error))
                for r in refused.refusals]  # fmt: skip
    return []


# The case page and its steps ------------------------------------------------------------------------------


@login_required
@never_cache
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _case_or_404(request, pk))


@login_required
@never_cache
@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step on a case (``steps.STEPS[action]``): its form, then its service; errors re-render the page."""
    case = _case_or_404(request, pk)
    step = registry.STEPS.get(action)
    if step is None:
        raise Http404
    form = f.STEP_FORMS[action](request.POST, request.FILES, case=case, prefix=action)
    if not permissions.user_may(request.user, step.permission, case):
        return _detail(request, case, failed=(action, form), error=_("You may not take this step on this case."),
                       status=403)  # fmt: skip
    if not form.is_valid():
        return _detail(request, case, failed=(action, form), error=_("Please correct the marked fields."), status=400)
    try:
        result = step.service(case=case, actor=request.user, **form.cleaned_data)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        form.add_error(None, _error_text(exc))
        return _detail(request, case, failed=(action, form), error=_error_text(exc),
                       status=403 if isinstance(exc, PermissionDenied) else 400)  # fmt: skip
    if action == "split" and isinstance(result, list):
        messages.success(request, _("The petition has been split into: %(codes)s.")
                         % {"codes": ", ".join(child.tracking_code for child in result)})  # fmt: skip
    else:
        messages.success(request, step.done)
    if action == "second_complaint" and isinstance(result, Case):
        messages.info(request, _("New case: %(code)s.") % {"code": result.tracking_code})
    if not selectors.case_may_view(request.user, case):
        # Transferred out of the user's bodies: the case is no longer theirs to see.
        return redirect("cases:case_inbox")
    return redirect("cases:case_detail", pk=case.pk)


# The denouncer's identity (Luật Tố cáo 2018, Điều 47, 56) ----------------------------------------------------


@login_required
@never_cache
@require_POST
def case_redaction(request: HttpRequest, pk: int) -> HttpResponse:
    """The handler's review of a tố cáo's redacted text; then others on the case may read it."""
    case = _case_or_404(request, pk)
    form = f.RedactionForm(request.POST, prefix="redaction")
    if not form.is_valid():
        return _detail(request, case, error=_("Please correct the marked fields."), status=400, redaction_form=form)
    try:
        protection.redaction_review(case=case, actor=request.user, text=form.cleaned_data["text"])
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        form.add_error("text", _error_text(exc))
        return _detail(request, case, error=_error_text(exc), status=400, redaction_form=form)
    messages.success(request, _("The redacted text has been reviewed; the others on the case can now read it."))
    return redirect("cases:case_detail", pk=case.pk)


def _identity_case(request: HttpRequest, pk: int) -> Case:
    case = _case_or_404(request, pk)
    if not protection.may_open_identity(request.user, case):
        raise Http404
    return case


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the sealed identity with a reason: shown once on this response, logged, never cached."""
    case = _identity_case(request, pk)
    here = reverse("cases:case_identity", args=[case.pk])
    if not step_up.is_recent(request):  # ask for the code before the reason is typed for nothing
        return step_up.step_up_redirect(request, here)
    form = f.ReasonForm(request.POST or None, prefix="identity")
    identity = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                identity = protection.identity_open(case=case, actor=request.user, reason=form.cleaned_data["reason"],
                                                    second_factor_at=step_up.verified_at(request))  # fmt: skip
                status = 200
            except NotFound:
                raise Http404 from None
            except DomainError as exc:
                if exc.code == "second_factor_required":
                    return step_up.step_up_redirect(request, here)
                form.add_error(None, _error_text(exc))
    may_designate = permissions.user_may(request.user, case_permissions.OPEN_IDENTITY, case)
    response = render(request, "cases/staff/identity.html", {
        "case": case, "form": form, "identity": identity, "openings": protection.identity_accesses(case),
        "clerk_form": f.ClerkForm(case=case, prefix="clerk") if may_designate else None,
    }, status=status)  # fmt: skip
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@never_cache
@require_POST
def case_identity_clerk(request: HttpRequest, pk: int) -> HttpResponse:
    """The head designates the clerk who may also open this case's identity."""
    case = _identity_case(request, pk)
    form = f.ClerkForm(request.POST, case=case, prefix="clerk")
    if form.is_valid():
        try:
            protection.identity_clerk_designate(case=case, actor=request.user, clerk=form.cleaned_data["clerk"],
                                                reason=form.cleaned_data["reason"])  # fmt: skip
        except NotFound:
            raise Http404 from None
        except DomainError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("The clerk has been designated."))
            return redirect("cases:case_identity", pk=case.pk)
    response = render(request, "cases/staff/identity.html", {
        "case": case, "form": f.ReasonForm(prefix="identity"), "identity": None,
        "openings": protection.identity_accesses(case), "clerk_form": form,
    }, status=400)  # fmt: skip
    response["Cache-Control"] = "no-store, private"
    return response


# Attachments --------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """A file of the case, through the permission gate; a sealed scan needs the identity right and a reason."""
    case = _case_or_404(request, pk)
    attachment = next((a for a in case.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    reason = ""
    if attachment.sealed:
        if not protection.may_open_identity(request.user, case):
            raise Http404
        if not step_up.is_recent(request):
            return step_up.step_up_redirect(request, reverse("cases:case_attachment", args=[case.pk, attachment.pk]))
        form = f.ReasonForm(request.POST or None, prefix="scan")
        if request.method != "POST" or not form.is_valid():
            return _scan_form(request, case, attachment, form, status=400 if request.method == "POST" else 200)
        reason = form.cleaned_data["reason"]
    try:
        data = protection.attachment_read(attachment=attachment, actor=request.user, reason=reason,
                                          second_factor_at=step_up.verified_at(request))  # fmt: skip
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        if exc.code == "second_factor_required":
            return step_up.step_up_redirect(request, reverse("cases:case_attachment", args=[case.pk, attachment.pk]))
        form = f.ReasonForm(request.POST or None, prefix="scan")
        form.add_error(None, _error_text(exc))
        return _scan_form(request, case, attachment, form, status=400)
    response = HttpResponse(data, content_type=attachment.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


def _scan_form(request: HttpRequest, case: Case, attachment: Any, form: f.ReasonForm, *, status: int) -> HttpResponse:
    response = render(request, "cases/staff/attachment_reason.html",
                      {"case": case, "attachment": attachment, "form": form}, status=status)  # fmt: skip
    response["Cache-Control"] = "no-store, private"
    return response
