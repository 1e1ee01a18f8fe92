"""The demo shows the places journeys: a pin-only petition placed by its point, and one with no place
in the reception board's intake queue, whose owner (tiepdan) is told. Seeding twice changes nothing."""

import pytest

from danvan.cases.choices import Channel
from danvan.cases.demo import demo_cases_seed
from danvan.cases.models import Case, IntakeQueue
from danvan.notifications.models import Notification
from danvan.org import places
from danvan.org.demo import demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_places_a_pin_and_queues_a_petition_with_no_place_once(frozen_clock):
    demo_seed(46)
    places.unit_places_load()
    demo_cases_seed(46)
    pinned = Case.objects.get(channel=Channel.WEB, idempotency_key="demo-6")
    assert (pinned.place_unit.name, pinned.handling_organization.code) == ("Phường Vỹ Dạ", "46-19777-ubnd")
    unplaced = Case.objects.get(channel=Channel.WEB, idempotency_key="demo-5")
    assert unplaced.place_unit is None and unplaced.handling_organization.code == "46-ban-tcd"
    told = Notification.objects.filter(template="unplaced_intake", channel="in_app")
    # demo-4 ("phu xuan, tt hue") fits several communes of Huế: it waits in the queue too.
    about = [n.about_id for n in told if n.about_id is not None]
    assert sorted(Case.objects.filter(pk__in=about).values_list("idempotency_key", flat=True)) == ["demo-4", "demo-5"]
    assert len(about) == 2 and {n.recipient.username for n in told if n.recipient} == {"tiepdan"}
    assert sorted(IntakeQueue.objects.values_list("province__code", "organization__code", "owner__username"),
                  key=str) == [(46, "46-ban-tcd", "tiepdan"), (None, "46-ban-tcd", "tiepdan")]  # fmt: skip

    before = (Case.objects.count(), IntakeQueue.objects.count(), Notification.objects.count())
    demo_seed(46)
    places.unit_places_load()
    demo_cases_seed(46)
    assert (Case.objects.count(), IntakeQueue.objects.count(), Notification.objects.count()) == before
