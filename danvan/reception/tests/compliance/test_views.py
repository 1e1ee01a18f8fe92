"""The compliance pages and exports: who sees what, bad parameters, the files' rows, identity only where allowed."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from danvan.org.choices import Role
from danvan.org.tests.factories import officer
from danvan.reception import choices
from danvan.reception.tests.factories import ReceptionWorld, at, citizen, session, visit

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("reception:compliance")


@pytest.fixture
def world(rworld: ReceptionWorld, frozen_clock) -> ReceptionWorld:
    frozen_clock.move_to(dt.datetime(2026, 8, 5, 9, 0, tzinfo=dt.UTC))
    w = rworld
    s = session(w.point, w.chair, at(2026, 7, 6), duty=w.duty, status=choices.SessionStatus.HELD)
    session(w.point, w.chair, at(2026, 7, 13), duty=w.duty, status=choices.SessionStatus.HELD, held_by=w.deputy)
    visit(w.phuong, w.officer, session=s, received_at=at(2026, 7, 6, 9), visitor_name="Nguyễn Văn An",
          visitor_id_number="046090001234")  # fmt: skip
    visit(w.phuong, w.officer, session=s, received_at=at(2026, 7, 6, 10), visitor_name="", visitor_address="",
          sealed=True, content="Tố cáo cán bộ")  # fmt: skip
    visit(w.other, w.other_officer, received_at=at(2026, 7, 8, 10), visitor_name="Lê Thị Bình")
    return w


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sheet(response) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def test_the_dashboard_shows_the_heads_figures_and_links_the_drill_down(world: ReceptionWorld) -> None:
    w = world
    response = _client(w.inspector).get(DASHBOARD, {"body": w.tinh.pk, "period": "2026-07"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trần Thị Hoa" in html and "1/2" in html and "50,0%" in html
    assert reverse("reception:compliance_head", args=[w.chair.pk]) + "?month=2026-07" in html
    assert '<svg class="chart"' in html


def test_the_drill_down_lists_held_counted_and_why_not(world: ReceptionWorld) -> None:
    w = world
    url = reverse("reception:compliance_head", args=[w.chair.pk])
    html = _client(w.inspector).get(url, {"month": "2026-07"}).content.decode()
    assert html.count('class="rc-session"') == 2
    assert "Lê Văn Minh" in html  # the deputy who received on 13/7, not counted under R2026
    assert "R2026" in html


def test_bad_parameters_answer_a_message_not_a_500(world: ReceptionWorld) -> None:
    w = world
    client = _client(w.chair)
    for params in ({"period": "2026-13"}, {"period": "tháng bảy"}, {"body": w.tinh.pk}, {"body": "x"},
                   {"body": w.other.pk}, {"period": "1999-01"}):  # fmt: skip
        response = client.get(DASHBOARD, params)
        assert response.status_code == 400, params
        assert 'id="error-summary"' in response.content.decode()
    url = reverse("reception:compliance_head", args=[w.chair.pk])
    response = client.get(url, {"month": "2026-Q3"})
    assert response.status_code == 400 and "2026-07" in response.content.decode()
    assert client.get(reverse("reception:compliance_export", args=["xlsx"]), {"period": "x"}).status_code == 400
    assert client.get(reverse("reception:compliance_export", args=["pdf"])).status_code == 404


def test_who_may_see_compliance(world: ReceptionWorld) -> None:
    w = world
    html = _client(w.chair).get(DASHBOARD, {"period": "2026-07"}).content.decode()
    assert w.phuong.name in html and w.other.name not in html  # the ward's chair: the ward only
    assert _client(w.inspector).get(DASHBOARD, {"body": w.other.pk, "period": "2026-07"}).status_code == 200
    assert _client(citizen()).get(DASHBOARD).status_code == 404
    assert _client(w.officer).get(DASHBOARD).status_code == 404  # a reception officer: the register, not compliance
    kim_long_head = reverse("reception:compliance_head", args=[w.chair.pk])
    other_ward = officer("danvan2", Role.DAN_VAN_OFFICER, w.other)
    assert _client(other_ward).get(kim_long_head, {"month": "2026-07"}).status_code == 404
    assert Client().get(DASHBOARD).status_code == 302  # to sign in


def test_the_summary_export_opens_in_openpyxl_with_one_row_per_head_body_and_total(world: ReceptionWorld) -> None:
    w = world
    response = _client(w.inspector).get(reverse("reception:compliance_export", args=["xlsx"]),
                                        {"body": w.tinh.pk, "period": "2026-07"})  # fmt: skip
    rows = _sheet(response)
    assert len(rows) == 1 + 1 + 2 + 1  # header, the chair, two bodies with figures, the total
    chair = rows[1]
    assert chair[:7] == (w.phuong.name, "Trần Thị Hoa", "07/2026", 2, 1, 1, 50)


def test_the_register_export_without_identity_for_a_dan_van_officer(world: ReceptionWorld) -> None:
    w = world
    url = reverse("reception:register_export", args=["xlsx"])
    rows = _sheet(_client(w.dan_van).get(url, {"body": w.phuong.pk, "scope": "body", "period": "2026-07"}))
    assert len(rows) == 3
    flat = [str(c) for row in rows for c in row]
    assert "Nguyễn Văn An" not in flat and "046090001234" not in flat
    assert len(rows[0]) == 13


def test_the_register_export_with_identity_but_never_for_a_sealed_visit(world: ReceptionWorld) -> None:
    w = world
    url = reverse("reception:register_export", args=["xlsx"])
    rows = _sheet(_client(w.inspector).get(url, {"body": w.tinh.pk, "period": "2026-07"}))
    assert len(rows) == 4 and len(rows[0]) == 16
    names = [row[3] for row in rows[1:]]
    assert "Nguyễn Văn An" in names and "Lê Thị Bình" in names
    sealed = [row for row in rows[1:] if row[7] == "Tố cáo cán bộ"]
    assert sealed and sealed[0][3:6] != ("", "", "") and "Nguyễn" not in str(sealed[0][3:6])


def test_the_register_prints_in_landscape_with_the_nd30_header(world: ReceptionWorld) -> None:
    w = world
    response = _client(w.officer).get(reverse("reception:register_print"), {"period": "2026-07"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "SỔ TIẾP CÔNG DÂN" in html
    assert "reception/register_print.css" in html
    assert "Nguyễn Văn An" in html and "giữ bí mật" in html  # the officer sees identity, never a sealed one's
    dan_van = _client(w.dan_van).get(reverse("reception:register_print"), {"body": w.phuong.pk, "period": "2026-07"})
    assert "Nguyễn Văn An" not in dan_van.content.decode()


def test_the_dashboard_reads_a_fixed_number_of_queries(world: ReceptionWorld, django_assert_max_num_queries) -> None:
    client = _client(world.inspector)
    with django_assert_max_num_queries(30):
        assert client.get(DASHBOARD, {"body": world.tinh.pk, "period": "2026"}).status_code == 200
