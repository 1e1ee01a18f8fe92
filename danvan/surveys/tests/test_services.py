"""Ratings, campaign answers, paper forms, flags and stored indices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.core import events
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.models import AuditEvent
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import KIM_LONG, commune, grant, hue_city, make_user, officer, ward_body
from danvan.surveys import errors as codes
from danvan.surveys import selectors
from danvan.surveys.choices import Aspect, CampaignStatus, Flag, ScopeKind
from danvan.surveys.models import Answer, Campaign, IndexSnapshot, Invitation, Response, SurveyTemplate
from danvan.surveys.services import invitations, responses

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

CASE_CODES = ["case_overall", "case_access", "case_procedures", "case_staff", "case_results", "case_feedback"]


@dataclass
class SurveyWorld:
    body: Organization
    other: Organization
    head: User
    handler: User
    clerk: User


@pytest.fixture
def sw() -> SurveyWorld:
    tinh = hue_city()
    body = ward_body(tinh)
    return SurveyWorld(
        body,
        other=ward_body(tinh, code=KIM_LONG),
        head=officer("chutich", Role.HEAD, body),
        handler=officer("xuly", Role.HANDLER, body),
        clerk=officer("nhapphieu", Role.HANDLER, tinh),
    )


def answered(case_id: int, w: SurveyWorld, track: str = "pakn") -> str:
    """Announce an answered case as the cases app does (by the event's name: surveys does not import
    cases); return the token of its rating link."""
    facts = events.payload("cases.case_answered", case_id=case_id, organization_id=w.body.pk,
                           unit_id=commune(19753).pk, track=track, topic="dat-dai", handler_id=w.handler.pk)  # fmt: skip
    events.publish("cases.case_answered", facts)
    return invitations.rating_token(case_id)


def rating(value: int = 5, **overrides: int) -> dict[tuple[str, str], int]:
    values = dict.fromkeys(CASE_CODES, value) | overrides
    return {(code, Aspect.SATISFACTION): v for code, v in values.items()}


def test_answering_a_case_opens_one_invitation_holding_only_a_digest(sw):
    token = answered(7, sw)
    invitation = Invitation.objects.get()
    assert invitation.subject == "case:7" and invitation.organization == sw.body
    assert token not in invitation.token_hash
    answered(7, sw)  # a second answer (another round) keeps the one invitation
    assert Invitation.objects.count() == 1
    assert invitations.rating_state(token).state == "open"
    assert invitations.rating_state("not-a-token").state == "unknown"


def test_rating_is_stored_apart_from_who_gave_it(sw, django_capture_on_commit_callbacks):
    token = answered(7, sw)
    with django_capture_on_commit_callbacks(execute=True):
        response = responses.rating_submit(token=token, answers=rating(4, case_staff=2), comment="Cán bộ chậm trả lời.")
    assert response.organization == sw.body and response.official == sw.handler and response.service == "pakn"
    assert Answer.objects.filter(response=response).count() == 6
    # No column of a response leads back to the invitation (and so to the case or the citizen).
    invitation = Invitation.objects.get()
    assert invitation.used
    response_values = {str(v) for v in Response.objects.filter(pk=response.pk).values().get().values()}
    assert invitation.token_hash not in response_values and "case:7" not in response_values
    assert {f.related_model for f in Response._meta.get_fields() if f.is_relation} & {Invitation} == set()
    # Citizens' answers are not audited (an audit row carries their address).
    assert not AuditEvent.objects.filter(object_type="surveys.response").exists()


def test_rating_can_be_changed_within_the_window_then_not(sw, frozen_clock):
    token = answered(7, sw)
    first = responses.rating_submit(token=token, answers=rating(2))
    again = responses.rating_submit(token=token, answers=rating(5), comment="Đã sửa.")
    assert again.pk == first.pk and Response.objects.count() == 1
    assert set(Answer.objects.values_list("value", flat=True)) == {5}
    assert invitations.rating_state(token).state == "editable"
    frozen_clock.move_to(dt.datetime(2026, 2, 13, 9, 0, tzinfo=dt.UTC))
    assert invitations.rating_state(token).state == "closed"
    with pytest.raises(DomainError) as error:
        responses.rating_submit(token=token, answers=rating(1))
    assert error.value.code == codes.CLOSED
    assert set(Answer.objects.values_list("value", flat=True)) == {5}


def test_an_expired_link_cannot_rate(sw, frozen_clock):
    token = answered(7, sw)
    frozen_clock.move_to(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC))
    assert invitations.rating_state(token).state == "expired"
    with pytest.raises(DomainError) as error:
        responses.rating_submit(token=token, answers=rating(5))
    assert error.value.code == codes.EXPIRED


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({("case_overall", "satisfaction"): 5}, "missing_answers"),
        (rating(5) | {("nope", "satisfaction"): 3}, "unknown_question"),
        (rating(5) | {("case_staff", "expectation"): 1}, "unknown_question"),
        (rating(5, case_staff=6), codes.BAD_VALUE),
        (rating(5, case_staff=-1), codes.BAD_VALUE),
    ],
)
def test_bad_ratings_are_refused_and_nothing_is_stored(sw, answers, code):
    token = answered(7, sw)
    with pytest.raises(DomainError) as error:
        responses.rating_submit(token=token, answers=answers)
    assert error.value.code == code
    assert not Response.objects.exists() and not Invitation.objects.get().used


def test_html_in_a_comment_is_refused(sw):
    token = answered(7, sw)
    with pytest.raises(DomainError) as error:
        responses.rating_submit(token=token, answers=rating(5), comment="<script>alert(1)</script>")
    assert error.value.code == codes.HTML


def test_unknown_link(sw):
    with pytest.raises(NotFound):
        responses.rating_submit(token="x" * 40, answers=rating(5))


def test_no_opinion_counts_as_an_answer_but_not_in_the_index(sw, django_capture_on_commit_callbacks):
    token = answered(7, sw)
    with django_capture_on_commit_callbacks(execute=True):
        responses.rating_submit(token=token, answers=rating(5, case_staff=0))
    template = SurveyTemplate.objects.get(code="case-rating")
    result = selectors.indices_compute(template, dt.date(2026, 2, 1), dt.date(2026, 2, 28))[sw.body.pk]
    assert result.criteria["case_staff"].index is None
    assert result.factors["staff"].index is None
    assert result.overall.index == 100.0


def test_a_rating_moves_its_bodys_stored_index(sw, django_capture_on_commit_callbacks):
    template = SurveyTemplate.objects.get(code="case-rating")
    template.methodology.min_sample = 2
    template.methodology.save()
    for case_id, value in ((1, 5), (2, 2)):
        token = answered(case_id, sw)
        with django_capture_on_commit_callbacks(execute=True):
            responses.rating_submit(token=token, answers=rating(value))
        snapshot = IndexSnapshot.objects.get(
            scope_kind=ScopeKind.ORGANIZATION,
            scope_key=str(sw.body.pk),
            period_kind="month",
            period_start=dt.date(2026, 2, 1),
        )
        assert snapshot.respondents == case_id
    assert snapshot.too_few is False and snapshot.index == 50.0
    assert snapshot.lower is not None and snapshot.lower < 50 < snapshot.upper
    assert IndexSnapshot.objects.filter(scope_kind=ScopeKind.UNIT, scope_key=str(commune(19753).pk)).count() == 3


def test_too_few_answers_store_no_publishable_index(sw, django_capture_on_commit_callbacks):
    token = answered(1, sw)
    with django_capture_on_commit_callbacks(execute=True):
        responses.rating_submit(token=token, answers=rating(5))
    snapshot = IndexSnapshot.objects.filter(scope_kind=ScopeKind.ORGANIZATION).first()
    assert snapshot.too_few is True  # min_sample 30 by default
    assert (snapshot.index, snapshot.lower, snapshot.factors.get("staff", {}).get("index")) == (None, None, None)
    assert snapshot.criteria == {} and snapshot.respondents == 1
    rows = selectors.ranking(SurveyTemplate.objects.get(code="case-rating"), "month", dt.date(2026, 2, 1))
    assert [r.ranked for r in rows] == [None]


# Campaigns ----------------------------------------------------------------------------------------


def sipas_answers(value: int = 4) -> dict[tuple[str, str], int]:
    template = SurveyTemplate.objects.get(code="sipas-2017")
    return (
        {(c.code, "satisfaction"): value for c in template.criteria.all()}
        | {(c.code, "assessment"): value for c in template.criteria.all()[:3]}
        | {("staff_1", "expectation"): 1}
    )


@pytest.fixture
def campaign(sw) -> Campaign:
    c = Campaign.objects.create(
        code="sipas-hue-2026", title="SIPAS Huế 2026", template=SurveyTemplate.objects.get(code="sipas-2017"),
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31), status=CampaignStatus.OPEN,
        owner=sw.body.parent, device_limit=2, min_seconds=20,
    )  # fmt: skip
    c.organizations.add(sw.body)
    return c


def submit(campaign: Campaign, sw: SurveyWorld, nonce: str, device: str = "d1", **kw: Any) -> tuple[Response, bool]:
    from danvan.core import clock

    kw.setdefault("started_at", clock.now() - dt.timedelta(minutes=3))
    return responses.campaign_submit(campaign=campaign, organization_id=sw.body.pk, answers=sipas_answers(), nonce=nonce,
                                     device=device, **kw)  # fmt: skip


def test_a_retried_campaign_form_is_stored_once(campaign, sw):
    first, created = submit(campaign, sw, "n-1")
    again, created_again = submit(campaign, sw, "n-1")
    assert created and not created_again and first.pk == again.pk
    assert Response.objects.count() == 1
    assert Answer.objects.filter(response=first, aspect=Aspect.EXPECTATION).count() == 1


def test_a_device_may_answer_only_as_often_as_the_campaign_allows(campaign, sw):
    submit(campaign, sw, "n-1")
    submit(campaign, sw, "n-2")
    with pytest.raises(DomainError) as error:
        submit(campaign, sw, "n-3")
    assert error.value.code == codes.DEVICE_LIMIT
    submit(campaign, sw, "n-4", device="d2")
    assert Response.objects.count() == 3


def test_implausible_answers_are_flagged_and_left_out_of_the_index(campaign, sw):
    from danvan.core import clock

    fast, _ = submit(campaign, sw, "n-1", started_at=clock.now() - dt.timedelta(seconds=5))
    assert fast.flag == Flag.TOO_FAST
    campaign.device_limit = 10
    campaign.save()
    flags = [submit(campaign, sw, f"b-{i}", device="kiosk")[0].flag for i in range(3)]
    assert flags == ["", "", Flag.BURST]
    result = selectors.indices_compute(campaign.template, dt.date(2026, 1, 1), dt.date(2026, 12, 31))[sw.body.pk]
    assert result.respondents == 2  # the two flagged answers do not count


def test_a_reviewer_can_clear_a_flag(campaign, sw):
    from danvan.core import clock

    fast, _ = submit(campaign, sw, "n-1", started_at=clock.now())
    with pytest.raises(PermissionDenied):
        responses.flag_clear(actor=sw.handler, response=fast)
    admin_of_campaign = make_user(username="truongban")
    grant(admin_of_campaign, Role.HEAD, campaign.owner)
    responses.flag_clear(actor=admin_of_campaign, response=fast)
    fast.refresh_from_db()
    assert fast.flag == "" and fast.flag_cleared_by == admin_of_campaign
    assert AuditEvent.objects.filter(action="surveys.flag_cleared", object_id=str(fast.pk)).exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": CampaignStatus.CLOSED}, "campaign_closed"),
        ({"ends_on": dt.date(2026, 1, 31)}, "campaign_closed"),
    ],
)
def test_a_closed_campaign_takes_no_answers(campaign, sw, change, code):
    for name, value in change.items():
        setattr(campaign, name, value)
    campaign.save()
    with pytest.raises(DomainError) as error:
        submit(campaign, sw, "n-1")
    assert error.value.code == code


def test_an_answer_must_be_about_a_surveyed_body(campaign, sw):
    with pytest.raises(DomainError) as error:
        responses.campaign_submit(campaign=campaign, organization_id=sw.other.pk, answers=sipas_answers(), nonce="x")
    assert error.value.code == codes.BAD_TARGET


def test_a_paper_form_is_keyed_in_once(campaign, sw):
    kwargs = {"campaign": campaign, "organization_id": sw.body.pk, "answers": sipas_answers(3)}
    with pytest.raises(PermissionDenied):
        responses.paper_submit(actor=sw.handler, form_number="0001", **kwargs)  # not of the organizing body
    response = responses.paper_submit(actor=sw.clerk, form_number="0001", **kwargs)
    assert response.entered_by == sw.clerk and response.source == "paper"
    with pytest.raises(DomainError) as error:
        responses.paper_submit(actor=sw.clerk, form_number=" 0001 ", **kwargs)
    assert error.value.code == codes.DUPLICATE_FORM
    assert Response.objects.count() == 1
    assert AuditEvent.objects.filter(action="surveys.paper_entered").count() == 1


def test_comments_behind_low_scores_carry_no_identity(campaign, sw):
    from danvan.core import clock

    responses.campaign_submit(campaign=campaign, organization_id=sw.body.pk, nonce="a", device="a",
                              answers=sipas_answers(1), comment="Phải chờ rất lâu.",
                              started_at=clock.now() - dt.timedelta(minutes=5))  # fmt: skip
    responses.campaign_submit(campaign=campaign, organization_id=sw.body.pk, nonce="b", device="b",
                              answers=sipas_answers(5), comment="Rất tốt.",
                              started_at=clock.now() - dt.timedelta(minutes=5))  # fmt: skip
    campaign.template.comment_min_respondents = 2
    comments = selectors.low_score_comments(campaign.template, dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                            organization_ids=[sw.body.pk], factor_code="staff",
                                            today=dt.date(2027, 1, 7))  # fmt: skip
    assert comments.state == "shown" and comments.comments == ["Phải chờ rất lâu."]


def test_expectation_is_reported_as_shares(campaign, sw):
    submit(campaign, sw, "n-1")
    shares = selectors.expectation_shares(campaign.template, dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                          organization_ids=[sw.body.pk])  # fmt: skip
    assert [(c.code, n, share) for c, n, share in shares] == [("staff_1", 1, 100.0)]


def test_per_official_results(sw):
    template = SurveyTemplate.objects.get(code="case-rating")
    for case_id in range(3):
        responses.rating_submit(token=answered(case_id, sw), answers=rating(4))
    rows = selectors.by_official(template, dt.date(2026, 1, 1), dt.date(2026, 12, 31), organization_ids=[sw.body.pk])
    assert [(user, result.respondents, result.too_few) for user, result in rows] == [(sw.handler, 3, True)]


def test_a_nonce_from_another_surveys_form_is_not_taken_as_already_stored(campaign, sw):
    submit(campaign, sw, "n-1")
    other = Campaign.objects.create(
        code="other", title="Khác", template=campaign.template, starts_on=campaign.starts_on, ends_on=campaign.ends_on,
        status=CampaignStatus.OPEN, owner=campaign.owner,
    )  # fmt: skip
    other.organizations.add(sw.body)
    with pytest.raises(DomainError) as error:
        submit(other, sw, "n-1")
    assert error.value.code == codes.NONCE_REUSED
    assert Response.objects.filter(campaign=other).count() == 0


def test_an_answer_counts_only_toward_what_the_campaign_covers(campaign, sw):
    from danvan.org.models import AdministrativeUnit

    kwargs = {"campaign": campaign, "answers": sipas_answers(), "device": ""}
    bad = [
        {"organization_id": None},  # the campaign lists bodies: one must be chosen
        {"organization_id": 999_999},  # no such body (no database error: a clear refusal)
        {"organization_id": sw.body.pk, "unit_id": commune(19774).pk},  # it lists no places
    ]
    for i, target in enumerate(bad):
        with pytest.raises(DomainError) as error:
            responses.campaign_submit(nonce=f"bad-{i}", **kwargs, **target)
        assert error.value.code == codes.BAD_TARGET
    places_only = Campaign.objects.create(
        code="places", title="Địa bàn", template=campaign.template, starts_on=campaign.starts_on,
        ends_on=campaign.ends_on, status=CampaignStatus.OPEN, owner=campaign.owner,
    )  # fmt: skip
    places_only.units.add(commune(19753))
    kwargs["campaign"] = places_only
    for i, target in enumerate([{"organization_id": sw.body.pk, "unit_id": commune(19753).pk},
                                {"organization_id": None, "unit_id": None},
                                {"organization_id": None, "unit_id": AdministrativeUnit.objects.order_by("-pk")[0].pk}]):  # fmt: skip
        with pytest.raises(DomainError) as error:
            responses.campaign_submit(nonce=f"p-{i}", **kwargs, **target)
        assert error.value.code == codes.BAD_TARGET
    response, _ = responses.campaign_submit(nonce="ok", organization_id=None, unit_id=commune(19753).pk, **kwargs)
    assert response.unit_id == commune(19753).pk and Response.objects.count() == 1
