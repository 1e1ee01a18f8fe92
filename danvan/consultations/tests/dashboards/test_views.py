"""The province page, a place's drill-down, the export (read back with openpyxl), the menu and the home
card; who is refused and how; bad choices."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.test import Client

from danvan.consultations.tests.dashboards.world import DashWorld
from danvan.org.tests.factories import HUE, KIM_LONG, PHU_XUAN, make_user

pytestmark = pytest.mark.django_db
PAGE = "/van-hanh/gop-y/so-lieu/"


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _rows(html: str, table: str = "places-table") -> list[str]:
    body = html.split(f'id="{table}"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row">(?:<a href="[^"]+">)?([^<]+)<', body)


def test_the_province_page(world: DashWorld) -> None:
    response = _client(world.d.dan_van).get(PAGE, {"province": HUE, "year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert _rows(html) == ["Thành phố Huế (cấp tỉnh)", "Phường Kim Long", "Phường Phú Xuân"]
    assert re.findall(r'id="headline-\d">([^<]+)<', html) == ["71,4", "33,3"]
    assert f"/van-hanh/gop-y/so-lieu/xa/{PHU_XUAN}/?year=2026" in html
    assert f"/van-hanh/gop-y/so-lieu/tinh/{HUE}/?year=2026" in html
    assert html.count('class="chart"') == 2
    # The charts read the same rounded values as the table; a place with nothing to count has none.
    assert "Phường Phú Xuân: 71,4</desc>" in html
    assert "Phường Kim Long: chưa có chỉ số; Phường Phú Xuân: 71,4</desc>" in html
    assert _rows(html, "bodies-table") == ["UBND Phường Kim Long", "UBND Phường Phú Xuân", "UBND thành phố Huế"]
    assert "71,4%" in html and "5/7" in html and "—" in html


def test_sorting_by_a_rate(world: DashWorld) -> None:
    params = {"year": 2026, "sort": "views_answered", "order": "desc"}
    html = _client(world.d.dan_van).get(PAGE, params).content.decode()
    assert _rows(html) == ["Phường Phú Xuân", "Phường Kim Long", "Thành phố Huế (cấp tỉnh)"]
    assert 'aria-sort="descending"' in html


def test_the_commune_drill_down(world: DashWorld) -> None:
    response = _client(world.d.chair).get(f"{PAGE}xa/{PHU_XUAN}/", {"year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert _rows(html, "consultations-table")[:1] == [world.a.title]
    assert len(_rows(html, "consultations-table")) == 3
    assert "<dt>Hội nghị cộng đồng dân cư</dt><dd>12</dd>" in html
    assert "<dt>Phát phiếu lấy ý kiến hộ gia đình</dt><dd>5</dd>" in html
    assert "<dt>Số người, mọi hình thức</dt><dd>23</dd>" in html
    assert "<dt>Công khai muộn</dt><dd>1</dd>" in html
    assert "71,4%" in html and "5/7" in html
    assert f"?province={HUE}&amp;year=2026" in html


def test_the_province_level_drill_down(world: DashWorld) -> None:
    html = _client(world.d.dan_van).get(f"{PAGE}tinh/{HUE}/", {"year": 2026}).content.decode()
    assert _rows(html, "bodies-table") == ["UBND thành phố Huế"]
    assert "<dt>Người tham gia</dt><dd>4</dd>" in html


def test_who_may_read(world: DashWorld) -> None:
    d = world.d
    html = _client(d.other_chair).get(PAGE, {"year": 2026}).content.decode()
    assert _rows(html) == ["Phường Kim Long"]
    assert _client(d.other_chair).get(f"{PAGE}xa/{PHU_XUAN}/").status_code == 404
    assert _client(d.chair).get(f"{PAGE}xa/{KIM_LONG}/").status_code == 404
    anonymous = Client().get(PAGE)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    for user in (make_user(username="dan"), d.handler, d.village_head):
        assert _client(user).get(PAGE).status_code == 404
        assert _client(user).get(f"{PAGE}xuat.xlsx").status_code == 404


def test_bad_choices_are_a_message_not_a_500(world: DashWorld) -> None:
    client = _client(world.d.dan_van)
    for params in ({"year": 2019}, {"year": "abc"}, {"province": 1}, {"province": "x"}):
        response = client.get(PAGE, params)
        assert response.status_code == 400, params
        assert 'id="error-summary"' in response.content.decode()
    assert client.get(f"{PAGE}xa/{PHU_XUAN}/", {"year": 1999}).status_code == 400
    assert client.get(f"{PAGE}xuat.pdf").status_code == 404
    assert client.get(f"{PAGE}xuat.xlsx", {"year": 2019}).status_code == 400


def test_the_excel_export(world: DashWorld) -> None:
    response = _client(world.d.dan_van).get(f"{PAGE}xuat.xlsx", {"province": HUE, "year": 2026})
    assert response.status_code == 200
    assert "gop-y-du-thao-46-2026.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:7] == ["Tỉnh/thành phố", "Địa bàn", "mã TCTK", "Cơ quan", "Đợt lấy ý kiến", "Trạng thái", "Năm"]
    views = header.index("Ý kiến đã được trả lời (%)")
    on_time = header.index("Báo cáo tổng hợp công khai đúng hạn (%)")
    people = header.index("Người tham gia")
    # A row per consultation (5), per place (3) and the total: aggregates only, no participant.
    assert len(rows) == 1 + 5 + 3 + 1
    by_title = {r[4]: r for r in rows[1:6]}
    assert by_title[world.f.title][views] == "—"  # Kim Long: no comment to answer
    assert by_title[world.f.title][on_time] == 0
    assert by_title[world.a.title][views] == 60
    places = {r[1]: r for r in rows[6:9]}
    assert places["Phường Phú Xuân"][views] == 71.4 and places["Phường Phú Xuân"][people] == 6
    assert places["Phường Kim Long"][views] == "—"
    total = rows[-1]
    assert total[1] == "Tổng cộng" and total[views] == 71.4 and total[on_time] == 33.3 and total[people] == 12


def test_the_csv_export(world: DashWorld) -> None:
    response = _client(world.d.chair).get(f"{PAGE}xuat.csv", {"year": 2026})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == ["Phường Phú Xuân"] * 4 + ["Tổng cộng"]


def test_the_menu_and_the_home_card(world: DashWorld) -> None:
    html = _client(world.d.dan_van).get("/").content.decode()
    assert f'href="{PAGE}"' in html
    assert "Lấy ý kiến Nhân dân về dự thảo" in html
    assert f'href="{PAGE}"' not in _client(world.d.handler).get("/").content.decode()


def test_the_page_s_queries_do_not_grow_with_consultations(world: DashWorld) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.consultations.tests import factories as f

    client = _client(world.d.dan_van)
    client.get(PAGE, {"year": 2026})  # the session and the menu's first reads
    with CaptureQueriesContext(connection) as before:
        assert client.get(PAGE, {"year": 2026}).status_code == 200
    for i in range(4):
        c = f.consultation(world.d, organization=world.d.other, place=world.d.other_commune, code=f"them-{i}")
        f.comment(c, participant=f.participant(c))
    with CaptureQueriesContext(connection) as after:
        assert client.get(PAGE, {"year": 2026}).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)
