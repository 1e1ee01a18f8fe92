"""The schedule's services: generation per regime and around 1/7/2026, holidays, idempotency, the
deputy rule, ad hoc sessions, cancellation, the frequency table, and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.reception import choices, errors
from danvan.reception.models import ReceptionSession, ScheduleRule
from danvan.reception.services import schedule as services
from danvan.reception.tests.factories import at, head_duty, session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def days(duty):
    return [s.starts_at.date() for s in ReceptionSession.objects.filter(duty=duty).order_by("starts_at")]


def test_a_commune_chair_receives_each_week_under_r2014_then_twice_a_month_from_1_7_2026(rworld):
    result = services.sessions_generate(actor=rworld.officer, date_from=dt.date(2026, 6, 1),
                                        date_to=dt.date(2026, 7, 31))  # fmt: skip
    assert result.made == 7
    # June: every Monday (the week of 29/6 began under R2014); July: weeks 1 and 3 of the month.
    assert days(rworld.duty) == [dt.date(2026, 6, d) for d in (1, 8, 15, 22, 29)] + [
        dt.date(2026, 7, 6),
        dt.date(2026, 7, 20),
    ]
    first = ReceptionSession.objects.filter(duty=rworld.duty).first()
    assert first.kind == choices.SessionKind.REGULAR and first.head == rworld.chair and first.capacity == 10
    assert first.starts_at == at(2026, 6, 1, 7, 30) and first.ends_at == at(2026, 6, 1, 11, 30)


def test_a_provincial_chair_receives_once_a_month_in_the_first_week(rworld):
    point = rworld.point
    duty = head_duty(point, rworld.chair, level=choices.Level.PROVINCE, weekday=2)
    services.sessions_generate(actor=rworld.officer, date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 5, 31))
    assert days(duty) == [dt.date(2026, 3, 4), dt.date(2026, 4, 8), dt.date(2026, 5, 6)]


def test_a_day_off_moves_the_session_to_the_next_working_day(rworld):
    rworld.duty.weekday = 3  # Thursday: 30/4/2026 is Reunification Day, 1/5 Labour Day
    rworld.duty.save()
    services.sessions_generate(actor=rworld.officer, date_from=dt.date(2026, 4, 27), date_to=dt.date(2026, 5, 3))
    assert days(rworld.duty) == [dt.date(2026, 5, 4)]


def test_generating_twice_makes_nothing_new_and_a_cancelled_session_stays_cancelled(rworld):
    span = {"date_from": dt.date(2026, 2, 1), "date_to": dt.date(2026, 2, 28)}
    first = services.sessions_generate(actor=rworld.officer, **span)
    assert first.made == 3  # 2, 9, 23 February: Monday 16/2 (Tết) moves onto 23/2's session
    cancelled = ReceptionSession.objects.filter(duty=rworld.duty).first()
    services.session_cancel(actor=rworld.officer, session=cancelled, reason="Chủ tịch đi công tác")
    again = services.sessions_generate(actor=rworld.officer, **span)
    assert (again.made, again.existing) == (0, 3)
    assert ReceptionSession.objects.filter(duty=rworld.duty).count() == 3
    cancelled.refresh_from_db()
    assert cancelled.status == choices.SessionStatus.CANCELLED


def test_sessions_only_while_the_duty_is_valid(rworld):
    rworld.duty.valid_from, rworld.duty.valid_to = dt.date(2026, 2, 5), dt.date(2026, 2, 20)
    rworld.duty.save()
    services.sessions_generate(actor=rworld.officer, date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 3, 15))
    assert days(rworld.duty) == [dt.date(2026, 2, 9)]


def test_ending_a_duty_cancels_its_later_planned_sessions(rworld):
    services.sessions_generate(actor=rworld.officer, date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 3, 31))
    cancelled = services.duty_end(actor=rworld.officer, duty=rworld.duty, valid_to=dt.date(2026, 2, 28),
                                  reason="Chủ tịch nghỉ hưu")  # fmt: skip
    assert cancelled == 5  # the Mondays of March
    assert not ReceptionSession.objects.filter(
        duty=rworld.duty, status="planned", starts_at__gte=at(2026, 3, 1, 0, 0)
    ).exists()
    assert AuditEvent.objects.filter(action="reception.duty_end").count() == 1


def test_a_deputy_may_not_hold_a_regular_session_under_r2026(rworld, frozen_clock):
    frozen_clock.move_to(at(2026, 8, 3, 12, 0))
    s = session(rworld.point, rworld.chair, at(2026, 8, 3), duty=rworld.duty)
    with pytest.raises(DomainError) as refused:
        services.session_mark_held(actor=rworld.officer, session=s, held_by=rworld.deputy)
    assert refused.value.code == errors.DEPUTY_NOT_ALLOWED
    s.refresh_from_db()
    assert s.status == choices.SessionStatus.PLANNED and s.held_by is None
    services.session_mark_held(actor=rworld.officer, session=s, held_by=rworld.chair)
    s.refresh_from_db()
    assert (s.status, s.held_by) == (choices.SessionStatus.HELD, rworld.chair)


def test_a_deputy_may_hold_a_regular_session_under_r2014(rworld):
    s = session(rworld.point, rworld.chair, at(2026, 2, 2), duty=rworld.duty)
    services.session_mark_held(actor=rworld.officer, session=s, held_by=rworld.deputy)
    s.refresh_from_db()
    assert (s.status, s.held_by) == (choices.SessionStatus.HELD, rworld.deputy)


def test_a_session_in_the_future_cannot_be_marked_held(rworld):
    s = session(rworld.point, rworld.chair, at(2026, 2, 9), duty=rworld.duty)
    with pytest.raises(DomainError) as refused:
        services.session_mark_held(actor=rworld.officer, session=s, held_by=rworld.chair)
    assert refused.value.code == errors.BAD_DATE


def test_an_ad_hoc_session_needs_the_legal_trigger(rworld):
    args = {"actor": rworld.officer, "point": rworld.point, "head": rworld.chair, "reason": "Đông người kéo đến",
            "starts_at": at(2026, 2, 6, 14, 0), "ends_at": at(2026, 2, 6, 16, 0)}  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.session_ad_hoc_create(trigger="", **args)
    assert refused.value.code == errors.NO_TRIGGER
    assert not ReceptionSession.objects.exists()
    made = services.session_ad_hoc_create(trigger=choices.AdHocTrigger.SERIOUS_HARM, **args)
    assert (made.kind, made.ad_hoc_trigger, made.duty) == (choices.SessionKind.AD_HOC, "serious_harm", None)


def test_an_online_session_needs_its_link_and_only_recording_readers_write_the_recording(rworld):
    s = session(rworld.point, rworld.chair, at(2026, 2, 9), duty=rworld.duty)
    with pytest.raises(DomainError) as refused:
        services.session_online_set(actor=rworld.officer, session=s, online=True, fields={})
    assert refused.value.code == errors.REQUIRED
    with pytest.raises(PermissionDenied):
        services.session_online_set(actor=rworld.officer, session=s, online=True,
                                    fields={"video_url": "https://meet.example.vn/a", "recording_location": "NAS"})  # fmt: skip
    services.session_online_set(actor=rworld.chair, session=s, online=True,
                                fields={"video_url": "https://meet.example.vn/a", "recording_location": "Máy chủ UBND",
                                        "recording_keep_until": dt.date(2031, 2, 9)})  # fmt: skip
    s.refresh_from_db()
    assert (s.mode, s.recording_location) == (choices.Mode.ONLINE, "Máy chủ UBND")


def test_cancelling_needs_a_reason(rworld):
    s = session(rworld.point, rworld.chair, at(2026, 2, 9), duty=rworld.duty)
    with pytest.raises(DomainError) as refused:
        services.session_cancel(actor=rworld.officer, session=s, reason="  ")
    assert refused.value.code == errors.REQUIRED
    services.session_cancel(actor=rworld.officer, session=s, reason="Trùng họp HĐND")
    with pytest.raises(DomainError) as again:
        services.session_cancel(actor=rworld.officer, session=s, reason="again")
    assert again.value.code == errors.BAD_STATE


def test_officers_of_another_ward_are_refused(rworld):
    with pytest.raises(PermissionDenied):
        services.point_create(actor=rworld.other_officer, organization=rworld.phuong, name="X", address="Y")
    with pytest.raises(PermissionDenied):
        services.sessions_generate(actor=rworld.other_officer, organization=rworld.phuong,
                                   date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28))  # fmt: skip
    s = session(rworld.point, rworld.chair, at(2026, 2, 2), duty=rworld.duty)
    for call in (
        lambda: services.session_cancel(actor=rworld.other_officer, session=s, reason="x"),
        lambda: services.session_mark_held(actor=rworld.other_officer, session=s, held_by=rworld.chair),
    ):
        with pytest.raises(PermissionDenied):
            call()
    # Without a body, the generation covers only the duties the actor keeps: none of Phú Xuân's.
    assert services.sessions_generate(actor=rworld.other_officer, date_from=dt.date(2026, 2, 1),
                                      date_to=dt.date(2026, 2, 28)).duties == 0  # fmt: skip
    # An inspector reads but does not keep the schedule.
    with pytest.raises(PermissionDenied):
        services.session_cancel(actor=rworld.inspector, session=s, reason="x")


def test_a_point_keeps_only_the_bodys_reception_officers(rworld):
    with pytest.raises(DomainError) as refused:
        services.point_create(actor=rworld.officer, organization=rworld.phuong, name="Điểm 2", address="1 Huế",
                              officers=[rworld.other_officer])  # fmt: skip
    assert refused.value.code == errors.BAD_STATE
    point = services.point_create(actor=rworld.officer, organization=rworld.phuong, name="Điểm 2", address="1 Huế",
                                  officers=[rworld.officer])  # fmt: skip
    assert list(point.officers.all()) == [rworld.officer]
    services.point_update(actor=rworld.officer, point=point, changes={"hours": "Sáng thứ Năm", "officers": []})
    point.refresh_from_db()
    assert (point.hours, point.officers.count()) == ("Sáng thứ Năm", 0)


def test_a_duty_is_for_a_head_of_the_body(rworld):
    with pytest.raises(DomainError) as refused:
        services.duty_create(actor=rworld.officer, point=rworld.point, head=rworld.officer, head_kind="ubnd_chair",
                             level="commune", valid_from=dt.date(2026, 1, 1))  # fmt: skip
    assert refused.value.code == errors.BAD_STATE
    duty = services.duty_create(actor=rworld.officer, point=rworld.point, head=rworld.deputy, head_kind="ubnd_chair",
                                level="commune", weekday=2, valid_from=dt.date(2026, 1, 1))  # fmt: skip
    assert duty.organization == rworld.phuong


def test_only_operators_correct_the_frequency_table_with_a_reason(rworld, operator):
    rule = ScheduleRule.objects.get(head_kind="ubnd_chair", level="commune", regime="R2026")
    with pytest.raises(PermissionDenied):
        services.schedule_rule_update(actor=rworld.chair, rule=rule, changes={"count": 3}, reason="x")
    with pytest.raises(DomainError) as refused:
        services.schedule_rule_update(actor=operator, rule=rule, changes={"count": 3}, reason="")
    assert refused.value.code == errors.REQUIRED
    services.schedule_rule_update(actor=operator, rule=rule, changes={"count": 4, "confidence": "V"},
                                  reason="Đối chiếu Công báo số 1/2026")  # fmt: skip
    rule.refresh_from_db()
    assert (rule.count, rule.confidence) == (4, "V")
    event = AuditEvent.objects.get(action="reception.rule_update")
    assert event.before is not None and event.after is not None
    assert (event.before["count"], event.after["count"], event.reason) == (2, 4, "Đối chiếu Công báo số 1/2026")
    # The generation reads the corrected row: four sessions in August 2026 (Mondays 3, 10, 17, 24, 31).
    services.sessions_generate(actor=rworld.officer, date_from=dt.date(2026, 8, 1), date_to=dt.date(2026, 8, 31))
    assert days(rworld.duty) == [dt.date(2026, 8, d) for d in (3, 10, 17, 24)]


@pytest.mark.parametrize("link", ["javascript:alert(document.cookie)", "http://meet.example.vn/a",
                                  "data:text/html,<script>alert(1)</script>", "meet.example.vn/a"])  # fmt: skip
def test_a_video_link_is_https_only_whichever_way_it_is_set(rworld, link: str) -> None:
    s = session(rworld.point, rworld.chair, at(2026, 2, 9), duty=rworld.duty)
    with pytest.raises(DomainError) as refused:
        services.session_online_set(actor=rworld.chair, session=s, online=True, fields={"video_url": link})
    assert (refused.value.code, set(refused.value.details)) == (errors.BAD_FIELDS, {"video_url"})
    with pytest.raises(DomainError) as ad_hoc:
        services.session_ad_hoc_create(actor=rworld.officer, point=rworld.point, head=rworld.chair,
                                       trigger=choices.AdHocTrigger.SERIOUS_HARM, reason="Nhiều hộ dân",
                                       starts_at=at(2026, 2, 6, 14, 0), ends_at=at(2026, 2, 6, 16, 0),
                                       mode=choices.Mode.ONLINE, online={"video_url": link})  # fmt: skip
    assert ad_hoc.value.code == errors.BAD_FIELDS
    s.refresh_from_db()
    assert s.video_url == "" and ReceptionSession.objects.count() == 1
