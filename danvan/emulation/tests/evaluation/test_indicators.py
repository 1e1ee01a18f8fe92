"""The indicators read from the other capabilities, against hand-built data: exact counts, and "not
measured" (never zero) where the platform holds nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.cases.tests.factories import case_at, make_world
from danvan.core.clock import VIETNAM
from danvan.emulation.rules.evaluation import Figure
from danvan.emulation.selectors import evaluation_indicators as ind

pytestmark = pytest.mark.django_db


def at(day: str):
    return dt.datetime.fromisoformat(day).replace(hour=9, tzinfo=VIETNAM)


def test_cases_answered_on_time_and_late_are_counted_exactly(frozen_clock):
    world = make_world()
    from danvan.cases.choices import Status
    from danvan.cases.services import handling

    frozen_clock.move_to(at("2025-03-02"))
    on_time = [case_at(Status.REGISTERED, handler=world.handler, head=world.head) for _ in range(3)]
    late = case_at(Status.REGISTERED, handler=world.handler, head=world.head)
    assert late.due_on is not None
    frozen_clock.move_to(at("2025-03-04"))
    for case in on_time:
        handling.case_answer(case=case, actor=world.handler, answer_text="Đã xử lý.")
    frozen_clock.move_to(dt.datetime.combine(late.due_on + dt.timedelta(days=3), dt.time(9), tzinfo=VIETNAM))
    handling.case_answer(case=late, actor=world.handler, answer_text="Đã xử lý, chậm.")
    frozen_clock.move_to(at("2026-02-05"))

    got = ind.measure(["cases_on_time", "staff_complaints_upheld"], [world.phuong.pk, world.other.pk], 2025)
    figure = got["cases_on_time"][world.phuong.pk].figure
    assert figure is not None
    assert (figure.numerator, figure.denominator, figure.value) == (3, 4, 75.0)
    assert figure.link.endswith(f"?organization={world.phuong.pk}&include_closed=on")
    assert got["staff_complaints_upheld"][world.phuong.pk].figure == Figure(
        0.0,
        0,
        0,
        link=got["staff_complaints_upheld"][world.phuong.pk].figure.link,
    )
    # Kim Long settled nothing: not measured, and not a zero.
    assert got["cases_on_time"][world.other.pk] == ind.Measured(None, ind.NO_DATA)
    assert got["staff_complaints_upheld"][world.other.pk] == ind.Measured(None, ind.NO_DATA)
    # Another year holds none of them.
    assert ind.measure(["cases_on_time"], [world.phuong.pk], 2024)["cases_on_time"][world.phuong.pk].figure is None


def test_a_body_with_no_reception_data_is_not_measured(hue):
    got = ind.measure(["reception_sessions", "dialogues_held", "dialogue_commitments_kept"], [hue.ward.pk], 2025)
    for key in got:
        assert got[key][hue.ward.pk] == ind.Measured(None, ind.NO_DATA)


def test_disclosures_apply_to_a_communes_peoples_committee_only(hue):
    got = ind.measure(["disclosures_on_time", "decisions_recognised"], [hue.city.pk, hue.ward.pk], 2025)
    assert got["disclosures_on_time"][hue.city.pk].why == ind.NOT_APPLICABLE
    assert got["disclosures_on_time"][hue.ward.pk].why == ind.NO_DATA
    assert got["decisions_recognised"][hue.ward.pk].figure is None


def test_satisfaction_without_answers_is_not_measured(hue):
    got = ind.measure(["satisfaction_index"], [hue.ward.pk], 2025)
    assert got["satisfaction_index"][hue.ward.pk].figure is None


def test_a_key_without_provider_is_not_measured_until_a_part_registers_it(hue):
    key = "commendations"
    ind.unregister_indicator(key)  # as before the commendation part registered it: no provider
    assert ind.measure([key], [hue.ward.pk], 2025)[key][hue.ward.pk] == ind.Measured(None, ind.NO_PROVIDER)

    def dvk_yearly_figures(*, organization_ids, year):
        return {pk: {"recognised": 2, "registered": 4} for pk in organization_ids if pk == hue.ward.pk}

    ind.register_counts(key, dvk_yearly_figures, field="recognised")
    ind.register_counts("commitments_completed", dvk_yearly_figures, field="recognised", of="registered")
    got = ind.measure([key, "commitments_completed"], [hue.ward.pk, hue.other.pk], 2025)
    assert got[key][hue.ward.pk].figure == Figure(2.0, numerator=2)
    assert got["commitments_completed"][hue.ward.pk].figure == Figure(50.0, 2, 4)
    assert got[key][hue.other.pk] == ind.Measured(None, ind.NO_DATA)


def test_emulations_own_parts_give_their_figures_with_the_page_behind_them(hue, monkeypatch):
    from danvan.emulation.selectors import commitments, dvk, training
    from danvan.emulation.selectors.dvk import DvkYearFigures
    from danvan.emulation.selectors.training import YearlyTrainingFigures

    ward, other = hue.ward.pk, hue.other.pk
    monkeypatch.setattr(dvk, "dvk_yearly_figures", lambda *, organization_ids, year: {
        pk: DvkYearFigures(registered=3, recognised_xa=1, recognised_tinh=1, recognised_tw=0, replicated=2,
                           exemplars=0) if pk == ward else DvkYearFigures(0, 0, 0, 0, 0, 0)
        for pk in organization_ids})  # fmt: skip
    monkeypatch.setattr(commitments, "commitments_yearly_figures", lambda *, organization_ids, year: {
        ward: {"cadres_expected": 5, "cadres_with_commitment": 4, "commitments_registered": 8,
               "commitments_assessed_completed": 6},
        other: {"cadres_expected": 0, "cadres_with_commitment": 0, "commitments_registered": 0,
                "commitments_assessed_completed": 0}})  # fmt: skip
    monkeypatch.setattr(
        training, "training_yearly_figures", lambda *, organization_ids, year: {ward: YearlyTrainingFigures(4, 1)}
    )
    keys = ["dvk_models_registered", "dvk_models_recognised", "dvk_models_replicated", "commitments_completed",
            "training_coverage"]  # fmt: skip
    got = ind.measure(keys, [ward, other], 2025)
    assert [got[k][ward].figure.value for k in keys] == [3.0, 2.0, 2.0, 75.0, 25.0]
    assert got["dvk_models_registered"][other].figure.value == 0.0  # none registered is a real zero
    assert got["commitments_completed"][other] == ind.Measured(None, ind.NO_DATA)  # nothing to complete
    assert got["training_coverage"][other] == ind.Measured(None, ind.NO_DATA)  # nobody to train
    assert (
        got["training_coverage"][ward].figure.link == f"/van-hanh/thi-dua/dao-tao/do-phu/{ward}/chua-dao-tao/?year=2025"
    )
    assert got["commitments_completed"][ward].figure.link == "/van-hanh/thi-dua/cam-ket/don-vi/?nam=2025"


def test_reception_sessions_and_commitments_are_read_from_the_reception_records(frozen_clock):
    from danvan.core.periods import YEAR, Period
    from danvan.reception.choices import CommitmentStatus, SessionStatus
    from danvan.reception.selectors.compliance import compliance_report
    from danvan.reception.tests.compliance.helpers import commitment
    from danvan.reception.tests.factories import at as rat
    from danvan.reception.tests.factories import make_reception_world, session

    w = make_reception_world()
    for month in (1, 2, 3):  # Mondays the chair received citizens
        session(w.point, w.chair, rat(2025, month, 6 if month == 1 else 3), status=SessionStatus.HELD)
    commitment(w.phuong, w.chair, dt.date(2025, 5, 30), status=CommitmentStatus.KEPT)
    commitment(w.phuong, w.chair, dt.date(2025, 9, 30), status=CommitmentStatus.NOT_KEPT)
    report = compliance_report(w.dan_van, top=w.phuong, period=Period(YEAR, dt.date(2025, 1, 1)), subtree=False)
    keys = ["reception_sessions", "dialogue_commitments_kept", "dialogues_held"]
    got = ind.measure(keys, [w.phuong.pk, w.other.pk], 2025)
    sessions = got["reception_sessions"][w.phuong.pk].figure
    assert sessions is not None and report.total.required > 0
    assert (sessions.numerator, sessions.denominator) == (report.total.held, report.total.required)
    assert sessions.value == round(100 * report.total.held / report.total.required, 1)
    assert sessions.link.endswith(f"?body={w.phuong.pk}&scope=body&period=2025")
    kept = got["dialogue_commitments_kept"][w.phuong.pk].figure
    assert kept is not None and (kept.numerator, kept.denominator, kept.value) == (1, 2, 50.0)
    # The dialogues were planned, never held: a unit with reception data held none (0, measured).
    assert got["dialogues_held"][w.phuong.pk].figure.value == 0.0
    assert got["reception_sessions"][w.other.pk] == ind.Measured(None, ind.NO_DATA)


def test_the_satisfaction_index_comes_with_its_interval_and_too_few_is_not_measured(hue, frozen_clock):
    from danvan.core import events
    from danvan.org.tests.factories import commune
    from danvan.surveys.services import invitations, responses

    codes = ["case_overall", "case_access", "case_procedures", "case_staff", "case_results", "case_feedback"]

    def rate(case_id: int, body, value: int) -> None:
        events.publish("cases.case_answered", events.payload(
            "cases.case_answered", case_id=case_id, organization_id=body.pk, unit_id=commune(19753).pk, track="pakn",
            topic="dat-dai", handler_id=None))  # fmt: skip
        responses.rating_submit(token=invitations.rating_token(case_id),
                                answers={(c, "satisfaction"): value for c in codes})  # fmt: skip

    frozen_clock.move_to(at("2025-05-12"))
    for i in range(40):  # 30 satisfied (4 or 5), 10 not: an index of 75 with its interval
        rate(1000 + i, hue.ward, 5 if i < 30 else 2)
    for i in range(5):  # too few people for Kim Long
        rate(2000 + i, hue.other, 5)
    frozen_clock.move_to(at("2026-02-05"))
    got = ind.measure(["satisfaction_index"], [hue.ward.pk, hue.other.pk, hue.city.pk], 2025)["satisfaction_index"]
    figure = got[hue.ward.pk].figure
    assert figure is not None and figure.value == 75.0 and figure.denominator == 40
    assert figure.lower is not None and figure.upper is not None and figure.lower < 75.0 < figure.upper
    assert figure.link == f"/hai-long/co-quan/{hue.ward.pk}/"
    assert got[hue.other.pk] == ind.Measured(None, ind.TOO_FEW)
    assert got[hue.city.pk] == ind.Measured(None, ind.NO_DATA)


def test_disclosures_and_recognitions_are_the_communes_figures_of_its_peoples_committee(hue, monkeypatch):
    from danvan.democracy.selectors import decisions, disclosures

    asked = {}

    def disclosure_figures(commune_ids, year):
        asked["disclosures"] = (commune_ids, year)
        return {hue.ward.unit_id: {"disclosures": 5, "on_time": 3, "late": 1, "overdue_unpublished": 1}}

    def decision_figures(commune_ids, year):
        return {hue.ward.unit_id: {"recognised_on_time": 1, "recognised_late": 0, "recognition_overdue": 1}}

    monkeypatch.setattr(disclosures, "figures", disclosure_figures)
    monkeypatch.setattr(decisions, "figures", decision_figures)
    got = ind.measure(["disclosures_on_time", "decisions_recognised"], [hue.ward.pk, hue.other.pk, hue.city.pk], 2025)
    assert asked["disclosures"] == (sorted([hue.ward.unit_id, hue.other.unit_id]), 2025)
    on_time = got["disclosures_on_time"][hue.ward.pk].figure
    assert on_time is not None and (on_time.numerator, on_time.denominator, on_time.value) == (3, 5, 60.0)
    assert on_time.link.endswith("?year=2025") and str(hue.ward.unit.code) in on_time.link
    recognised = got["decisions_recognised"][hue.ward.pk].figure
    assert recognised is not None and recognised.value == 50.0
    assert got["disclosures_on_time"][hue.other.pk].why == ind.NO_DATA
    assert got["disclosures_on_time"][hue.city.pk].why == ind.NOT_APPLICABLE


DVK_KEYS = ["dvk_models_registered", "dvk_models_recognised", "dvk_models_replicated"]


def test_one_measure_reads_the_dan_van_kheo_figures_once_for_its_three_indicators(hue, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.emulation.selectors import dvk

    real, calls = dvk.dvk_yearly_figures, []

    def counted(*, organization_ids, year):
        calls.append((tuple(organization_ids), year))
        return real(organization_ids=organization_ids, year=year)

    monkeypatch.setattr(dvk, "dvk_yearly_figures", counted)
    ids = [hue.ward.pk, hue.other.pk]
    with CaptureQueriesContext(connection) as one:
        ind.measure(DVK_KEYS[:1], ids, 2025)
    with CaptureQueriesContext(connection) as three:
        got = ind.measure(DVK_KEYS, ids, 2025)
    assert len(one.captured_queries) > 0
    assert len(three.captured_queries) == len(one.captured_queries)  # not 3 ×
    assert calls == [(tuple(ids), 2025), (tuple(ids), 2025)]  # once per measure
    assert [got[k][hue.ward.pk].figure.value for k in DVK_KEYS] == [0.0, 0.0, 0.0]
    # Outside a measure, a shared source is simply read (nothing kept between runs).
    ind.measure(DVK_KEYS, ids, 2025)
    assert len(calls) == 3 and ind._RUN.get() is None


def test_the_cases_and_reception_sources_are_read_once_per_measure_too(hue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ids = [hue.ward.pk]
    with CaptureQueriesContext(connection) as cases_one:
        ind.measure(["cases_on_time"], ids, 2025)
    with CaptureQueriesContext(connection) as cases_two:
        ind.measure(["cases_on_time", "staff_complaints_upheld"], ids, 2025)
    assert len(cases_two.captured_queries) == len(cases_one.captured_queries)
    with CaptureQueriesContext(connection) as sessions:
        ind.measure(["reception_sessions"], ids, 2025)
    with CaptureQueriesContext(connection) as both:
        ind.measure(["reception_sessions", "dialogue_commitments_kept"], ids, 2025)
    assert len(both.captured_queries) == len(sessions.captured_queries)
