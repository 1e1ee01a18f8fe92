"""Proposals, council, decision, discipline: allowed moves with their audit, refusals by code with nothing
stored."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.emulation import errors
from danvan.emulation.models import CommendationCouncilMember, CommendationProposal, DisciplineRecord, DvkModel
from danvan.emulation.selectors import commendation as selectors
from danvan.emulation.services import commendation as services
from danvan.emulation.tests.commendation.factories import TODAY, city_front, decide, form, proposed, reviewed
from danvan.emulation.tests.dvk.factories import implementing


def _code(exc: pytest.ExceptionInfo[DomainError]) -> str | None:
    assert not isinstance(exc.value, PermissionDenied)
    return exc.value.code


def test_a_model_is_proposed_reviewed_and_decided_and_the_model_is_commended(w) -> None:
    proposal = reviewed(w)
    assert proposal.subject_kind == "model" and proposal.subject_organization == w.ward
    decided = decide(w, proposal)
    assert (decided.status, decided.decision_number, decided.decided_on) == ("decided", "215/QĐ-UBND", TODAY)
    assert decided.document_family == "state" and decided.deciding_organization == w.city
    model = DvkModel.objects.get(pk=proposal.model.pk)
    assert (model.stage, model.commendation_decision_number, model.commendation_form, model.commended_on) == (
        "commended", "215/QĐ-UBND", "Bằng khen", TODAY)  # fmt: skip
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"emulation.commendation_proposed", "emulation.commendation_seat", "emulation.commendation_opinion",
            "emulation.commendation_decided", "emulation.dvk_commended"} <= actions  # fmt: skip


def test_a_decision_without_a_number_is_refused_and_nothing_moves(w) -> None:
    proposal = reviewed(w)
    with pytest.raises(DomainError) as exc:
        decide(w, proposal, decision_number="  ")
    assert _code(exc) == errors.COMMENDATION_DECISION_NUMBER_REQUIRED
    proposal.refresh_from_db()
    assert proposal.status == "proposed" and proposal.decision_number == ""
    assert DvkModel.objects.get(pk=proposal.model.pk).stage == "recognised"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"decided_on": dt.date(2026, 2, 6)}, errors.COMMENDATION_BAD_DECISION),  # tomorrow
        ({"signer_name": ""}, errors.COMMENDATION_BAD_DECISION),
        ({"level": "xa"}, errors.COMMENDATION_BAD_FORM),  # Bằng khen is not given at commune level
        ({"form_code": "phe-binh"}, errors.COMMENDATION_BAD_FORM),
        ({"deciding_organization": None}, errors.COMMENDATION_BAD_DECISION),
    ],
)
def test_bad_decisions_are_refused_by_code(w, change, code) -> None:
    proposal = reviewed(w)
    if "form_code" in change:
        change = {"form": form(change.pop("form_code"))}
    with pytest.raises(DomainError) as exc:
        decide(w, proposal, **change)
    assert _code(exc) == code
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "proposed"


def test_the_proposing_unit_does_not_decide_its_own_proposal(w) -> None:
    proposal = reviewed(w)
    with pytest.raises(DomainError) as exc:
        decide(w, proposal, deciding_organization=w.ward)
    assert _code(exc) == errors.COMMENDATION_OWN_PROPOSAL


def test_deciding_before_the_council_has_spoken_is_refused(w) -> None:
    proposal = proposed(w)
    services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_city, organization=city_front())
    services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_other, organization=w.other_front)
    services.council_opinion(actor=w.scorer_city, proposal=proposal, opinion="agree", reason="Tốt.")
    with pytest.raises(DomainError) as exc:
        decide(w, proposal)
    assert _code(exc) == errors.COMMENDATION_COUNCIL_INCOMPLETE


def test_a_member_of_the_proposing_or_subject_unit_is_refused_a_seat(w) -> None:
    proposal = proposed(w)
    with pytest.raises(DomainError) as exc:
        services.council_seat(actor=w.province_dv, proposal=proposal, member=w.ward_front_officer,
                              organization=w.ward_front)  # fmt: skip
    assert _code(exc) == errors.COMMENDATION_OWN_UNIT_MEMBER
    assert not CommendationCouncilMember.objects.filter(proposal=proposal).exists()


def test_an_opinion_needs_a_seat_and_a_reason(w) -> None:
    proposal = proposed(w)
    with pytest.raises(DomainError) as exc:
        services.council_opinion(actor=w.scorer_city, proposal=proposal, opinion="agree", reason="Tốt.")
    assert _code(exc) == errors.COMMENDATION_NOT_ON_COUNCIL
    services.council_seat(actor=w.province_dv, proposal=proposal, member=w.scorer_city, organization=city_front())
    with pytest.raises(DomainError) as exc:
        services.council_opinion(actor=w.scorer_city, proposal=proposal, opinion="agree", reason=" ")
    assert _code(exc) == errors.COMMENDATION_OPINION_REASON
    assert CommendationCouncilMember.objects.get(proposal=proposal).opinion == ""


def test_a_decided_proposal_is_frozen(w) -> None:
    proposal = decide(w, reviewed(w))
    for call in (
        lambda: services.council_opinion(actor=w.scorer_city, proposal=proposal, opinion="disagree", reason="Đổi ý."),
        lambda: decide(w, proposal, decision_number="216/QĐ-UBND"),
        lambda: services.proposal_decline(actor=w.province_dv, proposal=proposal, deciding_organization=w.city,
                                          reason="Không"),
    ):  # fmt: skip
        with pytest.raises(DomainError) as exc:
            call()
        assert _code(exc) == errors.COMMENDATION_FROZEN
    assert CommendationProposal.objects.get(pk=proposal.pk).decision_number == "215/QĐ-UBND"


def test_a_model_not_recognised_cannot_be_proposed(w) -> None:
    model = implementing(w)
    with pytest.raises(DomainError) as exc:
        services.proposal_create(actor=w.ward_head, organization=w.ward, model=model, level="tinh",
                                 form=form("bang-khen"), achievements="Tốt")  # fmt: skip
    assert _code(exc) == errors.COMMENDATION_MODEL_NOT_READY
    assert not CommendationProposal.objects.exists()


def test_proposal_refusals(w) -> None:
    with pytest.raises(DomainError) as exc:
        services.proposal_create(actor=w.ward_head, organization=w.ward, collective=w.ward, person=w.stranger,
                                 level="xa", form=form("giay-khen"), achievements="Tốt")  # fmt: skip
    assert _code(exc) == errors.COMMENDATION_BAD_SUBJECT
    with pytest.raises(DomainError) as exc:
        services.proposal_create(actor=w.ward_head, organization=w.ward, collective=w.other, level="xa",
                                 form=form("giay-khen"), achievements="Tốt")  # fmt: skip
    assert _code(exc) == errors.COMMENDATION_BAD_SUBJECT  # Kim Long is not the ward head's
    with pytest.raises(DomainError) as exc:
        services.proposal_create(actor=w.ward_head, organization=w.ward, person=w.stranger, person_organization=w.other,
                                 level="xa", form=form("giay-khen"), achievements="Tốt")  # fmt: skip
    assert _code(exc) == errors.COMMENDATION_BAD_SUBJECT  # he does not work there
    with pytest.raises(DomainError) as exc:
        services.proposal_create(actor=w.ward_head, organization=w.ward, collective=w.ward_front, level="xa",
                                 form=form("giay-khen"), achievements=" ")  # fmt: skip
    assert _code(exc) == errors.COMMENDATION_EMPTY_ACHIEVEMENTS
    assert not CommendationProposal.objects.exists()


def test_who_may_propose_and_decide(w) -> None:
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=w.stranger, organization=w.ward, collective=w.ward, level="xa",
                                 form=form("giay-khen"), achievements="Tốt")  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=w.other_head, organization=w.ward, collective=w.ward, level="xa",
                                 form=form("giay-khen"), achievements="Tốt")  # fmt: skip
    proposal = reviewed(w)
    with pytest.raises(PermissionDenied):  # the ward's head has no role on the city
        decide(w, proposal, actor=w.ward_head)
    with pytest.raises(PermissionDenied):
        decide(w, proposal, actor=w.other_head, deciding_organization=w.other)
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "proposed"


def test_a_person_is_proposed_and_declined_with_a_reason(w) -> None:
    proposal = services.proposal_create(actor=w.ward_head, organization=w.ward_front, person=w.stranger,
                                        person_organization=w.ward, level="xa", form=form("giay-khen"),
                                        achievements="Tiếp nhận 300 hồ sơ đúng hạn.")  # fmt: skip
    assert proposal.subject_kind == "person" and proposal.subject_organization == w.ward
    with pytest.raises(DomainError) as exc:
        services.proposal_decline(actor=w.ward_head, proposal=proposal, deciding_organization=w.ward, reason="")
    assert _code(exc) == errors.COMMENDATION_REASON_REQUIRED
    done = services.proposal_decline(actor=w.ward_head, proposal=proposal, deciding_organization=w.ward,
                                     reason="Chưa đủ thành tích.")  # fmt: skip
    assert done.status == "not_commended"


def test_yearly_figures_count_decided_commendations_by_the_subject_unit(w) -> None:
    decide(w, reviewed(w))
    services.proposal_create(actor=w.ward_head, organization=w.ward, collective=w.ward_front, level="xa",
                             form=form("giay-khen"), achievements="Tốt")  # fmt: skip  # pending: not counted
    figures = selectors.commendation_yearly_figures(organization_ids=[w.ward.pk, w.other.pk], year=2026)
    assert figures == {w.ward.pk: 1, w.other.pk: 0}
    assert selectors.commendation_yearly_figures(organization_ids=[w.ward.pk], year=2025) == {w.ward.pk: 0}


def test_a_discipline_is_recorded_and_refused_without_ground_or_in_the_future(w) -> None:
    base = {"actor": w.ward_head, "organization": w.ward, "deciding_organization": w.ward, "person": w.stranger,
            "form": form("khien-trach"), "decided_on": TODAY}  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.discipline_record(**base, ground=" ")
    assert _code(exc) == errors.DISCIPLINE_BAD_GROUND
    with pytest.raises(DomainError) as exc:
        services.discipline_record(**{**base, "decided_on": dt.date(2026, 3, 1)}, ground="Thái độ")
    assert _code(exc) == errors.DISCIPLINE_BAD_DATE
    with pytest.raises(DomainError) as exc:
        services.discipline_record(**{**base, "form": form("bang-khen")}, ground="Thái độ")
    assert _code(exc) == errors.COMMENDATION_BAD_FORM
    with pytest.raises(DomainError) as exc:
        services.discipline_record(**base, ground="Thái độ", case_tracking_code="NOPE-1")
    assert _code(exc) == errors.DISCIPLINE_BAD_GROUND
    assert not DisciplineRecord.objects.exists()
    with pytest.raises(PermissionDenied):
        services.discipline_record(**{**base, "actor": w.province_dv}, ground="Thái độ")
    record = services.discipline_record(**base, ground="Thái độ thiếu tôn trọng công dân.")
    assert (record.subject_kind, record.person, record.form.code) == ("person", w.stranger, "khien-trach")


def test_a_model_replicated_while_its_proposal_is_in_council_is_commended_and_keeps_its_stage(w) -> None:
    from danvan.emulation.services import dvk as dvk_services

    proposal = reviewed(w)
    dvk_services.dvk_model_replicate(actor=w.other_head, origin=proposal.model, organization=w.other)
    decide(w, proposal)
    model = DvkModel.objects.get(pk=proposal.model.pk)
    assert (model.stage, model.commendation_decision_number, model.commended_on) == ("replicated", "215/QĐ-UBND", TODAY)
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "decided"


def test_a_model_archived_while_its_proposal_is_in_council_is_refused_at_the_decision(w) -> None:
    from danvan.emulation.services import dvk as dvk_services

    proposal = reviewed(w)
    dvk_services.dvk_model_close(actor=w.ward_head, model=proposal.model, outcome="archived", reason="Dừng triển khai.")
    with pytest.raises(DomainError) as exc:
        decide(w, proposal)
    assert _code(exc) == errors.COMMENDATION_MODEL_NOT_READY
    assert CommendationProposal.objects.get(pk=proposal.pk).status == "proposed"  # nothing half-stored
    assert DvkModel.objects.get(pk=proposal.model.pk).commendation_decision_number == ""
