"""One vote per participant and statement under concurrent requests, over real connections and
transactions (PostgreSQL: SQLite's test database refuses a second writer instead of waiting). The
unique constraint decides: without it (or without ``vote_cast`` turning its IntegrityError into "the
same vote" / ALREADY_VOTED) these tests store two rows or fail with a database error."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection

from danvan.consultations import choices, errors
from danvan.consultations.models import Participant, Vote
from danvan.consultations.services import participation as svc
from danvan.consultations.tests import factories as f
from danvan.core.errors import DomainError

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_reseeded"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
]


def race(targets: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    barrier = threading.Barrier(len(targets))
    results: list[Any] = []
    failures: list[BaseException] = []

    def run(target: Callable[[], Any]) -> None:
        from django.db import connection as own

        try:
            barrier.wait()
            results.append(target())
        except BaseException as exc:
            failures.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, failures


def test_one_vote_per_participant_and_statement_under_races() -> None:
    """One world (a transactional test's flush takes the reference data the next one needs)."""
    from danvan.consultations.tests.factories import make_consultations_world

    world = make_consultations_world()
    one_device_voting_four_times_at_once_stores_one_vote(world)
    two_devices_of_one_household_voting_at_once_store_one_vote(world)
    two_first_votes_of_a_new_device_at_once_make_one_participant(world)


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
