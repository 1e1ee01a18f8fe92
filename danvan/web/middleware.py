"""Staff sessions end after a period without any request (``DANVAN_STAFF_IDLE_MINUTES``).

An officer's unattended screen at a counter opens citizens' petitions and, for a head, denouncers'
identities; a citizen's session keeps Django's default lifetime. Whether a session is a staff one is
decided once per session (any role but citizen, or the admin flag) and kept in it, so that the check
costs no query per request; the last-seen time is written at most once a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.org import permissions

STAFF_KEY, SEEN_KEY = "danvan_staff", "danvan_seen_at"
SEEN_GRANULARITY = 60  # seconds


def _staff(user: Any) -> bool:
    return bool(user.is_staff or user.is_superuser or permissions.roles_of(user) & permissions.STAFF_ROLES)


def _is_staff(request: HttpRequest) -> bool:
    flag = request.session.get(STAFF_KEY)
    if flag is None:  # a session from before this middleware
        flag = request.session[STAFF_KEY] = _staff(request.user)
    return bool(flag)


def note_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """On ``user_logged_in``: the session is written then anyway, so its staff flag and first "seen"
    time cost nothing on the requests that follow (and a new sign-in starts a new idle period)."""
    if request is not None and hasattr(request, "session"):
        request.session[STAFF_KEY] = _staff(user)
        request.session[SEEN_KEY] = clock.now().timestamp()


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and _is_staff(request):
            now = clock.now().timestamp()
            seen = request.session.get(SEEN_KEY)
            if seen is not None and now - float(seen) > settings.DANVAN_STAFF_IDLE_MINUTES * 60:
                logout(request)  # the request goes on as anonymous: staff pages send it to the login
                messages.info(request, _("You were signed out after %(minutes)s minutes without activity.")
                              % {"minutes": settings.DANVAN_STAFF_IDLE_MINUTES})  # fmt: skip
            elif seen is None or now - float(seen) >= SEEN_GRANULARITY:
                request.session[SEEN_KEY] = now
        return self.get_response(request)
