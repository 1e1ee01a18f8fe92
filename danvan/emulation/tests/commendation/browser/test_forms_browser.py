"""In a real browser, at 360 px and at a desk: whoever holds the forms' model permission (a national rule table:
the superuser quantri) renames a form and retires another on the forms page, then keeps who gives which form.
Screenshots: var/screenshots/emulation-commendation-forms-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot
from danvan.emulation.tests.commendation.browser.test_commendation_browser import DEVICES, fits, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("device", list(DEVICES))
def test_rename_retire_and_read_the_authorities(live_server: Any, browser: Any, device: str,
                                               reseeded_afterwards: None) -> None:  # fmt: skip
    from danvan.emulation.models import CommendationForm
    from danvan.emulation.tests.national import rule_keeper

    reference_data_restore()
    rule_keeper()
    width, base = DEVICES[device], live_server.url
    giay, co = CommendationForm.objects.get(code="giay-khen"), CommendationForm.objects.get(code="co-thi-dua")

    page = login(browser, base, "quantri", width)
    page.goto(f"{base}/van-hanh/thi-dua/khen-thuong/hinh-thuc/")
    page.locator(f"#rename-{giay.pk}").fill("Giấy khen của Chủ tịch UBND")
    page.locator(f"#forms li[data-id='{giay.pk}'] form").first.locator("button").click()
    expect(page.locator(f"#forms li[data-id='{giay.pk}'] .cm-form-name")).to_have_text("Giấy khen của Chủ tịch UBND")
    page.locator(f"[data-retire='{co.pk}']").click()
    expect(page.locator(f"[data-retire='{co.pk}']")).to_have_count(0)
    fits(page, width)
    shot(page, f"emulation-commendation-forms-1-forms-{device}")
    assert not CommendationForm.objects.get(pk=co.pk).is_active

    page.goto(f"{base}/van-hanh/thi-dua/khen-thuong/tham-quyen/")
    expect(page.locator("#authorities tbody tr[data-id]")).to_have_count(8)
    page.locator("#add-rule summary").click()
    fits(page, width)
    shot(page, f"emulation-commendation-forms-2-authorities-{device}")
    page.context.close()
