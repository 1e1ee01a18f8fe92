"""The demo's matter that grows fast: three neighbours on one landslide, yesterday and today."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.cases.models import Case
from danvan.insight.models import Alert, AlertKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_the_demo_raises_a_growing_matter_once():
    from danvan.cases.demo import demo_cases_seed
    from danvan.insight.demo import demo_growing_seed
    from danvan.org.demo import demo_seed

    demo_seed(46)
    demo_cases_seed(46)
    lines = demo_growing_seed("x")
    letters = Case.objects.filter(idempotency_key__startswith="demo-grow-").order_by("idempotency_key")
    assert [c.received_on for c in letters] == [dt.date(2026, 2, 4), dt.date(2026, 2, 5), dt.date(2026, 2, 5)]
    alert = Alert.objects.get(kind=AlertKind.MATTER_GROWING, cases__pk=letters[2].pk)
    assert alert.figures["recent_people"] == 3 and alert.figures["people"] == 3
    assert not Alert.objects.filter(kind=AlertKind.MASS_COMPLAINT, cases__pk=letters[2].pk).exists()
    assert lines == [f"Vụ việc tăng nhanh (3 người trong 2 ngày; chutich): http://x/dan-y/canh-bao/{alert.pk}/"]
    assert demo_growing_seed("x") == lines  # again: nothing new
    assert Case.objects.filter(idempotency_key__startswith="demo-grow-").count() == 3
