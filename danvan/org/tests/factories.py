"""Shared test factories of org: real units (loaded once per session), bodies, users and their roles.

Every app's tests build their world from these (cases and surveys add theirs in
``<app>/tests/factories.py``), so a body is always made through the service (its tree path right)
and an officer is a user with a role, as in production. The usual world is the city of Huế with
the ward where cases are routed and, when a test needs one, another ward beside it::

    tinh = hue_city()                            # UBND thành phố Huế (province 46)
    phuong = ward_body(tinh)                     # UBND Phường Phú Xuân (commune 19753)
    other = ward_body(tinh, code=KIM_LONG)       # UBND Phường Kim Long (commune 19774)
    handler = officer("xuly", Role.HANDLER, phuong)
    head = officer("chutich", Role.HEAD, tinh, subtree=True)
"""

from __future__ import annotations

import itertools
from typing import Any, cast

import factory

from danvan.org.choices import Role, UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, OrganizationKind, RoleAssignment, User

_codes = itertools.count(1)

HUE = 46  # the province of the usual world
PHU_XUAN = 19753  # the ward cases are routed to
KIM_LONG = 19774  # another ward of Huế, for "an officer of another body"


def province(code: int = 46) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=code)


def commune(code: int) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    password = factory.django.Password("mat-khau-thu-nghiem")


def make_user(**kwargs: Any) -> User:
    return cast(User, UserFactory(**kwargs))


def organization(name: str, *, kind: str = "ubnd", unit: AdministrativeUnit | None = None,
                 parent: Organization | None = None) -> Organization:  # fmt: skip
    """A body created through the service (so its path is right), bypassing permission checks."""
    from danvan.org import services

    return services.organization_create(
        actor=None,
        check_permission=False,
        code=f"t-{next(_codes)}",
        name=name,
        kind=OrganizationKind.objects.get(code=kind),
        unit=unit or province(),
        parent=parent,
    )


def grant(user: User, role: Role, org: Organization, *, subtree: bool = False, **extra: Any) -> RoleAssignment:
    from danvan.org import services

    return services.role_assign(actor=None, user=user, role=role, organization=org, include_subtree=subtree,
                                check_permission=False, **extra)  # fmt: skip


def hue_city() -> Organization:
    """UBND thành phố Huế: the province body at the top of the usual world."""
    return organization("UBND thành phố Huế", unit=province(HUE))


def ward_body(parent: Organization | None = None, *, code: int = PHU_XUAN) -> Organization:
    """The UBND of a current ward or commune ("UBND Phường Phú Xuân" by default), under ``parent``."""
    unit = commune(code)
    return organization(f"UBND {unit.name}", unit=unit, parent=parent)


def officer(username: str, role: Role, org: Organization, *, subtree: bool = False, **user_fields: Any) -> User:
    """A user holding ``role`` in ``org`` (and, with ``subtree``, every body under it)."""
    user = make_user(username=username, **user_fields)
    grant(user, role, org, subtree=subtree)
    return user
