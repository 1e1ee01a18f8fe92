"""A matter that grows fast: many people join one matter within a day or two, most of its people new. Raised
at intake beside the "many people" alert, each on its own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation

from danvan.cases.tests.factories import submit
from danvan.core.clock import VIETNAM
from danvan.insight.models import Alert, AlertKind
from danvan.insight.services import duplicates as services
from danvan.insight.tests.duplicates.helpers import SAME, letter
from danvan.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def world():
    from danvan.cases.tests.factories import make_world

    return make_world()


def _on(frozen_clock, day: dt.date) -> None:
    frozen_clock.move_to(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VIETNAM))


def _growing() -> Alert:
    return Alert.objects.get(kind=AlertKind.MATTER_GROWING)


def test_three_people_in_two_days_raise_one_growing_alert_with_its_figures(world, frozen_clock):
    _on(frozen_clock, dt.date(2026, 2, 4))
    first = letter(0)
    _on(frozen_clock, dt.date(2026, 2, 5))
    second = letter(1)
    assert not Alert.objects.exists()  # two people: not yet
    with translation.override("en"):
        third = letter(2)
    alert = _growing()
    assert alert.key == f"growing:matter:{first.pk}" and alert.organization_id == world.phuong.pk
    assert alert.unit_id == first.place_unit_id
    assert alert.figures == {
        "recent_people": 3,
        "recent_days": 2,
        "people": 3,
        "cases": 3,
        "threshold_people": 3,
        "title": {"title": third.title},
    }  # the title's parts: shown in the reader's language
    with translation.override("en"):
        assert alert.display_title == f"A matter growing fast: {third.title}"
    assert alert.summary == (
        "3 of the 3 people on what looks like one matter joined it within 2 days (up to 05/02/2026)."
    )
    assert sorted(alert.cases.values_list("pk", flat=True)) == sorted([first.pk, second.pk, third.pk])
    assert list(Alert.objects.values_list("kind", flat=True)) == [AlertKind.MATTER_GROWING]  # 3 < 5: no mass
    told = set(Notification.objects.filter(about_kind="insight.alert", about_id=alert.pk).values_list(
        "recipient__username", flat=True))  # fmt: skip
    assert told == {"chutich", "danvan"}


def test_a_fourth_person_adds_to_the_open_growing_alert(world, frozen_clock):
    _on(frozen_clock, dt.date(2026, 2, 4))
    first = letter(0)
    _on(frozen_clock, dt.date(2026, 2, 5))
    letter(1), letter(2)
    alert = _growing()
    notices = Notification.objects.filter(about_kind="insight.alert").count()
    fourth = letter(0)
    assert Alert.objects.filter(kind=AlertKind.MATTER_GROWING).count() == 1
    again = _growing()
    assert again.pk == alert.pk and again.key == f"growing:matter:{first.pk}"
    assert {k: v for k, v in again.figures.items() if k != "title"} == {
        "recent_people": 4, "recent_days": 2, "people": 4, "cases": 4, "threshold_people": 3}  # fmt: skip
    assert fourth.pk in set(again.cases.values_list("pk", flat=True))
    assert Notification.objects.filter(about_kind="insight.alert").count() == notices  # nobody told twice
    # the title stays the one its notices named (the third letter's), not the fourth letter's
    assert again.figures["title"] == alert.figures["title"] == {"title": SAME[2][0]} != {"title": fourth.title}


def test_three_people_spread_over_twenty_days_raise_nothing(world, frozen_clock):
    for day in (dt.date(2026, 1, 16), dt.date(2026, 1, 26), dt.date(2026, 2, 5)):
        _on(frozen_clock, day)
        letter(day.day % 3)
    assert not Alert.objects.exists()


def test_an_old_matter_that_three_more_people_join_does_not_grow_fast(world, frozen_clock):
    """Three people long ago and three now: exactly half of the matter is new, so it is not growing fast."""
    _on(frozen_clock, dt.date(2026, 1, 5))
    letter(0, people_count=2)
    _on(frozen_clock, dt.date(2026, 1, 20))
    letter(0)
    _on(frozen_clock, dt.date(2026, 2, 5))
    letter(1, people_count=2)
    assert not Alert.objects.filter(kind=AlertKind.MATTER_GROWING).exists()
    letter(2)  # 3 of 6 people joined in the last two days: half, not more
    assert not Alert.objects.filter(kind=AlertKind.MATTER_GROWING).exists()
    assert Alert.objects.get(kind=AlertKind.MASS_COMPLAINT).figures["people"] == 6


def test_a_matter_both_large_and_growing_fast_has_both_alerts_each_on_its_own(world, frozen_clock):
    first = letter(0, people_count=2)
    letter(1, people_count=3)
    kinds = dict(Alert.objects.values_list("kind", "key"))
    assert kinds == {
        AlertKind.MASS_COMPLAINT: f"matter:{first.pk}",
        AlertKind.MATTER_GROWING: f"growing:matter:{first.pk}",
    }


def test_a_linked_matter_grows_under_its_group_key(world):
    first = letter(0, people_count=2)
    flood = letter(1, same=False)
    assert not Alert.objects.exists()
    group = services.matter_link(actor=world.handler, case=first, other_id=flood.pk)
    assert _growing().key == f"growing:group:{group.pk}" and _growing().figures["people"] == 3


def test_linking_a_matter_that_already_has_alerts_moves_them_to_the_group_not_a_second_pair(world):
    """Three letters raised the growing alert under ``growing:matter:<first>``; a handler then links a fourth,
    differently written case to the matter: the same alert carries on under the group's key (one matter, one
    alert of each kind), with the fourth case and two more people; nobody is told twice."""
    cases = [letter(i) for i in range(3)]
    alert = _growing()
    assert alert.key == f"growing:matter:{cases[0].pk}"
    told = Notification.objects.filter(about_kind="insight.alert", about_id=alert.pk)
    notices = told.count()
    assert notices > 0
    flood = letter(1, same=False, people_count=2)
    group = services.matter_link(actor=world.handler, case=cases[0], other_id=flood.pk)
    assert set(Alert.objects.values_list("kind", "key")) == {
        (AlertKind.MATTER_GROWING, f"growing:group:{group.pk}"),
        (AlertKind.MASS_COMPLAINT, f"group:{group.pk}"),  # 5 people now: the matter's first mass alert
    }
    assert _growing().pk == alert.pk and _growing().figures["people"] == 5
    assert flood.pk in set(_growing().cases.values_list("pk", flat=True))
    assert told.count() == notices  # nobody told twice about the growing matter


@override_settings(DANVAN_INSIGHT_GROWING_PEOPLE=4, DANVAN_INSIGHT_GROWING_DAYS=30)
def test_the_people_and_days_are_settings(world, frozen_clock):
    for day in (dt.date(2026, 1, 16), dt.date(2026, 1, 26), dt.date(2026, 2, 5)):
        _on(frozen_clock, day)
        letter(day.day % 3)
    assert not Alert.objects.exists()  # three people in 30 days: four needed
    letter(0)
    assert {k: v for k, v in _growing().figures.items() if k != "title"} == {
        "recent_people": 4, "recent_days": 30, "people": 4, "cases": 4, "threshold_people": 4}  # fmt: skip


def test_a_to_cao_never_raises_nor_counts_nor_names_a_matters_alert(world):
    """Alerts are read by dân vận officers, who may not read denunciations: a tố cáo of the ward's own body on
    the same matter is not counted (two letters: no alert), raises nothing itself, and the alert the third letter
    raises holds and names only the letters."""
    _title, content = SAME[0]
    to_cao = submit(track="to_cao", title="Tố cáo cán bộ phường về đèn đường", content=content,
                    is_anonymous=True).case  # fmt: skip
    assert to_cao.handling_organization_id == world.phuong.pk
    letter(1)
    assert not Alert.objects.exists()  # one letter and the tố cáo: not three people
    assert services.matter_check(case_id=to_cao.pk) == []
    letter(2), letter(0)
    alert = _growing()
    assert alert.figures["people"] == 3 and to_cao.pk not in set(alert.cases.values_list("pk", flat=True))
    assert "Tố cáo" not in alert.display_title and "Tố cáo" not in alert.title


def test_the_alert_page_shows_a_growing_matter_with_its_figures(world, frozen_clock):
    _on(frozen_clock, dt.date(2026, 2, 4))
    first = letter(0)
    _on(frozen_clock, dt.date(2026, 2, 5))
    letter(1), letter(2)
    alert = _growing()
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.dan_van)
    listing = client.get("/dan-y/canh-bao/")
    assert listing.status_code == 200 and f'data-id="{alert.pk}"' in listing.text
    assert "A matter growing fast" in listing.text
    page = client.get(f"/dan-y/canh-bao/{alert.pk}/")
    assert page.status_code == 200 and first.tracking_code in page.text
    assert dict(page.context["figures"]) == {
        "People who joined in the last days": 3, "Days counted as recent": 2, "People": 3, "Petitions": 3,
        "People from which it is raised": 3,
    }  # fmt: skip
    assert "<dt>People who joined in the last days</dt><dd>3</dd>" in page.text
    assert page.context["series_chart"] is None


def test_the_alert_page_names_the_topic_not_its_code(world):
    from danvan.cases.models import TopicCategory
    from danvan.insight.services.alerts import alert_raise

    topic = TopicCategory.objects.filter(is_active=True).order_by("code").first()
    assert topic is not None and topic.name != topic.code
    alert, _created = alert_raise(kind=AlertKind.MATTER_GROWING, key="growing:matter:1", organization=world.phuong,
                                  topic=topic.code, title_parts={"title": "Sạt lở"})  # fmt: skip
    client = Client()
    client.force_login(world.dan_van)
    page = client.get(f"/dan-y/canh-bao/{alert.pk}/")
    assert f" · {topic.name}</p>" in page.text and f" · {topic.code}<" not in page.text


def test_growth_is_judged_as_of_today_so_a_later_check_raises_no_stale_alert(world, frozen_clock, settings):
    """Three letters of 4 February, checked again on 8 February (staff link them then, which runs the check):
    the matter grew fast four days ago, not now — no alert "up to 04/02" raised late."""
    _on(frozen_clock, dt.date(2026, 2, 4))
    settings.DANVAN_INSIGHT_GROWING_PEOPLE = 99  # nothing raised at intake
    cases = [letter(i) for i in range(3)]
    settings.DANVAN_INSIGHT_GROWING_PEOPLE = 3
    _on(frozen_clock, dt.date(2026, 2, 8))
    assert services.matter_check(case_id=cases[0].pk) == []
    _on(frozen_clock, dt.date(2026, 2, 5))  # the day after: still within the two days
    assert [a.kind for a, _created in services.matter_check(case_id=cases[0].pk)] == [AlertKind.MATTER_GROWING]
