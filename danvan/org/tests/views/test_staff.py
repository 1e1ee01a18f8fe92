"""Org's staff pages: units and bodies for operators only (others get 404), a body only for whom
may see it, the import and export of the bodies' file."""

import pytest
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, organization

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["org:unit_list", "org:organization_list", "org:organization_import"])
def test_anonymous_users_are_sent_to_login_from_staff_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


@pytest.mark.parametrize("name", ["org:unit_list", "org:organization_list", "org:organization_import"])
def test_a_citizen_gets_not_found_on_staff_pages(client, name):
    client.force_login(make_user())
    assert client.get(reverse(name)).status_code == 404


def test_an_officer_sees_the_bodies_page_but_not_the_unit_browser(client):
    body = organization("UBND thành phố Huế")
    officer = make_user()
    grant(officer, Role.HANDLER, body)
    client.force_login(officer)
    assert client.get(reverse("org:organization_list")).status_code == 200
    assert client.get(reverse("org:unit_list")).status_code == 404
    assert client.get(reverse("org:organization_import")).status_code == 404


def test_an_officer_cannot_open_another_bodys_page_which_answers_like_a_missing_one(client):
    mine, other = organization("UBND A"), organization("UBND B")
    officer = make_user()
    grant(officer, Role.HANDLER, mine)
    client.force_login(officer)
    assert client.get(reverse("org:organization_detail", args=[mine.pk])).status_code == 200
    forbidden = client.get(reverse("org:organization_detail", args=[other.pk]))
    missing = client.get(reverse("org:organization_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404


def test_operator_searches_units_with_or_without_diacritics(client):
    operator = make_user()
    grant(operator, Role.OPERATOR, organization("UBND thành phố Huế"), subtree=True)
    client.force_login(operator)
    for query in ("Thảo Điền", "thao dien", "THAO DIEN"):
        response = client.get(reverse("org:unit_list"), {"q": query, "era": "legacy"})
        assert "Phường Thảo Điền" in response.content.decode()
    response = client.get(reverse("org:unit_list"), {"q": "an khanh", "province": _province_pk(79)})
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
    response = client.post(reverse("org:organization_import"),
                           {"file": SimpleUploadedFile("co-quan.csv", bad), "reason": "thử"})  # fmt: skip
    assert response.status_code == 400
    assert "Chưa có tên." in response.content.decode()
    good = (f"code,name,kind,province_code,commune_code,parent_code\nx1,Sở Y tế,so,46,,{root.code}\n").encode()
    response = client.post(reverse("org:organization_import"),
                           {"file": SimpleUploadedFile("co-quan.csv", good), "reason": "thử"})  # fmt: skip
    assert response.status_code == 302
    export = client.get(reverse("org:organization_export", args=["xlsx"]))
    assert export.status_code == 200 and export.content.startswith(b"PK")
