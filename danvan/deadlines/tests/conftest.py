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
    """A staff user holding the deadlines model permissions, as the operator group would give."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="van-hanh", password="mat-khau-thu-nghiem", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="deadlines"))
    return django_user_model.objects.get(pk=user.pk)  # fresh, without a stale permission cache


@pytest.fixture
def staff_reader(db, django_user_model):
    """Staff without any deadlines permission: may read the rules, may change nothing."""
    return django_user_model.objects.create_user(username="nhan-vien", password="mat-khau-thu-nghiem", is_staff=True)


@pytest.fixture
def citizen(db, django_user_model):
    return django_user_model.objects.create_user(username="cong-dan", password="mat-khau-thu-nghiem")
