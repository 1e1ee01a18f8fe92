"""The citizen's sign-in without a password: a one-time code to a phone or email, or an identity
provider. HTTP only: rate limits, the session that carries the contact between the two steps and the
provider's state, and which page answers. Rules and writes are ``citizens.services``'."""

from __future__ import annotations

import hmac
import logging

from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from danvan.citizens import identity, services
from danvan.citizens.contacts import Contact
from danvan.citizens.forms.public import CodeForm, ContactForm
from danvan.core import ratelimit
from danvan.ui.throttle import limited

log = logging.getLogger(__name__)
BACKEND = "danvan.org.backends.RoleBackend"  # the account's permissions come from its roles (none for a citizen)
PENDING = "citizens_sign_in"  # session: the contact a code was sent to, and where to go after
IDP = "citizens_idp"  # session: state, nonce and PKCE verifier of a provider sign-in under way
CODES_PER_ADDRESS = 30  # code requests per client address per hour (an office or a mobile network shares one)
CODES_PER_CONTACT = 3  # codes per contact per 15 minutes
CODES_PER_CONTACT_DAY = 10  # and per day: with 5 tries a code, at most 50 guesses of 10^6 a day
CHECKS_PER_ADDRESS = 60  # code checks per client address per 10 minutes (each code also has MAX_ATTEMPTS)


def _next(request: HttpRequest, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return reverse("cases:my_cases")


def _sign_in(request: HttpRequest, user: object, target: str) -> HttpResponse:
    login(request, user, backend=BACKEND)  # type: ignore[arg-type]
    return HttpResponseRedirect(target, status=303)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code_request(request: HttpRequest) -> HttpResponse:
    """Step 1: the phone or email; a code is sent there (an account is made on first use)."""
    form = ContactForm(request.POST or None)
    context = {"form": form, "provider": identity.provider_get(), "next": request.GET.get("next", "")}
    if request.method == "POST":
        refused = limited(request, "citizen_code_request", CODES_PER_ADDRESS, 3600)
        if refused is not None:
            return refused
        if form.is_valid():
            contact: Contact = form.cleaned_data["contact"]
            verdict = ratelimit.hit("citizen_code_contact", contact.digest, limit=CODES_PER_CONTACT, window_seconds=900)
            if verdict.allowed:
                verdict = ratelimit.hit("citizen_code_contact_day", contact.digest, limit=CODES_PER_CONTACT_DAY,
                                        window_seconds=86400)  # fmt: skip
            if verdict.allowed:
                services.sign_in_code_send(contact=contact)
                request.session[PENDING] = {"kind": contact.kind, "value": contact.value,
                                            "next": _next(request, request.POST.get("next", ""))}  # fmt: skip
                return HttpResponseRedirect(reverse("citizens:sign_in_code_enter"), status=303)
            form.add_error("contact", _(
                "Several codes were already sent to this contact. Wait %(minutes)s minutes and try again, "
                "or call the hotline or come to the reception office."
            ) % {"minutes": max(1, -(-verdict.retry_after // 60))})  # fmt: skip
    return render(request, "citizens/public/sign_in.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code_enter(request: HttpRequest) -> HttpResponse:
    """Step 2: the code that was sent; right, the citizen is signed in and sees their petitions."""
    pending = request.session.get(PENDING)
    if not pending:
        return HttpResponseRedirect(reverse("citizens:sign_in"))
    contact = Contact(pending["kind"], pending["value"])
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        refused = limited(request, "citizen_code_check", CHECKS_PER_ADDRESS, 600)
        if refused is not None:
            return refused
        if form.is_valid():
            try:
                user = services.sign_in_code_check(contact=contact, code=form.cleaned_data["code"])
            except services.SignInRefused as exc:
                form.add_error("code", str(exc.message))
            else:
                target = pending.get("next") or reverse("cases:my_cases")
                response = _sign_in(request, user, target)
                request.session.pop(PENDING, None)
                return response
    context = {"form": form, "masked": _masked(contact)}
    return render(request, "citizens/public/sign_in_code.html", context, status=400 if form.errors else 200)


def _masked(contact: Contact) -> str:
    """Where the code went, as the page may show it: 09•••••678, t•••@example.vn."""
    if contact.kind == "phone":
        national = "0" + contact.value[3:] if contact.value.startswith("+84") else contact.value
        return national[:2] + "•" * max(len(national) - 5, 0) + national[-3:]
    local, _at, domain = contact.value.partition("@")
    return f"{local[:1]}•••@{domain}"


@never_cache
def identity_start(request: HttpRequest) -> HttpResponse:
    """To the identity provider, with a fresh state, nonce and PKCE challenge kept in the session."""
    provider = identity.provider_get()
    if provider is None:
        raise Http404
    refused = limited(request, "citizen_idp", CODES_PER_ADDRESS, 3600)
    if refused is not None:
        return refused
    auth = provider.authorize(redirect_uri=request.build_absolute_uri(reverse("citizens:identity_return")))
    request.session[IDP] = {"state": auth.state, "nonce": auth.nonce, "verifier": auth.code_verifier,
                            "next": _next(request, request.GET.get("next", ""))}  # fmt: skip
    return HttpResponseRedirect(auth.url)


@never_cache
def identity_return(request: HttpRequest) -> HttpResponse:
    """Back from the provider: the state must match this browser's, the code is exchanged and the
    ID token checked; then the citizen is signed in. Anything wrong: one plain page, nothing kept."""
    provider = identity.provider_get()
    pending = request.session.pop(IDP, None)
    if provider is None:
        raise Http404
    state = request.GET.get("state", "")
    code = request.GET.get("code", "")
    if pending and code and state and hmac.compare_digest(state, pending["state"]):
        redirect_uri = request.build_absolute_uri(reverse("citizens:identity_return"))
        try:
            claims = provider.claims(code=code, redirect_uri=redirect_uri, code_verifier=pending["verifier"],
                                     nonce=pending["nonce"])  # fmt: skip
        except identity.IdentityError as exc:
            log.warning("identity provider sign-in refused: %s", exc)
        else:
            user = services.identity_sign_in(provider=provider.name, claims=claims)
            return _sign_in(request, user, pending.get("next") or reverse("cases:my_cases"))
    context = {"form": ContactForm(), "provider": provider, "identity_failed": True}
    return render(request, "citizens/public/sign_in.html", context, status=400)
