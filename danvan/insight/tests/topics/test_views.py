"""The pages: 'Dân nói gì' for heads, dân vận and Front officers in scope (404 for others), tone off said so,
renaming and labelling through the page, and the worst-rated themes with their minimum count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from danvan.cases.tests.factories import make_world
from danvan.core import clock
from danvan.insight.models import DiscoveredTopic, ToneLabel
from danvan.insight.selectors.topics import WORST_MIN_RATINGS
from danvan.insight.services import topics as services
from danvan.insight.tests.topics.helpers import rate, themed_cases
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def run(world):
    themed_cases(5)
    today = clock.today()
    return services.topic_run_discover(starts_on=today - dt.timedelta(days=6), ends_on=today, k=2)


def test_the_page_shows_topics_in_scope_and_says_tone_is_off(world, run):
    page = _client(world.head).get(reverse("insight:topic_list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="card topic"') == 2 and 'id="tone-off"' in html and "<svg" in html
    assert "data-case=" in html


def test_front_officers_read_it_in_scope_and_others_get_404(world, run):
    front = officer("mattran", Role.FRONT_OFFICER, world.other)
    page = _client(front).get(reverse("insight:topic_list"))
    assert page.status_code == 200 and 'class="card topic"' not in page.content.decode()
    assert _client(world.handler).get(reverse("insight:topic_list")).status_code == 404
    assert _client(world.citizen).get(reverse("insight:topic_list")).status_code == 404
    assert Client().get(reverse("insight:topic_list")).status_code == 302


def test_the_place_filter_keeps_the_cases_of_that_commune_or_province(world, run):
    from danvan.insight.selectors import topics as selectors

    case_unit = run.topics.first().examples.first().case.place_unit
    client = _client(world.dan_van)
    page = client.get(reverse("insight:topic_list"), {"run": run.pk, "place": case_unit.pk})
    assert page.status_code == 200 and page.content.decode().count('class="card topic"') == 2
    page = client.get(reverse("insight:topic_list"), {"run": run.pk, "place": case_unit.province_id})
    assert page.content.decode().count('class="card topic"') == 2
    assert selectors.topics_for(user=world.dan_van, run=run, place=world.other.unit) == []


def test_renaming_and_labelling_through_the_page(world, run):
    client = _client(world.head)
    topic = run.topics.first()
    answer = client.post(reverse("insight:topic_rename", args=[topic.pk]), {"label": "Môi trường"})
    assert answer.status_code == 302
    assert DiscoveredTopic.objects.get(pk=topic.pk).label == "Môi trường"
    case_id = run.topics.first().examples.first().case_id
    answer = client.post(reverse("insight:tone_label"), {"case": case_id, "tone": "negative", "next": "/dan-y/chu-de/"})
    assert answer.status_code == 302 and ToneLabel.objects.get().tone == "negative"
    # a handler may do neither
    other = _client(world.handler)
    assert other.post(reverse("insight:topic_rename", args=[topic.pk]), {"label": "x"}).status_code == 404
    assert other.post(reverse("insight:tone_label"), {"case": case_id, "tone": "neutral"}).status_code == 404


def test_worst_rated_themes_from_the_minimum_count(world):
    for i in range(WORST_MIN_RATINGS):
        rate(world.phuong, 1 + i % 2, topic="moi-truong")
    for _ in range(WORST_MIN_RATINGS - 1):
        rate(world.phuong, 1, topic="dat-dai")  # one short of the minimum: not shown
    for _ in range(WORST_MIN_RATINGS):
        rate(world.phuong, 5, topic="ha-tang")
    page = _client(world.head).get(reverse("insight:worst_rated"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-theme="moi-truong"' in html and 'data-theme="ha-tang"' in html and "dat-dai" not in html
    assert html.index("moi-truong") < html.index("ha-tang")
    other_head = officer("chutich2", Role.HEAD, world.other)
    assert "moi-truong" not in _client(other_head).get(reverse("insight:worst_rated")).content.decode()


def test_the_ratings_of_to_cao_are_never_a_theme_nor_a_tone_example(world):
    from danvan.insight.selectors.tone import rated_comments

    for _ in range(WORST_MIN_RATINGS):
        rate(world.phuong, 1, "Người bị tố cáo vẫn đe doạ tôi", topic="tham-nhung", service="to_cao")
    rate(world.phuong, 4, "Cán bộ trả lời rõ ràng", topic="ha-tang")
    assert rated_comments() == [("Cán bộ trả lời rõ ràng", 4)]
    html = _client(world.dan_van).get(reverse("insight:worst_rated")).content.decode()
    assert "tham-nhung" not in html


def test_with_a_tone_model_the_page_shows_tone_shares_and_the_models_figures(world):
    from danvan.insight.services.tone import tone_train
    from danvan.insight.tests.topics.helpers import ratings_with_comments

    ratings_with_comments(world.phuong)
    tone_train()
    themed_cases(4)
    today = clock.today()
    services.topic_run_discover(starts_on=today - dt.timedelta(days=6), ends_on=today, k=2)
    html = _client(world.head).get(reverse("insight:topic_list")).content.decode()
    assert 'id="tone-on"' in html and "data-tone" in html and 'id="tone-off"' not in html


def test_labelling_never_sends_the_reader_to_another_site(world, run):
    case_id = run.topics.first().examples.first().case_id
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        answer = _client(world.head).post(reverse("insight:tone_label"), {"case": case_id, "tone": "neutral",
                                                                          "next": target})  # fmt: skip
        assert answer.status_code == 302 and "evil" not in answer["Location"]
