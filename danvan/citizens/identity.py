"""Signing in through an identity provider: the adapter interface, one OpenID Connect implementation
(VNeID-style: authorization code flow with PKCE, ``state`` and ``nonce``, an RS256-signed ID token),
and a test double.

NO REAL IDENTITY PROVIDER IS REACHED BY THIS REPOSITORY'S TESTS OR DEMO. VNeID's relying-party
programme (Bộ Công an, C06) gives a body its endpoints, client id and secret under an agreement; they
go in the setting ``DANVAN_IDENTITY_PROVIDER`` (docs/citizen-access.md):

    DANVAN_IDENTITY_PROVIDER = {
        "class": "danvan.citizens.identity.OidcProvider",
        "name": "vneid", "label": "VNeID",
        "issuer": "https://...", "authorization_endpoint": "https://.../authorize",
        "token_endpoint": "https://.../token", "jwks_uri": "https://.../jwks",
        "client_id": "...", "client_secret": "...", "scope": "openid phone",
        "claims": {"phone": "phone_number", "id_number": "cccd", "name": "name"},
    }

No OpenID Connect library is installed in the project (Authlib, mozilla-django-oidc were considered:
neither is in the environment, and mozilla-django-oidc brings its own user-matching by email, which
this project must not do). What a relying party needs is small and is here, checked by tests: the
PKCE S256 challenge, ``state`` and ``nonce`` kept in the session and compared in constant time, the
token request, and the ID token's RS256 signature (``cryptography``, already a dependency), issuer,
audience, expiry and nonce. The HTTP calls go through ``fetch``, which tests replace.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from danvan.core import clock, contacts

CLOCK_SKEW = 120  # seconds of tolerance on iat/exp


class IdentityError(Exception):
    """The provider's answer cannot be trusted or used; the sign-in stops (the reason goes to the log)."""


@dataclass(frozen=True)
class IdentityClaims:
    """What a provider vouched for: its subject, and a phone (E.164), CCCD and name when it gave them."""

    subject: str
    phone: str = ""
    id_number: str = ""
    name: str = ""


@dataclass(frozen=True)
class Authorization:
    """What the browser is sent to, and what the session keeps until the provider sends it back."""

    url: str
    state: str
    nonce: str
    code_verifier: str


def pkce_challenge(verifier: str) -> str:
    """RFC 7636 S256: base64url(sha256(verifier)), no padding."""
    return _b64(hashlib.sha256(verifier.encode("ascii")).digest())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class IdentityProvider(Protocol):
    """An identity provider as this project uses one."""

    name: str
    label: str

    def authorize(self, *, redirect_uri: str) -> Authorization: ...

    def claims(self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> IdentityClaims: ...


def _new_authorization(endpoint: str, client_id: str, scope: str, redirect_uri: str) -> Authorization:
    state, nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48)
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "scope": scope,
        "state": state, "nonce": nonce, "code_challenge": pkce_challenge(verifier), "code_challenge_method": "S256",
    })  # fmt: skip
    return Authorization(url=f"{endpoint}?{query}", state=state, nonce=nonce, code_verifier=verifier)


def _phone(value: Any) -> str:
    return contacts.phone_e164(str(value)) if value else ""


def _http_fetch(url: str, data: dict[str, str] | None = None) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 (https endpoints from settings)
        url, data=urllib.parse.urlencode(data).encode() if data is not None else None,
        headers={"Accept": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return dict(json.loads(response.read().decode("utf-8")))


@dataclass
class OidcProvider:
    """An OpenID Connect provider: authorization code flow, PKCE S256, RS256 ID tokens."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    client_id: str
    client_secret: str = field(repr=False, default="")
    name: str = "oidc"
    label: str = "OpenID Connect"
    scope: str = "openid phone"
    claims_map: dict[str, str] = field(default_factory=lambda: {"phone": "phone_number", "id_number": "cccd",
                                                                "name": "name"})  # fmt: skip
    fetch: Callable[..., dict[str, Any]] = _http_fetch

    def authorize(self, *, redirect_uri: str) -> Authorization:
        return _new_authorization(self.authorization_endpoint, self.client_id, self.scope, redirect_uri)

    def claims(self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> IdentityClaims:
        try:
            tokens = self.fetch(self.token_endpoint, {
                "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "client_id": self.client_id, "client_secret": self.client_secret, "code_verifier": code_verifier,
            })  # fmt: skip
        except Exception as exc:
            raise IdentityError(f"token request failed: {exc}") from exc
        id_token = tokens.get("id_token")
        if not isinstance(id_token, str):
            raise IdentityError("no id_token in the token response")
        payload = self.verify_id_token(id_token, nonce=nonce)
        phone_claim = self.claims_map.get("phone", "phone_number")
        # A phone counts only when the provider says it verified it (OIDC Core §5.1 phone_number_verified);
        # a provider that vouches for every phone (VNeID: the SIM registered to the citizen) may omit it.
        phone_ok = payload.get("phone_number_verified", True) is True
        return IdentityClaims(
            subject=str(payload["sub"]),
            phone=_phone(payload.get(phone_claim)) if phone_ok else "",
            id_number=str(payload.get(self.claims_map.get("id_number", "cccd")) or ""),
            name=str(payload.get(self.claims_map.get("name", "name")) or ""),
        )

    def verify_id_token(self, id_token: str, *, nonce: str) -> dict[str, Any]:
        """The ID token's claims, once its signature (RS256, a key of the provider's JWKS), issuer,
        audience, times and nonce are checked; else ``IdentityError``."""
        try:
            head_b64, payload_b64, signature_b64 = id_token.split(".")
            header = json.loads(_unb64(head_b64))
            payload = json.loads(_unb64(payload_b64))
            signature = _unb64(signature_b64)
        except ValueError as exc:
            raise IdentityError("malformed id_token") from exc
        if header.get("alg") != "RS256":  # never "none", never HS256 with a public key as secret
            raise IdentityError(f"unexpected id_token algorithm {header.get('alg')!r}")
        key = self._key(str(header.get("kid", "")))
        try:
            key.verify(signature, f"{head_b64}.{payload_b64}".encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as exc:
            raise IdentityError("bad id_token signature") from exc
        now = clock.now().timestamp()
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != self.issuer:
            raise IdentityError("id_token from another issuer")
        if self.client_id not in audiences:
            raise IdentityError("id_token for another client")
        if not isinstance(payload.get("exp"), int | float) or payload["exp"] < now - CLOCK_SKEW:
            raise IdentityError("id_token expired")
        if isinstance(payload.get("iat"), int | float) and payload["iat"] > now + CLOCK_SKEW:
            raise IdentityError("id_token issued in the future")
        if not nonce or not hmac.compare_digest(str(payload.get("nonce", "")), nonce):
            raise IdentityError("id_token nonce does not match")
        if not payload.get("sub"):
            raise IdentityError("id_token without a subject")
        return dict(payload)

    def _key(self, kid: str) -> rsa.RSAPublicKey:
        try:
            keys = self.fetch(self.jwks_uri).get("keys", [])
        except Exception as exc:
            raise IdentityError(f"JWKS request failed: {exc}") from exc
        for jwk in keys:
            if jwk.get("kty") == "RSA" and (not kid or jwk.get("kid") == kid):
                numbers = rsa.RSAPublicNumbers(int.from_bytes(_unb64(jwk["e"]), "big"),
                                               int.from_bytes(_unb64(jwk["n"]), "big"))  # fmt: skip
                return numbers.public_key()
        raise IdentityError("no provider key for this id_token")


class FakeIdentityProvider:
    """THE TEST DOUBLE: an in-process provider for tests and the demo, never for production.

    ``authorize`` sends the browser straight back to ``redirect_uri`` with a code (as if the citizen
    had consented at the provider), having remembered the PKCE challenge and nonce; ``claims``
    checks the verifier and nonce like a real provider and answers ``identity`` (the demo citizen by
    default). Refused by ``provider_get`` unless ``DEBUG`` or ``DANVAN_IDENTITY_FAKE_ALLOWED`` is on.
    """

    name = "thu-nghiem"
    label = "VNeID (thử nghiệm)"
    DEFAULT: ClassVar[IdentityClaims] = IdentityClaims(subject="demo-citizen", phone="+84912000111",
                                                       id_number="001190000111", name="Nguyễn Văn Dân")  # fmt: skip
    _pending: ClassVar[dict[str, tuple[str, str]]] = {}  # code → (challenge, nonce)

    def __init__(self, *, subject: str = "", phone: str = "", id_number: str = "", name: str = "") -> None:
        # The demo names its citizen in the setting (``phone`` as people write it); tests use the default.
        self.identity = self.DEFAULT
        if subject or phone or id_number or name:
            self.identity = IdentityClaims(subject=subject or f"demo-{phone}", phone=_phone(phone),
                                           id_number=id_number, name=name)  # fmt: skip

    def authorize(self, *, redirect_uri: str) -> Authorization:
        auth = _new_authorization(redirect_uri, "fake", "openid phone", redirect_uri)
        code = secrets.token_urlsafe(16)
        self._pending[code] = (pkce_challenge(auth.code_verifier), auth.nonce)
        sep = "&" if "?" in redirect_uri else "?"
        url = f"{redirect_uri}{sep}{urllib.parse.urlencode({'code': code, 'state': auth.state})}"
        return Authorization(url=url, state=auth.state, nonce=auth.nonce, code_verifier=auth.code_verifier)

    def claims(self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> IdentityClaims:
        pending = self._pending.pop(code, None)
        if pending is None:
            raise IdentityError("unknown or used code")
        challenge, expected_nonce = pending
        if not hmac.compare_digest(pkce_challenge(code_verifier), challenge):
            raise IdentityError("PKCE verifier does not match")
        if not hmac.compare_digest(nonce, expected_nonce):
            raise IdentityError("nonce does not match")
        return self.identity


def provider_get() -> IdentityProvider | None:
    """The provider ``DANVAN_IDENTITY_PROVIDER`` configures, or ``None`` (the page then offers none)."""
    config = dict(getattr(settings, "DANVAN_IDENTITY_PROVIDER", None) or {})
    if not config:
        return None
    path = config.pop("class", "danvan.citizens.identity.OidcProvider")
    cls = import_string(path)
    if cls is FakeIdentityProvider:
        if not (settings.DEBUG or getattr(settings, "DANVAN_IDENTITY_FAKE_ALLOWED", False)):
            raise ImproperlyConfigured("the fake identity provider is for tests and the demo only")
        return FakeIdentityProvider(**config)
    if "claims" in config:
        config["claims_map"] = config.pop("claims")
    try:
        provider: IdentityProvider = cls(**config)
    except TypeError as exc:
        raise ImproperlyConfigured(f"DANVAN_IDENTITY_PROVIDER: {exc}") from exc
    return provider
