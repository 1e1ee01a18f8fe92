"""Every read of the commitments part (Chỉ thị 05), through the permission gate.

Who sees what (least privilege): a person sees his own commitments and reviews; a head (``HEAD``) those of
the bodies his role covers; a dân vận officer (``DAN_VAN_OFFICER``) those of the bodies strictly BELOW a
body where he holds his role with its subtree (he evaluates them) — never those of his own body, whose
cadres are his colleagues. Anyone else, and anything missing, answers ``NotFound`` alike.

"Cadres expected" in a body are the people holding today, in that very body, a staff role (every role
but citizen and the technical operator): the platform's grants are its only roster."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.reference_data import may_edit_reference_data
from danvan.emulation import permissions as emulation_permissions
from danvan.emulation.models import (
    Commitment,
    CommitmentReview,
    CommitmentYear,
    PublicCommitment,
    ReviewEvidence,
    ReviewRating,
)
from danvan.emulation.rules import commitments as rules
from danvan.org import permissions
from danvan.org.choices import Role
from danvan.org.models import Organization, RoleAssignment

# Roles that are not cadres of a body for Chỉ thị 05: citizens, and the platform's technical operators.
NOT_CADRE_ROLES = (Role.CITIZEN, Role.OPERATOR)


def is_cadre(user: Any) -> bool:
    """Holds a role that makes the user a cadre (not only a citizen's or an operator's); no query: the roles
    are cached per request (the hub's cards ask it)."""
    return bool(permissions.roles_of(user) - set(NOT_CADRE_ROLES))


def cadre_assignments(day: dt.date) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.active_on(day).exclude(role__in=NOT_CADRE_ROLES).filter(user__is_active=True)


def cadre_bodies(user: Any) -> QuerySet[Organization]:
    """The bodies where ``user`` is a cadre today (where he registers his commitments)."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    ids = cadre_assignments(clock.today()).filter(user_id=user.pk).values("organization_id")
    return Organization.objects.filter(pk__in=ids).order_by("path")


def is_cadre_of(user: Any, organization: Organization) -> bool:
    return cadre_bodies(user).filter(pk=organization.pk).exists()


def commitment_year_get(year: int) -> CommitmentYear | None:
    return CommitmentYear.objects.filter(year=year).first()


def commitment_years() -> QuerySet[CommitmentYear]:
    return CommitmentYear.objects.order_by("-year")


def commitment_year_get_or_404(year: int) -> CommitmentYear:
    row = commitment_year_get(year)
    if row is None:
        raise NotFound("commitment year not found")
    return row


def may_set_years(user: Any) -> bool:
    """May ``user`` set the commitment years (a national rule table): the model permission, not a role over a
    unit (``core.reference_data``). No query: the menu asks it too."""
    return may_edit_reference_data(user, emulation_permissions.COMMITMENT_YEAR_EDIT)


def commitment_year_current() -> CommitmentYear | None:
    """This year's row, or the latest one before it."""
    return CommitmentYear.objects.filter(year__lte=clock.today().year).order_by("-year").first()


def registration_open(year: int) -> bool:
    row = commitment_year_get(year)
    return row is not None and row.windows().registration_open(clock.today())


def _with_reviews(qs: QuerySet[Commitment]) -> list[Commitment]:
    reviews = Prefetch("reviews", CommitmentReview.objects.select_related("assessed_by").prefetch_related("evidence"))
    rows = list(qs.select_related("organization", "person").prefetch_related(reviews))
    for row in rows:
        latest: dict[str, CommitmentReview] = {}
        for review in row.reviews.all():
            latest[review.period] = review  # ordered by version: the last one wins
        row.latest_reviews = latest  # type: ignore[attr-defined]
        row.midyear = latest.get(rules.Period.MIDYEAR.value)  # type: ignore[attr-defined]
        row.yearend = latest.get(rules.Period.YEAREND.value)  # type: ignore[attr-defined]
    return rows


def commitments_of(*, user: Any, year: int) -> list[Commitment]:
    """``user``'s own commitments of ``year``, with their latest reviews."""
    return _with_reviews(Commitment.objects.filter(person_id=user.pk, year=year, withdrawn_at__isnull=True))


def commitments_to_assess(*, user: Any, year: int) -> QuerySet[Commitment]:
    """The commitments of ``year`` in the bodies ``user`` assesses as their head (not his own)."""
    visible = permissions.scope_filter(user, emulation_permissions.COMMITMENT_ASSESS, "organization")
    return (
        Commitment.objects.filter(visible, year=year, withdrawn_at__isnull=True)
        .exclude(person_id=user.pk)
        .order_by("organization__path", "person__full_name", "id")
    )


def commitments_listed(qs: QuerySet[Commitment]) -> list[Commitment]:
    return _with_reviews(qs)


def bodies_evaluated_from_above(user: Any) -> QuerySet[Organization]:
    """The bodies ``user`` evaluates from above: those strictly below a body where he holds an evaluating role
    (``COMMITMENT_EVALUATE_REVIEWS``) with its subtree. The body itself never counts: there he is a colleague."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organization.objects.none()
    roles = permissions.registered_actions()[emulation_permissions.COMMITMENT_EVALUATE_REVIEWS].roles
    tops = (
        RoleAssignment.objects.active_on(clock.today())
        .filter(user_id=user.pk, role__in=roles, include_subtree=True)
        .values_list("organization__path", flat=True)
    )
    below = Q(pk__in=[])
    for path in tops:
        below |= Q(path__startswith=path) & ~Q(path=path)
    return Organization.objects.filter(below)


def evaluates_from_above(user: Any, organization: Organization) -> bool:
    """Does ``user`` evaluate ``organization`` from above (``bodies_evaluated_from_above``)?"""
    return bodies_evaluated_from_above(user).filter(pk=organization.pk).exists()


class _PersonIn:
    """A person in a body, as the permission gate reads an object (the body scopes, the person owns)."""

    def __init__(self, person_id: int | None, organization: Organization) -> None:
        self.person_id, self.organization = person_id, organization

    def permission_organization(self) -> Organization:
        return self.organization

    def permission_owner_id(self) -> int | None:
        return self.person_id


def may_read_reviews_of(user: Any, *, person_id: int | None, organization: Organization) -> bool:
    """May ``user`` read the reviews of the person ``person_id`` as a cadre of ``organization``: the person,
    his head (``COMMITMENT_VIEW_REVIEWS``), or an evaluating officer from above. With ``person_id`` None:
    may he read those of anyone in the body (the head, or from above)."""
    return permissions.user_may(
        user, emulation_permissions.COMMITMENT_VIEW_REVIEWS, _PersonIn(person_id, organization)
    ) or (evaluates_from_above(user, organization))


def review_readable_bodies(user: Any) -> QuerySet[Organization]:
    """The bodies in whose every cadre's reviews ``user`` may read (``may_read_reviews_of`` with no person):
    those his head's role covers, and those he evaluates from above."""
    heads = Organization.objects.filter(permissions.scope_filter(user, emulation_permissions.COMMITMENT_VIEW_REVIEWS))
    return Organization.objects.filter(
        Q(pk__in=heads.values("pk")) | Q(pk__in=bodies_evaluated_from_above(user).values("pk"))
    )


def may_read_reviews(user: Any, commitment: Commitment) -> bool:
    """The person, his head (``COMMITMENT_VIEW_REVIEWS``), or an evaluating officer from above."""
    return may_read_reviews_of(user, person_id=commitment.person_id, organization=commitment.organization)


def commitment_get_for(*, user: Any, pk: int) -> Commitment:
    """One commitment with its reviews, for its person, his head or an evaluating officer; else NotFound."""
    row = Commitment.objects.filter(pk=pk, withdrawn_at__isnull=True).select_related("organization").first()
    if row is None or not may_read_reviews(user, row):
        raise NotFound(_("No such commitment."), code="not_found")
    return _with_reviews(Commitment.objects.filter(pk=row.pk))[0]


def review_get_for(*, user: Any, commitment: Commitment, pk: int) -> CommitmentReview:
    review = CommitmentReview.objects.filter(pk=pk, commitment=commitment).select_related("commitment").first()
    if review is None:
        raise NotFound(_("No such review."), code="not_found")
    return review


def evidence_get_for(*, user: Any, commitment_pk: int, pk: int) -> ReviewEvidence:
    commitment = commitment_get_for(user=user, pk=commitment_pk)
    evidence = ReviewEvidence.objects.filter(pk=pk, review__commitment=commitment).first()
    if evidence is None:
        raise NotFound(_("No such file."), code="not_found")
    return evidence


# --- Figures per unit ---------------------------------------------------------------------------------


def _assessed_completed(live: QuerySet[Commitment]) -> QuerySet[CommitmentReview]:
    """The year-end reviews of ``live`` whose head's assessment is "completed": the latest version of each
    counts (an earlier version assessed completed and then replaced does not)."""
    later = CommitmentReview.objects.filter(
        commitment_id=OuterRef("commitment_id"), period=OuterRef("period"), version__gt=OuterRef("version")
    )
    return CommitmentReview.objects.filter(
        commitment__in=live, period=rules.Period.YEAREND.value, assessment=ReviewRating.COMPLETED
    ).exclude(Exists(later))


def unit_figures(*, organization_ids: list[int], year: int, day: dt.date | None = None) -> dict[int, rules.UnitFigures]:
    """Each body's counts for ``year`` (four queries whatever the number of bodies or rows)."""
    day = day or clock.today()
    ids = list(organization_ids)
    expected: dict[int, set[int]] = {pk: set() for pk in ids}
    for org_id, user_id in (
        cadre_assignments(day).filter(organization_id__in=ids).values_list("organization_id", "user_id")
    ):
        expected[org_id].add(user_id)
    live = Commitment.objects.filter(organization_id__in=ids, year=year, withdrawn_at__isnull=True)
    people: dict[int, set[int]] = {pk: set() for pk in ids}
    registered = dict.fromkeys(ids, 0)
    for org_id, person_id in live.values_list("organization_id", "person_id"):
        people[org_id].add(person_id)
        registered[org_id] += 1
    reviewed = {
        (row["commitment__organization_id"], row["period"]): row["n"]
        for row in CommitmentReview.objects.filter(commitment__in=live, version=1)
        .values("commitment__organization_id", "period")
        .annotate(n=Count("commitment_id", distinct=True))
    }
    completed = dict(
        _assessed_completed(live)
        .values("commitment__organization_id")
        .annotate(n=Count("commitment_id", distinct=True))
        .values_list("commitment__organization_id", "n")
    )
    return {
        pk: rules.UnitFigures(
            # Someone who registered counts as expected even if his role ended since.
            expected=len(expected[pk] | people[pk]),
            with_commitment=len(people[pk]),
            registered=registered[pk],
            reviewed_midyear=reviewed.get((pk, rules.Period.MIDYEAR.value), 0),
            reviewed_yearend=reviewed.get((pk, rules.Period.YEAREND.value), 0),
            assessed_completed=completed.get(pk, 0),
        )
        for pk in ids
    }


def commitments_yearly_figures(*, organization_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """For the yearly evaluation: per body, plain numbers — ``cadres_expected``, ``cadres_with_commitment``,
    ``commitments_registered``, ``commitments_assessed_completed`` (the head's year-end assessment)."""
    return {
        pk: {
            "cadres_expected": f.expected,
            "cadres_with_commitment": f.with_commitment,
            "commitments_registered": f.registered,
            "commitments_assessed_completed": f.assessed_completed,
        }
        for pk, f in unit_figures(organization_ids=organization_ids, year=year).items()
    }


def commitments_person_yearly_figures(
    *, organization_id: int, user_ids: list[int], year: int
) -> dict[int, dict[str, int]]:
    """For the per-official evaluation sheet: per person (every id asked for is in the result) his own
    commitments of ``year`` registered in the body ``organization_id`` — ``registered`` (not withdrawn),
    ``assessed_completed`` (the head's year-end assessment, ``_assessed_completed``) and ``first_id`` (the
    first one, 0 when none: the sheet's link). Commitments registered in another body are not counted.
    Not gated: the caller gates on the body and the people. Two queries."""
    out = {pk: {"registered": 0, "assessed_completed": 0, "first_id": 0} for pk in user_ids}
    live = Commitment.objects.filter(
        organization_id=organization_id, person_id__in=user_ids, year=year, withdrawn_at__isnull=True
    )
    for person_id, pk in live.order_by("id").values_list("person_id", "pk"):
        out[person_id]["registered"] += 1
        out[person_id]["first_id"] = out[person_id]["first_id"] or pk
    for person_id, n in (
        _assessed_completed(live)
        .values("commitment__person_id")
        .annotate(n=Count("commitment_id", distinct=True))
        .values_list("commitment__person_id", "n")
    ):
        out[person_id]["assessed_completed"] = n
    return out


@dataclass(frozen=True)
class UnitRow:
    organization: Organization
    figures: rules.UnitFigures
    registration_rate: float | None  # people with a commitment / cadres expected
    completion_rate: float | None  # assessed completed / registered
    late: list[str]


LATE_LABELS = {
    "no_commitment": "Someone has no commitment after registration closed",
    "no_midyear_review": "A commitment has no mid-year review after its window closed",
    "no_yearend_review": "A commitment has no year-end review after its window closed",
}


def units_for(*, user: Any, year: CommitmentYear, late_only: bool = False) -> list[UnitRow]:
    """The bodies ``user`` may follow (their heads and dân vận officers, by subtree) that have cadres or
    commitments in ``year``, with their figures and why each is late."""
    scope = permissions.scope_filter(user, emulation_permissions.COMMITMENT_VIEW_UNITS)
    today = clock.today()
    bodies = Organization.objects.filter(scope).filter(
        Q(pk__in=cadre_assignments(today).values("organization_id"))
        | Q(pk__in=Commitment.objects.filter(year=year.year).values("organization_id"))
    )
    orgs = list(bodies.order_by("path")[:2000])
    figures = unit_figures(organization_ids=[o.pk for o in orgs], year=year.year, day=today)
    windows = year.windows()
    rows = []
    for org in orgs:
        f = figures[org.pk]
        late = rules.late_reasons(f, windows, today)
        if late_only and not late:
            continue
        rows.append(UnitRow(org, f, rules.rate(f.with_commitment, f.expected), rules.rate(f.assessed_completed,
                                                                                          f.registered), late))  # fmt: skip
    return rows


def public_commitments_of(organization: Organization) -> list[PublicCommitment]:
    return list(PublicCommitment.objects.filter(organization=organization, withdrawn_at__isnull=True))


def public_commitment_bodies() -> QuerySet[Organization]:
    """The bodies that show public service commitments (the public index)."""
    ids = PublicCommitment.objects.filter(withdrawn_at__isnull=True).values("organization_id")
    return Organization.objects.filter(pk__in=ids).order_by("name")


def public_commitment_body(code: str) -> Organization:
    org = public_commitment_bodies().filter(code=code).first()
    if org is None:
        raise NotFound(_("No such body."), code="not_found")
    return org


def public_commitment_post_bodies(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(
        permissions.scope_filter(user, emulation_permissions.PUBLIC_COMMITMENT_POST)
    ).order_by("path")


def assessable(*, user: Any, commitment: Commitment) -> bool:
    return commitment.person_id != user.pk and permissions.user_may(
        user, emulation_permissions.COMMITMENT_ASSESS, commitment
    )
