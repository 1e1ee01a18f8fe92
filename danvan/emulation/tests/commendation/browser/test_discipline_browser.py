"""In a real browser, at 360 px and at a desk: the head of Phú Xuân opens the criticism and discipline list,
opens a record, is refused a withdrawal without its reason, then withdraws it with one; the record stays,
marked withdrawn, with the reason. Screenshots: var/screenshots/emulation-discipline-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import reference_data_restore, shot
from danvan.emulation.tests.commendation.browser.test_commendation_browser import DEVICES, fits, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("device", list(DEVICES))
def test_list_open_and_withdraw_a_record(
    live_server: Any, browser: Any, device: str, reseeded_afterwards: None
) -> None:
    from danvan.emulation.models import DisciplineRecord
    from danvan.emulation.services import commendation as services
    from danvan.emulation.tests.commendation.factories import form
    from danvan.emulation.tests.dvk.factories import make_world

    reference_data_restore()
    w = make_world()
    width, base = DEVICES[device], live_server.url
    day = dt.date.today() - dt.timedelta(days=3)  # noqa: DTZ011 (the live server runs on the real clock)
    record = services.discipline_record(actor=w.ward_head, organization=w.ward, deciding_organization=w.ward,
                                        person=w.stranger, form=form("khien-trach"), decided_on=day,
                                        decision_number="12/QĐ-UBND",
                                        ground="Thái độ thiếu tôn trọng công dân khi tiếp nhận hồ sơ.")  # fmt: skip
    services.discipline_record(actor=w.ward_head, organization=w.ward, deciding_organization=w.ward,
                               form=form("phe-binh"), decided_on=day, ground="Chậm trả kết quả 3 hồ sơ.")  # fmt: skip

    # 1. The list: the two records of the ward.
    page = login(browser, base, "ctphuxuan", width)
    page.goto(f"{base}/van-hanh/thi-dua/khen-thuong/ky-luat/")
    expect(page.locator("#records tbody tr[data-id]")).to_have_count(2)
    fits(page, width)
    shot(page, f"emulation-discipline-1-list-{device}")

    # 2. Open the record.
    page.locator(f"#records tr[data-id='{record.pk}'] a").click()
    expect(page.locator("#record")).to_contain_text("12/QĐ-UBND")
    expect(page.locator("#record-status.cm-dr-in_force")).to_be_visible()
    page.locator("#withdraw summary").click()
    fits(page, width)
    shot(page, f"emulation-discipline-2-record-{device}")

    # 3. Withdraw: refused without a reason, then with one.
    page.locator("#withdraw-submit").click()
    expect(page.locator("#withdraw .error")).to_be_visible()
    assert DisciplineRecord.objects.get(pk=record.pk).status == "in_force"
    page.locator("#id_withdraw-reason").fill("Hủy theo kết quả giải quyết khiếu nại của công chức.")
    page.locator("#withdraw-submit").click()
    expect(page.locator("#withdrawal")).to_contain_text("Hủy theo kết quả giải quyết khiếu nại")
    expect(page.locator("#withdraw")).to_have_count(0)
    fits(page, width)
    shot(page, f"emulation-discipline-3-withdrawn-{device}")
    assert DisciplineRecord.objects.get(pk=record.pk).status == "withdrawn"

    # 4. Back on the list, the record is there, marked withdrawn.
    page.goto(f"{base}/van-hanh/thi-dua/khen-thuong/ky-luat/")
    expect(page.locator(f"#records tr[data-id='{record.pk}'] .cm-dr-withdrawn")).to_be_visible()
    fits(page, width)
    shot(page, f"emulation-discipline-4-list-after-{device}")
    page.context.close()
