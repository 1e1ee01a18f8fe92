"""The digest's usual week names the weeks it is the mean of: eight, fewer in a younger deployment (the weeks
its data cover), or none; the count comes from the selector (``Digest.usual_weeks``)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client

from danvan.core import clock
from danvan.insight.tests.warnings.conftest import TODAY, case_on

pytestmark = pytest.mark.django_db

MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())  # 2 Feb 2026


def _digest(world, week: dt.date = MONDAY):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.dan_van)
    page = client.get(f"/dan-y/tinh-hinh/?co_quan={world.phuong.pk}&tuan={week}")
    assert page.status_code == 200
    printed = client.get(f"/dan-y/tinh-hinh/in/?co_quan={world.phuong.pk}&tuan={week}")
    assert printed.status_code == 200
    return page.context["digest"], page.text, printed.text


@pytest.fixture
def world(frozen_clock):
    from danvan.cases.tests.factories import make_world

    assert clock.today() == TODAY  # the frozen clock
    return make_world()


def test_three_weeks_of_data_give_the_usual_of_three_weeks(world):
    case_on(MONDAY - dt.timedelta(days=21))  # Monday 12 Jan: the deployment's first case
    for back in (1, 2, 9):
        case_on(MONDAY - dt.timedelta(days=back))
    case_on(MONDAY + dt.timedelta(days=1))
    digest, page, printed = _digest(world)
    assert (digest.now, digest.before, digest.usual_weeks, digest.usual) == (1, 2, 3, 4 / 3)
    assert "<dt>Usual week (3 weeks before)</dt><dd>1.3</dd>" in page
    assert "8 weeks" not in page
    assert re.search(r"trung bình 3 tuần trước: 1[.,]3\b", printed)


def test_one_week_of_data_says_one_week(world):
    case_on(MONDAY - dt.timedelta(days=3))  # Friday 30 Jan
    case_on(MONDAY - dt.timedelta(days=2))
    digest, page, _printed = _digest(world)
    assert (digest.usual_weeks, digest.usual) == (1, 2.0)
    assert "<dt>Usual week (1 week before)</dt><dd>2.0</dd>" in page


def test_a_deployment_older_than_eight_weeks_takes_eight(world):
    case_on(MONDAY - dt.timedelta(days=120))  # long before: outside the eight weeks, not counted
    for back in (1, 8, 50):
        case_on(MONDAY - dt.timedelta(days=back))
    digest, page, printed = _digest(world)
    assert (digest.usual_weeks, digest.usual) == (8, 3 / 8)
    assert "<dt>Usual week (8 weeks before)</dt><dd>0.4</dd>" in page
    assert re.search(r"trung bình 8 tuần trước: 0[.,]4\b", printed)


def test_a_first_week_has_no_earlier_weeks(world):
    for back in (0, 1, 2):
        case_on(MONDAY + dt.timedelta(days=back))
    digest, page, printed = _digest(world)
    assert (digest.now, digest.usual_weeks, digest.usual) == (3, 0, 0.0)
    assert "<dt>Usual week (no earlier weeks)</dt><dd>—</dd>" in page
    assert "chưa có số liệu các tuần trước" in printed


def test_a_week_before_the_first_case_has_no_earlier_weeks_either(world):
    case_on(MONDAY)
    digest, page, _printed = _digest(world, MONDAY - dt.timedelta(weeks=2))
    assert (digest.now, digest.usual_weeks) == (0, 0)
    assert "Usual week (no earlier weeks)" in page
