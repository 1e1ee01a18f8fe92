"""The reads: staff scope per role and subtree, the tree, the similar models, and the yearly figures the
evaluation part reads."""

from __future__ import annotations

import datetime as dt

from danvan.emulation.selectors import dvk as selectors
from danvan.emulation.services import dvk as services
from danvan.emulation.tests.dvk.factories import recognised, registered


def test_staff_scope_per_unit_and_subtree(w) -> None:
    model = registered(w)
    assert list(selectors.dvk_models_for(w.ward_head)) == [model]
    assert list(selectors.dvk_models_for(w.province_dv)) == [model]  # the city's subtree
    assert list(selectors.dvk_models_for(w.other_head)) == []
    assert list(selectors.dvk_models_for(w.stranger)) == []  # a handler has no dvk role
    assert list(selectors.dvk_models_for(w.ward_front_officer)) == []  # the ward's Front sees its own only


def test_tree_and_similar(w) -> None:
    origin = recognised(w)
    first = services.dvk_model_replicate(actor=w.other_head, origin=origin, organization=w.other)
    services.dvk_model_replicate(actor=w.province_dv, origin=origin, organization=w.other_front)
    tree = selectors.dvk_tree(origin)
    assert tree.children == []  # drafts are not shown in a tree
    services.dvk_model_save(actor=w.other_head, organization=w.other, model=first,
                            data=services.DvkInput(**{**_input(first), "situation": "Kiệt bẩn"}))  # fmt: skip
    services.dvk_model_register(actor=w.other_head, model=first)
    services.dvk_model_launch(actor=w.other_head, model=first, launched_on=dt.date(2026, 2, 5))
    tree = selectors.dvk_tree(origin)
    assert [n.model.pk for n in tree.children] == [first.pk] and not tree.children[0].public
    other = recognised(w, name="Thu gom rác thải tại nguồn ở khu dân cư",
                       situation="Rác thải chưa được phân loại", goals="Phân loại rác tại nguồn")  # fmt: skip
    unrelated = recognised(w, name="Quỹ khuyến học", situation="Học sinh nghèo bỏ học", goals="Học bổng",
                           content="Quyên góp học bổng", outputs="Danh sách học sinh", area="Trường học")  # fmt: skip
    similar = selectors.dvk_similar(other)
    assert similar[0] == origin and unrelated not in similar


def _input(m):  # the registration fields of a model, to change one
    return {k: getattr(m, k) for k in ("name", "field", "situation", "goals", "content", "area", "forces", "money_vnd",
                                       "facilities", "working_days", "social_contributions", "start_on", "milestones",
                                       "evaluation_on", "outputs", "sustainability", "place")} | {
        "area": "Kim Long", "money_vnd": 5_000_000, "start_on": dt.date(2026, 2, 1), "evaluation_on": dt.date(2026, 12, 1), "milestones": [],
        "forces": [{"name": "Đảng ủy phường Kim Long", "role": "in_charge"}]}  # fmt: skip


def test_yearly_figures(w, django_assert_max_num_queries) -> None:
    origin = recognised(w)  # registered 2026-02-05 (the frozen day), recognised at tỉnh level the same day
    services.dvk_model_replicate(actor=w.other_head, origin=origin, organization=w.other)
    services.dvk_model_replicate(actor=w.province_dv, origin=origin, organization=w.other_front)
    exemplar = services.dvk_exemplar_propose(actor=w.ward_head, organization=w.ward, name="Tổ 3", kind="collective",
                                             field="kinh_te", achievement="x")  # fmt: skip
    services.dvk_exemplar_decide(actor=w.province_dv, exemplar=exemplar, recognised=True, level="xa",
                                 decision_number="1/QĐ")  # fmt: skip
    with django_assert_max_num_queries(4):
        figures = selectors.dvk_yearly_figures(organization_ids=[w.ward.pk, w.other.pk, w.city.pk], year=2026)
    ward = figures[w.ward.pk]
    assert (ward.registered, ward.recognised_tinh, ward.recognised, ward.replicated, ward.exemplars) == (1, 1, 1, 2, 1)
    assert figures[w.other.pk].registered == 0 and figures[w.other.pk].replicated == 0
    assert figures[w.city.pk].recognised == 0
    assert selectors.dvk_yearly_figures(organization_ids=[w.ward.pk], year=2025)[w.ward.pk].registered == 0


def test_the_public_tree_names_recognised_replications_only(w, client) -> None:
    from django.urls import reverse

    from danvan.emulation.tests.dvk.factories import EVALUATION, START, scores
    from danvan.org.models import Organization

    origin = recognised(w)
    copy = services.dvk_model_replicate(actor=w.other_head, origin=origin, organization=w.other)
    services.dvk_model_save(actor=w.other_head, organization=w.other, model=copy, register=True,
                            data=services.DvkInput(**{**_input(origin), "name": "Kiệt sáng Kim Long", "start_on": START, "evaluation_on": EVALUATION}))  # fmt: skip
    services.dvk_model_launch(actor=w.other_head, model=copy, launched_on=dt.date(2025, 6, 10))
    staff, public = selectors.dvk_tree(origin), selectors.dvk_tree(origin, public=True)
    assert [n.model.pk for n in staff.children] == [copy.pk] and public.children == []
    story = reverse("emulation:dvk_story", args=[origin.pk])
    assert "Kiệt sáng Kim Long" not in client.get(story).content.decode()
    assert selectors.dvk_public_models().get(pk=origin.pk).replication_count == 0  # type: ignore[attr-defined]
    # Evaluated and not recognised: still the unit's business.
    services.dvk_progress_report(actor=w.other_head, model=copy, text="Đã làm", reported_on=dt.date(2025, 9, 1))
    city_front = Organization.objects.get(name="Ủy ban MTTQ thành phố Huế")
    services.dvk_council_seat(actor=w.province_dv, model=copy, evaluator=w.scorer_city, organization=city_front)
    services.dvk_council_seat(actor=w.province_dv, model=copy, evaluator=w.ward_front_officer,
                              organization=w.ward_front)  # fmt: skip
    services.dvk_score_submit(actor=w.scorer_city, model=copy, scores=scores(5))
    services.dvk_score_submit(actor=w.ward_front_officer, model=copy, scores=scores(5))
    services.dvk_council_conclude(actor=w.province_dv, model=copy)
    services.dvk_model_not_recognise(actor=w.province_dv, model=copy, reason="Chưa đạt")
    assert [n.model.stage for n in selectors.dvk_tree(origin).children] == ["not_recognised"]
    assert selectors.dvk_tree(origin, public=True).children == []
    assert "Kiệt sáng Kim Long" not in client.get(story).content.decode()
