"""Authority comes only from roles: sign-in by password still works, Django's permissions grant nothing.

``RoleBackend`` replaces Django's ``ModelBackend`` (docs/security.md). A person given every model
permission directly, or through a Django group, with the staff flag set, may still do nothing: not
``has_perm``, not the admin site, not the deadline rules. A role in a body is what opens them.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.test import Client, RequestFactory
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.models import User
from danvan.org.tests.factories import grant, make_user, organization

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"
# Model permissions an attacker with database access (or a careless operator of the Django shell)
# would hand out: they must not matter.
EVERY_MODEL_PERMISSION = ["org", "deadlines", "cases", "surveys", "partners", "core", "auth", "axes"]


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no cached permissions or roles


def _with_every_model_permission(how: str) -> User:
    user = make_user(username=f"co-quyen-django-{how}", password=PASSWORD, is_staff=True)
    perms = Permission.objects.filter(content_type__app_label__in=EVERY_MODEL_PERMISSION)
    assert perms.count() > 50
    if how == "direct":
        user.user_permissions.set(perms)
    else:
        group = Group.objects.create(name="quan-tri-django")
        group.permissions.set(perms)
        user.groups.add(group)
    return _fresh(user)


def test_model_backend_is_not_configured() -> None:
    assert settings.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend",
        "danvan.org.backends.RoleBackend",
    ]


def test_a_password_signs_in_through_the_role_backend() -> None:
    make_user(username="can-bo", password=PASSWORD)
    request = RequestFactory().post("/dang-nhap/")
    user = authenticate(request, username="can-bo", password=PASSWORD)
    assert user is not None and user.username == "can-bo"
    assert user.backend == "danvan.org.backends.RoleBackend"
    assert authenticate(RequestFactory().post("/dang-nhap/"), username="can-bo", password="sai") is None


def test_an_inactive_account_cannot_sign_in() -> None:
    make_user(username="nghi-viec", password=PASSWORD, is_active=False)
    assert authenticate(RequestFactory().post("/dang-nhap/"), username="nghi-viec", password=PASSWORD) is None


def test_the_login_page_signs_in_and_the_session_holds() -> None:
    make_user(username="can-bo", password=PASSWORD)
    client = Client()
    response = client.post(reverse("web:login"), {"username": "can-bo", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "danvan.org.backends.RoleBackend"
    assert client.get(reverse("web:login")).status_code == 302  # signed in: sent on


@pytest.mark.parametrize("how", ["direct", "group"])
def test_django_model_permissions_grant_nothing(how: str) -> None:
    user = _with_every_model_permission(how)
    for perm in ["org.change_organization", "deadlines.change_deadlinerule", "deadlines.view_deadlinerule",
                 "org.open_admin", "auth.change_user", "core.view_auditevent"]:  # fmt: skip
        assert not user.has_perm(perm), perm
    assert not user.has_module_perms("org") and not user.has_module_perms("deadlines")
    # Only what anyone may do (send a petition, answer a survey), as for an account with nothing.
    assert user.get_all_permissions() == _fresh(make_user(username="cong-dan")).get_all_permissions()
    assert user.get_user_permissions() == set() and user.get_group_permissions() == set()


@pytest.mark.parametrize("how", ["direct", "group"])
def test_django_model_permissions_do_not_open_the_admin(how: str) -> None:
    client = Client()
    client.force_login(_with_every_model_permission(how))
    for url in [reverse("admin:index"), reverse("admin:org_organization_changelist"),
                reverse("admin:deadlines_deadlinerule_changelist"), reverse("admin:core_auditevent_changelist"),
                reverse("admin:auth_group_changelist")]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def test_the_operator_role_opens_the_admin_and_grants_its_permissions() -> None:
    operator = make_user(username="van-hanh", password=PASSWORD)
    grant(operator, Role.OPERATOR, organization("UBND thành phố Huế"), subtree=True)
    operator = _fresh(operator)
    assert operator.is_staff  # role_assign sets it for operators
    assert operator.has_perm("org.open_admin") and operator.has_perm("deadlines.change_deadlinerule")
    assert {"org.open_admin", "deadlines.change_deadlinerule"} <= operator.get_all_permissions()
    assert not operator.has_perm("org.change_organization")  # a Django model permission: nobody has it
    client = Client()
    client.force_login(operator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:org_organization_changelist")).status_code == 200
    assert client.get(reverse("admin:core_auditevent_changelist")).status_code == 403  # no role reads the log


def test_who_holds_a_permission_is_asked_of_org_permissions() -> None:
    from danvan.org.backends import RoleBackend

    with pytest.raises(NotImplementedError):
        RoleBackend().with_perm("org.open_admin")
