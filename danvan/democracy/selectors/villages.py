"""Reading villages and households: the officers' lists (scoped by the roles), contacts masked for
whoever may not read them, and the public counts (no names, no contacts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.democracy.models import Household, Village
from danvan.democracy.permissions import MANAGE_VILLAGES, VIEW_HOUSEHOLDS
from danvan.democracy.selectors.communes import commune_by_code, commune_committee
from danvan.org import permissions
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit

_COUNTED = Q(households__is_active=True)


def _counted(qs: QuerySet[Village]) -> QuerySet[Village]:
    return qs.annotate(household_count=Count("households", filter=_COUNTED),
                       member_count=Sum("households__members", filter=_COUNTED))  # fmt: skip


def villages_for(user: Any, *, commune_id: int | None = None) -> QuerySet[Village]:
    """The villages ``user`` may manage or whose households they may read (a village head: theirs)."""
    scope = permissions.scope_filter(user, MANAGE_VILLAGES, "organization") | permissions.scope_filter(
        user, VIEW_HOUSEHOLDS, "organization"
    )
    qs = Village.objects.filter(scope).select_related("commune__province", "organization")
    if commune_id:
        qs = qs.filter(commune_id=commune_id)
    return _counted(qs).order_by("commune__name", "code")


def communes_managed(user: Any) -> list[AdministrativeUnit]:
    """The current communes in whose People's Committee ``user`` may manage villages (for the add form)."""
    if not permissions.user_may(user, MANAGE_VILLAGES):
        return []
    from danvan.org.models import Organization

    bodies = Organization.objects.filter(permissions.scope_filter(user, MANAGE_VILLAGES), kind__code="ubnd",
                                         unit__level=UnitLevel.COMMUNE, unit__era=UnitEra.CURRENT, is_active=True)  # fmt: skip
    units = AdministrativeUnit.objects.filter(pk__in=bodies.values("unit_id")).select_related("province")
    return [u for u in units.order_by("name")[:500] if commune_committee(u) is not None]


def village_for(user: Any, pk: int) -> Village:
    """One village the user may see (else NotFound, like a village that does not exist)."""
    village = Village.objects.select_related("commune__province", "organization").filter(pk=pk).first()
    if village is None or not (permissions.user_may(user, MANAGE_VILLAGES, village)
                               or permissions.user_may(user, VIEW_HOUSEHOLDS, village)):  # fmt: skip
        raise NotFound("village")
    return village


def household_for(user: Any, pk: int) -> Household:
    household = Household.objects.select_related("village__organization", "village__commune").filter(pk=pk).first()
    if household is None or not permissions.user_may(user, MANAGE_VILLAGES, household):
        raise NotFound("household")
    return household


def mask_phone(phone: str) -> str:
    """``09•••••678``: enough to recognise a number one already knows, not to call it."""
    digits = [c for c in phone if c.isdigit()]
    if len(digits) < 6:
        return "•••" if phone else ""
    return "".join(digits[:2]) + "•" * (len(digits) - 5) + "".join(digits[-3:])


def mask_email(email: str) -> str:
    if "@" not in email:
        return ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}•••@{domain}"


@dataclass
class HouseholdRow:
    household: Household
    phone: str
    email: str


@dataclass
class VillageHouseholds:
    village: Village
    rows: list[HouseholdRow]
    counted: int
    members: int
    not_counted: int
    contacts_visible: bool
    may_manage: bool


def village_households(user: Any, village: Village, *, include_inactive: bool = True) -> VillageHouseholds:
    """The village's households; phone and email only to VIEW_HOUSEHOLDS (personal data), masked otherwise."""
    visible = permissions.user_may(user, VIEW_HOUSEHOLDS, village)
    qs = village.households.order_by("-is_active", "code")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    rows = []
    counted = members = not_counted = 0
    for h in qs:
        if h.is_active:
            counted += 1
            members += h.members
        else:
            not_counted += 1
        rows.append(HouseholdRow(h, h.phone if visible else mask_phone(h.phone),
                                 h.email if visible else mask_email(h.email)))  # fmt: skip
    return VillageHouseholds(village, rows, counted, members, not_counted, visible,
                             permissions.user_may(user, MANAGE_VILLAGES, village))  # fmt: skip


# Public: counts only ----------------------------------------------------------------------------------


@dataclass
class PublicVillage:
    code: str
    name: str
    kind: str
    households: int


@dataclass
class ProvinceGroup:
    province: AdministrativeUnit
    communes: list[AdministrativeUnit] = field(default_factory=list)


def communes_public(query: str = "") -> list[ProvinceGroup]:
    """The current communes that have villages, grouped by province; ``query`` matches without diacritics."""
    ids = Village.objects.filter(is_active=True).values("commune_id")
    qs = AdministrativeUnit.objects.filter(pk__in=ids, era=UnitEra.CURRENT, level=UnitLevel.COMMUNE).select_related(
        "province")  # fmt: skip
    folded = fold(query)[:100]
    if folded:
        qs = qs.filter(search_name__contains=folded)
    groups: dict[int, ProvinceGroup] = {}
    for unit in qs.order_by("province__name", "name")[:2000]:
        province = unit.province or unit
        groups.setdefault(province.pk, ProvinceGroup(province)).communes.append(unit)
    return list(groups.values())


def villages_public(commune: AdministrativeUnit) -> list[PublicVillage]:
    qs = _counted(Village.objects.filter(commune=commune, is_active=True)).order_by("code")
    return [PublicVillage(v.code, v.name, v.get_kind_display(), v.household_count) for v in qs]  # type: ignore[attr-defined]


def commune_public(code: int | str) -> AdministrativeUnit:
    commune = commune_by_code(code)
    if commune is None:
        raise NotFound("commune")
    return commune


# For consultations (danvan/consultations/services/participation.py): a household proves itself with its
# code and the phone its village holds; a consultation's audience is villages of a commune.


def village_get(pk: int | None) -> Village | None:
    """A village by id with its commune (public facts: the villages of a commune are published)."""
    return Village.objects.select_related("commune").filter(pk=pk or 0).first()


def villages_in_commune(commune_id: int) -> QuerySet[Village]:
    return Village.objects.filter(commune_id=commune_id)


def household_by_code(village: Village, code: str) -> Household | None:
    """The counted household of ``village`` with this code (as written first, else ignoring case)."""
    code = (code or "").strip()
    if not code:
        return None
    rows = list(Household.objects.filter(village=village, is_active=True, code__iexact=code).order_by("pk"))
    exact = [h for h in rows if h.code == code]
    return (exact or rows)[0] if rows else None


def households_in_commune(commune_id: int, *, limit: int) -> list[Household]:
    """The first ``limit`` counted households of a commune's villages (demo data)."""
    rows = Household.objects.filter(village__commune_id=commune_id, is_active=True).select_related("village")
    return list(rows.order_by("pk")[:limit])
