"""The staff pages (scoped, contacts masked) and the commune's public page (counts, no personal data)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from danvan.democracy import sections
from danvan.democracy.models import Household
from danvan.democracy.selectors.villages import mask_email, mask_phone
from danvan.democracy.tests.villages.helpers import V_HEAD
from danvan.org.choices import Role
from danvan.org.tests.factories import PHU_XUAN, officer

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_chair_lists_his_wards_villages_only(dworld) -> None:
    page = _client(dworld.chair).get(reverse("democracy:village_list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tổ dân phố 1" in html and "Tổ dân phố 2" in html and "Kim Long" not in html


def test_a_village_head_sees_only_his_village(dworld) -> None:
    c = _client(dworld.village_head)
    html = c.get(reverse("democracy:village_list")).content.decode()
    assert f'href="{reverse("democracy:village_detail", args=[dworld.village.pk])}"' in html
    assert reverse("democracy:village_detail", args=[dworld.village2.pk]) not in html
    assert c.get(reverse("democracy:village_detail", args=[dworld.village2.pk])).status_code == 404
    page = c.get(reverse("democracy:village_detail", args=[dworld.village.pk]))
    assert page.status_code == 200 and dworld.village.households.first().phone in page.content.decode()
    assert c.get(reverse("democracy:household_import")).status_code == 404  # he reads, he does not import


def test_contacts_are_masked_for_whoever_may_not_read_them(dworld, monkeypatch) -> None:
    assert mask_phone("0912345678") == "09•••••678" and mask_email("nam@example.vn") == "n•••@example.vn"
    h = Household.objects.filter(village=dworld.village).first()
    h.email = "ho1@example.vn"
    h.save()
    url = reverse("democracy:village_detail", args=[dworld.village.pk])
    viewer = officer("xem", Role.FRONT_OFFICER, dworld.phuong, subtree=True)  # VIEW_HOUSEHOLDS: contacts shown
    assert h.phone in _client(viewer).get(url).content.decode()
    # Today every role that may manage villages may also read contacts; one that may not sees masks.
    from danvan.democracy.permissions import VIEW_HOUSEHOLDS
    from danvan.democracy.selectors import villages as sel

    real = sel.permissions.user_may
    monkeypatch.setattr(sel.permissions, "user_may", lambda u, a, o=None: a != VIEW_HOUSEHOLDS and real(u, a, o))
    html = _client(dworld.chair).get(url).content.decode()
    assert h.phone not in html and "ho1@example.vn" not in html
    assert mask_phone(h.phone) in html and "h•••@example.vn" in html


def test_the_add_forms_and_uncount_work_through_the_pages(dworld) -> None:
    c = _client(dworld.chair)
    r = c.post(
        reverse("democracy:village_new"),
        {"commune": dworld.commune.pk, "code": "tdp-3", "name": "Tổ dân phố 3", "kind": "to_dan_pho"},
    )
    assert r.status_code == 302
    r = c.post(
        reverse("democracy:household_new", args=[dworld.village.pk]),
        {"code": "H200", "representative_name": "Phạm Văn Hai", "phone": "12", "members": 3},
    )
    assert r.status_code == 400 and "0912 345 678" in r.content.decode()  # the phone hint, in Vietnamese
    h = dworld.village.households.get(code="H001")
    r = c.post(reverse("democracy:household_uncount", args=[h.pk]), {"reason": ""})
    assert r.status_code == 400
    r = c.post(reverse("democracy:household_uncount", args=[h.pk]), {"reason": "Chuyển đi"})
    assert r.status_code == 302
    h.refresh_from_db()
    assert not h.is_active
    assert _client(dworld.other_chair).get(reverse("democracy:household_edit", args=[h.pk])).status_code == 404


def test_the_upload_page_reports_bad_rows(dworld) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = _client(dworld.chair)
    data = f"{V_HEAD}\n{PHU_XUAN},tdp 3,Tổ 3,thon\n".encode()
    r = c.post(reverse("democracy:village_import"), {"file": SimpleUploadedFile("v.csv", data)})
    assert r.status_code == 400
    html = r.content.decode()
    assert "village_code" in html and "<td>2</td>" in html
    data = f"{V_HEAD}\n{PHU_XUAN},tdp-3,Tổ 3,thon\n".encode()
    r = c.post(reverse("democracy:village_import"), {"file": SimpleUploadedFile("v.csv", data)})
    assert r.status_code == 302


def test_the_public_pages_show_counts_and_no_personal_data(dworld) -> None:
    c = Client()
    index = c.get(reverse("democracy:communes"), {"q": "phu xuan"})
    assert index.status_code == 200 and dworld.commune.name in index.content.decode()
    assert dworld.other_commune.name not in index.content.decode()
    page = c.get(reverse("democracy:commune", args=[dworld.commune.code]))
    html = page.content.decode()
    assert page.status_code == 200 and "Tổ dân phố 1" in html and ">9<" in html and ">6<" in html
    for h in Household.objects.filter(village__commune=dworld.commune):
        assert h.representative_name not in html and h.phone not in html
    assert c.get("/dan-chu/99999999/").status_code == 404


def test_the_public_page_renders_the_registered_sections(dworld, monkeypatch) -> None:
    section = sections.Section(
        "thu",
        "Mục thử",
        1,
        "democracy/villages/_test_section.html",
        lambda commune: {"n": 42} if commune.code == PHU_XUAN else None,
    )
    monkeypatch.setitem(sections._SECTIONS, "thu", section)
    from django.template import engines

    monkeypatch.setattr(
        "danvan.democracy.views.villages.render_to_string",
        lambda name, ctx, request=None: (
            engines["django"].from_string("<p>{{ data.n }} {{ commune.name }}</p>").render(ctx)
        ),
    )
    html = Client().get(reverse("democracy:commune", args=[dworld.commune.code])).content.decode()
    assert "Mục thử" in html and f"<p>42 {dworld.commune.name}</p>" in html
    other = Client().get(reverse("democracy:commune", args=[dworld.other_commune.code])).content.decode()
    assert "Mục thử" not in other
