"""A citizen typing a petition sees the similar public reports (real browser: Debian's chromium through
Playwright, live server), on a 360-px phone and on a desktop; and a handler sees "the same matter" on a
case's page and links two cases. Screenshots: var/screenshots/insight-duplicates-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.core.testing.browser import fits, login, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}


def _world() -> Any:
    from danvan.cases.tests.factories import make_world, submit
    from danvan.insight.tests.duplicates.helpers import SAME

    reference_data_restore()  # an earlier live-server test may have flushed the database
    w = make_world()
    title, content = SAME[0]
    public = submit(publish=True, title=title, content=content).case
    title, content = SAME[1]
    private = submit(publish=False, title="Không công khai " + title, content=content).case
    return w, public, private


@pytest.mark.parametrize("device", DEVICES)
def test_a_citizen_typing_a_petition_sees_similar_public_reports(reseeded_afterwards, live_server, request, device):
    from playwright.sync_api import expect

    _, public, private = _world()
    page = request.getfixturevalue(device)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.locator("input[name=track][value=pakn]").check()
    page.locator("#id_place_text").fill("phường Phú Xuân, Huế")
    page.locator("#id_title").fill("Đèn đường Lê Lợi hỏng")
    page.locator("#id_content").fill("Đèn chiếu sáng trên đường Lê Lợi đoạn trước nhà số 45 không sáng, tối đi rất sợ.")
    box = page.locator("#similar-reports")
    expect(box).to_be_visible()
    expect(box.locator(".feed-card")).to_have_count(1)
    expect(box).to_contain_text(public.public_title)
    expect(box).not_to_contain_text(private.title)
    link = box.locator("a").first
    assert link.get_attribute("href").endswith(f"/{public.tracking_code}/")
    # the form is all there: the citizen may still send their own
    expect(page.locator("form.petition-form button[type=submit]").last).to_be_visible()
    fits(page, DEVICES[device])
    box.scroll_into_view_if_needed()
    shot(page, f"insight-duplicates-form-{device}")
    # a complaint is not a public matter: no suggestion
    page.locator("input[name=track][value=khieu_nai]").check()
    expect(box).to_be_hidden()
    assert page.console_errors == []


def test_a_handler_sees_the_same_matter_on_the_case_page_and_links_it(reseeded_afterwards, live_server, desktop):
    from playwright.sync_api import expect

    from danvan.cases.tests.factories import submit
    from danvan.insight.models import MatterGroupMember
    from danvan.insight.tests.duplicates.helpers import SAME

    w, public, private = _world()
    title, content = SAME[2]
    third = submit(title=title, content=content).case
    w.handler.set_password("DanVan@2026")
    w.handler.save()
    page = desktop
    login(page, live_server.url, "xuly", "DanVan@2026")
    page.goto(f"{live_server.url}/van-hanh/ho-so/{third.pk}/")
    panel = page.locator("#same-matter")
    expect(panel).to_be_visible()
    expect(panel.locator(f"li[data-id='{public.pk}']")).to_be_visible()
    expect(panel.locator(f"li[data-id='{private.pk}']")).to_be_visible()
    shot(page, "insight-duplicates-case-desktop")
    panel.locator(f"li[data-id='{public.pk}'] button[data-action=link]").click()
    expect(page.locator("#same-matter-linked")).to_be_visible()
    assert MatterGroupMember.objects.count() == 2
    shot(page, "insight-duplicates-case-linked-desktop")
    assert page.console_errors == []
