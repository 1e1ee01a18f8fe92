"""Review fixes: bad query parameters are the form's error (400) or "not found", never a crash; the daily
warnings read up to yesterday; the digest's usual week over the weeks the data cover; its Excel's alerts
under their own header."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from danvan.core import clock
from danvan.insight.models import Alert
from danvan.insight.services import topics as topic_services
from danvan.insight.services.warnings import warnings_detect
from danvan.insight.tests.topics.helpers import themed_cases
from danvan.insight.tests.warnings.conftest import TODAY, case_on

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
CELL = f"tu={TODAY - dt.timedelta(days=6)}&den={TODAY}"
BAD = [
    ("/dan-y/tinh-hinh/?tuan=0001-01-01", 400),
    ("/dan-y/tinh-hinh/?tuan=9999-12-31", 400),
    ("/dan-y/tinh-hinh/in/?tuan=0001-01-01", 400),
    ("/dan-y/tinh-hinh/in/?tuan=9999-12-31", 400),
    ("/dan-y/tinh-hinh/tai-ve.xlsx?tuan=0001-01-01", 400),
    ("/dan-y/tinh-hinh/tai-ve.xlsx?tuan=9999-12-31", 400),
    ("/dan-y/tinh-hinh/tai-ve.xlsx?co_quan=%C2%B2", 400),
    ("/dan-y/tinh-hinh/?tuan=ngay-mai", 400),
    ("/dan-y/tinh-hinh/?co_quan=%C2%B2", 400),  # "²": isdigit() but not int()
    ("/dan-y/tinh-hinh/?co_quan=" + "9" * 5000, 400),
    ("/dan-y/tinh-hinh/?co_quan=" + HUGE, 400),
    ("/dan-y/tinh-hinh/?co_quan=0", 400),
    ("/dan-y/tinh-hinh/?co_quan=2147483647", 404),  # a well-formed id out of scope: not found
    ("/dan-y/chu-de/?run=%C2%B2", 400),
    ("/dan-y/chu-de/?run=" + HUGE, 400),
    ("/dan-y/chu-de/?place=%C2%B2", 400),
    ("/dan-y/chu-de/?run=2147483647", 200),  # a run not offered: the latest
    ("/dan-y/danh-gia-thap/?start=0001-01-01&end=9999-12-31", 400),
    ("/dan-y/danh-gia-thap/?start=%C2%B2", 400),
    ("/dan-y/diem-nong/?days=%C2%B2", 400),
    ("/dan-y/diem-nong/?days=" + HUGE, 400),
    (f"/dan-y/diem-nong/ho-so/?xa={HUGE}&{CELL}", 404),
    (f"/dan-y/diem-nong/ho-so/?chu_de={HUGE}&{CELL}", 404),
    (f"/dan-y/diem-nong/ho-so/?xa=%C2%B2&{CELL}", 404),
    ("/dan-y/diem-nong/ho-so/?tu=0001-01-01&den=0001-01-02", 404),
    ("/dan-y/diem-nong/ho-so/?tu=9999-12-30&den=9999-12-31", 404),
    (f"/dan-y/diem-nong/ho-so/?{CELL}&page={HUGE}", 200),
    (f"/dan-y/diem-nong/ho-so/?{CELL}&page=" + "9" * 5000, 200),
    (f"/dan-y/diem-nong/ho-so/?{CELL}&page=%C2%B2", 200),
]


def _client(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


@pytest.mark.parametrize("reader", ["head", "dan_van"])
@pytest.mark.parametrize(("url", "status"), BAD)
def test_a_bad_query_parameter_is_the_forms_error_or_not_found_never_a_crash(surge_world, reader, url, status):
    themed_cases(2)  # a topic run exists, so that the topics page reads ``run``
    topic_services.topic_run_discover(starts_on=TODAY - dt.timedelta(days=6), ends_on=TODAY, k=2)
    answer = _client(getattr(surge_world.world, reader)).get(url)
    assert answer.status_code == status
    if status == 400 and "/tinh-hinh/" in url:  # the printout and the file: the page with the error
        assert answer.context["form"].errors


def test_a_good_query_still_chooses_the_run_and_the_week(surge_world):
    themed_cases(2)
    first = topic_services.topic_run_discover(
        starts_on=TODAY - dt.timedelta(days=13), ends_on=TODAY - dt.timedelta(days=7), k=2
    )
    topic_services.topic_run_discover(starts_on=TODAY - dt.timedelta(days=6), ends_on=TODAY, k=2)
    client = _client(surge_world.world.head)
    page = client.get(f"/dan-y/chu-de/?run={first.pk}")
    assert (page.status_code, page.context["run"].pk) == (200, first.pk)
    digest = client.get(f"/dan-y/tinh-hinh/?co_quan={surge_world.world.phuong.pk}&tuan=2026-01-28")
    assert (digest.status_code, digest.context["digest"].start) == (200, dt.date(2026, 1, 26))


def test_the_daily_warnings_read_up_to_yesterday(frozen_clock, monkeypatch):
    from danvan.insight.services import warnings as warning_services
    from danvan.insight.tasks import warnings_daily

    asked: list[dt.date] = []

    def detect(*, today: dt.date) -> warning_services.Run:
        asked.append(today)
        return warning_services.Run(today=today)

    monkeypatch.setattr(warning_services, "warnings_detect", detect)
    warnings_daily.call(False)
    assert clock.today() == TODAY and asked == [TODAY - dt.timedelta(days=1)]


def test_the_usual_week_of_a_young_deployment_is_over_the_weeks_its_data_cover(frozen_clock):
    from danvan.cases.tests.factories import make_world

    world = make_world()
    monday = TODAY - dt.timedelta(days=TODAY.weekday())  # 2 Feb 2026
    for back in (1, 2, 3, 8):  # the week before: three cases; the first case: Monday two weeks before
        case_on(monday - dt.timedelta(days=back))
    case_on(monday - dt.timedelta(days=14))
    for back in range(3):
        case_on(monday + dt.timedelta(days=back))
    page = _client(world.dan_van).get(f"/dan-y/tinh-hinh/?co_quan={world.phuong.pk}&tuan={monday}")
    digest = page.context["digest"]
    assert (digest.now, digest.before) == (3, 3)
    assert digest.usual == 2.5  # five cases over the two weeks the data cover, not over eight
    assert [c.usual for c in digest.topics] == [2.5]
    assert digest.growing == []  # 3 against 2.5 is not growing (against 5 / 8 it was)


def test_the_digests_excel_puts_the_alerts_under_their_own_header(surge_world):
    warnings_detect()
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    xlsx = _client(surge_world.world.dan_van).get(
        f"/dan-y/tinh-hinh/tai-ve.xlsx?co_quan={surge_world.world.phuong.pk}&tuan={monday}"
    )
    assert xlsx.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Kind", "Name", "This week", "Week before", "Usual week", "Change on the week before")
    alert = Alert.objects.get()
    head = rows.index(("Alert", "Name", "Kind", "Status", None, None))
    assert rows[head - 1] == (None,) * 6
    with translation.override("en"):  # the reader's language (raised in Vietnamese: alert.title)
        shown = (alert.display_title, str(alert.get_status_display()))
    assert shown[0] == "More cases than usual on Môi trường in Phường Phú Xuân" != alert.title
    assert rows[head + 1 :] == [("Alert", shown[0], "More than usual", shown[1], None, None)]
    assert all(r[0] != "Alert" for r in rows[: head - 1])
