""" "Send me my link again": the citizen types the case's code and the phone or email given with it;
the private link goes to that contact if it matches. HTTP only: the rate limits (per client address,
and per contact so that one person's phone is not flooded) and the one answer page, the same whether
or not anything matched. The rule is ``cases.services.access``'."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from danvan.cases.forms.access import LinkAgainForm
from danvan.cases.services.access import case_link_resend_request
from danvan.citizens.contacts import Contact
from danvan.core import ratelimit
from danvan.ui.throttle import limited

PER_ADDRESS = 30  # requests per client address per hour (a commune office or a mobile network shares one)
PER_CONTACT = 3  # requests per contact per hour


@never_cache
@require_http_methods(["GET", "POST"])
def case_link_again(request: HttpRequest) -> HttpResponse:
    form = LinkAgainForm(request.POST or None)
    if request.method == "POST":
        refused = limited(request, "case_link_again", PER_ADDRESS, 3600)
        if refused is not None:
            return refused
        if form.is_valid():
            contact: Contact = form.cleaned_data["contact"]
            verdict = ratelimit.hit("case_link_again_contact", contact.digest, limit=PER_CONTACT, window_seconds=3600)
            if verdict.allowed:
                case_link_resend_request(tracking_code=form.cleaned_data["code"], contact=contact)
                return render(request, "cases/public/link_again_sent.html", {"kind": contact.kind})
            form.add_error("contact", _(
                "Several links were already asked for this contact. Wait %(minutes)s minutes and try again, "
                "or call the hotline or come to the reception office."
            ) % {"minutes": max(1, -(-verdict.retry_after // 60))})  # fmt: skip
    return render(request, "cases/public/link_again.html", {"form": form}, status=400 if form.errors else 200)
