"""The province page, the drill-down to a commune, the export (read back with openpyxl), the menu and the
home card; refusals and bad choices."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.test import Client

from danvan.democracy.tests.factories import DemocracyWorld
from danvan.org.tests.factories import HUE

pytestmark = pytest.mark.django_db
PAGE = "/van-hanh/dan-chu/tong-hop/"


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _rows(html: str) -> list[str]:
    body = html.split('id="communes-table"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', body)


def test_the_province_page(world: DemocracyWorld) -> None:
    response = _client(world.dan_van).get(PAGE, {"province": HUE, "year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert _rows(html) == ["Phường Kim Long", "Phường Phú Xuân"]
    # The headline first: the province's three rates, rounded as the table and the charts.
    assert re.findall(r'id="headline-\d">([^<]+)<', html) == ["66,7", "66,7", "33,3"]
    assert "/van-hanh/dan-chu/tong-hop/xa/19753/?year=2026" in html
    assert html.count('class="chart"') == 3 and 'role="group"' in html  # bars link to the drill-down
    # Each chart's <desc> reads every value out, rounded as the table; Kim Long's "—" is "no index".
    assert "Phường Kim Long: 50,0; Phường Phú Xuân: 75,0</desc>" in html
    assert "Phường Kim Long: chưa có chỉ số; Phường Phú Xuân: 66,7</desc>" in html
    assert "75,0%" in html and "—" in html


def test_sorting_by_a_rate(world: DemocracyWorld) -> None:
    client = _client(world.dan_van)
    html = client.get(PAGE, {"year": 2026, "sort": "disclosures_on_time", "order": "desc"}).content.decode()
    assert _rows(html) == ["Phường Phú Xuân", "Phường Kim Long"]
    assert 'aria-sort="descending"' in html


def test_the_ward_chair_sees_only_the_ward(world: DemocracyWorld) -> None:
    html = _client(world.chair).get(PAGE, {"year": 2026}).content.decode()
    assert _rows(html) == ["Phường Phú Xuân"]
    html = _client(world.other_chair).get(PAGE, {"year": 2026}).content.decode()
    assert _rows(html) == ["Phường Kim Long"]
    assert _client(world.other_chair).get(f"{PAGE}xa/{world.commune.code}/").status_code == 404


def test_the_drill_down(world: DemocracyWorld) -> None:
    response = _client(world.chair).get(f"{PAGE}xa/{world.commune.code}/", {"year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<dt>Công nhận đúng hạn</dt><dd>2</dd>" in html and "<dt>Quá hạn công nhận</dt><dd>1</dd>" in html
    assert "6,3%" in html and "1/16" in html
    assert f'href="/dan-chu/{world.commune.code}/"' in html  # the public page (by path until it is named)
    assert f"?province={HUE}&amp;year=2026" in html  # back to the province


def test_bad_choices_are_a_message_not_a_500(world: DemocracyWorld) -> None:
    client = _client(world.dan_van)
    for params in ({"year": 2019}, {"year": "abc"}, {"province": 1}, {"province": "x"}):
        response = client.get(PAGE, params)
        assert response.status_code == 400, params
        assert 'id="error-summary"' in response.content.decode()
    assert client.get(f"{PAGE}xa/{world.commune.code}/", {"year": 1999}).status_code == 400
    assert client.get(f"{PAGE}xuat.pdf").status_code == 404
    assert client.get(f"{PAGE}xuat.xlsx", {"year": 2019}).status_code == 400


def test_who_may_not(world: DemocracyWorld) -> None:
    anonymous = _client(None).get(PAGE)
    assert anonymous.status_code == 302
    for user in (world.handler, world.village_head):
        assert _client(user).get(PAGE).status_code == 404
        assert _client(user).get(f"{PAGE}xuat.xlsx").status_code == 404
        assert _client(user).get(f"{PAGE}xa/{world.commune.code}/").status_code == 404


def test_the_excel_export(world: DemocracyWorld) -> None:
    response = _client(world.dan_van).get(f"{PAGE}xuat.xlsx", {"province": HUE, "year": 2026})
    assert response.status_code == 200
    assert "dan-chu-co-so-46-2026.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:5] == ["Tỉnh/thành phố", "Xã, phường", "mã TCTK", "Năm", "Công khai đúng hạn (%)"]
    assert header[11] == "Công khai thông tin: Số nội dung công khai"
    assert len(rows) == 4 and len(header) == 4 + 7 + 26
    kim_long, phu_xuan, total = rows[1:]
    assert kim_long[1:11] == ["Phường Kim Long", 19774, 2026, 50.0, "—", "—", "—", "—", "—", 0.0]
    assert phu_xuan[1:11] == ["Phường Phú Xuân", 19753, 2026, 75.0, 75.0, 66.7, 100.0, 33.3, 6.3, 50.0]
    assert total[2:11] == [None, 2026, 66.7, 75.0, 66.7, 100.0, 33.3, 6.3, 33.3]
    # The counts follow, part by part: the disclosures' six first.
    assert phu_xuan[11:17] == [5, 3, 1, 0, 3, 1] and total[11:17] == [7, 4, 1, 1, 3, 1]
    assert total[-2:] == [3, 1]  # villages, conferences held


def test_the_export_keeps_to_the_scope(world: DemocracyWorld) -> None:
    response = _client(world.chair).get(f"{PAGE}xuat.xlsx", {"year": 2026})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert names[0] == "Phường Phú Xuân" and len(names) == 2  # the commune and the total


def test_menu_and_home_card(world: DemocracyWorld) -> None:
    html = _client(world.chair).get("/").content.decode()
    assert f'href="{PAGE}"' in html
    html = _client(world.handler).get("/").content.decode()
    assert f'href="{PAGE}"' not in html
