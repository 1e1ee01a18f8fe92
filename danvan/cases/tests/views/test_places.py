"""The petition form and places: the map box (hidden without scripts), "which one did you mean", the
chosen commune stored, and the map point resolved on sending. The counter form shares all of it."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from danvan.cases.models import Case, RoutingRule
from danvan.org import places
from danvan.org.tests.factories import commune, organization

pytestmark = pytest.mark.django_db

SUBMIT = reverse("cases:case_submit")
RECEIPT = reverse("cases:case_receipt")
XA_PHU_VANG, THUAN_AN, VY_DA = 19942, 19900, 19777


@pytest.fixture
def world(db):
    places.unit_places_load()
    RoutingRule.objects.create(organization=organization("UBND thành phố Huế"), unit=None, track="")


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "track": "pakn",
        "content": "Đèn đường trước chợ không sáng đã hai tuần, buổi tối rất nguy hiểm cho người đi đường.",
        "place_text": "Phú Vang, Huế",
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "people_count": "1",
        "consent": "on",
        "idempotency_key": uuid.uuid4().hex,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_carries_the_map_hidden_until_its_script_runs_with_no_inline_script(client, world):
    html = client.get(SUBMIT).content.decode()
    box = re.search(r'<div class="place-map" data-place-map hidden[^>]*>', html, re.S)
    assert box is not None
    assert f'data-at-url="{reverse("org:place_at")}"' in box.group(0)
    assert 'data-tiles=""' in box.group(0)  # no tile server by default: the offline map
    assert 'data-center="16.331600,107.517000,10"' in box.group(0)  # Thành phố Huế, the demo province
    assert 'data-lat-input="id_latitude" data-lon-input="id_longitude"' in box.group(0)
    assert '<script src="/static/org/place-map.js" defer></script>' in html
    assert "<script>" not in html and "style=" not in html
    assert "Dùng vị trí của tôi" in html


@override_settings(DANVAN_MAP_TILES_URL="https://{s}.tiles.example.vn/{z}/{x}/{y}.png",
                   DANVAN_MAP_TILES_ATTRIBUTION="© Bản đồ thử")  # fmt: skip
def test_a_configured_tile_server_reaches_the_map(client, world):
    html = client.get(SUBMIT).content.decode()
    assert 'data-tiles="https://{s}.tiles.example.vn/{z}/{x}/{y}.png"' in html
    assert 'data-attribution="© Bản đồ thử"' in html


def test_an_ambiguous_place_is_asked_about_and_nothing_is_stored(client, world):
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 400 and Case.objects.count() == 0
    html = response.content.decode()
    assert "Địa điểm này khớp với nhiều xã, phường: hãy chọn nơi bạn muốn nói ở dưới." in html
    assert "<legend>Bạn muốn nói đơn vị nào?</legend>" in html
    assert f'<input type="radio" name="place_unit" value="{commune(XA_PHU_VANG).pk}" id="id_place_unit">' in html
    assert "Phường Thuận An, Thành phố Huế — từ Huyện Phú Vang (cũ)" in html
    assert 'value="0" id="id_place_unit_unsure"' in html
    # The error summary's link lands on the first choice, which exists.
    assert 'href="#id_place_text"' in html


def test_the_commune_chosen_is_stored(client, world):
    response = client.post(SUBMIT, form_data(place_unit=str(commune(THUAN_AN).pk)))
    assert response.status_code == 303
    case = Case.objects.get()
    assert case.place_unit == commune(THUAN_AN) and case.place_text == "Phú Vang, Huế"


def test_not_sure_sends_it_without_a_commune_for_the_officers_to_place(client, world):
    response = client.post(SUBMIT, form_data(place_unit="0"))
    assert response.status_code == 303
    assert Case.objects.get().place_unit is None


def test_a_pin_without_text_stores_the_commune_at_the_pin(client, world):
    response = client.post(SUBMIT, form_data(place_text="", latitude="16.4779", longitude="107.611"))
    assert response.status_code == 303
    case = Case.objects.get()
    assert case.place_unit == commune(VY_DA) and str(case.latitude) == "16.477900"


def test_the_counter_form_asks_the_same_question_and_shows_the_map(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.cases.tests.views.test_public import png
    from danvan.org.choices import Role
    from danvan.org.tests.factories import grant, make_user

    clerk = make_user(username="tiepnhan")
    grant(clerk, Role.HANDLER, organization("UBND Phường Vỹ Dạ", unit=commune(VY_DA)))
    client.force_login(clerk)
    counter = reverse("cases:case_counter")
    assert "data-place-map" in client.get(counter).content.decode()
    scan = SimpleUploadedFile("don.png", png((40, 60)), content_type="image/png")
    response = client.post(counter, form_data(petition_scan=scan))
    assert response.status_code == 400 and Case.objects.count() == 0
    assert f'name="place_unit" value="{commune(XA_PHU_VANG).pk}"' in response.content.decode()
