"""The officer's authenticator app: enrolment and verification pages of the step-up second factor.

Thin: the rule (which acts need a recent code, how codes are checked, counted and audited) is in
``danvan.org.second_factor``; these pages keep the verification time in the session and pass it to the
services that need it (``second_factor_at``). ``next`` is followed only to a path of this site.
"""

from __future__ import annotations

import base64
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from danvan.core.errors import DomainError
from danvan.org import permissions
from danvan.org import second_factor as step_up
from danvan.org.step_up import SESSION_KEY


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("cases:case_inbox")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the authenticator app"), max_length=10, min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}),
    )  # fmt: skip


def _staff_only(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_superuser or permissions.roles_of(user) & permissions.STAFF_ROLES):
        raise Http404


def _qr_svg(url: str) -> SafeString:
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=4, title=_("Authenticator set-up code"), svgclass="qr-code",
                                                omitsize=True)  # fmt: skip
    return mark_safe(svg)  # noqa: S308 - segno escapes the title; the rest is numbers


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _code_posted(request: HttpRequest, check: Any) -> tuple[CodeForm | None, int]:
    """Read a posted code and hand it to ``check`` (confirm a new device, or verify): ``(None, 200)`` once it
    is accepted (the session then carries the verification time), else the form to show and its status."""
    form = CodeForm(request.POST or None)
    if request.method != "POST":
        return form, 200
    if form.is_valid():
        try:
            request.session[SESSION_KEY] = check(user=request.user, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            return None, 200
    return form, 400


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: a QR (and the secret, to type in), confirmed by a current code."""
    _staff_only(request)
    next_url = _next(request)
    if step_up.confirmed_device(request.user) is not None:
        return redirect(f"{reverse('web:second_factor_verify')}?{urlencode({'next': next_url})}")
    device = step_up.device_pending(user=request.user)
    form, status = _code_posted(request, step_up.device_confirm)
    if form is None:
        return redirect(next_url)
    secret = base64.b32encode(device.bin_key).decode()
    return _no_store(render(request, "web/step_up/enrol.html", {
        "form": form, "next": next_url, "qr": _qr_svg(device.config_url), "secret": _grouped(secret),
    }, status=status))  # fmt: skip


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """Type a current code; the session may then open identities for ``DANVAN_STEP_UP_MINUTES``."""
    _staff_only(request)
    next_url = _next(request)
    if step_up.confirmed_device(request.user) is None:
        return redirect(f"{reverse('web:second_factor_enrol')}?{urlencode({'next': next_url})}")
    form, status = _code_posted(request, step_up.verify)
    if form is None:
        return redirect(next_url)
    from django.conf import settings

    return _no_store(render(request, "web/step_up/verify.html", {
        "form": form, "next": next_url, "minutes": settings.DANVAN_STEP_UP_MINUTES,
    }, status=status))  # fmt: skip


urlpatterns = [
    path("van-hanh/xac-thuc-hai-buoc/dang-ky/", second_factor_enrol, name="second_factor_enrol"),
    path("van-hanh/xac-thuc-hai-buoc/", second_factor_verify, name="second_factor_verify"),
]
