"""Officers land on their work after signing in (issue 14, item 8): the inbox, the counter, or the head's
dashboard; a safe ``next`` comes first and an unsafe one is ignored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import hue_city, make_user, officer

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"
LOGIN = reverse("web:login")


def _sign_in(client, username: str, **extra: str) -> str:
    response = client.post(LOGIN + (f"?next={extra['next']}" if "next" in extra else ""),
                           {"username": username, "password": PASSWORD})  # fmt: skip
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        (Role.HANDLER, "/van-hanh/ho-so/"),
        (Role.INSPECTOR, "/van-hanh/ho-so/"),
        (Role.DAN_VAN_OFFICER, "/van-hanh/ho-so/"),
        (Role.COUNTER_CLERK, "/van-hanh/tiep-nhan/"),
        (Role.HEAD, "/van-hanh/hai-long/"),
    ],
)
def test_an_officer_lands_on_their_work(client, role, lands_on):
    officer("canbo", role, hue_city())
    assert _sign_in(client, "canbo") == lands_on


def test_a_citizen_and_a_person_without_a_role_land_on_the_home_page(client):
    make_user(username="congdan")
    assert _sign_in(client, "congdan") == "/"


def test_a_safe_next_comes_first(client):
    officer("canbo", Role.HANDLER, hue_city())
    assert _sign_in(client, "canbo", next="/van-hanh/bao-cao/") == "/van-hanh/bao-cao/"


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "/\\evil.example/"])
def test_an_unsafe_next_is_ignored_for_the_landing(client, unsafe):
    officer("canbo", Role.HANDLER, hue_city())
    assert _sign_in(client, "canbo", next=unsafe) == "/van-hanh/ho-so/"


def test_a_signed_in_officer_who_opens_the_login_page_goes_to_work(client):
    officer("canbo", Role.HANDLER, hue_city())
    _sign_in(client, "canbo")
    response = client.get(LOGIN)
    assert (response.status_code, response["Location"]) == (302, "/van-hanh/ho-so/")
