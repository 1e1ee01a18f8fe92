"""The staff satisfaction screens: who sees which body, the numbers against the selectors', the sample
rule, comments only for those who may read them, the export, paper entry, flag review, the demo.

Assertions use data (numbers, names, codes, comment texts) rather than interface wording, so they
hold whether or not a message has its Vietnamese translation yet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.formats import number_format

from danvan.cases.events import CASE_ANSWERED, AnsweredCase
from danvan.core import clock, events
from danvan.core.models import AuditEvent
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import commune, grant, make_user, organization
from danvan.surveys import selectors
from danvan.surveys.choices import Aspect, CampaignStatus, Flag
from danvan.surveys.models import Answer, Campaign, Invitation, Response, SurveyTemplate
from danvan.surveys.services import invitations, responses

# Every test but the browser one freezes time (through ``world`` or its own argument): a live server's
# session cookie must not expire in the browser's present.
pytestmark = pytest.mark.django_db

DASHBOARD = reverse("surveys:satisfaction_dashboard")
CAMPAIGNS = reverse("surveys:survey_campaigns")
YEAR = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
LOW_COMMENT = "Phải chờ rất lâu ở bộ phận một cửa."
GOOD_COMMENT = "Cán bộ rất nhiệt tình."
OTHER_COMMENT = "Ở Kim Long không ai hướng dẫn."


@dataclass
class World:
    tinh: Organization  # UBND thành phố Huế: organizes the campaign
    body: Organization  # UBND Phường Phú Xuân
    other: Organization  # UBND Phường Kim Long
    head: User  # head of the body (results and comments of the body alone)
    handler: User  # handler of the body
    clerk: User  # handler of the city: keys in the campaign's paper forms
    dan_van: User  # dân vận officer over the city's subtree: results, not comments
    inspector: User  # inspector over the city's subtree: results and comments
    city_head: User  # head of the city with its subtree: everything, flags included
    other_head: User
    citizen: User
    campaign: Campaign


@pytest.fixture
def world(db: None, frozen_clock: Any) -> World:
    tinh = organization("UBND thành phố Huế")
    body = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=tinh)
    other = organization("UBND Phường Kim Long", unit=commune(19774), parent=tinh)
    names = ["chutich", "xuly", "nhapphieu", "danvan", "thanhtra", "chutichtp", "chutich2", "congdan"]
    users = [make_user(username=name, full_name=f"Cán bộ {name}") for name in names]
    campaign = Campaign.objects.create(
        code="sipas-hue-2026", title="Khảo sát SIPAS Thành phố Huế 2026",
        template=SurveyTemplate.objects.get(code="sipas-2017"), starts_on=YEAR[0], ends_on=YEAR[1],
        status=CampaignStatus.OPEN, owner=tinh, device_limit=3, min_seconds=20,
    )  # fmt: skip
    campaign.organizations.add(body, other)
    head, handler, clerk, dan_van, inspector, city_head, other_head, citizen = users
    w = World(tinh, body, other, head, handler, clerk, dan_van, inspector, city_head, other_head, citizen, campaign)
    grant(w.head, Role.HEAD, body)
    grant(w.handler, Role.HANDLER, body)
    grant(w.clerk, Role.HANDLER, tinh)
    grant(w.dan_van, Role.DAN_VAN_OFFICER, tinh, subtree=True)
    grant(w.inspector, Role.INSPECTOR, tinh, subtree=True)
    grant(w.city_head, Role.HEAD, tinh, subtree=True)
    grant(w.other_head, Role.HEAD, other)
    grant(w.citizen, Role.CITIZEN, body)
    return w


def min_sample(n: int) -> None:
    methodology = SurveyTemplate.objects.get(code="sipas-2017").methodology
    methodology.min_sample = n
    methodology.save()


def sipas_answers(value: int, *, staff: int | None = None) -> dict[tuple[str, str], int]:
    template = SurveyTemplate.objects.get(code="sipas-2017")
    answers: dict[tuple[str, str], int] = {}
    for c in template.criteria.select_related("factor"):
        answers[(c.code, Aspect.SATISFACTION)] = staff if staff is not None and c.factor.code == "staff" else value
    answers[("staff_1", Aspect.EXPECTATION)] = 1
    return answers


def answer(w: World, nonce: str, value: int = 4, *, org: Organization | None = None, comment: str = "",
           staff: int | None = None, started_at: dt.datetime | None = None) -> Response:  # fmt: skip
    response, _ = responses.campaign_submit(
        campaign=w.campaign, organization_id=(org or w.body).pk, answers=sipas_answers(value, staff=staff),
        comment=comment, nonce=nonce, device=nonce, started_at=started_at or clock.now() - dt.timedelta(minutes=5),
    )  # fmt: skip
    return response


@pytest.fixture
def answered(world: World) -> World:
    """Four answers about Phú Xuân (one with low scores and a comment), one about Kim Long, one flagged."""
    min_sample(3)
    answer(world, "a", 1, comment=LOW_COMMENT)
    answer(world, "b", 5, comment=GOOD_COMMENT)
    answer(world, "c", 4, staff=2)
    answer(world, "d", 4)
    answer(world, "e", 1, org=world.other, comment=OTHER_COMMENT)
    answer(world, "f", 1, comment="flagged text", started_at=clock.now())  # too fast: flagged
    return world


def page(client: Client, user: User, url: str = DASHBOARD, **params: Any) -> Any:
    client.force_login(user)
    return client.get(url, params)


def html(response: Any) -> str:
    return response.content.decode()


def shown(value: float | None) -> str:
    """A number as the page shows it (one decimal, the Vietnamese separator)."""
    assert value is not None
    return number_format(round(value, 1), decimal_pos=1)


def sipas(w: World, body: Organization | None = None, **extra: Any) -> dict[str, Any]:
    return {"body": (body or w.body).pk, "template": "sipas-2017", "period": "2026", **extra}


# Who sees what --------------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_login(client, world):
    urls = [DASHBOARD, reverse("surveys:satisfaction_export", args=["csv"]), CAMPAIGNS,
            reverse("surveys:survey_paper_entry", args=[world.campaign.code]),
            reverse("surveys:survey_flags", args=[world.campaign.code])]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and reverse("web:login") in response["Location"]


@pytest.mark.parametrize("who", ["citizen", "handler", "clerk"])
def test_users_without_the_right_to_read_results_get_not_found(client, world, who):
    user = getattr(world, who)
    assert page(client, user).status_code == 404
    assert page(client, user, reverse("surveys:satisfaction_export", args=["csv"])).status_code == 404


def test_a_citizen_gets_not_found_on_every_staff_survey_page(client, world):
    for url in (CAMPAIGNS, reverse("surveys:survey_paper_entry", args=[world.campaign.code]),
                reverse("surveys:survey_flags", args=[world.campaign.code])):  # fmt: skip
        assert page(client, world.citizen, url).status_code == 404


def test_a_head_sees_their_body_and_a_body_outside_their_scope_is_not_found(client, answered):
    w = answered
    response = page(client, w.head)
    assert response.status_code == 200 and response.context["sel"].org == w.body
    assert page(client, w.head, **sipas(w, w.other)).status_code == 404
    assert page(client, w.head, **sipas(w, w.tinh)).status_code == 404
    assert page(client, w.head, body=999_999_999).status_code == 404
    assert page(client, w.other_head, **sipas(w)).status_code == 404
    export = reverse("surveys:satisfaction_export", args=["csv"])
    assert page(client, w.head, export, **sipas(w, w.other)).status_code == 404


def test_the_default_is_the_case_rating_of_this_year_for_the_first_body_in_scope(client, world):
    response = page(client, world.city_head)
    sel = response.context["sel"]
    assert (sel.org, sel.template.code, str(sel.period), sel.subtree) == (world.tinh, "case-rating", "2026", True)
    assert set(sel.ids) == {world.tinh.pk, world.body.pk, world.other.pk}


def test_the_subtree_holds_only_bodies_in_the_users_scope(client, world):
    boss = make_user(username="chutichtp2")
    grant(boss, Role.HEAD, world.tinh)  # the city alone, not the bodies under it
    assert page(client, boss, body=world.tinh.pk, scope="tree").context["sel"].ids == [world.tinh.pk]


def test_the_body_list_offers_two_levels_and_the_body_shown(client, world):
    group = organization("Tổ dân phố 1", kind="to_dan_pho", unit=commune(19753), parent=world.body)
    offered = [str(v) for v, _ in page(client, world.city_head).context["form"].fields["body"].choices]
    assert offered[0] == str(world.tinh.pk) and set(offered) == {
        str(world.tinh.pk),
        str(world.body.pk),
        str(world.other.pk),
    }
    chosen = page(client, world.city_head, body=group.pk)
    assert chosen.status_code == 200 and chosen.context["sel"].org == group
    assert str(group.pk) in [str(v) for v, _ in chosen.context["form"].fields["body"].choices]


# The numbers ------------------------------------------------------------------------------------------------


def test_dashboard_numbers_are_the_selectors_numbers(client, answered):
    w = answered
    response = page(client, w.city_head, **sipas(w, w.tinh))
    assert response.status_code == 200
    expected = selectors.combined_index(w.campaign.template, *YEAR, organization_ids=[w.tinh.pk, w.body.pk, w.other.pk])
    nums = response.context["nums"]
    assert nums.result == expected and expected.respondents == 5  # the flagged answer does not count
    text = html(response)
    assert shown(expected.overall.index) in text
    assert f"{shown(expected.overall.lower)}–{shown(expected.overall.upper)}" in text
    for factor, score in nums.factors:
        assert score.index == expected.factors[factor.code].index and score.n == expected.factors[factor.code].n
    # By body: each body's own index, as indices_compute gives it.
    per_body = selectors.indices_compute(w.campaign.template, *YEAR, keys=[w.body.pk, w.other.pk])
    assert {org.pk: r.respondents for org, r, _ in nums.bodies} == {w.body.pk: 4, w.other.pk: 1}
    body_row = next(s for org, _, s in nums.bodies if org == w.body)
    other_row = next(s for org, _, s in nums.bodies if org == w.other)
    assert body_row.index == per_body[w.body.pk].overall.index
    assert other_row.index is None  # one answer: too few
    # SIPAS: the expectation shares.
    shares = selectors.expectation_shares(
        w.campaign.template, *YEAR, organization_ids=[w.tinh.pk, w.body.pk, w.other.pk]
    )
    assert [(c.code, n, share) for c, n, share in nums.expectations] == [(c.code, n, share) for c, n, share in shares]


def test_too_few_answers_show_counts_but_no_index(client, answered):
    w = answered
    min_sample(30)
    response = page(client, w.inspector, **sipas(w))
    nums = response.context["nums"]
    assert nums.result.too_few and nums.result.respondents == 4
    assert nums.overall.index is None and all(s.index is None and s.lower is None for _, s in nums.factors)
    assert all(s.n > 0 for _, s in nums.factors)  # counts may show
    assert all(share is None for _, _, share in nums.expectations)
    assert response.context["comments"].state == "too_few"  # a handful of answers could point to their authors
    text = html(response)
    real = selectors.combined_index(w.campaign.template, *YEAR, organization_ids=[w.body.pk]).overall
    assert shown(real.index) not in text and LOW_COMMENT not in text


def test_a_factor_opens_onto_its_criteria(client, answered):
    w = answered
    response = page(client, w.head, **sipas(w, factor="staff"))
    expected = selectors.combined_index(w.campaign.template, *YEAR, organization_ids=[w.body.pk])
    criteria = response.context["nums"].criteria
    assert [c.code for c, _ in criteria] == [f"staff_{i}" for i in range(1, 7)]
    for criterion, score in criteria:
        assert score.index == expected.criteria[criterion.code].index
        assert criterion.text in html(response)
    assert response.context["nums"].criteria and not page(client, w.head, **sipas(w)).context["nums"].criteria


def test_the_trend_reads_the_stored_monthly_indices(client, answered, django_capture_on_commit_callbacks):
    w = answered
    with django_capture_on_commit_callbacks(execute=True):
        answer(w, "g", 5)
    response = page(client, w.head, **sipas(w))
    rows = response.context["trend_rows"]
    snapshot = selectors.trend(w.campaign.template, scope_kind="organization", scope_key=str(w.body.pk))[-1]
    assert [r.label for r in rows] == ["02/2026"]
    assert rows[0].shown.index == snapshot.index and rows[0].shown.n == snapshot.respondents == 5
    assert "<svg" in html(response)
    # The twelve months end with the period chosen: last year's show nothing of February 2026.
    assert page(client, w.head, **sipas(w, period="2025")).context["trend_rows"] == []


# Comments -------------------------------------------------------------------------------------------------


def release_comments(frozen_clock: Any, *, at_least: int = 3) -> None:
    """Comments of 2026 reach a head from 07/01/2027 (a week after the year), with three answers or more."""
    SurveyTemplate.objects.filter(code="sipas-2017").update(comment_min_respondents=at_least, comment_delay_days=7)
    frozen_clock.move_to(dt.datetime(2027, 1, 7, 9, 0, tzinfo=clock.VIETNAM))


def test_comments_behind_low_scores_show_to_the_head_alone_without_a_date(client, answered, frozen_clock):
    w = answered
    answer(w, "s", 4, staff=1, comment="Cán bộ cáu gắt.")
    release_comments(frozen_clock)
    response = page(client, w.head, **sipas(w))
    comments = response.context["comments"]
    assert comments.state == "shown" and sorted(comments.comments) == sorted([LOW_COMMENT, "Cán bộ cáu gắt."])
    text = html(response)
    assert LOW_COMMENT in text and GOOD_COMMENT not in text
    assert OTHER_COMMENT not in text  # another body's
    assert "02/2026" not in text.split('id="comments-heading"')[1].split("</section>")[0]  # no month, no day
    # Drilled into a factor: only the comments behind that factor's low scores.
    staff = page(client, w.head, **sipas(w, factor="staff")).context["comments"].comments
    procedures = page(client, w.head, **sipas(w, factor="procedures")).context["comments"].comments
    assert "Cán bộ cáu gắt." in staff
    assert "Cán bộ cáu gắt." not in procedures and LOW_COMMENT in procedures


def test_comments_of_flagged_answers_are_left_out_like_their_scores(client, answered, frozen_clock):
    release_comments(frozen_clock)
    comments = page(client, answered.head, **sipas(answered)).context["comments"]
    assert comments.state == "shown" and "flagged text" not in comments.comments


def test_a_dan_van_officer_reads_results_but_never_comments(client, answered):
    w = answered
    response = page(client, w.dan_van, **sipas(w, w.tinh))
    assert response.status_code == 200 and response.context["nums"].overall.index is not None
    assert response.context["comments"] is None
    text = html(response)
    assert LOW_COMMENT not in text and OTHER_COMMENT not in text and 'id="comments-heading"' not in text


def test_an_inspector_over_the_city_reads_the_comments_of_its_bodies(client, answered, frozen_clock):
    w = answered
    release_comments(frozen_clock)
    comments = page(client, w.inspector, **sipas(w, w.tinh)).context["comments"]
    # Kim Long's one answer is too few on its own (its body, its month): the city's wider scope does not
    # show it either, or comparing scopes would isolate it.
    assert set(comments.comments) == {LOW_COMMENT}


# By official (case ratings) ----------------------------------------------------------------------------------


def rate(w: World, case_id: int, value: int) -> None:
    events.publish(CASE_ANSWERED, AnsweredCase(case_id, w.body.pk, commune(19753).pk, "pakn", "", w.handler.pk))
    codes = ["case_overall", "case_access", "case_procedures", "case_staff", "case_results", "case_feedback"]
    responses.rating_submit(token=invitations.rating_token(case_id),
                            answers={(code, Aspect.SATISFACTION): value for code in codes})  # fmt: skip


def test_by_official_shows_respondents_and_the_index_only_from_the_minimum(client, world):
    rate(world, 1, 5)
    rate(world, 2, 2)
    response = page(client, world.head)
    [(official, result, score)] = response.context["nums"].officials
    assert official == world.handler and result.respondents == 2 and score.index is None
    assert "Cán bộ xuly" in html(response)
    min_sample(2)
    [(_, result, score)] = page(client, world.head).context["nums"].officials
    assert score.index == result.overall.index == 50.0


# Export -------------------------------------------------------------------------------------------------------


def test_the_csv_export_holds_the_aggregates_and_no_comment(client, answered):
    w = answered
    response = page(client, w.inspector, reverse("surveys:satisfaction_export", args=["csv"]), **sipas(w, w.tinh))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    for comment in (LOW_COMMENT, GOOD_COMMENT, OTHER_COMMENT, "flagged text"):
        assert comment not in text
    rows = list(csv.reader(io.StringIO(text)))
    expected = selectors.combined_index(w.campaign.template, *YEAR, organization_ids=[w.tinh.pk, w.body.pk, w.other.pk])
    overall = next(r for r in rows[1:] if r[4] == "overall")
    assert float(overall[9]) == round(expected.overall.index, 2) and overall[7] == "5"
    sections = {r[4] for r in rows[1:]}
    assert sections >= {"overall", "factor", "criterion", "body", "expectation"}
    kim_long = next(r for r in rows[1:] if r[4] == "body" and r[6] == w.other.name)
    assert kim_long[7] == "1" and kim_long[9] == ""  # too few: no index


def test_the_xlsx_export_opens_and_holds_no_comment(client, answered):
    from openpyxl import load_workbook

    w = answered
    response = page(client, w.head, reverse("surveys:satisfaction_export", args=["xlsx"]), **sipas(w))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert w.body.name in values and LOW_COMMENT not in values and GOOD_COMMENT not in values
    assert page(client, w.head, reverse("surveys:satisfaction_export", args=["pdf"]), **sipas(w)).status_code == 404


# Campaigns ----------------------------------------------------------------------------------------------------


def test_the_campaign_list_shows_counts_and_the_links_each_user_may_follow(client, answered):
    w = answered
    response = page(client, w.city_head, CAMPAIGNS)
    [row] = response.context["rows"]
    assert row["campaign"].n_responses == 6 and row["campaign"].n_flagged == 1
    assert row["may_enter"] and row["may_flags"] and row["results_url"]
    text = html(response)
    assert reverse("surveys:survey_paper_entry", args=[w.campaign.code]) in text
    assert reverse("surveys:survey_flags", args=[w.campaign.code]) in text
    assert f"/khao-sat/{w.campaign.code}/{w.body.pk}/ma-qr.svg" in text
    clerk_row = page(client, w.clerk, CAMPAIGNS).context["rows"][0]
    assert clerk_row["may_enter"] and not clerk_row["may_flags"] and not clerk_row["results_url"]
    # The head of Phú Xuân does not organise the city's campaign.
    assert page(client, w.head, CAMPAIGNS).context["rows"] == []


# Paper entry --------------------------------------------------------------------------------------------------


def paper_post(w: World, number: str, value: int = 4, **extra: str) -> dict[str, Any]:
    data: dict[str, Any] = {"form_number": number, "organization": w.body.pk, "answered_on": "2026-02-03"}
    for c in w.campaign.template.criteria.all():
        data[f"q_{c.code}_satisfaction"] = str(value)
    data["q_staff_1_assessment"] = "3"
    data["q_feedback_2_expectation"] = "on"
    return data | extra


def test_only_who_may_key_in_the_campaigns_forms_opens_paper_entry(client, world):
    url = reverse("surveys:survey_paper_entry", args=[world.campaign.code])
    response = page(client, world.clerk, url)
    assert response.status_code == 200
    assert re.search(r'<input[^>]*name="form_number"[^>]*autofocus', html(response))
    for user in (world.handler, world.head, world.dan_van):  # of the body, not of the organizing city
        assert page(client, user, url).status_code == 404
    assert page(client, world.clerk, reverse("surveys:survey_paper_entry", args=["no-such"])).status_code == 404


def test_a_paper_form_is_stored_then_an_empty_form_follows(client, world):
    url = reverse("surveys:survey_paper_entry", args=[world.campaign.code])
    client.force_login(world.clerk)
    response = client.post(url, paper_post(world, "0001", comment="Viết tay: chờ lâu."))
    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.paper_form_number, stored.entered_by, stored.answered_on) == (
        "0001",
        world.clerk,
        dt.date(2026, 2, 3),
    )
    assert stored.source == "paper" and stored.comment == "Viết tay: chờ lâu."
    assert Answer.objects.filter(response=stored, aspect=Aspect.EXPECTATION, criterion__code="feedback_2").exists()
    assert Answer.objects.filter(response=stored, aspect=Aspect.ASSESSMENT).count() == 1
    assert AuditEvent.objects.filter(action="surveys.paper_entered").count() == 1
    following = client.get(response["Location"])
    text = html(following)
    assert "0001" in text  # "Đã nhập phiếu số 0001"
    form = following.context["form"]
    assert not form.is_bound and form.initial["organization"] == world.body.pk
    assert form.initial["answered_on"] == dt.date(2026, 2, 3)
    assert 'value="0001"' not in text


def test_a_paper_form_number_keyed_twice_is_refused_and_what_was_entered_is_kept(client, world):
    url = reverse("surveys:survey_paper_entry", args=[world.campaign.code])
    client.force_login(world.clerk)
    client.post(url, paper_post(world, "0007"))
    response = client.post(url, paper_post(world, " 0007 ", value=2))
    assert response.status_code == 400
    assert Response.objects.count() == 1
    form = response.context["form"]
    assert form.errors["form_number"]
    text = html(response)
    assert re.search(r'name="q_staff_1_satisfaction" value="2"[^>]*checked', text)
    assert re.search(r'name="q_feedback_2_expectation"[^>]*checked', text)


def test_a_missing_answer_is_refused_with_nothing_stored(client, world):
    url = reverse("surveys:survey_paper_entry", args=[world.campaign.code])
    client.force_login(world.clerk)
    data = paper_post(world, "0009")
    del data["q_staff_3_satisfaction"]
    response = client.post(url, data)
    assert response.status_code == 400 and response.context["form"].errors["q_staff_3_satisfaction"]
    assert not Response.objects.exists()


def test_a_date_outside_the_campaign_is_refused(client, world):
    url = reverse("surveys:survey_paper_entry", args=[world.campaign.code])
    client.force_login(world.clerk)
    response = client.post(url, paper_post(world, "0010", answered_on="2025-12-31"))
    assert response.status_code == 400 and response.context["form"].errors["answered_on"]
    assert not Response.objects.exists()


# Flags --------------------------------------------------------------------------------------------------------


def test_the_flag_review_lists_flagged_answers_without_device_or_comment(client, answered):
    w = answered
    url = reverse("surveys:survey_flags", args=[w.campaign.code])
    response = page(client, w.city_head, url)
    assert response.status_code == 200
    [flagged] = list(response.context["page"])
    assert flagged.flag == Flag.TOO_FAST
    text = html(response)
    assert "flagged text" not in text and Response.objects.get(pk=flagged.pk).device_hash not in text
    for user in (w.clerk, w.head, w.dan_van, w.inspector):
        assert page(client, user, url).status_code == 404


def test_a_reviewer_lets_a_flagged_answer_count(client, answered):
    w = answered
    flagged = Response.objects.exclude(flag="").get()
    url = reverse("surveys:survey_flags", args=[w.campaign.code])
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(w.city_head)
    assert csrf_client.post(url, {"response": flagged.pk}).status_code == 403
    client.force_login(w.city_head)
    assert client.post(url, {"response": flagged.pk}).status_code == 302
    flagged.refresh_from_db()
    assert flagged.flag == "" and flagged.flag_cleared_by == w.city_head
    assert AuditEvent.objects.filter(action="surveys.flag_cleared", object_id=str(flagged.pk)).exists()
    client.force_login(w.clerk)
    other = answer(w, "h", 4, started_at=clock.now())
    assert client.post(url, {"response": other.pk}).status_code == 404
    assert Response.objects.get(pk=other.pk).flag == Flag.TOO_FAST


# The menu and the query count ------------------------------------------------------------------------------


def test_the_menu_links_to_satisfaction_for_those_who_read_results_or_key_in_forms(client, world):
    assert f'href="{DASHBOARD}"' in html(page(client, world.head, reverse("web:home")))
    assert f'href="{CAMPAIGNS}"' in html(page(client, world.handler, reverse("web:home")))
    citizen = html(page(client, world.citizen, reverse("web:home")))
    assert DASHBOARD not in citizen and CAMPAIGNS not in citizen


def test_the_dashboard_query_count_does_not_grow_with_the_answers(client, answered, django_assert_max_num_queries):
    client.force_login(answered.inspector)
    client.get(DASHBOARD, sipas(answered, answered.tinh))  # warm the session and the role cache
    for i in range(5):
        answer(answered, f"more-{i}", 3)
    with django_assert_max_num_queries(30):
        assert client.get(DASHBOARD, sipas(answered, answered.tinh, factor="staff")).status_code == 200


# The demo -----------------------------------------------------------------------------------------------------


def test_the_demo_seeds_ranked_bodies_once(frozen_clock):
    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.org.demo import demo_seed
    from danvan.surveys.demo import PROFILES, demo_surveys_seed
    from danvan.surveys.models import IndexSnapshot

    demo_seed(46)
    demo_cases_seed(46)
    answered_cases = demo_answered_cases_seed()
    assert len(answered_cases) >= 2 and all(c.status == "answered" for c in answered_cases)
    ids = [c.pk for c in answered_cases[1:]]
    first = demo_surveys_seed(46, rated_case_ids=ids)
    assert first.campaign is not None and first.campaign.title == "Khảo sát SIPAS Thành phố Huế 2026"
    assert first.ratings_created == len(ids)
    assert first.responses_created == sum(p["respondents"] for p in PROFILES) + len(PROFILES)
    # The printed link of the first answered case still opens its rating form.
    assert invitations.rating_state(invitations.rating_token(answered_cases[0].pk)).state == "open"
    ranked = [row for row in selectors.ranking(first.campaign.template, "year", dt.date(2026, 1, 1)) if row.ranked]
    assert len(ranked) >= 3 and all(row.snapshot.respondents >= 30 for row in ranked)
    assert len({row.snapshot.index for row in ranked}) == len(ranked)  # bodies differ
    assert Response.objects.exclude(flag="").exists()  # something to review

    def counts() -> tuple[int, ...]:
        return (Response.objects.count(), Answer.objects.count(), Campaign.objects.count(),
                Invitation.objects.count(), IndexSnapshot.objects.count(), AuditEvent.objects.count())  # fmt: skip

    before = counts()
    again = demo_answered_cases_seed()
    second = demo_surveys_seed(46, rated_case_ids=[c.pk for c in again[1:]])
    assert (second.ratings_created, second.responses_created) == (0, 0)
    assert counts() == before


# In a real browser: screenshots of the dashboard (desktop and a 360-px phone) ----------------------------------
