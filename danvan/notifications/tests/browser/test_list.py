"""The notifications page in a real browser (Debian's chromium through Playwright, live server), on a
360-px phone and a desktop: a signed-in person reaches it from the menu, sees their messages (unread
first marked), opens the case a message is about, marks one read and then all; another person's
message never shows. Screenshots: var/screenshots/notifications-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
DEVICES = {"phone": 360, "desktop": 1280}


def vi(message: str) -> str:
    from django.utils.translation import gettext, override

    with override("vi"):
        translated = gettext(message)
    assert translated != message, f"no Vietnamese for {message!r}"
    return translated


def world() -> Any:
    from danvan.notifications.services import notification_send
    from danvan.org.tests.factories import make_user

    reference_data_restore()  # an earlier live-server test may have flushed the database
    citizen = make_user(username="congdan")
    other = make_user(username="nguoikhac")
    first = notification_send(channel="in_app", template="received", recipient=citizen,
                              subject="Đã nhận phản ánh PA-0001", body="Cơ quan đã nhận phản ánh của bạn.",
                              about_kind="cases.case", about_id=1, about_label="PA-0001", link="/tra-cuu/PA-0001/")  # fmt: skip
    notification_send(channel="in_app", template="answered", recipient=citizen,
                      subject="Đã trả lời phản ánh PA-0002", body="Cơ quan đã trả lời phản ánh của bạn.",
                      about_kind="cases.case", about_id=2, about_label="PA-0002")  # fmt: skip
    notification_send(channel="in_app", template="received", recipient=other, subject="Thư riêng của Bình",
                      body="Không phải của bạn.")  # fmt: skip
    return first


@pytest.mark.parametrize("device", DEVICES)
def test_a_person_reads_and_marks_their_notifications(reseeded_afterwards, live_server, request, device):
    from playwright.sync_api import expect

    from danvan.notifications.models import Notification

    first = world()
    page = request.getfixturevalue(device)
    base = live_server.url
    page.goto(f"{base}/dang-nhap/?next=/")
    page.locator("#id_username").fill("congdan")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(base + "/")

    menu_open(page)  # on a phone the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("navigation").get_by_role("link", name=vi("Notifications")).click()
    expect(page).to_have_url(f"{base}/thong-bao/")
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("Notifications"))
    items = page.locator("ul.notifications > li")
    expect(items).to_have_count(2)
    expect(page.locator("ul.notifications > li.unread")).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Thư riêng của Bình")
    # The message about a case links to the case's page by its tracking code.
    expect(page.get_by_role("link", name="PA-0001")).to_have_attribute("href", "/tra-cuu/PA-0001/")
    assert page.evaluate("document.documentElement.scrollWidth") <= DEVICES[device]
    shot(page, f"notifications-{device}")

    # One read: its button goes, the other stays unread.
    items.filter(has_text="PA-0001").get_by_role("button", name=vi("Mark as read")).click()
    expect(page.locator("ul.notifications > li.unread")).to_have_count(1)
    expect(items.filter(has_text="PA-0001").get_by_role("button")).to_have_count(0)
    assert Notification.objects.get(pk=first.pk).read_at is not None

    # Then all: no unread message and no "mark all" button left.
    page.locator("main > form").get_by_role("button").click()
    expect(page.locator("ul.notifications > li.unread")).to_have_count(0)
    expect(page.locator("main > form")).to_have_count(0)
    assert not Notification.objects.filter(recipient__username="congdan", read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient__username="nguoikhac", read_at__isnull=True).count() == 1
    shot(page, f"notifications-read-{device}")
    assert page.console_errors == []
