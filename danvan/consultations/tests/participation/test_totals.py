"""The resolved vote totals stored on ``Statement``: kept by the services in the vote's transaction and
recounted on a merge, they equal a recount from the vote rows by the one rule (``vote_resolution``)
after any mix of votes, retries, merges and hides; and the busy pages read them in a fixed number of
queries, whatever the number of votes."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.consultations import choices
from danvan.consultations.models import Statement, Vote
from danvan.consultations.selectors import participation as sel
from danvan.consultations.services import participation as svc
from danvan.consultations.tests import factories as f
from danvan.core.errors import DomainError

from .conftest import device

pytestmark = pytest.mark.django_db


def stored(c: Any) -> dict[int, tuple[int, int, int, int]]:
    rows = Statement.objects.filter(consultation=c, status=choices.Moderation.PUBLISHED)
    return {pk: (a, d, p, n) for pk, a, d, p, n in
            rows.values_list("pk", "agree_total", "disagree_total", "passed_total", "vote_count")}  # fmt: skip


def oracle(c: Any) -> dict[int, tuple[int, int, int, int]]:
    """The rule spelled out on Python rows, independent of numpy: per participant and target, the own
    vote on the target, else the earliest (smallest id) on a duplicate merged into it."""
    statements = {s.pk: s for s in Statement.objects.filter(consultation=c)}
    published = {pk for pk, s in statements.items() if s.status == choices.Moderation.PUBLISHED}

    def target(pk: int) -> int | None:
        s = statements[pk]
        if s.status == choices.Moderation.PUBLISHED:
            return pk
        if s.status == choices.Moderation.MERGED and s.merged_into_id in published:
            return s.merged_into_id
        return None

    chosen: dict[tuple[int, int], tuple[int, int, int]] = {}  # (participant, target) → (not own, id, value)
    for vote in Vote.objects.filter(statement__consultation=c):
        t = target(vote.statement_id)
        if t is None:
            continue
        rank = (0 if vote.statement_id == t else 1, vote.pk, vote.value)
        key = (vote.participant_id, t)
        if key not in chosen or rank < chosen[key]:
            chosen[key] = rank
    out = {pk: [0, 0, 0] for pk in published}
    for (_p, t), (_own, _id, value) in chosen.items():
        out[t][{1: 0, -1: 1, 0: 2}[value]] += 1
    return {pk: (a, d, p, a + d + p) for pk, (a, d, p) in out.items()}


def test_a_vote_and_its_retry_count_once_and_a_refused_change_counts_nothing(cworld) -> None:
    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    assert svc.vote_cast(consultation=c, who=device("x"), statement_id=s.pk, value=1).created
    assert not svc.vote_cast(consultation=c, who=device("x"), statement_id=s.pk, value=1).created
    with pytest.raises(DomainError):
        svc.vote_cast(consultation=c, who=device("x"), statement_id=s.pk, value=-1)
    svc.vote_cast(consultation=c, who=device("y"), statement_id=s.pk, value=0)
    assert stored(c) == {s.pk: (1, 0, 1, 2)} == oracle(c)


def test_a_vote_on_a_target_after_a_merge_replaces_the_duplicates_vote_in_the_totals(cworld) -> None:
    c = cworld.consultation
    target, dup, dup2 = (f.statement(c, t) for t in ("Chợ tạm an toàn", "An toàn cháy nổ", "Phòng cháy"))
    svc.vote_cast(consultation=c, who=device("x"), statement_id=dup.pk, value=1)  # the earlier: it counts
    svc.vote_cast(consultation=c, who=device("x"), statement_id=dup2.pk, value=-1)
    svc.statement_merge(actor=cworld.d.handler, statement=dup, into=target)
    svc.statement_merge(actor=cworld.d.handler, statement=dup2, into=target)
    assert stored(c) == {target.pk: (1, 0, 0, 1)} == oracle(c)
    svc.vote_cast(consultation=c, who=device("x"), statement_id=target.pk, value=0)  # the own vote wins
    assert stored(c) == {target.pk: (0, 0, 1, 1)} == oracle(c)
    assert sel.totals_recount(c) == {target.pk: (0, 0, 1)}


ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("vote"), st.integers(0, 4), st.integers(0, 5), st.sampled_from([1, 0, -1])),
        st.tuples(st.just("retry"), st.integers(0, 4), st.integers(0, 5), st.just(0)),
        st.tuples(st.just("merge"), st.integers(0, 4), st.integers(0, 5), st.just(0)),
        st.tuples(st.just("hide"), st.integers(0, 4), st.just(0), st.just(0)),
    ),
    max_size=30,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_the_stored_totals_equal_a_recount_after_votes_retries_merges_and_hides(cworld, actions) -> None:
    c = cworld.consultation
    with transaction.atomic():
        statements = [f.statement(c, f"Ý kiến {i}") for i in range(5)]
        last: dict[tuple[int, int], int] = {}
        for kind, i, j, value in actions:
            s = statements[i]
            try:
                if kind == "vote":
                    svc.vote_cast(consultation=c, who=device(str(j)), statement_id=s.pk, value=value)
                    last[(i, j)] = value
                elif kind == "retry" and (i, j) in last:
                    assert not svc.vote_cast(consultation=c, who=device(str(j)), statement_id=s.pk,
                                             value=last[(i, j)]).created  # fmt: skip
                elif kind == "merge":
                    into = statements[j % 5]
                    svc.statement_merge(actor=cworld.d.handler, statement=s, into=into, reason="Trùng ý")
                elif kind == "hide":
                    svc.statement_hide(actor=cworld.d.handler, statement=s, reason="Lạc đề")
            except DomainError:
                pass  # a refused step (a merged or hidden statement, a changed vote) changes nothing
            for row in statements:
                row.refresh_from_db()
        expected = oracle(c)
        assert stored(c) == expected
        assert sel.totals_recount(c) == {pk: (a, d, p) for pk, (a, d, p, _n) in expected.items()}
        assert {(s.id, s.agree, s.disagree, s.passed) for s in sel.statement_totals(c)} == {
            (pk, a, d, p) for pk, (a, d, p, _n) in expected.items()
        }
        assert svc.statement_totals_refresh(consultation=c) == 0  # nothing to repair
        transaction.set_rollback(True)


# The number of queries, whatever the number of votes -------------------------------------------------------


def _busy(c: Any, voters: int = 30) -> list[Statement]:
    statements = [f.statement(c, f"Ý kiến {i}") for i in range(6)]
    for v in range(voters):
        for s in statements[: 1 + v % 6]:
            svc.vote_cast(consultation=c, who=device(f"v{v}"), statement_id=s.pk, value=(v % 3) - 1)
    return statements


def test_a_vote_takes_a_fixed_number_of_queries(cworld, django_assert_max_num_queries) -> None:
    c = cworld.consultation
    statements = _busy(c)
    svc.vote_cast(consultation=c, who=device("me"), statement_id=statements[0].pk, value=1)  # the participant
    # Before the stored totals: 5 (no update) but every page then counted the vote table; now: the statement
    # (with "has merged duplicates"), the participant, savepoint, its row locked and judged again (a merge
    # takes the same lock: test_race), insert, the totals' update, release. (PostgreSQL outside a
    # transaction: one statement for the last five, test_race.)
    with django_assert_max_num_queries(7):
        svc.vote_cast(consultation=c, who=device("me"), statement_id=statements[1].pk, value=1)


def test_the_voting_page_and_a_vote_post_take_a_fixed_number_of_queries(
    cworld, client: Client, django_assert_max_num_queries
) -> None:
    c = cworld.consultation
    statements = _busy(c)
    url = reverse("consultations:vote", args=[c.code])
    client.get(url)
    client.post(url, {"statement": statements[0].pk, "value": "1"})
    with django_assert_max_num_queries(6) as page:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12) as post:
        fetch = {"X-Requested-With": "fetch"}
        assert client.post(url, {"statement": statements[1].pk, "value": "0"}, headers=fetch).status_code == 200
    for q in page.captured_queries + post.captured_queries:  # the vote table: the participant's rows only
        if 'FROM "consultations_vote"' in q["sql"]:
            assert 'participant_id" =' in q["sql"] and 'COUNT("consultations_vote"' not in q["sql"]


def test_the_consultation_page_takes_a_fixed_number_of_queries(
    cworld, client: Client, django_assert_max_num_queries
) -> None:
    c = cworld.consultation
    _busy(c)
    url = reverse("consultations:public_detail", args=[c.code])
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10) as page:  # 16 before (two counting the vote table), 13 with stored totals
        assert client.get(url).status_code == 200
    assert not [q for q in page.captured_queries if "consultations_vote" in q["sql"]]


def test_the_data_migration_fills_the_totals_of_existing_rows_by_the_same_rule(cworld) -> None:
    import importlib

    from django.apps import apps

    fill = importlib.import_module("danvan.consultations.migrations.0003_participation_statement_totals").fill_totals
    c = cworld.consultation
    target, dup = f.statement(c, "Giữ chợ cũ"), f.statement(c, "Giữ nguyên chợ cũ")
    hidden = f.statement(c, "Lạc đề", status=choices.Moderation.HIDDEN)
    people = [f.participant(c) for _ in range(3)]
    Vote.objects.bulk_create([Vote(statement=dup, participant=people[0], value=-1),
                              Vote(statement=target, participant=people[0], value=1),
                              Vote(statement=dup, participant=people[1], value=0),
                              Vote(statement=target, participant=people[2], value=-1),
                              Vote(statement=hidden, participant=people[2], value=1)])  # fmt: skip
    Statement.objects.filter(pk=dup.pk).update(status=choices.Moderation.MERGED, merged_into=target)
    assert stored(c) == {target.pk: (0, 0, 0, 0)}  # rows written before the totals existed
    fill(apps, None)
    assert stored(c) == {target.pk: (1, 1, 1, 3)} == oracle(c)
