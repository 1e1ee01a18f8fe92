"""The two commands (the same services as an operator) and the demo seed."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from danvan.democracy import demo_villages
from danvan.democracy.models import Household, Village
from danvan.democracy.tests.villages.helpers import H_HEAD, V_HEAD
from danvan.org import permissions
from danvan.org.choices import Role
from danvan.org.demo import demo_seed
from danvan.org.models import User
from danvan.org.tests.factories import PHU_XUAN

pytestmark = pytest.mark.django_db


def test_the_commands_import_and_print_bad_rows(dworld, tmp_path, capsys) -> None:
    villages = tmp_path / "thon.csv"
    villages.write_text(f"{V_HEAD}\n{PHU_XUAN},tdp-3,Tổ dân phố 3,to_dan_pho\n", encoding="utf-8")
    call_command("democracy_import_villages", str(villages), "--actor", "chutich", "--dry-run")
    assert not Village.objects.filter(code="tdp-3").exists()
    call_command("democracy_import_villages", str(villages), "--actor", "chutich")
    assert Village.objects.filter(code="tdp-3").exists()
    households = tmp_path / "ho.csv"
    households.write_text(
        f"{H_HEAD}\n{PHU_XUAN},tdp-3,H001,Lê Văn Một,0912345678,,4\n{PHU_XUAN},tdp-3,H002,,,,4\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("democracy_import_households", str(households), "--actor", "chutich")
    assert "dòng 3, cột representative_name [required]" in capsys.readouterr().err
    assert not Household.objects.filter(village__code="tdp-3").exists()
    with pytest.raises(CommandError):
        call_command("democracy_import_households", str(households), "--actor", "khongco")


def test_the_demo_seeds_two_groups_once_and_the_public_page_hides_the_names() -> None:
    demo_seed(46)
    lines = demo_villages.seed("127.0.0.1:8000")
    assert any("totruong" in line for line in lines) and any("/dan-chu/" in line for line in lines)
    commune = demo_villages.demo_commune()
    v1 = Village.objects.get(commune=commune, code="tdp-1")
    v2 = Village.objects.get(commune=commune, code="tdp-2")
    assert v1.organization.code == f"46-{commune.code}-cd-1" and v2.organization.code == f"46-{commune.code}-cd-2"
    assert (v1.households.count(), v2.households.count()) == (30, 24)
    head = User.objects.get(username="totruong")
    assert permissions.roles_of(head) == {Role.VILLAGE_HEAD}
    counts = (Village.objects.count(), Household.objects.count())
    demo_villages.seed("127.0.0.1:8000")
    assert (Village.objects.count(), Household.objects.count()) == counts
    html = Client().get(f"/dan-chu/{commune.code}/").content.decode()
    assert ">30<" in html and ">24<" in html
    for h in Household.objects.all():
        assert h.representative_name not in html and h.phone not in html
