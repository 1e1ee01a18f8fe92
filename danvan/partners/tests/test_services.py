"""Issuing, checking and revoking partners' API keys."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, organization
from danvan.partners import errors as codes
from danvan.partners.models import ApiKey
from danvan.partners.services import api_key_authenticate, api_key_issue, api_key_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    tinh = organization("UBND thành phố Huế")
    partner = organization("Trung tâm IOC Huế", parent=tinh)
    elsewhere = organization("UBND tỉnh khác")
    operator = make_user(username="vanhanh")
    grant(operator, Role.OPERATOR, tinh, subtree=True)
    return tinh, partner, elsewhere, operator


def test_issue_returns_the_key_once_and_stores_only_its_hash(setup) -> None:
    _, partner, _, operator = setup
    issued = api_key_issue(actor=operator, organization=partner, name="IOC", scopes=["submit", "read_own"])
    prefix, secret = issued.plaintext.split("_", 2)[1:]
    key = ApiKey.objects.get()
    assert issued.plaintext.startswith("dvs_") and key.prefix == prefix
    assert key.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiKey.objects.values().get())
    event = AuditEvent.objects.get(action="partners.api_key_issue")
    assert event.actor == operator and secret not in str(event.after)


def test_only_an_operator_covering_the_partner_may_issue(setup) -> None:
    _, partner, elsewhere, operator = setup
    with pytest.raises(PermissionDenied):
        api_key_issue(actor=make_user(username="ai-do"), organization=partner, name="x", scopes=["submit"])
    with pytest.raises(PermissionDenied):
        api_key_issue(actor=operator, organization=elsewhere, name="x", scopes=["submit"])
    assert not ApiKey.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [({"scopes": []}, "scopes"), ({"scopes": ["root"]}, "scopes"), ({"scopes": ["staff_read"]}, "user"),
     ({"name": " "}, "name")],
)  # fmt: skip
def test_issue_refuses_bad_values(setup, values, field) -> None:
    _, partner, _, operator = setup
    with pytest.raises(DomainError) as info:
        api_key_issue(actor=operator, organization=partner, **{"name": "IOC", "scopes": ["submit"], **values})
    assert info.value.code == codes.INVALID_KEY and field in info.value.details


def test_authenticate_accepts_the_key_and_notes_its_use(setup, frozen_clock) -> None:
    _, partner, _, operator = setup
    issued = api_key_issue(actor=operator, organization=partner, name="IOC", scopes=["submit"])
    check = api_key_authenticate(issued.plaintext)
    assert check.api_key == issued.api_key and check.error == ""
    assert ApiKey.objects.get().last_used_at is not None


@pytest.mark.parametrize("raw", ["", "dvs_", "abc_def_ghi", "dvs_nope_secret", "dvs_x"])
def test_authenticate_refuses_malformed_and_unknown_keys(setup, raw: str) -> None:
    assert api_key_authenticate(raw).api_key is None


def test_a_wrong_secret_with_a_right_prefix_is_refused(setup) -> None:
    _, partner, _, operator = setup
    issued = api_key_issue(actor=operator, organization=partner, name="IOC", scopes=["submit"])
    assert api_key_authenticate(issued.plaintext + "x").error == "unknown"


def test_revoked_key_is_refused_and_revocation_is_audited(setup) -> None:
    _, partner, _, operator = setup
    issued = api_key_issue(actor=operator, organization=partner, name="IOC", scopes=["submit"])
    api_key_revoke(actor=operator, api_key=issued.api_key, reason="hết hợp đồng")
    assert api_key_authenticate(issued.plaintext).error == "revoked"
    assert AuditEvent.objects.get(action="partners.api_key_revoke").reason == "hết hợp đồng"
    with pytest.raises(PermissionDenied):
        api_key_revoke(actor=make_user(username="ai-do"), api_key=issued.api_key, reason="x")


def test_key_expires_at_its_expiry(setup, frozen_clock) -> None:
    _, partner, _, operator = setup
    expiry = dt.datetime(2026, 2, 6, 9, 0, tzinfo=dt.UTC)
    issued = api_key_issue(actor=operator, organization=partner, name="IOC", scopes=["submit"], expires_at=expiry)
    assert api_key_authenticate(issued.plaintext).api_key is not None
    with time_machine.travel(expiry - dt.timedelta(seconds=1), tick=False):
        assert api_key_authenticate(issued.plaintext).api_key is not None
    with time_machine.travel(expiry, tick=False):
        assert api_key_authenticate(issued.plaintext).error == "expired"


def test_expiry_in_the_past_is_refused(setup, frozen_clock) -> None:
    _, partner, _, operator = setup
    with pytest.raises(DomainError) as info:
        api_key_issue(actor=operator, organization=partner, name="IOC", scopes=["submit"],
                      expires_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    assert info.value.code == codes.INVALID_KEY
