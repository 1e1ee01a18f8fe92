"""The boards' services: sizes, eligibility, by-elections, recommendations' due dates, answers and
escalation — exact codes, exact dates, and nothing stored on a refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import DomainError
from danvan.democracy import errors
from danvan.democracy.enums import BoardKind, MemberEnd, RecommendationStatus
from danvan.democracy.models import Board, BoardMember, Recommendation
from danvan.democracy.services import boards as svc
from danvan.democracy.sweeps import boards as sweep_mod
from danvan.notifications.selectors import notification_inbox
from danvan.org.models import Organization

pytestmark = pytest.mark.django_db
D = dt.date(2026, 3, 2)
END = dt.date(2031, 3, 1)


def members(world, n=5, **flags):
    vs = [world.village.pk, world.village2.pk]
    return [
        svc.MemberInput(full_name=f"Thành viên {i}", village_id=vs[i] if i < 2 else None, **flags) for i in range(n)
    ]


def ttnd(world, **kw):
    return svc.board_ttnd_create(
        actor=world.front_officer,
        commune=world.commune,
        established_on=D,
        term_ends_on=END,
        members=members(world),
        **kw,
    )


def refused(code, fn, **kw):
    with pytest.raises(DomainError) as caught:
        fn(**kw)
    assert caught.value.code == code, caught.value.message
    return caught.value


def test_ttnd_two_villages_needs_exactly_five(dworld):
    for n in (4, 6):
        exc = refused(
            errors.BOARD_SIZE,
            svc.board_ttnd_create,
            actor=dworld.front_officer,
            commune=dworld.commune,
            established_on=D,
            term_ends_on=END,
            members=members(dworld, n),
        )
        assert "Điều 37" in exc.details["basis"]
    assert not Board.objects.exists() and not BoardMember.objects.exists()
    board = ttnd(dworld)
    assert board.kind == BoardKind.TTND and board.members.count() == 5
    assert board.organization == dworld.front
    body = Organization.objects.get(unit=dworld.commune, kind__code="ban_thanh_tra_nhan_dan")
    assert body.parent == dworld.front


def test_one_ttnd_in_office_per_commune(dworld):
    ttnd(dworld)
    refused(errors.BAD_STATE, ttnd, world=dworld)
    assert Board.objects.count() == 1


def test_ttnd_refuses_commune_staff_and_village_officials(dworld):
    for flag in ("is_commune_staff", "is_village_official"):
        ms = members(dworld)
        ms[3] = svc.MemberInput(full_name="Cán bộ", **{flag: True})
        exc = refused(
            errors.INELIGIBLE_MEMBER,
            svc.board_ttnd_create,
            actor=dworld.front_officer,
            commune=dworld.commune,
            established_on=D,
            term_ends_on=END,
            members=ms,
        )
        assert "Điều 37" in exc.details["basis"]
    assert not Board.objects.exists() and not BoardMember.objects.exists()


def test_gsdtcd_size_and_eligibility(dworld):
    kw = dict(actor=dworld.front_officer, commune=dworld.commune, project="Bê tông hóa kiệt 12", established_on=D)
    exc = refused(errors.BOARD_SIZE, svc.board_gsdtcd_create, members=members(dworld, 4), **kw)
    assert "Điều 42" in exc.details["basis"]
    for flag in ("is_commune_staff", "is_project_related"):
        exc = refused(
            errors.INELIGIBLE_MEMBER, svc.board_gsdtcd_create, members=members(dworld, 5, **{flag: True}), **kw
        )
        assert "Điều 42" in exc.details["basis"]
    # a village official may supervise an investment (the exclusion is the Ban TTND's)
    board = svc.board_gsdtcd_create(members=members(dworld, 7, is_village_official=True), **kw)
    assert board.members.count() == 7
    assert Board.objects.count() == 1


def test_only_the_commune_front_sets_up_boards(dworld):
    refused(
        "forbidden",
        svc.board_ttnd_create,
        actor=dworld.chair,
        commune=dworld.commune,
        established_on=D,
        term_ends_on=END,
        members=members(dworld),
    )
    assert not Board.objects.exists()


def test_by_election_needs_six_months_left_exactly(dworld):
    board = ttnd(dworld)
    gone = board.members.first()
    svc.member_end(actor=dworld.front_officer, member=gone, on=dt.date(2030, 9, 1), reason=MemberEnd.MOVED_AWAY)
    gone.refresh_from_db()
    assert gone.end_reason == MemberEnd.MOVED_AWAY and gone.ended_on == dt.date(2030, 9, 1)
    new = svc.MemberInput(full_name="Người mới")
    # 2 Sep 2030 + 6 months = 2 Mar 2031 > 1 Mar 2031 (term end): too late
    refused(
        errors.BY_ELECTION_TOO_LATE,
        svc.member_add,
        actor=dworld.front_officer,
        board=board,
        member=new,
        on=dt.date(2030, 9, 2),
    )
    assert board.members.count() == 5
    # 1 Sep 2030 + 6 months = 1 Mar 2031: exactly six months left, allowed
    made = svc.member_add(actor=dworld.front_officer, board=board, member=new, on=dt.date(2030, 9, 1))
    assert made.by_election and board.members.filter(ended_on__isnull=True).count() == 5
    # every seat filled: refused
    refused(
        errors.BOARD_SIZE,
        svc.member_add,
        actor=dworld.front_officer,
        board=board,
        member=svc.MemberInput(full_name="Thừa"),
        on=dt.date(2027, 1, 1),
    )


def test_gsdtcd_dissolves_and_ttnd_does_not(dworld):
    board = ttnd(dworld)
    refused(errors.BAD_STATE, svc.board_dissolve, actor=dworld.front_officer, board=board, on=dt.date(2027, 1, 1))
    g = svc.board_gsdtcd_create(
        actor=dworld.front_officer, commune=dworld.commune, project="Kiệt 5", established_on=D, members=members(dworld)
    )
    svc.board_dissolve(actor=dworld.front_officer, board=g, on=dt.date(2026, 12, 1))
    assert g.members.filter(ended_on=dt.date(2026, 12, 1), end_reason=MemberEnd.TERM_ENDED).count() == 5


def test_recommendation_due_from_the_table_and_earlier_allowed(dworld):
    board = ttnd(dworld)
    rec = svc.recommendation_send(
        actor=dworld.front_officer,
        board=board,
        to_organization=dworld.phuong,
        content="Đề nghị sửa đèn đường kiệt 3.",
        sent_on=D,
    )
    assert rec.due_on == dt.date(2026, 3, 17)  # 15 days (table row tra_loi_kien_nghi_ban_ttnd, [U])
    early = svc.recommendation_send(
        actor=dworld.front_officer,
        board=board,
        to_organization=dworld.phuong,
        content="Sớm hơn.",
        sent_on=D,
        due_on=dt.date(2026, 3, 10),
    )
    assert early.due_on == dt.date(2026, 3, 10)
    refused(
        errors.BAD_DATE,
        svc.recommendation_send,
        actor=dworld.front_officer,
        board=board,
        to_organization=dworld.phuong,
        content="Muộn hơn.",
        sent_on=D,
        due_on=dt.date(2026, 3, 18),
    )
    assert Recommendation.objects.count() == 2


def test_answer_only_by_the_addressed_body(dworld):
    board = ttnd(dworld)
    rec = svc.recommendation_send(
        actor=dworld.front_officer, board=board, to_organization=dworld.phuong, content="Đề nghị sửa đèn.", sent_on=D
    )
    refused(
        "forbidden",
        svc.recommendation_answer,
        actor=dworld.other_chair,
        recommendation=rec,
        answer="Đã sửa.",
        on=dt.date(2026, 3, 5),
    )
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.SENT and rec.answer == ""
    svc.recommendation_answer(actor=dworld.handler, recommendation=rec, answer="Đã sửa.", on=dt.date(2026, 3, 5))
    rec.refresh_from_db()
    assert (rec.status, rec.answered_on, rec.answered_by) == ("answered", dt.date(2026, 3, 5), dworld.handler)
    svc.recommendation_close(actor=dworld.front_officer, recommendation=rec)
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.CLOSED


def test_overdue_escalates_once(dworld):
    board = ttnd(dworld)
    rec = svc.recommendation_send(
        actor=dworld.front_officer, board=board, to_organization=dworld.phuong, content="Đề nghị sửa đèn.", sent_on=D
    )
    assert sweep_mod.sweep(dt.date(2026, 3, 17)) == {"escalated": 0}  # the due day itself is on time

    def escalations(user):  # the Front officer hears of a recommendation only when it is escalated
        return [
            n
            for n in notification_inbox(user=user).page
            if n.about_kind == "democracy.recommendation" and n.about_id == rec.pk
        ]

    assert escalations(dworld.front_officer) == []
    assert sweep_mod.sweep(dt.date(2026, 3, 18)) == {"escalated": 1}
    assert sweep_mod.sweep(dt.date(2026, 3, 18)) == {"escalated": 0}
    assert sweep_mod.sweep(dt.date(2026, 3, 25)) == {"escalated": 0}
    rec.refresh_from_db()
    assert (rec.status, rec.escalated_on, rec.escalated_to) == ("escalated", dt.date(2026, 3, 18), dworld.phuong.parent)
    assert len(escalations(dworld.front_officer)) == 1  # the commune Front, once
