"""The demo trains a routing model from its handled petitions and shows a suggestion on a new one."""

from __future__ import annotations

import pytest

from danvan.insight.models import ModelKind, ModelVersion, RoutingSuggestion

pytestmark = pytest.mark.django_db


def test_the_demo_trains_a_routing_model_and_suggests(settings):
    from danvan.cases.demo import demo_cases_seed
    from danvan.insight.demo import ROUTE_NEW_KEY, demo_route_seed
    from danvan.insight.services import route
    from danvan.org.demo import demo_seed

    route._loaded.clear()
    demo_seed(46)
    demo_cases_seed(46)
    lines = demo_route_seed(history=48)
    assert lines and "/van-hanh/ho-so/" in lines[0]
    assert ModelVersion.objects.filter(kind=ModelKind.ROUTE, in_use=True).count() == 1
    row = RoutingSuggestion.objects.get(case__idempotency_key=ROUTE_NEW_KEY)
    assert row.suggestions and row.suggestions[0]["topic"] == "moi-truong"
    assert demo_route_seed(history=48) == lines  # run again: nothing new
    route._loaded.clear()
