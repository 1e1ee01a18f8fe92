"""The insight hub (/dan-y/): one menu entry for every part of insight, current on each of their pages; the page
lists exactly the parts the reader may open, each with its live figure in the reader's scope, and a reader who may
open none gets 404 (like every insight page), never a page with nothing on it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import resolve, reverse

from danvan.insight.models import Alert, AlertStatus
from danvan.insight.services.topics import topic_run_discover
from danvan.insight.services.warnings import warnings_detect
from danvan.insight.tests.topics.helpers import themed_cases
from danvan.insight.tests.warnings.conftest import TODAY
from danvan.org.choices import Role
from danvan.org.tests.factories import officer
from danvan.ui import registry

pytestmark = pytest.mark.django_db

HUB = "/dan-y/"
ALL = ["alerts", "digest", "hotspots", "topics", "worst_rated"]
PAGES = {"alerts": "/dan-y/canh-bao/", "digest": "/dan-y/tinh-hinh/", "hotspots": "/dan-y/diem-nong/",
         "topics": "/dan-y/chu-de/", "worst_rated": "/dan-y/danh-gia-thap/"}  # fmt: skip


def _client(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def _parts(html: str) -> list[str]:
    return re.findall(r'data-part="([a-z_]+)"', html)


def _figures(page) -> dict[str, int | None]:
    return {row.part.key: row.figure for row in page.context["rows"]}


def _menu(user, path: str):
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    return registry.menu_for(request)["work"]


@pytest.fixture
def front(surge_world):
    return officer("mattran", Role.FRONT_OFFICER, surge_world.world.ubnd_tinh, subtree=True)


def test_each_role_sees_exactly_the_parts_it_may_open_with_their_links(surge_world, front):
    world = surge_world.world
    for user, parts in ((world.dan_van, ALL), (world.head, ALL), (front, ALL[1:])):
        page = _client(user).get(HUB)
        assert page.status_code == 200, user
        html = page.content.decode()
        assert _parts(html) == parts
        links = re.findall(r'<h2><a href="([^"]+)">', html)
        assert links == [PAGES[part] for part in parts]
        for link in links:  # every link the hub shows opens for this reader
            assert _client(user).get(link).status_code == 200, (user, link)
    # the Front officer has no alerts: neither the card nor the address
    assert "/dan-y/canh-bao/" not in _client(front).get(HUB).content.decode()
    assert _client(front).get(PAGES["alerts"]).status_code == 404


@pytest.mark.parametrize("who", ["handler", "inspector", "citizen", "other_handler"])
def test_a_reader_with_none_of_the_parts_gets_404_not_an_empty_page(surge_world, who):
    user = getattr(surge_world.world, who)
    for query in ("", "?x=1", "?page=abc"):  # nothing the reader sends turns the refusal into something else
        page = _client(user).get(HUB + query)
        assert page.status_code == 404
        assert "insight-parts" not in page.content.decode()
        assert "insight/staff/hub.html" not in [t.name for t in page.templates]


def test_anonymous_is_sent_to_sign_in():
    page = Client().get(HUB)
    assert page.status_code == 302 and page["Location"].startswith(reverse("web:login"))


def test_the_figures_count_the_readers_scope(surge_world, front):
    world = surge_world.world
    assert warnings_detect().raised == 1
    this_week = [c for c in surge_world.surge + surge_world.roads + surge_world.usual
                 if c.received_on >= TODAY - dt.timedelta(days=TODAY.weekday())]  # fmt: skip
    assert len(this_week) == 7  # Monday 2 to Thursday 5 February
    no_run = {"alerts": 1, "digest": 7, "hotspots": None, "topics": None, "worst_rated": None}
    assert _figures(_client(world.dan_van).get(HUB)) == no_run
    assert _figures(_client(world.head).get(HUB)) == no_run
    assert _figures(_client(front).get(HUB)) == {k: v for k, v in no_run.items() if k != "alerts"}
    # Kim Long's head reads none of Phú Xuân's cases or alerts
    other_head = officer("chutich2", Role.HEAD, world.other)
    assert _figures(_client(other_head).get(HUB)) == {**no_run, "alerts": 0, "digest": 0}
    # an alert looked into is no longer open
    Alert.objects.update(status=AlertStatus.ACKNOWLEDGED)
    assert _figures(_client(world.dan_van).get(HUB))["alerts"] == 0


def test_the_topics_figure_is_the_latest_runs_count(surge_world):
    themed_cases(5)
    topic_run_discover(starts_on=TODAY - dt.timedelta(days=6), ends_on=TODAY, k=2)
    page = _client(surge_world.world.head).get(HUB)
    assert _figures(page)["topics"] == 2
    assert re.search(r'data-part="topics".*?<dd data-figure>2</dd>', page.content.decode(), re.S)
    # Kim Long's head: the topics page shows none of Phú Xuân's topics, so the hub counts none either
    other_head = officer("chutich2", Role.HEAD, surge_world.world.other)
    assert _figures(_client(other_head).get(HUB))["topics"] == 0
    assert "data-topic=" in _client(surge_world.world.head).get(reverse("insight:topic_list")).content.decode()
    assert "data-topic=" not in _client(other_head).get(reverse("insight:topic_list")).content.decode()


def test_the_hub_reads_a_fixed_number_of_queries(surge_world, django_assert_num_queries):
    client = _client(surge_world.world.dan_van)
    client.get(HUB)
    with django_assert_num_queries(6):  # pinned: the figures are one count each, whatever the scope
        assert client.get(HUB).status_code == 200


def test_one_menu_entry_for_insight_current_on_every_part(surge_world, front):
    world = surge_world.world
    warnings_detect()
    alert = Alert.objects.get()
    paths = [HUB, *PAGES.values(), f"/dan-y/canh-bao/{alert.pk}/", "/dan-y/diem-nong/ho-so/"]
    for path in paths:
        work = _menu(world.dan_van, path)
        insight = [link.key for link in work if link.key.startswith("insight.")]
        assert insight == ["insight.hub"], path
        assert [link.key for link in work if link.current] == ["insight.hub"], path
    assert "insight.hub" in [link.key for link in _menu(front, "/")]
    assert not any(link.current for link in _menu(world.dan_van, "/") if link.key == "insight.hub")
    for user in (world.handler, world.inspector, world.citizen, AnonymousUser()):
        assert "insight.hub" not in [link.key for link in _menu(user, "/")]
