"""The identity-provider adapter: the OpenID Connect relying party's checks, with no network (the
provider's endpoints are a stub ``fetch``), and the in-process test double."""

from __future__ import annotations

import base64
import json
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from danvan.citizens.identity import (
    FakeIdentityProvider,
    IdentityClaims,
    IdentityError,
    OidcProvider,
    pkce_challenge,
)

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ISSUER = "https://idp.example.vn"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk(key: rsa.RSAPrivateKey, kid: str = "k1") -> dict[str, str]:
    numbers = key.public_key().public_numbers()
    return {"kty": "RSA", "kid": kid, "n": b64(numbers.n.to_bytes(256, "big")), "e": b64(numbers.e.to_bytes(3, "big"))}


def id_token(claims: dict[str, Any], *, key: rsa.RSAPrivateKey = KEY, alg: str = "RS256") -> str:
    head = b64(json.dumps({"alg": alg, "kid": "k1", "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    signature = key.sign(f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{head}.{body}.{b64(signature)}"


def good_claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "danvan", "sub": "vneid-123", "iat": now, "exp": now + 300, "nonce": "n-1",
              "phone_number": "0912 000 111", "cccd": "001190000111", "name": "Nguyễn Văn Dân"}  # fmt: skip
    claims.update(overrides)
    return claims


def provider(token: str, requests: list[Any] | None = None) -> OidcProvider:
    def fetch(url: str, data: dict[str, str] | None = None) -> dict[str, Any]:
        if requests is not None:
            requests.append((url, data))
        if url.endswith("/jwks"):
            return {"keys": [jwk(KEY)]}
        return {"id_token": token, "access_token": "a", "token_type": "Bearer"}

    return OidcProvider(issuer=ISSUER, authorization_endpoint=f"{ISSUER}/authorize", token_endpoint=f"{ISSUER}/token",
                        jwks_uri=f"{ISSUER}/jwks", client_id="danvan", client_secret="s", fetch=fetch)  # fmt: skip


def test_the_authorization_request_carries_state_nonce_and_a_pkce_s256_challenge():
    auth = provider("").authorize(redirect_uri="https://dvs.example.vn/dang-nhap/dinh-danh/ve/")
    query = {k: v[0] for k, v in parse_qs(urlsplit(auth.url).query).items()}
    assert auth.url.startswith(f"{ISSUER}/authorize?")
    assert query["response_type"] == "code" and query["client_id"] == "danvan" and query["scope"] == "openid phone"
    assert query["state"] == auth.state and query["nonce"] == auth.nonce
    assert query["code_challenge_method"] == "S256" and query["code_challenge"] == pkce_challenge(auth.code_verifier)
    assert auth.code_verifier not in auth.url and len(auth.state) >= 32


def test_pkce_challenge_is_rfc_7636_s256():
    # RFC 7636, Appendix B
    assert (
        pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )


def test_a_good_id_token_gives_the_verified_phone_and_cccd_and_the_verifier_goes_to_the_token_endpoint():
    requests: list[Any] = []
    claims = provider(id_token(good_claims()), requests).claims(
        code="c-1", redirect_uri="https://dvs/ve/", code_verifier="v-1", nonce="n-1"
    )
    assert claims == IdentityClaims(subject="vneid-123", phone="+84912000111", id_number="001190000111",
                                    name="Nguyễn Văn Dân")  # fmt: skip
    token_url, form = requests[0]
    assert token_url == f"{ISSUER}/token"
    assert form["grant_type"] == "authorization_code" and form["code"] == "c-1" and form["code_verifier"] == "v-1"


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda: id_token(good_claims(nonce="other")), "nonce"),
        (lambda: id_token(good_claims(aud="someone-else")), "another client"),
        (lambda: id_token(good_claims(iss="https://evil.example")), "another issuer"),
        (lambda: id_token(good_claims(exp=int(time.time()) - 3600)), "expired"),
        (lambda: id_token(good_claims(), key=OTHER_KEY), "signature"),
        (lambda: id_token(good_claims(), alg="none"), "algorithm"),
        (lambda: id_token(good_claims(), alg="HS256"), "algorithm"),
        (lambda: "not.a.token!", "malformed"),
    ],
)
def test_an_id_token_that_cannot_be_trusted_is_refused(make, why):
    # Made when the test runs (not at collection): a slow run must not expire the good ones.
    token = make()
    with pytest.raises(IdentityError, match=why):
        provider(token).claims(code="c", redirect_uri="https://dvs/ve/", code_verifier="v", nonce="n-1")


def test_a_phone_the_provider_says_it_did_not_verify_is_not_taken():
    claims = provider(id_token(good_claims(phone_number_verified=False))).claims(
        code="c", redirect_uri="r", code_verifier="v", nonce="n-1"
    )
    assert claims.phone == "" and claims.subject == "vneid-123"


def test_the_test_double_checks_pkce_and_nonce_like_a_provider():
    fake = FakeIdentityProvider()
    auth = fake.authorize(redirect_uri="http://testserver/dang-nhap/dinh-danh/ve/")
    query = {k: v[0] for k, v in parse_qs(urlsplit(auth.url).query).items()}
    assert query["state"] == auth.state
    with pytest.raises(IdentityError, match="PKCE"):
        fake.claims(code=query["code"], redirect_uri="r", code_verifier="wrong", nonce=auth.nonce)
    auth = fake.authorize(redirect_uri="http://testserver/ve/")
    code = parse_qs(urlsplit(auth.url).query)["code"][0]
    assert fake.claims(code=code, redirect_uri="r", code_verifier=auth.code_verifier, nonce=auth.nonce).phone == (
        "+84912000111"
    )
    with pytest.raises(IdentityError, match="unknown or used"):  # a code is used once
        fake.claims(code=code, redirect_uri="r", code_verifier=auth.code_verifier, nonce=auth.nonce)
