""" "The same matter" on other apps' pages (``ui.registry`` panels) and its few actions.

- On a case's staff page: the cases like it that the reader may open (any body, any track they may read),
  the cases linked with it as one matter, and the buttons to link, unlink or merge.
- On the petition form: the public reports like the one being typed (``similar_json``, fetched by
  ``insight/similar.js``); without JavaScript nothing is shown and the form still sends.

Thin: parse, call one selector or service, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.cases import permissions as case_permissions
from danvan.cases.models import Case
from danvan.cases.selectors import case_get_for, case_may_view
from danvan.core.errors import DomainError, NotFound
from danvan.insight.selectors import duplicates as selectors
from danvan.insight.services import duplicates as services
from danvan.org import permissions
from danvan.ui import registry
from danvan.ui.throttle import limited


def register_panels() -> None:
    registry.provide_panel("cases.case_detail", case_panel)
    registry.provide_panel("cases.petition_form", petition_form_panel)


def case_panel(request: HttpRequest, *, case: Case, **facts: Any) -> str:
    """ "The same matter" on a case's staff page, in a fixed number of queries (five, whatever the data)."""
    if not case_may_view(request.user, case):  # the page checked it; a panel never trusts its host
        return ""
    found = selectors.same_matter_for(user=request.user, case=case)
    may_act = (
        permissions.user_may(request.user, case_permissions.HANDLE, case)
        and case.duplicate_of_id is None
        and case.closed_at is None
    )
    return render_to_string("insight/staff/duplicates_panel.html", {
        "case": case, "similar": found.similar, "linked": found.linked, "linked_more": found.linked_elsewhere,
        "may_act": may_act,
    }, request=request)  # fmt: skip


def petition_form_panel(request: HttpRequest, **facts: Any) -> str:
    return render_to_string("insight/public/duplicates_form.html", {}, request=request)


class _Typed(forms.Form):
    title = forms.CharField(required=False, strip=True)
    content = forms.CharField(required=False, strip=True)
    place_text = forms.CharField(required=False, strip=True)
    track = forms.CharField(required=False)


@never_cache
@require_POST
def similar_json(request: HttpRequest) -> HttpResponse:
    """Public reports like the petition being typed: ``{"reports": [{title, place, status, url}]}``.

    Only reports on the public feed (never a complaint, a denunciation or a private case); empty for a text
    too short to say anything, or when the petition is a complaint or a denunciation (its writer is not
    looking for a public report). Rate-limited per address like the map."""
    refused = limited(request, selectors.PUBLIC_SCOPE, selectors.PUBLIC_LIMIT, selectors.PUBLIC_WINDOW)
    if refused is not None:
        return refused
    form = _Typed(request.POST)
    form.is_valid()
    data = {k: str(form.cleaned_data.get(k) or "")[: selectors.MAX_FIELD]
            for k in ("title", "content", "place_text", "track")}  # fmt: skip
    found = selectors.similar_public(title=data["title"], content=data["content"], place_text=data["place_text"][:300],
                                     track=data["track"])  # fmt: skip
    return JsonResponse({"reports": [
        {"code": c.tracking_code, "title": c.public_title, "status": str(c.get_status_display()),
         "place": c.place_unit.name if c.place_unit else "", "received_on": c.received_on.isoformat(),
         "url": reverse("cases:feed_detail", args=[c.tracking_code])}
        for c in found
    ]})  # fmt: skip


class _Other(forms.Form):
    other = forms.IntegerField(min_value=1)
    note = forms.CharField(required=False, max_length=1000)


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        case = case_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    form = _Other(request.POST)
    back = redirect(reverse("cases:case_detail", args=[case.pk]) + "#same-matter")
    if action != "unlink" and not form.is_valid():
        messages.error(request, _("Choose a case."))
        return back
    try:
        if action == "link":
            services.matter_link(actor=request.user, case=case, other_id=form.cleaned_data["other"])
            messages.success(request, _("The cases are linked as one matter."))
        elif action == "unlink":
            services.matter_unlink(actor=request.user, case=case)
            messages.success(request, _("The case is no longer linked with the others."))
        else:
            services.matter_merge(actor=request.user, case=case, other_id=form.cleaned_data["other"],
                                  note=form.cleaned_data.get("note") or "")  # fmt: skip
            messages.success(request, _("The case is closed as a duplicate of the other."))
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return back


@login_required
@require_POST
def matter_link(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "link")


@login_required
@require_POST
def matter_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "unlink")


@login_required
@require_POST
def matter_merge(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "merge")
