"""The transfer list (issue 14, item 8): grouped by level and kind of body, searchable without a script."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from danvan.cases.forms.staff import TransferForm
from danvan.cases.models import Case
from danvan.cases.tests.factories import make_world, submit
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, officer, organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = make_world()  # Huế (province), Phú Xuân (the case's body), Kim Long (commune)
    inspectorate = organization("Thanh tra thành phố Huế", kind="thanh_tra", parent=world.ubnd_tinh)
    officer("tt", Role.HANDLER, inspectorate)
    officer("tinh", Role.HANDLER, world.ubnd_tinh)
    thuy_xuan = organization("UBND Phường Thủy Xuân", unit=commune(19813), parent=world.ubnd_tinh)
    officer("tx", Role.HANDLER, thuy_xuan)
    return SimpleNamespace(handler=world.handler, other=world.other, thuy_xuan=thuy_xuan)


def _optgroups(page: str) -> list[tuple[str, list[str]]]:
    select = page.split('name="transfer-to"', 1)[1].split("</select>", 1)[0]
    return [(label, re.findall(r'<option value="\d+">([^<]+)</option>', body))
            for label, body in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)]  # fmt: skip


def test_the_targets_are_grouped_by_level_and_kind(client, world):
    from danvan.org.models import OrganizationKind

    case = submit().case
    client.force_login(world.handler)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    ubnd, thanh_tra = (OrganizationKind.objects.get(code=c).name for c in ("ubnd", "thanh_tra"))
    province_first = sorted([("Cấp tỉnh · " + ubnd, ["UBND thành phố Huế"]),
                             ("Cấp tỉnh · " + thanh_tra, ["Thanh tra thành phố Huế"])],
                            key=lambda g: OrganizationKind.objects.get(name=g[0].split(" · ")[1]).sort_order)  # fmt: skip
    assert _optgroups(page) == [
        *province_first,
        ("Cấp xã · " + ubnd, ["UBND Phường Kim Long", "UBND Phường Thủy Xuân"]),
    ]


def test_the_search_narrows_the_list_without_a_script(client, world):
    case = submit().case
    client.force_login(world.handler)
    page = client.get(reverse("cases:case_detail", args=[case.pk]), {"noi_nhan": "thuy xuan"}).content.decode()
    assert _optgroups(page)[0][1] == ["UBND Phường Thủy Xuân"] and len(_optgroups(page)) == 1
    assert '<details class="st-step" id="step-transfer" open>' in page
    assert 'value="thuy xuan"' in page and "Có 1 cơ quan phù hợp." in page


def test_a_body_not_in_the_narrowed_list_can_still_be_chosen(client, world):
    case = submit().case
    form = TransferForm({"transfer-to": world.other.pk, "transfer-reason": "Sai địa bàn"}, case=case,
                        prefix="transfer", query="thuy xuan")  # fmt: skip
    assert form.is_valid() and form.cleaned_data["to"] == world.other
    client.force_login(world.handler)
    response = client.post(reverse("cases:case_act", args=[case.pk, "transfer"]),
                           {"transfer-to": world.thuy_xuan.pk, "transfer-reason": "Thuộc địa bàn Thủy Xuân"})  # fmt: skip
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).handling_organization == world.thuy_xuan
