"""The web shell: public pages for everyone, operator pages only for operators (others get 404)."""

import pytest
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, organization

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


@pytest.mark.parametrize("name", ["web:unit_list", "web:organization_list", "web:organization_import"])
def test_anonymous_users_are_sent_to_login_from_staff_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


@pytest.mark.parametrize("name", ["web:unit_list", "web:organization_list", "web:organization_import"])
def test_a_citizen_gets_not_found_on_staff_pages(client, name):
    client.force_login(make_user())
    assert client.get(reverse(name)).status_code == 404


def test_an_officer_sees_the_bodies_page_but_not_the_unit_browser(client):
    body = organization("UBND thành phố Huế")
    officer = make_user()
    grant(officer, Role.HANDLER, body)
    client.force_login(officer)
    assert client.get(reverse("web:organization_list")).status_code == 200
    assert client.get(reverse("web:unit_list")).status_code == 404
    assert client.get(reverse("web:organization_import")).status_code == 404


def test_an_officer_cannot_open_another_bodys_page_which_answers_like_a_missing_one(client):
    mine, other = organization("UBND A"), organization("UBND B")
    officer = make_user()
    grant(officer, Role.HANDLER, mine)
    client.force_login(officer)
    assert client.get(reverse("web:organization_detail", args=[mine.pk])).status_code == 200
    forbidden = client.get(reverse("web:organization_detail", args=[other.pk]))
    missing = client.get(reverse("web:organization_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404


def test_operator_searches_units_with_or_without_diacritics(client):
    operator = make_user()
    grant(operator, Role.OPERATOR, organization("UBND thành phố Huế"), subtree=True)
    client.force_login(operator)
    for query in ("Thảo Điền", "thao dien", "THAO DIEN"):
        response = client.get(reverse("web:unit_list"), {"q": query, "era": "legacy"})
        assert "Phường Thảo Điền" in response.content.decode()
    response = client.get(reverse("web:unit_list"), {"q": "an khanh", "province": _province_pk(79)})
    assert "Phường An Khánh" in response.content.decode()


def _province_pk(code: int) -> int:
    from danvan.org.tests.factories import province

    return province(code).pk


def test_operator_imports_a_file_and_sees_each_bad_row(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    root = organization("UBND thành phố Huế")
    operator = make_user()
    grant(operator, Role.OPERATOR, root, subtree=True)
    client.force_login(operator)
    bad = (f"code,name,kind,province_code,commune_code,parent_code\nx1,,ubnd,46,,{root.code}\n").encode()
    response = client.post(reverse("web:organization_import"),
                           {"file": SimpleUploadedFile("co-quan.csv", bad), "reason": "thử"})  # fmt: skip
    assert response.status_code == 400
    assert "Chưa có tên." in response.content.decode()
    good = (f"code,name,kind,province_code,commune_code,parent_code\nx1,Sở Y tế,so,46,,{root.code}\n").encode()
    response = client.post(reverse("web:organization_import"),
                           {"file": SimpleUploadedFile("co-quan.csv", good), "reason": "thử"})  # fmt: skip
    assert response.status_code == 302
    export = client.get(reverse("web:organization_export", args=["xlsx"]))
    assert export.status_code == 200 and export.content.startswith(b"PK")


def test_the_admin_is_for_operators_only(client):
    operator, handler = make_user(), make_user()
    body = organization("UBND thành phố Huế")
    grant(operator, Role.OPERATOR, body, subtree=True)
    grant(handler, Role.HANDLER, body)
    client.force_login(handler)
    assert client.get("/quan-tri/").status_code == 302  # to the admin login
    client.force_login(operator)
    response = client.get("/quan-tri/")
    assert response.status_code == 200 and "Dân Vận Số" in response.content.decode()
    assert client.get("/quan-tri/org/organization/").status_code == 200


def test_health_answers_ok(client):
    assert client.get(reverse("web:health")).content == b"ok"
