"""The site shell: home, login, health and the 400 page. Thin: parse, call one selector or service, render.

Each capability's pages live in its app (org's units and bodies: danvan/org/views)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danvan.org import permissions
from danvan.ui.registry import home_cards_for, landing_for


def home(request: HttpRequest) -> HttpResponse:
    context = {"roles": permissions.roles_of(request.user), "home_cards": home_cards_for(request.user)}
    return render(request, "web/home.html", context)


class LoginView(auth_views.LoginView):
    """Django's login. Password guessing is stopped by django-axes (per account and address, and per
    address at a higher threshold: danvan/web/lockout.py), the same for the admin login."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        # Without a safe ``next`` (Django's LoginView drops one to another host): where the person works.
        return landing_for(self.request.user) or super().get_default_redirect_url()


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 400 page (``handler400``): a request Django cannot read (a form body that is not UTF-8, a
    malformed upload). Touches neither the body nor the session, which may be what failed."""
    title, text = _("Bad request"), _("The request could not be read. Go back and send the form again.")
    page = f'<!doctype html><html lang="{escape(get_language() or "vi")}"><meta charset="utf-8"><title>{escape(title)}</title>'
    return HttpResponseBadRequest(f"{page}<h1>{escape(title)}</h1><p>{escape(text)}</p></html>")


def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
