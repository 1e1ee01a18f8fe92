"""The minimum-sample rule, once (``selectors.Published``), seen from every interface: with one respondent
fewer than the methodology's ``min_sample`` no index reaches the public ranking, a body's page, the REST
API or the staff dashboard; with ``min_sample`` respondents every one of them shows it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.core import clock
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, grant, make_user, organization
from danvan.surveys.choices import Aspect, CampaignStatus
from danvan.surveys.models import Campaign, SurveyTemplate
from danvan.surveys.services import responses, snapshots

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

MIN_SAMPLE = 3


def surveyed_body(respondents: int) -> tuple[Any, Any]:
    """A body asked about by a SIPAS campaign, ``respondents`` satisfied answers, the year's indices stored."""
    template = SurveyTemplate.objects.select_related("methodology").get(code="sipas-2017")
    template.methodology.min_sample = MIN_SAMPLE
    template.methodology.save()
    tinh = organization("UBND thành phố Huế")
    body = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=tinh)
    campaign = Campaign.objects.create(
        code="sipas-hue-2026", title="Khảo sát SIPAS 2026", template=template, starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31), status=CampaignStatus.OPEN, owner=tinh, device_limit=100, min_seconds=0,
    )  # fmt: skip
    campaign.organizations.add(body)
    answers = {(c.code, Aspect.SATISFACTION): 4 for c in template.criteria.all()}
    for i in range(respondents):
        responses.campaign_submit(campaign=campaign, organization_id=body.pk, answers=answers, comment="",
                                  nonce=f"n{i}", device=f"d{i}", started_at=clock.now() - dt.timedelta(minutes=5))  # fmt: skip
    snapshots.snapshots_refresh(template, "year", dt.date(2026, 1, 1))
    head = make_user(username="chutich")
    grant(head, Role.HEAD, body)
    return body, head


@pytest.mark.parametrize(("respondents", "published"), [(MIN_SAMPLE - 1, False), (MIN_SAMPLE, True)])
def test_an_index_is_shown_everywhere_from_the_minimum_sample_and_nowhere_below_it(
    client: Client, respondents: int, published: bool
) -> None:
    body, head = surveyed_body(respondents)
    expected = 100.0 if published else None
    query = {"template": "sipas-2017", "kind": "year", "period": "2026"}

    ranking = client.get(reverse("surveys:satisfaction_ranking"), query)
    [line] = ranking.context["page"].object_list
    assert (line.index, line.rank, line.respondents) == (expected, 1 if published else None, respondents)

    page = client.get(reverse("surveys:satisfaction_body", args=[body.pk]), query)
    assert (page.context["score"].index, page.context["published"], page.context["respondents"]) == (
        expected, published, respondents,
    )  # fmt: skip
    assert bool(page.context["factors"]) is published

    api = client.get("/api/v1/indices", {"template": "sipas-2017", "period_kind": "year", "period": "2026"}).json()
    [row] = api["results"]
    assert (row["index"], row["rank"], row["too_few"], row["respondents"]) == (
        expected, 1 if published else None, not published, respondents,
    )  # fmt: skip
    assert (row["factors"] is not None) is published
    one = client.get(f"/api/v1/indices/organizations/{body.pk}", {"template": "sipas-2017"}).json()
    assert (one["current"]["index"], one["factors"] is not None) == (expected, published)

    client.force_login(head)
    dashboard = client.get(reverse("surveys:satisfaction_dashboard"), {"body": body.pk, **query})
    nums = dashboard.context["nums"]
    assert (nums.overall.index, nums.result.respondents) == (expected, respondents)
    assert all((score.index is not None) is published for _factor, score in nums.factors)
