"""Org's staff pages: units and bodies for operators only (others get 404), a body only for whom
may see it, the import and export of the bodies' file."""

import pytest
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import hue_city, make_user, officer, organization, province, ward_body

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
    client.force_login(officer("xuly", Role.HANDLER, hue_city()))
    assert client.get(reverse("org:organization_list")).status_code == 200
    assert client.get(reverse("org:unit_list")).status_code == 404
    assert client.get(reverse("org:organization_import")).status_code == 404


def test_an_officer_cannot_open_another_bodys_page_which_answers_like_a_missing_one(client):
    mine, other = organization("UBND A"), organization("UBND B")
    client.force_login(officer("xuly", Role.HANDLER, mine))
    assert client.get(reverse("org:organization_detail", args=[mine.pk])).status_code == 200
    forbidden = client.get(reverse("org:organization_detail", args=[other.pk]))
    missing = client.get(reverse("org:organization_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404


def test_a_body_page_shows_the_way_up_and_the_bodies_under_it(client):
    tinh = hue_city()
    phuong = ward_body(tinh)
    client.force_login(officer("vanhanh", Role.OPERATOR, tinh, subtree=True))
    html = client.get(reverse("org:organization_detail", args=[phuong.pk])).content.decode()
    assert f'<a href="{reverse("org:organization_detail", args=[tinh.pk])}">UBND thành phố Huế</a>' in html
    html = client.get(reverse("org:organization_detail", args=[tinh.pk])).content.decode()
    assert f'<a href="{reverse("org:organization_detail", args=[phuong.pk])}">UBND Phường Phú Xuân</a>' in html


def test_operator_searches_units_with_or_without_diacritics(client):
    client.force_login(officer("vanhanh", Role.OPERATOR, hue_city(), subtree=True))
    for query in ("Thảo Điền", "thao dien", "THAO DIEN"):
        response = client.get(reverse("org:unit_list"), {"q": query, "era": "legacy"})
        assert "Phường Thảo Điền" in response.content.decode()
    response = client.get(reverse("org:unit_list"), {"q": "an khanh", "province": province(79).pk})
    assert "Phường An Khánh" in response.content.decode()


def test_an_old_wards_page_links_to_the_ward_that_took_it_over(client):
    client.force_login(officer("vanhanh", Role.OPERATOR, hue_city(), subtree=True))
    old = client.get(reverse("org:unit_list"), {"q": "thao dien", "era": "legacy"}).context["page"][0]
    response = client.get(reverse("org:unit_detail", args=[old.pk]))
    assert [u.name for u in response.context["successors"]] == ["Phường An Khánh"]
    assert client.get(reverse("org:unit_detail", args=[999_999_999])).status_code == 404


def test_operator_imports_a_file_and_sees_each_bad_row(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    root = hue_city()
    client.force_login(officer("vanhanh", Role.OPERATOR, root, subtree=True))
    bad = (f"code,name,kind,province_code,commune_code,parent_code\nx1,,ubnd,46,,{root.code}\n").encode()
    response = client.post(reverse("org:organization_import"),
                           {"file": SimpleUploadedFile("co-quan.csv", bad), "reason": "thử"})  # fmt: skip
    assert response.status_code == 400
    assert "Chưa có tên." in response.content.decode()
    good = (f"code,name,kind,province_code,commune_code,parent_code\nx1,Sở Y tế,so,46,,{root.code}\n").encode()
    response = client.post(reverse("org:organization_import"),
                           {"file": SimpleUploadedFile("co-quan.csv", good), "reason": "thử"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == reverse("org:organization_list")
    export = client.get(reverse("org:organization_export", args=["xlsx"]))
    assert export.status_code == 200 and export.content.startswith(b"PK")


def test_the_bodies_file_is_exported_as_csv_or_xlsx_and_nothing_else(client):
    root = hue_city()
    client.force_login(officer("vanhanh", Role.OPERATOR, root, subtree=True))
    export = client.get(reverse("org:organization_export", args=["csv"]))
    assert export["Content-Disposition"] == 'attachment; filename="co-quan.csv"'
    assert export.content.decode().splitlines()[1].startswith(f"{root.code},UBND thành phố Huế,")
    assert client.get(reverse("org:organization_export", args=["pdf"])).status_code == 404
