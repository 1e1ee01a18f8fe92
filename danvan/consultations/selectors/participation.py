"""Consultations: the participation part's selectors (reads only).

``resolved_votes`` / ``vote_rows`` are the votes that count: (participant, statement, value) with merged
statements resolved to their target by the one rule (``danvan.consultations.vote_resolution``) and hidden
or pending statements left out; the opinion map (``selectors.maps``) reads the same arrays. The public
totals (``statement_totals``, ``counts``) read the resolved totals stored on ``Statement`` (kept by the
services; ``totals_recount`` is what they must equal) plus the tallies keyed in from meetings and
ballots. No selector returns a participant's identity beside their votes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Sum

from danvan.consultations import vote_resolution
from danvan.consultations.enums import Moderation, ParticipantKind, Status, Verification
from danvan.consultations.models import (
    Comment,
    Consultation,
    DraftSection,
    DraftVersion,
    KeyedTally,
    Participant,
    Statement,
    Vote,
)
from danvan.consultations.selectors import participation_sql
from danvan.core.tokens import derived_token

PUBLIC_STATUSES = (Status.OPEN, Status.CLOSED, Status.PUBLISHED)  # as selectors.drafts' and maps'


def participant_key(consultation_id: int, kind: str, ident: object) -> str:
    """The stored key of a participant: a keyed HMAC of the consultation and what identifies the person
    in it (a device id, an account, a household), so the raw token is never stored and cannot be
    recomputed from the database alone."""
    return derived_token("consultations-participant", f"{consultation_id}:{kind}:{ident}")


PUBLIC_CACHE_SECONDS = 30  # bounds staleness should a row change without ``save()`` (a raw update, a restore)


def _public_cache_key(code: str) -> str:
    return "consult-public:" + code


def consultation_public(code: str) -> Consultation | None:
    """A consultation the public may see (open, closed or published: not one being prepared or withdrawn).
    Every vote asks for it, so it is kept in the cache for a few seconds and forgotten on every save or
    delete of the row (``consultation_public_forget``, connected in ``apps``): closing, withdrawing or
    rescheduling is seen by the next request. Its status and dates are still judged per request."""
    if not code or len(code) > 60:
        return None
    key = _public_cache_key(code)
    found = cache.get(key)
    if found is None:
        found = (
            Consultation.objects.select_related("organization", "place")
            .filter(code=code, status__in=PUBLIC_STATUSES)
            .first()
        )
        if found is None:
            return None
        cache.set(key, found, timeout=PUBLIC_CACHE_SECONDS)
    return found if found.status in PUBLIC_STATUSES else None


def consultation_public_forget(code: str) -> None:
    """Drop the cached row now and again when the transaction that changed it commits (a reader between
    the two would otherwise cache the row as it was before the commit)."""
    key = _public_cache_key(code)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def consultation_by_code(code: str) -> Consultation | None:
    """Any consultation by its code (staff pages check the permission themselves)."""
    if not code or len(code) > 60:
        return None
    return Consultation.objects.select_related("organization", "place").filter(code=code).first()


def sections(consultation: Consultation) -> list[tuple[str, str]]:
    """(key, heading) of the current (latest) version's sections, in order."""
    version = DraftVersion.objects.filter(consultation=consultation).order_by("-number").values("pk")[:1]
    return list(DraftSection.objects.filter(version__in=version).order_by("position").values_list("key", "heading"))


def participant_existing(
    consultation: Consultation, *, device: str = "", user: Any = None, participant_id: int | None = None
) -> Participant | None:
    """The participant this request already is (nothing created): a proved household first, then a
    signed-in resident, then the device."""
    rows = Participant.objects.filter(consultation=consultation)
    if participant_id:
        found = rows.filter(pk=participant_id).first()
        if found is not None and (
            consultation.verification != Verification.HOUSEHOLD or found.kind == ParticipantKind.HOUSEHOLD
        ):
            return found
    if consultation.verification == Verification.HOUSEHOLD:
        return None
    if getattr(user, "is_authenticated", False):
        found = rows.filter(key=participant_key(consultation.pk, ParticipantKind.RESIDENT, user.pk)).first()
        if found is not None:
            return found
    if device and consultation.verification == Verification.OPEN:
        return rows.filter(key=participant_key(consultation.pk, ParticipantKind.DEVICE, device)).first()
    return None


def next_statement(consultation: Consultation, participant: Participant | None) -> Statement | None:
    """The published statement this participant has not voted on with the fewest votes so far (ties by
    id), so that new statements get votes too, with ``section_heading``: the heading of its section in the
    current version ("" for the whole draft or a section the current version no longer has). Reads the
    stored ``vote_count`` (index ``consult_statement_next``); the participant's own votes are excluded
    through the (participant, statement) unique index: no count of the vote table. Plain SQL
    (``participation_sql``): every vote asks."""
    return participation_sql.next_statement(consultation.pk, participant.pk if participant else None)


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int


def progress(consultation: Consultation, participant: Participant | None) -> Progress:
    """How many of the published statements this participant has answered (their own votes only): one
    query, the published statements joined to this participant's votes alone, never to everyone's."""
    answered, total = participation_sql.progress_counts(consultation.pk, participant.pk if participant else None)
    return Progress(answered=answered, total=total)


def card(consultation: Consultation, participant: Participant | None) -> tuple[Statement | None, Progress]:
    """What the voting card shows: ``next_statement`` and ``progress``, by the same rules, in one query for
    a known participant (the answer to every vote)."""
    if participant is None:
        return next_statement(consultation, None), progress(consultation, None)
    statement, answered, total = participation_sql.next_with_progress(consultation.pk, participant.pk)
    return statement, Progress(answered=answered, total=total)


def statement_targets(consultation: Consultation) -> dict[int, int]:
    """Each statement whose votes count → the published statement they count for (``vote_resolution``)."""
    return vote_resolution.targets_of(
        Statement.objects.filter(consultation=consultation).values_list("pk", "status", "merged_into_id")
    )


def resolved_votes(
    consultation: Consultation, *, targets: dict[int, int] | None = None, only: Iterable[int] | None = None
) -> tuple[Any, Any, Any]:
    """The votes that count as (participant, target, value) numpy arrays, one per participant and
    target (``vote_resolution.resolve``: the one rule). ``only``: just these targets' votes (a recount
    after a merge). Built from the database's columns, no Python tuple per vote."""
    if targets is None:
        targets = statement_targets(consultation)
    if only is not None:
        wanted = set(only)
        targets = {s: t for s, t in targets.items() if t in wanted}
    empty = np.zeros(0, np.int64)
    if not targets:
        return empty, empty.copy(), empty.copy()
    flat = list(
        Vote.objects.filter(statement_id__in=list(targets))
        .values_list("participant_id", "statement_id", "value", "id")
        .iterator(chunk_size=10000)
    )
    if not flat:
        return empty, empty.copy(), empty.copy()
    table = np.array(flat, dtype=np.int64)
    return vote_resolution.resolve(table[:, 0], table[:, 1], table[:, 2], table[:, 3], targets)


def vote_rows(consultation: Consultation) -> Iterator[tuple[int, int, int]]:
    """(participant_id, statement_id, value) of every vote that counts: merged statements resolved to
    their target (``vote_resolution``: the target's own vote, else the earliest on a duplicate), hidden
    and pending statements excluded."""
    participants, statements, values = resolved_votes(consultation)
    yield from zip(participants.tolist(), statements.tolist(), values.tolist(), strict=True)


def totals_recount(consultation: Consultation, only: Iterable[int] | None = None) -> dict[int, tuple[int, int, int]]:
    """The exact (agree, disagree, passed) of each published statement (or of ``only`` those) from the
    vote rows, by the one rule: what the stored totals on ``Statement`` must equal."""
    targets = statement_targets(consultation)
    chosen = None if only is None else set(only)
    wanted = [t for s, t in targets.items() if s == t and (chosen is None or t in chosen)]
    _p, statements, values = resolved_votes(consultation, targets=targets, only=wanted)
    found = vote_resolution.totals(statements, values)
    return {t: found.get(t, (0, 0, 0)) for t in wanted}


@dataclass
class StatementTotals:
    id: int
    text: str
    section_key: str
    agree: int = 0  # platform votes (merges resolved) plus keyed-in tallies
    disagree: int = 0
    passed: int = 0
    keyed: int = 0  # of which counted at meetings or from ballots
    sources: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passed


def _counted_tallies(consultation: Consultation) -> Any:
    """Keyed-in tallies that count: on a published statement, or on one merged into a published one
    (merges are flattened by the moderation service: ``merged_into`` is the target)."""
    return KeyedTally.objects.filter(statement__consultation=consultation).filter(
        Q(statement__status=Moderation.PUBLISHED)
        | Q(statement__status=Moderation.MERGED, statement__merged_into__status=Moderation.PUBLISHED)
    )


def statement_totals(
    consultation: Consultation, *, ids: Sequence[int] | None = None, top: int | None = None
) -> list[StatementTotals]:
    """The published statements (all, by id; ``ids``, in that order; or the ``top`` most voted, in the order
    of ``statements_by_votes``) with their agree / disagree / pass
    totals: the stored resolved totals of the platform's votes (one per participant, merges resolved) plus
    the tallies keyed in with their source. Two queries, whatever the number of votes. Never who voted."""
    published = Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED).order_by("id")
    if ids is not None:
        published = published.filter(pk__in=list(ids))
    elif top is not None:
        published = published.order_by("-vote_count", "-id")[:top]
    found = {
        pk: StatementTotals(id=pk, text=text, section_key=key, agree=a, disagree=d, passed=p)
        for pk, text, key, a, d, p in published.values_list(
            "pk", "text", "section_key", "agree_total", "disagree_total", "passed_total"
        )
    }
    out = found if ids is None else {pk: found[pk] for pk in ids if pk in found}
    tallies = _counted_tallies(consultation)
    if ids is not None or top is not None:
        tallies = tallies.filter(Q(statement_id__in=list(out)) | Q(statement__merged_into_id__in=list(out)))
    for statement_id, into, agree, disagree, passed, source in tallies.values_list(
        "statement_id", "statement__merged_into_id", "agree", "disagree", "passed", "source_ref"
    ):
        row = out.get(statement_id) or (out.get(into) if into is not None else None)
        if row is None:
            continue
        row.agree, row.disagree, row.passed = row.agree + agree, row.disagree + disagree, row.passed + passed
        row.keyed += agree + disagree + passed
        row.sources.append(source)
    return list(out.values())


def statements_by_votes(consultation: Consultation) -> Any:
    """The ids of the published statements, the most voted on the platform first (then by id): what the
    consultation page shows first and the list of every statement pages through (ties: the newest first; index
    ``consult_statement_next`` read backwards)."""
    return (
        Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED)
        .order_by("-vote_count", "-id")
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class Counts:
    participants: int
    statements: int
    votes: int
    comments: int
    people_in_comments: int  # comments' supporters: a meeting's comment may speak for many


def counts(consultation: Consultation) -> Counts:
    """The public figures (platform participants; published statements; votes that count — the stored
    resolved totals plus keyed-in tallies; comments shown and the people they speak for). Four indexed
    aggregates: no scan of the vote table."""
    statements = Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED).aggregate(
        n=Count("id"), votes=Sum("vote_count")
    )
    keyed = _counted_tallies(consultation).aggregate(a=Sum("agree"), d=Sum("disagree"), p=Sum("passed"))
    comments = Comment.objects.filter(consultation=consultation, status=Moderation.PUBLISHED).aggregate(
        n=Count("id"), people=Sum("supporters")
    )
    return Counts(
        participants=Participant.objects.filter(consultation=consultation).count(),
        statements=statements["n"] or 0,
        votes=(statements["votes"] or 0) + sum(v or 0 for v in keyed.values()),
        comments=comments["n"] or 0,
        people_in_comments=comments["people"] or 0,
    )


def statement_of(consultation: Consultation, pk: int) -> Statement:
    """A statement of this consultation (any moderation state), with its consultation; ``DoesNotExist``."""
    return Statement.objects.select_related("consultation").get(consultation=consultation, pk=pk)


def pending_count(consultation: Consultation) -> int:
    return Statement.objects.filter(consultation=consultation, status=Moderation.PENDING).count()


def published_statements(consultation: Consultation) -> list[Statement]:
    return list(Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED).order_by("id"))


def comment_receipt(consultation: Consultation, comment_id: int, participant: Participant | None) -> Comment | None:
    """A comment shown back to the participant who wrote it (the receipt page)."""
    if participant is None or not comment_id:
        return None
    return Comment.objects.filter(consultation=consultation, pk=comment_id, participant=participant).first()
