"""Issue 12, item 1: an API key acts only as a user within its issuer's scope, never a superuser."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.core.errors import DomainError
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, hue_city, make_user, officer, organization, province, ward_body
from danvan.partners import errors as codes
from danvan.partners.models import ApiKey
from danvan.partners.services import api_key_authenticate, api_key_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> dict:
    hue = hue_city()
    phuong = ward_body(hue)
    partner = organization("Trung tâm IOC Huế", parent=hue)
    danang = organization("UBND thành phố Đà Nẵng", unit=province(48))
    operator = officer("vanhanh", Role.OPERATOR, hue, subtree=True)
    handler = officer("xuly", Role.HANDLER, phuong)
    head = officer("chutich", Role.HEAD, phuong)
    outsider = officer("xuly_dn", Role.HANDLER, danang)
    superuser = make_user(username="quantri", is_superuser=True, is_staff=True)
    inactive = make_user(username="nghiviec", is_active=False)
    grant(inactive, Role.HANDLER, phuong)
    return {"hue": hue, "phuong": phuong, "partner": partner, "danang": danang, "operator": operator,
            "handler": handler, "head": head, "outsider": outsider, "superuser": superuser, "inactive": inactive}  # fmt: skip


def issue(world: dict, user_name: str) -> str:
    return api_key_issue(actor=world["operator"], organization=world["partner"], name="IOC", scopes=["staff_read"],
                         user=world[user_name]).plaintext  # fmt: skip


@pytest.mark.parametrize("user_name", ["superuser", "head", "outsider", "inactive"])
def test_a_key_may_not_act_as_a_superuser_or_anyone_beyond_the_issuers_reach(world: dict, user_name: str) -> None:
    with pytest.raises(DomainError) as refused:
        issue(world, user_name)
    assert refused.value.code == codes.INVALID_KEY and "user" in refused.value.details
    assert not ApiKey.objects.exists()


def test_a_key_acting_as_an_officer_in_scope_is_issued(world: dict) -> None:
    assert api_key_authenticate(issue(world, "handler")).api_key is not None


@pytest.mark.parametrize("user_name", ["superuser", "head", "outsider"])
def test_the_admin_form_refuses_such_an_account(client: Client, world: dict, user_name: str) -> None:
    client.force_login(world["operator"])
    response = client.post("/quan-tri/partners/apikey/add/",
                           {"organization": world["partner"].pk, "name": "IOC", "scopes": ["staff_read"],
                            "user": world[user_name].pk, "rate_limit_per_minute": 60})  # fmt: skip
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not ApiKey.objects.exists()


def test_the_admin_form_offers_only_bodies_and_people_within_reach(client: Client, world: dict) -> None:
    client.force_login(world["operator"])
    form = client.get("/quan-tri/partners/apikey/add/").context["adminform"].form
    assert world["danang"] not in form.fields["organization"].queryset
    assert set(form.fields["user"].queryset) == {world["operator"], world["handler"], world["inactive"]}


def test_a_key_whose_account_later_leaves_the_scope_or_becomes_superuser_is_refused(
    client: Client, world: dict
) -> None:
    raw = issue(world, "handler")
    assert client.get("/api/v1/cases", headers={"X-API-Key": raw}).status_code == 200
    handler = world["handler"]
    handler.is_superuser = True
    handler.save(update_fields=["is_superuser"])
    assert api_key_authenticate(raw).error == "account_not_allowed"
    assert client.get("/api/v1/cases", headers={"X-API-Key": raw}).status_code == 401
    assert client.get("/open311/v2/requests.json", {"api_key": raw}).status_code == 403
    handler.is_superuser = False
    handler.save(update_fields=["is_superuser"])
    assert api_key_authenticate(raw).api_key is not None
    grant(handler, Role.HANDLER, world["danang"])  # now also works in another province
    assert api_key_authenticate(raw).error == "account_not_allowed"
    assert client.get("/api/v1/cases", headers={"X-API-Key": raw}).status_code == 401
