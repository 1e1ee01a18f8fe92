"""Reads of dialogues: the public list and page (published dialogues only, never an asker, never a hidden
question), and the officers' list and page through the permission gate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.org import permissions
from danvan.org.models import AdministrativeUnit, Organization
from danvan.reception.choices import CommitmentStatus, DialogueStatus
from danvan.reception.models import Dialogue, DialogueCommitment, DialogueQuestion
from danvan.reception.permissions import MANAGE_DIALOGUES, WORK_TASKS

PUBLIC_LIMIT = 50  # per list (upcoming, past); a filter by place narrows further


def _published() -> QuerySet[Dialogue]:
    return Dialogue.objects.exclude(invitation="").exclude(status=DialogueStatus.CANCELLED)


def _with_counts(rows: QuerySet[Dialogue]) -> QuerySet[Dialogue]:
    return rows.select_related("organization", "unit").annotate(
        n_questions=Count("questions", filter=Q(questions__is_hidden=False), distinct=True),
        n_commitments=Count("commitments", distinct=True),
        n_kept=Count("commitments", filter=Q(commitments__status=CommitmentStatus.KEPT), distinct=True),
    )


@dataclass(frozen=True)
class PublicDialogues:
    upcoming: list[Dialogue]
    past: list[Dialogue]
    places: list[AdministrativeUnit]
    place: AdministrativeUnit | None


def dialogues_public(*, place_id: int | None = None) -> PublicDialogues:
    """Published dialogues: upcoming (soonest first) and past (latest first), optionally of one place."""
    rows = _published()
    places = list(AdministrativeUnit.objects.filter(pk__in=rows.values("unit_id")).order_by("name"))
    place = next((p for p in places if p.pk == place_id), None) if place_id else None
    if place_id:
        rows = rows.filter(unit_id=place_id)
    rows = _with_counts(rows)
    now = clock.now()
    upcoming = rows.filter(status=DialogueStatus.PLANNED, planned_at__gte=now).order_by("planned_at", "id")
    past = rows.filter(Q(status__in=[DialogueStatus.HELD, DialogueStatus.CLOSED]) | Q(planned_at__lt=now)).order_by(
        "-planned_at", "-id"
    )
    return PublicDialogues(list(upcoming[:PUBLIC_LIMIT]), list(past[:PUBLIC_LIMIT]), places, place)


def public_questions() -> Prefetch:
    return Prefetch("questions", queryset=DialogueQuestion.objects.filter(is_hidden=False).order_by("created_at", "id"),
                    to_attr="public_questions")  # fmt: skip


def _commitments() -> Prefetch:
    return Prefetch("commitments", queryset=DialogueCommitment.objects.select_related("owner_organization")
                    .order_by("due_on", "id"), to_attr="commitment_rows")  # fmt: skip


def dialogue_public(*, pk: int) -> Dialogue:
    """One published dialogue with its visible questions (``public_questions``) and its commitments
    (``commitment_rows``). Askers are in the rows but the public templates and schemas never read them."""
    dialogue = (
        _published().select_related("organization", "unit").prefetch_related(public_questions(), _commitments())
        .filter(pk=pk).first()
    )  # fmt: skip
    if dialogue is None:
        raise NotFound("dialogue not found")
    return dialogue


def dialogues_for(*, user: Any, status: str = "") -> QuerySet[Dialogue]:
    """The dialogues of the bodies where ``user`` may manage dialogues, latest first."""
    rows = _with_counts(Dialogue.objects.filter(permissions.scope_filter(user, MANAGE_DIALOGUES, "organization")))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-planned_at", "-id")


def dialogue_get_for(*, user: Any, pk: int) -> Dialogue:
    """One dialogue for its managers, with every question (hidden ones and askers included) and commitment."""
    dialogue = (
        Dialogue.objects.filter(permissions.scope_filter(user, MANAGE_DIALOGUES, "organization"), pk=pk)
        .select_related("organization", "unit", "head")
        .prefetch_related(
            Prefetch("questions", queryset=DialogueQuestion.objects.select_related("answered_by")
                     .order_by("created_at", "id"), to_attr="all_questions"),
            Prefetch("commitments", queryset=DialogueCommitment.objects.select_related("owner_organization", "owner_user")
                     .order_by("due_on", "id"), to_attr="commitment_rows"),
        )
        .first()
    )  # fmt: skip
    if dialogue is None:
        raise NotFound("dialogue not found")
    return dialogue


def commitments_for(*, user: Any) -> QuerySet[DialogueCommitment]:
    """Open commitments the user's bodies own (WORK_TASKS there), soonest due first."""
    return (
        DialogueCommitment.objects.filter(permissions.scope_filter(user, WORK_TASKS, "owner_organization"),
                                          status=CommitmentStatus.OPEN)
        .select_related("dialogue", "owner_organization")
        .order_by("due_on", "id")
    )  # fmt: skip


# --- Rows the staff pages act on (the services check who may) ------------------------------------------


def dialogue_for_print(*, pk: int) -> Dialogue | None:
    return (Dialogue.objects.select_related("organization__parent", "organization__unit", "organization__kind", "head")
            .filter(pk=pk).first())  # fmt: skip


def dialogue_row(*, pk: int) -> Dialogue | None:
    return Dialogue.objects.select_related("organization").filter(pk=pk).first()


def question_row(*, pk: int) -> DialogueQuestion | None:
    return DialogueQuestion.objects.filter(pk=pk).select_related("dialogue").first()


def commitment_row(*, pk: int) -> DialogueCommitment | None:
    return (DialogueCommitment.objects.filter(pk=pk).select_related("dialogue__organization", "owner_organization")
            .first())  # fmt: skip


def owner_bodies(organization: Organization) -> QuerySet[Organization]:
    """Who may own a commitment: the convening body, the bodies under it, and its parent."""
    return Organization.objects.filter(
        Q(path__startswith=organization.path) | Q(pk=organization.parent_id), is_active=True
    ).order_by("path")


def units_and_their_communes(unit_ids: Any) -> QuerySet[AdministrativeUnit]:
    """The places a dialogue may be about: the bodies' units and the communes under them."""
    return AdministrativeUnit.objects.filter(Q(pk__in=unit_ids) | Q(parent_id__in=unit_ids)).order_by("name")
