"""visit_register and visit_outcome_record: numbering, idempotency, the Art. 9 and transfer rules, the
NĐ 154 identity date, documents, the Art. 28 clock (frozen time), and who may write."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.reception import choices, errors
from danvan.reception.models import Visit, VisitDocument
from danvan.reception.services.register import InvalidVisit, visit_outcome_record, visit_register
from danvan.reception.services.sealing import visit_sealed_identity
from danvan.reception.tests.factories import ReceptionWorld, at, session
from danvan.reception.tests.register.helpers import booking, png_bytes, walk_in

pytestmark = pytest.mark.django_db


def register(w: ReceptionWorld, **fields: object) -> Visit:
    key = str(fields.pop("request_key", ""))
    return visit_register(actor=w.officer, organization=w.phuong, data=walk_in(**fields), request_key=key)


# --- numbering ------------------------------------------------------------------------------------


def test_serial_numbers_run_per_body_from_one(rworld: ReceptionWorld, frozen_clock: object) -> None:
    first, second = register(rworld), register(rworld)
    other = visit_register(actor=rworld.other_officer, organization=rworld.other, data=walk_in())
    assert (first.year, first.serial_no, second.serial_no, other.serial_no) == (2026, 1, 2, 1)
    assert str(second) == "002/2026"


def test_a_new_year_restarts_at_one(rworld: ReceptionWorld, frozen_clock) -> None:
    frozen_clock.move_to(at(2026, 12, 31, 16, 0))
    register(rworld), register(rworld)
    frozen_clock.move_to(at(2027, 1, 4, 8, 0))
    visit = register(rworld)
    assert (visit.year, visit.serial_no) == (2027, 1)


def test_a_refused_try_takes_no_number(rworld: ReceptionWorld, frozen_clock: object) -> None:
    register(rworld)
    with pytest.raises(InvalidVisit):
        register(rworld, content="")
    assert register(rworld).serial_no == 2


# --- idempotency and audit ------------------------------------------------------------------------


def test_a_visit_sent_twice_is_stored_once(rworld: ReceptionWorld, frozen_clock: object) -> None:
    first = register(rworld, request_key="k-1")
    again = register(rworld, request_key="k-1")
    assert again.pk == first.pk
    assert Visit.objects.count() == 1
    assert AuditEvent.objects.filter(action="reception.visit_register").count() == 1


def test_the_visit_is_audited_with_its_officer(rworld: ReceptionWorld, frozen_clock: object) -> None:
    visit = register(rworld)
    event = AuditEvent.objects.get(action="reception.visit_register")
    assert (event.actor, event.object_id, (event.after or {})["serial_no"]) == (rworld.officer, str(visit.pk), 1)
    assert visit.receiving_officer == rworld.officer


# --- handling -------------------------------------------------------------------------------------


def test_a_refusal_needs_an_art_9_ground(rworld: ReceptionWorld, frozen_clock: object) -> None:
    with pytest.raises(InvalidVisit) as refused:
        register(rworld, handling=choices.Handling.REFUSED)
    assert refused.value.code == errors.NO_REFUSAL_GROUND
    assert set(refused.value.details) == {"refusal_ground"}
    assert not Visit.objects.exists()


def test_a_refusal_with_its_ground_is_registered_and_owes_no_answer(
    rworld: ReceptionWorld, frozen_clock: object
) -> None:
    visit = register(rworld, handling=choices.Handling.REFUSED, refusal_ground=choices.RefusalGround.THREATENING)
    assert (visit.handling, visit.refusal_ground, visit.outcome_due_on) == ("refused", "threatening", None)


def test_a_transfer_needs_the_body(rworld: ReceptionWorld, frozen_clock: object) -> None:
    with pytest.raises(InvalidVisit) as refused:
        register(rworld, handling=choices.Handling.TRANSFERRED)
    assert refused.value.code == errors.REQUIRED
    assert set(refused.value.details) == {"transferred_to"}
    visit = register(rworld, handling=choices.Handling.TRANSFERRED, transferred_to=rworld.tinh)
    assert visit.transferred_to == rworld.tinh


# --- identity (NĐ 154/2026 Art. 12, from 1/7/2026) --------------------------------------------------


def test_the_id_number_is_optional_before_1_july_2026(rworld: ReceptionWorld, frozen_clock) -> None:
    frozen_clock.move_to(at(2026, 6, 30, 16, 0))
    assert register(rworld, visitor_id_number="").visitor_id_number == ""


def test_the_id_number_is_required_from_1_july_2026(rworld: ReceptionWorld, frozen_clock) -> None:
    frozen_clock.move_to(at(2026, 7, 1, 7, 30))
    with pytest.raises(InvalidVisit) as refused:
        register(rworld, visitor_id_number="")
    assert set(refused.value.details) == {"visitor_id_number"}
    assert register(rworld, visitor_id_number="046 203 004 567").visitor_id_number == "046203004567"


def test_a_malformed_id_number_is_refused(rworld: ReceptionWorld, frozen_clock: object) -> None:
    with pytest.raises(InvalidVisit) as refused:
        register(rworld, visitor_id_number="12345")
    assert set(refused.value.details) == {"visitor_id_number"}


def test_a_sealed_visit_keeps_no_identity_in_clear(rworld: ReceptionWorld, frozen_clock: object) -> None:
    visit = register(rworld, sealed=True, documents=[("thu.png", png_bytes())])
    assert (visit.visitor_name, visit.visitor_id_number, visit.visitor_address) == ("", "", "")
    assert visit_sealed_identity(visit)["visitor_name"] == "Nguyễn Văn An"  # the split's keys: one seal
    document = visit.documents.get()
    assert document.sealed and "thu" not in document.file.name and document.name == "Tài liệu 1.png"


# --- booked visits ----------------------------------------------------------------------------------


def test_a_booked_visit_marks_the_booking_attended(rworld: ReceptionWorld, frozen_clock: object) -> None:
    held = session(rworld.point, rworld.chair, at(2026, 2, 5, 7, 30))
    booked = booking(held)
    visit = visit_register(actor=rworld.officer, organization=rworld.phuong, data=walk_in(), booking=booked)
    booked.refresh_from_db()
    assert (visit.booking, visit.session, visit.point, booked.status) == (booked, held, rworld.point, "attended")
    with pytest.raises(InvalidVisit) as twice:
        visit_register(actor=rworld.officer, organization=rworld.phuong, data=walk_in(), booking=booked)
    assert set(twice.value.details) == {"booking"}


# --- documents (the same checks as a case's attachments) ------------------------------------------


def test_a_fake_pdf_is_refused_and_nothing_is_stored(rworld: ReceptionWorld, frozen_clock: object) -> None:
    with pytest.raises(InvalidVisit) as refused:
        register(rworld, documents=[("don.pdf", b"%PDF-1.4 this is not a PDF at all")])
    assert refused.value.code == "bad_document"
    assert "don.pdf" in refused.value.details["documents"]
    assert not Visit.objects.exists() and not VisitDocument.objects.exists()


def test_a_program_named_as_a_photo_is_refused(rworld: ReceptionWorld, frozen_clock: object) -> None:
    with pytest.raises(InvalidVisit) as refused:
        register(rworld, documents=[("anh.png", b"MZ\x90\x00" + b"\x00" * 100)])
    assert set(refused.value.details) == {"documents"}


def test_a_photo_is_cleaned_and_stored(rworld: ReceptionWorld, frozen_clock: object) -> None:
    visit = register(rworld, documents=[("ảnh hiện trường.png", png_bytes())])
    document = visit.documents.get()
    assert (document.content_type, document.sealed, document.uploaded_by) == ("image/png", False, rworld.officer)
    assert document.name.endswith(".png")


# --- who may write ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["dan_van", "other_officer", "inspector", "handler"])
def test_only_the_bodys_reception_officers_and_heads_register(
    rworld: ReceptionWorld, frozen_clock: object, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        visit_register(actor=getattr(rworld, who), organization=rworld.phuong, data=walk_in())
    assert not Visit.objects.exists()


def test_the_permission_is_checked_before_the_input(rworld: ReceptionWorld, frozen_clock: object) -> None:
    with pytest.raises(PermissionDenied):  # an empty visit from someone who may not write: refused for who he is
        visit_register(actor=rworld.dan_van, organization=rworld.phuong, data=walk_in(content=""))


# --- the answer within 10 working days (Art. 28(1)) -------------------------------------------------


def test_the_answer_is_due_ten_working_days_later_across_weekends_and_holidays(
    rworld: ReceptionWorld, frozen_clock
) -> None:
    # Wed 22/4/2026. Working days after it: 23, 24 (Sat 25, Sun 26, Mon 27 = Giỗ Tổ observed), 28, 29
    # (Thu 30/4 and Fri 1/5 holidays, weekend), 4, 5, 6, 7, 8/5, and the tenth, Mon 11/5.
    frozen_clock.move_to(at(2026, 4, 22, 9, 0))
    assert register(rworld).outcome_due_on == dt.date(2026, 5, 11)


def test_a_visit_late_in_the_evening_counts_from_its_vietnam_day(rworld: ReceptionWorld, frozen_clock) -> None:
    frozen_clock.move_to(at(2026, 2, 5, 23, 30))  # 16:30 UTC: still 5/2 in Vietnam
    assert register(rworld).outcome_due_on == dt.date(2026, 2, 26)  # Tết 14–22/2 (Mon 16–Fri 20) off


def test_guided_visits_owe_no_answer(rworld: ReceptionWorld, frozen_clock: object) -> None:
    assert register(rworld, handling=choices.Handling.GUIDED).outcome_due_on is None


def test_the_answer_is_recorded_once(rworld: ReceptionWorld, frozen_clock: object) -> None:
    visit = register(rworld)
    answered = visit_outcome_record(actor=rworld.officer, visit=visit, outcome=choices.Outcome.ACCEPTED)
    assert (answered.outcome, answered.outcome_on) == ("accepted", dt.date(2026, 2, 5))
    with pytest.raises(DomainError) as again:
        visit_outcome_record(actor=rworld.officer, visit=visit, outcome=choices.Outcome.REFUSED, note="x")
    assert again.value.code == errors.BAD_STATE
    assert AuditEvent.objects.filter(action="reception.visit_outcome").count() == 1


def test_more_time_is_followed_by_the_final_answer(rworld: ReceptionWorld, frozen_clock: object) -> None:
    visit = register(rworld)
    visit_outcome_record(actor=rworld.officer, visit=visit, outcome=choices.Outcome.MORE_TIME)
    final = visit_outcome_record(actor=rworld.chair, visit=visit, outcome=choices.Outcome.TRANSFERRED,
                                 note="Sở Xây dựng thành phố Huế")  # fmt: skip
    assert (final.outcome, final.outcome_note) == ("transferred", "Sở Xây dựng thành phố Huế")


@pytest.mark.parametrize("outcome", [choices.Outcome.REFUSED, choices.Outcome.TRANSFERRED])
def test_not_accepting_or_transferring_needs_its_ground(
    rworld: ReceptionWorld, frozen_clock: object, outcome: str
) -> None:
    visit = register(rworld)
    with pytest.raises(InvalidVisit) as refused:
        visit_outcome_record(actor=rworld.officer, visit=visit, outcome=outcome, note=" ")
    assert (refused.value.code, set(refused.value.details)) == (errors.REQUIRED, {"note"})
    visit.refresh_from_db()
    assert visit.outcome == ""


def test_a_dan_van_officer_may_not_record_the_answer(rworld: ReceptionWorld, frozen_clock: object) -> None:
    visit = register(rworld)
    with pytest.raises(PermissionDenied):
        visit_outcome_record(actor=rworld.dan_van, visit=visit, outcome=choices.Outcome.ACCEPTED)


def test_no_answer_is_recorded_for_a_refused_visit(rworld: ReceptionWorld, frozen_clock: object) -> None:
    visit = register(rworld, handling=choices.Handling.REFUSED, refusal_ground=choices.RefusalGround.INCAPACITY)
    with pytest.raises(DomainError) as refused:
        visit_outcome_record(actor=rworld.officer, visit=visit, outcome=choices.Outcome.ACCEPTED)
    assert refused.value.code == errors.BAD_STATE
