"""A visit's petitions become cases through cases' intake (channel reception), one per track, linked both
ways; a tố cáo seals the case's identity and the visit's own, all in one transaction."""

import pytest
from django.core.files.base import ContentFile

from danvan.cases.models import Case, SealedIdentity
from danvan.cases.services import protection
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.files import sealing
from danvan.reception import errors
from danvan.reception.models import Visit, VisitCase, VisitDocument
from danvan.reception.services.visit_cases import (
    VisitPetition,
    may_open_visit_identity,
    visit_cases_create,
    visit_document_read,
    visit_identity_open,
)
from danvan.reception.tests.factories import visit
from danvan.ui import registry

pytestmark = pytest.mark.django_db

NAME, ADDRESS, ID_NUMBER, PHONE = "Hoàng Văn Tố", "45 Lê Duẩn, Phú Xuân, Huế", "046090001234", "0987654321"
PAKN = VisitPetition(track="pakn", title="Ngập kiệt 12", content="Kiệt 12 Phú Xuân ngập sâu mỗi khi mưa lớn.",
                     place_text="phuong phu xuan, hue")  # fmt: skip
KHIEU_NAI = VisitPetition(track="khieu_nai", title="Khiếu nại quyết định thu hồi đất",
                          content="Tôi khiếu nại quyết định thu hồi đất số 12 của UBND phường.",
                          place_text="phuong phu xuan, hue")  # fmt: skip
TO_CAO = VisitPetition(track="to_cao", title="Tố cáo cán bộ địa chính",
                       content=f"Tôi là {NAME}, tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ.",
                       place_text="phuong phu xuan, hue")  # fmt: skip


def denouncer_visit(world, **fields):
    return visit(world.phuong, world.officer, visitor_name=NAME, visitor_address=ADDRESS,
                 visitor_id_number=ID_NUMBER, visitor_phone=PHONE,
                 content=f"Ông {NAME} (ĐT {PHONE}) phản ánh ngập và tố cáo cán bộ địa chính.", **fields)  # fmt: skip


def test_all_three_tracks_become_linked_cases_received_at_reception(vworld):
    v = visit(vworld.phuong, vworld.officer, visitor_phone="0912345678")
    links = visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN, KHIEU_NAI, TO_CAO])
    assert [link.track for link in links] == ["pakn", "khieu_nai", "to_cao"]
    cases = Case.objects.filter(pk__in=[link.case_id for link in links]).order_by("pk")
    assert [c.track for c in cases] == ["pakn", "khieu_nai", "to_cao"]
    assert {c.channel for c in cases} == {"reception"}
    assert {c.handling_organization_id for c in cases} == {vworld.phuong.pk}
    assert {c.submitter_id for c in cases} == {None}  # the officer typed them: not their submitter
    assert cases[0].contact_name == "Nguyễn Văn An"
    assert list(VisitCase.objects.filter(visit=v).values_list("case_id", flat=True)) == [c.pk for c in cases]
    # the tố cáo's case shows the visit; its siblings do not: the visit is marked "sealed (tố cáo)", so a
    # PAKN or complaint handler following it would learn that this visitor denounced someone
    v.refresh_from_db()
    assert v.sealed
    assert registry.link("reception.visit_for_case", case_id=cases[2].pk) == f"/van-hanh/tiep-cong-dan/so/{v.pk}/"
    assert registry.link("reception.visit_for_case", case_id=cases[0].pk) == ""
    assert registry.link("reception.visit_for_case", case_id=cases[1].pk) == ""
    # nor does any case name the register line
    assert all(vworld.phuong.name in c.consent_text and str(v) not in c.consent_text for c in cases)


def test_a_visit_without_a_to_cao_keeps_its_register_line_and_link(vworld):
    v = visit(vworld.phuong, vworld.officer)
    [link] = visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN])
    assert str(v) in Case.objects.get(pk=link.case_id).consent_text
    assert registry.link("reception.visit_for_case", case_id=link.case_id) == f"/van-hanh/tiep-cong-dan/so/{v.pk}/"
    assert AuditEvent.objects.filter(action="reception.visit_cases_create", object_id=str(v.pk)).count() == 1


def test_a_to_cao_is_sealed_and_the_visit_keeps_no_identity_in_clear(vworld, second_factor):
    v = denouncer_visit(vworld)
    v.documents.create(name=f"don-to-cao-{NAME}.pdf", content_type="application/pdf", size=9, sha256="0" * 64,
                       file=ContentFile(b"%PDF-1.4 x", name=f"don-to-cao-{PHONE}.pdf"))  # fmt: skip
    links = visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN, TO_CAO])
    to_cao = Case.objects.get(pk=links[1].case_id)
    assert SealedIdentity.objects.filter(case=to_cao).exists()
    v.refresh_from_db()
    assert v.sealed and v.sealed_identity
    document = VisitDocument.objects.get(visit=v)
    assert document.sealed and document.name == "Tài liệu 1.pdf"
    secrets_ = [NAME, ADDRESS, ID_NUMBER, PHONE, "Văn Tố"]
    for field in ("contact_name", "contact_address", "contact_phone", "title", "content", "search_text"):
        assert not any(s in getattr(to_cao, field) for s in secrets_), field
    clear_visit = " ".join(str(getattr(v, f.attname)) for f in Visit._meta.concrete_fields)
    assert not any(s in clear_visit for s in secrets_)
    assert not any(s in document.file.name for s in [NAME, PHONE, "don-to-cao"])
    with document.file.open("rb") as handle:
        assert b"%PDF" not in handle.read()
    # the audit trail: no entry (the cases' ones included) carries the identity
    leaks = [
        (e.action, e.object_repr, e.after)
        for e in AuditEvent.objects.all()
        if any(s in f"{e.object_repr} {e.before} {e.after} {e.reason}" for s in secrets_)
    ]
    assert not leaks, leaks
    # it opens only as the case's identity opens: the head, with a reason and a second factor
    for who in (vworld.officer, vworld.handler, vworld.inspector, vworld.other_officer):
        assert not may_open_visit_identity(who, v)
        with pytest.raises(NotFound):
            visit_identity_open(actor=who, visit=v, reason="Tôi muốn biết người tố cáo")
    assert may_open_visit_identity(vworld.chair, v) == protection.may_open_identity(vworld.chair, to_cao) is True
    verified = second_factor(vworld.chair)
    identity = visit_identity_open(actor=vworld.chair, visit=v, reason="Mời người tố cáo đến làm việc",
                                   second_factor_at=verified)  # fmt: skip
    assert identity["visitor_name"] == NAME and identity["visitor_id_number"] == ID_NUMBER
    assert NAME in identity["texts"]["content"]
    assert AuditEvent.objects.filter(action="cases.identity_open", object_id=str(to_cao.pk)).count() == 1
    assert AuditEvent.objects.filter(action="reception.visit_identity_open").count() == 1
    assert visit_document_read(actor=vworld.chair, document=document, reason="Đọc đơn gốc để xác minh",
                               second_factor_at=verified) == b"%PDF-1.4 x"  # fmt: skip
    with pytest.raises(NotFound):
        visit_document_read(actor=vworld.officer, document=document, reason="Đọc đơn gốc để xác minh")


def test_a_failing_second_petition_leaves_nothing_stored(vworld):
    v = denouncer_visit(vworld)
    bad = VisitPetition(track="to_cao", content="ngắn")
    with pytest.raises(DomainError) as refused:
        visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN, bad])
    assert refused.value.code == errors.BAD_PETITIONS and "1.content" in refused.value.details
    assert not Case.objects.exists() and not VisitCase.objects.exists()
    v.refresh_from_db()
    assert not v.sealed and v.visitor_name == NAME


def test_an_error_while_storing_rolls_back_the_first_case(vworld, monkeypatch):
    """Even past validation (a failure inside the second case's storing), nothing is half-stored."""
    from danvan.cases.services import intake

    real = intake.case_submit
    calls = []

    def failing(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(intake, "case_submit", failing)
    v = denouncer_visit(vworld)
    with pytest.raises(RuntimeError):
        visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN, TO_CAO])
    assert not Case.objects.exists() and not VisitCase.objects.exists()
    v.refresh_from_db()
    assert not v.sealed and v.visitor_name == NAME


def test_one_petition_per_track_and_at_most_three(vworld):
    v = visit(vworld.phuong, vworld.officer)
    for petitions in ([PAKN, PAKN], [], [PAKN, KHIEU_NAI, TO_CAO, PAKN]):
        with pytest.raises(DomainError) as refused:
            visit_cases_create(actor=vworld.officer, visit=v, petitions=petitions)
        assert refused.value.code == errors.BAD_PETITIONS and "petitions" in refused.value.details
    assert not Case.objects.exists()


def test_a_retry_returns_the_same_cases_and_a_second_split_is_refused(vworld):
    v = visit(vworld.phuong, vworld.officer)
    first = visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN], request_key="abc")
    again = visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN], request_key="abc")
    assert [link.pk for link in again] == [link.pk for link in first] and Case.objects.count() == 1
    with pytest.raises(DomainError) as refused:
        visit_cases_create(actor=vworld.officer, visit=v, petitions=[KHIEU_NAI], request_key="other")
    assert refused.value.code == errors.ALREADY_SPLIT


@pytest.mark.parametrize("who", ["other_officer", "inspector", "dan_van", "handler"])
def test_only_reception_officers_and_heads_of_the_body_may_create_cases(vworld, who):
    v = visit(vworld.phuong, vworld.officer)
    with pytest.raises(PermissionDenied):
        visit_cases_create(actor=getattr(vworld, who), visit=v, petitions=[PAKN])
    assert not Case.objects.exists()


def test_permission_is_checked_before_validation(vworld):
    v = visit(vworld.phuong, vworld.officer)
    with pytest.raises(PermissionDenied):
        visit_cases_create(actor=vworld.other_officer, visit=v, petitions=[])


def test_the_head_of_the_body_may_create_them(vworld):
    v = visit(vworld.phuong, vworld.officer)
    assert len(visit_cases_create(actor=vworld.chair, visit=v, petitions=[KHIEU_NAI])) == 1


def test_the_sealed_identity_is_fernet(vworld):
    v = denouncer_visit(vworld)
    visit_cases_create(actor=vworld.officer, visit=v, petitions=[TO_CAO])
    v.refresh_from_db()
    assert sealing.unseal_json(v.sealed_identity)["visitor_phone"] == PHONE


def test_a_crowd_that_brings_a_to_cao_keeps_its_representatives_under_the_seal(vworld):
    from danvan.reception.services.crowds import crowd_record

    v = denouncer_visit(vworld, group_size=6)
    people = [{"name": "Phan Văn Đại Diện", "address": "7 Lê Lợi"}]
    crowd_record(actor=vworld.officer, visit=v, representatives=people, appointment_signed=True, statement="",
                 statement_signed=False, matter_key="Địa chính")  # fmt: skip
    visit_cases_create(actor=vworld.officer, visit=v, petitions=[TO_CAO])
    v.refresh_from_db()
    assert v.crowd.representatives == [{"name": "", "address": ""}]
    assert sealing.unseal_json(v.sealed_identity)["representatives"] == people
    # recorded again on the sealed visit: still under the seal
    crowd_record(actor=vworld.officer, visit=v, representatives=people * 2, appointment_signed=True, statement="",
                 statement_signed=False, matter_key="Địa chính")  # fmt: skip
    v.refresh_from_db()
    assert "Phan" not in str(v.crowd.representatives)
    assert sealing.unseal_json(v.sealed_identity)["representatives"] == people * 2


@pytest.mark.parametrize(("subtree", "allowed"), [(True, True), (False, False)])
def test_a_province_officer_works_on_the_wards_visits_only_with_the_subtree(vworld, subtree, allowed):
    from danvan.org.choices import Role
    from danvan.org.tests.factories import officer

    province_officer = officer("tiepdantinh", Role.RECEPTION_OFFICER, vworld.tinh, subtree=subtree)
    v = visit(vworld.phuong, vworld.officer)
    if allowed:
        assert len(visit_cases_create(actor=province_officer, visit=v, petitions=[PAKN])) == 1
    else:
        with pytest.raises(PermissionDenied):
            visit_cases_create(actor=province_officer, visit=v, petitions=[PAKN])
        assert not Case.objects.exists()


def test_a_visit_sealed_before_gives_its_sealed_identity_to_the_cases(vworld):
    identity = {"visitor_name": NAME, "visitor_address": ADDRESS, "visitor_id_number": ID_NUMBER,
                "visitor_phone": PHONE, "acting_for": ""}  # fmt: skip
    v = visit(vworld.phuong, vworld.officer, visitor_name="", visitor_address="", sealed=True,
              sealed_identity=sealing.seal_json(identity))  # fmt: skip
    links = visit_cases_create(actor=vworld.officer, visit=v, petitions=[PAKN, TO_CAO])
    assert Case.objects.get(pk=links[0].case_id).contact_name == NAME
    assert {NAME, PHONE, ADDRESS, ID_NUMBER} <= set(protection.identity_values(Case.objects.get(pk=links[1].case_id)))
