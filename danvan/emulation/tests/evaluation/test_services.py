"""Running, confirming and changing a unit's yearly evaluation; editing and confirming the methodology:
allowed and forbidden moves, each refusal with its code, nothing half-stored."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.clock import VIETNAM
from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.emulation import errors as codes
from danvan.emulation.models import EvaluationMethodology, UnitEvaluation
from danvan.emulation.rules.evaluation import EvaluationStatus, MethodologyStatus
from danvan.emulation.rules.evaluation_seed import DEFAULT_CODE, INDICATORS, WINDOW_BASIS
from danvan.emulation.selectors import evaluation as selectors
from danvan.emulation.services import evaluation as services
from danvan.emulation.tests.evaluation.factories import figures
from danvan.emulation.tests.national import rule_keeper
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


def default_methodology() -> EvaluationMethodology:
    return EvaluationMethodology.objects.get(code=DEFAULT_CODE, version=1)


def test_the_default_methodology_is_seeded_confirmed_with_every_key():
    m = default_methodology()
    assert m.status == MethodologyStatus.CONFIRMED and m.mark == "U"
    assert [i.key for i in m.indicators.order_by("sort_order")] == [row[0] for row in INDICATORS]
    assert m.grade_minimums == {"xuat_sac": 90, "tot": 75, "hoan_thanh": 50}
    # Its opening day (migration 0007): 1 December, with its [U] ground in the legal basis.
    assert (m.opens_month, m.opens_day) == (12, 1) and m.legal_basis.endswith(WINDOW_BASIS)


def test_a_run_proposes_a_grade_with_the_figure_and_source_behind_each_point(hue, frozen_clock, own_parts_unplugged):
    # Only one indicator is measured (weight 2 of 17): below the methodology's share, no grade proposed.
    with figures({hue.ward.pk: 96.0}):
        result = services.evaluation_run(user=hue.dan_van, organizations=[hue.ward, hue.other], year=2025)
    assert (result.computed, result.frozen) == (2, 0)
    e = UnitEvaluation.objects.get(organization=hue.ward, year=2025)
    assert e.status == EvaluationStatus.PROPOSED and e.version == 1
    assert e.score is None and e.proposed_grade == ""
    line = next(x for x in e.lines if x["key"] == "cases_on_time")
    assert line["figure"]["value"] == 96.0 and line["points"] == 100.0 and line["figure"]["link"] == "/nguon/"
    missing = next(x for x in e.lines if x["key"] == "commendations")
    assert missing["figure"] is None and missing["points"] is None and missing["why"] == "no_provider"
    assert AuditEvent.objects.filter(action="emulation.evaluation_computed").count() == 2


def test_with_enough_measured_the_grade_is_proposed(hue, frozen_clock, own_parts_unplugged):
    m = default_methodology()
    m.min_measured_share = 0.1
    m.save()
    with figures({hue.ward.pk: 96.0, hue.other.pk: 72.0}):
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward, hue.other], year=2025)
    ward = UnitEvaluation.objects.get(organization=hue.ward)
    other = UnitEvaluation.objects.get(organization=hue.other)
    assert (ward.score, ward.proposed_grade) == (100.0, "xuat_sac")
    assert (other.score, other.proposed_grade) == (60.0, "hoan_thanh")
    ranking = selectors.year_ranking(hue.dan_van, year=2025)
    assert [(r.rank, r.evaluation.organization_id) for r in ranking] == [(1, hue.ward.pk), (2, hue.other.pk)]


def test_a_year_not_yet_open_is_refused(hue, frozen_clock):
    with pytest.raises(DomainError) as refused:
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026)
    assert refused.value.code == codes.NOT_OPEN
    assert "01/12/2026" in refused.value.message
    assert not UnitEvaluation.objects.exists()


def test_the_year_opens_on_1_december_before_it_ends(hue, frozen_clock):
    frozen_clock.move_to(dt.datetime(2026, 11, 30, 23, 59, tzinfo=VIETNAM))
    with pytest.raises(DomainError) as refused:
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026)
    assert refused.value.code == codes.NOT_OPEN
    with pytest.raises(DomainError) as later:
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2027)
    assert later.value.code == codes.NOT_OPEN and "01/12/2027" in later.value.message
    frozen_clock.move_to(dt.datetime(2026, 12, 1, 0, 0, tzinfo=VIETNAM))
    with figures({hue.ward.pk: 96.0}):
        result = services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026)
    assert result.computed == 1
    e = UnitEvaluation.objects.get(organization=hue.ward, year=2026)
    assert e.measured_on == dt.date(2026, 12, 1)
    frozen_clock.move_to(dt.datetime(2026, 12, 9, 8, 0, tzinfo=VIETNAM))
    with figures({hue.ward.pk: 80.0}):  # re-running recomputes the proposal, figures as of the new day
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026)
    e.refresh_from_db()
    assert (e.version, e.measured_on, e.lines[0]["figure"]["value"]) == (1, dt.date(2026, 12, 9), 80.0)
    confirmed = services.evaluation_confirm(user=hue.dan_van, evaluation=e, grade="tot", reason="Hội đồng xét.")
    frozen_clock.move_to(dt.datetime(2026, 12, 20, 8, 0, tzinfo=VIETNAM))
    with figures({hue.ward.pk: 10.0}):  # confirmed: frozen, figures as of the day they were read
        assert services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026).frozen == 1
    changed = services.evaluation_confirm(user=hue.dan_van, evaluation=confirmed, grade="hoan_thanh", reason="Lại.")
    assert (changed.version, changed.measured_on) == (2, dt.date(2026, 12, 9))


def test_a_new_methodology_version_moves_the_opening_day(hue, frozen_clock):
    operator = rule_keeper()
    draft = services.methodology_edit(user=operator, methodology=default_methodology(), opens=(12, 15),
                                      valid_from=dt.date(2026, 1, 1))  # fmt: skip
    assert (draft.version, draft.opens_month, draft.opens_day) == (2, 12, 15)
    frozen_clock.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=VIETNAM))
    # Not yet confirmed: version 1 (1 December) still applies.
    assert selectors.window(2026).open
    services.methodology_confirm(user=operator, methodology=draft)
    window = selectors.window(2026)
    assert (window.opens_on, window.open) == (dt.date(2026, 12, 15), False)
    with pytest.raises(DomainError) as refused:
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026)
    assert refused.value.code == codes.NOT_OPEN and "15/12/2026" in refused.value.message
    assert selectors.window(2025).opens_on == dt.date(2025, 12, 1)  # 2025 keeps version 1's day
    frozen_clock.move_to(dt.datetime(2026, 12, 15, 9, 0, tzinfo=VIETNAM))
    with figures({hue.ward.pk: 96.0}):
        assert services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2026).computed == 1
    assert UnitEvaluation.objects.get(year=2026).methodology == draft


def test_an_opening_day_that_is_not_a_day_of_every_year_is_refused(hue):
    operator = rule_keeper()
    for opens in ((2, 29), (13, 1), (11, 31), (12, 0)):
        with pytest.raises(DomainError) as refused:
            services.methodology_edit(user=operator, methodology=default_methodology(), opens=opens)
        assert refused.value.code == codes.BAD_OPENING
    assert EvaluationMethodology.objects.count() == 1


def test_confirming_waits_for_the_window_of_the_methodology_used(hue, frozen_clock):
    e = _proposed(hue)
    m = default_methodology()
    EvaluationMethodology.objects.filter(pk=m.pk).update(opens_month=12, opens_day=31)  # as if data moved it
    frozen_clock.move_to(dt.datetime(2025, 12, 30, 9, 0, tzinfo=VIETNAM))
    with pytest.raises(DomainError) as refused:
        services.evaluation_confirm(user=hue.dan_van, evaluation=e, grade="tot", reason="x")
    assert refused.value.code == codes.NOT_OPEN
    assert UnitEvaluation.objects.get(pk=e.pk).status == EvaluationStatus.PROPOSED


def test_a_year_before_any_methodology_is_refused(hue, frozen_clock):
    with pytest.raises(DomainError) as refused:
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2020)
    assert refused.value.code == codes.NO_METHODOLOGY


def test_running_needs_the_run_right_on_every_unit(hue, frozen_clock):
    with pytest.raises(PermissionDenied) as refused:
        services.evaluation_run(user=hue.ward_dan_van, organizations=[hue.ward, hue.other], year=2025)
    assert refused.value.code == "forbidden"
    with pytest.raises(PermissionDenied):
        services.evaluation_run(user=hue.ward_head, organizations=[hue.ward], year=2025)
    assert not UnitEvaluation.objects.exists()


def _proposed(hue, value=96.0):
    with figures({hue.ward.pk: value}):
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2025)
    return UnitEvaluation.objects.get(organization=hue.ward, year=2025)


def test_the_committee_confirms_the_proposal_and_it_is_frozen(hue, frozen_clock):
    e = _proposed(hue)
    confirmed = services.evaluation_confirm(user=hue.dan_van, evaluation=e, grade="tot", reason="Đồng ý đề xuất.")
    assert confirmed.status == EvaluationStatus.CONFIRMED and confirmed.grade == "tot"
    assert confirmed.confirmed_by == hue.dan_van
    # A new run leaves it as it is.
    with figures({hue.ward.pk: 10.0}):
        result = services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2025)
    assert (result.computed, result.frozen) == (0, 1)
    assert UnitEvaluation.objects.get(pk=e.pk).lines == e.lines


def test_a_grade_other_than_the_proposal_needs_a_reason(hue, frozen_clock):
    e = _proposed(hue)  # nothing proposed (too little measured): any grade differs
    with pytest.raises(DomainError) as refused:
        services.evaluation_confirm(user=hue.dan_van, evaluation=e, grade="tot", reason="  ")
    assert refused.value.code == codes.REASON_REQUIRED
    assert UnitEvaluation.objects.get(pk=e.pk).status == EvaluationStatus.PROPOSED


def test_an_unknown_grade_is_refused(hue, frozen_clock):
    with pytest.raises(DomainError) as refused:
        services.evaluation_confirm(user=hue.dan_van, evaluation=_proposed(hue), grade="gioi", reason="x")
    assert refused.value.code == codes.UNKNOWN_GRADE


def test_a_change_after_confirmation_makes_a_new_version_with_its_reason(hue, frozen_clock):
    e = _proposed(hue)
    first = services.evaluation_confirm(user=hue.dan_van, evaluation=e, grade="tot", reason="Theo đề xuất.")
    with pytest.raises(DomainError) as refused:
        services.evaluation_confirm(user=hue.dan_van, evaluation=first, grade="hoan_thanh", reason="")
    assert refused.value.code == codes.REASON_REQUIRED
    with pytest.raises(DomainError) as same:
        services.evaluation_confirm(user=hue.dan_van, evaluation=first, grade="tot", reason="Lại.")
    assert same.value.code == codes.NOTHING_CHANGED
    changed = services.evaluation_confirm(user=hue.dan_van, evaluation=first, grade="hoan_thanh",
                                          reason="Còn để xảy ra khiếu nại đông người.")  # fmt: skip
    assert (changed.version, changed.grade, changed.previous_id) == (2, "hoan_thanh", first.pk)
    assert UnitEvaluation.objects.get(pk=first.pk).status == EvaluationStatus.SUPERSEDED
    assert [v.version for v in selectors.evaluation_history(changed)] == [2, 1]
    with pytest.raises(DomainError) as old:
        services.evaluation_confirm(user=hue.dan_van, evaluation=first, grade="xuat_sac", reason="x")
    assert old.value.code == codes.NOT_CURRENT
    assert AuditEvent.objects.filter(action="emulation.evaluation_changed", reason__startswith="Còn").count() == 1


def test_nobody_confirms_their_own_units_grade(hue, frozen_clock):
    e = _proposed(hue)
    for user in (hue.ward_head, hue.ward_dan_van, hue.other_head):
        with pytest.raises(PermissionDenied):
            services.evaluation_confirm(user=user, evaluation=e, grade="tot", reason="x")
    city_head = officer("ct_tp", Role.HEAD, hue.city, subtree=True)
    assert services.evaluation_confirm(user=city_head, evaluation=e, grade="tot", reason="x").grade == "tot"


def test_a_top_level_unit_s_own_officer_cannot_confirm_its_grade(hue, frozen_clock):
    """The city has no parent: its evaluation is confirmed outside the platform, never by itself."""
    with figures({hue.city.pk: 96.0}):
        services.evaluation_run(user=hue.dan_van, organizations=[hue.city], year=2025)
    e = UnitEvaluation.objects.get(organization=hue.city, year=2025)
    city_head = officer("ct_tp", Role.HEAD, hue.city, subtree=True)
    for user in (hue.dan_van, city_head):
        assert not selectors.may_confirm(user, e)
        with pytest.raises(DomainError) as refused:
            services.evaluation_confirm(user=user, evaluation=e, grade="tot", reason="Tự xác nhận.")
        assert refused.value.code == codes.NO_EVALUATING_LEVEL
    with pytest.raises(PermissionDenied):  # an outsider is still refused as forbidden
        services.evaluation_confirm(user=hue.ward_head, evaluation=e, grade="tot", reason="x")
    e.refresh_from_db()
    assert (e.status, e.grade, e.confirmed_by_id) == (EvaluationStatus.PROPOSED, "", None)


def test_may_confirm_is_false_on_a_superseded_version(hue, frozen_clock):
    first = services.evaluation_confirm(user=hue.dan_van, evaluation=_proposed(hue), grade="tot", reason="Ừ.")
    assert selectors.may_confirm(hue.dan_van, first)
    services.evaluation_confirm(user=hue.dan_van, evaluation=first, grade="hoan_thanh", reason="Đổi.")
    first.refresh_from_db()
    assert not selectors.may_confirm(hue.dan_van, first)


def test_editing_a_confirmed_methodology_makes_a_new_draft_version(hue):
    operator = rule_keeper()
    m = default_methodology()
    draft = services.methodology_edit(user=operator, methodology=m,
                                      indicators={"cases_on_time": {"weight": 3, "thresholds": [[90, 100], [60, 50]]}})  # fmt: skip
    assert (draft.version, draft.status, draft.previous_id) == (2, MethodologyStatus.DRAFT, m.pk)
    assert draft.indicators.get(key="cases_on_time").weight == 3
    assert draft.indicators.get(key="cases_on_time").thresholds == [[60, 50], [90, 100]]
    assert m.indicators.get(key="cases_on_time").weight == 2  # the frozen version is untouched
    # A draft is not used until confirmed.
    assert selectors.methodology_for_year(2025).pk == m.pk
    confirmed = services.methodology_confirm(user=operator, methodology=draft)
    assert selectors.methodology_for_year(2025).pk == confirmed.pk
    with pytest.raises(DomainError) as refused:
        services.methodology_confirm(user=operator, methodology=confirmed)
    assert refused.value.code == codes.METHODOLOGY_FROZEN


def test_a_second_edit_of_a_confirmed_version_is_refused_while_its_draft_exists(hue):
    """A double submit of an edit of the confirmed version: the second finds the first's draft (no second
    draft, no 500 on the unique version)."""
    operator = rule_keeper()
    m = default_methodology()
    change = {"indicators": {"cases_on_time": {"weight": 3}}}
    draft = services.methodology_edit(user=operator, methodology=m, **change)
    with pytest.raises(DomainError) as refused:
        services.methodology_edit(user=operator, methodology=m, **change)
    assert refused.value.code == codes.METHODOLOGY_DRAFT_EXISTS
    assert list(EvaluationMethodology.objects.filter(code=m.code).values_list("version", flat=True).order_by(
        "version")) == [1, 2]  # fmt: skip
    assert services.methodology_edit(user=operator, methodology=draft, **change).pk == draft.pk


def test_bad_methodology_edits_are_refused_and_store_nothing(hue):
    operator = rule_keeper()
    m = default_methodology()
    bad = [
        ({"indicators": {"cases_on_time": {"weight": -1}}}, codes.BAD_WEIGHT),
        ({"indicators": {"cases_on_time": {"thresholds": [[50, 140]]}}}, codes.BAD_THRESHOLDS),
        ({"grade_minimums": {"xuat_sac": 50, "tot": 75, "hoan_thanh": 40}}, codes.BAD_GRADE_MINIMUMS),
    ]
    for change, code in bad:
        with pytest.raises(DomainError) as refused:
            services.methodology_edit(user=operator, methodology=m, **change)
        assert refused.value.code == code
    assert EvaluationMethodology.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.methodology_edit(user=hue.dan_van, methodology=m, note="x")


def test_many_units_go_through_the_task_queue_in_batches(hue, frozen_clock, monkeypatch,
                                                         django_capture_on_commit_callbacks):  # fmt: skip
    monkeypatch.setattr(services, "SYNC_LIMIT", 1)
    values = {hue.ward.pk: 96.0, hue.other.pk: 50.0}
    with figures(values), django_capture_on_commit_callbacks(execute=True) as queued:
        result = services.evaluation_run(user=hue.dan_van, organizations=[hue.ward, hue.other], year=2025)
    assert (result.queued, result.computed) == (2, 0)
    assert len(queued) == 2
    assert UnitEvaluation.objects.filter(year=2025).count() == 2
    assert AuditEvent.objects.filter(action="emulation.evaluation_run_queued").count() == 1


def test_the_command_runs_the_year_for_the_officers_units(hue, frozen_clock):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    with figures({hue.ward.pk: 96.0}):
        call_command("emulation_evaluate", "--year", "2025", "--as", hue.dan_van.username, stdout=out)
    assert out.getvalue().strip() == "computed=3 frozen=0 queued=0"
    with pytest.raises(CommandError, match="evaluation_not_open"):
        call_command("emulation_evaluate", "--year", "2026", "--as", hue.dan_van.username, stdout=out)
