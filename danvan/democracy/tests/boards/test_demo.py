"""The demo: the ward's Ban TTND (5 seats for its 2 residential groups), a recommendation to the ward's
People's Committee waiting for its answer, a Ban GSĐTCĐ for a lane-paving project; once."""

from __future__ import annotations

import pytest

from danvan.democracy.enums import BoardKind, RecommendationStatus
from danvan.democracy.models import Board, Recommendation, Village

pytestmark = pytest.mark.django_db


def test_the_demo_sets_up_the_boards_once() -> None:
    from danvan.democracy import demo_boards, demo_villages
    from danvan.democracy.selectors.communes import commune_committee
    from danvan.democracy.tests.factories import village
    from danvan.org.demo import demo_seed
    from danvan.org.models import RoleAssignment

    demo_seed(46)
    demo_villages.seed("127.0.0.1:8000")
    commune = RoleAssignment.objects.get(user__username="chutich", role="head").organization.unit
    committee = commune_committee(commune)
    if not Village.objects.filter(commune=commune).exists():  # the villages part's rows, as it seeds them
        village(commune, committee, "tdp-1", "Tổ dân phố 1")
        village(commune, committee, "tdp-2", "Tổ dân phố 2")
    lines = demo_boards.seed("127.0.0.1:8000")
    assert demo_boards.seed("127.0.0.1:8000") == lines
    ttnd = Board.objects.get(kind=BoardKind.TTND)
    assert ttnd.commune == commune and ttnd.members.count() == 5
    assert set(ttnd.members.exclude(village=None).values_list("village__code", flat=True)) == {"tdp-1", "tdp-2"}
    assert ttnd.organization.parent.code == "46-mttq"  # under mattran's province Front (subtree)
    rec = Recommendation.objects.get()
    assert (rec.to_organization, rec.status) == (committee, RecommendationStatus.SENT)
    assert Board.objects.filter(kind=BoardKind.GSDTCD, project=demo_boards.PROJECT).count() == 1
    text = "\n".join(lines)
    assert f"/van-hanh/dan-chu/ban/{ttnd.pk}/" in text and f"/dan-chu/{commune.code}/ban-thanh-tra/gui/" in text
