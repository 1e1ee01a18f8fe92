"""``org.selectors.users_who_may``: who may be chosen to do an action in a body (a handler, a clerk)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.org import permissions
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment
from danvan.org.selectors import users_who_may
from danvan.org.tests.factories import commune, grant, make_user, organization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]  # today: 05/02/2026

ACTION = "test.handle_things"


@pytest.fixture
def bodies(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A province body with two wards; an action granted to handlers, heads and inspectors."""
    monkeypatch.setattr(permissions, "_ACTIONS", dict(permissions.registered_actions()))
    permissions.register_action(ACTION, roles={Role.HANDLER, Role.HEAD, Role.INSPECTOR})
    tinh = organization("UBND thành phố Huế")
    phuong = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=tinh)
    other = organization("UBND Phường Kim Long", unit=commune(19774), parent=tinh)
    people = {name: make_user(username=name, full_name=full) for name, full in [
        ("xuly", "An Nguyễn"), ("chutich", "Bình Trần"), ("thanhtra", "Chi Lê"), ("thanhtra2", "Dũng Phạm"),
        ("xuly_kl", "Em Hoàng"), ("nghi", "Giang Vũ"), ("het_han", "Hà Đỗ"), ("danvan", "Khoa Bùi"),
        ("sap_toi", "Lan Võ")]}  # fmt: skip
    grant(people["xuly"], Role.HANDLER, phuong)
    grant(people["chutich"], Role.HEAD, phuong)
    grant(people["thanhtra"], Role.INSPECTOR, tinh, subtree=True)  # covers the wards
    grant(people["thanhtra2"], Role.INSPECTOR, tinh)  # the province body only
    grant(people["xuly_kl"], Role.HANDLER, other)
    grant(people["nghi"], Role.HANDLER, phuong)
    people["nghi"].is_active = False
    people["nghi"].save()
    grant(people["het_han"], Role.HANDLER, phuong)
    grant(people["sap_toi"], Role.HANDLER, phuong)
    RoleAssignment.objects.filter(user=people["het_han"]).update(end_on=dt.date(2026, 2, 4))  # ended yesterday
    RoleAssignment.objects.filter(user=people["sap_toi"]).update(start_on=dt.date(2026, 2, 6))  # starts tomorrow
    grant(people["danvan"], Role.DAN_VAN_OFFICER, tinh, subtree=True)  # a role the action does not grant
    return tinh, phuong, other, people


def names(users: Any) -> list[str]:
    return [u.username for u in users]


def test_in_a_body_the_holders_there_and_above_with_the_subtree(bodies: Any) -> None:
    tinh, phuong, other, _ = bodies
    assert names(users_who_may(ACTION, organization=phuong)) == ["xuly", "chutich", "thanhtra"]
    assert names(users_who_may(ACTION, organization=other)) == ["thanhtra", "xuly_kl"]
    assert names(users_who_may(ACTION, organization=tinh)) == ["thanhtra", "thanhtra2"]


def test_among_bodies_the_roles_held_in_them(bodies: Any) -> None:
    tinh, phuong, other, _ = bodies
    among = tinh.__class__.objects.filter(pk__in=[phuong.pk, other.pk])
    assert names(users_who_may(ACTION, organizations=among)) == ["xuly", "chutich", "xuly_kl"]


def test_anywhere_without_a_body(bodies: Any) -> None:
    assert names(users_who_may(ACTION)) == ["xuly", "chutich", "thanhtra", "thanhtra2", "xuly_kl"]


def test_the_roles_come_from_the_permission_registry(bodies: Any) -> None:
    _, phuong, _, people = bodies
    permissions.register_action(ACTION, roles={Role.DAN_VAN_OFFICER})
    assert names(users_who_may(ACTION, organization=phuong)) == ["danvan"]
    with pytest.raises(KeyError):
        users_who_may("test.nobody_registered_this", organization=phuong)
    # every person listed is one the permission check accepts on the body
    permissions.register_action(ACTION, roles={Role.HANDLER, Role.HEAD, Role.INSPECTOR})
    for user in users_who_may(ACTION, organization=phuong):
        permissions.forget_cached_roles(user)
        assert permissions.user_may(user, ACTION, phuong)
    assert not permissions.user_may(people["xuly_kl"], ACTION, phuong)
