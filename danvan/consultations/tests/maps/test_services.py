"""``services.maps.recompute``: one row per change, nothing when the votes did not change, the last few
rows kept; the votes it reads: merged statements count for their target, hidden ones not at all."""

from __future__ import annotations

import pytest

from danvan.consultations import choices
from danvan.consultations.models import OpinionMap, Vote
from danvan.consultations.opinion_map import METHOD, MapResult
from danvan.consultations.selectors import maps as selectors
from danvan.consultations.services import maps as services
from danvan.consultations.tests.factories import ConsultationsWorld, participant, statement
from danvan.consultations.tests.maps.world import vote_set
from danvan.core.audit import AuditEvent
from danvan.core.errors import PermissionDenied


def test_recompute_stores_one_row_with_the_counts(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    vote_set(c)
    row = services.recompute(c)
    assert row is not None
    assert list(OpinionMap.objects.filter(consultation=c)) == [row]
    assert (row.votes_seen, row.participants, row.statements, row.groups, row.method) == (160, 20, 8, 2, METHOD)
    assert row.silhouette is not None and row.silhouette > 0.5
    result = MapResult.from_json(row.result)
    assert result.votes == 160 and result.voters == 20
    statement_ids = {str(s.pk) for s in c.statements.all()}
    assert {s.statement for s in result.statements} == statement_ids
    assert row.result["source"] == selectors.map_source(c).fingerprint


def test_recompute_is_skipped_when_no_vote_changed_and_forced_runs_anyway(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    votes = vote_set(c)
    first = services.recompute(c)
    assert services.recompute(c) is None
    assert OpinionMap.objects.filter(consultation=c).count() == 1
    forced = services.recompute(c, force=True)
    assert forced is not None and forced.pk != first.pk
    Vote.objects.create(participant=participant(c), statement=votes.statements[7], value=1)
    again = services.recompute(c)
    assert again is not None and again.votes_seen == 161
    assert OpinionMap.objects.filter(consultation=c).count() == 3


def test_a_changed_vote_is_seen_though_the_count_is_the_same(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    votes = vote_set(c)
    services.recompute(c)
    Vote.objects.filter(participant=votes.group_a[0], statement=votes.statements[0]).update(value=-1)
    assert services.recompute(c) is not None


def test_only_the_last_maps_are_kept(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    vote_set(c)
    rows = [services.recompute(c, force=True) for _ in range(services.KEEP + 2)]
    kept = list(OpinionMap.objects.filter(consultation=c).order_by("id").values_list("id", flat=True))
    assert kept == [r.pk for r in rows[-services.KEEP :]]


def test_merged_votes_count_for_the_target_and_a_vote_on_both_keeps_the_targets(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    target = statement(c, "Giữ chợ cũ")
    duplicate = statement(c, "Giữ nguyên chợ cũ", status=choices.Moderation.MERGED)
    duplicate.merged_into = target
    duplicate.save()
    hidden = statement(c, "Lời lẽ xúc phạm", status=choices.Moderation.HIDDEN, moderation_reason="Xúc phạm")
    pending = statement(c, "Chưa duyệt", status=choices.Moderation.PENDING)
    both, merged_only, target_only = participant(c), participant(c), participant(c)
    Vote.objects.create(participant=both, statement=duplicate, value=-1)
    Vote.objects.create(participant=both, statement=target, value=1)
    Vote.objects.create(participant=merged_only, statement=duplicate, value=-1)
    Vote.objects.create(participant=target_only, statement=target, value=0)
    Vote.objects.create(participant=target_only, statement=hidden, value=1)
    Vote.objects.create(participant=target_only, statement=pending, value=1)
    assert sorted(selectors.map_votes(c)) == sorted(
        [(str(both.pk), str(target.pk), 1), (str(merged_only.pk), str(target.pk), -1),
         (str(target_only.pk), str(target.pk), 0)]
    )  # fmt: skip
    row = services.recompute(c)
    assert row is not None
    result = MapResult.from_json(row.result)
    assert [(s.statement, s.agree, s.disagree, s.passed) for s in result.statements] == [(str(target.pk), 1, 1, 1)]
    assert row.votes_seen == 4  # the rows read, before the duplicate vote is resolved


def test_a_voter_on_two_merged_duplicates_only_keeps_the_earlier_vote(cworld: ConsultationsWorld) -> None:
    """The one rule (``vote_resolution``), the same as the participation part's totals: the earliest vote on
    a duplicate counts when the participant did not vote on the target itself."""
    c = cworld.consultation
    target = statement(c, "Giữ chợ cũ")
    first, second = (statement(c, t, status=choices.Moderation.MERGED, merged_into=target)
                     for t in ("Giữ nguyên chợ cũ", "Không di dời chợ"))  # fmt: skip
    voter = participant(c)
    Vote.objects.create(participant=voter, statement=second, value=-1)  # the earlier row
    Vote.objects.create(participant=voter, statement=first, value=1)
    assert selectors.map_votes(c) == [(str(voter.pk), str(target.pk), -1)]


def test_hiding_or_merging_a_statement_recomputes_though_no_vote_came(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    votes = vote_set(c)
    services.recompute(c)
    votes.statements[6].status = choices.Moderation.HIDDEN
    votes.statements[6].save()
    row = services.recompute(c)
    assert row is not None and row.statements == 7 and row.votes_seen == 140
    votes.statements[5].status = choices.Moderation.MERGED
    votes.statements[5].merged_into = votes.statements[4]
    votes.statements[5].save()
    merged = services.recompute(c)
    assert merged is not None and merged.statements == 6 and merged.votes_seen == 140


def test_a_consultation_without_votes_gets_an_empty_map(cworld: ConsultationsWorld) -> None:
    row = services.recompute(cworld.consultation)
    assert row is not None and (row.votes_seen, row.participants, row.groups) == (0, 0, 0)
    assert services.recompute(cworld.consultation) is None


def test_staff_recompute_now_needs_manage_and_is_audited(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    vote_set(c)
    services.recompute(c)
    with pytest.raises(PermissionDenied):
        services.map_recompute_now(actor=cworld.d.other_chair, consultation=c)
    with pytest.raises(PermissionDenied):
        services.map_recompute_now(actor=cworld.d.front_officer, consultation=c)
    assert OpinionMap.objects.filter(consultation=c).count() == 1
    row = services.map_recompute_now(actor=cworld.d.handler, consultation=c)
    assert OpinionMap.objects.filter(consultation=c).count() == 2
    event = AuditEvent.objects.get(action="consultations.map_recompute")
    assert (event.actor, event.object_id, event.after) == (cworld.d.handler, str(c.pk),
                                                           {"map": row.pk, "votes": 160, "groups": 2})  # fmt: skip
