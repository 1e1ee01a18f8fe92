"""One vote per participant and statement under concurrent requests, over real connections and
transactions (PostgreSQL: SQLite's test database refuses a second writer instead of waiting). The
unique constraint decides: without it (or without ``vote_cast`` turning its IntegrityError into "the
same vote" / ALREADY_VOTED) these tests store two rows or fail with a database error. Likewise one
participant per household or resident: no foreign key names them, the key's unique constraint decides."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection

from danvan.consultations import choices, errors
from danvan.consultations.models import Participant, Vote
from danvan.consultations.services import participation as svc
from danvan.consultations.tests import factories as f
from danvan.consultations.tests.participation.conftest import resident
from danvan.core.errors import DomainError
from danvan.core.testing.race import race

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_reseeded"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
]


def test_one_vote_per_participant_and_statement_under_races(monkeypatch: pytest.MonkeyPatch) -> None:
    """One world (a transactional test's flush takes the reference data the next one needs)."""
    from danvan.consultations.tests.factories import make_consultations_world

    world = make_consultations_world()
    a_vote_outside_a_transaction_is_one_statement_and_counts_once(world)
    one_device_voting_four_times_at_once_stores_one_vote(world)
    two_devices_of_one_household_voting_at_once_store_one_vote(world)
    two_first_votes_of_a_new_device_at_once_make_one_participant(world)
    two_phones_verifying_one_household_at_once_make_one_participant(world, monkeypatch)
    a_residents_two_devices_voting_at_once_make_one_participant(world)
    votes_during_a_merge_count_exactly_once(world, monkeypatch)


def a_vote_outside_a_transaction_is_one_statement_and_counts_once(world: Any) -> None:
    """As a request casts it (autocommit, no outer transaction): ``_vote_counted_in_one_statement``."""
    from django.test.utils import CaptureQueriesContext

    c = f.consultation(world.d)
    s = f.statement(c, "Chợ tạm cần mái che")
    who = svc.Who(device="one-statement")
    svc.participant_for(consultation=c, who=who)
    assert not connection.in_atomic_block
    with CaptureQueriesContext(connection) as queries:
        first = svc.vote_cast(consultation=c, who=who, statement_id=s.pk, value=-1)
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(writes) == 1 and writes[0].startswith("WITH locked AS (SELECT")  # no BEGIN, INSERT, UPDATE, COMMIT apart
    again = svc.vote_cast(consultation=c, who=who, statement_id=s.pk, value=-1)
    assert first.created and not again.created and again.row.pk == first.row.pk
    with pytest.raises(DomainError) as refused:
        svc.vote_cast(consultation=c, who=who, statement_id=s.pk, value=1)
    assert refused.value.code == errors.ALREADY_VOTED
    s.refresh_from_db()
    assert (s.agree_total, s.disagree_total, s.passed_total, s.vote_count) == (0, 1, 0, 1)
    assert list(Vote.objects.filter(statement=s).values_list("value", "created_on")) == [(-1, first.row.created_on)]


def one_device_voting_four_times_at_once_stores_one_vote(world: Any) -> None:
    c = world.consultation
    s = f.statement(c, "Cần bảo đảm an toàn phòng cháy ở chợ tạm")
    who = svc.Who(device="one-phone")
    values = [1, 1, 1, -1]
    results, failures = race([partial(svc.vote_cast, consultation=c, who=who, statement_id=s.pk, value=v)
                              for v in values])  # fmt: skip
    assert Vote.objects.filter(statement=s).count() == 1
    assert Participant.objects.filter(consultation=c).count() == 1
    stored = Vote.objects.get(statement=s).value
    assert sum(1 for r in results if r.created) == 1
    # Every answer agrees with what is stored: the same value acknowledged, another refused.
    assert all(r.row.value == stored for r in results)
    assert all(isinstance(x, DomainError) and x.code == errors.ALREADY_VOTED for x in failures)
    assert len(failures) == sum(1 for v in values if v != stored)
    s.refresh_from_db()
    assert s.vote_count == 1 and (s.agree_total, s.disagree_total) == ((1, 0) if stored == 1 else (0, 1))


def two_devices_of_one_household_voting_at_once_store_one_vote(world: Any) -> None:
    c = f.consultation(world.d, verification=choices.Verification.HOUSEHOLD)
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    h = world.d.village.households.order_by("code").first()
    assert h is not None
    phone_a = svc.household_verify(consultation=c, village_id=world.d.village.pk, household_code=h.code,
                                   code=svc.household_code_for_tests(c, h))  # fmt: skip
    phone_b = svc.household_verify(consultation=c, village_id=world.d.village.pk, household_code=h.code,
                                   code=svc.household_code_for_tests(c, h))  # fmt: skip
    assert phone_a.pk == phone_b.pk
    targets = [lambda p=p, d=d: svc.vote_cast(consultation=c, who=svc.Who(device=d, participant_id=p.pk),
                                         statement_id=s.pk, value=1)
               for p, d in ((phone_a, "phone-a"), (phone_b, "phone-b"))]  # fmt: skip
    results, failures = race(targets)
    assert failures == [] and sorted(r.created for r in results) == [False, True]
    assert Vote.objects.filter(statement=s).count() == 1


def two_first_votes_of_a_new_device_at_once_make_one_participant(world: Any) -> None:
    c = f.consultation(world.d)
    a, b = f.statement(c, "a"), f.statement(c, "b")
    who = svc.Who(device="new-phone")
    targets: list[Callable[[], Any]] = [
        partial(svc.vote_cast, consultation=c, who=who, statement_id=s.pk, value=0) for s in (a, b)
    ]
    _results, failures = race(targets)
    assert failures == [] and Participant.objects.filter(consultation=c).count() == 1
    assert Vote.objects.filter(statement__consultation=c).count() == 2


def two_phones_verifying_one_household_at_once_make_one_participant(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Phone A inserts the household's participant and holds its transaction open; phone B, verifying
    meanwhile with its own code, does not see the uncommitted row, and its insert waits on the key's unique
    index, fails once A commits, and reads A's row (``_participant_get_or_create``'s fallback)."""
    c = f.consultation(world.d, verification=choices.Verification.HOUSEHOLD)
    h = world.d.village.households.order_by("code").last()
    assert h is not None
    inserted = threading.Event()
    real_audit, real_get, fallbacks = svc.audit_record, Participant.objects.get, []

    def audit_then_hold(**kwargs: Any) -> Any:
        done = real_audit(**kwargs)
        if kwargs.get("action") == "consultations.household_verified" and not inserted.is_set():
            inserted.set()
            time.sleep(1)  # A's row is inserted, not committed: B verifies now
        return done

    def get_counted(*args: Any, **kwargs: Any) -> Any:
        fallbacks.append(kwargs.get("key"))
        return real_get(*args, **kwargs)

    def verify(wait: bool) -> Participant:
        if wait:
            assert inserted.wait(10)
        return svc.household_verify(consultation=c, village_id=world.d.village.pk, household_code=h.code,
                                    code=svc.household_code_for_tests(c, h))  # fmt: skip

    monkeypatch.setattr(svc, "audit_record", audit_then_hold)
    monkeypatch.setattr(Participant.objects, "get", get_counted)
    results, failures = race([partial(verify, False), partial(verify, True)])
    monkeypatch.undo()
    assert failures == [] and len({p.pk for p in results}) == 1
    assert fallbacks == [f.household_key(c, h)]  # B's insert lost and read A's row
    (p,) = Participant.objects.filter(consultation=c)
    assert (p.kind, p.key) == (choices.ParticipantKind.HOUSEHOLD, f.household_key(c, h))


def a_residents_two_devices_voting_at_once_make_one_participant(world: Any) -> None:
    c = f.consultation(world.d)
    a, b = f.statement(c, "a"), f.statement(c, "b")
    user = resident(username="congdan-race")
    targets: list[Callable[[], Any]] = [
        partial(svc.vote_cast, consultation=c, who=svc.Who(user=user, device=d), statement_id=s.pk, value=1)
        for s, d in ((a, "phone"), (b, "laptop"))
    ]
    _results, failures = race(targets)
    assert failures == []
    (p,) = Participant.objects.filter(consultation=c)
    assert p.kind == choices.ParticipantKind.RESIDENT
    assert Vote.objects.filter(participant=p).count() == 2


def votes_during_a_merge_count_exactly_once(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A moderator merges D into T and holds the transaction open; meanwhile a participant who voted on D
    votes on T, another votes on T, a third on D. Every vote waits for the merge (its row lock on D and T):
    the one on T of the participant who voted on D replaces that vote in T's totals (not counted twice),
    the one on D is refused (it is merged away), and T's stored totals equal the exact recount. Before
    the lock (``has_merged`` read before the merge committed) T counted P1 twice."""
    from danvan.consultations.models import Statement
    from danvan.consultations.selectors.participation import totals_recount

    c = f.consultation(world.d)
    target, dup = f.statement(c, "Dời chợ ra bãi xe cũ"), f.statement(c, "Nên dời chợ ra bãi xe cũ")
    p1, p2, p3 = (svc.Who(device=d) for d in ("merge-p1", "merge-p2", "merge-p3"))
    svc.vote_cast(consultation=c, who=p1, statement_id=dup.pk, value=1)
    second = [svc.participant_for(consultation=c, who=who) for who in (p1, p2, p3)][1]
    held = threading.Event()
    real_audit = svc.audit_record

    def audit_then_hold(**kwargs: Any) -> Any:
        done = real_audit(**kwargs)
        if kwargs.get("action") == "consultations.statement_merge":
            held.set()
            time.sleep(1)  # merged and recounted, not committed: the votes come now
        return done

    def merge() -> Any:
        return svc.statement_merge(actor=world.d.handler, statement=dup, into=target, reason="Trùng ý")

    def vote(who: svc.Who, statement: Any, value: int) -> Any:
        assert held.wait(10)
        return svc.vote_cast(consultation=c, who=who, statement_id=statement.pk, value=value)

    monkeypatch.setattr(svc, "audit_record", audit_then_hold)
    results, failures = race([merge, partial(vote, p1, target, -1), partial(vote, p3, target, 1),
                              partial(vote, p2, dup, 1)])  # fmt: skip
    monkeypatch.undo()
    assert [(type(x), getattr(x, "code", None)) for x in failures] == [(DomainError, errors.UNKNOWN_STATEMENT)]
    assert len(results) == 3
    assert not Vote.objects.filter(statement=dup, participant=second).exists()  # nothing half-stored
    stored = Statement.objects.get(pk=target.pk)
    assert (stored.agree_total, stored.disagree_total, stored.passed_total) == (1, 1, 0)  # P3 agrees, P1 now disagrees
    assert stored.vote_count == 2
    assert stored.has_merged
    assert totals_recount(c, only=[target.pk]) == {target.pk: (1, 1, 0)}
