"""Registering, reviewing and assessing commitments (Chỉ thị 05): who may, when, and what is refused."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib

import pytest
from PIL import Image

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.emulation import errors as codes
from danvan.emulation.models import Commitment, CommitmentReminder, CommitmentReview, CommitmentYear, ReviewEvidence
from danvan.emulation.services import commitments as services
from danvan.emulation.tests.commitments.factories import register, world
from danvan.notifications.selectors import notification_inbox
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def w(frozen_clock):
    return world()


def test_a_cadre_registers_two_commitments_and_a_third_is_refused_naming_the_rule(w):
    first = register(w.cadre, w.ward, "Tiếp dân đúng lịch")
    register(w.cadre, w.ward, "Trả lời phản ánh trong 5 ngày")
    assert first.year == 2026 and first.organization == w.ward
    with pytest.raises(DomainError) as refused:
        register(w.cadre, w.ward, "Việc thứ ba")
    assert refused.value.code == codes.COMMITMENT_LIMIT
    assert "05" in str(refused.value.message) and refused.value.details["limit"] == 2
    assert Commitment.objects.filter(person=w.cadre).count() == 2
    assert AuditEvent.objects.filter(action="emulation.commitment_registered").count() == 2


def test_the_limit_is_data_of_the_year(w):
    CommitmentYear.objects.filter(year=2026).update(max_per_person=1)
    register(w.cadre, w.ward)
    with pytest.raises(DomainError) as refused:
        register(w.cadre, w.ward, "Việc thứ hai")
    assert refused.value.code == codes.COMMITMENT_LIMIT


def test_someone_who_is_not_a_cadre_of_the_body_is_refused_for_permission(w):
    with pytest.raises(PermissionDenied) as refused:
        register(w.other_cadre, w.ward)
    assert refused.value.code == "forbidden"
    citizen = officer("dan", Role.CITIZEN, w.ward)
    with pytest.raises(PermissionDenied):
        register(citizen, w.ward)
    assert not Commitment.objects.exists()


def test_missing_fields_are_refused_with_their_names(w):
    with pytest.raises(DomainError) as refused:
        register(w.cadre, w.ward, "  ", measurable_result="")
    assert refused.value.code == codes.COMMITMENT_FIELD_MISSING
    assert set(refused.value.details) == {"title", "measurable_result"}


@pytest.mark.parametrize("due_on", [dt.date(2027, 1, 1), dt.date(2026, 2, 4)])
def test_a_deadline_outside_the_rest_of_the_year_is_refused(w, due_on):
    with pytest.raises(DomainError) as refused:
        register(w.cadre, w.ward, due_on=due_on)
    assert refused.value.code == codes.COMMITMENT_DUE_OUTSIDE_YEAR


def test_registration_outside_its_window_is_refused_on_the_day_after_it_closes(w, frozen_clock):
    frozen_clock.move_to(dt.datetime(2026, 3, 31, 16, 0, tzinfo=dt.UTC))  # 23:00 on 31/3 in Vietnam
    register(w.cadre, w.ward)
    frozen_clock.move_to(dt.datetime(2026, 4, 1, 2, 0, tzinfo=dt.UTC))
    with pytest.raises(DomainError) as refused:
        register(w.cadre, w.ward, "Việc sau hạn")
    assert refused.value.code == codes.COMMITMENT_WINDOW_CLOSED
    assert "31/03/2026" in str(refused.value.message)


def test_a_year_with_no_row_is_refused(w):
    CommitmentYear.objects.filter(year=2026).delete()
    with pytest.raises(DomainError) as refused:
        register(w.cadre, w.ward)
    assert refused.value.code == codes.COMMITMENT_NO_YEAR


def _midyear(frozen_clock):
    frozen_clock.move_to(dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC))


def test_a_self_review_with_evidence_is_rewritten_until_assessed_then_frozen(w, frozen_clock):
    commitment = register(w.cadre, w.ward)
    _midyear(frozen_clock)
    review = services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="Đã tiếp 12 buổi",
                                    self_rating="partly", files=[("anh.png", png())])  # fmt: skip
    again = services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="Đã tiếp 14 buổi",
                                   self_rating="completed")  # fmt: skip
    assert again.pk == review.pk and again.version == 1 and again.text == "Đã tiếp 14 buổi"
    assert ReviewEvidence.objects.filter(review=review).count() == 1
    services.review_assess(user=w.head, review=again, assessment="completed", comment="Tốt")
    with pytest.raises(DomainError) as refused:
        services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="Sửa", self_rating="partly")
    assert refused.value.code == codes.REVIEW_FROZEN_NEEDS_REASON
    v2 = services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="Bổ sung số liệu",
                                self_rating="completed", change_reason="Thiếu 2 buổi tháng 5")  # fmt: skip
    assert v2.version == 2 and v2.assessed_at is None
    frozen = CommitmentReview.objects.get(pk=review.pk)
    assert (frozen.text, frozen.assessment) == ("Đã tiếp 14 buổi", "completed")


def test_a_review_outside_its_window_is_refused(w):
    commitment = register(w.cadre, w.ward)
    with pytest.raises(DomainError) as refused:
        services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="x", self_rating="partly")
    assert refused.value.code == codes.REVIEW_WINDOW_CLOSED


def test_a_bad_file_is_refused_and_nothing_is_stored(w, frozen_clock):
    commitment = register(w.cadre, w.ward)
    _midyear(frozen_clock)
    with pytest.raises(DomainError) as refused:
        services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="x", self_rating="partly",
                               files=[("virus.pdf", b"MZ not a pdf")])  # fmt: skip
    assert refused.value.details == {"field": "evidence"}
    assert not CommitmentReview.objects.exists()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb's first bytes)."""
    data = bytearray(png())
    ihdr = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(ihdr))
    return bytes(data)


def test_evidence_whose_images_together_are_too_large_is_refused_before_decoding(w, frozen_clock):
    """The same submission-wide pixel check as the models' photos: five 20-megapixel images (each under the
    per-image limit) are refused together, before any is decoded."""
    commitment = register(w.cadre, w.ward)
    _midyear(frozen_clock)
    with pytest.raises(DomainError) as refused:
        services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="x", self_rating="partly",
                               files=[(f"anh{n}.png", _png_claiming(5000, 4000)) for n in range(5)])  # fmt: skip
    assert (refused.value.code, refused.value.details["field"]) == ("too_large", "evidence")
    assert not CommitmentReview.objects.exists() and not ReviewEvidence.objects.exists()


def test_only_the_person_writes_his_review(w, frozen_clock):
    commitment = register(w.cadre, w.ward)
    _midyear(frozen_clock)
    with pytest.raises(PermissionDenied):
        services.review_submit(user=w.head, commitment=commitment, period="midyear", text="x", self_rating="partly")


def test_the_head_assesses_once_others_may_not_and_nobody_assesses_himself(w, frozen_clock):
    commitment = register(w.cadre, w.ward)
    own = register(w.head, w.ward)
    _midyear(frozen_clock)
    review = services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="x",
                                    self_rating="partly")  # fmt: skip
    for stranger in (w.other_head, w.dan_van, w.clerk):
        with pytest.raises(PermissionDenied):
            services.review_assess(user=stranger, review=review, assessment="completed")
    assessed = services.review_assess(user=w.head, review=review, assessment="partly", comment="Cần thêm")
    assert assessed.assessed_by == w.head and assessed.assessment == "partly"
    with pytest.raises(DomainError) as refused:
        services.review_assess(user=w.city_head, review=review, assessment="completed")
    assert refused.value.code == codes.REVIEW_ALREADY_ASSESSED
    head_review = services.review_submit(user=w.head, commitment=own, period="midyear", text="y",
                                         self_rating="completed")  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.review_assess(user=w.head, review=head_review, assessment="completed")
    assert refused.value.code == codes.REVIEW_OWN_ASSESSMENT
    assert services.review_assess(user=w.city_head, review=head_review, assessment="completed").assessed_at


def test_a_body_posts_its_public_service_commitments(w):
    row = services.public_commitment_post(user=w.head, organization=w.ward, year=2026, title="Ba không",
                                          items="Không gây phiền hà\nKhông sách nhiễu\n\nKhông tiêu cực")  # fmt: skip
    assert row.lines() == ["Không gây phiền hà", "Không sách nhiễu", "Không tiêu cực"]
    with pytest.raises(DomainError) as refused:
        services.public_commitment_post(user=w.head, organization=w.ward, year=2026, title="Ba nên", items=" ")
    assert refused.value.code == codes.PUBLIC_COMMITMENT_EMPTY
    with pytest.raises(PermissionDenied):
        services.public_commitment_post(user=w.cadre, organization=w.ward, year=2026, title="x", items="y")


def test_the_reminder_sweep_reminds_each_cadre_without_a_commitment_once(w, frozen_clock):
    register(w.cadre, w.ward)
    first = services.commitments_remind_sweep(today=dt.date(2026, 2, 5))
    reminded = set(CommitmentReminder.objects.values_list("person__username", flat=True))
    assert reminded == {"motcua", "truong", "canbokhac", "truongkhac", "danvan", "chutichtp"}
    assert first == {"reminded": 6, "already": 0}
    assert services.commitments_remind_sweep(today=dt.date(2026, 2, 6)) == {"reminded": 0, "already": 6}
    inbox = notification_inbox(user=w.clerk)
    assert [n.template for n in inbox.page] == ["emulation.commitment_registration"]


def test_the_review_sweep_reminds_those_with_a_commitment_and_no_review(w, frozen_clock):
    commitment = register(w.cadre, w.ward)
    register(w.clerk, w.ward)
    _midyear(frozen_clock)
    services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text="x", self_rating="partly")
    assert services.commitments_remind_sweep(today=dt.date(2026, 6, 10)) == {"reminded": 1, "already": 0}
    assert list(CommitmentReminder.objects.filter(window="midyear").values_list("person", flat=True)) == [w.clerk.pk]
    assert services.commitments_remind_sweep(today=dt.date(2026, 5, 1)) == {"reminded": 0, "already": 0}


def test_a_withdrawn_commitment_frees_its_place_only_while_registration_is_open(w, frozen_clock):
    first = register(w.cadre, w.ward, "Sai")
    register(w.cadre, w.ward, "Hai")
    with pytest.raises(PermissionDenied):
        services.commitment_withdraw(user=w.head, commitment=first)
    services.commitment_withdraw(user=w.cadre, commitment=first)
    third = register(w.cadre, w.ward, "Đúng")
    assert Commitment.objects.filter(person=w.cadre, withdrawn_at__isnull=True).count() == 2
    assert AuditEvent.objects.filter(action="emulation.commitment_withdrawn").count() == 1
    frozen_clock.move_to(dt.datetime(2026, 4, 2, 2, 0, tzinfo=dt.UTC))
    with pytest.raises(DomainError) as refused:
        services.commitment_withdraw(user=w.cadre, commitment=third)
    assert refused.value.code == codes.COMMITMENT_WITHDRAW_CLOSED


@pytest.mark.parametrize(
    ("period", "rating", "field"), [("quarter", "partly", "period"), ("midyear", "great", "self_rating")]
)
def test_an_unknown_period_or_rating_is_refused_with_its_field(w, frozen_clock, period, rating, field):
    commitment = register(w.cadre, w.ward)
    _midyear(frozen_clock)
    with pytest.raises(DomainError) as refused:
        services.review_submit(user=w.cadre, commitment=commitment, period=period, text="x", self_rating=rating)
    assert (refused.value.code, refused.value.details) == (codes.COMMITMENT_FIELD_MISSING, {"field": field})
