"""The schedule's pages: the public schedule (no account, no person's data), its iCalendar feeds
parsed back, the staff pages scoped to the bodies one keeps, and the query counts of the lists."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from danvan.reception import choices
from danvan.reception.models import ReceptionSession
from danvan.reception.services import schedule as services
from danvan.reception.tests.factories import at, session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def planned(rworld):
    services.sessions_generate(actor=rworld.officer, date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 3, 31))
    return ReceptionSession.objects.filter(duty=rworld.duty, starts_at__gte=at(2026, 2, 6)).order_by("starts_at")


def test_the_public_schedule_lists_bodies_and_sessions_without_a_person(client, rworld, planned):
    s = planned.first()
    s.public_note = "Mời công dân mang theo giấy tờ"
    s.save()
    services.session_cancel(actor=rworld.officer, session=planned[1], reason="Chủ tịch họp HĐND")
    index = client.get(reverse("reception:schedule_public"))
    assert index.status_code == 200
    assert rworld.phuong.name in index.content.decode()
    page = client.get(reverse("reception:schedule_body", args=[rworld.phuong.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "09/02/2026" in text and "07:30–11:30" in text and "Mời công dân mang theo giấy tờ" in text
    assert "Chủ tịch họp HĐND" in text  # the reason of a cancellation is public
    for private in (rworld.chair.full_name, rworld.officer.full_name, rworld.chair.username, "tiepdan"):
        assert private not in text
    point = client.get(reverse("reception:schedule_point", args=[rworld.point.pk]))
    assert point.status_code == 200 and rworld.point.address in point.content.decode()


def test_a_body_without_a_point_and_an_unused_point_are_not_found(client, rworld):
    assert client.get(reverse("reception:schedule_body", args=[rworld.other.pk])).status_code == 404
    rworld.point.is_active = False
    rworld.point.save()
    assert client.get(reverse("reception:schedule_point", args=[rworld.point.pk])).status_code == 404


def test_the_ical_feed_parses_back_with_the_sessions(client, rworld, planned):
    services.session_cancel(actor=rworld.officer, session=planned[1], reason="Bão")
    response = client.get(reverse("reception:schedule_point_ics", args=[rworld.point.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == planned.count()
    first = events[0]
    assert first.decoded("dtstart") == at(2026, 2, 9, 7, 30)
    assert first.decoded("dtend") == at(2026, 2, 9, 11, 30)
    assert str(first["location"]) == f"{rworld.point.name}, {rworld.point.address}"
    assert rworld.phuong.name in str(first["summary"])
    assert str(first["uid"]).startswith(f"reception-session-{planned[0].pk}@")
    assert str(events[1]["status"]) == "CANCELLED" and "Bão" in str(events[1]["description"])
    assert cal.walk("VTIMEZONE")  # the Vietnam time zone travels with the feed
    assert rworld.chair.full_name not in response.content.decode()
    body = client.get(reverse("reception:schedule_body_ics", args=[rworld.phuong.pk]))
    assert len(icalendar.Calendar.from_ical(body.content).walk("VEVENT")) == planned.count()
    everything = client.get(reverse("reception:schedule_public_ics"))
    assert len(icalendar.Calendar.from_ical(everything.content).walk("VEVENT")) == planned.count()


def test_the_public_lists_take_a_fixed_number_of_queries(client, rworld, planned, django_assert_max_num_queries):
    for i in range(10):
        session(rworld.point, rworld.chair, at(2026, 2, 10 + i % 3, 14, i))
    with django_assert_max_num_queries(4):
        client.get(reverse("reception:schedule_public"))
    with django_assert_max_num_queries(5):
        client.get(reverse("reception:schedule_body", args=[rworld.phuong.pk]))
    with django_assert_max_num_queries(4):
        client.get(reverse("reception:schedule_point_ics", args=[rworld.point.pk]))


def test_the_staff_body_page_is_for_those_who_keep_its_schedule(client, rworld, planned,
                                                              django_assert_max_num_queries):  # fmt: skip
    url = reverse("reception:schedule_staff_body", args=[rworld.phuong.pk])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(rworld.other_officer)
    assert client.get(url).status_code == 404
    assert client.get(reverse("reception:session_staff", args=[planned[0].pk])).status_code == 404
    client.force_login(rworld.officer)
    with django_assert_max_num_queries(20):
        page = client.get(url)
    assert page.status_code == 200
    assert rworld.chair.full_name in page.content.decode()


def test_generate_from_the_staff_page_and_cancel_with_a_reason(client, rworld):
    client.force_login(rworld.officer)
    url = reverse("reception:sessions_generate", args=[rworld.phuong.pk])
    response = client.post(url, {"date_from": "2026-02-01", "date_to": "2026-02-28"})
    assert response.status_code == 302
    assert ReceptionSession.objects.filter(duty=rworld.duty).count() == 3
    s = ReceptionSession.objects.filter(duty=rworld.duty).last()
    refused = client.post(reverse("reception:session_cancel", args=[s.pk]), {"reason": ""})
    assert refused.status_code == 400 and 'id="id_reason_error"' in refused.content.decode()
    s.refresh_from_db()
    assert s.status == choices.SessionStatus.PLANNED
    client.post(reverse("reception:session_cancel", args=[s.pk]), {"reason": "Chủ tịch ốm"})
    s.refresh_from_db()
    assert (s.status, s.cancel_reason) == (choices.SessionStatus.CANCELLED, "Chủ tịch ốm")


def test_the_deputy_refusal_is_shown_next_to_the_field(client, rworld, frozen_clock):
    frozen_clock.move_to(at(2026, 8, 3, 12, 0))
    s = session(rworld.point, rworld.chair, at(2026, 8, 3), duty=rworld.duty)
    client.force_login(rworld.officer)
    response = client.post(reverse("reception:session_held", args=[s.pk]), {"held_by": rworld.deputy.pk})
    assert response.status_code == 400
    assert 'id="id_held_by_error"' in response.content.decode()
    s.refresh_from_db()
    assert s.status == choices.SessionStatus.PLANNED


def test_an_ad_hoc_session_from_the_staff_page_needs_its_ground(client, rworld):
    client.force_login(rworld.officer)
    url = reverse("reception:session_ad_hoc", args=[rworld.phuong.pk])
    data = {"point": rworld.point.pk, "head": rworld.chair.pk, "reason": "Đông người", "day": "2026-02-06",
            "starts_at": "14:00", "ends_at": "16:00", "mode": "direct"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and 'id="id_trigger_error"' in response.content.decode()
    assert not ReceptionSession.objects.exists()
    response = client.post(url, {**data, "trigger": "several_bodies"})
    made = ReceptionSession.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reception:session_staff", args=[made.pk])
    assert made.kind == choices.SessionKind.AD_HOC


def test_recording_fields_show_only_to_those_who_may_read_recordings(client, rworld):
    s = session(rworld.point, rworld.chair, at(2026, 2, 9), duty=rworld.duty, mode="online",
                video_url="https://meet.example.vn/x", recording_location="Kho lưu trữ số UBND")  # fmt: skip
    url = reverse("reception:session_staff", args=[s.pk])
    client.force_login(rworld.officer)
    assert "Kho lưu trữ số UBND" not in client.get(url).content.decode()
    client.force_login(rworld.inspector)  # VIEW_REGISTER and VIEW_RECORDINGS over the province
    text = client.get(url).content.decode()
    assert "Kho lưu trữ số UBND" in text and "Mark held" not in text and "Đánh dấu đã tiếp" not in text


def test_the_rules_table_is_read_by_staff_and_edited_by_operators(client, rworld, operator):
    client.force_login(rworld.officer)
    page = client.get(reverse("reception:schedule_rules"))
    assert page.status_code == 200 and "R2026" in page.content.decode()
    rule = page.context["rules"][0]
    assert client.get(reverse("reception:schedule_rule_edit", args=[rule.pk])).status_code == 404
    client.force_login(operator)
    assert client.get(reverse("reception:schedule_rule_edit", args=[rule.pk])).status_code == 200
