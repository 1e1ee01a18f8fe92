"""Issue 12, item 2: sign-in lockout per account and address (django-axes), office-friendly, on the web
and admin logins alike; staff sessions end after a period without activity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, organization

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.7"  # one commune office's NAT address
PASSWORD = "mat-khau-thu-nghiem"


def sign_in(username: str, password: str, *, address: str = OFFICE, path: str = "") -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post(path or reverse("web:login"), {"username": username, "password": password}).status_code


@pytest.fixture
def officers(db: None) -> None:
    for name in ("chutich", "xuly", "mattran"):
        make_user(username=name, password=PASSWORD)


def test_five_wrong_passwords_lock_that_account_from_that_address_only(officers: None) -> None:
    statuses = [sign_in("chutich", "sai-mat-khau") for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure is refused with the lockout page
    assert sign_in("chutich", PASSWORD) == 429  # even the right password, from this address
    assert sign_in("xuly", PASSWORD) == 302  # a colleague at the same counter still gets in
    assert sign_in("chutich", PASSWORD, address="198.51.100.20") == 302  # the owner, from elsewhere


def test_the_lockout_page_says_so_in_vietnamese_with_retry_after(officers: None) -> None:
    client = Client(REMOTE_ADDR=OFFICE)
    for _ in range(4):
        client.post(reverse("web:login"), {"username": "chutich", "password": "sai"})
    response = client.post(reverse("web:login"), {"username": "chutich", "password": "sai"})
    assert response.status_code == 429 and response["Retry-After"] == "900"
    assert "Đăng nhập bị từ chối vì nhập sai mật khẩu quá nhiều lần" in response.content.decode()


@override_settings(DANVAN_LOGIN_FAILURES_PER_ADDRESS=12)
def test_many_failures_over_many_accounts_lock_the_address(officers: None) -> None:
    # A sprayer: 4 tries on each of three accounts stays under the per-account limit.
    statuses = [sign_in(name, "sai") for name in ("chutich", "xuly", "mattran") for _ in range(4)]
    assert statuses == [200] * 11 + [429]
    assert sign_in("xuly", PASSWORD) == 429  # 12 failures from the address: everyone there waits
    assert sign_in("xuly", PASSWORD, address="198.51.100.20") == 302


def test_the_default_address_threshold_is_far_above_the_account_one() -> None:
    from django.conf import settings

    assert settings.AXES_FAILURE_LIMIT == 5 and settings.DANVAN_LOGIN_FAILURES_PER_ADDRESS == 50


def test_the_lockout_ends_after_the_cool_off(officers: None, frozen_clock) -> None:
    for _ in range(5):
        sign_in("chutich", "sai")
    frozen_clock.shift(dt.timedelta(minutes=14))
    assert sign_in("chutich", PASSWORD) == 429
    frozen_clock.shift(dt.timedelta(minutes=16))
    assert sign_in("chutich", PASSWORD) == 302


def test_the_admin_login_is_limited_too(officers: None) -> None:
    operator = make_user(username="vanhanh", password=PASSWORD)
    grant(operator, Role.OPERATOR, organization("UBND thành phố Huế"), subtree=True)
    admin_login = "/quan-tri/login/"
    statuses = [sign_in("vanhanh", "sai", path=admin_login) for _ in range(30)]
    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
    assert sign_in("vanhanh", PASSWORD, path=admin_login) == 429


def test_a_successful_sign_in_after_four_failures_starts_that_account_again_from_zero(
    officers: None, frozen_clock
) -> None:
    assert [sign_in("chutich", "sai") for _ in range(4)] == [200] * 4
    assert sign_in("chutich", PASSWORD) == 302  # not a failure, and it clears the four
    assert [sign_in("chutich", "sai") for _ in range(4)] == [200] * 4  # four more mistakes: still not locked
    assert sign_in("chutich", PASSWORD) == 302


@override_settings(DANVAN_LOGIN_FAILURES_PER_ADDRESS=8)
def test_a_sign_in_of_ones_own_does_not_wipe_the_failures_on_other_accounts(officers: None, frozen_clock) -> None:
    statuses = [sign_in(name, "sai") for name in ("xuly", "mattran") for _ in range(4)]
    assert statuses == [200] * 7 + [429]  # a sprayer reaches the address's limit
    assert sign_in("chutich", PASSWORD) == 429  # and cannot sign in to reset it


def test_one_persons_mistakes_do_not_lock_colleagues_at_the_same_office(officers: None) -> None:
    for _ in range(5):
        sign_in("xuly", "sai")
    assert sign_in("xuly", PASSWORD) == 429
    assert [sign_in(name, PASSWORD) for name in ("chutich", "mattran")] == [302, 302]


# Idle timeout ------------------------------------------------------------------------------------


def test_a_staff_session_ends_after_thirty_idle_minutes_not_before(frozen_clock) -> None:
    handler = make_user(username="xuly")
    grant(handler, Role.HANDLER, organization("UBND thành phố Huế"))
    client = Client()
    client.force_login(handler)
    assert client.get("/").context["user"].is_authenticated  # seen at 09:00
    frozen_clock.shift(dt.timedelta(minutes=29, seconds=59))
    assert client.get("/").context["user"].is_authenticated  # just before: still in, and seen again
    frozen_clock.shift(dt.timedelta(minutes=30, seconds=1))
    response = client.get("/")
    assert not response.context["user"].is_authenticated  # just after: signed out
    assert any("30" in str(m) for m in response.context["messages"])
    assert client.get(reverse("cases:case_inbox")).status_code == 302


def test_a_citizens_session_keeps_djangos_default(frozen_clock) -> None:
    citizen = make_user(username="congdan")
    client = Client()
    client.force_login(citizen)
    client.get("/")
    frozen_clock.shift(dt.timedelta(hours=3))
    assert client.get("/").context["user"].is_authenticated
