"""Crowds (Arts. 29–30): representatives within the law's range, the head's meeting, the early warning
of a crowd coming back or growing, and the named event with plain facts."""

import datetime as dt

import pytest

from danvan.core import events
from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.reception import errors
from danvan.reception.selectors.crowds import crowd_warnings
from danvan.reception.services.crowds import CROWD_RECORDED, CrowdRecorded, crowd_meeting_record, crowd_record
from danvan.reception.tests.factories import at, visit

pytestmark = pytest.mark.django_db


def people(n):
    return [{"name": f"Người đại diện {i}", "address": f"{i} Lê Lợi, Huế"} for i in range(1, n + 1)]


def record(world, v, n, **fields):
    values = {"appointment_signed": True, "statement": "Đề nghị xem xét lại giá bồi thường.",
              "statement_signed": True, "matter_key": "Thu hồi đất khu dân cư Phú Xuân"}  # fmt: skip
    actor = fields.pop("actor", world.officer)
    return crowd_record(actor=actor, visit=v, representatives=people(n), **{**values, **fields})


@pytest.mark.parametrize(("size", "count", "ok"), [(5, 1, True), (5, 2, True), (5, 3, False), (10, 2, True),
                                                   (11, 5, True), (11, 6, False), (11, 0, False), (40, 5, True)])  # fmt: skip
def test_the_number_of_representatives_is_the_laws(rworld, size, count, ok):
    v = visit(rworld.phuong, rworld.officer, group_size=size)
    if ok:
        crowd = record(rworld, v, count)
        assert len(crowd.representatives) == count and crowd.matter_key == "thu hồi đất khu dân cư phú xuân"
        return
    with pytest.raises(DomainError) as refused:
        record(rworld, v, count)
    assert refused.value.code == errors.BAD_REPRESENTATIVES
    low, high = (1, 2) if size <= 10 else (1, 5)
    assert f"{low}" in str(refused.value.message) and f"{high}" in str(refused.value.message)


def test_below_five_is_not_a_crowd(rworld):
    v = visit(rworld.phuong, rworld.officer, group_size=4)
    with pytest.raises(DomainError) as refused:
        record(rworld, v, 1)
    assert refused.value.code == errors.NOT_A_CROWD


def test_each_representative_has_a_name_and_an_address(rworld):
    v = visit(rworld.phuong, rworld.officer, group_size=8)
    with pytest.raises(DomainError) as refused:
        crowd_record(actor=rworld.officer, visit=v, representatives=[{"name": "Lê Văn Ba", "address": ""}],
                     appointment_signed=True, statement="", statement_signed=False, matter_key="")  # fmt: skip
    assert refused.value.code == errors.REQUIRED and "0.address" in refused.value.details


def test_another_wards_officer_is_refused_before_validation(rworld):
    v = visit(rworld.phuong, rworld.officer, group_size=3)  # invalid too: the refusal is the permission's
    for who in (rworld.other_officer, rworld.inspector, rworld.handler):
        with pytest.raises(PermissionDenied):
            crowd_record(actor=who, visit=v, representatives=people(1), appointment_signed=True, statement="",
                         statement_signed=False, matter_key="")  # fmt: skip


def test_recording_publishes_plain_facts_and_is_audited(rworld):
    heard: list[CrowdRecorded] = []
    events.subscribe(CROWD_RECORDED, heard.append)
    try:
        v = visit(rworld.phuong, rworld.officer, group_size=12)
        crowd = record(rworld, v, 3)
    finally:
        events.unsubscribe(CROWD_RECORDED, heard.append)
    [fact] = heard
    assert (fact.crowd_id, fact.visit_id, fact.organization_id, fact.group_size, fact.representatives) == (
        crowd.pk, v.pk, rworld.phuong.pk, 12, 3)  # fmt: skip
    assert "Người đại diện" not in repr(fact)
    assert AuditEvent.objects.filter(action="reception.crowd_record", object_id=str(crowd.pk)).exists()


def test_the_head_meets_the_representatives(rworld, frozen_clock):
    v = visit(rworld.phuong, rworld.officer, group_size=12, received_at=at(2026, 2, 5, 8, 0))
    crowd = record(rworld, v, 3)
    met = at(2026, 2, 5, 8, 45)
    crowd = crowd_meeting_record(actor=rworld.officer, crowd=crowd, met_at=met, met_by=rworld.chair,
                                 note="Chủ tịch tiếp thu, giao phòng TN-MT rà soát trong 15 ngày.",
                                 joint_bodies="Phòng TN-MT", order_disturbed=False)  # fmt: skip
    crowd.refresh_from_db()
    assert crowd.met_at == met and crowd.met_by == rworld.chair and crowd.joint_bodies == "Phòng TN-MT"


@pytest.mark.parametrize(("who", "when", "field", "code"), [
    ("handler", (2026, 2, 5, 8, 45), "met_by", errors.REQUIRED),  # not of the body's receiving side
    ("other_officer", (2026, 2, 5, 8, 45), "met_by", errors.REQUIRED),
    ("chair", (2026, 2, 6, 8, 45), "met_at", errors.BAD_DATE),  # in the future
    ("chair", (2026, 2, 4, 8, 45), "met_at", errors.BAD_DATE),  # before the visit
])  # fmt: skip
def test_a_meeting_needs_the_head_or_one_sent_and_a_plausible_time(rworld, frozen_clock, who, when, field, code):
    v = visit(rworld.phuong, rworld.officer, group_size=12, received_at=at(2026, 2, 5, 8, 0))
    crowd = record(rworld, v, 3)
    with pytest.raises(DomainError) as refused:
        crowd_meeting_record(actor=rworld.officer, crowd=crowd, met_at=at(*when), met_by=getattr(rworld, who),
                             note="Gặp đại diện")  # fmt: skip
    assert refused.value.code == code and field in refused.value.details


def test_another_wards_officer_may_not_record_the_meeting(rworld, frozen_clock):
    v = visit(rworld.phuong, rworld.officer, group_size=12, received_at=at(2026, 2, 5, 8, 0))
    crowd = record(rworld, v, 3)
    with pytest.raises(PermissionDenied):
        crowd_meeting_record(actor=rworld.other_officer, crowd=crowd, met_at=at(2026, 2, 5, 8, 45),
                             met_by=rworld.chair, note="Gặp đại diện")  # fmt: skip


def test_the_warning_for_a_crowd_coming_back_or_growing(rworld, frozen_clock, django_assert_max_num_queries):
    today = dt.date(2026, 2, 5)
    first = visit(rworld.phuong, rworld.officer, group_size=12, received_at=at(2025, 8, 1))
    record(rworld, first, 3)
    # 150 days later (not within 90) but larger: a warning for growth only
    grown = visit(rworld.phuong, rworld.officer, group_size=20, received_at=at(2025, 12, 29))
    record(rworld, grown, 3, matter_key="thu hoi dat  khu dan cu PHU XUAN")
    # back 14 days later, smaller: a warning for returning only
    back = visit(rworld.phuong, rworld.officer, group_size=9, received_at=at(2026, 1, 12))
    record(rworld, back, 2)
    # another matter, alone: no warning; another ward's same words: not the same body's matter
    record(rworld, visit(rworld.phuong, rworld.officer, group_size=6, received_at=at(2026, 1, 20)), 1,
           matter_key="Ô nhiễm nhà máy")  # fmt: skip
    record(
        rworld,
        visit(rworld.other, rworld.other_officer, group_size=30, received_at=at(2026, 1, 25)),
        5,
        actor=rworld.other_officer,
    )
    with django_assert_max_num_queries(4):
        warnings = crowd_warnings(user=rworld.officer, today=today)
    assert [(w.crowd.visit_id, w.previous.visit_id, w.days_since, w.returned, w.grew) for w in warnings] == [
        (back.pk, grown.pk, 14, True, False),
        (grown.pk, first.pk, 150, False, True),
    ]
    assert warnings[1].growth == 8
    # the province's dân vận officer (subtree) sees the ward's; the other ward's officer sees none of them
    assert len(crowd_warnings(user=rworld.dan_van, today=today)) == 2
    assert crowd_warnings(user=rworld.other_officer, today=today) == []


def test_recording_again_corrects_the_crowd(rworld):
    v = visit(rworld.phuong, rworld.officer, group_size=12)
    record(rworld, v, 3)
    crowd = record(rworld, v, 2, matter_key="Khác")
    assert len(crowd.representatives) == 2 and crowd.matter_key == "khác"
    assert v.crowd.pk == crowd.pk
