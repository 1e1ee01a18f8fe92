"""The operator issues a key in the admin and sees it once."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, organization
from danvan.partners.models import ApiKey

pytestmark = pytest.mark.django_db


def test_operator_issues_a_key_and_sees_it_only_once(client: Client) -> None:
    tinh = organization("UBND thành phố Huế")
    partner = organization("Trung tâm IOC Huế", parent=tinh)
    operator = make_user(username="vanhanh")
    grant(operator, Role.OPERATOR, tinh, subtree=True)
    client.force_login(operator)
    response = client.post(
        "/quan-tri/partners/apikey/add/",
        {"organization": partner.pk, "name": "IOC", "scopes": ["submit", "read_own"], "rate_limit_per_minute": 60},
        follow=True,
    )
    assert response.status_code == 200
    key = ApiKey.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    secret = next(m for m in shown if f"dvs_{key.prefix}_" in m).split(f"dvs_{key.prefix}_", 1)[1].split()[0]
    assert len(secret) >= 40
    again = client.get(f"/quan-tri/partners/apikey/{key.pk}/change/")
    assert again.status_code == 200 and secret.encode() not in again.content


def test_staff_scope_without_an_account_is_refused_in_the_form(client: Client) -> None:
    tinh = organization("UBND thành phố Huế")
    operator = make_user(username="vanhanh")
    grant(operator, Role.OPERATOR, tinh, subtree=True)
    client.force_login(operator)
    response = client.post(
        "/quan-tri/partners/apikey/add/",
        {"organization": tinh.pk, "name": "IOC", "scopes": ["staff_read"], "rate_limit_per_minute": 60},
    )
    assert response.status_code == 200 and not ApiKey.objects.exists()
