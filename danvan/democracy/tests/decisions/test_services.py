"""Dân bàn và quyết định through the services: exact codes, exact dates, exact rows."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import DomainError, PermissionDenied
from danvan.democracy import errors
from danvan.democracy.enums import DecisionItem, Form, MatterStatus, Proposer, Scope, VoteRoundStatus
from danvan.democracy.models import BallotReturn, DecisionRecord, Household, Matter
from danvan.democracy.services import decisions as s
from danvan.democracy.tests.decisions.helpers import SIGNED, TEAM, grow, meeting, propose

pytestmark = pytest.mark.usefixtures("frozen_clock")  # Thursday 05/02/2026


def _code(exc: pytest.ExceptionInfo[DomainError]) -> str:
    return exc.value.code


def test_a_matter_is_numbered_and_needs_the_fronts_agreement(dworld) -> None:
    with pytest.raises(DomainError) as exc:
        propose(dworld, front_agreed_on=None)
    assert (_code(exc) == errors.REQUIRED and "Điều 16" in str(exc.value)) or "Art. 16" in str(exc.value)
    first, second = propose(dworld), propose(dworld)
    assert (first.code, second.code) == ("DQ-26-0001", "DQ-26-0002")
    assert (first.status, first.organization, first.front_agreed_on) == (MatterStatus.PROPOSED, dworld.phuong,
                                                                         dt.date(2026, 2, 2))  # fmt: skip


def test_commune_scope_only_items_1_and_2_by_the_chair(dworld) -> None:
    base = {"actor": dworld.chair, "scope": Scope.COMMUNE, "commune": dworld.commune, "village": None,
            "proposer": Proposer.CHAIR}  # fmt: skip
    with pytest.raises(DomainError) as exc:
        propose(dworld, item=DecisionItem.SELF_MANAGEMENT, **base)
    assert _code(exc) == errors.SCOPE_NOT_ALLOWED
    with pytest.raises(PermissionDenied):
        propose(dworld, **{**base, "actor": dworld.village_head})
    matter = propose(dworld, **base)
    assert (matter.scope, matter.village, matter.organization) == (Scope.COMMUNE, None, dworld.phuong)


def test_village_head_of_another_village_is_refused(dworld) -> None:
    with pytest.raises(PermissionDenied) as exc:
        propose(dworld, actor=dworld.village2_head)
    assert exc.value.code == "forbidden"
    matter = propose(dworld)
    with pytest.raises(PermissionDenied):
        s.meeting_open(actor=dworld.village2_head, matter=matter, held_on=dt.date(2026, 2, 5))
    with pytest.raises(PermissionDenied):
        s.meeting_open(actor=dworld.other_chair, matter=matter, held_on=dt.date(2026, 2, 5))
    assert matter.rounds.count() == 0


def test_meeting_counts_must_add_up_and_secret_ballot_needs_a_board(dworld) -> None:
    matter = propose(dworld)
    round_ = s.meeting_open(actor=dworld.village_head, matter=matter, held_on=dt.date(2026, 2, 5))
    base = {"actor": dworld.village_head, "round_": round_, "chaired_by": "A", "secretary": "B", "method": "hands",
            "yes": 6, "no": 1}  # fmt: skip
    with pytest.raises(DomainError) as exc:
        s.meeting_record(**base, present=7, absent=1)  # 7 + 1 ≠ 9
    assert _code(exc) == errors.BAD_COUNTS
    with pytest.raises(DomainError) as exc:
        s.meeting_record(**{**base, "method": "secret_ballot"}, present=7, absent=2, team=["A", "B"])
    assert _code(exc) == errors.BAD_TEAM
    round_.refresh_from_db()
    assert (round_.status, round_.yes, round_.present) == (VoteRoundStatus.ANNOUNCED, None, None)
    result = s.meeting_record(**{**base, "method": "secret_ballot"}, present=7, absent=2, team=TEAM)
    matter.refresh_from_db()
    round_.refresh_from_db()
    assert (result.passed, result.needed, matter.status, matter.households_total) == (True, 6, MatterStatus.PASSED, 9)
    assert (round_.present, round_.absent, round_.team, round_.method) == (7, 2, TEAM, "secret_ballot")


def test_meeting_that_fails_then_a_ballot_that_passes(dworld, frozen_clock) -> None:
    grow(dworld.village, 30)
    matter = propose(dworld)
    _round, result = meeting(dworld, matter, present=22, yes=18)
    matter.refresh_from_db()
    assert (result.passed, result.lacked_households, result.needed, matter.status) == (False, False, 20,
                                                                                      MatterStatus.FAILED)  # fmt: skip
    with pytest.raises(DomainError) as exc:  # distributed on Saturday 7/2: announced by Thursday 5/2
        s.ballot_open(actor=dworld.village_head, matter=matter, announced_on=dt.date(2026, 2, 6),
                      distribute_on=dt.date(2026, 2, 7), team=TEAM)  # fmt: skip
    assert _code(exc) == errors.NOTICE_TOO_SHORT and exc.value.details["latest"] == "2026-02-05"
    with pytest.raises(DomainError) as exc:
        s.ballot_open(actor=dworld.village_head, matter=matter, announced_on=dt.date(2026, 2, 5),
                      distribute_on=dt.date(2026, 2, 7), team=TEAM[:2])  # fmt: skip
    assert _code(exc) == errors.BAD_TEAM
    ballot = s.ballot_open(actor=dworld.village_head, matter=matter, announced_on=dt.date(2026, 2, 5),
                           distribute_on=dt.date(2026, 2, 7), team=TEAM)  # fmt: skip
    homes = list(Household.objects.filter(village=dworld.village).order_by("id"))
    with pytest.raises(DomainError) as exc:  # before the ballots were handed out
        s.ballot_return_record(actor=dworld.village_head, round_=ballot, household_id=homes[0].pk,
                               returned_on=dt.date(2026, 2, 5))  # fmt: skip
    assert _code(exc) == errors.BAD_DATE
    frozen_clock.move_to(dt.datetime(2026, 2, 7, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    for h in homes[:26]:
        s.ballot_return_record(actor=dworld.village_head, round_=ballot, household_id=h.pk,
                               returned_on=dt.date(2026, 2, 7))  # fmt: skip
    with pytest.raises(DomainError) as exc:
        s.ballot_return_record(actor=dworld.village_head, round_=ballot, household_id=homes[0].pk,
                               returned_on=dt.date(2026, 2, 7))  # fmt: skip
    assert _code(exc) == errors.ALREADY_VOTED
    stranger = Household.objects.filter(village=dworld.village2).first()
    with pytest.raises(DomainError) as exc:
        s.ballot_return_record(actor=dworld.village_head, round_=ballot, household_id=stranger.pk,
                               returned_on=dt.date(2026, 2, 7))  # fmt: skip
    assert _code(exc) == errors.UNKNOWN_HOUSEHOLD
    with pytest.raises(DomainError) as exc:
        s.ballot_count(actor=dworld.village_head, round_=ballot, yes=22, no=4, blank=1)  # 27 > 26 returned
    assert _code(exc) == errors.BAD_COUNTS
    result = s.ballot_count(actor=dworld.village_head, round_=ballot, yes=21, no=4, blank=1)
    matter.refresh_from_db()
    assert (result.passed, matter.status, matter.decided_on) == (True, MatterStatus.PASSED, dt.date(2026, 2, 7))
    assert BallotReturn.objects.filter(round=ballot).count() == 26


def test_ballot_on_items_3_to_5_only_after_a_meeting_that_lacked_households(dworld) -> None:
    matter = propose(dworld, item=DecisionItem.HUONG_UOC)
    with pytest.raises(DomainError) as exc:
        s.ballot_open(actor=dworld.village_head, matter=matter, announced_on=dt.date(2026, 2, 5),
                      distribute_on=dt.date(2026, 2, 9), team=TEAM)  # fmt: skip
    assert _code(exc) == errors.MEETING_REQUIRED
    _round, result = meeting(dworld, matter, present=4, yes=4)  # 4 of 9: not more than half present
    matter.refresh_from_db()
    assert (result.passed, result.lacked_households, matter.status) == (False, True, MatterStatus.OPEN)
    ballot = s.ballot_open(actor=dworld.village_head, matter=matter, announced_on=dt.date(2026, 2, 5),
                           distribute_on=dt.date(2026, 2, 9), team=TEAM)  # fmt: skip
    assert ballot.form == Form.BALLOT


def test_a_failed_meeting_on_item_3_that_had_the_households_is_final(dworld) -> None:
    matter = propose(dworld, item=DecisionItem.HUONG_UOC)
    meeting(dworld, matter, present=8, yes=4)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.FAILED
    with pytest.raises(DomainError) as exc:
        s.ballot_open(actor=dworld.village_head, matter=matter, announced_on=dt.date(2026, 2, 5),
                      distribute_on=dt.date(2026, 2, 9), team=TEAM)  # fmt: skip
    assert _code(exc) == errors.BAD_STATE


def _passed_item(dworld, item: DecisionItem) -> Matter:
    matter = propose(dworld, item=item)
    meeting(dworld, matter, present=9, yes=8)
    matter.refresh_from_db()
    return matter


def test_record_needs_its_signatures_and_is_due_in_five_working_days(dworld) -> None:
    matter = _passed_item(dworld, DecisionItem.INFRASTRUCTURE_CONTRIBUTION)
    for missing in ({"signed_front_head": ""}, {"signed_representatives": ["Chủ hộ 1"]}, {"signed_village_head": " "}):
        with pytest.raises(DomainError) as exc:
            s.record_write(actor=dworld.village_head, matter=matter, decision="Góp 500.000 đồng/hộ",
                           **{**SIGNED, **missing})  # fmt: skip
        assert _code(exc) == errors.MISSING_SIGNATURES and "20" in str(exc.value)
    assert not DecisionRecord.objects.exists()
    record = s.record_write(actor=dworld.village_head, matter=matter, decision="Góp 500.000 đồng/hộ", **SIGNED)
    # Thursday 5/2/2026 + 5 working days, over the weekend: Thursday 12/2.
    assert (record.held_on, record.send_due_on, record.in_force_on) == (dt.date(2026, 2, 5), dt.date(2026, 2, 12),
                                                                        dt.date(2026, 2, 5))  # fmt: skip
    assert (record.households_total, record.present, record.absent, record.form) == (9, 9, 0, Form.MEETING)
    s.record_send(actor=dworld.village_head, record=record, sent_on=dt.date(2026, 2, 5))
    s.record_send(actor=dworld.village_head, record=record, sent_on=dt.date(2026, 2, 5))  # a retry: nothing new
    matter.refresh_from_db()
    assert matter.status == MatterStatus.IN_FORCE  # item 1 at a village: in force on adoption
    with pytest.raises(DomainError) as exc:
        s.record_write(actor=dworld.village_head, matter=matter, decision="x", **SIGNED)
    assert _code(exc) == errors.BAD_STATE


def test_front_recognises_item_5_but_not_item_3_and_the_clock_runs_over_tet(dworld, frozen_clock) -> None:
    item5 = _passed_item(dworld, DecisionItem.BOARD_MEMBERS)
    item3 = _passed_item(dworld, DecisionItem.HUONG_UOC)
    r5 = s.record_write(actor=dworld.village_head, matter=item5, decision="Bầu ông A", **SIGNED)
    r3 = s.record_write(actor=dworld.village_head, matter=item3, decision="Hương ước", **SIGNED)
    for r in (r5, r3):
        s.record_send(actor=dworld.village_head, record=r, sent_on=dt.date(2026, 2, 5))
    frozen_clock.move_to(dt.datetime(2026, 2, 12, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    with pytest.raises(PermissionDenied):
        s.record_receive(actor=dworld.front_officer, record=r3, received_on=dt.date(2026, 2, 12))
    s.record_receive(actor=dworld.front_officer, record=r5, received_on=dt.date(2026, 2, 12))
    s.record_receive(actor=dworld.chair, record=r3, received_on=dt.date(2026, 2, 12))
    # Received Thursday 12/2/2026: Friday 13/2 is day 1, then the weekend and the Tết days off (16–20/2),
    # then Monday 23/2 … Thursday 26/2: five working days.
    assert r5.recognition_due_on == r3.recognition_due_on == dt.date(2026, 2, 26)
    with pytest.raises(PermissionDenied):
        s.record_recognise(actor=dworld.chair, record=r5, recognised_on=dt.date(2026, 2, 12))
    with pytest.raises(PermissionDenied):
        s.record_recognise(actor=dworld.front_officer, record=r3, recognised_on=dt.date(2026, 2, 12))
    s.record_recognise(actor=dworld.front_officer, record=r5, recognised_on=dt.date(2026, 2, 12))
    with pytest.raises(DomainError) as exc:
        s.record_refuse(actor=dworld.chair, record=r3, refused_on=dt.date(2026, 2, 12), reason=" ")
    assert _code(exc) == errors.REQUIRED
    s.record_refuse(actor=dworld.chair, record=r3, refused_on=dt.date(2026, 2, 12), reason="Trái luật")
    item5.refresh_from_db()
    item3.refresh_from_db()
    r5.refresh_from_db()
    assert (item5.status, r5.in_force_on, r5.recognised_by) == (MatterStatus.IN_FORCE, dt.date(2026, 2, 12),
                                                               dworld.front)  # fmt: skip
    assert (item3.status, r3.refusal_reason, r3.recognised_by) == (MatterStatus.REFUSED, "Trái luật", dworld.phuong)


def test_initiative_needs_ten_percent_in_force(dworld, frozen_clock) -> None:
    grow(dworld.village, 30)  # 10 % of 30: 3 households
    matter = propose(dworld, proposer=Proposer.INITIATIVE, front_agreed_on=None)
    homes = list(Household.objects.filter(village=dworld.village).order_by("id"))
    s.agreement_record(actor=dworld.village_head, matter=matter, household_id=homes[0].pk,
                       agreed_on=dt.date(2025, 11, 5))  # valid to 4/2/2026: expired  # fmt: skip
    for h in homes[1:3]:
        s.agreement_record(actor=dworld.village_head, matter=matter, household_id=h.pk, agreed_on=dt.date(2025, 11, 6))
    assert s.initiative_counts(matter, dt.date(2026, 2, 5)) == (2, 30, 3)
    with pytest.raises(DomainError) as exc:
        s.meeting_open(actor=dworld.village_head, matter=matter, held_on=dt.date(2026, 2, 5))
    assert _code(exc) == errors.INITIATIVE_SHORT and "Điều 16" in str(exc.value)
    assert exc.value.details == {"in_force": 2, "total": 30, "needed": 3}
    s.agreement_record(actor=dworld.village_head, matter=matter, household_id=homes[0].pk,
                       agreed_on=dt.date(2026, 2, 1))  # renewed  # fmt: skip
    assert s.initiative_counts(matter, dt.date(2026, 2, 5)) == (3, 30, 3)
    assert s.initiative_counts(matter, dt.date(2026, 2, 6)) == (1, 30, 3)  # the two of 6/11 lapse after 5/2
    s.meeting_open(actor=dworld.village_head, matter=matter, held_on=dt.date(2026, 2, 5))
    matter.refresh_from_db()
    assert matter.status == MatterStatus.OPEN


def test_front_endorses_a_short_initiative(dworld) -> None:
    matter = propose(dworld, proposer=Proposer.INITIATIVE, front_agreed_on=None)
    with pytest.raises(PermissionDenied):
        s.matter_front_endorse(actor=dworld.village_head, matter=matter, endorsed_on=dt.date(2026, 2, 5))
    s.matter_front_endorse(actor=dworld.front_officer, matter=matter, endorsed_on=dt.date(2026, 2, 5))
    matter.refresh_from_db()
    assert matter.proposer == Proposer.FRONT_ENDORSED
    round_ = s.meeting_open(actor=dworld.village_head, matter=matter, held_on=dt.date(2026, 2, 5))
    assert round_.households_total == 9


def test_commune_wide_needs_two_thirds_of_all_villages(dworld) -> None:
    from danvan.democracy.tests.factories import households, village

    v3 = village(dworld.commune, dworld.phuong, "tdp-3", "Tổ dân phố 3")
    households(v3, 3)
    matter = propose(dworld, actor=dworld.chair, scope=Scope.COMMUNE, commune=dworld.commune, village=None,
                     proposer=Proposer.CHAIR)  # fmt: skip
    meeting(dworld, matter, present=9, yes=9, actor=dworld.chair, village=dworld.village)
    matter.refresh_from_db()
    assert (matter.villages_total, matter.status) == (3, MatterStatus.OPEN)  # 1 of 3: not yet
    meeting(dworld, matter, present=6, yes=1, actor=dworld.chair, village=dworld.village2)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.OPEN  # 1 of 3, and tdp-3 could still make it 2 of 3
    meeting(dworld, matter, present=3, yes=1, actor=dworld.chair, village=v3)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.FAILED  # 1 of 3 villages, none left to vote
    matter2 = propose(dworld, actor=dworld.chair, scope=Scope.COMMUNE, commune=dworld.commune, village=None,
                      proposer=Proposer.CHAIR)  # fmt: skip
    meeting(dworld, matter2, present=9, yes=9, actor=dworld.chair, village=dworld.village)
    meeting(dworld, matter2, present=3, yes=2, actor=dworld.chair, village=v3)
    matter2.refresh_from_db()
    assert matter2.status == MatterStatus.PASSED  # 2 of 3 villages: exactly 2/3


def test_withdraw_needs_a_reason_and_cancels_open_rounds(dworld) -> None:
    matter = propose(dworld)
    round_ = s.meeting_open(actor=dworld.village_head, matter=matter, held_on=dt.date(2026, 2, 5))
    with pytest.raises(DomainError) as exc:
        s.matter_withdraw(actor=dworld.village_head, matter=matter, reason="")
    assert _code(exc) == errors.REQUIRED
    s.matter_withdraw(actor=dworld.village_head, matter=matter, reason="Chưa đủ kinh phí")
    round_.refresh_from_db()
    assert (matter.status, round_.status) == (MatterStatus.WITHDRAWN, VoteRoundStatus.CANCELLED)


def test_online_is_never_opened_by_the_meeting_and_ballot_openers(dworld) -> None:
    matter = propose(dworld, item=DecisionItem.SELF_MANAGEMENT)
    with pytest.raises(DomainError) as exc:
        s._round_open(actor=dworld.village_head, matter=matter, village=None, form=Form.ONLINE)
    assert _code(exc) == errors.FORM_NOT_ALLOWED and matter.rounds.count() == 0
