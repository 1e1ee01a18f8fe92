"""Consultations: the participation part's selectors (reads only).

``vote_rows`` is what the opinion map (the maps part) reads: (participant, statement, value) with merged
statements resolved to their target and hidden or pending statements left out. The public totals
(``statement_totals``) count the same votes plus the tallies keyed in from meetings and ballots. No
selector returns a participant's identity beside their votes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Sum

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
from danvan.core.tokens import derived_token

PUBLIC_STATUSES = (Status.OPEN, Status.CLOSED, Status.PUBLISHED)  # as selectors.drafts' and maps'


def participant_key(consultation_id: int, kind: str, ident: object) -> str:
    """The stored key of a participant: a keyed HMAC of the consultation and what identifies the person
    in it (a device id, an account, a household), so the raw token is never stored and cannot be
    recomputed from the database alone."""
    return derived_token("consultations-participant", f"{consultation_id}:{kind}:{ident}")


def consultation_public(code: str) -> Consultation | None:
    """A consultation the public may see (open, closed or published: not one being prepared or withdrawn)."""
    if not code or len(code) > 60:
        return None
    return (
        Consultation.objects.select_related("organization", "place")
        .filter(code=code, status__in=PUBLIC_STATUSES)
        .first()
    )


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
        if found is not None and (consultation.verification != Verification.HOUSEHOLD or found.household_id):
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
    id), so that new statements get votes too."""
    rows = Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED)
    if participant is not None:
        rows = rows.exclude(pk__in=Vote.objects.filter(participant=participant).values("statement_id"))
    return rows.annotate(n=Count("votes")).order_by("n", "id").first()


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int


def progress(consultation: Consultation, participant: Participant | None) -> Progress:
    """How many of the published statements this participant has answered."""
    published = Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED)
    total = published.count()
    answered = (
        Vote.objects.filter(participant=participant, statement__in=published).count() if participant is not None else 0
    )
    return Progress(answered=answered, total=total)


def _targets(consultation: Consultation) -> dict[int, int]:
    """Each statement whose votes count → the published statement they count for (itself, or the one
    it was merged into); hidden, pending and merged-into-hidden statements are absent."""
    rows: dict[int, tuple[str, int | None]] = {pk: (status, into) for pk, status, into in
            Statement.objects.filter(consultation=consultation).values_list("pk", "status", "merged_into_id")}  # fmt: skip
    targets: dict[int, int] = {}
    for pk, (status, into) in rows.items():
        if status == Moderation.PUBLISHED:
            targets[pk] = pk
            continue
        seen = {pk}
        while status == Moderation.MERGED and into is not None and into not in seen:
            seen.add(into)
            target = into
            status, into = rows.get(target, ("", None))
            if status == Moderation.PUBLISHED:
                targets[pk] = target
    return targets


def vote_rows(consultation: Consultation) -> Iterator[tuple[int, int, int]]:
    """(participant_id, statement_id, value) of every vote that counts: merged statements resolved to
    their target, hidden and pending statements excluded. A participant who voted on both a duplicate and
    its target keeps the target's vote (and, having voted on two duplicates only, the earlier vote)."""
    targets = _targets(consultation)
    merged = {pk for pk, target in targets.items() if pk != target}
    direct = Vote.objects.filter(statement_id__in=[t for pk, t in targets.items() if pk == t])
    if not merged:
        yield from direct.order_by("id").values_list("participant_id", "statement_id", "value").iterator()
        return
    kept: dict[tuple[int, int], int] = {}
    for participant_id, statement_id, value in direct.order_by("id").values_list(
        "participant_id", "statement_id", "value"
    ):
        kept[(participant_id, statement_id)] = value
    extra = Vote.objects.filter(statement_id__in=merged).order_by("id")
    for participant_id, statement_id, value in extra.values_list("participant_id", "statement_id", "value"):
        kept.setdefault((participant_id, targets[statement_id]), value)
    for (participant_id, statement_id), value in kept.items():
        yield participant_id, statement_id, value


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


def statement_totals(consultation: Consultation) -> list[StatementTotals]:
    """Every published statement with its agree / disagree / pass totals: the platform's votes (one per
    participant, merges resolved) and the tallies keyed in with their source. Never who voted."""
    published = list(
        Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED)
        .order_by("id")
        .values_list("pk", "text", "section_key")
    )
    out = {pk: StatementTotals(id=pk, text=text, section_key=key) for pk, text, key in published}
    targets = _targets(consultation)
    if any(pk != t for pk, t in targets.items()):
        counts: dict[tuple[int, int], int] = {}
        for _participant, statement_id, value in vote_rows(consultation):
            counts[(statement_id, value)] = counts.get((statement_id, value), 0) + 1
        rows: Iterable[tuple[int, int, int]] = ((s, v, n) for (s, v), n in counts.items())
    else:
        rows = (
            Vote.objects.filter(statement_id__in=list(out))
            .values_list("statement_id", "value")
            .annotate(n=Count("id"))
            .order_by()
        )
    for statement_id, value, n in rows:
        row = out.get(statement_id)
        if row is None:
            continue
        if value == 1:
            row.agree += n
        elif value == -1:
            row.disagree += n
        else:
            row.passed += n
    tallies = KeyedTally.objects.filter(statement__consultation=consultation).values_list(
        "statement_id", "agree", "disagree", "passed", "source_ref"
    )
    for statement_id, agree, disagree, passed, source in tallies:
        target = targets.get(statement_id)
        row = out.get(target) if target is not None else None
        if row is None:
            continue
        row.agree, row.disagree, row.passed = row.agree + agree, row.disagree + disagree, row.passed + passed
        row.keyed += agree + disagree + passed
        row.sources.append(source)
    return list(out.values())


@dataclass(frozen=True)
class Counts:
    participants: int
    statements: int
    votes: int
    comments: int
    people_in_comments: int  # comments' supporters: a meeting's comment may speak for many


def counts(consultation: Consultation) -> Counts:
    """The public figures (platform participants; published statements; votes that count, including
    keyed-in tallies; comments shown and the people they speak for)."""
    statements = Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED)
    votes = Vote.objects.filter(statement__in=statements).count()
    keyed = KeyedTally.objects.filter(statement__in=statements).aggregate(
        a=Sum("agree"), d=Sum("disagree"), p=Sum("passed")
    )
    comments = Comment.objects.filter(consultation=consultation, status=Moderation.PUBLISHED).aggregate(
        n=Count("id"), people=Sum("supporters")
    )
    return Counts(
        participants=Participant.objects.filter(consultation=consultation).count(),
        statements=statements.count(),
        votes=votes + sum(v or 0 for v in keyed.values()),
        comments=comments["n"] or 0,
        people_in_comments=comments["people"] or 0,
    )


@dataclass(frozen=True)
class Queue:
    pending: list[Statement]
    statements: list[Statement]  # published, to hide or merge
    hidden_statements: list[Statement]  # hidden or merged, with the reason (staff only)
    comments: list[Comment]  # published, newest first
    hidden_comments: list[Comment]


def moderation_queue(consultation: Consultation, *, limit: int = 200) -> Queue:
    """What a moderator reads: statements waiting, the shown ones, the hidden and merged ones with their
    reasons, and the latest comments."""
    statements = Statement.objects.filter(consultation=consultation).select_related("merged_into")
    comments = Comment.objects.filter(consultation=consultation).select_related("merged_into")
    return Queue(
        pending=list(statements.filter(status=Moderation.PENDING).order_by("id")[:limit]),
        statements=list(statements.filter(status=Moderation.PUBLISHED).order_by("id")[:limit]),
        hidden_statements=list(
            statements.filter(status__in=[Moderation.HIDDEN, Moderation.MERGED]).order_by("-id")[:limit]
        ),
        comments=list(comments.filter(status=Moderation.PUBLISHED).order_by("-id")[:limit]),
        hidden_comments=list(
            comments.filter(status__in=[Moderation.HIDDEN, Moderation.MERGED]).order_by("-id")[:limit]
        ),
    )


def pending_count(consultation: Consultation) -> int:
    return Statement.objects.filter(consultation=consultation, status=Moderation.PENDING).count()


def published_statements(consultation: Consultation) -> list[Statement]:
    return list(Statement.objects.filter(consultation=consultation, status=Moderation.PUBLISHED).order_by("id"))


def comment_receipt(consultation: Consultation, comment_id: int, participant: Participant | None) -> Comment | None:
    """A comment shown back to the participant who wrote it (the receipt page)."""
    if participant is None or not comment_id:
        return None
    return Comment.objects.filter(consultation=consultation, pk=comment_id, participant=participant).first()
