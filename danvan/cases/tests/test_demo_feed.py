"""The demo fills the public feed: Huế reports on the map with photos before and after, once."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.cases import selectors_feed
from danvan.cases.choices import Status
from danvan.cases.models import Attachment, Case, CaseSupport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_the_demo_seeds_public_reports_with_photos_before_and_after_once():
    from danvan.cases.demo import PUBLIC, demo_cases_seed, demo_public_feedback_seed
    from danvan.org.demo import demo_seed

    demo_seed(46)
    demo_cases_seed(46)
    cases = demo_public_feedback_seed()
    assert [c.status for c in cases] == [Status.ANSWERED, Status.ANSWERED, Status.REGISTERED, Status.REGISTERED]
    assert [c.reopened_on is not None for c in cases] == [False, False, False, True]
    feed = list(selectors_feed.feed_list())
    assert {c.pk for c in feed} == {c.pk for c in cases}
    assert len(selectors_feed.feed_markers()) == len(PUBLIC)
    lamp: Any = selectors_feed.feed_get(tracking_code=cases[0].tracking_code)  # annotated with its photos, count
    assert [p.kind for p in lamp.public_photos] == [Attachment.Kind.EVIDENCE, Attachment.Kind.AFTER]
    assert lamp.public_answer.startswith("Điện lực Huế") and lamp.support_count == 4
    assert "0935111222" not in lamp.public_text and "Nguyễn Thị Lan" not in lamp.public_text

    before = (Case.objects.count(), Attachment.objects.count(), CaseSupport.objects.count())
    assert [c.pk for c in demo_public_feedback_seed()] == [c.pk for c in cases]
    assert (Case.objects.count(), Attachment.objects.count(), CaseSupport.objects.count()) == before


def test_the_demo_has_a_report_taken_off_the_public_page_once():
    from danvan.cases.demo import demo_cases_seed
    from danvan.cases.demo_moderation import demo_public_moderation_seed
    from danvan.org.demo import demo_seed

    demo_seed(46)
    demo_cases_seed(46)
    case = demo_public_moderation_seed()
    assert case is not None and case.public_hidden_reason == "personal_data"
    assert (case.status, case.handler.username if case.handler else "") == (Status.REGISTERED, "xuly")
    assert selectors_feed.case_on_public_track(case) and not selectors_feed.case_is_public(case)
    assert not selectors_feed.feed_list().filter(pk=case.pk).exists()
    before = Case.objects.count()
    again = demo_public_moderation_seed()
    assert again is not None and again.pk == case.pk and Case.objects.count() == before
