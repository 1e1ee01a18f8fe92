"""The web shell: the home page, languages, login and logout, the admin's door, health."""

import pytest
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import hue_city, make_user, officer

pytestmark = pytest.mark.django_db


def test_home_is_vietnamese_by_default_and_public(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng." in html
    assert "Content-Security-Policy" in response.headers
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_vietnamese_stays_the_default_whatever_the_browser_asks(client):
    html = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in html


def test_the_language_switcher_turns_the_site_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "The people know, discuss, act, inspect, supervise and benefit." in html


def test_dates_are_day_month_year_in_both_languages():
    import datetime as dt

    from django.utils import formats, translation

    for language in ("vi", "en"):
        with translation.override(language):
            assert formats.date_format(dt.date(2026, 2, 5), "SHORT_DATE_FORMAT") == "05/02/2026"


def test_login_and_logout(client):
    make_user(username="canbo", password="mat-khau-thu-nghiem")
    response = client.post(reverse("web:login"), {"username": "canbo", "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 302
    assert client.get("/").context["user"].username == "canbo"
    client.post(reverse("web:logout"))
    assert not client.get("/").context["user"].is_authenticated


def test_a_wrong_password_says_so_in_vietnamese(client):
    response = client.post(reverse("web:login"), {"username": "ai", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_the_admin_is_for_operators_only(client):
    body = hue_city()
    operator = officer("vanhanh", Role.OPERATOR, body, subtree=True)
    handler = officer("xuly", Role.HANDLER, body)
    client.force_login(handler)
    assert client.get("/quan-tri/").status_code == 302  # to the admin login
    client.force_login(operator)
    response = client.get("/quan-tri/")
    assert response.status_code == 200 and "Dân Vận Số" in response.content.decode()
    assert client.get("/quan-tri/org/organization/").status_code == 200


def test_health_answers_ok(client):
    assert client.get(reverse("web:health")).content == b"ok"
