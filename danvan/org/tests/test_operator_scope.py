"""Issue 12, item 1: the operator role is scoped like every other role.

The world: two provinces (Huế, Đà Nẵng), an operator of each, heads and a handler, a superuser and a
citizen. Each hole of the audit is tried through the admin (Django's test client, as the operator of
one province) and through the services.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.org import errors as codes
from danvan.org import permissions, services
from danvan.org.choices import Role
from danvan.org.models import GrantStatus, Organization, RoleAssignment, RoleGrantRequest, User
from danvan.org.tests.factories import commune, grant, make_user, organization, province

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"


@dataclass
class World:
    hue: Organization  # UBND thành phố Huế (root)
    phuong: Organization  # UBND Phường Phú Xuân, under it
    danang: Organization  # UBND thành phố Đà Nẵng (another root)
    op_hue: User  # operator of Huế and every body under it
    op_hue2: User  # a second operator of Huế
    op_phuong: User  # operator of the phường alone (no subtree)
    op_danang: User
    head_hue: User  # head of the phường: may open identities
    head_danang: User
    handler: User  # handler of the phường
    superuser: User
    citizen: User  # an account with no role


@pytest.fixture
def w(db: None) -> World:
    hue = organization("UBND thành phố Huế")
    phuong = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=hue)
    danang = organization("UBND thành phố Đà Nẵng", unit=province(48))
    names = ["op_hue", "op_hue2", "op_phuong", "op_danang", "head_hue", "head_danang", "handler", "citizen"]
    u = {name: make_user(username=name) for name in names}
    grant(u["op_hue"], Role.OPERATOR, hue, subtree=True)
    grant(u["op_hue2"], Role.OPERATOR, hue, subtree=True)
    grant(u["op_phuong"], Role.OPERATOR, phuong)
    grant(u["op_danang"], Role.OPERATOR, danang, subtree=True)
    grant(u["head_hue"], Role.HEAD, phuong)
    grant(u["head_danang"], Role.HEAD, danang)
    grant(u["handler"], Role.HANDLER, phuong)
    superuser = make_user(username="quantri", is_superuser=True, is_staff=True)
    for user in u.values():
        user.refresh_from_db()
    return World(hue, phuong, danang, superuser=superuser, **u)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Whose account an operator reaches ---------------------------------------------------------------


def test_the_user_list_shows_an_operator_only_the_accounts_he_may_manage(w: World) -> None:
    listed = {
        who: set(
            logged_in(getattr(w, who))
            .get("/quan-tri/org/user/")
            .context["cl"]
            .queryset.values_list("username", flat=True)
        )
        for who in ("op_hue", "op_danang", "superuser")
    }
    # Huế's operators, the phường's operator and its handler: roles he could grant himself. Not the
    # head (he cannot grant HEAD), not Đà Nẵng, not the citizen (he did not create the account).
    assert listed["op_hue"] == {"op_hue", "op_hue2", "op_phuong", "handler"}
    assert listed["op_danang"] == {"op_danang"}
    assert listed["superuser"] == {u.username for u in User.objects.all()}


@pytest.mark.parametrize("target", ["head_danang", "head_hue", "op_danang", "citizen", "superuser"])
def test_an_operator_cannot_reset_the_password_of_someone_beyond_his_reach(w: World, target: str) -> None:
    client = logged_in(w.op_hue)
    victim = getattr(w, target)
    old_hash = victim.password
    assert client.get(f"/quan-tri/org/user/{victim.pk}/password/").status_code == 404
    response = client.post(f"/quan-tri/org/user/{victim.pk}/password/",
                           {"password1": "Doi-Mat-Khau-2026", "password2": "Doi-Mat-Khau-2026",
                            "set_usable_password": "true"})  # fmt: skip
    assert response.status_code == 404
    victim.refresh_from_db()
    assert victim.password == old_hash
    assert client.get(f"/quan-tri/org/user/{victim.pk}/change/").status_code == 302  # "does not exist"
    assert not AuditEvent.objects.filter(action="org.user_password_change").exists()


def test_a_password_change_in_the_admin_is_in_the_audit_log_without_the_hash(w: World) -> None:
    client = logged_in(w.op_hue)
    response = client.post(f"/quan-tri/org/user/{w.handler.pk}/password/",
                           {"password1": "Doi-Mat-Khau-2026", "password2": "Doi-Mat-Khau-2026",
                            "set_usable_password": "true"})  # fmt: skip
    assert response.status_code == 302
    w.handler.refresh_from_db()
    assert w.handler.check_password("Doi-Mat-Khau-2026")
    event = AuditEvent.objects.get(action="org.user_password_change")
    assert (event.actor, event.object_type, event.object_id) == (w.op_hue, "org.user", str(w.handler.pk))
    assert event.after == {"via": "admin", "usable": True} and event.before is None
    assert w.handler.password not in str(event.after) + str(event.before) + event.object_repr


def test_an_account_created_by_an_operator_is_his_to_manage_and_audited(w: World) -> None:
    client = logged_in(w.op_hue)
    response = client.post("/quan-tri/org/user/add/",
                           {"username": "canbo_moi", "full_name": "Cán bộ mới", "password1": "Mat-Khau-Moi-2026",
                            "password2": "Mat-Khau-Moi-2026", "usable_password": "true"})  # fmt: skip
    assert response.status_code == 302, response.content
    new = User.objects.get(username="canbo_moi")
    assert new.created_by == w.op_hue
    assert permissions.may_manage_user(w.op_hue, new)
    assert not permissions.may_manage_user(w.op_hue2, new)  # another operator's new account: not his
    assert list(
        AuditEvent.objects.filter(object_id=str(new.pk), object_type="org.user")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["org.user_create", "org.user_password_change"]


def test_the_person_autocomplete_offers_only_accounts_within_reach(w: World) -> None:
    response = logged_in(w.op_hue).get("/quan-tri/autocomplete/", {"app_label": "org", "model_name": "roleassignment",
                                                                   "field_name": "user", "term": ""})  # fmt: skip
    offered = {item["text"] for item in response.json()["results"]}
    assert offered == {str(u) for u in (w.op_hue, w.op_hue2, w.op_phuong, w.handler)}


# Who grants what ---------------------------------------------------------------------------------


def test_an_operator_cannot_grant_himself_or_anyone_the_head_role(w: World) -> None:
    for grantee in (w.op_hue, w.handler):
        with pytest.raises(PermissionDenied) as refused:
            services.role_assign(actor=w.op_hue, user=grantee, role=Role.HEAD, organization=w.phuong)
        assert refused.value.code == codes.GRANT_FORBIDDEN
    assert not RoleAssignment.objects.filter(role=Role.HEAD, organization=w.phuong).exclude(user=w.head_hue).exists()


def test_nobody_grants_a_scope_wider_than_his_own(w: World) -> None:
    # The phường's operator holds no subtree: he may not grant one, nor act on the body above.
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=w.op_phuong, user=w.handler, role=Role.HANDLER, organization=w.phuong,
                             include_subtree=True)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.role_assign(actor=w.op_phuong, user=w.handler, role=Role.OPERATOR, organization=w.hue)
    with pytest.raises(PermissionDenied):  # another province
        services.role_assign(actor=w.op_hue, user=w.handler, role=Role.HANDLER, organization=w.danang)
    with pytest.raises(PermissionDenied):  # a person beyond his reach (Đà Nẵng's head), even in his tree
        services.role_assign(actor=w.op_hue, user=w.head_danang, role=Role.HANDLER, organization=w.phuong)
    with pytest.raises(PermissionDenied):  # himself
        services.role_assign(actor=w.op_hue, user=w.op_hue, role=Role.INSPECTOR, organization=w.phuong)
    # Ordinary roles inside his tree: fine. What he holds, at most as wide: fine.
    services.role_assign(actor=w.op_phuong, user=w.handler, role=Role.INSPECTOR, organization=w.phuong)
    services.role_assign(actor=w.op_hue, user=w.handler, role=Role.OPERATOR, organization=w.phuong,
                         include_subtree=True)  # fmt: skip
    assert [e.actor for e in AuditEvent.objects.filter(action="org.role_assign", object_type="org.roleassignment",
                                                       actor__isnull=False).order_by("pk")] == [w.op_phuong, w.op_hue]  # fmt: skip
    # Now the handler holds a role wider than the phường's operator's: no longer his to manage.
    assert not permissions.may_manage_user(w.op_phuong, w.handler)


def test_only_whoever_could_grant_a_role_revokes_it(w: World) -> None:
    head_role = RoleAssignment.objects.get(user=w.head_hue, role=Role.HEAD)
    with pytest.raises(PermissionDenied) as refused:
        services.role_revoke(actor=w.op_hue, assignment=head_role, reason="thử thu hồi")
    assert refused.value.code == codes.REVOKE_FORBIDDEN
    services.role_revoke(actor=w.superuser, assignment=head_role, reason="chuyển công tác")
    assert AuditEvent.objects.get(action="org.role_revoke").actor == w.superuser


def test_the_rule_is_pure_and_asks_the_registry_which_roles_are_sensitive() -> None:
    sensitive = permissions.sensitive_roles()
    assert Role.HEAD in sensitive  # cases.open_identity is registered for heads
    op = permissions.Grant(Role.OPERATOR, "/1/", include_subtree=True)
    assert permissions.grant_allowed([op], permissions.Grant(Role.HANDLER, "/1/5/", True), sensitive=sensitive)
    assert not permissions.grant_allowed([op], permissions.Grant(Role.HEAD, "/1/5/", False), sensitive=sensitive)
    assert not permissions.grant_allowed([op], permissions.Grant(Role.HANDLER, "/2/", False), sensitive=sensitive)
    narrow = permissions.Grant(Role.OPERATOR, "/1/5/", include_subtree=False)
    assert permissions.grant_allowed([narrow], permissions.Grant(Role.OPERATOR, "/1/5/", False), sensitive=sensitive)
    assert not permissions.grant_allowed([narrow], permissions.Grant(Role.OPERATOR, "/1/5/", True), sensitive=sensitive)
    assert not permissions.grant_allowed([narrow], permissions.Grant(Role.HANDLER, "/1/5/9/", False),
                                         sensitive=sensitive)  # fmt: skip


# The admin's role form ----------------------------------------------------------------------------


def test_a_grant_outside_the_operators_scope_is_a_clear_refusal_not_a_server_error(w: World) -> None:
    client = logged_in(w.op_hue)
    response = client.post("/quan-tri/org/roleassignment/add/",
                           {"user": w.handler.pk, "role": Role.HANDLER, "organization": w.danang.pk})  # fmt: skip
    assert response.status_code == 200
    assert "organization" in response.context["adminform"].form.errors
    # In his tree, but a wider scope than his own: the message says so.
    response = logged_in(w.op_phuong).post("/quan-tri/org/roleassignment/add/",
                                           {"user": w.handler.pk, "role": Role.HANDLER, "organization": w.phuong.pk,
                                            "include_subtree": "on"})  # fmt: skip
    assert response.status_code == 200
    assert "Bạn không được cấp vai trò này" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=w.handler).exclude(role=Role.HANDLER, include_subtree=False).exists()


def test_the_role_form_does_not_offer_the_head_role_to_an_operator(w: World) -> None:
    form = logged_in(w.op_hue).get("/quan-tri/org/roleassignment/add/").context["adminform"].form
    offered = {value for value, _ in form.fields["role"].choices if value}
    assert Role.HEAD not in offered and Role.OPERATOR in offered and Role.HANDLER in offered


# Sensitive roles need a second person -----------------------------------------------------------


def test_a_role_that_opens_identities_is_in_force_only_after_another_person_approves(w: World) -> None:
    with pytest.raises(DomainError) as direct:
        services.role_assign(actor=w.superuser, user=w.handler, role=Role.HEAD, organization=w.phuong)
    assert direct.value.code == codes.APPROVAL_REQUIRED
    pending = services.role_grant_request(actor=w.op_hue, user=w.handler, role=Role.HEAD, organization=w.phuong,
                                          reason="Bổ nhiệm Phó Chủ tịch phụ trách tiếp dân")  # fmt: skip
    assert not RoleAssignment.objects.filter(user=w.handler, role=Role.HEAD).exists()
    assert not permissions.user_may(w.handler, "cases.open_identity", w.phuong)
    # Not the requester, not the grantee, not an operator who does not hold the role, not another province.
    for who in (w.op_hue, w.handler, w.op_hue2, w.op_danang, w.head_danang):
        with pytest.raises(PermissionDenied) as refused:
            services.role_grant_approve(actor=who, grant_request=pending)
        assert refused.value.code == codes.APPROVE_FORBIDDEN
    assignment = services.role_grant_approve(actor=w.superuser, grant_request=pending, note="Đã có quyết định")
    assert assignment.granted_by == w.superuser
    permissions.forget_cached_roles(w.handler)
    assert permissions.user_may(w.handler, "cases.open_identity", w.phuong)
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == (GrantStatus.APPROVED, w.superuser)
    rows = list(AuditEvent.objects.filter(action__startswith="org.role_grant").order_by("pk")
                .values_list("action", "actor__username"))  # fmt: skip
    assert rows == [("org.role_grant_request", "op_hue"), ("org.role_grant_approve", "quantri")]
    assigned = AuditEvent.objects.get(action="org.role_assign", object_id=str(assignment.pk))
    assert assigned.actor == w.superuser and (assigned.after or {})["role"] == "head"
    with pytest.raises(DomainError) as twice:
        services.role_grant_approve(actor=w.superuser, grant_request=pending)
    assert twice.value.code == codes.ALREADY_DECIDED


def test_an_operator_cannot_request_the_head_role_for_himself_or_outside_his_tree(w: World) -> None:
    for user, org in ((w.op_hue, w.phuong), (w.handler, w.danang)):
        with pytest.raises(PermissionDenied):
            services.role_grant_request(actor=w.op_hue, user=user, role=Role.HEAD, organization=org, reason="thử")
    assert not RoleGrantRequest.objects.exists()


def test_a_rejected_request_grants_nothing_and_is_audited(w: World) -> None:
    pending = services.role_grant_request(actor=w.op_hue, user=w.handler, role=Role.HEAD, organization=w.phuong,
                                          reason="Đề nghị")  # fmt: skip
    services.role_grant_reject(actor=w.superuser, grant_request=pending, note="Chưa có quyết định bổ nhiệm")
    assert not RoleAssignment.objects.filter(user=w.handler, role=Role.HEAD).exists()
    event = AuditEvent.objects.get(action="org.role_grant_reject")
    assert event.actor == w.superuser and (event.after or {})["status"] == "rejected"


def test_the_admin_shows_pending_grants_to_who_may_approve_them_and_approves(w: World) -> None:
    pending = services.role_grant_request(actor=w.op_hue, user=w.handler, role=Role.HEAD, organization=w.phuong,
                                          reason="Đề nghị")  # fmt: skip
    assert logged_in(w.op_danang).get("/quan-tri/org/rolegrantrequest/").context["cl"].result_count == 0
    admin = logged_in(w.superuser)
    assert admin.get("/quan-tri/org/rolegrantrequest/").context["cl"].result_count == 1
    response = admin.post("/quan-tri/org/rolegrantrequest/",
                          {"action": "approve", "_selected_action": [pending.pk]}, follow=True)  # fmt: skip
    assert response.status_code == 200
    assert RoleAssignment.objects.filter(user=w.handler, role=Role.HEAD, organization=w.phuong).exists()


# Other pages an operator opens ------------------------------------------------------------------


def test_an_operator_edits_unit_attributes_only_in_his_own_province(w: World) -> None:
    from danvan.org.models import AdministrativeUnit

    danang_commune = AdministrativeUnit.objects.filter(province=province(48), level="commune").first()
    assert danang_commune is not None
    with pytest.raises(PermissionDenied):
        services.unit_set_remote_area(unit=danang_commune, actor=w.op_hue, is_remote_area=True, reason="thử")
    response = logged_in(w.op_hue).post(f"/quan-tri/org/administrativeunit/{danang_commune.pk}/change/",
                                        {"is_remote_area": "on"})  # fmt: skip
    assert response.status_code == 403
    danang_commune.refresh_from_db()
    assert not danang_commune.is_remote_area
    services.unit_set_remote_area(unit=commune(19753), actor=w.op_hue, is_remote_area=True, reason="vùng sâu")
    assert commune(19753).is_remote_area


def test_an_operator_cannot_create_a_body_outside_every_subtree_or_move_his_there(w: World) -> None:
    from danvan.org.models import OrganizationKind

    kind = OrganizationKind.objects.get(code="ubnd")
    with pytest.raises(PermissionDenied):
        services.organization_create(actor=w.op_hue, code="moi", name="Cơ quan ngoài cây", kind=kind,
                                     unit=province(), parent=None)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.organization_update(organization=w.phuong, actor=w.op_hue, parent=None)
    w.phuong.refresh_from_db()
    assert w.phuong.parent_id == w.hue.pk
    response = logged_in(w.op_hue).post("/quan-tri/org/organization/add/",
                                        {"code": "moi", "name": "Cơ quan ngoài cây", "kind": kind.pk,
                                         "unit": province().pk, "is_active": "on"})  # fmt: skip
    assert response.status_code in {200, 403} and not Organization.objects.filter(code="moi").exists()


# The step-up second factor's device ---------------------------------------------------------------


def test_an_operator_of_another_province_cannot_reset_a_heads_authenticator(w: World) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=w.head_hue, name="t", confirmed=True)
    assert logged_in(w.op_danang).get("/quan-tri/otp_totp/totpdevice/").status_code == 404  # not in the admin
    response = logged_in(w.op_danang).post("/quan-tri/org/user/", {
        "action": "second_factor_reset", "_selected_action": [w.head_hue.pk]}, follow=True)  # fmt: skip
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=w.head_hue).exists()
    assert not AuditEvent.objects.filter(action="org.second_factor_reset").exists()
    response = logged_in(w.superuser).post("/quan-tri/org/user/", {
        "action": "second_factor_reset", "_selected_action": [w.head_hue.pk]}, follow=True)  # fmt: skip
    assert not TOTPDevice.objects.filter(user=w.head_hue).exists()
    event = AuditEvent.objects.get(action="org.second_factor_reset")
    assert event.actor == w.superuser and event.object_id == str(w.head_hue.pk)
