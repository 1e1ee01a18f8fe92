"""A signed-in citizen's own petitions in a real browser (Debian's chromium through Playwright, live
server), on a 360-px phone and on a desktop: "my petitions" lists them with their status and legal
deadline and opens one; from its page the citizen withdraws an open petition, which then shows as
stopped, and a finished petition offers no withdrawal.

Screenshots go to var/screenshots/cases-my-petitions-*.png and cases-withdraw-*.png. The Vietnamese
words asserted are read from the catalogue (``override("vi")``), not retyped; Playwright's ``expect``
waits for each page.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"  # the factories' password
DEVICES = {"phone": 360, "desktop": 1280}


def vi(text: Any) -> str:
    """The Vietnamese of a message id or of a lazy translation."""
    from django.utils.translation import gettext, override

    if not isinstance(text, str):
        with override("vi"):
            return str(text)
    with override("vi"):
        translated = gettext(text)
    assert translated != text, f"no Vietnamese for {text!r}"
    return translated


def vi_date(day: dt.date) -> str:
    from django.utils import formats
    from django.utils.translation import override

    with override("vi"):
        return formats.date_format(day, "SHORT_DATE_FORMAT")


def world() -> SimpleNamespace:
    """A body in Huế that receives every petition, a citizen with three petitions (the last one already
    answered and closed), and another citizen's petition that must not appear."""
    from danvan.cases.choices import Status
    from danvan.cases.models import Case, RoutingRule
    from danvan.cases.tests.conftest import submit
    from danvan.org.choices import Role
    from danvan.org.tests.factories import commune, grant, make_user, organization

    reference_data_restore()  # an earlier live-server test may have flushed the database
    body = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=body, unit=None, track="")
    handler = make_user(username="xuly")
    grant(handler, Role.HANDLER, body)
    citizen = make_user(username="congdan")
    lights = submit(citizen, title="Đèn đường hỏng trên đường Lê Lợi").case
    flood = submit(citizen, title="Ngập nước kiệt 12", track="khieu_nai",
                   content="Tôi khiếu nại việc phường chưa nạo vét cống kiệt 12 dù đã hứa từ năm 2025.").case  # fmt: skip
    done = submit(citizen, title="Rác thải tồn đọng chợ Đông Ba").case
    Case.objects.filter(pk=done.pk).update(status=Status.CLOSED, answer_text="Phường đã thu gom rác ngày 10/02/2026.")
    other = submit(make_user(username="nguoikhac"), title="Đơn của người khác").case
    return SimpleNamespace(citizen=citizen, lights=lights, flood=flood, done=done, other=other)


def login(page: Any, base: str, next_path: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/dang-nhap/?next={next_path}")
    page.locator("#id_username").fill("congdan")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(base + next_path)


def fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen


@pytest.mark.parametrize("device", DEVICES)
def test_a_citizen_lists_their_petitions_and_opens_one(reseeded_afterwards, live_server, request, device):
    from playwright.sync_api import expect

    from danvan.cases.models import Case
    from danvan.cases.views.public import STATUS_PLAIN

    w = world()
    page = request.getfixturevalue(device)
    base = live_server.url
    login(page, base, "/")
    menu_open(page)  # on a phone the menu is folded behind its button (ui/_main_nav.html)
    page.get_by_role("navigation").get_by_role("link", name=vi("My petitions")).click()
    expect(page).to_have_url(f"{base}/tai-khoan/phan-anh/")
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("My petitions"))

    items = page.locator(".case-item")
    # Newest first; the same day, the one sent last first. Another citizen's petition is not there.
    mine = [Case.objects.get(pk=c.pk) for c in (w.done, w.flood, w.lights)]
    expect(items).to_have_count(3)
    for item, case in zip(items.all(), mine, strict=True):
        expect(item.get_by_role("link")).to_have_text(f"{case.tracking_code} — {case.title}")
        expect(item.locator(".tag")).to_have_text(vi(STATUS_PLAIN[case.status][0]))
        if case.due_on:
            expect(item).to_contain_text(f"{vi('Due by')}: {vi_date(case.due_on)}")
        expect(item).to_contain_text(f"{vi('Received on')} {vi_date(case.received_on)}")
    assert mine[1].due_on is not None and mine[2].due_on is not None  # the open ones carry a legal deadline
    expect(page.locator("main")).not_to_contain_text(w.other.tracking_code)
    fits(page, DEVICES[device])
    shot(page, f"cases-my-petitions-{device}")

    # The complaint opens without its secret: the owner is signed in.
    flood = mine[1]
    items.nth(1).get_by_role("link").click()
    expect(page).to_have_url(f"{base}/tra-cuu/{flood.tracking_code}/")
    expect(page.locator(".tracking-code")).to_have_text(flood.tracking_code)
    expect(page.locator(".status-name")).to_have_text(vi(STATUS_PLAIN[flood.status][0]))
    expect(page.locator(".status-box")).to_contain_text(vi_date(flood.due_on))
    expect(page.locator(".breadcrumb").get_by_role("link", name=vi("My petitions"))).to_be_visible()
    fits(page, DEVICES[device])
    shot(page, f"cases-my-petitions-open-{device}")
    assert page.console_errors == []


@pytest.mark.parametrize("device", DEVICES)
def test_a_citizen_withdraws_an_open_petition_and_a_finished_one_offers_no_withdrawal(reseeded_afterwards,
                                                                                     live_server, request, device):  # fmt: skip
    from playwright.sync_api import expect

    from danvan.cases.choices import Status
    from danvan.cases.forms.public import WithdrawForm
    from danvan.cases.models import Case, CaseEvent
    from danvan.cases.views.public import EVENT_PLAIN, STATUS_PLAIN

    w = world()
    page = request.getfixturevalue(device)
    base = live_server.url
    track = f"/tra-cuu/{w.lights.tracking_code}/"
    login(page, base, track)
    withdraw = page.locator("section.withdraw")
    button = withdraw.get_by_role("button", name=vi("Withdraw the petition"))
    expect(button).to_be_visible()
    withdraw.get_by_label(vi(WithdrawForm.base_fields["confirm"].label)).check()
    withdraw.get_by_label(vi(WithdrawForm.base_fields["note"].label)).fill(
        "Đèn đã được sửa, tôi không cần giải quyết nữa."
    )
    fits(page, DEVICES[device])
    shot(page, f"cases-withdraw-{device}")
    button.click()

    # Back on the petition's page: withdrawn, stopped, and nothing left to withdraw.
    expect(page).to_have_url(base + track)
    expect(page.locator(".messages")).to_contain_text(
        vi("Your petition was withdrawn. The body will confirm it in writing.")
    )
    expect(page.locator(".status-name")).to_have_text(vi(STATUS_PLAIN[Status.TERMINATED][0]))
    expect(page.locator(".timeline")).to_contain_text(vi(EVENT_PLAIN["withdraw"]))
    expect(page.get_by_role("button", name=vi("Withdraw the petition"))).to_have_count(0)
    fits(page, DEVICES[device])
    shot(page, f"cases-withdrawn-{device}")
    lights = Case.objects.get(pk=w.lights.pk)
    assert lights.status == Status.TERMINATED
    event = CaseEvent.objects.get(case=lights, action="withdraw")
    assert event.actor_id == w.citizen.pk and event.note == "Đèn đã được sửa, tôi không cần giải quyết nữa."

    # A petition whose handling is finished offers no withdrawal; the other open one still does.
    page.goto(f"{base}/tra-cuu/{w.done.tracking_code}/")
    expect(page.locator(".status-name")).to_have_text(vi(STATUS_PLAIN[Status.CLOSED][0]))
    expect(page.locator("section.withdraw")).to_have_count(0)
    page.goto(f"{base}/tra-cuu/{w.flood.tracking_code}/")
    expect(page.get_by_role("button", name=vi("Withdraw the petition"))).to_be_visible()
    assert Case.objects.get(pk=w.flood.pk).status == Status.RECEIVED
    assert page.console_errors == []
