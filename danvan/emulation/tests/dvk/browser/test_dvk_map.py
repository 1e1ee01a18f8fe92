"""In a real browser at 360 px and 1280 px: the gallery's map shows one marker per commune with its number
of recognised models (no tiles configured: the plain background says so), a marker's popup opens the gallery
filtered to that commune, the place list (the map without JavaScript) names the same communes, and a model's
story shows the photo its unit made public. No console error (the CSP allows no inline script).
Screenshots: var/screenshots/."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories


def vi(msgid: str) -> str:
    """The page's words in Vietnamese (the catalogue), or the msgid while a string awaits its translation."""
    from django.utils import translation

    with translation.override("vi"):
        return translation.gettext(msgid)


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("device", list(DEVICES))
def test_the_gallerys_map_place_list_and_a_public_photo(live_server: Any, browser: Any, device: str,
                                                        reseeded_afterwards: None) -> None:  # fmt: skip
    from danvan.emulation.models import DvkModel
    from danvan.emulation.tests.dvk.factories import make_world, recognised_with_photo
    from danvan.org.models import UnitPlace
    from danvan.org.tests.factories import KIM_LONG, PHU_XUAN, commune

    reference_data_restore()
    w = make_world()
    model, photo = recognised_with_photo(w)
    UnitPlace.objects.create(unit=commune(PHU_XUAN), latitude=Decimal("16.468000"), longitude=Decimal("107.578000"))
    UnitPlace.objects.create(unit=commune(KIM_LONG), latitude=Decimal("16.463000"), longitude=Decimal("107.552000"))
    other = DvkModel.objects.get(pk=model.pk)
    other.pk, other.name, other.place = None, "Kim Long: bữa cơm nghĩa tình", commune(KIM_LONG)
    other.save()
    width, base = DEVICES[device], live_server.url

    # The ward's chairman makes the photo public from the model's page: the attestation is required.
    staff = new_page(browser, width, 900)
    staff.goto(base + "/dang-nhap/")
    staff.locator("#id_username").fill("ctphuxuan")
    staff.locator("#id_password").fill(PASSWORD)
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(lambda url: "/dang-nhap/" not in url)
    staff.goto(f"{base}/van-hanh/thi-dua/mo-hinh/{model.pk}/#anh")
    publicity = staff.locator("form.dvk-photo-publicity")
    publicity.locator("button[type=submit]").click()  # without ticking the attestation: refused
    expect(staff.locator(".messages")).to_contain_text(
        vi("Confirm that the people who can be recognised in the photo agreed to make it public.")
    )
    expect(publicity.locator("input[name=consent]")).not_to_be_checked()
    publicity.locator("input[name=consent]").check()
    fits(staff, width)
    shot(staff, f"dvk-photo-attest-{device}")
    publicity.locator("button[type=submit]").click()
    expect(publicity.locator(".tag-ok")).to_be_visible()
    shot(staff, f"dvk-photo-public-{device}")
    assert staff.console_errors == [], staff.console_errors
    staff.context.close()

    page = new_page(browser, width, 900)
    page.goto(base + "/dan-van-kheo/")
    area = page.locator("#dvk-map")
    expect(area).to_have_attribute("data-loaded", "2")
    expect(area.locator("path.leaflet-interactive")).to_have_count(2)
    expect(area.locator(".leaflet-control-attribution")).to_contain_text("Dân Vận Số")  # no base map: said so
    fits(page, width)
    shot(page, f"dvk-map-gallery-{device}")
    # A marker's popup: the commune, its number, the gallery filtered to it.
    area.scroll_into_view_if_needed()
    area.locator("path.leaflet-interactive").nth(1).click(force=True)
    popup = area.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Phú Xuân")
    expect(popup).to_contain_text("1")
    shot(page, f"dvk-map-popup-{device}")
    popup.get_by_role("link").click()
    expect(page).to_have_url(f"{base}/dan-van-kheo/?xa={PHU_XUAN}")
    expect(page.locator(".dvk-card")).to_have_count(1)
    expect(page.locator(".dvk-card")).to_contain_text(model.name)
    expect(page.locator("#dvk-map")).to_have_attribute("data-loaded", "1")  # the filter applies to the map too

    # The place list, the map without JavaScript.
    page.goto(base + "/dan-van-kheo/dia-ban/")
    expect(page.locator("main li")).to_have_count(2)
    expect(page.locator("main")).to_contain_text("Phường Kim Long")
    expect(page.locator("main")).to_contain_text("Phường Phú Xuân")
    fits(page, width)
    shot(page, f"dvk-map-places-{device}")

    # The story with the public photo.
    page.goto(f"{base}/dan-van-kheo/{model.pk}/")
    image = page.locator("#anh img")
    expect(image).to_have_count(1)
    expect(image).to_have_attribute("src", f"/dan-van-kheo/{model.pk}/anh/{photo.pk}/")
    image.scroll_into_view_if_needed()
    # (wait_for_function evaluates a string, which the CSP forbids: 'unsafe-eval' is never allowed.)
    expect(image).to_have_js_property("complete", True)
    assert page.evaluate("document.querySelector('#anh img').naturalWidth") == 64
    fits(page, width)
    shot(page, f"dvk-story-photo-{device}")
    assert page.console_errors == [], page.console_errors
    page.context.close()
