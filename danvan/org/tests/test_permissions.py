"""The permission matrix: a role covers its body, a subtree role covers everything below, nothing else."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from danvan.core.errors import PermissionDenied
from danvan.org import permissions
from danvan.org.choices import Role
from danvan.org.models import Organization
from danvan.org.tests.factories import grant, make_user

pytestmark = pytest.mark.django_db

VIEW, MANAGE = permissions.VIEW_ORGANIZATION, permissions.MANAGE_ORGANIZATION


def visible(user, action=VIEW) -> set[str]:
    return set(Organization.objects.filter(permissions.scope_filter(user, action)).values_list("name", flat=True))


def test_anonymous_users_may_do_nothing_but_public_actions(tree):
    permissions.register_action("test.public_page", public=True)
    anonymous = AnonymousUser()
    assert permissions.user_may(anonymous, "test.public_page")
    assert not permissions.user_may(anonymous, VIEW, tree.ubnd)
    assert not permissions.user_may(anonymous, VIEW)
    assert visible(anonymous) == set()


def test_a_citizen_without_roles_sees_no_body(tree):
    citizen = make_user()
    assert not permissions.user_may(citizen, VIEW, tree.ubnd)
    assert visible(citizen) == set()


def test_an_officer_of_one_body_sees_only_that_body(tree):
    handler = make_user()
    grant(handler, Role.HANDLER, tree.ubnd_phuong)
    assert permissions.user_may(handler, VIEW, tree.ubnd_phuong)
    assert not permissions.user_may(handler, VIEW, tree.to_dan_pho)  # below, but no subtree
    assert not permissions.user_may(handler, VIEW, tree.ubnd)  # above
    assert not permissions.user_may(handler, VIEW, tree.so_xay_dung)  # a sibling
    assert not permissions.user_may(handler, VIEW, tree.mttq)  # another tree
    assert visible(handler) == {"UBND Phường Phú Xuân"}


def test_a_subtree_role_covers_every_body_below_but_not_above_or_beside(tree):
    head = make_user()
    grant(head, Role.HEAD, tree.ubnd_phuong, subtree=True)
    assert permissions.user_may(head, VIEW, tree.to_dan_pho)
    assert not permissions.user_may(head, VIEW, tree.ubnd)
    assert not permissions.user_may(head, VIEW, tree.mttq)
    assert visible(head) == {"UBND Phường Phú Xuân", "Tổ dân phố 1"}


def test_a_role_grants_only_the_actions_registered_for_it(tree):
    handler = make_user()
    grant(handler, Role.HANDLER, tree.ubnd_phuong, subtree=True)
    assert permissions.user_may(handler, VIEW, tree.ubnd_phuong)
    assert not permissions.user_may(handler, MANAGE, tree.ubnd_phuong)
    operator = make_user()
    grant(operator, Role.OPERATOR, tree.ubnd, subtree=True)
    assert permissions.user_may(operator, MANAGE, tree.to_dan_pho)
    assert not permissions.user_may(operator, MANAGE, tree.mttq)
    with pytest.raises(PermissionDenied):
        permissions.require(operator, MANAGE, tree.mttq)


def test_roles_outside_their_dates_grant_nothing(tree, frozen_clock):
    officer = make_user()
    grant(officer, Role.HANDLER, tree.ubnd, start_on=dt.date(2026, 3, 1))
    assert not permissions.user_may(officer, VIEW, tree.ubnd)
    frozen_clock.move_to(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC))
    permissions.forget_cached_roles(officer)
    assert permissions.user_may(officer, VIEW, tree.ubnd)


def test_moving_a_body_moves_what_its_subtree_roles_cover(tree):
    from danvan.org import services

    head = make_user()
    grant(head, Role.HEAD, tree.ubnd_phuong, subtree=True)
    services.organization_update(organization=tree.so_xay_dung, actor=None, check_permission=False,
                                 parent=tree.ubnd_phuong)  # fmt: skip
    tree.so_xay_dung.refresh_from_db()
    assert permissions.user_may(head, VIEW, tree.so_xay_dung)
    assert tree.so_xay_dung.path == f"{tree.ubnd_phuong.path}{tree.so_xay_dung.pk}/"


def test_inactive_users_and_unknown_actions_are_refused(tree):
    officer = make_user(is_active=False)
    grant(officer, Role.OPERATOR, tree.ubnd, subtree=True)
    assert not permissions.user_may(officer, VIEW, tree.ubnd)
    with pytest.raises(KeyError):
        permissions.user_may(officer, "nobody.registered_this")


def test_superusers_may_do_everything(tree):
    root = make_user(is_superuser=True)
    assert permissions.user_may(root, MANAGE, tree.mttq)
    assert len(visible(root)) == Organization.objects.count()


def test_owners_may_act_on_their_own_objects_when_the_action_allows_it(tree):
    permissions.register_action("test.read_own", roles={Role.HANDLER}, owner_may=True)
    citizen, stranger = make_user(), make_user()

    class Petition:
        def permission_organization(self):
            return tree.ubnd

        def permission_owner_id(self):
            return citizen.pk

    assert permissions.user_may(citizen, "test.read_own", Petition())
    assert not permissions.user_may(stranger, "test.read_own", Petition())


def test_an_operator_may_grant_roles_only_inside_their_tree(tree):
    from danvan.org import services

    operator = make_user()
    officer = make_user(created_by=operator)  # an operator manages the roleless accounts he opened (issue 12)
    grant(operator, Role.OPERATOR, tree.ubnd, subtree=True)
    services.role_assign(actor=operator, user=officer, role=Role.HANDLER, organization=tree.so_xay_dung)
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=operator, user=officer, role=Role.HANDLER, organization=tree.mttq)


def test_operators_become_staff_and_lose_it_when_the_role_is_revoked(tree):
    from danvan.org import services

    operator = make_user()
    assignment = grant(operator, Role.OPERATOR, tree.ubnd)
    operator.refresh_from_db()
    assert operator.is_staff
    services.role_revoke(actor=make_user(is_superuser=True), assignment=assignment, reason="chuyển công tác")
    operator.refresh_from_db()
    assert not operator.is_staff
