"""Password guessing: django-axes, tuned so that one office behind one address is not locked out together.

Two thresholds, both counted over the cool-off period (settings ``AXES_COOLOFF_TIME``):

* one account from one address (``AXES_FAILURE_LIMIT``, 5 by default): the guesser is stopped on that
  account from that address, while a colleague at the same one-stop counter or commune office (same
  NAT address) still signs in, and the account's owner still signs in from elsewhere;
* one address, all accounts together (``DANVAN_LOGIN_FAILURES_PER_ADDRESS``, 50 by default): a
  guesser who sprays many accounts from one address is stopped there, at a threshold an office of
  honest mistypers does not reach.

A successful sign-in clears that account's failures from that address (someone who mistyped four
times and then got it right starts again from zero), and only those: the failures on other accounts
from the same address still count towards the address's limit, so a guesser cannot wipe them by
signing in to an account of his own (which is why axes' ``AXES_RESET_ON_SUCCESS`` stays off: it
would clear the whole address).

An account is never locked from every address: that would let anyone lock a head out of the system
by typing his username wrong five times. The web login and the admin login (/quan-tri/) both go
through ``authenticate()``, so both are limited. Failures are kept in the database (axes' handler), not
the cache: the lockout holds when Redis is away.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str | None:
    """The same client address every other limit of the app uses (see core.ratelimit callers); None when
    there is none (a sign-in made in code), which PostgreSQL's inet column takes and "unknown" is not."""
    return request.META.get("REMOTE_ADDR") or None


class OfficeFriendlyHandler(AxesDatabaseHandler):
    """``AXES_LOCKOUT_PARAMETERS`` is ``[["username", "ip_address"], "ip_address"]``: the first count is
    held to ``AXES_FAILURE_LIMIT``, the second to the much higher per-address limit."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        per_account = counts[0] if counts else 0
        per_address = counts[1] if len(counts) > 1 else 0
        if per_address >= settings.DANVAN_LOGIN_FAILURES_PER_ADDRESS:
            return max(per_account, settings.AXES_FAILURE_LIMIT)  # the whole address waits
        return per_account

    def user_logged_in(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        super().user_logged_in(sender, request, user, **kwargs)
        # Only this account from this address: see the module's docstring.
        AccessAttempt.objects.filter(username=user.get_username(), ip_address=request.axes_ip_address).delete()


def lockout_response(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """The page a locked-out sign-in gets (web and admin alike), in the reader's language, with Retry-After."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(request, "web/locked_out.html", {"retry_after_minutes": max(1, seconds // 60)}, status=429)
    response["Retry-After"] = str(seconds)
    return response
