"""Each step of a model's lifecycle: allowed moves with their audit record, and the refusals by code with
nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.emulation import errors
from danvan.emulation.models import DvkModel, DvkPhoto, DvkProgressReport, DvkScore
from danvan.emulation.services import dvk as services
from danvan.emulation.tests.dvk.factories import (
    EVALUATION,
    evaluated,
    full_input,
    implementing,
    png,
    recognised,
    registered,
    scores,
)
from danvan.files.checks import UploadRejected
from danvan.org.models import Organization


def _code(exc: pytest.ExceptionInfo[DomainError]) -> str | None:
    assert not isinstance(exc.value, PermissionDenied)
    return exc.value.code


def test_a_draft_is_registered_with_its_audit(w) -> None:
    model = registered(w)
    assert model.stage == "registered" and model.registered_at is not None
    assert AuditEvent.objects.filter(action="emulation.dvk_model_registered", object_id=str(model.pk)).count() == 1
    assert "dan van kheo trong chinh trang do thi" in model.search_text


def test_an_incomplete_registration_is_refused_naming_the_fields(w) -> None:
    model = services.dvk_model_save(actor=w.ward_head, organization=w.ward,
                                    data=full_input(evaluation_on=None, outputs="", forces=[]))  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.dvk_model_register(actor=w.ward_head, model=model)
    assert _code(exc) == errors.DVK_MISSING_FIELDS
    assert set(exc.value.details["missing"]) == {"evaluation_on", "outputs", "forces"}
    model.refresh_from_db()
    assert model.stage == "draft"


def test_a_bad_timeline_or_field_stores_nothing(w) -> None:
    with pytest.raises(DomainError) as exc:
        services.dvk_model_save(actor=w.ward_head, organization=w.ward,
                                data=full_input(evaluation_on=dt.date(2025, 5, 1)))  # fmt: skip
    assert _code(exc) == errors.DVK_BAD_TIMELINE
    with pytest.raises(DomainError) as exc:
        services.dvk_model_save(actor=w.ward_head, organization=w.ward, data=full_input(field="the_thao"))
    assert _code(exc) == errors.DVK_BAD_FIELD
    assert not DvkModel.objects.exists()


def test_only_the_units_officers_register(w) -> None:
    for actor in (w.stranger, w.other_head):
        with pytest.raises(PermissionDenied):
            services.dvk_model_save(actor=actor, organization=w.ward, data=full_input())
    assert not DvkModel.objects.exists()


def test_forbidden_moves_are_refused(w) -> None:
    model = registered(w)
    with pytest.raises(DomainError) as exc:
        services.dvk_progress_report(actor=w.ward_head, model=model, text="x")
    assert _code(exc) == errors.DVK_BAD_MOVE
    with pytest.raises(DomainError) as exc:
        services.dvk_model_register(actor=w.ward_head, model=model)
    assert _code(exc) == errors.DVK_BAD_MOVE


def test_progress_with_photo_and_measurement_moves_to_implementing(w) -> None:
    model = registered(w)
    services.dvk_model_launch(actor=w.ward_head, model=model, launched_on=dt.date(2025, 6, 10), commitments="3 tuyến")
    indicator = services.dvk_indicator_add(actor=w.ward_head, model=model, name="Hộ tham gia", unit="hộ",
                                           baseline=Decimal(40), target=Decimal(300))  # fmt: skip
    report = services.dvk_progress_report(actor=w.ward_head, model=model, text="Đã vận động 120 hộ.",
                                          reported_on=dt.date(2025, 8, 1), photos=[("anh.png", png())],
                                          measurements={indicator.pk: Decimal(120)})  # fmt: skip
    model.refresh_from_db()
    assert model.stage == "implementing"
    assert report.photos.get().content_type == "image/png"
    assert report.measurements.get().value == Decimal(120)


def test_a_bad_photo_stores_no_report(w) -> None:
    model = registered(w)
    services.dvk_model_launch(actor=w.ward_head, model=model, launched_on=dt.date(2025, 6, 10))
    with pytest.raises(UploadRejected) as exc:
        services.dvk_progress_report(actor=w.ward_head, model=model, text="x", photos=[("anh.png", b"not an image")])
    assert exc.value.code == "unsupported_type"
    assert not DvkProgressReport.objects.exists() and not DvkPhoto.objects.exists()
    model.refresh_from_db()
    assert model.stage == "launched"


def test_the_council_scores_and_concludes_once(w) -> None:
    model = evaluated(w, value=8)
    assert model.stage == "evaluated" and model.score == Decimal("80.00")
    assert model.evaluated_on == dt.date(2026, 2, 5)
    with pytest.raises(DomainError) as exc:
        services.dvk_score_submit(actor=w.scorer_city, model=model, scores=scores(2))
    assert _code(exc) == errors.DVK_COUNCIL_FROZEN
    with pytest.raises(DomainError) as exc:
        services.dvk_council_conclude(actor=w.province_dv, model=model)
    assert _code(exc) == errors.DVK_COUNCIL_FROZEN
    assert set(DvkScore.objects.values_list("value", flat=True)) == {8}


def test_a_scorer_from_the_models_own_unit_is_refused(w) -> None:
    model = implementing(w)
    with pytest.raises(DomainError) as exc:
        services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.ward_front_officer,
                                  organization=w.ward_front)  # fmt: skip
    assert _code(exc) == errors.DVK_OWN_UNIT_SCORER
    assert not model.evaluators.exists()


def test_scoring_before_the_evaluation_date_is_refused(w, frozen_clock) -> None:
    model = implementing(w)
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_other, organization=w.other_front)
    frozen_clock.move_to(dt.datetime(2026, 1, 14, 9, 0, tzinfo=dt.UTC))
    with pytest.raises(DomainError) as exc:
        services.dvk_score_submit(actor=w.scorer_other, model=model, scores=scores())
    assert _code(exc) == errors.DVK_TOO_EARLY
    frozen_clock.move_to(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
    services.dvk_score_submit(actor=w.scorer_other, model=model, scores=scores())
    assert model.evaluation_on == EVALUATION


def test_incomplete_sheets_and_a_small_council_are_refused(w) -> None:
    model = implementing(w)
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_other, organization=w.other_front)
    partial = scores()
    partial.pop("lan-toa")
    with pytest.raises(DomainError) as exc:
        services.dvk_score_submit(actor=w.scorer_other, model=model, scores=partial)
    assert _code(exc) == errors.DVK_SCORES_INCOMPLETE
    no_reason = scores() | {"lan-toa": (5, " ")}
    with pytest.raises(DomainError) as exc:
        services.dvk_score_submit(actor=w.scorer_other, model=model, scores=no_reason)
    assert _code(exc) == errors.DVK_BAD_SCORE
    services.dvk_score_submit(actor=w.scorer_other, model=model, scores=scores())
    with pytest.raises(DomainError) as exc:
        services.dvk_council_conclude(actor=w.province_dv, model=model)
    assert _code(exc) == errors.DVK_COUNCIL_TOO_SMALL
    with pytest.raises(DomainError) as exc:
        services.dvk_score_submit(actor=w.scorer_city, model=model, scores=scores())
    assert _code(exc) == errors.DVK_NOT_ON_COUNCIL


def test_recognition_at_the_right_level_and_mark(w) -> None:
    model = evaluated(w, value=8)
    with pytest.raises(DomainError) as exc:
        services.dvk_model_recognise(actor=w.province_dv, model=model, level="tw", decision="1",
                                     recognised_on=dt.date(2026, 2, 5))  # fmt: skip
    assert _code(exc) == errors.DVK_LEVEL_ABOVE_AUTHORITY
    model = services.dvk_model_recognise(actor=w.province_dv, model=model, level="tinh", decision="12/QĐ",
                                         recognised_on=dt.date(2026, 2, 5))  # fmt: skip
    assert (model.stage, model.recognised_level, model.recognised_by) == ("recognised", "tinh", w.city)


def test_a_ward_does_not_convene_conclude_or_decide_on_its_own_model(w) -> None:
    model = implementing(w)
    with pytest.raises(DomainError) as exc:
        services.dvk_council_seat(actor=w.ward_head, model=model, evaluator=w.scorer_other, organization=w.other_front)
    assert _code(exc) == errors.DVK_OWN_UNIT_DECIDER
    assert not model.evaluators.exists()
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_other, organization=w.other_front)
    services.dvk_score_submit(actor=w.scorer_other, model=model, scores=scores())
    with pytest.raises(DomainError) as exc:
        services.dvk_council_conclude(actor=w.ward_head, model=model)
    assert _code(exc) == errors.DVK_OWN_UNIT_DECIDER
    model.refresh_from_db()
    assert (model.stage, model.score, model.council_concluded_at) == ("implementing", None, None)


def test_a_ward_does_not_recognise_its_own_model_the_city_does_at_commune_level(w) -> None:
    model = evaluated(w, value=8)
    with pytest.raises(DomainError) as exc:
        services.dvk_model_recognise(actor=w.ward_head, model=model, level="xa", decision="5/QĐ-UBND",
                                     recognised_on=dt.date(2026, 2, 5))  # fmt: skip
    assert _code(exc) == errors.DVK_OWN_UNIT_DECIDER
    with pytest.raises(DomainError) as exc:
        services.dvk_model_not_recognise(actor=w.ward_head, model=model, reason="Chưa đạt")
    assert _code(exc) == errors.DVK_OWN_UNIT_DECIDER
    model.refresh_from_db()
    assert (model.stage, model.recognised_level, model.decision_note) == ("evaluated", "", "")
    model = services.dvk_model_recognise(actor=w.province_dv, model=model, level="xa", decision="5/QĐ-BDV",
                                         recognised_on=dt.date(2026, 2, 5))  # fmt: skip
    assert (model.stage, model.recognised_level, model.recognised_by) == ("recognised", "xa", w.city)


def test_a_ward_does_not_decide_on_its_own_exemplar(w) -> None:
    exemplar = services.dvk_exemplar_propose(actor=w.ward_head, organization=w.ward, name="Tổ 3", kind="collective",
                                             field="kinh_te", achievement="Vận động 50 hộ.")  # fmt: skip
    for recognised_ in (True, False):
        with pytest.raises(DomainError) as exc:
            services.dvk_exemplar_decide(actor=w.ward_head, exemplar=exemplar, recognised=recognised_, level="xa",
                                         decision_number="1/QĐ")  # fmt: skip
        assert _code(exc) == errors.DVK_OWN_UNIT_DECIDER
    exemplar.refresh_from_db()
    assert (exemplar.status, exemplar.recognised_level) == ("proposed", "")


def test_a_score_below_the_mark_cannot_be_recognised_but_can_be_refused(w) -> None:
    model = evaluated(w, value=5)
    assert model.score == Decimal("50.00")
    with pytest.raises(DomainError) as exc:
        services.dvk_model_recognise(actor=w.province_dv, model=model, level="xa", decision="1",
                                     recognised_on=dt.date(2026, 2, 5))  # fmt: skip
    assert _code(exc) == errors.DVK_BELOW_MARK
    with pytest.raises(DomainError) as exc:
        services.dvk_model_not_recognise(actor=w.province_dv, model=model, reason="")
    assert _code(exc) == errors.DVK_REASON_REQUIRED
    model = services.dvk_model_not_recognise(actor=w.province_dv, model=model, reason="Chưa đạt")
    assert model.stage == "not_recognised"
    with pytest.raises(DomainError) as exc:
        services.dvk_model_replicate(actor=w.other_head, origin=model, organization=w.other)
    assert _code(exc) == errors.DVK_NOT_REPLICABLE


def test_replication_makes_a_tree(w) -> None:
    origin = recognised(w)
    copy = services.dvk_model_replicate(actor=w.other_head, origin=origin, organization=w.other)
    origin.refresh_from_db()
    assert origin.stage == "replicated"
    assert (copy.stage, copy.replicated_from, copy.organization, copy.place) == ("draft", origin, w.other, w.other.unit)
    with pytest.raises(PermissionDenied):
        services.dvk_model_replicate(actor=w.other_head, origin=origin, organization=w.ward)
    with pytest.raises(DomainError) as exc:
        services.dvk_model_replicate(actor=w.ward_head, origin=origin, organization=w.ward)
    assert _code(exc) == errors.DVK_BAD_UNIT
    second = services.dvk_model_replicate(actor=w.province_dv, origin=origin, organization=w.other_front)
    assert list(origin.replications.order_by("id")) == [copy, second]


def test_sustained_and_archived(w) -> None:
    model = recognised(w)
    with pytest.raises(DomainError) as exc:
        services.dvk_model_close(actor=w.ward_head, model=model, outcome="archived")
    assert _code(exc) == errors.DVK_REASON_REQUIRED
    model = services.dvk_model_close(actor=w.ward_head, model=model, outcome="sustained")
    assert model.stage == "sustained" and model.closed_on == dt.date(2026, 2, 5)


def test_exemplars(w) -> None:
    exemplar = services.dvk_exemplar_propose(actor=w.ward_head, organization=w.ward, name="Bà Nguyễn Thị Lan",
                                             kind="person", field="van_hoa_xa_hoi", achievement="Vận động 50 hộ.")  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.dvk_exemplar_decide(actor=w.province_dv, exemplar=exemplar, recognised=True, level="tinh")
    assert _code(exc) == errors.DVK_DECISION_NUMBER_REQUIRED
    exemplar = services.dvk_exemplar_decide(actor=w.province_dv, exemplar=exemplar, recognised=True, level="tinh",
                                            decision_number="7/QĐ")  # fmt: skip
    assert exemplar.status == "recognised" and exemplar.recognised_on == dt.date(2026, 2, 5)
    with pytest.raises(DomainError) as exc:
        services.dvk_exemplar_propose(actor=w.ward_head, organization=w.ward, name="", kind="person",
                                      field="kinh_te", achievement="x")  # fmt: skip
    assert _code(exc) == errors.DVK_BAD_EXEMPLAR


def test_a_city_evaluator_sits_and_the_convener_must_cover_the_unit(w) -> None:
    model = implementing(w)
    with pytest.raises(PermissionDenied):
        services.dvk_council_seat(actor=w.other_head, model=model, evaluator=w.scorer_other, organization=w.other_front)
    city_front = Organization.objects.get(name="Ủy ban MTTQ thành phố Huế")
    seat = services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_city, organization=city_front)
    assert seat.organization == city_front


def test_a_page_loaded_before_the_conclusion_cannot_score_after_it(w) -> None:
    """Each service re-reads the model under a lock: the instance a view loaded earlier is not trusted."""
    model = implementing(w)
    city_front = Organization.objects.get(name="Ủy ban MTTQ thành phố Huế")
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_city, organization=city_front)
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_other, organization=w.other_front)
    services.dvk_score_submit(actor=w.scorer_city, model=model, scores=scores(8))
    services.dvk_score_submit(actor=w.scorer_other, model=model, scores=scores(8))
    stale = DvkModel.objects.get(pk=model.pk)  # the scorer's page, opened before the conclusion
    services.dvk_council_conclude(actor=w.province_dv, model=DvkModel.objects.get(pk=model.pk))
    with pytest.raises(DomainError) as exc:
        services.dvk_score_submit(actor=w.scorer_other, model=stale, scores=scores(2))
    assert _code(exc) == errors.DVK_COUNCIL_FROZEN
    assert set(DvkScore.objects.values_list("value", flat=True)) == {8}


def test_a_stale_instance_cannot_decide_twice(w) -> None:
    model = evaluated(w, value=8)
    stale = DvkModel.objects.get(pk=model.pk)
    services.dvk_model_recognise(actor=w.province_dv, model=model, level="tinh", decision="12/QĐ",
                                 recognised_on=dt.date(2026, 2, 5))  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.dvk_model_not_recognise(actor=w.province_dv, model=stale, reason="Chưa đạt")
    assert _code(exc) == errors.DVK_BAD_MOVE
    assert DvkModel.objects.values_list("stage", "decision_note").get() == ("recognised", "")
