"""Commitments in a real browser: a ward officer registers two commitments, a third is refused with the
message naming Chỉ thị 05's limit, he writes his self-review, and the ward's head assesses it (the review
then shows frozen); at 360 px and at desktop width. Screenshots: var/screenshots/emulation-commitments-*.png.

The year's windows are data: the test opens them around today (the services enforce them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.testing.browser import reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("mat-khau-thu-nghiem")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _open_windows() -> None:
    from danvan.core import clock
    from danvan.emulation.models import CommitmentYear

    today = clock.today()
    span = {"registration_opens_on": today - dt.timedelta(days=1), "registration_closes_on": today + dt.timedelta(days=1),
            "midyear_opens_on": today - dt.timedelta(days=1), "midyear_closes_on": today + dt.timedelta(days=1),
            "yearend_opens_on": today + dt.timedelta(days=2), "yearend_closes_on": today + dt.timedelta(days=3),
            "max_per_person": 2, "source": "browser test"}  # fmt: skip
    CommitmentYear.objects.update_or_create(year=today.year, defaults=span)


def _register(page: Any, title: str, due_on: dt.date) -> None:
    page.locator("#id_title").fill(title)
    page.locator("#id_reason").fill("Người dân phản ánh phải chờ lâu")
    page.locator("#id_measurable_result").fill("100% phản ánh được trả lời đúng hạn")
    page.locator("#id_due_on").fill(due_on.isoformat())
    page.locator("main form.card button[type=submit]").click()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_an_officer_registers_two_a_third_is_refused_and_the_head_assesses(reseeded_afterwards, live_server,
                                                                           request, screen):  # fmt: skip
    from playwright.sync_api import expect

    from danvan.core import clock
    from danvan.emulation.models import Commitment, CommitmentReview
    from danvan.emulation.tests.commitments.factories import world
    from danvan.org.models import AdministrativeUnit

    if not AdministrativeUnit.objects.exists():
        reference_data_restore()
    w = world()
    _open_windows()
    page, base = request.getfixturevalue(screen), live_server.url
    due_on = dt.date(clock.today().year, 12, 31)
    _login(page, base, "canbo")
    page.goto(base + "/van-hanh/thi-dua/cam-ket/")
    _register(page, "Trả lời phản ánh đúng hạn", due_on)
    expect(page.locator("article.card")).to_have_count(1)
    _register(page, "Mỗi quý gặp một tổ dân phố", due_on)
    expect(page.locator("article.card")).to_have_count(2)
    if screen == "phone":
        _fits(page, 360)
    shot(page, f"emulation-commitments-two-{screen}")

    _register(page, "Việc thứ ba", due_on)
    expect(page.locator("#error-summary")).to_contain_text("05")
    assert Commitment.objects.filter(person=w.cadre).count() == 2
    if screen == "phone":
        _fits(page, 360)
    shot(page, f"emulation-commitments-refused-{screen}")

    first = Commitment.objects.get(person=w.cadre, title="Trả lời phản ánh đúng hạn")
    page.goto(f"{base}/van-hanh/thi-dua/cam-ket/{first.pk}/")
    page.locator("#id_period").select_option("midyear")
    page.locator("#id_text").fill("Sáu tháng trả lời 48/50 phản ánh đúng hạn")
    page.locator("input[name=self_rating][value=partly]").check()
    page.locator("form[enctype] button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    review = CommitmentReview.objects.get(commitment=first)

    page.context.clear_cookies()
    _login(page, base, "truong")
    page.goto(f"{base}/van-hanh/thi-dua/cam-ket/can-bo/")
    expect(page.locator("article.card")).to_have_count(2)
    shot(page, f"emulation-commitments-team-{screen}")
    page.goto(f"{base}/van-hanh/thi-dua/cam-ket/{first.pk}/")
    card = page.locator(f"#danh-gia-{review.pk}")
    card.locator("input[name=assessment][value=completed]").check()
    card.locator("#id_comment").fill("Đạt yêu cầu")
    if screen == "phone":
        _fits(page, 360)
    shot(page, f"emulation-commitments-assess-{screen}")
    card.locator("button[type=submit]").click()
    expect(page.locator(f"#danh-gia-{review.pk} .tag")).to_be_visible()
    expect(page.locator(f"#danh-gia-{review.pk} form")).to_have_count(0)
    review.refresh_from_db()
    assert review.assessment == "completed" and review.assessed_by == w.head
    if screen == "phone":
        _fits(page, 360)
    shot(page, f"emulation-commitments-assessed-{screen}")

    # The head's units page, and the ward's public service commitments posted and shown to everyone.
    page.goto(f"{base}/van-hanh/thi-dua/cam-ket/don-vi/")
    expect(page.locator("table tbody tr")).to_have_count(1)
    if screen == "phone":
        _fits(page, 360)
    shot(page, f"emulation-commitments-units-{screen}")
    page.goto(f"{base}/van-hanh/thi-dua/cam-ket/cong-khai/")
    page.locator("#id_organization").select_option(str(w.ward.pk))
    page.locator("#id_title").fill("Ba không, ba nên, ba cần")
    page.locator("#id_items").fill("Không gây phiền hà\nNên chào hỏi, hướng dẫn tận tình\nCần công khai, minh bạch")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("section.card li")).to_have_count(3)
    page.context.clear_cookies()
    page.reload()
    expect(page.locator("h1")).to_contain_text(w.ward.name)
    if screen == "phone":
        _fits(page, 360)
    shot(page, f"emulation-commitments-public-{screen}")
