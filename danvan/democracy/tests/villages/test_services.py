"""Villages and households through the services: the body under the commune's People's Committee
(reused when the demo made it), the import's all-or-nothing report with exact lines, columns and codes,
idempotence, XLSX, the data kept minimal, and who may do what."""

from __future__ import annotations

import pytest

from danvan.core import tabular
from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.democracy import errors
from danvan.democracy.models import Household, Village
from danvan.democracy.services import villages as services
from danvan.democracy.tests.villages.helpers import H_HEAD, rows, xlsx
from danvan.org.models import Organization
from danvan.org.tests.factories import KIM_LONG, PHU_XUAN, organization

pytestmark = pytest.mark.django_db


def _codes(report):
    return [(e.line, e.column, e.code) for e in report.errors]


def test_a_village_gets_its_own_body_under_the_committee(dworld) -> None:
    v = services.village_create(
        actor=dworld.chair, commune=dworld.commune, code="TDP-3", name="Tổ dân phố 3", kind="to_dan_pho"
    )
    assert v.code == "tdp-3"
    assert v.organization.parent_id == dworld.phuong.pk and v.organization.kind.code == "to_dan_pho"
    assert v.organization.unit_id == dworld.commune.pk
    assert AuditEvent.objects.filter(action="democracy.village_create", object_id=str(v.pk)).exists()


def test_an_existing_body_of_that_kind_and_name_is_reused(dworld) -> None:
    body = organization("Tổ dân phố 7, Phường Phú Xuân", kind="to_dan_pho", unit=dworld.commune, parent=dworld.phuong)
    before = Organization.objects.count()
    v = services.village_create(
        actor=dworld.chair,
        commune=dworld.commune,
        code="tdp-7",
        name="Tổ dân phố 7, Phường Phú Xuân",
        kind="to_dan_pho",
    )
    assert v.organization_id == body.pk and Organization.objects.count() == before


def test_another_wards_chair_is_refused(dworld) -> None:
    with pytest.raises(PermissionDenied) as exc:
        services.village_create(actor=dworld.other_chair, commune=dworld.commune, code="x", name="X", kind="thon")
    assert exc.value.code == "forbidden"
    h = dworld.village.households.first()
    with pytest.raises(PermissionDenied) as exc:
        services.household_uncount(actor=dworld.other_chair, household=h, reason="chuyển đi")
    assert exc.value.code == "forbidden"


def test_a_duplicate_code_and_a_bad_phone_are_refused(dworld) -> None:
    with pytest.raises(DomainError) as exc:
        services.village_create(actor=dworld.chair, commune=dworld.commune, code="tdp-1", name="A", kind="thon")
    assert exc.value.code == errors.DUPLICATE_CODE
    with pytest.raises(DomainError) as exc:
        services.household_create(
            actor=dworld.chair, village=dworld.village, code="H100", representative_name="A", phone="12", members=2
        )
    assert exc.value.code == errors.BAD_PHONE and "phone" in exc.value.details


def test_uncounting_keeps_the_household_and_needs_a_reason(dworld) -> None:
    h = dworld.village.households.get(code="H001")
    with pytest.raises(DomainError) as exc:
        services.household_uncount(actor=dworld.chair, household=h, reason="  ")
    assert exc.value.code == errors.REQUIRED
    services.household_uncount(actor=dworld.chair, household=h, reason="Chuyển đi Đà Nẵng")
    h.refresh_from_db()
    assert h.is_active is False
    event = AuditEvent.objects.get(action="democracy.household_uncount", object_id=str(h.pk))
    assert event.reason == "Chuyển đi Đà Nẵng"
    with pytest.raises(DomainError) as exc:
        services.household_uncount(actor=dworld.chair, household=h, reason="lại")
    assert exc.value.code == errors.BAD_STATE


def test_a_good_villages_file_is_imported_once(dworld) -> None:
    file = rows(
        "villages",
        f"{PHU_XUAN},tdp-3,Tổ dân phố 3,Tổ dân phố",
        f"{PHU_XUAN},tdp-1,Tổ dân phố 1,to_dan_pho",
        f"{PHU_XUAN},thon-a,Thôn A,thôn",
    )
    report = services.villages_import(actor=dworld.chair, rows=file)
    assert report.ok and (report.created, report.updated, report.unchanged) == (2, 0, 1)
    assert Village.objects.get(commune=dworld.commune, code="thon-a").kind == "thon"
    events = AuditEvent.objects.count()
    again = services.villages_import(actor=dworld.chair, rows=file)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEvent.objects.count() == events


def test_a_changed_row_is_updated_and_audited(dworld) -> None:
    report = services.villages_import(
        actor=dworld.chair, rows=rows("villages", f"{PHU_XUAN},tdp-2,Tổ dân phố số 2,tdp")
    )
    assert (report.created, report.updated) == (0, 1)
    dworld.village2.refresh_from_db()
    assert dworld.village2.name == "Tổ dân phố số 2" and dworld.village2.organization.name == "Tổ dân phố số 2"
    assert AuditEvent.objects.filter(action="democracy.village_update", object_id=str(dworld.village2.pk)).exists()


def test_bad_rows_are_listed_with_line_column_and_code_and_nothing_is_stored(dworld) -> None:
    file = rows(
        "villages",
        f"{PHU_XUAN},tdp-9,Tổ dân phố 9,to_dan_pho",  # line 2: good
        "99999999,tdp-1,X,thon",  # line 3: no such commune
        f"{PHU_XUAN},tổ 4,Tổ 4,to_dan_pho",  # line 4: code with spaces
        f"{PHU_XUAN},tdp-5,,xom",  # line 5: no name, unknown kind
        f"{PHU_XUAN},tdp-9,Again,thon",  # line 6: repeats line 2
        f"{KIM_LONG},tdp-8,Tổ 8,thon",  # line 7: Kim Long is not the chair's
    )
    report = services.villages_import(actor=dworld.chair, rows=file)
    assert _codes(report) == [
        (3, "commune_code", errors.UNKNOWN_COMMUNE),
        (4, "village_code", errors.BAD_VILLAGE_CODE),
        (5, "kind", errors.BAD_KIND),
        (5, "name", errors.REQUIRED),
        (6, "village_code", errors.DUPLICATE_CODE),
        (7, "commune_code", errors.FORBIDDEN),
    ]
    assert "99999999" in report.errors[0].message and "Tổ dân phố 9" not in report.errors[0].message
    assert not Village.objects.filter(code="tdp-9").exists()


def test_households_file_good_bad_idempotent(dworld) -> None:
    good = rows(
        "households",
        f"{PHU_XUAN},tdp-1,H050,Lê Thị Năm,0912 345 678,nam@example.vn,4",
        f"{PHU_XUAN},tdp-1,H001,Chủ hộ mới,,,2",
    )
    report = services.households_import(actor=dworld.chair, rows=good)
    assert report.ok and (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert Household.objects.get(village=dworld.village, code="H050").phone == "0912 345 678"
    again = services.households_import(actor=dworld.chair, rows=good)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    bad = rows(
        "households",
        f"{PHU_XUAN},tdp-1,H060,,12345,not-an-email,0",
        f"{PHU_XUAN},tdp-x,H061,A,,,1",
        f"{PHU_XUAN},tdp-1,H062,B,0912345678,,3",
    )
    report = services.households_import(actor=dworld.chair, rows=bad)
    assert _codes(report) == [
        (2, "email", errors.BAD_EMAIL),
        (2, "members", errors.BAD_MEMBERS),
        (2, "phone", errors.BAD_PHONE),
        (2, "representative_name", errors.REQUIRED),
        (3, "village_code", errors.UNKNOWN_VILLAGE),
    ]
    assert not Household.objects.filter(code="H062").exists()


def test_a_dry_run_counts_and_stores_nothing(dworld) -> None:
    report = services.households_import(
        actor=dworld.chair, dry_run=True, rows=rows("households", f"{PHU_XUAN},tdp-2,H099,Ngô Văn Chín,,,3")
    )
    assert report.ok and report.dry_run and report.created == 1
    assert not Household.objects.filter(code="H099").exists()


def test_a_village_head_may_not_import(dworld) -> None:
    with pytest.raises(PermissionDenied) as exc:
        services.households_import(actor=dworld.village_head, rows=rows("households", f"{PHU_XUAN},tdp-1,H1,A,,,1"))
    assert exc.value.code == "forbidden"


def test_an_id_number_column_is_refused_as_a_whole_file() -> None:
    with pytest.raises(tabular.FileError) as exc:
        services.file_rows("h.csv", (H_HEAD + ",cccd\n1,a,H1,A,,,1,046123456789\n").encode(), which="households")
    assert "cccd" in str(exc.value)


def test_an_xlsx_households_file_keeps_the_phones_zero(dworld) -> None:
    header = H_HEAD.split(",")
    data = xlsx(header, [[PHU_XUAN, "tdp-2", "H070", "Đỗ Thị Bảy", "0905123456", "", 5]])
    report = services.households_import(actor=dworld.chair, rows=services.file_rows("h.xlsx", data, which="households"))
    assert report.ok and report.created == 1
    h = Household.objects.get(village=dworld.village2, code="H070")
    assert (h.phone, h.members) == ("0905123456", 5)
