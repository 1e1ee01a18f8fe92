"""Consultations: the drafts part's selectors (reads only).

Public reads show consultations that are open, closed or published: one being prepared or withdrawn is
"not found" to the public. Staff reads are gated by the body: a consultation outside the user's bodies is
"not found" alike (the gate other parts' staff pages use too: ``consultation_for_staff``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from danvan.consultations import choices, rules
from danvan.consultations.models import AffectedPerson, Consultation, ConsultationDocument, DraftSection, DraftVersion
from danvan.consultations.permissions import ANSWER, KEY_IN, MANAGE, MODERATE, PUBLISH_SUMMARY, VIEW_AFFECTED
from danvan.consultations.selectors.access import acting_filter, may_act
from danvan.consultations.selectors.participation import consultation_public
from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.org import permissions
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, RoleAssignment, User

PUBLIC_STATUSES = (choices.Status.OPEN, choices.Status.CLOSED, choices.Status.PUBLISHED)
STAFF_ACTIONS = (MANAGE, MODERATE, KEY_IN, ANSWER, PUBLISH_SUMMARY)
LIST_LIMIT = 500


def _ordered(qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
    rank = Case(When(status=choices.Status.OPEN, then=Value(0)), When(status=choices.Status.CLOSED, then=Value(1)),
                When(status=choices.Status.PUBLISHED, then=Value(2)), default=Value(3), output_field=IntegerField())  # fmt: skip
    return qs.annotate(rank=rank).order_by("rank", "-opens_on", "-id")


def _matches(c: Consultation, words: list[str]) -> bool:
    haystack = fold(f"{c.title} {c.summary} {c.code}")
    return all(w in haystack for w in words)


def public_list(*, place_id: int | None = None, status: str = "", query: str = "") -> list[Consultation]:
    """Open first, then closed, then published; filtered by place (a commune, or a province with its
    communes) and status; words matched with or without diacritics."""
    qs = Consultation.objects.filter(status__in=PUBLIC_STATUSES).select_related("place", "organization")
    if place_id:
        qs = qs.filter(Q(place_id=place_id) | Q(place__province_id=place_id))
    if status in {s.value for s in PUBLIC_STATUSES}:
        qs = qs.filter(status=status)
    rows = list(_ordered(qs)[:LIST_LIMIT])
    words = fold(query).split()
    return [c for c in rows if _matches(c, words)] if words else rows


def public_places() -> list[AdministrativeUnit]:
    """The places that have a public consultation (the list's filter)."""
    ids = Consultation.objects.filter(status__in=PUBLIC_STATUSES).values("place_id")
    return list(AdministrativeUnit.objects.filter(pk__in=ids).order_by("level", "name"))


def public_detail(code: str) -> Consultation:
    """A consultation the public may see, else ``NotFound``: the participation part's cached look-up
    (``consultation_public``, the one place the public statuses are applied to a code)."""
    c = consultation_public(code)
    if c is None:
        raise NotFound("consultation not found")
    return c


def staff_filter(user: Any) -> Q:
    """The consultations ``user`` may do any staff action on (``access``: their bodies', and those their
    commune's Front committee or their village takes part in)."""
    condition = Q(pk__in=[])
    for action in STAFF_ACTIONS:
        condition |= acting_filter(user, action)
    return condition


def staff_list(user: Any, *, status: str = "", query: str = "") -> list[Consultation]:
    qs = Consultation.objects.filter(staff_filter(user)).select_related("place", "organization")
    if status in choices.Status.values:
        qs = qs.filter(status=status)
    rows = list(_ordered(qs.distinct())[:LIST_LIMIT])
    words = fold(query).split()
    return [c for c in rows if _matches(c, words)] if words else rows


def consultation_for_staff(user: Any, code: str) -> Consultation:
    """A consultation of one of the user's bodies (any consultations' action), else ``NotFound``."""
    c = Consultation.objects.filter(code=code).select_related("place", "organization", "opening_disclosure").first()
    if c is None or not any(may_act(user, a, c) for a in STAFF_ACTIONS):
        raise NotFound("consultation not found")
    return c


def bodies_managed(user: Any) -> list[Organization]:
    return list(Organization.objects.filter(permissions.scope_filter(user, MANAGE), is_active=True)
                .select_related("unit").order_by("depth", "name")[:200])  # fmt: skip


def officers_under(bodies: list[Organization]) -> list[Any]:
    """The active people holding a role today in these bodies or below them (the form's choice of who
    answers; the service checks the choice again), by name, at most 200."""
    subtree = Q(pk__in=[])
    for body in bodies:
        subtree |= Q(organization__path__startswith=body.path)
    holders = RoleAssignment.objects.active_on(clock.today()).filter(subtree).values("user_id")
    return list(User.objects.filter(pk__in=holders, is_active=True).order_by("last_name", "first_name")[:200])


def places_for(bodies: list[Organization]) -> list[AdministrativeUnit]:
    """The current communes and provinces the bodies may consult."""
    units = {b.unit_id for b in bodies if b.unit_id}
    provinces = [b.unit_id for b in bodies if b.unit is not None and b.unit.level == UnitLevel.PROVINCE]
    qs = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level__in=[UnitLevel.COMMUNE, UnitLevel.PROVINCE])
    return list(qs.filter(Q(pk__in=units) | Q(province_id__in=provinces)).order_by("level", "name")[:2000])


def may_manage(user: Any, c: Consultation) -> bool:
    return permissions.user_may(user, MANAGE, c)


def may_view_affected(user: Any, c: Consultation) -> bool:
    return permissions.user_may(user, VIEW_AFFECTED, c)


def affected_for(user: Any, c: Consultation) -> list[AffectedPerson]:
    """Art. 27's people affected: only for those with ``VIEW_AFFECTED``."""
    if not may_view_affected(user, c):
        raise NotFound("not found")
    return list(c.affected.select_related("household").all())


@dataclass
class VersionView:
    version: DraftVersion
    sections: list[DraftSection]  # the version's sections, removed ones included (marked)
    changed: int


def versions(c: Consultation) -> list[VersionView]:
    """Every version, oldest first, with its sections (two queries)."""
    rows = list(c.versions.order_by("number"))
    by_version: dict[int, list[DraftSection]] = {v.pk: [] for v in rows}
    for s in DraftSection.objects.filter(version__consultation=c).order_by("version_id", "position"):
        by_version[s.version_id].append(s)
    return [VersionView(version=v, sections=by_version[v.pk],
                        changed=sum(1 for s in by_version[v.pk] if s.change != choices.SectionChange.UNCHANGED))
            for v in rows]  # fmt: skip


def current_sections(c: Consultation, versions: list[VersionView] | None = None) -> list[DraftSection]:
    """The latest version's sections (removed ones left out): what the public reads and comments on.
    From ``versions`` (``versions(c)``, oldest first) when the caller has them already: no query."""
    if versions is not None:
        return [s for s in versions[-1].sections if s.change != choices.SectionChange.REMOVED] if versions else []
    last = c.versions.order_by("-number").first()
    if last is None:
        return []
    return [s for s in last.sections.all() if s.change != choices.SectionChange.REMOVED]


def consulted_sections(c: Consultation) -> list[DraftSection]:
    """Version 1's sections: the text the people were consulted on (comments anchor to these keys)."""
    return list(DraftSection.objects.filter(version__consultation=c, version__number=1).order_by("position"))


def documents(c: Consultation) -> list[ConsultationDocument]:
    return list(c.documents.all())


def document_public(code: str, pk: int) -> ConsultationDocument:
    c = public_detail(code)
    doc = c.documents.filter(pk=pk).first()
    if doc is None:
        raise NotFound("document not found")
    return doc


def days_left(c: Consultation, today: dt.date | None = None) -> int:
    return rules.days_left(c.closes_on, today or clock.today())


@dataclass
class CommuneRow:
    consultation: Consultation
    sections: int
    days_left: int


def commune_section(commune_id: int) -> dict[str, list[Any]]:
    """The commune page: its consultations open now (with the number of sections) and those whose summary
    is published (titles, dates, counts only)."""
    today = clock.today()
    base = Consultation.objects.filter(place_id=commune_id)
    open_rows = list(base.filter(status=choices.Status.OPEN).order_by("closes_on", "id")[:20])
    counts = dict(
        DraftSection.objects.filter(version__consultation__in=[c.pk for c in open_rows], version__number=1)
        .values_list("version__consultation_id").annotate(n=Count("id"))
    )  # fmt: skip
    published = list(base.filter(status=choices.Status.PUBLISHED).order_by("-closes_on", "-id")[:10])
    return {"open": [CommuneRow(c, counts.get(c.pk, 0), rules.days_left(c.closes_on, today)) for c in open_rows],
            "published": published}  # fmt: skip
