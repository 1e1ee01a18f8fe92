"""Recording disclosures: the due date on the engine, the channel minimums of Art. 13 with their exact
codes and nothing stored, permanent items, permissions before input, proofs through files.checks."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from danvan.core.errors import DomainError, PermissionDenied
from danvan.democracy import errors
from danvan.democracy.enums import Channel, DisclosureItem, DisclosureStatus
from danvan.democracy.models import Disclosure, DisclosureChannel, DisclosureProof
from danvan.democracy.services import disclosures as services
from danvan.democracy.tests.disclosures.conftest import jpeg, record

pytestmark = pytest.mark.django_db

D = dt.date


def test_due_date_is_five_working_days_on_the_engine_across_weekend_and_holidays(dworld, today):
    # Fri 24/4/2026 → Mon 27/4 is the day off for Giỗ Tổ (Sunday 26/4), Thu 30/4 and Fri 1/5 holidays,
    # two weekends: Tue 28, Wed 29, Mon 4, Tue 5, Wed 6/5.
    row = record(dworld, decided_on=D(2026, 4, 24))
    assert row.due_on == D(2026, 5, 6)
    assert row.status == DisclosureStatus.DRAFT and row.organization == dworld.phuong
    row2 = record(dworld, title="Quyết toán", decided_on=D(2026, 4, 28))
    assert row2.due_on == D(2026, 5, 7)


def test_a_sector_law_date_needs_its_basis_and_replaces_the_engine(dworld, today):
    with pytest.raises(DomainError) as exc:
        record(dworld, sector_due_on=D(2026, 6, 1))
    assert exc.value.code == errors.REQUIRED and "sector_basis" in exc.value.details
    row = record(dworld, sector_due_on=D(2026, 6, 1), sector_basis="Luật Ngân sách nhà nước 2015, Điều 15")
    assert (row.due_on, row.sector_due_on) == (D(2026, 6, 1), D(2026, 6, 1))


def test_a_retry_is_stored_once(dworld, today):
    first = record(dworld, document_ref="45/QĐ-UBND")
    again = record(dworld, document_ref="45/QĐ-UBND")
    assert first.pk == again.pk and Disclosure.objects.count() == 1


def test_another_communes_chair_is_refused_before_input_is_read(dworld, today):
    bad = services.DisclosureInput(item=99, title="", decided_on=None)
    with pytest.raises(PermissionDenied) as exc:
        services.disclosure_record(actor=dworld.other_chair, commune=dworld.commune, data=bad)
    assert exc.value.code == "forbidden"
    row = record(dworld)
    with pytest.raises(PermissionDenied) as exc:
        services.channel_add(actor=dworld.other_chair, disclosure=row, channel="nonsense", starts_on=None)
    assert exc.value.code == "forbidden"
    for call in (
        lambda: services.disclosure_publish(actor=dworld.other_chair, disclosure=row),
        lambda: services.disclosure_withdraw(actor=dworld.other_chair, disclosure=row, reason=""),
        lambda: services.proof_attach(actor=dworld.other_chair, disclosure=row, name="x.exe", data=b""),
    ):
        with pytest.raises(PermissionDenied) as exc:
            call()
        assert exc.value.code == "forbidden"
    assert not DisclosureChannel.objects.exists() and not DisclosureProof.objects.exists()


@pytest.mark.parametrize(
    ("item", "channel", "ends_on", "code"),
    [
        # posting from 28/4 may end on 28/5 at the earliest (30 days counted from the next day)
        (DisclosureItem.BUDGET, Channel.POSTING, D(2026, 5, 27), errors.POSTING_TOO_SHORT),
        # broadcast of item 7 from 28/4 may end on 1/5 at the earliest
        (DisclosureItem.SUPPORT_POLICIES, Channel.LOUDSPEAKER, D(2026, 4, 30), errors.BROADCAST_TOO_SHORT),
        # items 4 and 13 are posted permanently: any end is refused
        (DisclosureItem.DEMOCRACY_REGULATION, Channel.POSTING, D(2027, 4, 28), errors.POSTING_TOO_SHORT),
        (DisclosureItem.PROCEDURES, Channel.POSTING, D(2026, 12, 31), errors.POSTING_TOO_SHORT),
        (DisclosureItem.BUDGET, Channel.POSTING, D(2026, 4, 27), errors.BAD_DATE),
    ],
)
def test_each_minimum_is_refused_with_its_code_and_nothing_stored(dworld, today, item, channel, ends_on, code):
    row = record(dworld, item=item)
    with pytest.raises(DomainError) as exc:
        services.channel_add(actor=dworld.handler, disclosure=row, channel=channel, starts_on=D(2026, 4, 28),
                             ends_on=ends_on)  # fmt: skip
    assert exc.value.code == code
    assert "Điều 13" in str(exc.value.message) or code == errors.BAD_DATE
    assert not DisclosureChannel.objects.exists()


def test_the_minimum_itself_is_accepted_and_ending_later_is_checked_the_same(dworld, today):
    row = record(dworld, item=DisclosureItem.SUPPORT_POLICIES)
    services.channel_add(actor=dworld.handler, disclosure=row, channel=Channel.POSTING, starts_on=D(2026, 4, 28),
                         ends_on=D(2026, 5, 28))  # fmt: skip
    services.channel_add(actor=dworld.handler, disclosure=row, channel=Channel.LOUDSPEAKER,
                         starts_on=D(2026, 4, 28), ends_on=D(2026, 5, 1))  # fmt: skip
    running = services.channel_add(actor=dworld.handler, disclosure=row, channel=Channel.POSTING,
                                   starts_on=D(2026, 4, 29), place="Nhà văn hóa TDP 1")  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.channel_end(actor=dworld.handler, channel=running, ends_on=D(2026, 5, 28))
    assert exc.value.code == errors.POSTING_TOO_SHORT
    running.refresh_from_db()
    assert running.ends_on is None
    services.channel_end(actor=dworld.handler, channel=running, ends_on=D(2026, 5, 29))
    running.refresh_from_db()
    assert running.ends_on == D(2026, 5, 29)
    # A broadcast of item 2 (not one of items 7–12) has no minimum.
    budget = record(dworld, title="Ngân sách")
    services.channel_add(actor=dworld.handler, disclosure=budget, channel=Channel.LOUDSPEAKER,
                         starts_on=D(2026, 4, 28), ends_on=D(2026, 4, 28))  # fmt: skip


def test_a_permanent_posting_runs_without_end(dworld, today):
    row = record(dworld, item=DisclosureItem.PROCEDURES, title="Thủ tục hành chính")
    channel = services.channel_add(actor=dworld.handler, disclosure=row, channel=Channel.POSTING,
                                   starts_on=D(2026, 4, 28))  # fmt: skip
    assert channel.ends_on is None
    with pytest.raises(DomainError) as exc:
        services.channel_end(actor=dworld.handler, channel=channel, ends_on=D(2026, 6, 1))
    assert exc.value.code == errors.POSTING_TOO_SHORT


def test_publish_needs_a_channel_and_dates_it_by_the_first_start(dworld, today):
    row = record(dworld)
    with pytest.raises(DomainError) as exc:
        services.disclosure_publish(actor=dworld.handler, disclosure=row)
    assert exc.value.code == errors.CHANNEL_MISSING
    services.channel_add(actor=dworld.handler, disclosure=row, channel=Channel.PORTAL, starts_on=D(2026, 5, 4))
    services.channel_add(actor=dworld.handler, disclosure=row, channel=Channel.POSTING, starts_on=D(2026, 4, 30))
    services.disclosure_publish(actor=dworld.chair, disclosure=row)
    row.refresh_from_db()
    assert (row.status, row.published_on) == (DisclosureStatus.PUBLISHED, D(2026, 4, 30))


def test_withdraw_keeps_the_row_with_its_reason(dworld, today):
    row = record(dworld)
    with pytest.raises(DomainError) as exc:
        services.disclosure_withdraw(actor=dworld.handler, disclosure=row, reason="  ")
    assert exc.value.code == errors.REQUIRED
    services.disclosure_withdraw(actor=dworld.handler, disclosure=row, reason="Văn bản bị thay thế")
    row.refresh_from_db()
    assert (row.status, row.withdrawn_reason) == (DisclosureStatus.WITHDRAWN, "Văn bản bị thay thế")
    with pytest.raises(DomainError) as exc:
        services.channel_add(actor=dworld.handler, disclosure=row, channel=Channel.PORTAL, starts_on=D(2026, 5, 1))
    assert exc.value.code == errors.BAD_STATE


def test_a_bad_upload_is_refused_and_nothing_stored(dworld, today):
    row = record(dworld)
    with pytest.raises(DomainError) as exc:
        services.proof_attach(actor=dworld.handler, disclosure=row, name="anh.jpg", data=b"MZ\x90\x00not an image")
    assert exc.value.code == "unsupported_type"
    with pytest.raises(DomainError) as exc:
        services.proof_attach(actor=dworld.handler, disclosure=row, name="anh.jpg", data=b"\xff\xd8\xff\xe0broken")
    assert exc.value.code == "bad_image"
    assert not DisclosureProof.objects.exists()
    with pytest.raises(DomainError) as exc:
        record(dworld, title="Có văn bản", document=("qd.pdf", b"%PDF-1.4 nonsense"))
    assert exc.value.code == "bad_pdf" and "document" in exc.value.details
    assert Disclosure.objects.count() == 1


def test_a_proof_photo_loses_its_gps_position(dworld, today):
    row = record(dworld)
    data = jpeg(exif_gps=True)
    assert Image.open(io.BytesIO(data)).getexif().get(0x8825)
    proof = services.proof_attach(actor=dworld.handler, disclosure=row, name="niem-yet.jpg", data=data,
                                  caption="Bảng tin trụ sở")  # fmt: skip
    stored = proof.file.read()
    exif = Image.open(io.BytesIO(stored)).getexif()
    assert not exif.get(0x8825) and not exif.get(0x010F)
    assert proof.content_type == "image/jpeg" and proof.name.endswith(".jpg")
    again = services.proof_attach(actor=dworld.handler, disclosure=row, name="niem-yet.jpg", data=data)
    assert again.pk == proof.pk
