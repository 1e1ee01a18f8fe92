"""The public satisfaction screens: charts, the ranking and its export, a body's page, rating a case,
a campaign's questionnaire and its QR code, and what must never be published.

Assertions use data (figures, codes, counts, statuses) rather than interface wording where they can,
so they hold whether or not a message has its Vietnamese translation yet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from danvan.cases.events import CASE_ANSWERED, AnsweredCase
from danvan.core import clock, events
from danvan.core.clock import VIETNAM
from danvan.org.models import Organization
from danvan.org.tests.factories import commune, organization, province
from danvan.surveys.choices import CampaignStatus, Flag, ScopeKind
from danvan.surveys.forms.public import FORM_MAX_AGE
from danvan.surveys.models import Answer, Campaign, IndexSnapshot, Invitation, Response, SurveyTemplate
from danvan.surveys.services import invitations
from danvan.ui import charts
from danvan.ui.limits import DEVICE_COOKIE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

SVG = "{http://www.w3.org/2000/svg}"
RANKING = reverse("surveys:satisfaction_ranking")
RATING = reverse("surveys:case_rating")
CASE_CODES = ["case_overall", "case_access", "case_procedures", "case_staff", "case_results", "case_feedback"]
SECRET_COMMENT = "Cán bộ Trần Văn Bí mật hẹn tôi ra quán cà phê."


def html(response: Any) -> str:
    return response.content.decode()


def found(pattern: str, text: str, flags: int = 0) -> str:
    match = re.search(pattern, text, flags)
    assert match is not None, pattern
    return match[1]


def parse_svg(text: str | bytes) -> ET.Element:
    """Our own output parsed in a test (well-formedness is what is checked), not untrusted data."""
    return ET.fromstring(text)  # noqa: S314


# Charts ---------------------------------------------------------------------------------------------


def test_bars_are_well_formed_svg_with_escaped_labels_and_no_inline_style():
    with translation.override("vi"):
        svg = str(charts.bars_with_intervals(
            [charts.BarRow('UBND <script>alert("x")</script> & co', 82.53, 78.1, 86.44, href="/a?b=1&c=2"),
             charts.BarRow("UBND Phường Kim Long", 61.0, 50.2, 70.9)],
            title="Chỉ số <hài lòng>",
        ))  # fmt: skip
    root = parse_svg(svg)
    # Its bars are links: a group (an image's links cannot be reached), named by its title once.
    assert root.tag == f"{SVG}svg" and root.get("role") == "group" and root.get("viewBox").startswith("0 0 340 ")
    ident = root.find(f"{SVG}title").get("id")
    assert root.get("aria-labelledby") == ident and root.get("aria-describedby") == root.find(f"{SVG}desc").get("id")
    assert root.find(f"{SVG}title").text == "Chỉ số <hài lòng>"
    assert "82,5 (78,1–86,4)" in root.find(f"{SVG}desc").text  # Vietnamese decimal comma
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "style=" not in svg
    assert len(root.findall(f".//{SVG}rect")) == 2
    link = root.find(f".//{SVG}a")
    assert link.get("href") == "/a?b=1&c=2"
    assert link.find(f"{SVG}title").text.startswith('UBND <script>alert("x")</script> & co: 82,5')  # the link's name


def test_a_chart_without_links_is_one_image_described_once():
    root = parse_svg(str(charts.bars_with_intervals([charts.BarRow("A", 40.0)], title="t")))
    assert root.get("role") == "img" and " " not in root.get("aria-labelledby")
    assert root.get("aria-describedby") == root.find(f"{SVG}desc").get("id")


def test_a_bar_without_a_value_is_drawn_without_a_bar():
    svg = str(charts.bars_with_intervals([charts.BarRow("A", None), charts.BarRow("B", 40.0)], title="t"))
    root = parse_svg(svg)
    assert len(root.findall(f".//{SVG}rect")) == 1
    assert "A:" in root.find(f"{SVG}desc").text


def test_a_trend_breaks_its_line_and_its_band_where_a_value_is_missing():
    points = [charts.TrendPoint(f"{m:02d}/2026", None if m == 4 else 50.0 + m, 40.0 + m, 60.0 + m) for m in range(1, 9)]
    svg = str(charts.trend_lines(points, title="Xu hướng"))
    root = parse_svg(svg)
    assert len(root.findall(f".//{SVG}polyline")) == 2  # months 1–3, then 5–8
    assert len(root.findall(f".//{SVG}circle")) == 7
    assert "style=" not in svg and root.get("role") == "img"


def test_a_single_point_trend_and_empty_charts_are_still_valid_svg():
    parse_svg(str(charts.trend_lines([charts.TrendPoint("02/2026", 70.0, 60.0, 80.0)], title="t")))
    parse_svg(str(charts.trend_lines([], title="t")))
    parse_svg(str(charts.bars_with_intervals([], title="t")))


# A world with indices ------------------------------------------------------------------------------


@dataclass
class SW:
    body: Organization
    other: Organization
    third: Organization
    template: SurveyTemplate


@pytest.fixture
def sw(db) -> SW:
    tinh = organization("UBND thành phố Huế")
    template = SurveyTemplate.objects.select_related("methodology").get(code="case-rating")
    return SW(
        organization("UBND Phường Phú Xuân", unit=commune(19753), parent=tinh),
        organization("UBND Phường Kim Long", unit=commune(19774), parent=tinh),
        organization("UBND Phường Thuận Hóa", unit=commune(19753), parent=tinh),
        template,
    )


def snapshot(template: SurveyTemplate, org: Organization, *, index: float, lower: float, upper: float, n: int,
             too_few: bool = False, kind: str = "year", start: dt.date = dt.date(2026, 1, 1),
             factors: dict[str, Any] | None = None) -> IndexSnapshot:  # fmt: skip
    return IndexSnapshot.objects.create(
        methodology=template.methodology, template=template, scope_kind=ScopeKind.ORGANIZATION,
        scope_key=str(org.pk), organization=org, period_kind=kind, period_start=start, respondents=n,
        too_few=too_few, index=index, lower=lower, upper=upper, factors=factors or {},
    )  # fmt: skip


@pytest.fixture
def ranked(sw) -> SW:
    """Phú Xuân 82.53 (78.1–86.4), Kim Long 80.2 (75–85), overlapping; Thuận Hóa under the minimum (77.77)."""
    factors = {"staff": {"index": 71.25, "lower": 60.5, "upper": 80.0, "n": 40},
               "results": {"index": 90.0, "lower": 85.0, "upper": 94.0, "n": 41}}  # fmt: skip
    snapshot(sw.template, sw.body, index=82.53, lower=78.1, upper=86.44, n=120, factors=factors)
    snapshot(sw.template, sw.other, index=80.2, lower=75.0, upper=85.0, n=95)
    snapshot(sw.template, sw.third, index=77.77, lower=40.12, upper=95.55, n=7, too_few=True)
    snapshot(sw.template, sw.body, index=81.0, lower=70.0, upper=90.0, n=40, kind="month", start=dt.date(2026, 1, 1))
    snapshot(sw.template, sw.body, index=66.66, lower=30.0, upper=90.0, n=3, too_few=True, kind="month",
             start=dt.date(2026, 2, 1))  # fmt: skip
    return sw


HIDDEN = ["77,8", "77.8", "77,77", "40,1", "95,5", "66,7", "66.7"]  # indices under the minimum sample


def test_the_ranking_shows_ranks_with_their_uncertainty_and_localized_indices(client, ranked):
    response = client.get(RANKING)
    assert response.status_code == 200
    page = html(response)
    rows = response.context["page"].object_list
    assert [r.name for r in rows] == ["UBND Phường Phú Xuân", "UBND Phường Kim Long", "UBND Phường Thuận Hóa"]
    assert (rows[0].rank, rows[0].best, rows[0].worst) == (1, 1, 2)  # the intervals overlap: 1st or 2nd
    assert '<strong>1</strong> <span class="hl-ci">(1–2)</span>' in page
    assert '<strong>82,5</strong> <span class="hl-ci">(78,1–86,4)</span>' in page
    assert rows[2].rank is None and rows[2].index is None and rows[2].respondents == 7
    assert 'class="hl-unranked"' in page and ">7</td>" in page
    assert "<svg" in page and 'role="group"' in page  # its bars link to each body's page
    assert f"{reverse('surveys:satisfaction_body', args=[ranked.body.pk])}?template=case-rating" in page
    # Unverified: said in words to the citizen; the operators' marker and note stay off the page.
    assert ranked.template.methodology.name in page and "chưa được đối chiếu với văn bản gốc" in page
    assert "[U]" not in page and "legal-spec" not in page


def test_nothing_under_the_minimum_sample_and_no_comment_reaches_any_public_page_or_export(client, ranked):
    Response.objects.create(template=ranked.template, source="web", organization=ranked.third,
                            answered_on=clock.today(), comment=SECRET_COMMENT)  # fmt: skip
    pages = [
        client.get(RANKING),
        client.get(RANKING, {"kind": "month", "period": "2026-02"}),
        client.get(reverse("surveys:satisfaction_ranking_export", args=["csv"])),
        client.get(reverse("surveys:satisfaction_body", args=[ranked.third.pk])),
        client.get(reverse("surveys:satisfaction_body", args=[ranked.body.pk]), {"kind": "month", "period": "2026-02"}),
        client.get(reverse("surveys:satisfaction_body", args=[ranked.body.pk])),
    ]
    xlsx = client.get(reverse("surveys:satisfaction_ranking_export", args=["xlsx"]))
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        assert SECRET_COMMENT not in text and "Bí mật" not in text
        for value in HIDDEN:
            assert value not in text, value
    from openpyxl import load_workbook

    cells = [c for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True) for c in row]
    assert 77.77 not in cells and 66.66 not in cells and SECRET_COMMENT not in cells


def test_the_export_holds_what_the_page_shows_and_nothing_under_the_minimum(client, ranked):
    response = client.get(reverse("surveys:satisfaction_ranking_export", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    assert (
        rows[1][:3] == ["1", "1", "2"]
        and rows[1][3] == "UBND Phường Phú Xuân"
        and rows[1][5:9] == ["82.53", "78.1", "86.44", "120"]
    )
    assert rows[3][3] == "UBND Phường Thuận Hóa" and rows[3][:3] == ["", "", ""] and rows[3][5:8] == ["", "", ""]
    assert rows[3][8] == "7" and rows[3][9]
    xlsx = client.get(reverse("surveys:satisfaction_ranking_export", args=["xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][3] == "UBND Phường Phú Xuân" and values[1][5] == 82.53
    assert values[3][5] is None and values[3][8] == 7
    assert client.get(reverse("surveys:satisfaction_ranking_export", args=["pdf"])).status_code == 404


def test_the_ranking_filters_by_province_scope_and_period(client, ranked):
    hue = province(46)
    assert len(client.get(RANKING, {"province": hue.pk}).context["page"].object_list) == 3
    other_province = province(1)
    assert len(client.get(RANKING, {"province": other_province.pk}).context["page"].object_list) == 0
    monthly = client.get(RANKING, {"kind": "month", "period": "2026-01"})
    assert [r.index for r in monthly.context["page"].object_list] == [81.0]
    units = client.get(RANKING, {"scope": "unit"})
    assert units.status_code == 200 and len(units.context["page"].object_list) == 0
    # The reader switched to months while "2026" was still chosen: the current month is shown.
    switched = client.get(RANKING, {"kind": "month", "period": "2026"})
    assert switched.context["query"].period_start == dt.date(2026, 2, 1)
    assert switched.context["query"].period_kind == "month"


@pytest.mark.parametrize(
    "params",
    [{"template": "nope"}, {"kind": "decade"}, {"period": "2026-13"}, {"period": "<b>"}, {"province": "x"},
     {"scope": "service"}, {"page": "999"}, {"period": "2031"}],
)  # fmt: skip
def test_unreadable_filters_fall_back_to_their_defaults(client, ranked, params):
    response = client.get(RANKING, params)
    assert response.status_code == 200
    query = response.context["query"]
    assert query.template.code == "case-rating" and query.period_start <= dt.date(2026, 2, 5)
    assert "<b>" not in html(response).split("<main", 1)[1]


def test_the_ranking_is_paginated_and_the_chart_shows_the_rows_of_the_page(client, sw):
    for i in range(55):
        org = organization(f"UBND Xã Thử {i:02d}", unit=commune(19753))
        snapshot(sw.template, org, index=50 + i * 0.5, lower=40 + i * 0.5, upper=60 + i * 0.5, n=100)
    first = client.get(RANKING)
    assert len(first.context["page"].object_list) == 50
    assert html(first).count("<rect") == 50
    second = client.get(RANKING, {"page": 2})
    assert len(second.context["page"].object_list) == 5


def test_the_rankings_query_count_does_not_grow_with_its_rows(client, sw):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(RANKING).status_code == 200
        return len(captured)

    snapshot(sw.template, sw.body, index=80.0, lower=70.0, upper=90.0, n=100)
    few = queries()
    for i in range(20):
        org = organization(f"UBND Xã Đếm {i:02d}", unit=commune(19774))
        snapshot(sw.template, org, index=60 + i, lower=50 + i, upper=70 + i, n=100 if i % 3 else 5, too_few=not i % 3)
    assert queries() == few <= 8


def test_the_period_list_offers_the_one_encoding_and_an_old_lower_case_quarter_still_reads(client, ranked):
    page = client.get(RANKING, {"kind": "quarter", "period": "2026-q1"})
    assert page.status_code == 200 and page.context["query"].period_start == dt.date(2026, 1, 1)
    assert page.context["query"].params()["period"] == "2026-Q1"
    assert [v for v, _label in page.context["form"].fields["period"].widget.choices][:2] == ["2026-Q1", "2025-Q4"]


# A body's page -------------------------------------------------------------------------------------


def test_a_bodys_page_shows_its_index_factors_and_trend(client, ranked):
    response = client.get(reverse("surveys:satisfaction_body", args=[ranked.body.pk]))
    assert response.status_code == 200
    page = html(response)
    assert "82,5" in page and "120" in page
    assert [f.index for f in response.context["factors"]][:3] == [None, None, 71.25]  # access, procedures: none
    assert "71,2" in page or "71,3" in page
    assert page.count("<svg") == 2  # factors and the trend
    labels = [row["label"] for row in response.context["trend_rows"]]
    assert len(labels) == 12 and labels[-1].endswith("02/2026")
    january = response.context["trend_rows"][-2]
    assert january["published"] and january["score"].index == 81.0


def test_a_body_under_the_minimum_shows_only_its_count(client, ranked):
    response = client.get(reverse("surveys:satisfaction_body", args=[ranked.third.pk]))
    assert response.status_code == 200 and not response.context["published"]
    assert response.context["respondents"] == 7 and response.context["factors"] == []
    assert "<svg" not in html(response)


def test_an_unknown_or_inactive_body_is_not_found(client, ranked):
    assert client.get(reverse("surveys:satisfaction_body", args=[999999])).status_code == 404
    Organization.objects.filter(pk=ranked.other.pk).update(is_active=False)
    assert client.get(reverse("surveys:satisfaction_body", args=[ranked.other.pk])).status_code == 404
    # Still listed in the ranking (its answers count), but without a link to a page that does not exist.
    line = next(r for r in client.get(RANKING).context["page"].object_list if r.name == "UBND Phường Kim Long")
    assert line.href == ""


# Rating a case ----------------------------------------------------------------------------------------


def answered(case_id: int, sw: SW, track: str = "pakn") -> str:
    events.publish(CASE_ANSWERED, AnsweredCase(case_id, sw.body.pk, commune(19753).pk, track, "dat-dai", None))
    return invitations.rating_token(case_id)


def rating_post(token: str, value: int = 5, comment: str = "", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {f"{code}__satisfaction": value for code in CASE_CODES}
    data |= {f"{code}__satisfaction": v for code, v in overrides.items()}
    return {k: v for k, v in data.items() if v is not None} | {"k": token, "comment": comment}


def test_an_unknown_or_missing_link_says_it_is_not_open(client, sw):
    for url in (RATING, f"{RATING}?k=sai", f"{RATING}?k={invitations.rating_token(404)}"):
        response = client.get(url)
        assert response.status_code == 404 and response["Referrer-Policy"] == "same-origin"
        assert response.templates[0].name == "surveys/public/rating_unknown.html"


def test_the_rating_form_asks_each_question_on_the_scale_without_leaking_its_url(client, sw):
    token = answered(7, sw)
    response = client.get(RATING, {"k": token}, follow=True)
    assert response.status_code == 200
    # The link's token is moved out of the address: one redirect to /danh-gia/, which then shows the form.
    assert response.redirect_chain == [(RATING, 303)] and token not in response.request["QUERY_STRING"]
    assert response["Referrer-Policy"] == "same-origin" and "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    page = html(response)
    for code in CASE_CODES:
        values = re.findall(rf'name="{code}__satisfaction" value="(\d)"', page)
        assert values == ["5", "4", "3", "2", "1", "0"], code
    assert "UBND Phường Phú Xuân" in page and 'style="' not in page and "<script" not in page
    assert 'action="/danh-gia/"' in page  # the token goes in the body of the POST, not in its URL


def test_a_rating_is_stored_once_and_can_be_changed_within_the_window(client, sw, frozen_clock):
    token = answered(7, sw)
    response = client.post(RATING, rating_post(token, 4, comment="Tốt.", case_staff=2))
    assert response.status_code == 200 and response.templates[0].name == "surveys/public/rating_thanks.html"
    stored = Response.objects.get()
    assert stored.comment == "Tốt." and Answer.objects.get(response=stored, criterion__code="case_staff").value == 2
    # Back with the same link: the answers are there, with the date they can be changed until.
    again = client.get(RATING, {"k": token}, follow=True)
    page = html(again)
    assert "12/02/2026 09:00" in page
    assert re.search(r'name="case_staff__satisfaction" value="2"[^>]*checked', page)
    assert re.search(r'name="case_access__satisfaction" value="4"[^>]*checked', page)
    assert "Tốt.</textarea>" in page
    assert client.post(RATING, rating_post(token, 5)).status_code == 200
    assert Response.objects.count() == 1 and set(Answer.objects.values_list("value", flat=True)) == {5}
    # After the window: recorded, no longer changeable.
    frozen_clock.move_to(dt.datetime(2026, 2, 13, 9, 0, tzinfo=VIETNAM))
    assert client.get(RATING, {"k": token}, follow=True).templates[0].name == "surveys/public/rating_closed.html"
    assert client.post(RATING, rating_post(token, 1)).templates[0].name == "surveys/public/rating_closed.html"
    assert set(Answer.objects.values_list("value", flat=True)) == {5}


def test_an_expired_link_cannot_rate(client, sw, frozen_clock):
    token = answered(7, sw)
    frozen_clock.move_to(dt.datetime(2026, 6, 1, 9, 0, tzinfo=VIETNAM))
    assert client.get(RATING, {"k": token}, follow=True).status_code == 410
    assert client.post(RATING, rating_post(token)).status_code == 410
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"case_staff": None, "case_results": None}, "case_staff__satisfaction"),  # unanswered
        ({"case_staff": 7}, "case_staff__satisfaction"),  # off the scale
        ({"case_staff": "năm"}, "case_staff__satisfaction"),
        ({"comment": "<b>Rất tệ</b> <script>x</script>"}, "comment"),
        ({"comment": "x" * 2001}, "comment"),
    ],
)
def test_bad_ratings_are_refused_next_to_the_question_and_nothing_is_stored(client, sw, data, field):
    token = answered(7, sw)
    comment = data.pop("comment", "")
    response = client.post(RATING, rating_post(token, 4, comment=comment, **data))
    assert response.status_code == 400
    assert response.context["form"].errors.get(field), response.context["form"].errors
    page = html(response)
    assert 'role="alert"' in page
    assert re.search(r'id="errors" autofocus', page) and "ui/focus.js" in page  # the focus goes to what is wrong
    assert not Response.objects.exists() and not Invitation.objects.get().used
    # What the citizen chose is still chosen.
    assert re.search(r'name="case_access__satisfaction" value="4"[^>]*checked', page)
    assert "<script>x" not in page and "<b>Rất" not in page


def test_a_rating_post_is_csrf_checked(sw):
    """The page's ``same-origin`` referrer policy keeps the browser's Origin header, so CSRF stays on."""
    from django.test import Client

    token = answered(7, sw)
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(RATING, rating_post(token)).status_code == 403
    assert not Response.objects.exists()
    page = browser.get(RATING, {"k": token}, follow=True)
    csrf = found(r'name="csrfmiddlewaretoken" value="([^"]+)"', html(page))
    assert browser.post(RATING, rating_post(token) | {"csrfmiddlewaretoken": csrf}).status_code == 200
    assert Response.objects.count() == 1


def test_rating_posts_are_rate_limited_per_device(client, sw, frozen_clock):
    # ui.limits' rule "survey_rating": 20 per device per 10 minutes, far more per address.
    token = answered(7, sw)
    client.get(RATING)  # the device cookie
    for _ in range(20):
        assert client.post(RATING, {"k": token}).status_code == 400
    response = client.post(RATING, rating_post(token))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert response["Referrer-Policy"] == "same-origin"
    assert not Response.objects.exists()
    other = Client()  # another phone behind the same address
    other.get(RATING)
    assert other.post(RATING, rating_post(token)).status_code == 200


def test_the_rating_token_is_never_logged(client, sw, caplog):
    token = answered(7, sw)
    with caplog.at_level(logging.DEBUG):
        client.get(RATING, {"k": token}, follow=True)
        client.post(RATING, rating_post(token, 4, case_staff=9))
        client.post(RATING, rating_post(token, 4))
        client.get(RATING, {"k": token + "x"})
    assert caplog.records  # the 400 and 404 were logged …
    assert all(token not in record.getMessage() for record in caplog.records)  # … without the token


def test_a_rating_moves_the_bodys_index(client, sw, django_capture_on_commit_callbacks):
    sw.template.methodology.min_sample = 1
    sw.template.methodology.save()
    token = answered(7, sw)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(RATING, rating_post(token, 5, case_staff=2)).status_code == 200
    stored = IndexSnapshot.objects.get(scope_kind="organization", scope_key=str(sw.body.pk), period_kind="year")
    assert stored.respondents == 1 and not stored.too_few


# A campaign's questionnaire -------------------------------------------------------------------------


@pytest.fixture
def campaign(sw) -> Campaign:
    c = Campaign.objects.create(
        code="sipas-hue-2026", title="Khảo sát SIPAS Huế 2026", template=SurveyTemplate.objects.get(code="sipas-2017"),
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31), status=CampaignStatus.OPEN,
        owner=sw.body.parent, device_limit=2, min_seconds=20,
    )  # fmt: skip
    c.organizations.add(sw.body)
    return c


def form_url(campaign: Campaign, org: Organization | None = None) -> str:
    return reverse("surveys:survey_form", args=[campaign.code, org.pk] if org else [campaign.code])


def open_form(client: Any, url: str) -> tuple[Any, str]:
    response = client.get(url)
    assert response.status_code == 200, html(response)[:2000]
    token = found(r'name="form_token" value="([^"]+)"', html(response))
    return response, token


def sipas_post(token: str, value: int = 4, **extra: Any) -> dict[str, Any]:
    template = SurveyTemplate.objects.get(code="sipas-2017")
    data: dict[str, Any] = {"form_token": token, "comment": ""}
    for c in template.criteria.all():
        data[f"{c.code}__satisfaction"] = value
        data[f"{c.code}__assessment"] = value
    data["staff_1__expectation"] = "on"
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def later(frozen_clock: Any, **delta: int) -> None:
    frozen_clock.move_to(clock.now() + dt.timedelta(**delta))


def test_the_questionnaire_groups_22_criteria_by_factor_and_sets_the_device_cookie(client, sw, campaign):
    response, _ = open_form(client, form_url(campaign))  # one body: no need to choose
    page = html(response)
    assert page.count('<fieldset class="hl-item') == 22 and page.count('class="hl-factor"') == 5
    assert page.count('type="checkbox"') == 22
    assert len(re.findall(r'name="access_1__assessment"', page)) == 6
    cookie = response.cookies[DEVICE_COOKIE]  # the one device cookie of ui.limits, not one of its own
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) >= 365 * 24 * 3600
    assert not cookie["secure"]  # plain HTTP in tests; Secure behind HTTPS
    assert "dv_device" not in response.cookies
    assert client.get(form_url(campaign), secure=True).cookies.get(DEVICE_COOKIE) is None  # already has one
    assert DEVICE_COOKIE in open_form(Client_fresh(), form_url(campaign))[0].cookies


def test_the_campaigns_device_limit_counts_the_one_device_cookie(client, sw, campaign, frozen_clock):
    for _ in range(campaign.device_limit):
        _, token = open_form(client, form_url(campaign))
        later(frozen_clock, minutes=4)
        assert client.post(form_url(campaign), sipas_post(token)).status_code == 200
    _, token = open_form(client, form_url(campaign))
    later(frozen_clock, minutes=4)
    refused = client.post(form_url(campaign), sipas_post(token))
    assert refused.status_code == 400 and Response.objects.count() == campaign.device_limit
    assert len(set(Response.objects.values_list("device_hash", flat=True))) == 1


def test_a_browser_with_the_former_survey_cookie_keeps_its_device(client, sw, campaign, frozen_clock):
    from danvan.core.tokens import token_digest

    client.cookies["dv_device"] = "x" * 30  # set by the questionnaire before it used ui.limits' cookie
    response, token = open_form(client, form_url(campaign))
    assert response.cookies[DEVICE_COOKIE].value.startswith("x" * 30 + ":")  # the same id, now signed
    assert response.cookies["dv_device"]["max-age"] == 0  # the former cookie is removed
    later(frozen_clock, minutes=4)
    assert client.post(form_url(campaign), sipas_post(token)).status_code == 200
    assert Response.objects.get().device_hash == token_digest("x" * 30, purpose=f"device:{campaign.pk}")


def Client_fresh() -> Any:
    from django.test import Client

    return Client()


def test_a_campaign_over_several_bodies_asks_which_one(client, sw, campaign):
    campaign.organizations.add(sw.other)
    response = client.get(form_url(campaign))
    assert response.templates[0].name == "surveys/public/survey_choose.html"
    page = html(response)
    assert form_url(campaign, sw.body) in page and form_url(campaign, sw.other) in page
    assert client.get(form_url(campaign, sw.other)).status_code == 200
    assert client.get(form_url(campaign, sw.third)).status_code == 404


def test_an_answer_is_stored_once_even_when_the_form_is_sent_again(client, sw, campaign, frozen_clock):
    _, token = open_form(client, form_url(campaign, sw.body))
    later(frozen_clock, minutes=4)
    first = client.post(form_url(campaign, sw.body), sipas_post(token, comment="Chờ hơi lâu."))
    assert first.status_code == 200 and first.templates[0].name == "surveys/public/survey_thanks.html"
    again = client.post(form_url(campaign, sw.body), sipas_post(token, comment="Chờ hơi lâu."))
    assert again.status_code == 200 and again.templates[0].name == "surveys/public/survey_thanks.html"
    stored = Response.objects.get()
    assert stored.organization == sw.body and stored.campaign == campaign and stored.flag == ""
    assert stored.device_hash and stored.form_nonce
    assert Answer.objects.filter(response=stored, aspect="expectation").count() == 1
    assert Answer.objects.filter(response=stored).count() == 22 * 2 + 1


def test_an_answer_sent_faster_than_a_person_reads_is_flagged(client, sw, campaign, frozen_clock):
    _, token = open_form(client, form_url(campaign))
    later(frozen_clock, seconds=5)
    assert client.post(form_url(campaign), sipas_post(token)).status_code == 200
    assert Response.objects.get().flag == Flag.TOO_FAST


def test_an_expired_form_keeps_the_answers_and_stores_nothing(client, sw, campaign, frozen_clock):
    _, token = open_form(client, form_url(campaign))
    later(frozen_clock, seconds=FORM_MAX_AGE + 60)
    response = client.post(form_url(campaign), sipas_post(token, 2, comment="Giữ lại"))
    assert response.status_code == 400 and not Response.objects.exists()
    page = html(response)
    assert response.context["form"].non_field_errors()
    assert re.search(r'name="access_1__satisfaction" value="2"[^>]*checked', page) and "Giữ lại</textarea>" in page
    fresh = found(r'name="form_token" value="([^"]+)"', page)
    assert fresh != token
    later(frozen_clock, minutes=2)
    assert client.post(form_url(campaign), sipas_post(fresh, 2)).status_code == 200
    assert Response.objects.count() == 1


@pytest.mark.parametrize("token", ["", "abc", "eyJjIjoi:forged:sig"])
def test_a_forged_form_token_is_refused(client, sw, campaign, token):
    open_form(client, form_url(campaign))
    response = client.post(form_url(campaign), sipas_post(token))
    assert response.status_code == 400 and not Response.objects.exists()


def test_a_token_of_another_campaign_is_refused(client, sw, campaign, frozen_clock):
    other = Campaign.objects.create(code="khac", title="Khác", template=campaign.template, starts_on=campaign.starts_on,
                                    ends_on=campaign.ends_on, status=CampaignStatus.OPEN, owner=campaign.owner)  # fmt: skip
    other.organizations.add(sw.body)
    _, token = open_form(client, form_url(other))
    later(frozen_clock, minutes=3)
    assert client.post(form_url(campaign), sipas_post(token)).status_code == 400
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"access_1__satisfaction": None}, "access_1__satisfaction"),
        ({"access_1__satisfaction": "9"}, "access_1__satisfaction"),
        ({"comment": "<a href=x>spam</a>"}, "comment"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(client, sw, campaign, frozen_clock, extra, field):
    _, token = open_form(client, form_url(campaign))
    later(frozen_clock, minutes=3)
    response = client.post(form_url(campaign), sipas_post(token, **extra))
    assert response.status_code == 400 and response.context["form"].errors.get(field)
    assert not Response.objects.exists()
    assert f'id="q-{field}"' in html(response) or field == "comment"


def test_a_device_may_answer_only_as_often_as_the_campaign_allows(client, sw, campaign, frozen_clock):
    for _ in range(2):
        _, token = open_form(client, form_url(campaign))
        later(frozen_clock, minutes=11)
        assert client.post(form_url(campaign), sipas_post(token)).status_code == 200
    _, token = open_form(client, form_url(campaign))
    later(frozen_clock, minutes=3)
    response = client.post(form_url(campaign), sipas_post(token))
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    assert Response.objects.count() == 2


def test_a_closed_draft_or_unknown_campaign_takes_no_answers(client, sw, campaign, frozen_clock):
    _, token = open_form(client, form_url(campaign))
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    later(frozen_clock, minutes=3)
    for response in (client.get(form_url(campaign)), client.post(form_url(campaign), sipas_post(token))):
        assert response.templates[0].name == "surveys/public/survey_closed.html"
        assert "01/01/2026" in html(response) and "31/12/2026" in html(response)
    assert not Response.objects.exists()
    campaign.status = CampaignStatus.DRAFT
    campaign.save()
    assert client.get(form_url(campaign)).status_code == 404
    assert client.get(reverse("surveys:survey_form", args=["khong-co"])).status_code == 404


def test_the_questionnaire_is_protected_against_cross_site_posts(sw, campaign, frozen_clock):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response, token = open_form(browser, form_url(campaign))
    csrf = found(r'name="csrfmiddlewaretoken" value="([^"]+)"', html(response))
    later(frozen_clock, minutes=3)
    assert browser.post(form_url(campaign), sipas_post(token)).status_code == 403
    assert not Response.objects.exists()
    assert browser.post(form_url(campaign), sipas_post(token) | {"csrfmiddlewaretoken": csrf}).status_code == 200
    assert Response.objects.count() == 1


def test_questionnaire_posts_are_rate_limited_per_device(client, sw, campaign, frozen_clock):
    client.get(form_url(campaign))  # the device cookie: 30 per device (a kiosk) per 10 minutes
    for _ in range(30):
        client.post(form_url(campaign), {})
    response = client.post(form_url(campaign), {})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_the_qr_code_encodes_the_forms_absolute_address(client, sw, campaign):
    response = client.get(reverse("surveys:survey_qr", args=[campaign.code, sw.body.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    root = parse_svg(response.content)
    assert root.tag == f"{SVG}svg" and b"style=" not in response.content
    assert client.get(reverse("surveys:survey_qr", args=[campaign.code, sw.other.pk])).status_code == 404
    assert client.get(reverse("surveys:survey_qr", args=["khong-co", sw.body.pk])).status_code == 404


def test_the_home_page_links_to_the_ranking(client, db):
    assert f'href="{RANKING}"' in html(client.get(reverse("web:home")))


# End to end: a petition answered, rated through the web, moves the public index ------------------------


def test_an_answered_petition_is_rated_on_the_web_and_moves_the_public_ranking(
    client, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import AnonymousUser

    from danvan.cases.services import handling
    from danvan.cases.tests.conftest import make_world, submit

    world = make_world()
    template = SurveyTemplate.objects.get(code="case-rating")
    template.methodology.min_sample = 1
    template.methodology.save()
    submitted = submit(AnonymousUser())
    case = submitted.case
    track = reverse("cases:case_track", args=[case.tracking_code])

    # Before the answer: no rating button on the private page, and the link is not open yet.
    assert "/danh-gia/" not in html(client.get(track, {"k": submitted.access_token}, follow=True))
    assert client.get(RATING, {"k": invitations.rating_token(case.pk)}, follow=True).status_code == 404

    handling.case_register(case=case, actor=world.handler)
    with django_capture_on_commit_callbacks(execute=True):
        handling.case_answer(case=case, actor=world.handler, answer_text="Đã nạo vét cống kiệt 12 ngày 10/02.")
    private = html(client.get(track, {"k": submitted.access_token}, follow=True))
    link = found(r'href="(/danh-gia/\?k=[^"]+)" rel="noreferrer"', private)
    # Staff pages never carry it.
    client.force_login(world.handler)
    assert "/danh-gia/" not in html(client.get(reverse("cases:case_detail", args=[case.pk])))
    client.logout()

    form = client.get(link.replace("&amp;", "&"), follow=True)
    assert form.status_code == 200
    token = invitations.rating_token(case.pk)
    with django_capture_on_commit_callbacks(execute=True):
        thanks = client.post(RATING, rating_post(token, 5, comment="Cảm ơn phường.", case_staff=4))
    assert thanks.status_code == 200 and thanks.templates[0].name == "surveys/public/rating_thanks.html"

    stored = IndexSnapshot.objects.get(template=template, scope_kind="organization", scope_key=str(world.phuong.pk),
                                       period_kind="year", period_start=dt.date(2026, 1, 1))  # fmt: skip
    assert stored.respondents == 1 and not stored.too_few and stored.index == 100.0
    ranking = client.get(RANKING)
    line = ranking.context["page"].object_list[0]
    assert line.name == "UBND Phường Phú Xuân" and line.index == 100.0 and line.rank == 1
    assert "<strong>100,0</strong>" in html(ranking) and "Cảm ơn phường." not in html(ranking)
    body = client.get(reverse("surveys:satisfaction_body", args=[world.phuong.pk]))
    assert body.context["published"] and "Cảm ơn phường." not in html(body)
    # The head of the body sees it on the dashboard too (the comment only behind a low score: none here).
    client.force_login(world.head)
    dashboard = client.get(reverse("surveys:satisfaction_dashboard"), {"body": world.phuong.pk, "period": "2026"})
    assert dashboard.status_code == 200 and dashboard.context["sel"].org == world.phuong
    nums = dashboard.context["nums"]
    assert nums.result.respondents == 1 and nums.result.overall.index == 100.0 and not nums.result.too_few


def test_the_receipt_carries_a_qr_code_of_the_rating_link(client, db):
    from danvan.cases.tests.conftest import make_world

    make_world()
    data = {"track": "pakn", "title": "Đèn đường", "content": "Ba cột đèn đường trước số 20 Lê Lợi không sáng.",
            "place_text": "phuong phu xuan, hue", "name": "Nguyễn Văn An", "phone": "0912 345 678",
            "people_count": "1", "consent": "on", "idempotency_key": "a" * 32}  # fmt: skip
    assert client.post(reverse("cases:case_submit"), data).status_code == 303
    receipt = html(client.get(reverse("cases:case_receipt")))
    qr = found(r'<div class="rating-qr">\s*(<svg.*?</svg>)', receipt, re.S)
    root = parse_svg(qr.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    assert root.get("viewBox") and "style=" not in qr
