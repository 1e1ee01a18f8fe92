"""'Dân nói gì' in a real browser on the demo's data, at 360 px and on a desktop: the head of the demo ward reads
the topics with their weekly columns, renames one, and the worst-rated themes page opens. Screenshots:
var/screenshots/insight-topics-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.core.testing.browser import login, reference_data_restore, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Any, base: str, username: str) -> None:
    from danvan.org.demo import DEMO_PASSWORD

    login(page, base, username, DEMO_PASSWORD)


def test_the_head_reads_and_renames_topics(reseeded_afterwards, live_server, desktop, phone):
    from playwright.sync_api import expect

    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.insight.demo import demo_insight_seed
    from danvan.org.demo import demo_seed
    from danvan.surveys.demo import demo_surveys_seed

    reference_data_restore()
    demo_seed(46)
    demo_cases_seed(46)
    answered = demo_answered_cases_seed()
    demo_surveys_seed(46, rated_case_ids=[c.pk for c in answered[1:]])
    lines = demo_insight_seed("x")
    assert any("/dan-y/chu-de/" in line for line in lines), lines
    for page, size in ((desktop, "desktop"), (phone, "360")):
        _login(page, live_server.url, "chutich")  # the ward head (the demo's dân vận officer has no subtree)
        page.goto(live_server.url + reverse("insight:topic_list"))
        topics = page.locator("section.topic")
        expect(topics.first).to_be_visible()
        expect(topics.first.locator("svg.chart")).to_be_visible()
        expect(topics.first.locator("[data-tone]")).to_be_visible()  # the demo's tone model is on
        expect(page.locator("#tone-off")).to_have_count(0)
        shot(page, f"insight-topics-{size}")
        assert not page.console_errors
    # a topic holds cases of bodies beyond the ward: renaming it is for someone whose role covers them all
    desktop.context.clear_cookies()
    _login(desktop, live_server.url, "quantri")
    desktop.goto(live_server.url + reverse("insight:topic_list"))
    first = desktop.locator("section.topic").first
    first.locator("details.rename summary").click()
    first.locator("input[name=label]").fill("Ngập úng đô thị")
    first.locator("form[action*='doi-ten'] button[type=submit]").click()
    expect(desktop.locator("section.topic h2", has_text="Ngập úng đô thị")).to_be_visible()
    desktop.goto(live_server.url + reverse("insight:worst_rated"))
    expect(desktop.locator("table#worst")).to_be_visible()
    shot(desktop, "insight-topics-worst-desktop")
