"""Commendation's reads, through the permission gate: the proposals of one's units (and those on whose
council one sits), a proposal with its council, the decided commendations of a year (the printable list),
the forms, the criticism and discipline records one may see, and the yearly figures the evaluation reads.

A missing and a forbidden object both raise ``NotFound``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.reference_data import may_edit_reference_data
from danvan.emulation import permissions as ep
from danvan.emulation.models import (
    CommendationAuthority,
    CommendationCouncilMember,
    CommendationForm,
    CommendationProposal,
    DisciplineRecord,
)
from danvan.emulation.rules import commendation as rules
from danvan.org import permissions
from danvan.org.models import Organization, OrganizationKind, RoleAssignment, User

_PROPOSAL_RELATED = ("organization", "subject_organization", "proposed_form", "decided_form", "deciding_organization",
                     "model", "person")  # fmt: skip


def forms(family: str) -> QuerySet[CommendationForm]:
    return CommendationForm.objects.filter(family=family, is_active=True)


# The forms and who gives them (the province operators' data) ---------------------------------------------


def may_manage_forms(user: Any) -> bool:
    """Who edits the forms of commendation and discipline (a national rule table): the model permission, not
    a role over a unit (``core.reference_data``)."""
    return may_edit_reference_data(user, ep.COMMENDATION_MANAGE_FORMS)


def may_manage_authorities(user: Any) -> bool:
    """Who edits the table of who gives which form (a national rule table): the model permission, not a role
    over a unit. Who decides reads it (the page)."""
    return may_edit_reference_data(user, ep.COMMENDATION_MANAGE_AUTHORITIES)


def all_forms() -> QuerySet[CommendationForm]:
    """Every form, retired ones included (the operators' page)."""
    return CommendationForm.objects.order_by("family", "-is_active", "sort_order", "id")


def form_get(*, pk: int) -> CommendationForm:
    form = CommendationForm.objects.filter(pk=pk).first()
    if form is None:
        raise NotFound("form not found")
    return form


def authorities() -> QuerySet[CommendationAuthority]:
    return CommendationAuthority.objects.select_related("form", "kind")


def authority_get(*, pk: int) -> CommendationAuthority:
    row = authorities().filter(pk=pk).first()
    if row is None:
        raise NotFound("authority not found")
    return row


def authority_rules(*, form: CommendationForm, kind: OrganizationKind) -> list[rules.AuthorityRule]:
    """The rows of the authority table for a form and a kind of body, as the pure rule reads them."""
    rows = CommendationAuthority.objects.filter(form=form, kind=kind).values_list("level", "valid_from", "valid_to")
    return [rules.AuthorityRule(form.code, level, kind.code, since, until) for level, since, until in rows]


def organization_kinds() -> QuerySet[OrganizationKind]:
    return OrganizationKind.objects.filter(is_active=True).order_by("sort_order", "id")


def proposals_for(user: Any, *, status: str = "") -> QuerySet[CommendationProposal]:
    """The proposals of the units the user reads, and those on whose council they sit; newest first."""
    visible = permissions.scope_filter(user, ep.COMMENDATION_VIEW, "organization")
    if getattr(user, "is_authenticated", False):
        visible |= Q(pk__in=CommendationCouncilMember.objects.filter(user=user).values("proposal_id"))
    qs = CommendationProposal.objects.filter(visible).select_related(*_PROPOSAL_RELATED)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(member_count=Count("members", distinct=True)).order_by("-proposed_on", "-id")


def seat_of(user: Any, proposal: CommendationProposal) -> CommendationCouncilMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CommendationCouncilMember.objects.filter(proposal=proposal, user=user).first()


def proposal_for(user: Any, pk: int) -> CommendationProposal:
    proposal = CommendationProposal.objects.filter(pk=pk).select_related(*_PROPOSAL_RELATED).first()
    if proposal is None or not (
        permissions.user_may(user, ep.COMMENDATION_VIEW, proposal) or seat_of(user, proposal) is not None
    ):
        raise NotFound("proposal not found")
    return proposal


def council(proposal: CommendationProposal) -> list[CommendationCouncilMember]:
    return list(proposal.members.select_related("user", "organization"))


@dataclass(frozen=True)
class CouncilSummary:
    members: list[CommendationCouncilMember]
    tally: dict[str, int]
    has_spoken: bool


def council_summary(proposal: CommendationProposal) -> CouncilSummary:
    members = council(proposal)
    given = [m.opinion for m in members if m.opinion]
    return CouncilSummary(
        members, rules.tally(given), rules.council_has_spoken(seats=len(members), opinions=len(given))
    )


def is_own_unit(user: Any, proposal: CommendationProposal, organization: Organization) -> bool:
    """Does a council member come from the proposing unit or the subject's own unit? The seat's body is one
    of them or under one, or the person holds a role today in one of them or under it."""
    own = [proposal.organization, proposal.subject_organization]
    if any(organization.pk == o.pk or organization.is_within(o) for o in own):
        return True
    where = Q()
    for o in own:
        where |= Q(organization__path__startswith=o.path)
    return RoleAssignment.objects.active_on(clock.today()).filter(user=user).filter(where).exists()


def holds_role_in(person: Any, organization: Organization) -> bool:
    return RoleAssignment.objects.active_on(clock.today()).filter(user=person, organization=organization).exists()


def proposing_units_for(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(
        permissions.scope_filter(user, ep.COMMENDATION_PROPOSE), is_active=True
    ).order_by("path")


def deciding_units_for(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(permissions.scope_filter(user, ep.COMMENDATION_DECIDE), is_active=True).order_by(
        "path"
    )


def decided_in_year(user: Any, year: int) -> QuerySet[CommendationProposal]:
    """The commendations decided in ``year`` among the proposals the user reads (the printable list)."""
    return (
        proposals_for(user, status=rules.Status.DECIDED)
        .filter(decided_on__year=year)
        .order_by("decided_on", "decision_number", "id")
    )


def commendation_yearly_figures(*, organization_ids: list[int], year: int) -> dict[int, int]:
    """Per body (every id asked for is in the result), the commendations decided in ``year`` for it, its
    people, its models and exemplars (by the subject's unit). Not gated: the evaluation gates on the bodies.
    One query whatever the number of bodies."""
    out = dict.fromkeys(organization_ids, 0)
    if not organization_ids:
        return out
    rows = (
        CommendationProposal.objects.filter(
            status=rules.Status.DECIDED, decided_on__year=year, subject_organization_id__in=organization_ids
        )
        .values("subject_organization_id")
        .annotate(n=Count("id"))
    )
    for row in rows:
        out[row["subject_organization_id"]] = row["n"]
    return out


def commendation_person_yearly_figures(
    *, organization_id: int, user_ids: list[int], year: int
) -> dict[int, dict[str, int]]:
    """For the per-official evaluation sheet: per person (every id asked for is in the result) the
    commendations decided in ``year`` for him (a proposal for a person) as an official of the body
    ``organization_id`` (``subject_organization``, the person's body), ``commendations``, and ``first_id``
    (the first of them, 0 when none: the sheet's link). Those for his work in another body are not counted.
    Not gated: the caller gates on the body and the people. One query."""
    out = {pk: {"commendations": 0, "first_id": 0} for pk in user_ids}
    rows = CommendationProposal.objects.filter(
        status=rules.Status.DECIDED, subject_kind=rules.SubjectKind.PERSON, person_id__in=user_ids,
        subject_organization_id=organization_id, decided_on__year=year,
    ).order_by("decided_on", "id")  # fmt: skip
    for person_id, pk in rows.values_list("person_id", "pk"):
        out[person_id]["commendations"] += 1
        out[person_id]["first_id"] = out[person_id]["first_id"] or pk
    return out


# Criticism and discipline ---------------------------------------------------------------------------------


def _visible_discipline(user: Any) -> Q:
    visible = permissions.scope_filter(user, ep.DISCIPLINE_VIEW, "organization")
    if getattr(user, "is_authenticated", False):
        visible |= Q(person=user)
    return visible


def discipline_for(user: Any, *, current: bool = False) -> QuerySet[DisciplineRecord]:
    """The records the user may read: his own, and those of the units where he is the head (or decides). Every
    version is read through the same gate; ``current`` leaves out the versions a correction superseded."""
    qs = DisciplineRecord.objects.filter(_visible_discipline(user))
    if current:
        qs = qs.exclude(status=rules.DisciplineStatus.SUPERSEDED)
    return qs.select_related("person", "organization", "form", "deciding_organization").order_by("-decided_on", "-id")


def discipline_versions(user: Any, record: DisciplineRecord) -> list[DisciplineRecord]:
    """Every version of the record (the first to the newest) the user may read: one query per step back or
    forward, a handful at most."""
    chain = [record]
    while chain[0].previous_id is not None:
        older = discipline_for(user).filter(pk=chain[0].previous_id).first()
        if older is None:
            break
        chain.insert(0, older)
    while True:
        newer = discipline_for(user).filter(previous_id=chain[-1].pk).first()
        if newer is None:
            break
        chain.append(newer)
    return chain


def discipline_record_for(user: Any, pk: int) -> DisciplineRecord:
    record = discipline_for(user).filter(pk=pk).first()
    if record is None:
        raise NotFound("record not found")
    return record


def discipline_units_for(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(permissions.scope_filter(user, ep.DISCIPLINE_RECORD), is_active=True).order_by(
        "path"
    )


# The forms' choices ---------------------------------------------------------------------------------------

_MOVEMENT_ROLES = ("head", "dan_van_officer", "front_officer")


def _people_in(organizations: QuerySet[Organization], roles: tuple[str, ...] = ()) -> QuerySet[User]:
    assignments = RoleAssignment.objects.active_on(clock.today()).filter(organization__in=organizations)
    if roles:
        assignments = assignments.filter(role__in=roles)
    return User.objects.filter(pk__in=assignments.values("user_id"), is_active=True).order_by("full_name", "pk")


def people_for(user: Any) -> QuerySet[User]:
    """The officers of the units the user proposes for (the persons a proposal may name)."""
    return _people_in(proposing_units_for(user))


def council_bodies_for(user: Any) -> QuerySet[Organization]:
    return deciding_units_for(user)


def council_candidates_for(user: Any) -> QuerySet[User]:
    """The movement's people (heads, dân vận and Front officers) in the bodies the user decides for."""
    return _people_in(deciding_units_for(user), _MOVEMENT_ROLES)


def discipline_people_for(user: Any) -> QuerySet[User]:
    return _people_in(discipline_units_for(user))
