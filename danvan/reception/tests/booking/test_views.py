"""Booking's pages: the citizen's form, confirmation, look-up and cancellation; the officers' list."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from danvan.reception.choices import BookingStatus, Mode
from danvan.reception.models import Booking
from danvan.reception.tests.booking.conftest import book
from danvan.reception.tests.factories import at, session

pytestmark = pytest.mark.usefixtures("frozen_clock")

FORM = {"name": "Nguyễn Thị Lan", "phone": "0912 345 678", "email": "", "id_number": "",
        "subject": "Xin hướng dẫn thủ tục cấp đổi giấy chứng nhận", "request_key": "a" * 32}  # fmt: skip


def test_the_booking_page_is_public_and_shows_no_booker(client: Client, monday) -> None:
    book(monday, 1, name="Hoàng Văn Kín")
    page = client.get(reverse("reception:booking_new", args=[monday.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Hoàng Văn Kín" not in text and "0905 000 001" not in text
    assert 'name="request_key"' in text and page["X-Robots-Tag"] == "noindex, nofollow"


def test_a_citizen_books_and_sees_the_code_then_a_second_send_shows_the_same(client: Client, monday) -> None:
    url = reverse("reception:booking_new", args=[monday.pk])
    first = client.post(url, FORM)
    assert first.status_code == 303
    booking = Booking.objects.get()
    assert first["Location"] == reverse("reception:booking_detail", args=[booking.code]) + "?moi=1"
    page = client.get(first["Location"])
    assert booking.code in page.content.decode() and page.context["booking"].status == BookingStatus.CONFIRMED
    again = client.post(url, FORM)
    assert again["Location"] == first["Location"] and Booking.objects.count() == 1


def test_fields_to_correct_are_shown_beside_them_and_nothing_is_stored(client: Client, monday) -> None:
    page = client.post(reverse("reception:booking_new", args=[monday.pk]), {**FORM, "phone": "123", "subject": ""})
    assert page.status_code == 400
    form = page.context["form"]
    assert set(form.errors) == {"phone", "subject"} and not Booking.objects.exists()


def test_a_refusal_is_said_on_the_form(client: Client, monday) -> None:
    book(monday, 1, phone=FORM["phone"])
    page = client.post(reverse("reception:booking_new", args=[monday.pk]), FORM)
    assert page.status_code == 400
    assert page.context["form"].non_field_errors() == [
        "Số điện thoại này đã đăng ký buổi tiếp này. Xin tra cứu bằng mã đặt lịch."
    ]
    assert Booking.objects.count() == 1


def test_the_booking_page_of_another_browser_sends_to_the_look_up(client: Client, monday) -> None:
    booking = book(monday, 1).booking
    page = client.get(reverse("reception:booking_detail", args=[booking.code]))
    assert page.status_code == 302 and page["Location"].startswith(reverse("reception:booking_lookup"))


def test_the_look_up_opens_with_code_and_phone_and_cancels(client: Client, monday) -> None:
    first = book(monday, 1).booking
    book(monday, 2)
    waiting = book(monday, 3).booking
    wrong = client.post(reverse("reception:booking_lookup"), {"code": first.code, "phone": "0905 999 999"})
    assert wrong.status_code == 400 and "Công dân 1" not in wrong.content.decode()
    opened = client.post(reverse("reception:booking_lookup"), {"code": first.code.lower(), "phone": "0905000001"})
    assert opened.status_code == 303
    page = client.get(opened["Location"])
    assert "Công dân 1" in page.content.decode() and page.context["may_cancel"]
    cancelled = client.post(reverse("reception:booking_cancel", args=[first.code]))
    assert cancelled.status_code == 303
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == BookingStatus.CANCELLED and waiting.status == BookingStatus.CONFIRMED


def test_the_video_link_shows_only_on_a_confirmed_bookers_page(client: Client, rworld) -> None:
    online = session(rworld.point, rworld.chair, at(2026, 2, 10), capacity=1, mode=Mode.ONLINE,
                     video_url="https://hop.hue.gov.vn/tcd-10-02")  # fmt: skip
    public = client.get(reverse("reception:booking_new", args=[online.pk]))
    assert "hop.hue.gov.vn" not in public.content.decode()
    confirmed, waiting = book(online, 1).booking, book(online, 2).booking
    for booking, shown in ((confirmed, True), (waiting, False)):
        client.post(reverse("reception:booking_lookup"), {"code": booking.code, "phone": booking.phone})
        page = client.get(reverse("reception:booking_detail", args=[booking.code]))
        assert ("hop.hue.gov.vn/tcd-10-02" in page.content.decode()) is shown


def test_the_look_up_is_limited_per_device_not_per_office(client: Client, monday, settings) -> None:
    settings.DANVAN_RATE_LIMITS = {**settings.DANVAN_RATE_LIMITS,
                                   "booking_lookup": {"window_seconds": 600, "per_device": 3, "per_address": 1200}}  # fmt: skip
    client.get(reverse("reception:booking_lookup"))  # the device cookie
    for _ in range(3):
        assert (
            client.post(
                reverse("reception:booking_lookup"), {"code": "LH-2222-2222", "phone": "0905000001"}
            ).status_code
            == 400
        )
    assert (
        client.post(reverse("reception:booking_lookup"), {"code": "LH-2222-2222", "phone": "0905000001"}).status_code
        == 429
    )
    neighbour = Client()  # the same office address, another browser
    neighbour.get(reverse("reception:booking_lookup"))
    assert (
        neighbour.post(reverse("reception:booking_lookup"), {"code": "LH-2222-2222", "phone": "0905000001"}).status_code
        == 400
    )


def test_staff_see_a_sessions_bookings_and_mark_a_no_show(client: Client, rworld, monday, frozen_clock,
                                                          django_assert_max_num_queries) -> None:  # fmt: skip
    for n in range(1, 5):
        book(monday, n)
    client.force_login(rworld.officer)
    url = reverse("reception:session_bookings", args=[monday.pk])
    with django_assert_max_num_queries(12):
        page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "0905 000 004" in text
    assert [b.status for b in page.context["rows"]] == ["confirmed", "confirmed", "waiting", "waiting"]
    frozen_clock.move_to(dt.datetime(2026, 2, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    client.force_login(rworld.officer)  # four days later: the idle staff session has ended
    first = page.context["rows"][0]
    done = client.post(reverse("reception:booking_no_show", args=[monday.pk, first.pk]))
    assert done.status_code == 303
    first.refresh_from_db()
    assert first.status == BookingStatus.NO_SHOW


@pytest.mark.parametrize("who", ["other_officer", "dan_van", "handler"])
def test_the_staff_list_is_refused_to_those_who_may_not_read_visitors_there(
    client: Client, rworld, monday, who
) -> None:
    book(monday, 1)
    client.force_login(getattr(rworld, who))
    assert client.get(reverse("reception:session_bookings", args=[monday.pk])).status_code == 404
    first = Booking.objects.get()
    assert client.post(reverse("reception:booking_no_show", args=[monday.pk, first.pk])).status_code == 404


def test_the_staff_list_needs_a_sign_in(client: Client, monday) -> None:
    page = client.get(reverse("reception:session_bookings", args=[monday.pk]))
    assert page.status_code == 302 and not re.search(r"0905", page.content.decode())
