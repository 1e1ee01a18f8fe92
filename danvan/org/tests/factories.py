"""Factories for org tests: real units (loaded once per session), small trees of bodies."""

from __future__ import annotations

import itertools
from typing import Any, cast

import factory

from danvan.org.choices import Role, UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, OrganizationKind, RoleAssignment, User

_codes = itertools.count(1)


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
