"""The per-official figures' pages: who may read a sheet (the Chỉ thị 05 reviews' rule, with the exact
codes), the unit's list with its picker and exports, and a fixed number of queries whatever the size."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.conf import settings

from danvan.core.clock import VIETNAM
from danvan.org.choices import Role

pytestmark = pytest.mark.django_db

LIST = "/van-hanh/thi-dua/danh-gia/can-bo/"


@pytest.fixture(autouse=True)
def _day(frozen_clock):
    frozen_clock.move_to(dt.datetime(2026, 2, 5, 9, tzinfo=VIETNAM))  # default year: 2025


def sheet_url(org, person, year=2025):
    return f"{LIST}{org.pk}/{person.pk}/?year={year}"


def as_(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "code"),
    [("handler", 200), ("head", 200), ("dan_van", 200), ("ward_dan_van", 404), ("other_head", 404),
     ("inspector", 404), ("citizen", 404), ("other_handler", 404)],
)  # fmt: skip
def test_a_sheet_is_read_by_the_person_his_head_and_the_evaluator_above_only(client, people, who, code):
    response = as_(client, getattr(people, who)).get(sheet_url(people.phuong, people.handler))
    assert response.status_code == code
    if code == 200:
        assert [line["key"] for line in response.context["cells"]] == [
            "cases_settled_on_time", "reception_presided", "commitments_completed", "training_certificates",
            "commendations"]  # fmt: skip
        assert b"not measured" in response.content


def test_anonymous_is_sent_to_sign_in_and_a_sheet_elsewhere_is_not_found(client, people):
    response = client.get(sheet_url(people.phuong, people.handler))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    # The head reads his unit's people only: Kim Long's handler, or the handler "in" Kim Long, are not found.
    as_(client, people.head)
    assert client.get(sheet_url(people.phuong, people.other_handler)).status_code == 404
    assert client.get(sheet_url(people.other, people.handler)).status_code == 404
    assert client.get(f"{LIST}999999/{people.handler.pk}/").status_code == 404


def test_the_sheet_shows_each_figure_its_source_and_link(client, people):
    from danvan.emulation.models import Commitment, CommitmentReview

    c = Commitment.objects.create(person=people.handler, organization=people.phuong, year=2025, title="Đúng hạn",
                                  reason="Vì dân", measurable_result="100%", due_on=dt.date(2025, 12, 1))  # fmt: skip
    CommitmentReview.objects.create(commitment=c, period="yearend", text="Đã làm", self_rating="completed",
                                    assessment="completed")  # fmt: skip
    response = as_(client, people.handler).get(sheet_url(people.phuong, people.handler))
    line = next(cell for cell in response.context["cells"] if cell["key"] == "commitments_completed")
    assert line["text"] == "100% (1/1)"
    assert line["figure"].link == f"/van-hanh/thi-dua/cam-ket/{c.pk}/"
    html = response.content.decode()
    assert f'href="/van-hanh/thi-dua/cam-ket/{c.pk}/"' in html
    assert "Your figures of the year" in html
    assert "grade" not in line["label"].lower()


def test_the_head_lists_his_units_officials_with_their_figures(client, people):
    response = as_(client, people.head).get(f"{LIST}?year=2025")
    assert response.status_code == 200
    assert response.context["unit"] == people.phuong
    names = [sheet.person.username for sheet, _url, _cells in response.context["rows"]]
    assert sorted(names) == ["chutich", "danvan_px", "xuly"]
    assert [v for v, _label in response.context["form"].fields["don_vi"].choices] == [people.phuong.pk]


def test_the_evaluator_above_picks_the_units_below_never_his_own(client, people):
    response = as_(client, people.dan_van).get(LIST)
    picked = {v for v, _label in response.context["form"].fields["don_vi"].choices}
    assert picked == {people.phuong.pk, people.other.pk}  # not the city, where he is a colleague
    assert as_(client, people.dan_van).get(f"{LIST}?don_vi={people.w.ubnd_tinh.pk}").status_code == 404


@pytest.mark.parametrize("who", ["handler", "ward_dan_van"])
def test_an_official_who_evaluates_nobody_is_sent_to_his_own_sheet(client, people, who):
    user = getattr(people, who)
    response = as_(client, user).get(LIST)
    assert response.status_code == 302
    assert response["Location"] == sheet_url(people.phuong, user)


def test_the_list_refuses_others_and_asks_for_a_listed_year(client, people):
    assert as_(client, people.citizen).get(LIST).status_code == 404
    assert as_(client, people.other_head).get(f"{LIST}?don_vi={people.phuong.pk}").status_code == 404
    assert as_(client, people.ward_dan_van).get(f"{LIST}?don_vi={people.phuong.pk}").status_code == 404
    response = as_(client, people.head).get(f"{LIST}?year=1999")
    assert response.status_code == 400
    assert "Choose a year from the list." in response.content.decode()


def test_the_export_gives_every_official_and_figure(client, people):
    response = as_(client, people.head).get(f"{LIST}xuat.csv?don_vi={people.phuong.pk}&year=2025")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Official", "Unit", "Year", "Petitions settled on time", "Reception sessions presided",
                       "Chỉ thị 05 commitments completed", "Training certificates", "Commendations"]  # fmt: skip
    assert len(rows) == 4
    handler = next(r for r in rows if r[0] == (people.handler.full_name or "xuly"))
    assert handler[1:] == [people.phuong.name, "2025", "not measured", "not measured", "not measured",
                           "not measured", "0"]  # fmt: skip
    xlsx = client.get(f"{LIST}xuat.xlsx?don_vi={people.phuong.pk}&year=2025")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(f"{LIST}xuat.pdf?don_vi={people.phuong.pk}").status_code == 404
    as_(client, people.other_head)
    assert client.get(f"{LIST}xuat.csv?don_vi={people.phuong.pk}&year=2025").status_code == 404


def test_the_list_reads_a_fixed_number_of_queries_whatever_the_number_of_officials(client, people,
                                                                                  django_assert_num_queries):  # fmt: skip
    from danvan.org.tests.factories import officer

    as_(client, people.head)
    url = f"{LIST}?don_vi={people.phuong.pk}&year=2025"
    client.get(url)  # warm the caches (sessions, the role cache is per request)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(27):
        officer(f"canbo{n}", Role.HANDLER, people.phuong)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 30


def test_a_units_evaluation_page_links_to_its_officials_for_who_may_open_them(client, people):
    from danvan.emulation.models import UnitEvaluation
    from danvan.emulation.services import evaluation as services

    services.evaluation_run(user=people.dan_van, organizations=[people.phuong], year=2025)
    e = UnitEvaluation.objects.get(organization=people.phuong, year=2025)
    page = as_(client, people.dan_van).get(f"/van-hanh/thi-dua/danh-gia/{e.pk}/").content.decode()
    assert f'href="{LIST}?don_vi={people.phuong.pk}&amp;year=2025"' in page
    # The inspector reads the unit's evaluation, not its officials' figures: no link.
    inspector = as_(client, people.inspector).get(f"/van-hanh/thi-dua/danh-gia/{e.pk}/")
    assert inspector.status_code == 200 and 'id="people-figures-link"' not in inspector.content.decode()
