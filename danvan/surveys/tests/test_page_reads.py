"""The reads and the write the staff pages use (selectors and ``responses.campaign_flag_clear``)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, grant, make_user, organization
from danvan.surveys import indices, selectors
from danvan.surveys import permissions as sp
from danvan.surveys.choices import Aspect, CampaignStatus, Flag
from danvan.surveys.models import Campaign, SurveyTemplate
from danvan.surveys.services import responses

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_a_score_is_published_only_from_the_minimum_sample():
    score = indices.Score(80.0, 70.0, 88.0, 12)
    assert selectors.published_score(score, too_few=False) == selectors.Published(80.0, 70.0, 88.0, 12)
    assert selectors.published_score(score, too_few=True) == selectors.Published(None, None, None, 12, True)
    assert selectors.published_score(None, too_few=False) == selectors.Published(None, None, None, 0)
    assert selectors.published_snapshot(None) == selectors.Published(None, None, None, 0)


@pytest.fixture
def flagged():
    template = SurveyTemplate.objects.get(code="sipas-2017")
    tinh = organization("UBND thành phố Huế")
    body = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=tinh)
    campaigns = []
    for code in ("sipas-a", "sipas-b"):
        campaign = Campaign.objects.create(
            code=code, title=code, template=template, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31),
            status=CampaignStatus.OPEN, owner=tinh, device_limit=10, min_seconds=20,
        )  # fmt: skip
        campaign.organizations.add(body)
        campaigns.append(campaign)
    answers = {(c.code, Aspect.SATISFACTION): 4 for c in template.criteria.all()}
    # Answered in no time: flagged as too fast.
    response, _ = responses.campaign_submit(campaign=campaigns[0], organization_id=body.pk, answers=answers,
                                            comment="", nonce="n1", device="d1", started_at=clock.now())  # fmt: skip
    reviewer, stranger = make_user(username="chutichtp"), make_user(username="nguoingoai")
    grant(reviewer, Role.HEAD, tinh, subtree=True)
    return campaigns, response, reviewer, stranger


def test_a_reviewer_clears_a_flag_of_the_campaign_and_only_of_it(flagged):
    (campaign, other), response, reviewer, _stranger = flagged
    assert response.flag == Flag.TOO_FAST
    assert list(selectors.campaign_flagged(campaign)) == [response] and not selectors.campaign_flagged(other).exists()
    with pytest.raises(NotFound):
        responses.campaign_flag_clear(actor=reviewer, campaign=other, response_id=response.pk)
    cleared = responses.campaign_flag_clear(actor=reviewer, campaign=campaign, response_id=response.pk)
    assert cleared.pk == response.pk and cleared.flag == "" and cleared.flag_cleared_by == reviewer
    assert not selectors.campaign_flagged(campaign).exists()


def test_a_campaign_is_found_for_who_may_act_on_it_and_not_found_alike_otherwise(flagged):
    (campaign, _other), _response, reviewer, stranger = flagged
    assert selectors.campaign_get_for(reviewer, campaign.code, sp.REVIEW_FLAGS) == campaign
    for user, code in [(stranger, campaign.code), (reviewer, "khong-co")]:
        with pytest.raises(NotFound):
            selectors.campaign_get_for(user, code, sp.REVIEW_FLAGS)
    assert list(selectors.campaign_list_for(stranger, [sp.REVIEW_FLAGS])) == []
    assert [c.code for c in selectors.campaign_list_for(reviewer, [sp.REVIEW_FLAGS])] == ["sipas-a", "sipas-b"]
    assert selectors.campaign_paper_count(campaign) == 0
