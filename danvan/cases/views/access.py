""" "Send me my link again": the citizen types the case's code and the phone or email given with it;
the private link goes to that contact if it matches. HTTP only: the rate limits (the rule
``case_link_again`` of ``ui.limits``: per device and per contact, so that one person's phone is not
flooded, with a much higher ceiling per address, which a commune office or a mobile network shares) and
the one answer page, the same whether or not anything matched. The rule is ``cases.services.access``'."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from danvan.cases.forms.access import LinkAgainForm
from danvan.cases.services.access import case_link_resend_request
from danvan.citizens.contacts import Contact
from danvan.ui import limits

RULE = "case_link_again"


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def case_link_again(request: HttpRequest) -> HttpResponse:
    form = LinkAgainForm(request.POST or None)
    if request.method == "POST":
        refused = limits.attempt(request, RULE)  # every POST, far above an office's honest need
        if refused is not None:
            return refused
        if form.is_valid():
            # A valid request counts, whether or not it matched (the answer is the same); a form sent back
            # with a typo to correct counts for nothing (docs/limits.md).
            contact: Contact = form.cleaned_data["contact"]
            refused = limits.admit(request, RULE, contact=[contact.value])
            if refused is not None:
                return refused
            case_link_resend_request(tracking_code=form.cleaned_data["code"], contact=contact)
            limits.record(request, RULE, contact=[contact.value])
            return render(request, "cases/public/link_again_sent.html", {"kind": contact.kind})
    return render(request, "cases/public/link_again.html", {"form": form}, status=400 if form.errors else 200)
