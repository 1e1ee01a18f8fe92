"""Reads of units and bodies. Bodies are read through the permission gate: what a user may not
see answers exactly like what does not exist."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from danvan.core import parsing
from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.org import permissions
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, Position, RoleAssignment


def unit_search(
    *, query: str = "", era: str = UnitEra.CURRENT, level: str = "", province_code: int | None = None
) -> QuerySet[AdministrativeUnit]:
    """Units by name with or without diacritics ("thao dien" finds "Thảo Điền")."""
    units = AdministrativeUnit.objects.filter(era=era).select_related("province", "parent")
    if level:
        units = units.filter(level=level)
    if province_code is not None:
        units = units.filter(Q(province__code=province_code) | Q(level=UnitLevel.PROVINCE, code=province_code))
    key = fold(query)
    code = parsing.whole_number(key)
    if code is not None:
        units = units.filter(code=code)
    elif key:
        units = units.filter(search_name__contains=key)
    return units.order_by("level", "province__code", "search_name")


def unit_get(*, pk: int) -> AdministrativeUnit:
    try:
        return AdministrativeUnit.objects.select_related("province", "parent").get(pk=pk)
    except AdministrativeUnit.DoesNotExist:
        raise NotFound("unit not found") from None


def unit_provinces(*, era: str = UnitEra.CURRENT) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(era=era, level=UnitLevel.PROVINCE).order_by("search_name")


def unit_predecessors(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The old units a current unit took over (all or in part)."""
    return (
        AdministrativeUnit.objects.filter(successions__successor=unit)
        .select_related("parent", "province")
        .order_by("parent__search_name", "search_name")
    )


def unit_successors(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The current units that took over an old unit; for an old district, those of its wards."""
    if unit.level == UnitLevel.DISTRICT:
        condition = Q(predecessions__predecessor__parent=unit)
    else:
        condition = Q(predecessions__predecessor=unit)
    return AdministrativeUnit.objects.filter(condition).distinct().select_related("province").order_by("search_name")


def unit_children(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return unit.children.order_by("search_name")


def unit_overview(*, user: Any, pk: int) -> dict[str, Any]:
    """What the unit page shows. A current unit: the old units it took over, its communes (for a
    province) and the bodies ``user`` may see in it. An old unit: the current units that took it
    over and, above commune level, what it was made of. ``NotFound`` when there is no such unit."""
    unit = unit_get(pk=pk)
    overview: dict[str, Any] = {"unit": unit}
    if unit.era == UnitEra.CURRENT:
        overview["predecessors"] = unit_predecessors(unit)
        if unit.level == UnitLevel.PROVINCE:
            overview["children"] = unit_children(unit)
        overview["organizations"] = organization_list_for(user=user, unit_id=unit.pk)
    else:
        overview["successors"] = unit_successors(unit)
        if unit.level != UnitLevel.COMMUNE:
            overview["children"] = unit_children(unit)
    return overview


def organization_list_for(
    *, user: Any, query: str = "", kind_code: str = "", unit_id: int | None = None
) -> QuerySet[Organization]:
    """The bodies ``user`` may see, searchable without diacritics."""
    orgs = Organization.objects.filter(permissions.scope_filter(user, permissions.VIEW_ORGANIZATION))
    key = fold(query)
    if key:
        orgs = orgs.filter(search_name__contains=key)
    if kind_code:
        orgs = orgs.filter(kind__code=kind_code)
    if unit_id is not None:
        orgs = orgs.filter(unit_id=unit_id)
    return orgs.select_related("kind", "unit", "unit__province", "parent").order_by("path")


def organization_get_for(*, user: Any, pk: int, action: str = permissions.VIEW_ORGANIZATION) -> Organization:
    """One body, or ``NotFound`` both when it does not exist and when ``user`` may not see it."""
    org = Organization.objects.select_related("kind", "unit", "unit__province", "parent").filter(pk=pk).first()
    if org is None or not permissions.user_may(user, action, org):
        raise NotFound("body not found")
    return org


def organization_children(org: Organization) -> QuerySet[Organization]:
    return (
        org.children.select_related("kind", "unit")
        .annotate(child_count=Count("children"))
        .order_by("kind__sort_order", "name")
    )


def organization_people(org: Organization) -> dict[str, Any]:
    return {
        "positions": Position.objects.filter(organization=org).select_related("person"),
        "roles": RoleAssignment.objects.filter(organization=org).select_related("user"),
    }


def organization_ancestors_for(*, user: Any, org: Organization) -> QuerySet[Organization]:
    """The bodies above ``org`` that ``user`` may see, from the root down (the breadcrumb)."""
    above = [int(p) for p in org.path.strip("/").split("/")[:-1] if p]
    return organization_list_for(user=user).filter(pk__in=above)


def organization_overview(*, user: Any, pk: int) -> dict[str, Any]:
    """What the body page shows: the body, the bodies under it, those above it that ``user`` may
    see, its people and roles. ``NotFound`` both when it does not exist and when ``user`` may not see it."""
    org = organization_get_for(user=user, pk=pk)
    return {
        "org": org,
        "children": organization_children(org),
        "ancestors": organization_ancestors_for(user=user, org=org),
        **organization_people(org),
    }


def organization_export_rows(*, user: Any) -> list[dict[str, Any]]:
    """The rows of the organization file, in the import format, limited to what ``user`` may see."""
    orgs = organization_list_for(user=user).select_related("unit__province")
    rows = []
    for org in orgs:
        unit = org.unit
        province_code = unit.code if unit.level == UnitLevel.PROVINCE else (unit.province.code if unit.province else "")
        rows.append(
            {
                "code": org.code,
                "name": org.name,
                "short_name": org.short_name,
                "kind": org.kind.code,
                "province_code": province_code,
                "commune_code": unit.code if unit.level == UnitLevel.COMMUNE else "",
                "parent_code": org.parent.code if org.parent else "",
                "email": org.email,
                "phone": org.phone,
                "address": org.address,
                "is_active": "1" if org.is_active else "0",
            }
        )
    return rows
