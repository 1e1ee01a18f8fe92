"""The demo's conference: last year's in the demo ward's tdp-1 (the village made here as the villages
demo would), with its three reports and the execution of a matter decided that year. Twice: no change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.democracy import demo_conferences
from danvan.democracy.enums import MatterStatus
from danvan.democracy.models import Conference, ConferenceItem, ConferenceReport
from danvan.democracy.tests.conferences.helpers import matter
from danvan.democracy.tests.factories import households, village
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.demo import demo_seed
from danvan.org.models import AdministrativeUnit, Organization

pytestmark = pytest.mark.django_db


def test_the_demo_conference_once(frozen_clock: Any) -> None:
    demo_seed(46)
    assert demo_conferences.seed("127.0.0.1:8000")[0].startswith("Hội nghị cộng đồng dân cư: chưa có")
    assert Conference.objects.count() == 0
    commune = (AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province__code=46)
               .order_by("code").first())  # fmt: skip
    ubnd = Organization.objects.get(code=f"46-{commune.code}-ubnd")
    v = village(commune, ubnd, "tdp-1", "Tổ dân phố 1")
    households(v, 8)

    class W:  # what helpers.matter needs
        village, phuong = v, ubnd

    decided = matter(W, status=MatterStatus.IN_FORCE, decided_on=dt.date(2025, 5, 2))
    lines = demo_conferences.seed("127.0.0.1:8000")
    c = Conference.objects.get()
    assert (c.village, c.year, c.held_on, c.households_total, c.present) == (v, 2025, dt.date(2025, 12, 20), 8, 6)
    assert ConferenceReport.objects.filter(conference=c).count() == 3
    assert list(ConferenceItem.objects.values_list("matter", "status")) == [(decided.pk, "in_progress")]
    assert f"http://127.0.0.1:8000/dan-chu/hoi-nghi/{c.pk}/" in lines[0]
    demo_conferences.seed("127.0.0.1:8000")
    assert (Conference.objects.count(), ConferenceReport.objects.count(), ConferenceItem.objects.count()) == (1, 3, 1)
