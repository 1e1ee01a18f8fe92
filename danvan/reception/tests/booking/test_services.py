"""Booking's services: places, the waiting list and its promotion, refusals, retries, reminders, no-shows."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.notifications.models import Notification
from danvan.reception import errors
from danvan.reception.choices import BookingStatus, Mode, SessionStatus
from danvan.reception.models import Booking
from danvan.reception.services.booking import booking_cancel, booking_mark_no_show, booking_reminders_send
from danvan.reception.tests.booking.conftest import book
from danvan.reception.tests.factories import at, session

pytestmark = pytest.mark.usefixtures("frozen_clock")


def sms(booking: Booking) -> list[str]:
    return list(Notification.objects.filter(about_kind="reception.booking", about_id=booking.pk, channel="sms")
                .order_by("id").values_list("body", flat=True))  # fmt: skip


def test_bookings_are_confirmed_up_to_the_capacity_then_wait(monday) -> None:
    first, second, third = (book(monday, n).booking for n in (1, 2, 3))
    assert [b.status for b in (first, second, third)] == ["confirmed", "confirmed", "waiting"]
    assert sms(first) == [
        f"Da dat lich tiep cong dan 07:30 09/02/2026. Ma: {first.code}. Xem/huy: http://127.0.0.1:8000/lich-tiep-cong-dan/tra-cuu-dat-lich/?ma={first.code}"
    ]
    assert sms(third) == [
        f"Het cho 07:30 09/02/2026: Ong/Ba thu 1 danh sach cho. Ma: {third.code}. "
        f"Xem/huy: http://127.0.0.1:8000/lich-tiep-cong-dan/tra-cuu-dat-lich/?ma={third.code}"
    ]


def test_an_email_is_sent_too_when_given(monday) -> None:
    booking = book(monday, 1, email="an@example.vn").booking
    email = Notification.objects.get(about_id=booking.pk, channel="email")
    assert email.address == "an@example.vn" and email.subject == f"Đã đặt lịch tiếp công dân {booking.code}"
    assert "Phường Phú Xuân" in email.body and "2 Lê Lợi, Huế" in email.body and "07:30 ngày 09/02/2026" in email.body


def test_beyond_the_waiting_list_the_session_is_full(monday) -> None:
    for n in range(1, 6):  # 2 confirmed, 3 waiting (the least waiting list)
        book(monday, n)
    with pytest.raises(DomainError) as caught:
        book(monday, 6)
    assert caught.value.code == errors.SESSION_FULL
    assert Booking.objects.filter(session=monday).count() == 5


def test_cancelling_a_confirmed_booking_moves_the_first_waiting_up_and_tells_them(monday) -> None:
    first = book(monday, 1).booking
    book(monday, 2)
    waiting_first, waiting_second = book(monday, 3).booking, book(monday, 4).booking
    cancelled = booking_cancel(code=first.code, phone="+84 905 000 001")
    assert cancelled.status == BookingStatus.CANCELLED and cancelled.cancelled_at is not None
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert (waiting_first.status, waiting_second.status) == ("confirmed", "waiting")
    assert sms(waiting_first)[-1] == (
        f"Da co cho: tiep cong dan 07:30 09/02/2026. Ma: {waiting_first.code}. Huy neu khong den: http://127.0.0.1:8000/lich-tiep-cong-dan/tra-cuu-dat-lich/?ma={waiting_first.code}"
    )
    assert len(sms(waiting_second)) == 1  # only its "waiting" message


def test_cancelling_a_waiting_booking_moves_nobody(monday) -> None:
    book(monday, 1), book(monday, 2)
    waiting = book(monday, 3).booking
    booking_cancel(code=waiting.code, phone=waiting.phone)
    assert Booking.objects.filter(session=monday, status="confirmed").count() == 2


def test_cancelling_twice_changes_nothing_and_a_wrong_phone_is_not_found(monday) -> None:
    booking = book(monday, 1).booking
    with pytest.raises(NotFound):
        booking_cancel(code=booking.code, phone="0905 999 999")
    booking_cancel(code=booking.code, phone=booking.phone)
    again = booking_cancel(code=booking.code, phone=booking.phone)
    assert again.status == BookingStatus.CANCELLED


def test_a_session_that_started_is_refused(rworld, frozen_clock) -> None:
    started = session(rworld.point, rworld.chair, at(2026, 2, 5, 8, 0))
    with pytest.raises(DomainError) as caught:
        book(started, 1)
    assert caught.value.code == errors.IN_THE_PAST


@pytest.mark.parametrize("status", [SessionStatus.CANCELLED, SessionStatus.HELD])
def test_a_cancelled_or_held_session_is_refused(rworld, status) -> None:
    closed = session(rworld.point, rworld.chair, at(2026, 2, 9), status=status)
    with pytest.raises(DomainError) as caught:
        book(closed, 1)
    assert caught.value.code == errors.SESSION_CLOSED
    assert not Booking.objects.exists()


def test_the_same_phone_cannot_book_the_same_session_twice_written_otherwise(monday) -> None:
    book(monday, 1)
    with pytest.raises(DomainError) as caught:
        book(monday, 2, phone="+84905000001")
    assert caught.value.code == errors.ALREADY_BOOKED


def test_after_a_cancellation_the_same_phone_may_book_again(monday) -> None:
    first = book(monday, 1).booking
    booking_cancel(code=first.code, phone=first.phone)
    assert book(monday, 1, request_key="another").booking.status == "confirmed"


def test_the_same_form_sent_twice_stores_one_booking_with_one_code(monday) -> None:
    first = book(monday, 1)
    again = book(monday, 1)
    assert first.created and not again.created
    assert again.booking.code == first.booking.code
    assert Booking.objects.count() == 1 and Notification.objects.filter(channel="sms").count() == 1


def test_a_request_key_used_for_another_session_is_refused(rworld, monday) -> None:
    other = session(rworld.point, rworld.chair, at(2026, 2, 16))
    book(monday, 1, request_key="same-key")
    with pytest.raises(DomainError) as caught:
        book(other, 2, request_key="same-key")
    assert caught.value.code == errors.KEY_REUSED
    with pytest.raises(DomainError) as caught:
        book(monday, 2, request_key="same-key")  # another phone: never shown the first booking
    assert caught.value.code == errors.KEY_REUSED


def test_bad_fields_are_all_named_and_nothing_is_stored(monday) -> None:
    with pytest.raises(DomainError) as caught:
        book(monday, 1, name=" ", phone="12", email="not-an-email", id_number="123", subject="")
    assert caught.value.code == errors.BAD_FIELDS
    assert set(caught.value.details) == {"name", "phone", "email", "id_number", "subject"}
    assert not Booking.objects.exists() and not Notification.objects.exists()


def test_from_1_july_2026_the_id_number_is_required(rworld) -> None:
    july = session(rworld.point, rworld.chair, at(2026, 7, 6))
    june = session(rworld.point, rworld.chair, at(2026, 6, 29))
    with pytest.raises(DomainError) as caught:
        book(july, 1)
    assert caught.value.details["id_number"].endswith("(Nghị định 154/2026/NĐ-CP, Điều 12).")
    assert book(june, 1).booking.id_number == ""
    assert book(july, 1, id_number="046 090 001 234").booking.id_number == "046090001234"


def test_the_reminder_goes_the_day_before_once(monday, frozen_clock) -> None:
    confirmed = book(monday, 1).booking
    book(monday, 2)
    waiting = book(monday, 3).booking
    assert booking_reminders_send(today=dt.date(2026, 2, 7)) == 0
    frozen_clock.move_to(dt.datetime(2026, 2, 8, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    assert booking_reminders_send(today=dt.date(2026, 2, 8)) == 2
    assert booking_reminders_send(today=dt.date(2026, 2, 8)) == 0
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None and len(sms(confirmed)) == 2
    assert sms(confirmed)[-1].startswith("Nhac lich: ngay mai 07:30 09/02/2026. Ma: ")
    assert len(sms(waiting)) == 1


def test_staff_mark_a_no_show_once_the_session_started(rworld, monday, frozen_clock) -> None:
    booking = book(monday, 1).booking
    with pytest.raises(DomainError) as caught:
        booking_mark_no_show(actor=rworld.officer, booking=booking)
    assert caught.value.code == errors.BAD_STATE
    frozen_clock.move_to(dt.datetime(2026, 2, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    assert booking_mark_no_show(actor=rworld.officer, booking=booking).status == BookingStatus.NO_SHOW


def test_an_officer_of_another_ward_may_not_mark_a_no_show(rworld, monday) -> None:
    booking = book(monday, 1).booking
    with pytest.raises(PermissionDenied):
        booking_mark_no_show(actor=rworld.other_officer, booking=booking)


def test_an_online_sessions_link_reaches_only_a_confirmed_booker(rworld) -> None:
    from danvan.reception.selectors.booking import booking_video_url

    online = session(rworld.point, rworld.chair, at(2026, 2, 10), capacity=1, mode=Mode.ONLINE,
                     video_url="https://hop.hue.gov.vn/tcd-10-02")  # fmt: skip
    confirmed, waiting = book(online, 1).booking, book(online, 2).booking
    assert booking_video_url(confirmed) == "https://hop.hue.gov.vn/tcd-10-02"
    assert booking_video_url(waiting) == ""
    assert "hop.hue.gov.vn" not in " ".join(Notification.objects.values_list("body", flat=True))


def test_the_morning_sweep_sends_the_reminders(monday) -> None:
    from danvan.reception.sweeps.booking import sweep

    book(monday, 1)
    assert sweep(dt.date(2026, 2, 8)) == {"reminded": 1}
    assert sweep(dt.date(2026, 2, 8)) == {"reminded": 0}
