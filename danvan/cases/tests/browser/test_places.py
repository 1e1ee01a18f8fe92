"""Places in a real browser (Debian's chromium through Playwright, live server), at 360 px and on a
desktop: the map on the petition form (offline: no tile server, the communes drawn from our data),
"use my location" with the browser's geolocation, a pin dropped on the map, the commune shown and
stored; an ambiguous place asked about and the choice stored; a petition with no place in the intake
queue, which its owner finds in the inbox and among their notifications.

Screenshots: var/screenshots/places-*.png.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
DEVICES = {"phone": 360, "desktop": 1280}
VY_DA_CENTRE = {"latitude": 16.4779, "longitude": 107.611}  # the shipped point of Phường Vỹ Dạ


def world() -> SimpleNamespace:
    from danvan.cases.models import IntakeQueue, RoutingRule
    from danvan.org import places
    from danvan.org.choices import Role
    from danvan.org.tests.factories import commune, hue_city, officer, organization, province, ward_body

    reference_data_restore()  # an earlier live-server test may have flushed the database
    places.unit_places_load()
    tinh = hue_city()
    RoutingRule.objects.create(organization=tinh, unit=province(46))  # a known province, no commune: the city
    for code in (19777, 19900, 19753):  # Vỹ Dạ, Thuận An, Phú Xuân
        RoutingRule.objects.create(organization=ward_body(tinh, code=code), unit=commune(code))
    board = organization("Ban Tiếp công dân thành phố Huế", kind="ban_tiep_cong_dan", parent=tinh)
    owner = officer("tiepdan", Role.HANDLER, board, full_name="Đoàn Thị Tiếp Dân")
    IntakeQueue.objects.create(province=None, organization=board, owner=owner)
    return SimpleNamespace(board=board, owner=owner)


def fill_petition(page: Any, content: str) -> None:
    page.locator("#id_track_0").check()
    page.locator("#id_content").fill(content)
    page.locator("#id_name").fill("Trần Thị Bình")
    page.locator("#id_phone").fill("0905 123 456")
    page.locator("#id_consent").check()


def send(page: Any, base: str) -> None:
    page.locator("form.petition-form button[type=submit]").click()
    page.wait_for_url(base + "/gui-phan-anh/da-nhan/")


def axe_serious(page: Any, selector: str) -> list[str]:
    """axe-core's critical and serious findings inside ``selector`` (run through the DevTools protocol,
    which the page's CSP does not govern)."""
    from pathlib import Path

    import danvan.core.testing

    source = (Path(danvan.core.testing.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    page.evaluate("() => {" + source + "\n}")
    found = page.evaluate(
        "async (selector) => (await axe.run(document.querySelector(selector))).violations"
        ".filter(v => v.impact === 'critical' || v.impact === 'serious').map(v => v.id + ': ' + v.help)",
        selector,
    )
    return list(found)


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen


@pytest.mark.parametrize("device", DEVICES)
def test_use_my_location_then_a_pin_on_the_map_names_the_commune_and_it_is_stored(
    reseeded_afterwards, live_server, request, device
):
    from playwright.sync_api import expect

    from danvan.cases.models import Case
    from danvan.org import places

    world()
    page = request.getfixturevalue(device)
    base = live_server.url
    page.context.grant_permissions(["geolocation"], origin=base)
    page.context.set_geolocation(VY_DA_CENTRE)
    page.goto(base + "/gui-phan-anh/")
    box = page.locator("[data-place-map]")
    expect(box).to_be_visible()  # the script ran: the map replaces nothing, it adds to the text field
    expect(box.locator(".leaflet-container")).to_be_visible()
    assert box.locator(".leaflet-tile").count() == 0  # offline: no tile server is configured
    fits(page, DEVICES[device])

    # "Use my location": the browser's position, the pin, the commune, the two fields filled.
    box.get_by_role("button", name="Dùng vị trí của tôi").click()
    expect(box.locator("[data-result]")).to_have_text(
        "Xã, phường tại điểm đánh dấu: Phường Vỹ Dạ, Thành phố Huế — trung tâm xã, phường gần nhất: "
        "chỉ là ước tính, xin kiểm tra lại."
    )
    expect(page.locator("#id_latitude")).to_have_value("16.477900")
    expect(page.locator("#id_longitude")).to_have_value("107.611000")
    expect(box.locator(".place-label", has_text="Phường Vỹ Dạ")).to_be_visible()  # drawn from our data
    shot(page, f"places-my-location-{device}")
    assert axe_serious(page, "[data-place-map]") == []

    # A pin dropped elsewhere on the map moves the point; the commune shown is the server's answer there.
    canvas = box.locator(".place-map-canvas")
    size = canvas.bounding_box()
    canvas.click(position={"x": size["width"] * 0.2, "y": size["height"] * 0.3})
    expect(page.locator("#id_latitude")).not_to_have_value("16.477900")
    lat = float(page.locator("#id_latitude").input_value())
    lon = float(page.locator("#id_longitude").input_value())
    there = places.place_at(lat, lon)
    assert there is not None
    expect(box.locator("[data-result]")).to_contain_text(f"Xã, phường tại điểm đánh dấu: {there.name}")
    shot(page, f"places-pin-{device}")

    fill_petition(page, "Nắp cống trên vỉa hè bị vỡ, người đi bộ dễ sụt chân, nhất là buổi tối.")
    send(page, base)
    case = Case.objects.get()
    assert case.place_unit_id == there.unit_id
    assert (case.latitude, case.longitude) == (Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}"))
    assert page.console_errors == []  # no CSP violation, no script error


@pytest.mark.parametrize("device", DEVICES)
def test_an_ambiguous_place_is_asked_about_and_the_commune_chosen_is_stored(
    reseeded_afterwards, live_server, request, device
):
    from playwright.sync_api import expect

    from danvan.cases.models import Case
    from danvan.org.tests.factories import commune

    world()
    page = request.getfixturevalue(device)
    base = live_server.url
    page.goto(base + "/gui-phan-anh/")
    fill_petition(page, "Đèn đường trước chợ không sáng đã hai tuần, buổi tối rất nguy hiểm cho người đi đường.")
    page.locator("#id_place_text").fill("Phú Vang, Huế")  # Xã Phú Vang today, and the old Huyện Phú Vang
    page.locator("form.petition-form button[type=submit]").click()
    question = page.locator("#place-choice")
    expect(question.locator("legend")).to_have_text("Bạn muốn nói đơn vị nào?")
    expect(page.locator(".error-summary")).to_contain_text("hãy chọn nơi bạn muốn nói ở dưới")
    assert Case.objects.count() == 0
    fits(page, DEVICES[device])
    question.get_by_label("Phường Thuận An, Thành phố Huế — từ Huyện Phú Vang (cũ)").check()
    shot(page, f"places-which-one-{device}")
    page.locator("#id_consent").check()
    send(page, base)
    case = Case.objects.get()
    assert case.place_unit == commune(19900) and case.handling_organization.name == "UBND Phường Thuận An"


@pytest.mark.parametrize("device", DEVICES)
def test_a_petition_with_no_place_reaches_the_intake_queue_owners_inbox_and_notifications(
    reseeded_afterwards, live_server, request, device
):
    from playwright.sync_api import expect

    from danvan.cases.models import Case
    from danvan.notifications.models import Notification

    w = world()
    page = request.getfixturevalue(device)
    base = live_server.url
    page.goto(base + "/gui-phan-anh/")
    fill_petition(page, "Một cây xà cừ đổ chắn ngang đường sau trận mưa đêm qua, xe cộ phải quay đầu.")
    send(page, base)
    case = Case.objects.get()
    assert case.place_unit is None and case.handling_organization == w.board
    told = Notification.objects.get(template="unplaced_intake", channel="in_app")
    assert (told.recipient, told.about_id, told.link) == (w.owner, case.pk, f"/van-hanh/ho-so/{case.pk}/")

    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill("tiepdan")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(base + "/van-hanh/ho-so/")
    expect(page.get_by_text(case.tracking_code).first).to_be_visible()
    fits(page, DEVICES[device])
    shot(page, f"places-queue-inbox-{device}")
    page.goto(base + "/thong-bao/")
    expect(
        page.get_by_text(f"Hồ sơ {case.tracking_code} chưa xác định được xã, phường: cần chuyển đúng nơi")
    ).to_be_visible()
    shot(page, f"places-queue-notification-{device}")
    page.get_by_role("link", name=case.tracking_code).first.click()
    expect(page).to_have_url(f"{base}/van-hanh/ho-so/{case.pk}/")
