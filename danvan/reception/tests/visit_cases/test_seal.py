"""The one seal of a tố cáo's visit (security review of issue 15): the register's "sealed" box and the
split seal the same way (same keys, texts redacted, neutral document names), and the seal also takes the
booking, the crowd's statement and matter, the answer's note, "acting for" and the representatives; a
concurrent split, a request key replayed by someone else and a booking changed meanwhile are refused."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from danvan.cases.models import Case
from danvan.cases.services import protection
from danvan.core.errors import DomainError
from danvan.reception import choices, errors
from danvan.reception.models import Booking, Visit, VisitCase
from danvan.reception.services import visit_cases as visit_cases_service
from danvan.reception.services.crowds import crowd_record
from danvan.reception.services.register import InvalidVisit, visit_outcome_record, visit_register
from danvan.reception.services.sealing import visit_sealed_identity
from danvan.reception.services.visit_cases import VisitPetition, visit_cases_create
from danvan.reception.tests.factories import ReceptionWorld, at, make_reception_world, session, visit
from danvan.reception.tests.register.helpers import booking, png_bytes, walk_in

pytestmark = pytest.mark.django_db

NAME, ADDRESS, ID_NUMBER, PHONE = "Hoàng Văn Tố", "45 Lê Duẩn, Phú Xuân, Huế", "046090001234", "0987654321"
PAKN = VisitPetition(track="pakn", title="Ngập kiệt 12", content="Kiệt 12 Phú Xuân ngập sâu mỗi khi mưa lớn.",
                     place_text="phuong phu xuan, hue")  # fmt: skip
TO_CAO = VisitPetition(track="to_cao", title="Tố cáo cán bộ địa chính",
                       content="Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ, không có biên lai.",
                       place_text="phuong phu xuan, hue")  # fmt: skip
BOOKED = {"name": "Lê Thị Bình", "phone": "0905123456", "email": "binh.le@example.vn",
          "subject": "Tố cáo cán bộ địa chính Lê Thị Bình gặp"}  # fmt: skip


def denouncer(**fields: Any) -> Any:
    return walk_in(**{"visitor_name": NAME, "visitor_address": ADDRESS, "visitor_id_number": ID_NUMBER,
                      "visitor_phone": PHONE, "content": f"Ông {NAME} (ĐT {PHONE}) tố cáo cán bộ địa chính.",
                      "requests": f"{NAME} đề nghị giữ bí mật", **fields})  # fmt: skip


def clear_text(v: Visit) -> str:
    return " ".join(str(getattr(v, f.attname)) for f in Visit._meta.concrete_fields)


# --- finding 2: one seal, whichever path sealed it ---------------------------------------------------


def test_a_visit_registered_sealed_is_sealed_like_a_split_and_can_still_be_split(
    vworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit_register(actor=vworld.officer, organization=vworld.phuong,
                       data=denouncer(sealed=True, documents=[(f"don-{NAME}.png", png_bytes())]))  # fmt: skip
    v.refresh_from_db()
    assert v.sealed and (v.visitor_name, v.visitor_phone, v.visitor_id_number, v.visitor_address) == ("",) * 4
    assert not any(s in clear_text(v) for s in (NAME, PHONE, ADDRESS, ID_NUMBER)), clear_text(v)
    assert v.requests == "[đã che] đề nghị giữ bí mật"
    document = v.documents.get()
    assert (document.name, document.sealed) == ("Tài liệu 1.png", True)
    assert NAME not in document.file.name and "don" not in document.file.name
    identity = visit_sealed_identity(v)
    assert (identity["visitor_name"], identity["visitor_phone"], identity["visitor_id_number"]) == (
        NAME,
        PHONE,
        ID_NUMBER,
    )
    assert identity["texts"]["requests"] == f"{NAME} đề nghị giữ bí mật"
    assert identity["document_names"] == [f"don-{NAME}.png"]
    # the split finds the denouncer in the seal (before: refused, or cases with an empty identity)
    links = visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN, TO_CAO])
    to_cao = Case.objects.get(pk=links[1].case_id)
    assert {NAME, PHONE, ADDRESS, ID_NUMBER} <= set(protection.identity_values(to_cao))
    assert Case.objects.get(pk=links[0].case_id).contact_name == NAME


def test_a_seal_written_before_with_the_registers_first_keys_still_reads(vworld: ReceptionWorld) -> None:
    from danvan.files import sealing

    v = visit(vworld.phuong, vworld.officer, visitor_name="", visitor_address="", sealed=True,
              sealed_identity=sealing.seal_json({"name": NAME, "address": ADDRESS, "id_number": ID_NUMBER,
                                                 "phone": PHONE, "acting_for": ""}))  # fmt: skip
    identity = visit_sealed_identity(v)
    assert (identity["visitor_name"], identity["visitor_address"], identity["visitor_phone"]) == (NAME, ADDRESS, PHONE)


# --- finding 3: the booking ----------------------------------------------------------------------------


def test_the_booking_of_a_denouncer_is_sealed_and_its_code_hidden(
    client: Client, vworld: ReceptionWorld, frozen_clock: object
) -> None:
    held = session(vworld.point, vworld.chair, at(2026, 2, 5, 7, 30))
    booked = booking(held, code="TC9X4Q", id_number=ID_NUMBER, **BOOKED)
    v = visit_register(actor=vworld.officer, organization=vworld.phuong, data=denouncer(), booking=booked)
    visit_cases_create(actor=vworld.officer, visit=v, petitions=[TO_CAO])
    booked.refresh_from_db()
    assert (booked.name, booked.phone, booked.email, booked.id_number, booked.subject) == ("",) * 5
    assert (booked.code, booked.status) == ("TC9X4Q", choices.BookingStatus.ATTENDED)  # the row is kept
    v.refresh_from_db()
    assert visit_sealed_identity(v)["booking"] == {**BOOKED, "id_number": ID_NUMBER}
    assert "Lê Thị Bình" not in clear_text(v)
    for reader in (vworld.dan_van, vworld.officer):
        client.force_login(reader)
        page = client.get(reverse("reception:visit_detail", args=[v.pk])).content.decode()
        assert "TC9X4Q" not in page
    client.force_login(vworld.officer)
    listing = client.get(reverse("reception:session_bookings", args=[held.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "(giữ bí mật)" in page
    assert not any(s in page for s in ("Lê Thị Bình", "0905123456", ID_NUMBER, "địa chính"))


def test_a_booked_visit_registered_sealed_seals_its_booking_too(vworld: ReceptionWorld, frozen_clock: object) -> None:
    held = session(vworld.point, vworld.chair, at(2026, 2, 5, 7, 30))
    booked = booking(held, **BOOKED)
    visit_register(actor=vworld.officer, organization=vworld.phuong, data=denouncer(sealed=True), booking=booked)
    booked.refresh_from_db()
    assert (booked.name, booked.phone, booked.email, booked.subject, booked.status) == ("", "", "", "", "attended")


# --- finding 4: crowd, answer note, acting for, representatives -----------------------------------------


def test_the_crowd_statement_matter_and_representatives_are_sealed_and_redacted(
    client: Client, vworld: ReceptionWorld
) -> None:
    v = visit(vworld.phuong, vworld.officer, visitor_name=NAME, visitor_phone=PHONE, group_size=6,
              acting_for="Hợp tác xã Thuận Phát", content="Đại diện Hợp tác xã Thuận Phát và Phan Văn Đại phản ánh.")  # fmt: skip
    people = [{"name": "Phan Văn Đại", "address": "7 Lê Lợi"}]
    crowd_record(actor=vworld.officer, visit=v, representatives=people, appointment_signed=True,
                 statement="Phan Văn Đại thay mặt đoàn tố cáo cán bộ.", statement_signed=True,
                 matter_key="Sai phạm địa chính Thuận Phát")  # fmt: skip
    visit_cases_create(actor=vworld.officer, visit=v, petitions=[TO_CAO])
    v.refresh_from_db()
    crowd = v.crowd
    assert (crowd.matter_key, crowd.representatives) == ("", [{"name": "", "address": ""}])
    assert "Phan Văn Đại" not in crowd.statement and "tố cáo cán bộ" in crowd.statement
    assert "Thuận Phát" not in v.content and "Phan Văn Đại" not in v.content and v.acting_for == ""
    identity = visit_sealed_identity(v)
    assert identity["crowd"] == {"statement": "Phan Văn Đại thay mặt đoàn tố cáo cán bộ.",
                                 "matter_key": "sai phạm địa chính thuận phát"}  # fmt: skip
    assert identity["acting_for"] == "Hợp tác xã Thuận Phát" and identity["representatives"] == people
    client.force_login(vworld.chair)
    assert "Thuận Phát" not in client.get(reverse("reception:crowd_warnings")).content.decode()
    # recorded again on the sealed visit: the statement and matter go under the seal too
    crowd_record(actor=vworld.officer, visit=v, representatives=people, appointment_signed=True,
                 statement="Phan Văn Đại đọc lại tường trình.", statement_signed=True, matter_key="Thuận Phát")  # fmt: skip
    crowd.refresh_from_db()
    assert crowd.matter_key == "" and "Phan Văn Đại" not in crowd.statement
    v.refresh_from_db()
    assert visit_sealed_identity(v)["crowd"]["matter_key"] == "thuận phát"


def test_the_answer_note_of_a_sealed_visit_is_sealed_and_not_printed(
    client: Client, vworld: ReceptionWorld, frozen_clock: object
) -> None:
    v = visit_register(actor=vworld.officer, organization=vworld.phuong, data=denouncer(sealed=True))
    visit_outcome_record(actor=vworld.officer, visit=v, outcome=choices.Outcome.REFUSED,
                         note=f"Ông {NAME} đã rút đơn")  # fmt: skip
    v.refresh_from_db()
    assert v.outcome_note == "Ông [đã che] đã rút đơn"
    assert visit_sealed_identity(v)["texts"]["outcome_note"] == f"Ông {NAME} đã rút đơn"
    client.force_login(vworld.officer)
    notice = client.get(reverse("reception:visit_outcome_notice", args=[v.pk])).content.decode()
    assert NAME not in notice and "[đã che] đã rút đơn" in notice


def test_an_answer_note_written_before_the_split_is_sealed_by_it(vworld: ReceptionWorld) -> None:
    v = visit(vworld.phuong, vworld.officer, visitor_name=NAME, outcome=choices.Outcome.MORE_TIME,
              outcome_note=f"Hẹn {NAME} tuần sau")  # fmt: skip
    visit_cases_create(actor=vworld.officer, visit=v, petitions=[TO_CAO])
    v.refresh_from_db()
    assert NAME not in v.outcome_note and visit_sealed_identity(v)["texts"]["outcome_note"] == f"Hẹn {NAME} tuần sau"


# --- finding 5: two splits at once ---------------------------------------------------------------------


def test_a_split_that_lost_the_race_is_refused_after_the_lock(vworld: ReceptionWorld, monkeypatch) -> None:
    """The other split stores its cases between our first check and our lock: we see them after it."""
    v = visit(vworld.phuong, vworld.officer)
    real = visit_cases_service._problems
    raced: list[int] = []

    def other_split_meanwhile(*args: Any, **kwargs: Any) -> dict[str, Any]:
        if not raced:
            raced.append(1)
            visit_cases_create(actor=vworld.chair, visit=v, petitions=[PAKN], request_key="other")
        return real(*args, **kwargs)

    monkeypatch.setattr(visit_cases_service, "_problems", other_split_meanwhile)
    with pytest.raises(DomainError) as refused:
        visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN], request_key="mine")
    assert refused.value.code == errors.ALREADY_SPLIT
    assert VisitCase.objects.filter(visit=v).count() == 1 and Case.objects.count() == 1


def test_a_visit_has_one_case_per_track(vworld: ReceptionWorld) -> None:
    v = visit(vworld.phuong, vworld.officer)
    [link] = visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN])
    other = visit(vworld.phuong, vworld.officer)
    [spare] = visit_cases_create(actor=vworld.officer, visit=other, petitions=[PAKN])
    VisitCase.objects.filter(pk=spare.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitCase.objects.create(visit=v, case_id=spare.case_id, track="pakn")
    assert VisitCase.objects.filter(visit=v).count() == 1 and link.track == "pakn"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_two_splits_at_once_make_one_set_of_cases() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions")
    from danvan.cases.tests.factories import routed_to

    world = make_reception_world()
    routed_to(world.phuong)
    v = visit(world.phuong, world.officer)
    start = threading.Barrier(2, timeout=10)
    codes: list[str] = []

    def split(actor: Any, key: str) -> None:
        try:
            start.wait()
            visit_cases_create(actor=actor, visit=v, petitions=[PAKN], request_key=key)
            codes.append("ok")
        except DomainError as exc:
            codes.append(exc.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=split, args=(who, key)) for who, key in ((world.officer, "a"), (world.chair, "b"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [errors.ALREADY_SPLIT, "ok"]
    assert VisitCase.objects.filter(visit=v).count() == 1


# --- finding 6: a request key replayed by someone else -------------------------------------------------


def test_a_request_key_replays_only_for_the_same_officer_and_body(vworld: ReceptionWorld, frozen_clock: object) -> None:
    first = visit_register(actor=vworld.officer, organization=vworld.phuong, data=walk_in(), request_key="k-7")
    assert visit_register(actor=vworld.officer, organization=vworld.phuong, data=walk_in(), request_key="k-7") == first
    for actor, body in ((vworld.chair, vworld.phuong), (vworld.other_officer, vworld.other)):
        with pytest.raises(DomainError) as refused:
            visit_register(actor=actor, organization=body, data=walk_in(), request_key="k-7")
        assert refused.value.code == errors.KEY_REUSED
    assert Visit.objects.count() == 1


# --- finding 7: the booking re-checked under its lock -------------------------------------------------


@pytest.mark.parametrize("status", [choices.BookingStatus.CANCELLED, choices.BookingStatus.ATTENDED])
def test_a_booking_changed_meanwhile_is_refused_and_kept(
    vworld: ReceptionWorld, frozen_clock: object, status: str
) -> None:
    held = session(vworld.point, vworld.chair, at(2026, 2, 5, 7, 30))
    booked = booking(held)
    Booking.objects.filter(pk=booked.pk).update(status=status)  # another request, after we read it
    with pytest.raises(InvalidVisit) as refused:
        visit_register(actor=vworld.officer, organization=vworld.phuong, data=walk_in(), booking=booked)
    assert refused.value.code == errors.BAD_STATE and set(refused.value.details) == {"booking"}
    booked.refresh_from_db()
    assert booked.status == status and not Visit.objects.exists()
