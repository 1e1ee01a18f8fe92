"""Importing and exporting the organization file: all or nothing, each bad row named."""

import pytest

from danvan.core import tabular
from danvan.core.models import AuditEvent
from danvan.org import selectors, services
from danvan.org.choices import Role
from danvan.org.models import Organization
from danvan.org.tests.factories import grant, make_user

pytestmark = pytest.mark.django_db

HEADER = "code,name,kind,province_code,commune_code,parent_code,email,is_active\n"
GOOD = (
    HEADER
    + "hue-ubnd,UBND thành phố Huế,ubnd,46,,,,1\n"
    + "hue-px-ubnd,UBND Phường Phú Xuân,ubnd,46,19753,hue-ubnd,px@hue.gov.vn,1\n"
    + "hue-px-tdp1,Tổ dân phố 1,to_dan_pho,46,19753,hue-px-ubnd,,1\n"
)


def run(text: str, actor=None):
    actor = actor or make_user(is_superuser=True)
    return services.organizations_import(actor=actor, rows=tabular.read_csv(text.encode()))


def test_a_good_file_creates_the_tree_with_units_and_parents():
    report = run(GOOD)
    assert report.ok and report.created == 3
    tdp = Organization.objects.get(code="hue-px-tdp1")
    assert tdp.parent is not None
    assert tdp.parent.code == "hue-px-ubnd" and tdp.unit.name == "Phường Phú Xuân" and tdp.depth == 2
    assert AuditEvent.objects.filter(action="org.organization_create").count() == 3


def test_children_may_come_before_their_parents_in_the_file():
    lines = GOOD.splitlines()
    report = run("\n".join([lines[0], lines[3], lines[2], lines[1]]) + "\n")
    assert report.ok and report.created == 3


def test_importing_the_same_file_twice_changes_nothing():
    run(GOOD)
    events = AuditEvent.objects.count()
    report = run(GOOD)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert AuditEvent.objects.count() == events


def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported():
    bad = (
        GOOD
        + "hue-x,,ubnd,46,,hue-ubnd,,1\n"  # line 5: no name
        + "hue-y,Ban Z,khong_co,46,,hue-ubnd,,1\n"  # line 6: unknown kind
        + "hue-z,UBND Q,ubnd,46,99999,hue-ubnd,,1\n"  # line 7: unknown commune
        + "hue-w,UBND Ba Đình,ubnd,46,4,hue-ubnd,,1\n"  # line 8: commune of Hà Nội, not Huế
        + "hue-v,UBND V,ubnd,46,,khong-co-cha,not-an-email,2\n"  # line 9: unknown parent, email, is_active
        + "hue-ubnd,UBND trùng,ubnd,46,,,,1\n"  # line 10: duplicate code
    )
    report = run(bad)
    assert not report.ok
    assert {(e.line, e.column) for e in report.errors} == {
        (5, "name"), (6, "kind"), (7, "commune_code"), (8, "commune_code"), (9, "parent_code"), (9, "email"),
        (9, "is_active"), (10, "code"),
    }  # fmt: skip
    assert Organization.objects.count() == 0


def test_a_loop_of_parents_is_refused():
    report = run(HEADER + "a,A,ubnd,46,,b,,1\nb,B,ubnd,46,,a,,1\n")
    assert not report.ok and any(e.column == "parent_code" for e in report.errors)
    assert Organization.objects.count() == 0


def test_an_operator_imports_only_inside_their_tree():
    run(GOOD)
    operator = make_user()
    grant(operator, Role.OPERATOR, Organization.objects.get(code="hue-px-ubnd"), subtree=True)
    ok = run(HEADER + "hue-px-tdp2,Tổ dân phố 2,to_dan_pho,46,19753,hue-px-ubnd,,1\n", actor=operator)
    assert ok.ok and ok.created == 1
    refused = run(HEADER + "hue-so,Sở Xây dựng,so,46,,hue-ubnd,,1\nroot2,Gốc mới,ubnd,46,,,,1\n", actor=operator)
    assert {(e.line, e.column) for e in refused.errors} == {(2, "parent_code"), (3, "parent_code")}
    assert not Organization.objects.filter(code__in=["hue-so", "root2"]).exists()


def test_file_level_problems_are_refused_before_any_row():
    with pytest.raises(tabular.FileError):
        tabular.read_csv(b"code,name,colour\nx,y,z\n")
    with pytest.raises(tabular.FileError):
        tabular.read_csv(b"code,name\nx,y\n")  # missing required columns
    with pytest.raises(tabular.FileError):
        tabular.read_file("co-quan.xlsx", b"not a zip file")
    with pytest.raises(tabular.FileError):
        tabular.read_file("co-quan.xls", b"")


def test_export_then_import_round_trips_through_csv_and_xlsx():
    run(GOOD)
    root = make_user(is_superuser=True)
    rows = selectors.organization_export_rows(user=root)
    for data, name in ((tabular.write_csv(rows), "x.csv"), (tabular.write_xlsx(rows), "x.xlsx")):
        parsed = tabular.read_file(name, data)
        assert [r.values["code"] for r in parsed] == ["hue-ubnd", "hue-px-ubnd", "hue-px-tdp1"]
        report = services.organizations_import(actor=root, rows=parsed)
        assert report.ok and report.unchanged == 3


def test_export_contains_only_what_the_user_may_see():
    run(GOOD)
    handler = make_user()
    grant(handler, Role.HANDLER, Organization.objects.get(code="hue-px-ubnd"))
    assert [r["code"] for r in selectors.organization_export_rows(user=handler)] == ["hue-px-ubnd"]
