"""A body's code is text: "000123" keeps its zeros on import (CSV and XLSX, also when Excel made it a
number shown as 000123), on export (CSV, and XLSX as text cells), on its page and in the API."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.test import Client

from danvan.core import tabular
from danvan.org import selectors, services
from danvan.org.models import Organization
from danvan.org.tests.factories import make_user

pytestmark = pytest.mark.django_db

CODE, CHILD = "000123", "000123-01"
CSV = (
    "code,name,kind,province_code,commune_code,parent_code,email,is_active\n"
    f"{CODE},UBND thành phố Huế,ubnd,46,,,,1\n"
    f"{CHILD},UBND Phường Phú Xuân,ubnd,46,19753,{CODE},,1\n"
)


def imported(rows: list[tabular.Row]) -> services.ImportReport:
    report = services.organizations_import(actor=make_user(username="root", is_superuser=True), rows=rows)
    assert report.ok, report.errors
    return report


def test_csv_import_keeps_the_zeros_and_the_parent_link() -> None:
    imported(tabular.read_csv(CSV.encode()))
    child = Organization.objects.get(code=CHILD)
    assert child.parent is not None and child.parent.code == CODE


def test_xlsx_import_restores_zeros_excel_turned_into_a_number() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "name", "kind", "province_code", "is_active"])
    sheet.append([123, "UBND thành phố Huế", "ubnd", 46, 1])
    sheet["A2"].number_format = "000000"  # how Excel shows 000123 once it made it the number 123
    sheet.append(["000124", "Thanh tra thành phố Huế", "ubnd", 46, 1])  # typed as text
    buffer = io.BytesIO()
    book.save(buffer)
    rows = tabular.read_file("co-quan.xlsx", buffer.getvalue())
    assert [r.values["code"] for r in rows] == ["000123", "000124"]
    imported(rows)
    assert set(Organization.objects.values_list("code", flat=True)) == {"000123", "000124"}


def test_a_plain_number_cell_is_not_padded() -> None:
    assert tabular._cell(123.0) == "123" and tabular._cell(123, "General") == "123"
    assert tabular._cell(123, "000000") == "000123" and tabular._cell(123, '"00000"') == "00123"


def test_exports_write_the_code_as_text_and_round_trip() -> None:
    imported(tabular.read_csv(CSV.encode()))
    rows = selectors.organization_export_rows(user=make_user(username="root2", is_superuser=True))
    as_csv = tabular.write_csv(rows)
    table = list(csv.reader(io.StringIO(as_csv.decode("utf-8-sig"))))
    assert [r[0] for r in table[1:]] == [CODE, CHILD] and table[2][6] == CODE
    sheet = openpyxl.load_workbook(io.BytesIO(tabular.write_xlsx(rows))).active
    assert sheet is not None
    cell, parent = sheet["A2"], sheet["G3"]
    assert (cell.value, cell.data_type, cell.number_format) == (CODE, "s", "@")
    assert (parent.value, parent.number_format) == (CODE, "@")
    for data, name in ((as_csv, "x.csv"), (tabular.write_xlsx(rows), "x.xlsx")):
        again = tabular.read_file(name, data)
        assert [r.values["code"] for r in again] == [CODE, CHILD]
        assert imported(again).unchanged == 2


def test_the_page_the_export_view_and_the_api_show_the_zeros(client: Client) -> None:
    imported(tabular.read_csv(CSV.encode()))
    root = make_user(username="root3", is_superuser=True)
    client.force_login(root)
    org = Organization.objects.get(code=CODE)
    assert f"<dd>{CODE}</dd>" in client.get(f"/van-hanh/co-quan/{org.pk}/").content.decode()
    assert f"\r\n{CODE}," in client.get("/van-hanh/co-quan/xuat.csv").content.decode("utf-8-sig")
    results = client.get("/api/v1/organizations", {"page_size": 100}).json()["results"]
    assert {r["code"] for r in results} >= {CODE, CHILD}
