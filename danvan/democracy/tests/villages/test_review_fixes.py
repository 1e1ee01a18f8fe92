"""Review 16's findings on villages (M4, L4): no phone or email in the audit, household codes one case."""

from __future__ import annotations

import json

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError
from danvan.democracy import errors
from danvan.democracy.models import Household
from danvan.democracy.services import villages as services
from danvan.democracy.tests.villages.helpers import rows
from danvan.org.tests.factories import PHU_XUAN

pytestmark = pytest.mark.django_db
PHONE, EMAIL = "0912 345 678", "nam@example.vn"


def test_the_audit_keeps_whether_a_contact_is_there_never_its_value(dworld) -> None:
    h = services.household_create(actor=dworld.chair, village=dworld.village, code="H050",
                                  representative_name="Lê Thị Năm", phone=PHONE, email=EMAIL, members=4)  # fmt: skip
    made = AuditEvent.objects.get(action="democracy.household_create", object_id=str(h.pk))
    assert made.after == {"code": "H050", "representative_name": "Lê Thị Năm", "members": 4, "is_active": True,
                          "has_phone": True, "has_email": True}  # fmt: skip
    services.household_update(actor=dworld.chair, household=h, representative_name="Lê Thị Năm",
                              phone="0987 654 321", email="", members=4)  # fmt: skip
    changed = AuditEvent.objects.get(action="democracy.household_update", object_id=str(h.pk))
    assert changed.before == made.after
    assert changed.after == {"code": "H050", "representative_name": "Lê Thị Năm", "members": 4, "is_active": True,
                             "has_phone": True, "has_email": False, "phone_changed": True, "email_changed": True}  # fmt: skip
    stored = json.dumps([e.before for e in AuditEvent.objects.all()] + [e.after for e in AuditEvent.objects.all()])
    for secret in ("0912", "345 678", "0987", "654 321", "nam@example"):
        assert secret not in stored


def test_an_imported_households_audit_has_no_contact_either(dworld) -> None:
    report = services.households_import(actor=dworld.chair,
                                        rows=rows("households", f"{PHU_XUAN},tdp-1,H051,A,{PHONE},{EMAIL},2"))  # fmt: skip
    assert report.ok and report.created == 1
    event = AuditEvent.objects.get(action="democracy.household_create")
    after = event.after or {}
    assert (after["has_phone"], after["has_email"]) == (True, True)
    assert "phone" not in after and "email" not in after


def test_a_household_code_is_stored_upper_case_and_one_whatever_the_case(dworld) -> None:
    h = services.household_create(actor=dworld.chair, village=dworld.village, code=" t1-01 ", representative_name="A")
    assert Household.objects.get(pk=h.pk).code == "T1-01"
    with pytest.raises(DomainError) as caught:
        services.household_create(actor=dworld.chair, village=dworld.village, code="T1-01", representative_name="B")
    assert caught.value.code == errors.DUPLICATE_CODE
    assert Household.objects.filter(village=dworld.village, code__iexact="t1-01").count() == 1


def test_the_import_reports_two_cases_of_one_code_as_a_duplicate(dworld) -> None:
    before = Household.objects.count()
    report = services.households_import(actor=dworld.chair, rows=rows(
        "households", f"{PHU_XUAN},tdp-1,t1-01,A,,,1", f"{PHU_XUAN},tdp-1,T1-01,B,,,2"))  # fmt: skip
    assert [(e.line, e.column, e.code) for e in report.errors] == [(3, "household_code", errors.DUPLICATE_CODE)]
    assert Household.objects.count() == before


def test_the_import_matches_a_stored_code_whatever_its_case(dworld) -> None:
    before = Household.objects.count()
    Household.objects.filter(village=dworld.village, code="H001").update(code="h001")  # stored before the fix
    report = services.households_import(actor=dworld.chair,
                                        rows=rows("households", f"{PHU_XUAN},tdp-1,H001,Chủ hộ mới,,,2"))  # fmt: skip
    assert report.ok and (report.created, report.updated) == (0, 1)
    assert Household.objects.count() == before
    assert Household.objects.get(village=dworld.village, code="h001").representative_name == "Chủ hộ mới"
