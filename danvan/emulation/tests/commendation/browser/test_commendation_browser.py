"""In a real browser, at 360 px and at a desk: a proposal for Phú Xuân's recognised model is reviewed by two
council members from other units (the city's Front, Kim Long's Front) who each give their opinion on the
page; the city's Ban Dân vận is refused a decision without a number, then decides with one; the decision
is printed in the NĐ 30/2020 layout. Screenshots: var/screenshots/emulation-commendation-*.png."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.core.testing.browser import new_page, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEVICES = {"phone": 360, "desktop": 1280}
PASSWORD = "mat-khau-thu-nghiem"  # danvan.org.tests.factories


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def login(browser: Any, base: str, username: str, width: int) -> Any:
    page = new_page(browser, width, 800)
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    return page


@pytest.mark.parametrize("device", list(DEVICES))
def test_review_decide_and_print(live_server: Any, browser: Any, device: str, reseeded_afterwards: None) -> None:
    from danvan.emulation.models import CommendationProposal, DvkModel
    from danvan.emulation.services import commendation as services
    from danvan.emulation.services import dvk as dvk_services
    from danvan.emulation.tests.commendation.factories import city_front, form
    from danvan.emulation.tests.dvk.factories import evaluated, make_world

    reference_data_restore()
    w = make_world()
    width, base = DEVICES[device], live_server.url
    today = dt.date.today()  # noqa: DTZ011 (the live server runs on the real clock)
    model = dvk_services.dvk_model_recognise(actor=w.province_dv, model=evaluated(w), level="tinh",
                                             decision="12/QĐ-BDV", recognised_on=today)  # fmt: skip
    proposal = services.proposal_create(actor=w.ward_head, organization=w.ward, model=model, level="tinh",
                                        form=form("bang-khen"), achievements="450 hộ tham gia; 12 tuyến kiệt sáng.")  # fmt: skip
    services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_city, organization=city_front())
    services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_other, organization=w.other_front)
    url = f"{base}/van-hanh/thi-dua/khen-thuong/{proposal.pk}/"

    # 1. Each council member gives an opinion with its reason.
    for username, reason in (
        ("mttphue", "Mô hình hiệu quả, có minh chứng."),
        ("mtkimlong", "Đã nhân rộng sang Kim Long."),
    ):
        page = login(browser, base, username, width)
        page.goto(url)
        page.locator("#my-opinion input[name=opinion][value=agree]").check()
        page.locator("#my-opinion #id_reason").fill(reason)
        page.locator("#give-opinion").click()
        expect(page.locator("#members")).to_contain_text(reason)
        if username == "mtkimlong":
            fits(page, width)
            shot(page, f"emulation-commendation-1-council-{device}")
        page.context.close()

    # 2. The city's Ban Dân vận decides: refused without a number, then with one.
    page = login(browser, base, "bandanvan", width)
    page.goto(url)
    page.locator("#decision-form #id_deciding_organization").select_option(str(w.city.pk))
    page.locator("#id_signer_name").fill("Nguyễn Văn Phương")
    page.locator("#id_signer_title").fill("Chủ tịch")
    page.locator("#decide").click()
    expect(page.locator("#decision-form .error")).to_be_visible()
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "proposed"
    fits(page, width)
    shot(page, f"emulation-commendation-2-refused-{device}")
    page.locator("#id_decision_number").fill("215/QĐ-UBND")
    page.locator("#decide").click()
    expect(page.locator("#status")).to_have_attribute("data-status", "decided")
    fits(page, width)
    shot(page, f"emulation-commendation-3-decided-{device}")
    assert DvkModel.objects.get(pk=proposal.model.pk).stage == "commended"

    # 3. The printable decision.
    page.locator("#print").click()
    expect(page.locator("#decision-document")).to_have_attribute("data-family", "state")
    expect(page.locator(".nd30-number")).to_contain_text("215/QĐ-UBND")
    expect(page.locator("#signer")).to_have_text("Nguyễn Văn Phương")
    expect(page.locator(".nd30-date")).to_contain_text(f"năm {today.year}")
    fits(page, width)
    shot(page, f"emulation-commendation-4-print-{device}")

    # 4. The proposals of the year and their printable list.
    page.goto(f"{base}/van-hanh/thi-dua/khen-thuong/?trang_thai=decided")
    expect(page.locator(f"#proposals tr[data-id='{proposal.pk}']")).to_have_count(1)
    fits(page, width)
    shot(page, f"emulation-commendation-5-list-{device}")
    page.locator("#print-list").click()
    expect(page.locator(f"#list-rows tr[data-id='{proposal.pk}']")).to_contain_text("215/QĐ-UBND")
    fits(page, width)
    shot(page, f"emulation-commendation-6-print-list-{device}")
    page.context.close()
