"""The admin saves through the services: the same checks, the same audit events.

Who may open the admin site at all is org's decision (``danvan.org.admin``: operators and
superusers), so these tests sign in as a superuser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.core.models import AuditEvent
from danvan.deadlines.models import CalendarOverride, DeadlineRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(username="quan-tri", password="mat-khau-thu-nghiem")


@pytest.fixture
def admin_client_(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def _rule_form(rule: DeadlineRule, **changes) -> dict:
    fields = [
        "label", "kind", "trigger", "period", "unit", "legal_basis", "source", "confidence", "alt_period",
        "alt_unit", "alt_legal_basis", "alt_confidence", "reading", "extension_period", "max_extensions_normal",
        "max_extensions_complex", "max_extensions_especially_complex", "extension_legal_basis", "on_transfer",
        "warn_percent", "note",
    ]  # fmt: skip
    data = {name: ("" if getattr(rule, name) is None else getattr(rule, name)) for name in fields}
    data["effective_from"] = rule.effective_from.strftime("%d/%m/%Y") if rule.effective_from else ""
    if rule.statutory:
        data["statutory"] = "on"
    data.update(changes)
    return data


def test_changing_a_rule_in_the_admin_is_audited_with_its_reason(admin_client_, superuser):
    rule = DeadlineRule.objects.get(procedure="khieu_nai", step="thu_ly_lan_1", regime="R2026")
    url = reverse("admin:deadlines_deadlinerule_change", args=[rule.pk])
    assert admin_client_.get(url).status_code == 200
    response = admin_client_.post(url, _rule_form(rule, confidence="V", reason="Đã đối chiếu Công báo"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    rule.refresh_from_db()
    assert rule.confidence == "V"
    event = AuditEvent.objects.get(action="deadlines.rule_update")
    assert (event.actor, event.after, event.reason) == (superuser, {"confidence": "V"}, "Đã đối chiếu Công báo")


def test_the_admin_refuses_a_rule_the_engine_could_not_use(admin_client_):
    rule = DeadlineRule.objects.get(procedure="to_cao", step="giai_quyet", regime="R2025")
    url = reverse("admin:deadlines_deadlinerule_change", args=[rule.pk])
    response = admin_client_.post(url, _rule_form(rule, extension_period="", reason="thử"))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    rule.refresh_from_db()
    assert rule.extension_period == 30
    assert not AuditEvent.objects.filter(action="deadlines.rule_update").exists()


def test_a_reason_is_required_in_the_admin(admin_client_):
    rule = DeadlineRule.objects.get(procedure="to_cao", step="giai_quyet", regime="R2025")
    url = reverse("admin:deadlines_deadlinerule_change", args=[rule.pk])
    response = admin_client_.post(url, _rule_form(rule, period=31))
    assert response.status_code == 200
    rule.refresh_from_db()
    assert rule.period == 30


def test_rules_cannot_be_added_or_deleted_in_the_admin(admin_client_):
    assert admin_client_.get(reverse("admin:deadlines_deadlinerule_add")).status_code == 403
    rule = DeadlineRule.objects.get(procedure="to_cao", step="giai_quyet", regime="R2025")
    assert admin_client_.get(reverse("admin:deadlines_deadlinerule_delete", args=[rule.pk])).status_code == 403


def test_overrides_added_and_deleted_in_the_admin_are_audited(admin_client_):
    response = admin_client_.post(
        reverse("admin:deadlines_calendaroverride_add"), {"on": "02/01/2027", "kind": "working_day", "note": "làm bù"}
    )
    assert response.status_code == 302
    override = CalendarOverride.objects.get(on=dt.date(2027, 1, 2))
    response = admin_client_.post(
        reverse("admin:deadlines_calendaroverride_delete", args=[override.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not CalendarOverride.objects.exists()
    assert set(AuditEvent.objects.filter(action__startswith="deadlines.").values_list("action", flat=True)) == {
        "deadlines.calendar_override_set",
        "deadlines.calendar_override_remove",
    }
