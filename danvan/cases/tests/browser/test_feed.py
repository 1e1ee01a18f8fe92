"""Public feedback in a real browser (Debian's chromium through Playwright, live server), on a 360-px phone
and on a desktop: the feed reached from the menu, filtered by topic, its map's markers and a report with
photos before and after; "still not fixed" from the private link; and, on the petition form, the similar
report nearby that the citizen supports instead of filing a duplicate (with JavaScript inline, and without
it as a page of its own).

Screenshots go to var/screenshots/cases-feed-*.png (and to $DANVAN_SHOTS_DIR when set). The map has no
tile source here (the setting is empty), so it shows the markers on a plain background, as offline.
"""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from danvan.core.testing.browser import menu_open, new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}


def vi(text: Any) -> str:
    from django.utils.translation import gettext, override

    if not isinstance(text, str):  # a lazy translation
        with override("vi"):
            return str(text)
    with override("vi"):
        translated = gettext(text)
    assert translated != text, f"no Vietnamese for {text!r}"
    return translated


def snap(page: Any, name: str) -> None:
    shot(page, name)
    extra = os.environ.get("DANVAN_SHOTS_DIR")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(extra) / f"{name}.png"), full_page=True)


AXE = Path(__file__).resolve().parents[3] / "core" / "testing" / "axe.min.js"


def accessible(page: Any) -> None:
    """No critical or serious axe-core finding on the page as it stands (the map's own controls included)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through the debugger: the page's CSP allows no inline script
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                          ".filter(v => v.impact === 'critical' || v.impact === 'serious')"
                          ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")  # fmt: skip
    assert found == []


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen


def photo(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(out, "JPEG")
    return out.getvalue()


def world() -> SimpleNamespace:
    from danvan.cases.choices import Status
    from danvan.cases.services import handling
    from danvan.cases.tests.factories import case_at, make_world, submit

    reference_data_restore()  # an earlier live-server test may have flushed the database
    w = make_world()
    point = {"latitude": Decimal("16.470500"), "longitude": Decimal("107.582200")}
    lamp = case_at(Status.REGISTERED, handler=w.handler, head=w.head, publish=True, share_photos=True,
                   title="Đèn đường tắt cả dãy", topic_code="giao-thong-ha-tang",
                   content="Tôi là Nguyễn Văn An, số 0912345678. Năm cột đèn không sáng đã một tuần.",
                   files=[("truoc.jpg", photo((40, 40, 60)))], **point)  # fmt: skip
    handling.case_answer(case=lamp, actor=w.handler, answer_text="Đã thay bóng đèn.",
                         after_photos=[("sau.jpg", photo((250, 220, 90)))])  # fmt: skip
    handling.case_publish(case=lamp, actor=w.handler, public_answer="Điện lực đã thay bộ đèn LED.")
    waste = submit(publish=True, title="Rác tồn đọng bờ sông", topic_code="moi-truong",
                   latitude=Decimal("16.471900"), longitude=Decimal("107.588700")).case  # fmt: skip
    far = submit(publish=True, title="Cây đổ ở Kim Long", topic_code="moi-truong",
                 place_text="phuong kim long, hue", latitude=Decimal("16.460000"),
                 longitude=Decimal("107.560000")).case  # fmt: skip
    submit(publish=False, title="Không công khai", topic_code="moi-truong", **point)
    return SimpleNamespace(w=w, lamp=lamp, waste=waste, far=far)


@pytest.mark.parametrize("device", DEVICES)
def test_the_feed_its_filter_its_map_and_a_report_with_photos_before_and_after(reseeded_afterwards, live_server,
                                                                              request, device):  # fmt: skip
    from playwright.sync_api import expect

    data = world()
    page = request.getfixturevalue(device)
    base = live_server.url
    page.goto(base + "/")
    menu_open(page)  # on a phone the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("navigation").get_by_role("link", name=vi("Public feedback")).click()
    expect(page).to_have_url(f"{base}/phan-anh-cong-khai/")
    cards = page.locator(".feed-card")
    expect(cards).to_have_count(3)
    expect(page.locator("main")).not_to_contain_text("Không công khai")
    expect(page.locator("main")).not_to_contain_text("Nguyễn Văn An")
    # The map: one marker per report with a point, no tiles (offline), drawn by Leaflet.
    expect(page.locator("#feed-map")).to_have_attribute("data-loaded", "3")
    expect(page.locator("#feed-map path.leaflet-interactive")).to_have_count(3)
    fits(page, DEVICES[device])
    accessible(page)
    snap(page, f"cases-feed-{device}")

    page.get_by_label(vi("Topic")).select_option("moi-truong")
    page.get_by_role("button", name=vi("Show"), exact=True).click()
    expect(page).to_have_url(f"{base}/phan-anh-cong-khai/?xa=&chu_de=moi-truong")
    expect(cards).to_have_count(2)
    expect(page.locator("#feed-map")).to_have_attribute("data-loaded", "2")
    expect(page.locator("#feed-map path.leaflet-interactive")).to_have_count(2)
    page.get_by_label(vi("Commune or ward")).select_option(str(data.far.place_unit_id))
    page.get_by_role("button", name=vi("Show"), exact=True).click()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Cây đổ ở Kim Long")
    fits(page, DEVICES[device])
    snap(page, f"cases-feed-filtered-{device}")

    page.goto(f"{base}/phan-anh-cong-khai/")
    page.get_by_role("link", name="Đèn đường tắt cả dãy").click()
    expect(page).to_have_url(f"{base}/phan-anh-cong-khai/{data.lamp.tracking_code}/")
    expect(page.locator(".answer")).to_contain_text("Điện lực đã thay bộ đèn LED.")
    expect(page.get_by_role("img", name=vi("Photo %(n)s sent by the citizen") % {"n": 1})).to_be_visible()
    expect(page.get_by_role("img", name=vi("Photo %(n)s after handling") % {"n": 1})).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("0912345678")
    expect(page.locator("#feed-map path.leaflet-interactive")).to_have_count(1)
    fits(page, DEVICES[device])
    accessible(page)
    snap(page, f"cases-feed-report-{device}")
    assert page.console_errors == []


@pytest.mark.parametrize("device", DEVICES)
def test_still_not_fixed_from_the_private_link(reseeded_afterwards, live_server, request, device):
    from playwright.sync_api import expect

    from danvan.cases.choices import Status
    from danvan.cases.models import Case, CaseEvent
    from danvan.cases.services.intake import case_access_token
    from danvan.cases.tests.factories import case_at
    from danvan.cases.views.public import STATUS_PLAIN

    data = world()
    case = case_at(Status.ANSWERED, handler=data.w.handler, head=data.w.head, publish=True)
    page = request.getfixturevalue(device)
    base = live_server.url
    page.goto(f"{base}/tra-cuu/{case.tracking_code}/?k={case_access_token(case)}")
    expect(page).to_have_url(f"{base}/tra-cuu/{case.tracking_code}/")  # the secret left the address bar
    section = page.locator("section.feed-reopen")
    expect(section.get_by_role("heading")).to_have_text(vi("Is the problem still not fixed?"))
    expect(page.get_by_role("link", name=vi("see it as others do"))).to_have_attribute(
        "href", f"/phan-anh-cong-khai/{case.tracking_code}/"
    )
    section.get_by_label(vi("What is still wrong?")).fill("Cống vẫn tắc sau trận mưa hôm qua.")
    fits(page, DEVICES[device])
    snap(page, f"cases-feed-reopen-{device}")
    section.get_by_role("button", name=vi("It is still not fixed")).click()

    expect(page.locator(".messages")).to_contain_text(vi(
        "Thank you. Your feedback is back with the body for review; you will be told of its new answer."))  # fmt: skip
    expect(page.locator(".status-name")).to_have_text(vi(STATUS_PLAIN[Status.REGISTERED][0]))
    expect(page.locator(".timeline")).to_contain_text("Cống vẫn tắc sau trận mưa hôm qua.")
    expect(page.locator("section.feed-reopen")).to_have_count(0)
    fits(page, DEVICES[device])
    snap(page, f"cases-feed-reopened-{device}")
    assert Case.objects.get(pk=case.pk).status == Status.REGISTERED
    assert CaseEvent.objects.filter(case=case, action="reopen").count() == 1
    # On the public feed it now says so.
    page.goto(f"{base}/phan-anh-cong-khai/{case.tracking_code}/")
    expect(page.locator(".status-box")).to_contain_text(vi("Reported as still not fixed"))
    assert page.console_errors == []


@pytest.mark.parametrize("device", DEVICES)
def test_the_form_suggests_a_similar_report_nearby_and_the_citizen_supports_it(reseeded_afterwards, live_server,
                                                                              browser, request, device):  # fmt: skip
    from playwright.sync_api import expect

    from danvan.cases.models import CaseSupport

    data = world()
    page = request.getfixturevalue(device)
    base = live_server.url
    page.goto(f"{base}/gui-phan-anh/")
    page.locator("input[name=track][value=pakn]").check()
    page.locator("#id_topic").select_option("moi-truong")
    page.locator("#id_place_text").fill("phường Phú Xuân, Huế")
    nearby = page.locator("#feed-nearby")
    expect(nearby).to_be_visible()
    expect(nearby.locator(".feed-card")).to_have_count(1)  # the same topic in the same ward, not Kim Long's
    expect(nearby).to_contain_text("Rác tồn đọng bờ sông")
    # It stands right after the place, before the citizen writes the rest.
    assert page.evaluate("document.querySelector('#id_place_text').closest('fieldset').nextElementSibling.id") \
        == "feed-nearby"  # fmt: skip
    fits(page, DEVICES[device])
    accessible(page)
    snap(page, f"cases-feed-nearby-{device}")
    nearby.get_by_role("button", name=vi("I have this problem too")).click()
    expect(nearby.locator(".feed-support-count")).to_contain_text(vi("Thank you: your support is counted."))
    expect(nearby.get_by_role("button", name=vi("Supported"))).to_be_disabled()
    assert CaseSupport.objects.filter(case=data.waste).count() == 1
    # The citizen may still send their own: the form is all there.
    expect(page.get_by_role("button", name=vi("Send the petition"))).to_be_visible()
    snap(page, f"cases-feed-nearby-supported-{device}")
    assert page.console_errors == []

    # Without JavaScript: the page of its own, then back with the count.
    plain = browser.new_context(viewport={"width": DEVICES[device], "height": 800}, locale="vi-VN",
                                java_script_enabled=False)  # fmt: skip
    try:
        other = plain.new_page()
        other.goto(f"{base}/gui-phan-anh/")
        other.get_by_role("link", name=vi("See similar reports nearby")).click()
        other.get_by_label(vi("Topic")).select_option("moi-truong")
        other.get_by_label(vi("Where is it?")).fill("phường Phú Xuân, Huế")
        other.get_by_role("button", name=vi("Look")).click()
        expect(other.locator(".feed-card")).to_have_count(1)
        other.get_by_role("button", name=vi("I have this problem too")).click()
        expect(other.locator(".messages")).to_contain_text(vi("Thank you: your support is counted."))
        expect(other.locator(".feed-support-count")).to_contain_text("2")
        fits(other, DEVICES[device])
        snap(other, f"cases-feed-nearby-nojs-{device}")
        assert CaseSupport.objects.filter(case=data.waste).count() == 2
    finally:
        plain.close()
    assert new_page is not None


@pytest.mark.parametrize("device", DEVICES)
def test_a_support_that_fails_gives_the_button_back_and_says_so(reseeded_afterwards, live_server, request, device):
    """The network drops the support's request, then the server fails without an explanation: each time the
    citizen is told (the page's own message, in its language) and the button is there to try again; the third
    try goes through."""
    from playwright.sync_api import expect

    from danvan.cases.models import CaseSupport

    data = world()
    page = request.getfixturevalue(device)
    base = live_server.url
    page.goto(f"{base}/gui-phan-anh/")
    page.locator("input[name=track][value=pakn]").check()
    page.locator("#id_topic").select_option("moi-truong")
    page.locator("#id_place_text").fill("phường Phú Xuân, Huế")
    nearby = page.locator("#feed-nearby")
    expect(nearby.locator(".feed-card")).to_have_count(1)
    failed = nearby.get_attribute("data-failed-label")
    assert failed  # the template's translated words, not the script's
    button = nearby.get_by_role("button", name=vi("I have this problem too"))
    count = nearby.locator(".feed-support-count")
    support_url = f"**/phan-anh-cong-khai/{data.waste.tracking_code}/ung-ho/"

    page.route(support_url, lambda route: route.abort())
    button.click()
    expect(count).to_have_text(failed)
    expect(count).to_be_visible()
    expect(button).to_be_enabled()
    fits(page, DEVICES[device])
    snap(page, f"cases-feed-nearby-support-failed-{device}")
    page.unroute(support_url)

    page.route(support_url, lambda route: route.fulfill(status=500, content_type="text/html", body="<h1>500</h1>"))
    button.click()
    expect(count).to_have_text(failed)
    expect(button).to_be_enabled()
    page.unroute(support_url)
    assert CaseSupport.objects.filter(case=data.waste).count() == 0

    button.click()
    expect(count).to_contain_text(vi("Thank you: your support is counted."))
    expect(nearby.get_by_role("button", name=vi("Supported"))).to_be_disabled()
    assert CaseSupport.objects.filter(case=data.waste).count() == 1
    # the only console errors are the two failed loads the test caused
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []
