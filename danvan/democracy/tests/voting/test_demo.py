"""The demo's online vote: seeded over the villages part's tdp-2 (made here as that part's seed would),
idempotent, with the vote open and a few ballots cast."""

from __future__ import annotations

import pytest

from danvan.democracy import demo_voting
from danvan.democracy.enums import VoteRoundStatus
from danvan.democracy.models import OnlineBallot, OnlineVoter, VoteRound
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_an_open_vote_once(db, frozen_clock):
    from danvan.org.demo import demo_seed

    demo_seed(46)
    from danvan.democracy import demo_villages

    demo_villages.seed("127.0.0.1:8000")
    if not demo_voting._village():  # the villages part's seed is not on this branch yet: make its tdp-2
        from danvan.democracy.selectors.communes import commune_committee
        from danvan.democracy.tests.factories import households, village

        units = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province__code=46)
        unit = next(u for u in units.order_by("code") if commune_committee(u) is not None)
        households(village(unit, commune_committee(unit), "tdp-2", "Tổ dân phố 2"), 24)
    lines = demo_voting.seed("127.0.0.1:8000")
    r = VoteRound.objects.get(matter__code=demo_voting.MATTER)
    assert r.status == VoteRoundStatus.OPEN and r.consent_yes == 14 and r.households_total == 24
    assert OnlineVoter.objects.filter(round=r).count() == 4 and OnlineBallot.objects.filter(round=r).count() == 4
    assert f"/dan-chu/bieu-quyet/{r.pk}/" in lines[0] and any("DANVAN_LOG_LEVEL=DEBUG" in line for line in lines)
    assert demo_voting.seed("127.0.0.1:8000") == lines
    assert VoteRound.objects.filter(matter__code=demo_voting.MATTER).count() == 1
    assert OnlineBallot.objects.filter(round=r).count() == 4
