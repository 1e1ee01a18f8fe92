"""The per-official figures sheet of the yearly dân vận evaluation: for each official of a unit, what the
platform measured of his dân vận work in a year — INPUTS to the evaluation his head makes, never a grade
and never a score (legal-spec §6.3: cadre evaluation is [U]; "store dân vận KPIs per person and per unit
as inputs to evaluation. Do not encode a grading formula").

A registry of person indicators parallel to the units' one (``evaluation_indicators``): a key → a provider
``function(organization, user_ids, year) -> {user_id: Figure | reason}``; a person the provider leaves out,
or answers with a reason code, is NOT MEASURED (shown "chưa đo" with its reason), never a zero.

A sheet is a unit's: its figures count only what the person did IN THAT BODY (its cases, its reception
sessions, commitments registered there, commendations as its official). The unit's head reads the sheet and
may not open another body's cases: a person who moved counts in each body for what he did there. Training
certificates alone are personal (a qualification he carries, from courses usually held by a higher level;
already shown per unit on the training coverage page). The providers read
the other capabilities through their selectors only (cases, reception) and emulation's own parts through
theirs (commitments, training, commendation). Discipline records are never on the sheet: they are read
only by those who decide.

Who reads a sheet: the rule of Chỉ thị 05 reviews (``selectors.commitments.may_read_reviews_of``) — the
person himself, his head, a dân vận officer holding his role with its subtree on a body strictly above.
Anyone else, and anything missing, answers ``NotFound`` alike.

"Officials of a unit in a year": the people holding a staff role (every role but citizen and operator,
``commitments.NOT_CADRE_ROLES``) in that very body at some point of the year. A fixed number of queries
whatever the number of officials (the list page is pinned in tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core import parsing
from danvan.core.errors import NotFound
from danvan.emulation.rules.evaluation import Figure
from danvan.emulation.selectors import commitments
from danvan.emulation.selectors.evaluation_indicators import (
    NO_DATA,
    NO_PROVIDER,
    NOT_APPLICABLE,
    Measured,
    as_measured,
    share,
)
from danvan.emulation.selectors.evaluation_indicators import _url as url
from danvan.org.models import Organization, RoleAssignment, User

PersonProvider = Callable[[Organization, list[int], int], Mapping[int, Figure | str]]

# How many units the unit picker offers at most (a province's evaluator reaches thousands: he types an id).
PICKER_CAP = 500


@dataclass(frozen=True)
class PersonIndicator:
    key: str
    label: Any  # a lazy translation
    source: Any  # where the figure comes from (a lazy translation)
    function: PersonProvider
    missing: str = NO_DATA
    kind: str = "share"  # "share" (per cent of numerator/denominator) or "count"


_REGISTRY: dict[str, PersonIndicator] = {}


def register_person_indicator(
    key: str, function: PersonProvider, *, label: Any, source: Any, missing: str = NO_DATA, kind: str = "share"
) -> None:
    """Provide the person indicator ``key``; re-registering replaces (tests swap providers)."""
    _REGISTRY[key] = PersonIndicator(key, label, source, function, missing, kind)


def unregister_person_indicator(key: str) -> None:
    _REGISTRY.pop(key, None)


def person_indicators() -> list[PersonIndicator]:
    return list(_REGISTRY.values())


def measure_people(
    organization: Organization, user_ids: list[int], year: int, keys: list[str] | None = None
) -> dict[str, dict[int, Measured]]:
    """Every person indicator (or those of ``keys``) for every person, as an official of ``organization``:
    ``{key: {user_id: Measured}}``."""
    out: dict[str, dict[int, Measured]] = {}
    for key in keys if keys is not None else list(_REGISTRY):
        registered = _REGISTRY.get(key)
        if registered is None:
            out[key] = {pk: Measured(None, NO_PROVIDER) for pk in user_ids}
            continue
        got = registered.function(organization, list(user_ids), year)
        out[key] = {pk: as_measured(got.get(pk), registered.missing) for pk in user_ids}
    return out


# The providers ------------------------------------------------------------------------------------------------


def cases_settled_on_time(organization: Organization, user_ids: list[int], year: int) -> dict[int, Figure | str]:
    """The body's cases the person handled that were settled in the year on time, of those settled with a
    deadline (``cases.selectors.handler_yearly_figures``: the units' on-time rule; tố cáo never counted).
    Not measured when he settled none with a deadline. The link: the inbox on him and that body."""
    from danvan.cases.selectors import handler_yearly_figures

    out: dict[int, Figure | str] = {}
    for pk, row in handler_yearly_figures(organization_id=organization.pk, user_ids=user_ids, year=year).items():
        link = url("cases:case_inbox", query=f"handler={pk}&organization={organization.pk}&include_closed=on")
        figure = share(row["on_time"], row["on_time"] + row["late"], link=link)
        if figure is not None:
            out[pk] = figure
    return out


def reception_presided(organization: Organization, user_ids: list[int], year: int) -> dict[int, Figure | str]:
    """The body's reception sessions held in the year that the person presided (``reception.selectors.
    compliance.presided_yearly``): a count, measured for a person with a head's reception duty of the body in
    the year or who presided one (for anyone else reception is not his duty: not applicable, not zero)."""
    from danvan.reception.selectors.compliance import presided_yearly

    out: dict[int, Figure | str] = {}
    for pk, row in presided_yearly(organization_id=organization.pk, user_ids=user_ids, year=year).items():
        if not (row["duty"] or row["presided"]):
            out[pk] = NOT_APPLICABLE
            continue
        link = url("reception:compliance_head", pk, query=f"month={year}-12")
        out[pk] = Figure(float(row["presided"]), numerator=row["presided"], link=link)
    return out


def commitments_completed(organization: Organization, user_ids: list[int], year: int) -> dict[int, Figure | str]:
    """The person's own Chỉ thị 05 commitments of the year registered in the body, assessed completed by the
    head at the year-end review, of those he registered there; not measured when he registered none."""
    from danvan.emulation.selectors.commitments import commitments_person_yearly_figures

    out: dict[int, Figure | str] = {}
    rows = commitments_person_yearly_figures(organization_id=organization.pk, user_ids=user_ids, year=year)
    for pk, row in rows.items():
        link = url("emulation:commitment_detail", row["first_id"]) if row["first_id"] else ""
        figure = share(row["assessed_completed"], row["registered"], link=link)
        if figure is not None:
            out[pk] = figure
    return out


def training_certificates(organization: Organization, user_ids: list[int], year: int) -> dict[int, Figure | str]:
    """Training certificates issued to the person in the year: a count, measured for a person enrolled in a
    course on the platform in the year or holding a certificate of it (otherwise 0 would mean "not here").
    Personal, whatever the body (``organization`` unused): a qualification he carries, from courses usually
    held by a higher level, and already shown per unit on the training coverage page."""
    del organization
    from danvan.emulation.selectors.training import training_person_yearly_figures

    out: dict[int, Figure | str] = {}
    for pk, row in training_person_yearly_figures(user_ids=user_ids, year=year).items():
        if not (row["enrolled"] or row["certificates"]):
            continue
        link = url("emulation:training_certificate", row["first_id"]) if row["first_id"] else ""
        out[pk] = Figure(float(row["certificates"]), numerator=row["certificates"], link=link)
    return out


def commendations(organization: Organization, user_ids: list[int], year: int) -> dict[int, Figure | str]:
    """Commendations decided in the year for the person as an official of the body (its ``subject_
    organization``): a count, zero included (a commendation proposed and decided on the platform is held
    here, as for the units)."""
    from danvan.emulation.selectors.commendation import commendation_person_yearly_figures

    out: dict[int, Figure | str] = {}
    rows = commendation_person_yearly_figures(organization_id=organization.pk, user_ids=user_ids, year=year)
    for pk, row in rows.items():
        link = url("emulation:commendation_detail", row["first_id"]) if row["first_id"] else ""
        out[pk] = Figure(float(row["commendations"]), numerator=row["commendations"], link=link)
    return out


def register_builtin() -> None:
    register_person_indicator(
        "cases_settled_on_time", cases_settled_on_time, label=_("Petitions settled on time"),
        source=_("Petitions of this unit the official handled, settled in the year (never tố cáo): on time / with a deadline"),
    )  # fmt: skip
    register_person_indicator(
        "reception_presided", reception_presided, label=_("Reception sessions presided"), kind="count",
        source=_("Citizen reception sessions of this unit held in the year that the official presided (regular and ad hoc)"),
    )  # fmt: skip
    register_person_indicator(
        "commitments_completed", commitments_completed, label=_("Chỉ thị 05 commitments completed"),
        source=_("The official's own commitments of the year in this unit: assessed completed by the head at year-end / registered"),
    )  # fmt: skip
    register_person_indicator(
        "training_certificates", training_certificates, label=_("Training certificates"), kind="count",
        source=_("Certificates of dân vận training courses issued to the official in the year, wherever he was trained"),
    )  # fmt: skip
    register_person_indicator(
        "commendations", commendations, label=_("Commendations"), kind="count",
        source=_("Commendations decided in the year for the official as an official of this unit"),
    )  # fmt: skip


register_builtin()


# Who and whom ---------------------------------------------------------------------------------------------------

# The one rule of which units have sheets, for the list, its picker and one sheet alike: an active body.
ACTIVE_UNIT = Q(is_active=True)


def _year_assignments(year: int) -> QuerySet[RoleAssignment]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        RoleAssignment.objects.filter(Q(start_on__isnull=True) | Q(start_on__lte=last))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first))
        .exclude(role__in=commitments.NOT_CADRE_ROLES)
        .filter(user__is_active=True)
    )


def officials(organization: Organization, year: int) -> list[User]:
    """The officials of ``organization`` in ``year``: a staff role held in that very body at some point of
    the year. One query."""
    ids = _year_assignments(year).filter(organization=organization).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("full_name", "username", "pk"))


def units_for(user: Any) -> QuerySet[Organization]:
    """The units whose officials' sheets ``user`` may read as a head or an evaluator from above
    (``commitments.review_readable_bodies``), active ones, in tree order."""
    return commitments.review_readable_bodies(user).filter(ACTIVE_UNIT).order_by("path")


def in_range(*ids: int) -> bool:
    """Are ids from a URL or a query primary keys (1..``parsing.MAX_ID``)? A larger one is not found before it
    reaches the database (SQLite overflows on it): the pages and the API both pass through the gates below."""
    return all(1 <= pk <= parsing.MAX_ID for pk in ids)


def unit_get_for(*, user: Any, pk: int) -> Organization:
    """A unit whose officials' sheets ``user`` may read; else NotFound."""
    organization = Organization.objects.filter(ACTIVE_UNIT, pk=pk).first() if in_range(pk) else None
    if organization is None or not commitments.may_read_reviews_of(user, person_id=None, organization=organization):
        raise NotFound(_("No such unit."), code="not_found")
    return organization


def own_units(user: Any) -> QuerySet[Organization]:
    """The bodies where ``user`` is an official today (his own sheet is there)."""
    return commitments.cadre_bodies(user)


@dataclass(frozen=True)
class Line:
    indicator: PersonIndicator
    measured: Measured


@dataclass(frozen=True)
class Sheet:
    organization: Organization
    person: User
    year: int
    lines: list[Line]


def _lines(measured: dict[str, dict[int, Measured]], pk: int) -> list[Line]:
    return [Line(_REGISTRY[key], by_person[pk]) for key, by_person in measured.items() if key in _REGISTRY]


def person_sheet_for(*, user: Any, organization_pk: int, person_pk: int, year: int) -> Sheet:
    """One official's figures in an (active) unit for ``year`` — what he did in that body — for the person,
    his head or an evaluator from above (the Chỉ thị 05 reviews' rule); NotFound for anyone else, for someone
    who is not an official there, and for a closed unit (``ACTIVE_UNIT``, as the list)."""
    organization = (
        Organization.objects.filter(ACTIVE_UNIT, pk=organization_pk).first()
        if in_range(organization_pk, person_pk)
        else None
    )
    if organization is None or not commitments.may_read_reviews_of(
        user, person_id=person_pk, organization=organization
    ):
        raise NotFound(_("No such official."), code="not_found")
    ids = _year_assignments(year).filter(organization=organization, user_id=person_pk).values("user_id")
    person = User.objects.filter(pk__in=ids).first()
    if person is None:
        raise NotFound(_("No such official."), code="not_found")
    return Sheet(organization, person, year, _lines(measure_people(organization, [person.pk], year), person.pk))


def unit_sheets(organization: Organization, year: int) -> list[Sheet]:
    """Every official's figures of a unit the caller has gated (``unit_get_for``). A fixed number of queries."""
    people = officials(organization, year)
    measured = measure_people(organization, [p.pk for p in people], year)
    return [Sheet(organization, p, year, _lines(measured, p.pk)) for p in people]
