"""The forms (added, renamed, retired by whoever holds the model permission, a national rule table) and the corrections and withdrawals of
criticism and discipline records: allowed moves with their audit, refusals by code (never a permission
refusal standing in for a rule's) with nothing stored, and who may do them."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.emulation import errors
from danvan.emulation.models import CommendationForm, CommendationProposal, DisciplineRecord
from danvan.emulation.selectors import commendation as selectors
from danvan.emulation.services import commendation as services
from danvan.emulation.tests.commendation.factories import TODAY, decide, form, reviewed
from danvan.emulation.tests.national import rule_keeper
from danvan.org.choices import Role
from danvan.org.tests.factories import officer


def _code(exc: pytest.ExceptionInfo[DomainError]) -> str | None:
    assert not isinstance(exc.value, PermissionDenied)
    return exc.value.code


# Forms -----------------------------------------------------------------------------------------------------


def test_the_rule_keeper_adds_renames_and_retires_a_form(w) -> None:
    op = rule_keeper()
    added = services.form_add(actor=op, code="Huy-hieu", name=" Huy hiệu ", family="commendation", levels=["tinh"],
                              source="[U] chưa đọc")  # fmt: skip
    assert (added.code, added.name, added.levels, added.is_active, added.verified) == (
        "huy-hieu", "Huy hiệu", ["tinh"], True, False)  # fmt: skip
    assert services.form_rename(actor=op, form=added, name="Huy hiệu Dân vận").name == "Huy hiệu Dân vận"
    assert services.form_retire(actor=op, form=added).is_active is False
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="emulation.commendation_form").order_by("id")] == [
        "emulation.commendation_form_added", "emulation.commendation_form_renamed",
        "emulation.commendation_form_retired"]  # fmt: skip


def test_a_retired_form_is_no_longer_proposed_and_the_decided_keep_it(w) -> None:
    op = rule_keeper()
    decided = decide(w, reviewed(w))
    services.form_retire(actor=op, form=form("bang-khen"))
    with pytest.raises(DomainError) as exc:
        services.proposal_create(actor=w.ward_head, organization=w.ward, collective=w.ward_front, level="tinh",
                                 form=form("bang-khen"), achievements="Tốt")  # fmt: skip
    assert _code(exc) == errors.COMMENDATION_BAD_FORM
    assert CommendationProposal.objects.count() == 1
    decided.refresh_from_db()
    assert (decided.decided_form.code, decided.proposed_form.code) == ("bang-khen", "bang-khen")
    assert "bang-khen" not in set(selectors.forms("commendation").values_list("code", flat=True))
    with pytest.raises(DomainError) as exc:
        services.form_retire(actor=op, form=form("bang-khen"))
    assert _code(exc) == errors.COMMENDATION_FORM_INVALID


@pytest.mark.parametrize(
    ("values", "why"),
    [
        ({"code": "giay-khen"}, "the code is taken"),
        ({"name": " "}, "no name"),
        ({"family": "award"}, "no such family"),
        ({"levels": ["huyen"]}, "no such level"),
        ({"source": ""}, "no source"),
    ],
)
def test_bad_forms_are_refused_by_code(w, values, why) -> None:
    op = rule_keeper()
    before = CommendationForm.objects.count()
    with pytest.raises(DomainError) as exc:
        services.form_add(actor=op, **{"code": "huy-hieu", "name": "Huy hiệu", "family": "commendation",
                                       "levels": ["tinh"], "source": "[U]", **values})  # fmt: skip
    assert _code(exc) == errors.COMMENDATION_FORM_INVALID, why
    assert CommendationForm.objects.count() == before


def test_no_officer_of_a_unit_changes_the_forms(w) -> None:
    commune_op = officer("vhxa", Role.OPERATOR, w.ward, subtree=True)
    province_op = officer("vhtinh", Role.OPERATOR, w.city, subtree=True)
    for actor in (w.ward_head, w.province_dv, commune_op, province_op, w.stranger):
        with pytest.raises(PermissionDenied):
            services.form_add(actor=actor, code="huy-hieu", name="Huy hiệu", family="commendation", levels=[],
                              source="[U]")  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.form_rename(actor=actor, form=form("giay-khen"), name="")  # refused before the name is read
        with pytest.raises(PermissionDenied):
            services.form_retire(actor=actor, form=form("giay-khen"))
    assert form("giay-khen").is_active and form("giay-khen").name == "Giấy khen"
    assert not CommendationForm.objects.filter(code="huy-hieu").exists()


# Discipline: withdraw and correct ------------------------------------------------------------------------


def _record(w) -> DisciplineRecord:
    return services.discipline_record(actor=w.ward_head, organization=w.ward, deciding_organization=w.ward,
                                      person=w.stranger, form=form("khien-trach"), decided_on=dt.date(2026, 2, 1),
                                      decision_number="12/QĐ-UBND", ground="Thái độ thiếu tôn trọng công dân.")  # fmt: skip


def _correct(w, record: DisciplineRecord, **change) -> DisciplineRecord:
    values = {"actor": w.ward_head, "record": record, "reason": "Sai hình thức kỷ luật trong quyết định gốc.",
              "form": form("phe-binh"), "decided_on": dt.date(2026, 2, 3), "deciding_organization": w.ward,
              "decision_number": "13/QĐ-UBND", "ground": "Thái độ thiếu tôn trọng công dân (đã xác minh lại)."}  # fmt: skip
    return services.discipline_correct(**{**values, **change})


def test_a_record_is_withdrawn_with_its_reason(w) -> None:
    record = _record(w)
    with pytest.raises(DomainError) as exc:
        services.discipline_withdraw(actor=w.ward_head, record=record, reason="  ")
    assert _code(exc) == errors.DISCIPLINE_REASON_REQUIRED
    assert DisciplineRecord.objects.get(pk=record.pk).status == "in_force"
    done = services.discipline_withdraw(
        actor=w.ward_head, record=record, reason="Hủy theo kết quả giải quyết khiếu nại."
    )
    assert (done.status, done.withdrawal_reason, done.withdrawn_by) == (
        "withdrawn", "Hủy theo kết quả giải quyết khiếu nại.", w.ward_head)  # fmt: skip
    event = AuditEvent.objects.get(action="emulation.discipline_withdrawn")
    assert "Hủy" not in str(event.after)  # ids and status only: the reason stays in the record
    with pytest.raises(DomainError) as exc:
        services.discipline_withdraw(actor=w.ward_head, record=record, reason="Lần nữa")
    assert _code(exc) == errors.DISCIPLINE_NOT_IN_FORCE
    with pytest.raises(DomainError) as exc:
        _correct(w, record)
    assert _code(exc) == errors.DISCIPLINE_NOT_IN_FORCE


def test_a_correction_makes_a_new_version_and_keeps_the_old_one_superseded(w) -> None:
    record = _record(w)
    newer = _correct(w, record)
    record.refresh_from_db()
    assert (record.status, newer.status, newer.version, newer.previous) == ("superseded", "in_force", 2, record)
    assert (newer.person, newer.organization, newer.form.code, newer.decided_on) == (
        w.stranger, w.ward, "phe-binh", dt.date(2026, 2, 3))  # fmt: skip
    assert newer.correction_reason == "Sai hình thức kỷ luật trong quyết định gốc."
    assert AuditEvent.objects.filter(action="emulation.discipline_corrected", object_id=str(newer.pk)).exists()
    # the same people read both; the list shows the version in force
    for reader in (w.ward_head, w.stranger):
        assert [v.pk for v in selectors.discipline_versions(reader, record)] == [record.pk, newer.pk]
        assert list(selectors.discipline_for(reader, current=True)) == [newer]
    assert not selectors.discipline_for(w.other_head).exists()
    with pytest.raises(DomainError) as exc:
        _correct(w, record)
    assert _code(exc) == errors.DISCIPLINE_NOT_IN_FORCE
    assert DisciplineRecord.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"reason": " "}, errors.DISCIPLINE_REASON_REQUIRED),
        ({"decided_on": TODAY + dt.timedelta(days=1)}, errors.DISCIPLINE_BAD_DATE),
        ({"ground": ""}, errors.DISCIPLINE_BAD_GROUND),
        ({"form_code": "giay-khen"}, errors.COMMENDATION_BAD_FORM),
        ({"case_tracking_code": "NOPE-1"}, errors.DISCIPLINE_BAD_GROUND),
    ],
)
def test_bad_corrections_are_refused_by_code_and_the_record_stays_in_force(w, change, code) -> None:
    record = _record(w)
    if "form_code" in change:
        change = {"form": form(change.pop("form_code"))}
    with pytest.raises(DomainError) as exc:
        _correct(w, record, **change)
    assert _code(exc) == code
    assert DisciplineRecord.objects.get().status == "in_force"


def test_a_correction_may_keep_a_form_retired_since(w) -> None:
    record = _record(w)
    services.form_retire(actor=rule_keeper(), form=form("khien-trach"))
    assert _correct(w, record, form=form("khien-trach")).form.code == "khien-trach"


def test_who_may_withdraw_and_correct(w) -> None:
    record = _record(w)
    commune_op = officer("vhxa", Role.OPERATOR, w.ward, subtree=True)
    colleague_head = officer("ctkimlong2", Role.HEAD, w.other)
    for actor in (w.stranger, w.other_head, w.province_dv, w.ward_front_officer, commune_op, colleague_head):
        with pytest.raises(PermissionDenied):
            services.discipline_withdraw(actor=actor, record=record, reason="")  # refused before the reason is read
        with pytest.raises(PermissionDenied):
            _correct(w, record, actor=actor)
    with pytest.raises(PermissionDenied):  # the head of the ward may not name the city as deciding body
        _correct(w, record, deciding_organization=w.city)
    assert DisciplineRecord.objects.get().status == "in_force"
    assert not AuditEvent.objects.filter(action__in=["emulation.discipline_withdrawn",
                                                     "emulation.discipline_corrected"]).exists()  # fmt: skip
