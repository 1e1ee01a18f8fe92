"""Comments behind low scores in a real browser, on the demo's data, at 360 px and on a desktop.

The head (chutich) sees, for this year, only when the comments will be shown; for a past month of
the demo with enough answers, the comments themselves, undated and redacted. The citizen's rating
form says the same rule with the same numbers. Screenshots: var/screenshots/comments-*.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.core import clock, periods
from danvan.core.testing.browser import menu_open, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DASHBOARD = reverse("surveys:satisfaction_dashboard")


def _login(page: Any, base: str, username: str) -> None:
    from danvan.org.demo import DEMO_PASSWORD

    page.goto(base + "/dang-nhap/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_the_head_reads_comments_only_when_released(reseeded_afterwards, live_server, desktop, phone):
    from playwright.sync_api import expect

    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.org.demo import demo_seed
    from danvan.org.models import User
    from danvan.surveys import selectors
    from danvan.surveys.demo import demo_surveys_seed
    from danvan.surveys.models import SurveyTemplate
    from danvan.surveys.services import invitations

    reference_data_restore()
    demo_seed(46)
    demo_cases_seed(46)
    answered_cases = demo_answered_cases_seed()
    demo_surveys_seed(46, rated_case_ids=[c.pk for c in answered_cases[1:]])
    template = SurveyTemplate.objects.get(code="sipas-2017")
    head = User.objects.get(username="chutich")
    readable = selectors.comment_readable_ids(head, selectors.results_scope(head).values_list("pk", flat=True))
    first = selectors.results_scope(head).first()
    assert first is not None
    ids = selectors.subtree_ids(selectors.results_scope(head), first)
    today = clock.today()
    # The latest month of the demo whose comments are released: the demo shows this journey.
    months = list(reversed(periods.between(periods.MONTH, today.replace(year=today.year - 1, month=1, day=1), today)))
    released = next(
        (
            m
            for m in months
            if selectors.low_score_comments(
                template, m.start, m.end, organization_ids=[i for i in ids if i in readable]
            ).state
            == "shown"
        ),
        None,
    )
    assert released is not None, "the demo has no month whose comments a head may read"
    base = live_server.url
    for page, width, suffix in ((desktop, 1280, ""), (phone, 360, "-phone")):
        _login(page, base, "chutich")
        page.goto(f"{base}{DASHBOARD}?template=sipas-2017&period={today.year}")
        held = page.locator(".sv-comments .sv-comments-held")
        expect(held).to_be_visible()
        expect(page.locator(".sv-comment-list")).to_have_count(0)
        page.locator("#comments-heading").scroll_into_view_if_needed()
        shot(page, f"comments-held{suffix}")
        page.goto(f"{base}{DASHBOARD}?template=sipas-2017&period={released}")
        items = page.locator(".sv-comments .sv-comment-list li")
        expect(items.first).to_be_visible()
        text = page.locator(".sv-comments").inner_text()
        assert released.label in text  # the period is named once, in the help line
        assert "sv-month" not in page.locator(".sv-comments").inner_html()  # no per-comment date
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.locator("#comments-heading").scroll_into_view_if_needed()
        shot(page, f"comments-shown{suffix}")
        assert page.console_errors == []
        menu_open(page)  # at 360 px the sign-out is in the folded menu (ui/_main_nav.html)
        page.locator("header form[action='/dang-xuat/'] button").click()
        page.wait_for_load_state()

    # The citizen's rating form words the same rule with the same numbers.
    rating = SurveyTemplate.objects.get(code="case-rating")
    phone.goto(f"{base}/danh-gia/?k={invitations.rating_token(answered_cases[0].pk)}")
    promise = phone.locator("#comment-promise")
    expect(promise).to_contain_text(f"ít nhất {rating.comment_min_respondents} người")
    expect(promise).to_contain_text(f"{rating.comment_delay_days} ngày sau khi kỳ đó kết thúc")
    promise.scroll_into_view_if_needed()
    shot(phone, "comments-rating-promise-phone")
