"""What the map page reads from the latest map (``selectors.maps.map_view``) on the hand-built vote set:
the exact groups, the common ground, what sets each group apart in plain words, how each section fared,
the chart's dots without identity, the "not enough views" state and the search without diacritics."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from danvan.consultations.selectors import maps as selectors
from danvan.consultations.services import maps as services
from danvan.consultations.tests.factories import ConsultationsWorld
from danvan.consultations.tests.maps.world import vote_set


def test_the_groups_their_statements_and_the_common_ground(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    votes = vote_set(c)
    services.recompute(c)
    with translation.override("vi"):
        view = selectors.map_view(c)
    assert view is not None and view.ready
    assert (view.placed, view.seen, view.votes) == (20, 20, 160)
    assert [(g.label, g.size, g.pct) for g in view.groups] == [("Nhóm A", 12, 60), ("Nhóm B", 8, 40)]
    assert [s.id for s in view.consensus] == [str(votes.statements[7].pk)]
    top = view.top_consensus
    assert top is not None and (top.text, top.agree, top.agree_pct) == (votes.statements[7].text, 20, 100)
    # Group A (the 12) stands apart by disagreeing with 5–7, which group B agrees with.
    first = view.groups[0].representative[0]
    assert first.statement.id in {str(s.pk) for s in votes.statements[4:7]}
    assert first.direction == "disagree"
    assert first.sentence == "Nhóm A phản đối nhiều hơn hẳn những người khác"
    assert first.group_pct > 85 and first.rest_pct < 15
    assert {s.id for s in view.divisive[:3]} == {str(s.pk) for s in votes.statements[4:7]}


def test_how_each_section_fared(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    vote_set(c)
    services.recompute(c)
    with translation.override("vi"):
        view = selectors.map_view(c)
    assert view is not None
    rows = [(s.key, s.heading, s.statements, s.votes, s.consensus) for s in view.sections]
    assert rows == [
        ("", "Toàn bộ dự thảo", 2, 40, 1),
        ("dieu-1", "Điều 1. Phạm vi di dời", 2, 40, 0),
        ("dieu-2", "Điều 2. Bố trí sạp hàng", 2, 40, 0),
        ("dieu-3", "Điều 3. Hỗ trợ tiểu thương", 2, 40, 0),
    ]
    whole = view.sections[0]
    # "Cần khảo sát thêm": 8 of 20 agree; "Đảm bảo vệ sinh": 20 of 20 → mean (0.4 + 1) / 2.
    assert whole.mean_agree == 0.7 and whole.mean_pct == 70
    assert view.sections[3].divisive == 2


def test_the_chart_has_a_dot_per_person_placed_and_no_identity(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    votes = vote_set(c)
    services.recompute(c)
    view = selectors.map_view(c)
    assert view is not None
    assert len(view.dots) == 20
    assert sorted(d.group for d in view.dots) == [0] * 12 + [1] * 8
    assert all(0 <= d.x <= selectors.CHART_W and 0 <= d.y <= selectors.CHART_H for d in view.dots)
    assert view.dots == sorted(view.dots, key=lambda d: (d.x, d.y, d.group))  # ordered by place, not by person
    fields: set[str] = set()
    for d in view.dots:
        fields |= set(vars(d))
    assert fields == {"x", "y", "group", "shape"}
    assert {g.shape for g in view.groups} == {"circle", "square"}
    assert all(g.r >= 18 for g in view.groups)
    del votes


def test_fewer_people_than_the_minimum_is_not_enough_to_draw(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    vote_set(c, a=5, b=4)
    services.recompute(c)
    view = selectors.map_view(c)
    assert view is not None and not view.ready
    assert (view.placed, view.groups, view.dots) == (9, [], [])
    assert len(view.statements) == 8  # the statements' figures are still shown


def test_no_map_before_the_first_computation(cworld: ConsultationsWorld) -> None:
    assert selectors.map_view(cworld.consultation) is None


def test_the_statements_are_found_with_or_without_diacritics(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    votes = vote_set(c)
    services.recompute(c)

    def found(query: str) -> list[str]:
        view: Any = selectors.map_view(c, query=query)
        return [s.text for s in view.statements]

    expected = [votes.statements[2].text]
    assert found("bốc thăm") == expected
    assert found("boc tham") == expected
    assert found("BOC THĂM") == expected
    assert found("cho tam") == sorted([votes.statements[0].text, votes.statements[7].text], key=found("").index)
    assert found("không có") == []


def test_a_statement_hidden_after_the_map_is_no_longer_shown(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    votes = vote_set(c)
    services.recompute(c)
    votes.statements[7].status = "hidden"
    votes.statements[7].save()
    view = selectors.map_view(c)
    assert view is not None
    assert str(votes.statements[7].pk) not in {s.id for s in view.statements}
    assert view.consensus == []
