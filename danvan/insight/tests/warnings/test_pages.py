"""Hotspots and the weekly digest: scoped counts, the cases behind a cell only where the reader may open
them, the digest as a page, an Excel file and a printable page, and the weekly notice once."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.conf import settings
from django.test import Client

from danvan.insight.services.digest import digest_announce
from danvan.insight.services.warnings import warnings_detect
from danvan.insight.tests.warnings.conftest import TODAY, case_on
from danvan.notifications.models import Notification
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def test_hotspots_count_the_readers_cases_against_the_period_before(surge_world):
    page = _client(surge_world.world.dan_van).get("/dan-y/diem-nong/")
    assert page.status_code == 200
    unit = surge_world.surge[0].place_unit_id
    rows = page.context["rows"]
    environment = next(c for c, _link in rows if c.topic_id == surge_world.surge[0].topic_id)
    assert (environment.unit_id, environment.now, environment.before) == (unit, 9, 1)
    assert f'data-unit="{unit}"' in page.text


def test_the_cases_behind_a_cell_hide_a_to_cao_from_a_dan_van_officer(surge_world):
    to_cao = case_on(TODAY, track="to_cao", content="Tố cáo cán bộ môi trường nhận tiền.", title="Tố cáo")
    cell = surge_world.surge[0]
    query = f"?xa={cell.place_unit_id}&chu_de={cell.topic_id}&tu={TODAY - dt.timedelta(days=6)}&den={TODAY}"
    page = _client(surge_world.world.dan_van).get("/dan-y/diem-nong/ho-so/" + query)
    shown = {c.pk for c in page.context["page"]}
    assert shown == {c.pk for c in surge_world.surge} and to_cao.pk not in shown
    head = _client(surge_world.world.head).get("/dan-y/diem-nong/ho-so/" + query)
    assert to_cao.pk in {c.pk for c in head.context["page"]}  # the ward's head may read it


def test_a_head_of_another_ward_sees_no_count_and_no_case(surge_world):
    other = _client(officer("chutich2", Role.HEAD, surge_world.world.other))
    assert other.get("/dan-y/diem-nong/").context["rows"] == []
    cell = surge_world.surge[0]
    page = other.get(f"/dan-y/diem-nong/ho-so/?xa={cell.place_unit_id}&tu={TODAY - dt.timedelta(days=6)}&den={TODAY}")
    assert list(page.context["page"]) == []
    assert other.get(f"/dan-y/tinh-hinh/?co_quan={surge_world.world.phuong.pk}").status_code == 404


def test_a_handler_may_not_read_hotspots_or_digests(surge_world):
    handler = _client(surge_world.world.handler)
    assert handler.get("/dan-y/diem-nong/").status_code == 404
    assert handler.get("/dan-y/tinh-hinh/").status_code == 404


def test_the_digest_of_a_week_counts_by_topic_and_place_against_the_week_before_and_the_usual(surge_world):
    warnings_detect()
    client = _client(surge_world.world.dan_van)
    monday = TODAY - dt.timedelta(days=TODAY.weekday())  # 2 Feb 2026
    page = client.get(f"/dan-y/tinh-hinh/?co_quan={surge_world.world.phuong.pk}&tuan={monday}")
    assert page.status_code == 200
    digest = page.context["digest"]
    this_week = [c for c in surge_world.surge + surge_world.roads if c.received_on >= monday]
    assert digest.start == monday and digest.now == len(this_week)
    environment = next(c for c in digest.topics if c.topic_id == surge_world.surge[0].topic_id)
    assert environment.now == sum(1 for c in surge_world.surge if c.received_on >= monday)
    assert [a.kind for a in digest.alerts] == ["surge"]
    assert digest.growing and digest.growing[0].topic_id == surge_world.surge[0].topic_id
    assert "<svg" in page.text and 'id="digest-alerts"' in page.text

    xlsx = client.get(f"/dan-y/tinh-hinh/tai-ve.xlsx?co_quan={surge_world.world.phuong.pk}&tuan={monday}")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][2] == digest.now and any(r[0] == "Alert" for r in rows)

    printed = client.get(f"/dan-y/tinh-hinh/in/?co_quan={surge_world.world.phuong.pk}&tuan={monday}")
    assert printed.status_code == 200 and "BÁO CÁO TÌNH HÌNH DƯ LUẬN" in printed.text


def test_the_weekly_notice_tells_each_reader_once(surge_world):
    assert digest_announce(today=TODAY) == 2  # the ward's head and the province's dân vận officer
    assert digest_announce(today=TODAY) == 0
    notice = Notification.objects.filter(about_kind="insight.digest").first()
    assert notice is not None and notice.link.startswith("/dan-y/tinh-hinh/?tuan=2026-01-26")


def test_the_pages_read_in_a_bounded_number_of_queries(surge_world, django_assert_max_num_queries):
    warnings_detect()
    client = _client(surge_world.world.dan_van)
    client.get("/dan-y/tinh-hinh/")  # warm the session and the reader's roles
    with django_assert_max_num_queries(20):
        assert client.get("/dan-y/diem-nong/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/dan-y/tinh-hinh/").status_code == 200
