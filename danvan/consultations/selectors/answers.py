"""Consultations: the answers part's selectors (reads only).

Staff reads go through ``consultation_for_answering``: a consultation the user may not answer for is "not
found", like one that does not exist. Public reads (``summary_public``) see only a published summary, and
never a participant's identity: the comments' texts with their channel and source only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from danvan.consultations import choices
from danvan.consultations.models import Comment, CommentGroup, Consultation, KeyedTally, OpinionMap, Summary, Vote
from danvan.consultations.permissions import ANSWER, PUBLISH_SUMMARY
from danvan.core.errors import NotFound
from danvan.org import permissions

GROUPED_STATUSES = (choices.Moderation.PUBLISHED, choices.Moderation.MERGED)


def may_answer(user: Any, consultation: Consultation) -> bool:
    """``ANSWER`` on the consulting body; when the consultation names its answering officers, only they
    and the body's head (``PUBLISH_SUMMARY``, held by heads only) may answer."""
    if not permissions.user_may(user, ANSWER, consultation):
        return False
    responsible = {u.pk for u in consultation.responsible.all()}
    if not responsible or user.pk in responsible:
        return True
    return permissions.user_may(user, PUBLISH_SUMMARY, consultation)


def may_publish(user: Any, consultation: Consultation) -> bool:
    return permissions.user_may(user, PUBLISH_SUMMARY, consultation)


def consultation_for_answering(*, user: Any, code: str) -> Consultation:
    """The consultation ``code`` if ``user`` may answer for it or publish its summary; else ``NotFound``."""
    row = Consultation.objects.filter(code=code).select_related("organization", "place").first()
    if row is None or not (may_answer(user, row) or may_publish(user, row)):
        raise NotFound("consultation not found")
    return row


def groups_of(consultation: Consultation) -> list[CommentGroup]:
    """The consultation's groups by section, each with its comments (published and merged, oldest first)
    prefetched as ``comments_shown``."""
    shown = Comment.objects.filter(status__in=GROUPED_STATUSES).order_by("id")
    return list(
        consultation.groups.prefetch_related(Prefetch("comments", queryset=shown, to_attr="comments_shown"))
        .select_related("answered_by")
        .order_by("section_key", "id")
    )


def ungrouped_comments(consultation: Consultation) -> list[Comment]:
    """Published comments not yet in any group (a merged one follows its target)."""
    return list(consultation.comments.filter(status=choices.Moderation.PUBLISHED, group__isnull=True).order_by("id"))


@dataclass
class AnswerCounts:
    groups: int = 0  # groups with comments
    answered: int = 0
    unanswered: int = 0
    ungrouped: int = 0  # published comments in no group
    comments: int = 0
    by_answer: dict[str, int] = field(default_factory=dict)


def answer_counts(consultation: Consultation) -> AnswerCounts:
    rows = (
        consultation.groups.annotate(n=Count("comments", filter=Q(comments__status__in=GROUPED_STATUSES)))
        .filter(n__gt=0)
        .values_list("answer", "n")
    )
    counts = AnswerCounts()
    by_answer: Counter[str] = Counter()
    for answer, n in rows:
        counts.groups += 1
        counts.comments += n
        by_answer[answer] += 1
    counts.unanswered = by_answer.get(choices.Answer.PENDING, 0)
    counts.answered = counts.groups - counts.unanswered
    counts.by_answer = {a: by_answer.get(a, 0) for a in choices.Answer.values}
    counts.ungrouped = consultation.comments.filter(status=choices.Moderation.PUBLISHED, group__isnull=True).count()
    return counts


def figures(consultation: Consultation) -> dict[str, Any]:
    """The figures frozen in the summary at publication: participation, channels, views and answers, and
    the opinion map's consensus statements when a map was computed. Aggregates only."""
    participants = consultation.participants.all()
    comments = consultation.comments.filter(status__in=GROUPED_STATUSES)
    channels: dict[str, dict[str, int]] = {}
    for row in participants.values("channel").annotate(n=Count("id")):
        channels.setdefault(row["channel"], {"participants": 0, "comments": 0, "supporters": 0})["participants"] = row[
            "n"
        ]
    for row in comments.values("channel").annotate(n=Count("id"), s=Sum("supporters")):
        entry = channels.setdefault(row["channel"], {"participants": 0, "comments": 0, "supporters": 0})
        entry["comments"], entry["supporters"] = row["n"], row["s"] or 0
    statements = consultation.statements.filter(status=choices.Moderation.PUBLISHED)
    online_votes = Vote.objects.filter(statement__consultation=consultation).count()
    keyed = KeyedTally.objects.filter(statement__consultation=consultation).aggregate(
        a=Sum("agree"), d=Sum("disagree"), p=Sum("passed")
    )
    keyed_votes = (keyed["a"] or 0) + (keyed["d"] or 0) + (keyed["p"] or 0)
    counts = answer_counts(consultation)
    result: dict[str, Any] = {
        "participants": participants.count(),
        "households": participants.filter(kind=choices.ParticipantKind.HOUSEHOLD).count(),  # one per household
        "channels": dict(sorted(channels.items())),
        "comments": comments.count(),
        "supporters": comments.aggregate(s=Sum("supporters"))["s"] or 0,
        "statements": statements.count(),
        "votes": online_votes + keyed_votes,
        "votes_online": online_votes,
        "votes_keyed": keyed_votes,
        "groups": counts.groups,
        "groups_by_answer": {a: n for a, n in counts.by_answer.items() if a != choices.Answer.PENDING},
        "consensus": consensus_statements(consultation),
    }
    return result


def consensus_statements(consultation: Consultation) -> list[str]:
    """The latest opinion map's consensus statements (their texts), or [] when no map was computed."""
    latest = OpinionMap.objects.filter(consultation=consultation).order_by("-computed_at", "-id").first()
    if latest is None:
        return []
    ids = [str(x) for x in (latest.result or {}).get("consensus", [])]
    shown = consultation.statements.filter(pk__in=[int(i) for i in ids if i.isdigit()],
                                           status=choices.Moderation.PUBLISHED)  # not one hidden since  # fmt: skip
    texts = dict(shown.values_list("pk", "text"))
    return [texts[int(i)] for i in ids if i.isdigit() and int(i) in texts]


def summary_public(*, code: str) -> Consultation:
    """A consultation whose summary is published, with the summary; else ``NotFound``."""
    row = (
        Consultation.objects.filter(code=code, status=choices.Status.PUBLISHED)
        .select_related("summary_row", "organization", "place")
        .first()
    )
    if row is None or not Summary.objects.filter(consultation=row).exists():
        raise NotFound("summary not found")
    return row


def summary_of(consultation: Consultation) -> Summary | None:
    return Summary.objects.filter(consultation=consultation).first()


def summaries_to_publish(today: dt.date, within_days: int) -> QuerySet[Consultation]:
    """Closed consultations decided, whose summary is not published and is due within ``within_days``
    calendar days or overdue (for the sweep)."""
    return (
        Consultation.objects.filter(status=choices.Status.CLOSED, summary_due_on__isnull=False)
        .filter(summary_due_on__lte=today + dt.timedelta(days=within_days))
        .select_related("organization")
        .order_by("summary_due_on", "id")
    )


def section_headings(consultation: Consultation) -> dict[str, str]:
    """Each section key's heading in the version consulted (version 1), "" → the whole draft."""
    from danvan.consultations.models import DraftSection

    rows = DraftSection.objects.filter(version__consultation=consultation).order_by("version__number", "position")
    headings: dict[str, str] = {}
    for key, heading in rows.values_list("key", "heading"):
        headings.setdefault(key, heading)
    return headings


def later_version_changes(consultation: Consultation) -> tuple[int | None, list[Any]]:
    """The latest version after the one consulted (its number) and its sections that changed, or
    ``(None, [])`` while the draft has not been revised."""
    from danvan.consultations.models import DraftVersion

    latest = consultation.versions.order_by("-number").first()
    if latest is None or latest.number <= 1:
        return None, []
    assert isinstance(latest, DraftVersion)
    changed = list(latest.sections.exclude(change=choices.SectionChange.UNCHANGED).order_by("position"))
    return latest.number, changed
