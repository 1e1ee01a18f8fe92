"""Online voting's rules through its services: item 6 only, consent of more than half of ALL households
first, one-time codes, one vote per household, receipts, and the count over ALL households."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core import clock
from danvan.core.errors import DomainError, PermissionDenied
from danvan.democracy import errors
from danvan.democracy.enums import MatterStatus, VoteRoundStatus
from danvan.democracy.models import Household, OnlineBallot, OnlineVoter, VoteCode
from danvan.democracy.services import voting
from danvan.democracy.sweeps import voting as sweep
from danvan.democracy.tests.voting.conftest import agree, code_for, consent_round, gateway, matter, open_round

pytestmark = pytest.mark.django_db


def households(world):
    return list(Household.objects.filter(village=world.village2).order_by("code"))


class refused:
    """Expect a DomainError (not a permission refusal) with exactly ``code``."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        assert exc is not None, f"expected {self.code}"
        assert isinstance(exc, DomainError) and not isinstance(exc, PermissionDenied), exc
        assert exc.code == self.code, (exc.code, str(exc))
        self.message = str(exc)
        return True


@pytest.mark.parametrize("item", [1, 2, 3, 4, 5])
def test_online_voting_is_refused_for_items_other_than_6_naming_the_article(dworld, item):
    m = matter(dworld, item=item)
    with refused(errors.ONLINE_NOT_ALLOWED) as r:
        consent_round(dworld, m)
    assert "Khoản 3 Điều 17" in r.message
    assert m.rounds.count() == 0


def test_online_voting_is_refused_for_a_commune_wide_matter(dworld):
    m = matter(dworld, scope="commune")
    with refused(errors.ONLINE_NOT_ALLOWED):
        voting.consent_round_open(actor=dworld.chair, matter=m, opens_at=clock.now(),
                                  closes_at=clock.now() + dt.timedelta(days=1))  # fmt: skip


def test_only_the_village_s_head_or_the_chair_may_open_it(dworld):
    m = matter(dworld)
    with pytest.raises(PermissionDenied):
        voting.consent_round_open(actor=dworld.village_head, matter=m, opens_at=clock.now(),
                                  closes_at=clock.now() + dt.timedelta(days=1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        voting.consent_round_open(actor=dworld.other_chair, matter=m, opens_at=clock.now(),
                                  closes_at=clock.now() + dt.timedelta(days=1))  # fmt: skip


def test_a_consent_period_that_closes_before_it_opens_is_refused(dworld, frozen_clock):
    with refused(errors.BAD_DATE):
        voting.consent_round_open(actor=dworld.village2_head, matter=matter(dworld), opens_at=clock.now(),
                                  closes_at=clock.now())  # fmt: skip


def test_consent_round_counts_all_households_of_the_village(dworld, frozen_clock):
    r = consent_round(dworld)
    assert (r.status, r.households_total, r.form) == (VoteRoundStatus.CONSENT, 6, "online")
    assert r.matter.status == MatterStatus.OPEN and r.matter.households_total == 6


def test_exactly_half_of_households_consenting_does_not_open_the_vote(dworld, frozen_clock):
    r = consent_round(dworld)
    agree(dworld, r, 3)  # 3 of 6: not MORE than half
    with refused(errors.ONLINE_CONSENT_MISSING) as caught:
        voting.vote_open(actor=dworld.village2_head, round_=r, opens_at=clock.now(),
                         closes_at=clock.now() + dt.timedelta(days=1))  # fmt: skip
    assert "59/2023" in caught.message
    r.refresh_from_db()
    assert r.status == VoteRoundStatus.CONSENT
    agree(dworld, r, 4)
    opened = voting.vote_open(actor=dworld.village2_head, round_=r, opens_at=clock.now(),
                              closes_at=clock.now() + dt.timedelta(days=1))  # fmt: skip
    assert (opened.status, opened.consent_yes) == (VoteRoundStatus.OPEN, 4)


def test_a_disagreeing_answer_does_not_count_and_can_be_changed(dworld, frozen_clock):
    r = consent_round(dworld)
    hs = households(dworld)
    voting.consent_record(actor=dworld.village2_head, round_=r, household=hs[0], agreed=False)
    voting.consent_record(actor=dworld.village2_head, round_=r, household=hs[0], agreed=True)
    r.refresh_from_db()
    assert r.consent_yes == 1 and r.consents.count() == 1


def test_a_household_answers_consent_with_its_code_and_a_used_code_is_bad(dworld, frozen_clock,
                                                                        django_capture_on_commit_callbacks):  # fmt: skip
    r = consent_round(dworld)
    h = households(dworld)[0]
    code = code_for(r, h, django_capture_on_commit_callbacks)
    voting.consent_answer(round_=r, household_code=h.code, code=code, agreed=True)
    r.refresh_from_db()
    assert r.consent_yes == 1
    with refused(errors.BAD_CODE):
        voting.consent_answer(round_=r, household_code=h.code, code=code, agreed=False)
    assert r.consents.get().agreed is True


def test_a_code_is_sent_only_when_the_phone_matches_and_the_answer_is_the_same(dworld, frozen_clock,
                                                                            django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    h = households(dworld)[0]
    gateway().clear()
    with django_capture_on_commit_callbacks(execute=True):
        voting.code_request(round_=r, household_code=h.code, phone="0999 999 999")
        voting.code_request(round_=r, household_code="H999", phone=h.phone)
    assert list(gateway().outbox) == [] and VoteCode.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        voting.code_request(round_=r, household_code=h.code.lower(), phone=h.phone)
    sent = gateway().outbox[-1]
    assert sent.phone.endswith(h.phone[-9:])
    row = VoteCode.objects.get()
    assert row.purpose == "vote" and row.expires_at == clock.now() + dt.timedelta(minutes=10)
    assert sent.text.split(": ")[1][:6] not in row.code_hash  # only a keyed digest is kept


def test_a_household_votes_once_and_gets_a_receipt(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r = open_round(dworld)
    h = households(dworld)[0]
    code = code_for(r, h, django_capture_on_commit_callbacks)
    cast = voting.ballot_cast(round_=r, household_code=h.code, code=code, choice="yes")
    assert cast.receipt_hash == voting.receipt_hash(cast.receipt)
    assert voting.receipt_hash(cast.receipt.lower().replace("-", " ")) == cast.receipt_hash
    voter = OnlineVoter.objects.get()
    assert (voter.household_id, voter.voted_on) == (h.pk, dt.date(2026, 2, 5))
    ballot = OnlineBallot.objects.get()
    assert (ballot.choice, ballot.receipt_hash) == ("yes", cast.receipt_hash)
    with refused(errors.BAD_CODE):  # the code is spent
        voting.ballot_cast(round_=r, household_code=h.code, code=code, choice="no")
    again = code_for(r, h, django_capture_on_commit_callbacks)
    with refused(errors.ALREADY_VOTED):
        voting.ballot_cast(round_=r, household_code=h.code, code=again, choice="no")
    assert OnlineBallot.objects.count() == 1 and OnlineVoter.objects.count() == 1


def test_unknown_household_and_an_empty_choice_are_refused(dworld, frozen_clock):
    r = open_round(dworld)
    with refused(errors.BAD_CODE):  # answered like a wrong code (review16 L2)
        voting.ballot_cast(round_=r, household_code="H999", code="123456", choice="yes")
    other = Household.objects.filter(village=dworld.village).first()  # a household of another village
    with refused(errors.BAD_CODE):
        voting.ballot_cast(round_=r, household_code=f"{other.code}x", code="123456", choice="yes")
    with refused(errors.REQUIRED):
        voting.ballot_cast(round_=r, household_code="H001", code="123456", choice="blank")


def test_an_expired_code_is_bad(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r = open_round(dworld)
    h = households(dworld)[1]
    code = code_for(r, h, django_capture_on_commit_callbacks)
    frozen_clock.shift(dt.timedelta(minutes=10))
    with refused(errors.BAD_CODE):
        voting.ballot_cast(round_=r, household_code=h.code, code=code, choice="yes")
    assert OnlineVoter.objects.count() == 0


def test_a_code_just_before_it_expires_still_works(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r = open_round(dworld)
    h = households(dworld)[1]
    code = code_for(r, h, django_capture_on_commit_callbacks)
    frozen_clock.shift(dt.timedelta(minutes=9, seconds=59))
    voting.ballot_cast(round_=r, household_code=h.code, code=code, choice="no")


def test_five_wrong_tries_kill_the_code(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r = open_round(dworld)
    h = households(dworld)[2]
    code = code_for(r, h, django_capture_on_commit_callbacks)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        with refused(errors.BAD_CODE):
            voting.ballot_cast(round_=r, household_code=h.code, code=wrong, choice="yes")
    with refused(errors.BAD_CODE):
        voting.ballot_cast(round_=r, household_code=h.code, code=code, choice="yes")
    row = VoteCode.objects.get()
    assert row.attempts == 5 and row.used_at is not None
    assert OnlineVoter.objects.count() == 0


def test_a_new_code_replaces_the_old_one(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r = open_round(dworld)
    h = households(dworld)[3]
    first = code_for(r, h, django_capture_on_commit_callbacks)
    second = code_for(r, h, django_capture_on_commit_callbacks)
    if first != second:
        with refused(errors.BAD_CODE):
            voting.ballot_cast(round_=r, household_code=h.code, code=first, choice="yes")
    voting.ballot_cast(round_=r, household_code=h.code, code=second, choice="yes")


def test_after_close_time_voting_and_codes_are_closed(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r = open_round(dworld)
    h = households(dworld)[0]
    code = code_for(r, h, django_capture_on_commit_callbacks)
    frozen_clock.shift(dt.timedelta(days=2))
    with refused(errors.VOTING_CLOSED):
        voting.ballot_cast(round_=r, household_code=h.code, code=code, choice="yes")
    with refused(errors.VOTING_CLOSED):
        voting.code_request(round_=r, household_code=h.code, phone=h.phone)


def vote(world, r, h, choice, capture):
    return voting.ballot_cast(round_=r, household_code=h.code, code=code_for(r, h, capture), choice=choice)


def test_exactly_half_of_all_households_agreeing_does_not_pass(dworld, frozen_clock,
                                                             django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    hs = households(dworld)
    for h in hs[:3]:
        vote(dworld, r, h, "yes", django_capture_on_commit_callbacks)  # 3 of 6 households, all the voters
    result = voting.vote_close(actor=dworld.village2_head, round_=r)
    r.refresh_from_db()
    assert (r.yes, r.no, r.blank, r.passed, r.status) == (3, 0, 0, False, VoteRoundStatus.CLOSED)
    assert result.passed is False and result.needed == 4
    r.matter.refresh_from_db()
    assert r.matter.status == MatterStatus.FAILED


def test_more_than_half_of_all_households_passes_and_the_minutes_list_the_voters(dworld, frozen_clock,
                                                                              django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    hs = households(dworld)
    for h, choice in zip(hs[:5], ["yes", "yes", "no", "yes", "yes"], strict=True):
        vote(dworld, r, h, choice, django_capture_on_commit_callbacks)
    voting.vote_close(actor=dworld.village2_head, round_=r)
    r.refresh_from_db()
    assert (r.yes, r.no, r.passed) == (4, 1, True)
    assert "Mẫu 03" in r.minutes and "Đồng ý: 4; không đồng ý: 1" in r.minutes
    for h in hs[:5]:
        assert f"{h.code} — {h.representative_name}" in r.minutes
    assert hs[5].code not in r.minutes
    r.matter.refresh_from_db()
    assert r.matter.status == MatterStatus.PASSED and r.matter.decided_on == dt.date(2026, 2, 5)
    with refused(errors.BAD_STATE):
        voting.vote_close(actor=dworld.village2_head, round_=r)


def test_the_sweep_counts_a_vote_at_its_close_time_and_twice_is_harmless(dworld, frozen_clock,
                                                                      django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    vote(dworld, r, households(dworld)[0], "yes", django_capture_on_commit_callbacks)
    assert sweep.sweep(clock.today()) == {
        "online_votes_counted": 0,
        "online_consents_ended": 0,
        "online_rounds_failed": 0,
    }
    frozen_clock.shift(dt.timedelta(days=2))
    assert sweep.sweep(clock.today())["online_votes_counted"] == 1
    assert sweep.sweep(clock.today())["online_votes_counted"] == 0
    r.refresh_from_db()
    assert (r.status, r.yes, r.no, r.passed) == (VoteRoundStatus.CLOSED, 1, 0, False)


def test_the_sweep_ends_a_consent_round_without_enough_consent(dworld, frozen_clock):
    r = consent_round(dworld)
    agree(dworld, r, 3)
    frozen_clock.shift(dt.timedelta(days=3))
    assert sweep.sweep(clock.today())["online_consents_ended"] == 1
    r.refresh_from_db()
    assert (r.status, r.consent_yes) == (VoteRoundStatus.CANCELLED, 3)
