"""The first self-review of a commitment, submitted twice at the same moment (PostgreSQL, real
connections): the second waits on the commitment's row and rewrites the first's review — one review,
version 1, never a 500 on the unique version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from danvan.core.testing.race import double_submit
from danvan.emulation.models import CommitmentReview
from danvan.emulation.services import commitments as services
from danvan.emulation.tests.commitments.factories import register, world


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_a_double_submitted_first_review_is_stored_once(frozen_clock):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions on real connections (SQLite serialises writers)")
    w = world()
    commitment = register(w.cadre, w.ward)
    frozen_clock.move_to(dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC))

    def submit(text: str):
        return lambda: services.review_submit(user=w.cadre, commitment=commitment, period="midyear", text=text,
                                              self_rating="partly")  # fmt: skip

    assert double_submit(submit("Lần một"), submit("Lần hai")) == ["stored", "stored"]
    reviews = list(CommitmentReview.objects.filter(commitment=commitment).values_list("version", "text"))
    assert reviews == [(1, "Lần hai")]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_a_double_submitted_new_year_is_stored_once(frozen_clock):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions on real connections (SQLite serialises writers)")
    from danvan.emulation import errors as codes
    from danvan.emulation.models import CommitmentYear
    from danvan.emulation.tests.commitments.test_years import dates
    from danvan.emulation.tests.national import rule_keeper

    keeper = rule_keeper()

    def create():
        return services.commitment_year_create(user=keeper, year=2028, max_per_person=1, source="QĐ 12/UBND",
                                               **dates(2028))  # fmt: skip

    # The second passes the "exists?" check while the first holds its insert open, then meets the unique year:
    # told the year exists, never an IntegrityError (500).
    assert double_submit(create, create) == ["stored", codes.COMMITMENT_YEAR_EXISTS]
    assert CommitmentYear.objects.filter(year=2028).count() == 1
