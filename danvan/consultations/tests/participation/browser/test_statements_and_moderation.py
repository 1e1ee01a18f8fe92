"""The list of every statement and its votes, on a phone; a moderator merges a duplicate from its hint on a
desktop (Debian's chromium through Playwright, live server): the hint fills the merge number without a
reload (moderation.js), the moderator gives the reason, the duplicate is merged and stays on record.

Screenshots go to var/screenshots/consultations-statements-*.png and consultations-moderation-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x" * 12


def _world() -> Any:
    from danvan.consultations.tests import factories as f
    from danvan.democracy.tests.factories import make_democracy_world

    d = make_democracy_world()
    c = f.consultation(d, code="di-doi-cho-ds")
    for i in range(60):
        f.statement(c, f"Ý kiến số {i:02d} về chợ tạm", agree_total=i, vote_count=i)
    original = f.statement(c, "Cần bảo đảm an toàn phòng cháy ở chợ tạm", vote_count=100, agree_total=100)
    duplicate = f.statement(c, "Can bao dam an toan phong chay o cho tam")  # the same, without diacritics
    d.handler.set_password(PASSWORD)
    d.handler.save()
    return d, original, duplicate


def test_every_statement_on_a_phone_and_a_duplicate_merged_from_its_hint(
    live_server: Any, phone: Any, desktop: Any
) -> None:
    from danvan.consultations import choices
    from danvan.consultations.models import Statement

    try:
        d, original, duplicate = _world()
        base = live_server.url
        phone.goto(f"{base}/gop-y/di-doi-cho-ds/")
        phone.click("#pv-all-statements")
        expect(phone.locator("h1")).to_have_text("Các ý kiến và kết quả biểu quyết")
        rows = phone.locator("table.pv-totals tbody tr")
        expect(rows).to_have_count(50)
        expect(rows.first.locator("td").first).to_have_text(original.text)  # the most voted first
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        shot(phone, "consultations-statements-phone")
        phone.click("a[rel=next]")
        expect(rows).to_have_count(12)
        shot(phone, "consultations-statements-phone-page-2")

        desktop.goto(f"{base}/dang-nhap/")
        desktop.fill("#id_username", d.handler.username)
        desktop.fill("#id_password", PASSWORD)
        desktop.click("main form button[type=submit]")
        desktop.wait_for_url(lambda url: "/dang-nhap/" not in url)
        desktop.goto(f"{base}/van-hanh/gop-y/dot/di-doi-cho-ds/kiem-duyet/?hien=2")  # the newest: page 2 of 62
        row = desktop.locator(f"#pv-statement-{duplicate.pk}")
        hint = row.locator(f"a.pv-hint[data-into='{original.pk}']")
        expect(hint).to_be_visible()
        url = desktop.url
        hint.click()
        expect(row.locator("input[name=into]")).to_have_value(str(original.pk))
        assert desktop.url == url  # filled in place, no reload
        row.locator("input[name=reason]").fill("Trùng ý kiến, viết không dấu")
        shot(desktop, "consultations-moderation-hint-filled")
        row.locator("button[value=merge]").click()
        expect(desktop.locator(".message-success")).to_be_visible()
        shot(desktop, "consultations-moderation-merged")
        duplicate.refresh_from_db()
        assert duplicate.status == choices.Moderation.MERGED and duplicate.merged_into_id == original.pk
        assert Statement.objects.filter(pk=duplicate.pk).exists()
    finally:
        reference_data_restore()
