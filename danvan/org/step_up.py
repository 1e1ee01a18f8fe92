"""The step-up second factor as a page sees it: when this session last verified a code, and where to send
an officer who must type one first. The rule itself is ``org.second_factor``; the enrolment and
verification pages are the shell's (``web.step_up``). Here so that every capability's pages (a case's
sealed identity today) can ask without importing the shell."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from danvan.org import second_factor

SESSION_KEY = "danvan_second_factor_at"


def verified_at(request: HttpRequest) -> float | None:
    """When this session last verified a code (what the services take as ``second_factor_at``)."""
    value = request.session.get(SESSION_KEY)
    return float(value) if value is not None else None


def is_recent(request: HttpRequest) -> bool:
    return second_factor.is_recent(request.user, verified_at(request))


def step_up_url(request: HttpRequest, next_url: str) -> str:
    """The enrolment page (no authenticator yet) or the verification page, then back to ``next_url``."""
    confirmed = second_factor.confirmed_device(request.user)
    name = "web:second_factor_verify" if confirmed else "web:second_factor_enrol"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def step_up_redirect(request: HttpRequest, next_url: str) -> HttpResponse:
    return redirect(step_up_url(request, next_url))
