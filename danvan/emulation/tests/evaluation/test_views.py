"""The evaluation's pages: who sees what (role and subtree), the committee's form, the export, the
menu, and the dashboard's query count that does not grow with the number of units."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from danvan.emulation.models import EvaluationMethodology, UnitEvaluation
from danvan.emulation.rules.evaluation import EvaluationStatus
from danvan.emulation.services import evaluation as services
from danvan.emulation.tests.evaluation.factories import figures
from danvan.emulation.tests.national import rule_keeper
from danvan.org.choices import Role, UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit
from danvan.org.tests.factories import HUE, officer, organization

pytestmark = pytest.mark.django_db
DASHBOARD = "/van-hanh/thi-dua/danh-gia/"


@pytest.fixture(autouse=True)
def english(client):
    """The pages in English (the switcher's cookie; the site is Vietnamese otherwise)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def run(hue, *orgs, value=96.0):
    with figures({o.pk: value for o in orgs}):
        services.evaluation_run(user=hue.dan_van, organizations=list(orgs), year=2025)


def test_the_pages_keep_their_addresses():
    assert reverse("emulation:evaluation_dashboard") == DASHBOARD
    assert reverse("emulation:evaluation_unit", args=[7]) == "/van-hanh/thi-dua/danh-gia/7/"
    assert reverse("emulation:evaluation_methodology") == "/van-hanh/thi-dua/danh-gia/phuong-phap/"
    assert reverse("emulation:evaluation_export", args=["xlsx"]) == "/van-hanh/thi-dua/danh-gia/xuat.xlsx"


def test_the_dashboard_shows_each_reader_the_units_of_their_scope(client, hue, frozen_clock):
    run(hue, hue.ward, hue.other)
    client.force_login(hue.dan_van)
    page = client.get(DASHBOARD, {"year": 2025})
    assert page.status_code == 200
    assert [r.evaluation.organization_id for r, _g, _s in page.context["ranking"]] == [hue.ward.pk, hue.other.pk]
    client.force_login(hue.ward_head)
    page = client.get(DASHBOARD, {"year": 2025})
    assert [r.evaluation.organization_id for r, _g, _s in page.context["ranking"]] == [hue.ward.pk]
    assert not page.context["may_run"]


def test_a_citizen_and_a_handler_get_not_found(client, hue):
    for user in (hue.citizen, officer("xuly", Role.HANDLER, hue.ward)):
        client.force_login(user)
        assert client.get(DASHBOARD).status_code == 404
        assert client.get(reverse("emulation:evaluation_methodology")).status_code == 404


def test_a_year_outside_the_list_answers_400_not_500(client, hue, frozen_clock):
    client.force_login(hue.dan_van)
    assert client.get(DASHBOARD, {"year": "2027"}).status_code == 400
    assert client.get(DASHBOARD, {"year": "2020"}).status_code == 400
    assert client.get(DASHBOARD, {"year": "abc"}).status_code == 400


def test_running_from_the_page_and_a_year_not_open_is_refused_with_a_message(client, hue, frozen_clock):
    client.force_login(hue.dan_van)
    refused = client.post(reverse("emulation:evaluation_run"), {"year": 2026}, follow=True)
    assert "The evaluation of 2026 opens on 01/12/2026" in refused.content.decode()
    assert not UnitEvaluation.objects.exists()
    done = client.post(reverse("emulation:evaluation_run"), {"year": 2025})
    assert done.status_code == 302 and done["Location"].endswith("?year=2025")
    assert UnitEvaluation.objects.filter(year=2025).count() == 3  # the city and its two wards
    client.force_login(hue.ward_head)
    assert client.post(reverse("emulation:evaluation_run"), {"year": 2025}).status_code == 404


def test_a_units_page_shows_each_figure_points_and_source_and_not_measured(client, hue, frozen_clock):
    run(hue, hue.ward)
    e = UnitEvaluation.objects.get(organization=hue.ward)
    client.force_login(hue.dan_van)
    page = client.get(reverse("emulation:evaluation_unit", args=[e.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/nguon/"' in html  # the drill-down to the figure's source
    assert "not measured" in html and "100 points" in html
    assert '<p class="sv-ci" id="measured-on">Figures as of 31/12/2025</p>' in html
    assert page.context["may_confirm"]


def test_the_committee_changes_the_grade_with_a_reason_on_the_page(client, hue, frozen_clock):
    run(hue, hue.ward)
    e = UnitEvaluation.objects.get(organization=hue.ward)
    url = reverse("emulation:evaluation_unit", args=[e.pk])
    client.force_login(hue.dan_van)
    missing = client.post(url, {"grade": "tot", "reason": ""})
    assert missing.status_code == 400
    assert missing.context["form"].errors["reason"]
    assert UnitEvaluation.objects.get(pk=e.pk).status == EvaluationStatus.PROPOSED
    done = client.post(url, {"grade": "tot", "reason": "Nhiều mặt chưa đo được, hội đồng xét theo báo cáo."})
    assert done.status_code == 302
    assert UnitEvaluation.objects.get(pk=e.pk).grade == "tot"
    changed = client.post(url, {"grade": "hoan_thanh", "reason": "Có khiếu nại đông người chưa giải quyết."})
    new = UnitEvaluation.objects.get(organization=hue.ward, version=2)
    assert changed["Location"] == reverse("emulation:evaluation_unit", args=[new.pk])
    old_page = client.get(url)
    assert not old_page.context["may_confirm"]  # a superseded version has no form


def test_a_ward_head_reads_their_units_page_but_has_no_form_and_cannot_post(client, hue, frozen_clock):
    run(hue, hue.ward, hue.other)
    mine = UnitEvaluation.objects.get(organization=hue.ward)
    other = UnitEvaluation.objects.get(organization=hue.other)
    client.force_login(hue.ward_head)
    page = client.get(reverse("emulation:evaluation_unit", args=[mine.pk]))
    assert page.status_code == 200 and not page.context["may_confirm"]
    assert client.post(reverse("emulation:evaluation_unit", args=[mine.pk]), {"grade": "xuat_sac"}).status_code == 404
    assert client.get(reverse("emulation:evaluation_unit", args=[other.pk])).status_code == 404
    assert client.get(reverse("emulation:evaluation_unit", args=[999999])).status_code == 404


def test_a_top_level_unit_s_page_shows_why_instead_of_the_form(client, hue, frozen_clock):
    run(hue, hue.city)
    e = UnitEvaluation.objects.get(organization=hue.city)
    client.force_login(hue.dan_van)  # the city's own officer: under the old rule he confirmed his own grade
    url = reverse("emulation:evaluation_unit", args=[e.pk])
    page = client.get(url)
    assert page.status_code == 200 and not page.context["may_confirm"] and page.context["no_evaluating_level"]
    assert 'id="no-evaluating-level"' in page.content.decode() and 'id="confirm-form"' not in page.content.decode()
    assert client.post(url, {"grade": "tot", "reason": "x"}).status_code == 404
    assert UnitEvaluation.objects.get(pk=e.pk).status == EvaluationStatus.PROPOSED


def test_the_export_lists_the_ranking(client, hue, frozen_clock):
    run(hue, hue.ward, hue.other)
    client.force_login(hue.dan_van)
    csv = client.get(reverse("emulation:evaluation_export", args=["csv"]), {"year": 2025})
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert hue.ward.name in text and hue.other.name in text
    assert text.splitlines()[0].endswith("Figures as of") and text.splitlines()[1].endswith("31/12/2025")
    assert client.get(reverse("emulation:evaluation_export", args=["xlsx"]), {"year": 2025}).status_code == 200
    assert client.get(reverse("emulation:evaluation_export", args=["pdf"]), {"year": 2025}).status_code == 404


def test_the_methodology_page_lists_the_versions(client, hue):
    client.force_login(hue.dan_van)
    page = client.get(reverse("emulation:evaluation_methodology"))
    assert page.status_code == 200
    assert "cases_on_time" in page.content.decode()


def test_the_menu_shows_the_entry_to_those_who_may_read(client, hue):
    client.force_login(hue.ward_head)
    assert any(link.key == "emulation.evaluation" for link in client.get("/van-hanh/thi-dua/").context["links"])


def test_the_dashboards_query_count_does_not_grow_with_the_units(client, hue, frozen_clock,
                                                                django_assert_max_num_queries):  # fmt: skip
    run(hue, hue.ward, hue.other)
    client.force_login(hue.dan_van)
    with django_assert_max_num_queries(40) as few:
        assert client.get(DASHBOARD, {"year": 2025}).status_code == 200
    taken = [hue.ward.unit_id, hue.other.unit_id]
    units = AdministrativeUnit.objects.filter(province__code=HUE, level=UnitLevel.COMMUNE, era=UnitEra.CURRENT)
    wards = [organization(f"UBND {c.name}", unit=c, parent=hue.city) for c in units.exclude(pk__in=taken)[:5]]
    run(hue, *wards)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(DASHBOARD, {"year": 2025})
    assert len(page.context["ranking"]) == 7


def test_the_ranking_is_paged_with_ranks_over_every_unit(client, hue, frozen_clock, monkeypatch):
    from danvan.emulation.views import evaluation as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    EvaluationMethodology.objects.update(min_measured_share=0.1)
    run(hue, hue.ward)
    run(hue, hue.other, value=10.0)
    client.force_login(hue.dan_van)
    second = client.get(DASHBOARD, {"year": 2025, "page": 2})
    assert [(r.rank, r.evaluation.organization_id) for r, _g, _s in second.context["ranking"]] == [(2, hue.other.pk)]
    assert second.context["units"] == 2


def test_an_operator_edits_the_methodology_as_a_new_version_and_confirms_it(client, hue):
    from danvan.emulation.models import EvaluationMethodology

    operator = rule_keeper()  # a national rule table: not a province's operator nor its dân vận officer
    m = EvaluationMethodology.objects.get()
    url = reverse("emulation:evaluation_methodology_edit", args=[m.pk])
    for refused in (hue.dan_van, officer("vanhanh", Role.OPERATOR, hue.city, subtree=True)):
        client.force_login(refused)
        assert client.get(url).status_code == 404
    client.force_login(operator)
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data |= {"w_cases_on_time": "3", "s_cases_on_time": "60:50; 90:100", "note": "Tăng trọng số giải quyết đơn."}
    bad = client.post(url, {**data, "s_satisfaction_index": "năm mươi"})
    assert bad.status_code == 400 and bad.context["form"].errors["s_satisfaction_index"]
    assert EvaluationMethodology.objects.count() == 1
    assert client.post(url, data).status_code == 302
    draft = EvaluationMethodology.objects.get(version=2)
    assert draft.status == "draft" and draft.indicators.get(key="cases_on_time").thresholds == [[60, 50], [90, 100]]
    confirm = reverse("emulation:evaluation_methodology_confirm", args=[draft.pk])
    assert client.post(confirm).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "confirmed"
    assert "Edit as a new version" in client.get(reverse("emulation:evaluation_methodology")).content.decode()
    assert client.post(url, {**data, "opens_day": "29", "opens_month": "2"}).status_code == 400  # not every year
    assert client.post(url, {**data, "opens_day": "15", "opens_month": "12"}).status_code == 302
    assert EvaluationMethodology.objects.get(version=3).opens_day == 15
    assert "15/12 of that year" in client.get(reverse("emulation:evaluation_methodology")).content.decode()


def test_the_current_year_before_its_window_shows_the_figures_to_date_without_a_grade(client, hue, frozen_clock):
    with figures({hue.ward.pk: 88.0}):
        client.force_login(hue.dan_van)
        page = client.get(DASHBOARD, {"year": 2026})
    assert page.status_code == 200 and page.context["provisional"] and page.context["ranking"] is None
    html = page.content.decode()
    assert "Provisional, not a proposed result" in html and "opens on 01/12/2026" in html
    assert "Figures as of 05/02/2026" in html
    rows = {row.organization.pk: lines for row, lines in page.context["ytd"]}
    assert list(rows) == [hue.city.pk, hue.ward.pk, hue.other.pk]  # the reader's scope, in the tree's order
    line = next(x for x in rows[hue.ward.pk] if x["key"] == "cases_on_time")
    assert line["figure"]["value"] == 88.0 and line["points"] is None  # a figure, never points or a grade
    assert next(x for x in rows[hue.other.pk] if x["key"] == "cases_on_time")["figure"] is None
    assert "points" not in html.split('id="year-to-date"')[1]
    assert not UnitEvaluation.objects.exists()  # nothing stored
    client.force_login(hue.ward_head)
    page = client.get(DASHBOARD, {"year": 2026})
    assert [row.organization.pk for row, _lines in page.context["ytd"]] == [hue.ward.pk]


def test_the_default_year_is_the_current_one_once_its_window_opens(client, hue, frozen_clock):
    import datetime as dt

    from danvan.core.clock import VIETNAM

    client.force_login(hue.dan_van)
    assert client.get(DASHBOARD).context["year"] == 2025
    frozen_clock.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=VIETNAM))
    client.force_login(hue.dan_van)  # the session of February has expired
    page = client.get(DASHBOARD)
    assert page.context["year"] == 2026 and not page.context["provisional"]
    assert page.context["run_form"].initial == {"year": 2026}


def test_the_year_to_date_query_count_does_not_grow_with_the_units(client, hue, frozen_clock,
                                                                   django_assert_max_num_queries):  # fmt: skip
    client.force_login(hue.dan_van)
    with django_assert_max_num_queries(80) as few:
        assert client.get(DASHBOARD, {"year": 2026}).status_code == 200
    taken = [hue.ward.unit_id, hue.other.unit_id]
    units = AdministrativeUnit.objects.filter(province__code=HUE, level=UnitLevel.COMMUNE, era=UnitEra.CURRENT)
    for c in units.exclude(pk__in=taken)[:5]:
        organization(f"UBND {c.name}", unit=c, parent=hue.city)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(DASHBOARD, {"year": 2026})
    assert len(page.context["ytd"]) == 8
