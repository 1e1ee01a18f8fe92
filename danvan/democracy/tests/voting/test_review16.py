"""The security review's online-voting findings (notes/review16.md H1, H2, M1, M3, L2, L3), each pinned:
only the households counted at the snapshot vote; a stranger cannot use up a household's budget nor
kill its live code by asking with a wrong phone; the ballots' stored order is not the casting order and
no audit row is written at cast time; a partner app is counted per key; an unknown household is
answered like a wrong code; receipt checks have their own budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.core.models import AuditEvent
from danvan.democracy import errors
from danvan.democracy.enums import VoteRoundStatus
from danvan.democracy.models import Household, OnlineBallot, OnlineVoter, VoteCode, VoteRound
from danvan.democracy.services import voting
from danvan.democracy.tests.voting.conftest import code_for, consent_round, gateway, last_code, matter, open_round
from danvan.org.tests.factories import make_user
from danvan.partners.services import api_key_issue

pytestmark = pytest.mark.django_db
BASE = "/api/v1/democracy/voting/rounds"


def hs(world):
    return list(Household.objects.filter(village=world.village2).order_by("code"))


def refused_code(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code, str(caught.value.message)


def newcomer(world):
    return Household.objects.create(village=world.village2, code="H900", representative_name="Hộ mới",
                                    phone="0912000900")  # fmt: skip


# H1 -------------------------------------------------------------------------------------------------


def test_a_household_added_after_the_snapshot_cannot_answer_nor_vote_and_the_close_counts(
    dworld, frozen_clock, django_capture_on_commit_callbacks
):
    r = consent_round(dworld)
    assert r.households_total == 6 and r.eligible == [h.pk for h in hs(dworld)]
    late = newcomer(dworld)
    with pytest.raises(DomainError) as caught:
        voting.consent_record(actor=dworld.village2_head, round_=r, household=late, agreed=True)
    assert caught.value.code == errors.UNKNOWN_HOUSEHOLD
    for h in hs(dworld)[:4]:
        voting.consent_record(actor=dworld.village2_head, round_=r, household=h, agreed=True)
    now = clock.now()
    r = voting.vote_open(actor=dworld.village2_head, round_=r, opens_at=now, closes_at=now + dt.timedelta(days=2))
    gateway().clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert voting.code_request(round_=r, household_code=late.code, phone=late.phone) is False
    assert not gateway().outbox and not VoteCode.objects.filter(household=late).exists()
    code, _message = refused_code(lambda: voting.ballot_cast(round_=r, household_code=late.code, code="123456",
                                                             choice="yes"))  # fmt: skip
    assert code == errors.BAD_CODE
    for h in hs(dworld)[:6]:
        if h.pk != late.pk:
            voting.ballot_cast(round_=r, household_code=h.code, code=code_for(r, h, django_capture_on_commit_callbacks),
                               choice="yes")  # fmt: skip
    result = voting.vote_close(actor=dworld.village2_head, round_=r)
    r.refresh_from_db()
    assert (r.status, r.yes, r.no, r.passed, result.passed) == (VoteRoundStatus.CLOSED, 6, 0, True, True)
    assert OnlineVoter.objects.filter(round=r).count() == 6 and late.code not in r.minutes


def test_one_round_that_cannot_be_counted_does_not_stop_the_sweep(dworld, frozen_clock, caplog):
    bad = open_round(dworld)
    # A round whose stored figures are broken (more voters than households): the count refuses it.
    VoteRound.objects.filter(pk=bad.pk).update(households_total=0)
    for h in hs(dworld)[:2]:
        OnlineVoter.objects.create(round=bad, household=h, voted_on=clock.today())
        OnlineBallot.objects.create(round=bad, choice="yes", receipt_hash=f"{h.pk:064d}")
    now = clock.now()
    second = voting.consent_round_open(actor=dworld.village2_head, matter=matter(dworld), opens_at=now,
                                       closes_at=now + dt.timedelta(days=1))  # fmt: skip
    for h in hs(dworld)[:4]:
        voting.consent_record(actor=dworld.village2_head, round_=second, household=h, agreed=True)
    second = voting.vote_open(actor=dworld.village2_head, round_=second, opens_at=now,
                              closes_at=now + dt.timedelta(days=1))  # fmt: skip
    thin = voting.consent_round_open(actor=dworld.village2_head, matter=matter(dworld), opens_at=now,
                                     closes_at=now + dt.timedelta(days=1))  # fmt: skip
    frozen_clock.shift(dt.timedelta(days=3))
    result = voting.due_close(clock.now())
    assert result == {"online_votes_counted": 1, "online_consents_ended": 1, "online_rounds_failed": 1}
    statuses = dict(VoteRound.objects.filter(pk__in=[bad.pk, second.pk, thin.pk]).values_list("pk", "status"))
    assert statuses == {bad.pk: VoteRoundStatus.OPEN, second.pk: VoteRoundStatus.CLOSED,
                        thin.pk: VoteRoundStatus.CANCELLED}  # fmt: skip
    assert f"online vote {bad.pk} could not be counted" in caplog.text


# H2 -------------------------------------------------------------------------------------------------


def ask(client, r, h, capture, phone=None, addr="10.0.0.1"):
    with capture(execute=True):
        return client.post(f"/dan-chu/bieu-quyet/{r.pk}/ma/", {"household": h.code, "phone": phone or h.phone},
                           REMOTE_ADDR=addr)  # fmt: skip


def test_wrong_phone_requests_neither_use_up_the_households_budget_nor_kill_its_code(
    dworld, frozen_clock, django_capture_on_commit_callbacks
):
    r = open_round(dworld)
    h = hs(dworld)[0]
    gateway().clear()
    owner = Client()
    assert ask(owner, r, h, django_capture_on_commit_callbacks).status_code == 302
    code = last_code(h.phone)
    # A stranger, from many browsers and addresses, asks for the household with a wrong phone, again and again.
    for n in range(6):
        answer = ask(Client(), r, h, django_capture_on_commit_callbacks, phone="0999000111", addr=f"10.9.0.{n}")
        assert answer.status_code == 302
    live = VoteCode.objects.get(round=r, household=h, used_at__isnull=True)
    assert (live.attempts, len(gateway().outbox)) == (0, 1)
    # The household still has its budget (3 an hour: this is its second) and its first code still works.
    assert ask(owner, r, h, django_capture_on_commit_callbacks).status_code == 302
    assert len(gateway().outbox) == 2
    code = last_code(h.phone)
    answer = owner.post(f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/", {"household": h.code, "code": code, "choice": "no"})
    assert answer.status_code == 200 and OnlineVoter.objects.filter(round=r, household=h).count() == 1


def test_a_strangers_wrong_codes_do_not_lock_the_household_out(dworld, frozen_clock,
                                                               django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    h = hs(dworld)[1]
    for n in range(9):  # past the old per-household 8 in 10 minutes, from many browsers and addresses
        answer = Client().post(f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/",
                               {"household": h.code, "code": "000000", "choice": "yes"},
                               REMOTE_ADDR=f"10.8.0.{n}")  # fmt: skip
        assert answer.status_code == 400
    owner = Client()
    gateway().clear()
    assert ask(owner, r, h, django_capture_on_commit_callbacks).status_code == 302
    answer = owner.post(f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/",
                        {"household": h.code, "code": last_code(h.phone), "choice": "yes"})  # fmt: skip
    assert answer.status_code == 200 and OnlineBallot.objects.filter(round=r).count() == 1


# M1 -------------------------------------------------------------------------------------------------


def physical_hashes(r):
    """The round's ballots in the table's physical order. SQLite only: its rowid follows the order of the
    inserts; PostgreSQL puts a new row wherever a page has room (``ctid`` after a delete and re-insert is not
    the insert order), so there the test checks the order the rows were written in (``written``)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT receipt_hash FROM democracy_onlineballot WHERE round_id = %s ORDER BY rowid", [r.pk])
        return [row[0] for row in cursor.fetchall()]


def test_ballots_are_not_stored_in_the_order_cast_and_no_audit_row_is_written_at_cast(
    dworld, frozen_clock, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(voting, "_shuffle", lambda items: items.reverse())  # a known "shuffle" to pin the order
    written: list[list[str]] = []  # each rewrite's rows, in the order they were inserted
    insert = OnlineBallot.objects.bulk_create

    def spy(objs, *args, **kwargs):
        objs = list(objs)
        written.append([o.receipt_hash for o in objs])
        return insert(objs, *args, **kwargs)

    monkeypatch.setattr(OnlineBallot.objects, "bulk_create", spy)

    def stored(r):
        return physical_hashes(r) if connection.vendor == "sqlite" else written[-1]

    r = open_round(dworld)
    cast_order = []
    for h in hs(dworld)[:4]:
        code = code_for(r, h, django_capture_on_commit_callbacks)
        before = AuditEvent.objects.count()
        cast_order.append(voting.ballot_cast(round_=r, household_code=h.code, code=code, choice="yes").receipt_hash)
        assert AuditEvent.objects.count() == before  # nothing timed at the moment of the ballot
        # Every cast rewrote the round's ballots in the order _shuffle gave (here: by hash, reversed).
        assert written[-1] == sorted(cast_order, reverse=True)
        assert stored(r) == sorted(cast_order, reverse=True)
    assert stored(r) != cast_order
    ids_before = set(OnlineBallot.objects.values_list("id", flat=True))
    voting.vote_close(actor=dworld.village2_head, round_=r)
    assert written[-1] == sorted(cast_order, reverse=True)
    assert stored(r) == sorted(cast_order, reverse=True)
    assert not ids_before & set(OnlineBallot.objects.values_list("id", flat=True))  # new random keys at close
    close = AuditEvent.objects.get(action="democracy.online_vote_close")
    assert close.after is not None
    assert close.after["voters"] == [h.code for h in hs(dworld)[:4]] and close.after["yes"] == 4


# M3 / L3 --------------------------------------------------------------------------------------------


def test_a_partner_app_is_counted_per_key_not_as_one_cookieless_address(dworld, frozen_clock,
                                                                        django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    issuer = make_user(username="quantri-bq", is_superuser=True)
    key = api_key_issue(actor=issuer, organization=dworld.phuong, name="Ứng dụng tổ dân phố", scopes=["submit"],
                        rate_limit_per_minute=1000).plaintext  # fmt: skip
    c = Client(headers={"Authorization": f"Bearer {key}"})
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [c.post(f"{BASE}/{r.pk}/code", {"household": h.code, "phone": h.phone},
                           content_type="application/json").status_code for h in hs(dworld) + hs(dworld)]  # fmt: skip
    assert statuses == [202] * 12  # old: six 202 then 429 (the no-cookie count of one address)
    # The household's own budget (3 matched requests an hour) still holds through the API.
    h = hs(dworld)[0]
    with django_capture_on_commit_callbacks(execute=True):
        third = c.post(f"{BASE}/{r.pk}/code", {"household": h.code, "phone": h.phone}, content_type="application/json")
        fourth = c.post(f"{BASE}/{r.pk}/code", {"household": h.code, "phone": h.phone}, content_type="application/json")
    assert (third.status_code, fourth.status_code, fourth.json()["code"]) == (202, 429, "rate_limited")
    # Anonymous callers still share the per-address count without a cookie.
    anonymous = [Client().post(f"{BASE}/{r.pk}/code", {"household": "H999", "phone": "0999000111"},
                               content_type="application/json").status_code for _ in range(7)]  # fmt: skip
    assert anonymous == [202] * 6 + [429]


@override_settings(DANVAN_RATE_LIMITS={
    "vote_verify": {"window_seconds": 600, "per_device": 3, "per_address": 600},
    "vote_receipt": {"window_seconds": 600, "per_device": 5, "per_address": 600},
})  # fmt: skip
def test_receipt_checks_have_their_own_budget(dworld, frozen_clock):
    r = open_round(dworld)
    client = Client()
    client.get(f"/dan-chu/bieu-quyet/{r.pk}/")  # the device cookie
    checks = [client.post(f"/dan-chu/bieu-quyet/{r.pk}/kiem-tra/", {"receipt": "ABCD-EFGH-JKLM-NPQR"}).status_code
              for _ in range(6)]  # fmt: skip
    assert checks == [200] * 5 + [429]
    vote = client.post(
        f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/", {"household": "H001", "code": "000000", "choice": "yes"}
    )
    assert vote.status_code == 400  # a wrong code, not 429: the checks did not use the voting budget


# L2 -------------------------------------------------------------------------------------------------


def test_an_unknown_household_is_answered_like_a_wrong_code(dworld, frozen_clock):
    r = open_round(dworld)
    unknown = refused_code(lambda: voting.ballot_cast(round_=r, household_code="H999", code="123456", choice="yes"))
    wrong = refused_code(lambda: voting.ballot_cast(round_=r, household_code=hs(dworld)[0].code, code="123456",
                                                    choice="yes"))  # fmt: skip
    assert unknown == wrong and unknown[0] == errors.BAD_CODE
    c = consent_round(dworld, matter(dworld))
    assert refused_code(lambda: voting.consent_answer(round_=c, household_code="H999", code="1", agreed=True))[0] == (
        errors.BAD_CODE
    )
