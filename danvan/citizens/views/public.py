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
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from danvan.citizens import identity, services
from danvan.citizens.contacts import Contact
from danvan.citizens.forms.public import CodeForm, ContactForm
from danvan.ui import limits

log = logging.getLogger(__name__)
BACKEND = "danvan.org.backends.RoleBackend"  # the account's permissions come from its roles (none for a citizen)
PENDING = "citizens_sign_in"  # session: the contact a code was sent to, and where to go after
IDP = "citizens_idp"  # session: state, nonce and PKCE verifier of a provider sign-in under way
# Rate limits: rules of ui.limits (settings.DANVAN_RATE_LIMITS, docs/limits.md), per device and per contact
# with a much higher ceiling per address (an office or a mobile network shares one). A code sent counts
# under all three request rules; every check of a code counts (each code also has MAX_ATTEMPTS).
CODE_REQUEST = "citizen_code_request"
CODE_CONTACT_RULES = ("citizen_code_contact", "citizen_code_contact_day")
CODE_CHECK = "citizen_code_check"
IDENTITY_START = "citizen_idp"


def _next(request: HttpRequest, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return reverse("cases:my_cases")


def _sign_in(request: HttpRequest, user: object, target: str) -> HttpResponse:
    login(request, user, backend=BACKEND)  # type: ignore[arg-type]
    return HttpResponseRedirect(target, status=303)


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def sign_in_code_request(request: HttpRequest) -> HttpResponse:
    """Step 1: the phone or email; a code is sent there (an account is made on first use)."""
    form = ContactForm(request.POST or None)
    context = {"form": form, "provider": identity.provider_get(), "next": request.GET.get("next", "")}
    if request.method == "POST":
        refused = limits.attempt(request, CODE_REQUEST)  # every POST, far above an office's honest need
        if refused is not None:
            return refused
        if form.is_valid():
            # A code sent counts; a contact refused as mistyped counts for nothing (docs/limits.md).
            contact: Contact = form.cleaned_data["contact"]
            for name in (CODE_REQUEST, *CODE_CONTACT_RULES):
                refused = limits.admit(request, name, contact=[contact.value])
                if refused is not None:
                    return refused
            services.sign_in_code_send(contact=contact)
            for name in (CODE_REQUEST, *CODE_CONTACT_RULES):
                limits.record(request, name, contact=[contact.value])
            request.session[PENDING] = {"kind": contact.kind, "value": contact.value,
                                        "next": _next(request, request.POST.get("next", ""))}  # fmt: skip
            return HttpResponseRedirect(reverse("citizens:sign_in_code_enter"), status=303)
    return render(request, "citizens/public/sign_in.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def sign_in_code_enter(request: HttpRequest) -> HttpResponse:
    """Step 2: the code that was sent; right, the citizen is signed in and sees their petitions."""
    pending = request.session.get(PENDING)
    if not pending:
        return HttpResponseRedirect(reverse("citizens:sign_in"))
    contact = Contact(pending["kind"], pending["value"])
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        # Every try counts, right or wrong, per device and per contact: a code is a secret guessed at.
        refused = limits.hit(request, CODE_CHECK, contact=[contact.value])
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
@limits.with_device_cookie
def identity_start(request: HttpRequest) -> HttpResponse:
    """To the identity provider, with a fresh state, nonce and PKCE challenge kept in the session."""
    provider = identity.provider_get()
    if provider is None:
        raise Http404
    refused = limits.hit(request, IDENTITY_START)
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
