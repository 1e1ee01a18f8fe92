"""The commune a democracy row belongs to, and the commune's bodies the law names: its People's
Committee (publishes, recognises items 3–4) and its Front committee (directs the boards, recognises
item 5). One place, so every part finds them alike."""

from __future__ import annotations

from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization

UBND_KIND = "ubnd"
FRONT_KIND = "uy_ban_mttq"
VILLAGE_KINDS = ("thon", "to_dan_pho")


def commune_by_code(code: int | str) -> AdministrativeUnit | None:
    """A current commune (xã, phường, đặc khu) by its GSO code, or None."""
    try:
        number = int(code)
    except (TypeError, ValueError):
        return None
    return (
        AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, code=number)
        .select_related("province")
        .first()
    )


def _body(commune: AdministrativeUnit, kind: str) -> Organization | None:
    return (
        Organization.objects.filter(unit=commune, kind__code=kind, is_active=True)
        .select_related("kind", "unit")
        .order_by("depth", "id")
        .first()
    )


def commune_committee(commune: AdministrativeUnit) -> Organization | None:
    """The commune's People's Committee (UBND xã/phường/đặc khu), or None where none is set up."""
    return _body(commune, UBND_KIND)


def commune_front(commune: AdministrativeUnit) -> Organization | None:
    """The commune's Fatherland Front committee (Ủy ban MTTQ xã), or None."""
    return _body(commune, FRONT_KIND)
