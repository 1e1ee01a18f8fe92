"""Issue 14, item 6, in a real browser (360 px and desktop): the site is installable (its manifest is
linked and valid, the worker runs), the petition's draft survives a reload and is cleared once the
petition is stored, and sending offline says so and keeps the draft.

Screenshots: var/screenshots/limits-*.png.
"""

from __future__ import annotations

import json

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEY = "danvan.petition-draft.v1"
TEXT = "Cống thoát nước trước số 12 kiệt 5 Lê Lợi bị tắc, mỗi khi mưa nước tràn vào nhà dân."


@pytest.fixture(params=["phone", "desktop"])
def page(request, reseeded_afterwards, live_server):
    from danvan.cases.models import RoutingRule
    from danvan.org.tests.factories import commune, organization

    reference_data_restore()  # an earlier live-server test may have flushed the database
    body = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=body, unit=None, track="")
    return request.getfixturevalue(request.param)


def width(page) -> str:
    return "360" if page.viewport_size["width"] == 360 else "desktop"


def draft(page) -> dict:
    return json.loads(stored(page) or "null") or {}


def stored(page) -> str:
    return page.evaluate(f"localStorage.getItem('{KEY}')") or ""


def until(page, condition) -> None:
    """Wait for ``condition(page)`` (the CSP forbids the string evaluation ``wait_for_function`` needs)."""
    for _ in range(100):
        if condition(page):
            return
        page.wait_for_timeout(50)
    raise AssertionError("the draft did not reach the expected state")


def fill(page, track: str) -> None:
    page.get_by_label(track).check()
    page.get_by_label("Nội dung sự việc và đề nghị").fill(TEXT)
    page.get_by_label("Địa điểm xảy ra").fill("phuong phu xuan, hue")
    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label("Điện thoại").fill("0905 123 456")


def test_the_manifest_is_linked_and_valid_and_the_worker_takes_control(page, live_server) -> None:
    from playwright.sync_api import expect

    page.goto(live_server.url + "/gui-phan-anh/")  # the form registers the worker; every page links the manifest
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(live_server.url + href)
    assert manifest.ok and manifest.headers["content-type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] == "Dân Vận Số" and data["start_url"] == "/" and data["display"] == "standalone"
    for icon in data["icons"]:
        assert page.request.get(live_server.url + icon["src"]).ok
    expect(page.locator("meta[name=theme-color]")).to_have_attribute("content", "#a51d1d")
    scope = page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)")
    assert scope == live_server.url + "/"
    # Chromium's own verdict on the manifest (what its install prompt checks). A test browser context is
    # incognito-like, which Chromium reports by itself; nothing else may be wrong.
    cdp = page.context.new_cdp_session(page)
    errors = {e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]}
    assert errors <= {"in-incognito"}, errors
    manifest_errors = cdp.send("Page.getAppManifest")["errors"]
    assert manifest_errors == [], manifest_errors
    assert page.console_errors == []  # no CSP violation, no script error


def test_the_draft_survives_a_reload_and_is_cleared_after_sending(page, live_server) -> None:
    from playwright.sync_api import expect

    from danvan.cases.models import Case

    page.goto(live_server.url + "/gui-phan-anh/")
    expect(page.locator("#draft-box")).to_be_hidden()
    fill(page, "Phản ánh, kiến nghị")
    expect(page.locator("#draft-box")).to_be_visible()
    until(page, lambda p: "kiệt 5" in stored(p))
    saved = draft(page)["fields"]
    assert saved["content"] == TEXT and saved["name"] == "Trần Thị Bình" and saved["track"] == "pakn"
    assert "csrfmiddlewaretoken" not in saved and "consent" not in saved and "attachments" not in saved

    page.reload()
    expect(page.get_by_label("Nội dung sự việc và đề nghị")).to_have_value(TEXT)
    expect(page.get_by_label("Phản ánh, kiến nghị")).to_be_checked()
    expect(page.get_by_label("Điện thoại")).to_have_value("0905 123 456")
    expect(page.locator("#draft-status")).to_contain_text("Bản nháp chưa gửi của Ông/Bà đã được điền lại")
    shot(page, f"limits-draft-restored-{width(page)}")

    page.get_by_label("Tôi đồng ý cho xử lý thông tin của tôi như nêu trên.").check()
    page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_url(live_server.url + "/gui-phan-anh/da-nhan/")
    assert Case.objects.get().content == TEXT
    until(page, lambda p: stored(p) == "")
    page.goto(live_server.url + "/gui-phan-anh/")
    expect(page.get_by_label("Nội dung sự việc và đề nghị")).to_have_value("")
    expect(page.locator("#draft-box")).to_be_hidden()


def test_a_denouncers_name_and_contacts_are_never_kept_in_the_draft(page, live_server) -> None:
    page.goto(live_server.url + "/gui-phan-anh/")
    fill(page, "Phản ánh, kiến nghị")
    until(page, lambda p: "0905" in stored(p))
    page.get_by_label("Tố cáo").check()  # now a denunciation: the identity leaves the draft
    until(page, lambda p: "0905" not in stored(p))
    saved = draft(page)["fields"]
    assert saved["content"] == TEXT and saved["track"] == "to_cao"
    assert not {"name", "phone", "email", "address"} & saved.keys()


def test_sending_offline_says_so_and_keeps_the_draft(page, live_server) -> None:
    from playwright.sync_api import expect

    from danvan.cases.models import Case

    page.goto(live_server.url + "/gui-phan-anh/")
    page.evaluate("navigator.serviceWorker.ready")  # the worker has kept the form and the shell
    fill(page, "Khiếu nại")
    page.get_by_label("Tôi đồng ý cho xử lý thông tin của tôi như nêu trên.").check()
    page.context.set_offline(True)
    page.get_by_role("button", name="Gửi đơn").click()
    alert = page.locator("#draft-offline")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Không có kết nối mạng: đơn chưa được gửi đi.")
    expect(alert).to_be_focused()
    assert page.url == live_server.url + "/gui-phan-anh/" and Case.objects.count() == 0
    assert draft(page)["fields"]["content"] == TEXT
    shot(page, f"limits-offline-{width(page)}")

    # Still offline, the form opens again from the worker's copy, with the draft in it.
    page.reload()
    expect(page.get_by_label("Nội dung sự việc và đề nghị")).to_have_value(TEXT)
    # Back online: Send reloads a fresh form (the copy's token is not this browser's), then sends.
    page.context.set_offline(False)
    page.get_by_role("button", name="Gửi đơn").click()
    expect(page.locator("#draft-status")).to_contain_text("Đã có mạng trở lại")
    expect(page.get_by_label("Nội dung sự việc và đề nghị")).to_have_value(TEXT)
    page.get_by_label("Tôi đồng ý cho xử lý thông tin của tôi như nêu trên.").check()
    page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_url(live_server.url + "/gui-phan-anh/da-nhan/")
    assert Case.objects.count() == 1


def test_a_page_not_kept_offline_shows_the_offline_page(page, live_server) -> None:
    from playwright.sync_api import expect

    page.goto(live_server.url + "/gui-phan-anh/")
    page.evaluate("navigator.serviceWorker.ready")
    page.context.set_offline(True)
    page.goto(live_server.url + "/hai-long/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")
    shot(page, f"limits-offline-page-{width(page)}")
    page.get_by_role("link", name="Viết đơn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")


def test_a_refusal_by_a_limit_gives_the_hotline_and_the_draft_waits(page, live_server, settings) -> None:
    from playwright.sync_api import expect

    settings.DANVAN_RATE_LIMITS = settings.DANVAN_RATE_LIMITS | {
        "case_submit": settings.DANVAN_RATE_LIMITS["case_submit"] | {"per_device": 1}
    }
    settings.DANVAN_HELP_DESK = {"name": "Bộ phận Tiếp công dân phường Phú Xuân", "hotline": "0234 3822 111",
                                 "counter": "24 Tố Hữu, phường Phú Xuân, Huế", "hours": "7:30–17:00"}  # fmt: skip
    for attempt in range(2):
        page.goto(live_server.url + "/gui-phan-anh/")
        fill(page, "Phản ánh, kiến nghị")
        page.get_by_label("Tôi đồng ý cho xử lý thông tin của tôi như nêu trên.").check()
        page.get_by_role("button", name="Gửi đơn").click()
        if attempt == 0:
            page.wait_for_url(live_server.url + "/gui-phan-anh/da-nhan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quá nhiều lần thử")
    hotline = page.get_by_role("link", name="0234 3822 111")
    expect(hotline).to_have_attribute("href", "tel:02343822111")
    expect(page.locator("main")).to_contain_text("24 Tố Hữu, phường Phú Xuân, Huế")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    shot(page, f"limits-429-{width(page)}")
    assert draft(page)["fields"]["content"] == TEXT  # what was typed waits on the device
    page.goto(live_server.url + "/gui-phan-anh/")
    expect(page.get_by_label("Nội dung sự việc và đề nghị")).to_have_value(TEXT)
