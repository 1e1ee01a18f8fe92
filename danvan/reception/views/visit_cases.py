"""Pages of the visit_cases part (staff): split a visit's petition into cases, record a crowd and the
head's meeting with its representatives, and the early warnings of crowds coming back or growing.

Thin: the forms parse, the services decide and write (checking the permission again), the selectors
read through the gate. A visit the user may not work on answers 404, like one that does not exist.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.org import permissions
from danvan.reception import rules
from danvan.reception.forms import visit_cases as f
from danvan.reception.models import Visit
from danvan.reception.permissions import REGISTER_VISIT, VIEW_REGISTER, VIEW_VISITORS
from danvan.reception.selectors import crowds as selectors
from danvan.reception.services import crowds as crowd_services
from danvan.reception.services.visit_cases import VisitPetition, visit_cases_create


def _visit(request: HttpRequest, pk: int) -> Visit:
    try:
        return selectors.visit_for_staff(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None


def _visitor(request: HttpRequest, visit: Visit) -> str:
    """Who came, for those who may read visitors' identity; never a sealed visit's."""
    if visit.sealed:
        return _("Identity sealed (denunciation)")
    if not permissions.user_may(request.user, VIEW_VISITORS, visit):
        return ""
    return visit.visitor_name


def _place_errors(forms_: list[f.PetitionPartForm], details: dict[str, Any]) -> list[str]:
    """Put the service's refusals ("1.content") next to the fields; what has no field comes back."""
    loose = []
    used = [form for form in forms_ if form.used()]
    for key, message in details.items():
        number, _dot, name = key.partition(".")
        if number.isdigit() and int(number) < len(used) and name in used[int(number)].fields:
            used[int(number)].add_error(name, str(message))
        else:
            loose.append(str(message))
    return loose


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def visit_cases_new(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    links = selectors.visit_case_links(visit)
    key_form = f.RequestKeyForm(request.POST or None, initial={"request_key": secrets.token_urlsafe(18)})
    forms_ = f.petition_forms(request.POST or None, initial=[{"content": visit.content}] if not links else None)
    errors: list[str] = []
    if request.method == "POST" and not links:
        valid = key_form.is_valid() & all([form.is_valid() for form in forms_])
        if valid:
            petitions = [
                VisitPetition(track=d["track"], title=d["title"], content=d["content"], place_text=d["place_text"])
                for d in (form.cleaned_data for form in forms_ if form.used())
            ]
            try:
                visit_cases_create(actor=request.user, visit=visit, petitions=petitions,
                                   request_key=key_form.cleaned_data["request_key"])  # fmt: skip
            except PermissionDenied:
                raise Http404 from None
            except DomainError as exc:
                errors = [str(exc.message), *_place_errors(forms_, exc.details)]
            else:
                messages.success(request, _("The cases were created and linked to this visit."))
                return redirect("reception:visit_cases_new", pk=visit.pk)
        else:
            errors = [_("Please correct the marked fields.")]
    context = {
        "visit": visit,
        "visitor": _visitor(request, visit),
        "links": links,
        "forms": forms_,
        "key_form": key_form,
        "errors": errors,
        "is_crowd": rules.is_crowd(visit.group_size),
    }
    return render(request, "reception/visit_cases/new.html", context, status=400 if errors else 200)


def _representatives(forms_: list[f.RepresentativeForm]) -> list[dict[str, str]]:
    return [
        {"name": form.cleaned_data.get("name", ""), "address": form.cleaned_data.get("address", "")} for form in forms_
    ]


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def visit_crowd(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    crowd = selectors.crowd_of(visit)
    allowed = rules.representatives_allowed(visit.group_size)
    may_see_people = permissions.user_may(request.user, VIEW_VISITORS, visit) and not visit.sealed
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form", "") if posted else ""
    crowd_form = f.CrowdForm(
        posted if which == "crowd" else None,
        initial={"appointment_signed": crowd.appointment_signed, "statement": crowd.statement,
                 "statement_signed": crowd.statement_signed, "matter_key": crowd.matter_key} if crowd else None,
    )  # fmt: skip
    people = f.representative_forms(
        posted if which == "crowd" else None,
        initial=crowd.representatives if crowd and may_see_people else None,
    )
    meeting_form = f.MeetingForm(
        posted if which == "meeting" else None,
        organization=visit.organization,
        initial={"met_at": crowd.met_at, "met_by": crowd.met_by_id, "note": crowd.meeting_note,
                 "joint_bodies": crowd.joint_bodies, "order_disturbed": crowd.order_disturbed} if crowd else None,
    )  # fmt: skip
    errors: list[str] = []
    if which == "crowd":
        if crowd_form.is_valid() & all([form.is_valid() for form in people]):
            try:
                crowd_services.crowd_record(actor=request.user, visit=visit, representatives=_representatives(people),
                                            **crowd_form.cleaned_data)  # fmt: skip
            except PermissionDenied:
                raise Http404 from None
            except DomainError as exc:
                errors = [str(exc.message)]
                for key, message in exc.details.items():
                    number, _dot, name = key.partition(".")
                    if number.isdigit() and int(number) < len(people):
                        people[int(number)].add_error(name, str(message))
            else:
                messages.success(request, _("The crowd was recorded."))
                return redirect("reception:visit_crowd", pk=visit.pk)
        else:
            errors = [_("Please correct the marked fields.")]
    elif which == "meeting":
        if crowd is None:
            errors = [_("Record the crowd and its representatives first.")]
        elif meeting_form.is_valid():
            data = meeting_form.cleaned_data
            try:
                crowd_services.crowd_meeting_record(actor=request.user, crowd=crowd, met_at=data["met_at"],
                                                    met_by=data["met_by"], note=data["note"],
                                                    joint_bodies=data["joint_bodies"],
                                                    order_disturbed=data["order_disturbed"])  # fmt: skip
            except PermissionDenied:
                raise Http404 from None
            except DomainError as exc:
                errors = [str(exc.message)]
                for name, message in exc.details.items():
                    if name in meeting_form.fields:
                        meeting_form.add_error(name, str(message))
            else:
                messages.success(request, _("The meeting was recorded."))
                return redirect("reception:visit_crowd", pk=visit.pk)
        else:
            errors = [_("Please correct the marked fields.")]
    context = {
        "visit": visit,
        "visitor": _visitor(request, visit),
        "crowd": crowd,
        "allowed": allowed,
        "crowd_form": crowd_form,
        "people": people,
        "may_see_people": may_see_people,
        "meeting_form": meeting_form,
        "errors": errors,
    }
    return render(request, "reception/visit_cases/crowd.html", context, status=400 if errors else 200)


@login_required
@never_cache
@require_GET
def crowd_warnings(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, VIEW_REGISTER):
        raise Http404
    warnings = selectors.crowd_warnings(user=request.user)
    rows = [
        {
            "warning": w,
            "url": reverse("reception:visit_crowd", args=[w.crowd.visit_id])
            if permissions.user_may(request.user, REGISTER_VISIT, w.crowd)
            else "",
        }
        for w in warnings
    ]
    return render(request, "reception/visit_cases/warnings.html", {"rows": rows})
