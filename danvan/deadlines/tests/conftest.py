"""Fixtures of the deadlines tests: the seeded rule book and the package calendar, both pure."""

from __future__ import annotations

import pytest

from danvan.deadlines.calendar import WorkingCalendar
from danvan.deadlines.rules import RuleBook
from danvan.deadlines.rules_seed import seed_rules


@pytest.fixture(scope="session")
def rule_book() -> RuleBook:
    return RuleBook(seed_rules())


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return WorkingCalendar()


@pytest.fixture
def operator(db, django_user_model):
    """A staff user holding the operator role in a body: authority comes only from roles, never from
    Django's model permissions (docs/security.md). The rows are made through the app registry because
    ``deadlines`` sits beside ``org`` in the layers and may not import it, tests included."""
    from django.apps import apps

    organization_model = apps.get_model("org", "Organization")
    body = organization_model.objects.create(
        code="t-van-hanh",
        name="UBND tỉnh (thử nghiệm)",
        kind=apps.get_model("org", "OrganizationKind").objects.get(code="ubnd"),
        unit=apps.get_model("org", "AdministrativeUnit").objects.get(era="2025", level="province", code=46),
    )
    user = django_user_model.objects.create_user(username="van-hanh", password="mat-khau-thu-nghiem", is_staff=True)
    apps.get_model("org", "RoleAssignment").objects.create(user=user, role="operator", organization=body)
    return django_user_model.objects.get(pk=user.pk)  # fresh, without a stale role cache


@pytest.fixture
def staff_reader(db, django_user_model):
    """Staff without any deadlines permission: may read the rules, may change nothing."""
    return django_user_model.objects.create_user(username="nhan-vien", password="mat-khau-thu-nghiem", is_staff=True)


@pytest.fixture
def citizen(db, django_user_model):
    return django_user_model.objects.create_user(username="cong-dan", password="mat-khau-thu-nghiem")
