"""The drafts part's services: each refusal with its code and nothing stored; scope; audiences and what a
participant must prove; versions; documents; Art. 27; opening records the commune's disclosure (item 11)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from danvan.consultations import choices, errors
from danvan.consultations.models import AffectedPerson, Consultation, ConsultationDocument, DraftSection
from danvan.consultations.services import drafts as services
from danvan.consultations.tests.drafts.conftest import MARKET, TODAY, create, data_for
from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.democracy.models import Disclosure
from danvan.org.choices import Role
from danvan.org.tests.factories import officer, province

pytestmark = pytest.mark.django_db


def _refused(expected: str, w, **fields) -> DomainError:
    before = Consultation.objects.count()
    with pytest.raises(DomainError) as caught:
        create(w, **fields)
    assert caught.value.code == expected
    assert not isinstance(caught.value, PermissionDenied)
    assert Consultation.objects.count() == before
    return caught.value


def test_create_splits_the_pasted_text_into_version_1(cworld) -> None:
    c = create(cworld)
    assert c.status == choices.Status.DRAFT and c.code == "phuong-an-di-doi-cho-phu-xuan"
    rows = list(DraftSection.objects.filter(version__consultation=c).values_list("version__number", "key", "heading"))
    assert rows == [(1, "mo-dau", "Phần mở đầu"), (1, "dieu-1", "Điều 1. Phạm vi"), (1, "dieu-2", "Điều 2. Bố trí sạp"),
                    (1, "dieu-3", "Điều 3. Hỗ trợ")]  # fmt: skip
    assert AuditEvent.objects.filter(action="consultations.consultation_create", object_id=str(c.pk)).count() == 1
    assert create(cworld).code == "phuong-an-di-doi-cho-phu-xuan-2"  # the same title: a new address


def test_an_officer_of_kim_long_cannot_create_for_phu_xuan(cworld) -> None:
    with pytest.raises(PermissionDenied) as caught:
        create(cworld, actor=cworld.d.other_chair)
    assert caught.value.code == errors.FORBIDDEN
    # Nor through his own body for Phú Xuân's place.
    _refused(errors.NOT_IN_SCOPE, cworld, organization=cworld.d.other, actor=cworld.d.other_chair)


def test_a_front_officer_may_not_prepare_a_consultation(cworld) -> None:
    with pytest.raises(PermissionDenied):
        create(cworld, actor=cworld.d.front_officer, organization=cworld.d.front)


def test_refusals_of_the_input(cworld) -> None:
    w, d = cworld, cworld.d
    _refused(errors.REQUIRED, w, title="  ")
    _refused(errors.REQUIRED, w, item=None)
    _refused(errors.BAD_DATE, w, closes_on=TODAY - dt.timedelta(days=1), opens_on=TODAY)
    _refused(errors.REQUIRED, w, opens_on=None)
    _refused(errors.BAD_CHANNEL, w, channels=[])
    _refused(errors.BAD_CHANNEL, w, channels=["fax"])
    _refused(errors.BAD_CHANNEL, w, channels=["platform", "targeted_dialogue"])  # Art. 27's, item 8 only
    _refused(errors.NOT_IN_SCOPE, w, place=d.other_commune)
    _refused(errors.NOT_IN_SCOPE, w, responsible=[d.other_chair])
    _refused(errors.REQUIRED, w, code="Không Hợp Lệ")


def test_audiences_fit_the_item_and_the_place(cworld) -> None:
    w, d = cworld, cworld.d
    _refused(errors.BAD_AUDIENCE, w, audience=choices.Audience.AFFECTED, verification="household")
    _refused(errors.BAD_AUDIENCE, w, item=choices.Item.AFFECTING_CITIZENS)  # item 8 to the whole commune
    _refused(errors.BAD_AUDIENCE, w, audience=choices.Audience.PROVINCE)  # a province's people on a commune
    _refused(errors.REQUIRED, w, audience=choices.Audience.VILLAGES, verification="household")  # no village
    _refused(errors.NOT_IN_SCOPE, w, audience=choices.Audience.VILLAGES, verification="household",
             villages=[d.village, d.other_village])  # fmt: skip
    _refused(errors.BAD_AUDIENCE, w, villages=[d.village])  # villages with the commune audience
    c = create(w, audience=choices.Audience.VILLAGES, verification="household", villages=[d.village2])
    assert list(c.villages.all()) == [d.village2]
    item8 = create(w, item=choices.Item.AFFECTING_CITIZENS, audience=choices.Audience.AFFECTED,
                   verification="household", channels=["targeted_dialogue"])  # fmt: skip
    assert item8.audience == "affected"


def test_verification_fits_the_audience(cworld) -> None:
    w, d = cworld, cworld.d
    _refused(errors.BAD_VERIFICATION, w, audience=choices.Audience.VILLAGES, verification="open", villages=[d.village])
    _refused(errors.BAD_VERIFICATION, w, audience=choices.Audience.VILLAGES, verification="resident",
             villages=[d.village])  # fmt: skip
    _refused(errors.BAD_VERIFICATION, w, item=choices.Item.AFFECTING_CITIZENS, audience=choices.Audience.AFFECTED,
             verification="open")  # fmt: skip
    for value in ("open", "resident", "household"):
        assert create(w, verification=value).verification == value
    # A province's people: open or resident, never household by household.
    hue = province()
    manager = officer("sokhdt", Role.HANDLER, d.tinh)
    for value, ok in (("open", True), ("resident", True), ("household", False)):
        fields = {"organization": d.tinh, "place": hue, "audience": choices.Audience.PROVINCE, "verification": value}
        if ok:
            assert create(w, actor=manager, **fields).place == hue
        else:
            _refused(errors.BAD_VERIFICATION, w, actor=manager, **fields)
    # The province's body may also consult one of its communes.
    assert create(w, actor=manager, organization=d.tinh).place == d.commune


def test_edit_only_while_being_prepared(cworld) -> None:
    c = create(cworld)
    services.consultation_update(actor=cworld.d.handler, consultation=c,
                                 data=data_for(cworld, title="Phương án mới", closes_on=TODAY + dt.timedelta(days=30)))  # fmt: skip
    c.refresh_from_db()
    assert c.title == "Phương án mới" and c.closes_on == dt.date(2026, 7, 15)
    with pytest.raises(DomainError) as caught:
        services.consultation_update(actor=cworld.d.handler, consultation=cworld.consultation, data=data_for(cworld))
    assert caught.value.code == errors.BAD_STATE
    with pytest.raises(PermissionDenied):
        services.consultation_update(actor=cworld.d.other_chair, consultation=c, data=data_for(cworld))


def test_sections_edited_one_by_one_or_pasted_again(cworld) -> None:
    c = create(cworld)
    services.section_edit(actor=cworld.d.handler, consultation=c, key="dieu-2", heading="Điều 2. Bố trí sạp hàng",
                          text="Bốc thăm công khai.")  # fmt: skip
    assert DraftSection.objects.get(version__consultation=c, key="dieu-2").text == "Bốc thăm công khai."
    with pytest.raises(DomainError) as caught:
        services.section_edit(actor=cworld.d.handler, consultation=c, key="dieu-9", heading="X", text="")
    assert caught.value.code == errors.UNKNOWN_SECTION
    services.draft_text_replace(actor=cworld.d.handler, consultation=c, text="1. Một\n2. Hai")
    assert list(DraftSection.objects.filter(version__consultation=c).values_list("key", flat=True)) == ["khoan-1",
                                                                                                        "khoan-2"]  # fmt: skip


def test_open_needs_sections_and_records_the_communes_disclosure_of_item_11(cworld) -> None:
    empty = create(cworld, text="")
    with pytest.raises(DomainError) as caught:
        services.consultation_open(actor=cworld.d.handler, consultation=empty)
    assert caught.value.code == errors.NO_SECTIONS
    empty.refresh_from_db()
    assert empty.status == choices.Status.DRAFT and empty.opening_disclosure is None
    c = create(cworld)
    services.consultation_open(actor=cworld.d.handler, consultation=c)
    c.refresh_from_db()
    assert c.status == choices.Status.OPEN and c.opens_on == TODAY  # tomorrow became today
    disclosure = Disclosure.objects.get(pk=c.opening_disclosure_id)
    assert disclosure.item == 11 and disclosure.commune == cworld.d.commune and disclosure.decided_on == TODAY
    assert (
        disclosure.title == "Kế hoạch và nội dung lấy ý kiến: Phương án di dời chợ Phú Xuân"
        or c.title in disclosure.title
    )
    with pytest.raises(DomainError) as caught:
        services.consultation_open(actor=cworld.d.handler, consultation=c)
    assert caught.value.code == errors.BAD_STATE


def test_schedule_opens_on_the_first_day(cworld) -> None:
    c = services.consultation_schedule(actor=cworld.d.handler, consultation=create(cworld))
    assert c.status == choices.Status.DRAFT and c.scheduled and c.opening_disclosure_id is not None
    now = services.consultation_schedule(actor=cworld.d.handler, consultation=create(cworld, opens_on=TODAY))
    assert now.status == choices.Status.OPEN


def test_close_extend_withdraw(cworld) -> None:
    c = cworld.consultation
    with pytest.raises(DomainError) as caught:
        services.consultation_extend(actor=cworld.d.handler, consultation=c, closes_on=c.closes_on, reason="Thêm")
    assert caught.value.code == errors.BAD_DATE
    with pytest.raises(DomainError) as caught:
        services.consultation_extend(actor=cworld.d.handler, consultation=c, closes_on=c.closes_on, reason=" ")
    assert caught.value.code == errors.REQUIRED
    services.consultation_extend(actor=cworld.d.handler, consultation=c, closes_on=dt.date(2026, 7, 31),
                                 reason="Nhân dân đề nghị thêm thời gian")  # fmt: skip
    c.refresh_from_db()
    assert c.closes_on == dt.date(2026, 7, 31)
    services.consultation_close(actor=cworld.d.handler, consultation=c)
    c.refresh_from_db()
    assert c.status == choices.Status.CLOSED and c.closes_on == TODAY  # closed early: today was the last day
    with pytest.raises(DomainError) as caught:
        services.consultation_withdraw(actor=cworld.d.handler, consultation=c, reason="")
    assert caught.value.code == errors.REQUIRED
    services.consultation_withdraw(actor=cworld.d.handler, consultation=c, reason="Chủ trương thay đổi")
    kept = Consultation.objects.get(pk=c.pk)  # the row stays
    assert kept.status == choices.Status.WITHDRAWN and kept.withdrawn_reason == "Chủ trương thay đổi"
    assert kept.versions.count() == 1
    with pytest.raises(DomainError) as caught:
        services.consultation_withdraw(actor=cworld.d.handler, consultation=kept, reason="Lại")
    assert caught.value.code == errors.BAD_STATE
    assert AuditEvent.objects.filter(object_id=str(c.pk), action__startswith="consultations.consultation_").count() == 3


def test_a_new_version_after_the_views_records_each_change(cworld) -> None:
    c = cworld.consultation
    with pytest.raises(DomainError) as caught:
        services.version_add(actor=cworld.d.handler, consultation=c, change_note="Tiếp thu", text="x")
    assert caught.value.code == errors.BAD_STATE  # still open
    services.consultation_close(actor=cworld.d.handler, consultation=c)
    with pytest.raises(DomainError) as caught:
        services.version_add(actor=cworld.d.handler, consultation=c, change_note=" ", edits={})
    assert caught.value.code == errors.REQUIRED
    with pytest.raises(DomainError) as caught:
        services.version_add(actor=cworld.d.handler, consultation=c, change_note="Không đổi", edits={})
    assert caught.value.code == errors.NO_CHANGE
    v2 = services.version_add(actor=cworld.d.chair, consultation=c, change_note="Tiếp thu ý kiến Nhân dân", edits={
        "dieu-3": ("Điều 3. Hỗ trợ tiểu thương", "Miễn phí thuê sạp 12 tháng đầu.", "Nhân dân đề nghị kéo dài"),
        "dieu-2": ("", "", "Gộp vào Điều 1"),
        "dieu-4": ("Điều 4. Vệ sinh môi trường", "Thu gom rác hằng ngày.", "Bổ sung theo ý kiến"),
    })  # fmt: skip
    rows = list(v2.sections.values_list("key", "change", "change_note"))
    assert rows == [("dieu-1", "unchanged", ""), ("dieu-3", "changed", "Nhân dân đề nghị kéo dài"),
                    ("dieu-4", "added", "Bổ sung theo ý kiến"), ("dieu-2", "removed", "Gộp vào Điều 1")]  # fmt: skip
    assert v2.number == 2 and v2.created_by == cworld.d.chair and v2.change_note == "Tiếp thu ý kiến Nhân dân"
    v3 = services.version_add(actor=cworld.d.handler, consultation=c, change_note="Viết lại",
                              text="Điều 1. Phạm vi\nDi dời chợ tạm.\nĐiều 3. Hỗ trợ\nMiễn phí 12 tháng.")  # fmt: skip
    assert dict(v3.sections.values_list("key", "change")) == {"dieu-1": "changed", "dieu-3": "changed",
                                                              "dieu-4": "removed"}  # fmt: skip


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


def test_documents_are_checked(cworld) -> None:
    c = cworld.consultation
    doc = services.document_add(actor=cworld.d.handler, consultation=c, title="Bản đồ vị trí", name="ban-do.png",
                                data=_png())  # fmt: skip
    assert doc.title == "Bản đồ vị trí" and doc.content_type == "image/png" and len(doc.sha256) == 64
    with pytest.raises(DomainError) as caught:
        services.document_add(actor=cworld.d.handler, consultation=c, title="x", name="virus.exe", data=b"MZ\x90\x00")
    assert caught.value.code not in ("", errors.FORBIDDEN)
    assert ConsultationDocument.objects.filter(consultation=c).count() == 1
    with pytest.raises(PermissionDenied):
        services.document_add(actor=cworld.d.other_chair, consultation=c, title="x", name="a.png", data=_png())


def test_art_27_people_affected_must_be_told_before_closing(cworld) -> None:
    h = cworld.d.handler
    c = create(cworld, item=choices.Item.AFFECTING_CITIZENS, audience=choices.Audience.AFFECTED,
               verification="household", channels=["targeted_dialogue"], opens_on=TODAY)  # fmt: skip
    with pytest.raises(DomainError) as caught:
        services.affected_add(actor=h, consultation=cworld.consultation, name="Nguyễn Văn A")
    assert caught.value.code == errors.BAD_AUDIENCE
    a = services.affected_add(actor=h, consultation=c, name="Nguyễn Văn A", contact="0905 000 111")
    b = services.affected_add(actor=h, consultation=c, name="Trần Thị B")
    services.consultation_open(actor=h, consultation=c)
    with pytest.raises(DomainError) as caught:
        services.affected_heard(actor=h, person=a, on=TODAY)
    assert caught.value.code == errors.BAD_STATE  # told first
    with pytest.raises(DomainError) as caught:
        services.affected_told(actor=h, person=a, on=TODAY + dt.timedelta(days=1), via="targeted_dialogue")
    assert caught.value.code == errors.BAD_DATE
    with pytest.raises(DomainError) as caught:
        services.affected_told(actor=h, person=a, on=TODAY, via="pigeon")
    assert caught.value.code == errors.BAD_CHANNEL
    services.affected_told(actor=h, person=a, on=TODAY, via="targeted_dialogue")
    with pytest.raises(DomainError) as caught:
        services.consultation_close(actor=h, consultation=c)
    assert caught.value.code == errors.AFFECTED_NOT_HEARD
    assert Consultation.objects.get(pk=c.pk).status == choices.Status.OPEN
    services.affected_told(actor=h, person=b, on=TODAY, via="meeting")
    services.affected_heard(actor=h, person=b, on=TODAY, declined=True)
    services.consultation_close(actor=h, consultation=c)
    assert Consultation.objects.get(pk=c.pk).status == choices.Status.CLOSED
    assert list(AffectedPerson.objects.filter(consultation=c).values_list("name", "notified_via", "declined")) == [
        ("Nguyễn Văn A", "targeted_dialogue", False), ("Trần Thị B", "meeting", True)]  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.affected_add(actor=cworld.d.front_officer, consultation=c, name="X")


def test_the_pasted_text_is_cleaned_and_limited(cworld) -> None:
    c = create(cworld, text="Điều 1.\u0000 Phạm vi\nNội dung")
    assert DraftSection.objects.get(version__consultation=c).heading == "Điều 1. Phạm vi"
    with pytest.raises(DomainError) as caught:
        create(cworld, text="x" * (services.TEXT_MAX + 1))
    assert caught.value.code == errors.TEXT_TOO_LONG
    assert MARKET
