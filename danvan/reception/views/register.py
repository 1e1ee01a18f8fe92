"""The register's staff pages: the list (sổ tiếp công dân), a new visit, a visit with its answer, the
printable notice of the answer and the documents (never served directly: through the gate here).

Views parse, call one service or selector and render; the rules are in ``services.register``.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.org import permissions
from danvan.org import selectors as org_selectors
from danvan.reception import choices
from danvan.reception import permissions as reception_permissions
from danvan.reception.forms.register import OutcomeForm, RegisterFilterForm, VisitForm
from danvan.reception.rules import IDENTITY_REQUIRED_FROM
from danvan.reception.selectors import register as selectors
from danvan.reception.selectors.crowds import visit_case_links
from danvan.reception.services import register as services
from danvan.ui.paging import CappedPaginator

PAGE_SIZE = 25
_NO_STORE = "no-store, private"


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = _NO_STORE  # visitors' personal data: never kept by a browser or proxy
    return response


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, reception_permissions.VIEW_REGISTER):
        raise Http404
    bodies = org_selectors.organizations_where(request.user, reception_permissions.VIEW_REGISTER).order_by("path")
    form = RegisterFilterForm(request.GET or None, bodies=bodies)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RegisterFilters(
        organization_id=data["body"].pk if data.get("body") else None, received_from=data.get("received_from"),
        received_to=data.get("received_to"), handling=data.get("handling") or "", overdue=bool(data.get("overdue")),
    )  # fmt: skip
    paginator = CappedPaginator(selectors.visit_list_for(user=request.user, filters=filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form, "page": page, "rows": selectors.visit_rows(request.user, list(page.object_list)),
        "may_register": permissions.user_may(request.user, reception_permissions.REGISTER_VISIT),
    }  # fmt: skip
    return _no_store(render(request, "reception/register/list.html", context))


def _picked(request: HttpRequest, name: str) -> int | None:
    """The id of ``?session=``, ``?booking=`` or ``?body=`` (from the query, or the form that carried it on)."""
    return parsing.object_id(request.POST.get(name) or request.GET.get(name) or "")


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, reception_permissions.REGISTER_VISIT):
        raise Http404
    bodies = org_selectors.organizations_where(request.user, reception_permissions.REGISTER_VISIT).order_by("path")
    booking = selectors.booking_pick_for(user=request.user, pk=_picked(request, "booking"))
    session = (
        booking.session
        if booking is not None
        else selectors.session_pick_for(user=request.user, pk=_picked(request, "session"))
    )
    chosen = _picked(request, "body")  # an officer of several bodies: ?body=<id> (else the first)
    body = session.organization if session is not None else (bodies.filter(pk=chosen).first() if chosen else None)
    body = body or bodies.first()
    transfer_bodies = org_selectors.organization_list_for(user=request.user)
    if body is not None:
        transfer_bodies = transfer_bodies.exclude(pk=body.pk)
    initial: dict[str, Any] = {"request_key": secrets.token_hex(16)}
    if booking is not None:
        initial |= {"visitor_name": booking.name, "visitor_phone": booking.phone,
                    "visitor_id_number": booking.id_number, "content": booking.subject}  # fmt: skip
    if session is not None:
        initial["mode"] = session.mode if session.mode in choices.Mode.values else choices.Mode.DIRECT
    form = VisitForm(request.POST or None, request.FILES or None, bodies=transfer_bodies, initial=initial)
    status = 200
    if request.method == "POST" and body is None:
        raise Http404
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        visit_input = services.VisitInput(
            content=data["content"], handling=data["handling"], visitor_name=data["visitor_name"],
            visitor_address=data["visitor_address"], visitor_id_number=data["visitor_id_number"],
            visitor_phone=data["visitor_phone"], acting_for=data["acting_for"], prior_handling=data["prior_handling"],
            requests=data["requests"], head_present=data["head_present"], mode=data["mode"],
            group_size=data["group_size"], visitors_signed=data["visitors_signed"],
            refusal_ground=data["refusal_ground"], transferred_to=data["transferred_to"],
            handling_note=data["handling_note"], sealed=data["sealed"],
            documents=[(f.name, f.read()) for f in data["documents"]],
        )  # fmt: skip
        try:
            visit = services.visit_register(actor=request.user, organization=body, data=visit_input, booking=booking,
                                            session=session, request_key=data["request_key"] or "")  # fmt: skip
        except PermissionDenied:
            raise Http404 from None
        except DomainError as exc:
            for name, message in exc.details.items():
                form.add_error(name if name in form.fields else None, ValidationError(message))
            if not exc.details:
                form.add_error(None, str(exc.message))
            status = 400
        else:
            messages.success(request, _("Visit %(number)s was written in the register.") % {"number": visit})
            return redirect("reception:visit_detail", visit.pk)
    elif request.method == "POST":
        status = 400
    context = {"form": form, "body": body, "session": session, "booking": booking,
               "identity_from": IDENTITY_REQUIRED_FROM}  # fmt: skip
    return _no_store(render(request, "reception/register/visit_new.html", context, status=status))


def _visit_or_404(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.visit_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None


def _detail(request: HttpRequest, visit: Any, form: OutcomeForm, *, status: int = 200) -> HttpResponse:
    today = clock.today()
    context = {
        "visit": visit, "row": selectors.visit_rows(request.user, [visit], today)[0], "form": form,
        "documents": list(visit.documents.all()),
        "case_links": visit_case_links(visit),  # the cases made from this visit (visit_cases part)
        "may_answer": permissions.user_may(request.user, reception_permissions.REGISTER_VISIT, visit)
        and selectors.answer_open(visit),
        "may_notice": bool(visit.outcome) and permissions.user_may(request.user, reception_permissions.REGISTER_VISIT, visit),
    }  # fmt: skip
    return _no_store(render(request, "reception/register/visit_detail.html", context, status=status))


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _visit_or_404(request, pk), OutcomeForm())


@login_required
@require_POST
def visit_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit_or_404(request, pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _detail(request, visit, form, status=400)
    try:
        services.visit_outcome_record(actor=request.user, visit=visit, outcome=form.cleaned_data["outcome"],
                                      note=form.cleaned_data["note"])  # fmt: skip
    except PermissionDenied:
        raise Http404 from None
    except DomainError as exc:
        for name, message in exc.details.items():
            form.add_error(name if name in form.fields else None, ValidationError(message))
        if not exc.details:
            form.add_error(None, str(exc.message))
        return _detail(request, visit, form, status=400)
    messages.success(request, _("The answer was recorded."))
    return redirect(reverse("reception:visit_detail", args=[visit.pk]) + "#answer")


@login_required
def visit_outcome_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The written answer (NĐ 30/2020 layout), printed and signed by the body before it is sent."""
    visit = _visit_or_404(request, pk)
    if not visit.outcome or not permissions.user_may(request.user, reception_permissions.REGISTER_VISIT, visit):
        raise Http404
    return _no_store(HttpResponse(selectors.visit_outcome_notice(visit, user=request.user)))


@login_required
def visit_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    try:
        document = selectors.visit_document_get_for(user=request.user, visit_pk=pk, document_pk=document_pk)
    except NotFound:
        raise Http404 from None
    response = HttpResponse(selectors.visit_document_bytes(document), content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.name)
    response["X-Content-Type-Options"] = "nosniff"
    return _no_store(response)
