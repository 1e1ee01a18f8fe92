"""A bounded property-based run of schemathesis against our OpenAPI schema: no input may cause a 5xx.

In-process through WSGI (no server, no network); every operation gets at most 25 examples, each sent
by one of its callers in turn: a staff API key (every scope, acting as the body's handler), a signed-in
head's session (with the CSRF token on a write), that session without the token (a write must be
refused), and nobody. A refused write stores nothing: no case, timeline event, party, response or
audit event.
Random path parameters would only ever reach "not found", so every other example of the operations
on one object is pointed at a real one (a case, a campaign, an invitation, a body with indices), and
at a well-formed period: the services beneath then meet the generated bodies and queries.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, settings

from danvan.api.tests.conftest import PartnerWorld
from danvan.cases.events import CASE_ANSWERED, AnsweredCase
from danvan.cases.models import Case, CaseEvent, CaseParty
from danvan.cases.services.intake import Petition, case_submit
from danvan.core import events
from danvan.core.models import AuditEvent
from danvan.insight.services.alerts import alert_raise
from danvan.org.choices import Role
from danvan.org.models import Organization
from danvan.org.tests.factories import grant, make_user
from danvan.surveys.choices import CampaignStatus
from danvan.surveys.models import Campaign, Methodology, Response, SurveyTemplate
from danvan.surveys.services import invitations, responses
from danvan.surveys.services.snapshots import snapshots_refresh_for_response

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
_turn = itertools.count()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Raw WSGI sends request_started/finished, which would close the test's database connection
    (and its transaction) on PostgreSQL; Django's test client disconnects the same handlers."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SAFE_CALLERS = ("key", "session", "anonymous")
UNSAFE_CALLERS = ("key", "session", "session_without_csrf", "anonymous")


@pytest.fixture
def callers(pw: PartnerWorld) -> dict[str, dict[str, Any]]:
    """How each caller sends a request: ``case.call`` keyword arguments."""
    key = pw.issue("submit", "read_own", "staff_read", "staff_act", user=pw.handler, rate_limit_per_minute=100_000)
    head = make_user(username="chutich")
    grant(head, Role.HEAD, pw.body)  # decides and assigns, besides handling: every step of the endpoint
    browser = Client()
    browser.force_login(head)  # a real session row; no request is made
    session = browser.cookies[django_settings.SESSION_COOKIE_NAME].value
    csrf = get_random_string(32)  # the cookie's secret; the header may carry it as is
    return {
        "key": {"headers": {"X-API-Key": key}},
        "session": {"cookies": {django_settings.SESSION_COOKIE_NAME: session, django_settings.CSRF_COOKIE_NAME: csrf},
                    "headers": {"X-CSRFToken": csrf}},
        "session_without_csrf": {"cookies": {django_settings.SESSION_COOKIE_NAME: session}},
        "anonymous": {},
    }  # fmt: skip


def _stored() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Case, CaseEvent, CaseParty, Response, AuditEvent))


@pytest.fixture
def real(pw: PartnerWorld) -> dict[str, Callable[[Any], None]]:
    """How to point a generated case at a real object, per operation."""
    # Through the service, not the test client: the client would connect close_old_connections again.
    case = case_submit(actor=AnonymousUser(), petition=Petition(
        content="Đèn đường kiệt 5 Lê Lợi hỏng.", track="pakn", place_text="phuong phu xuan, hue", consent=True,
        consent_text="Tôi đồng ý.", name="Trần Thị Bình", phone="0987654321")).case  # fmt: skip
    template = SurveyTemplate.objects.select_related("methodology").get(code="case-rating")
    Methodology.objects.filter(pk=template.methodology_id).update(min_sample=1)  # published indices, not only counts
    for case_id in (case.pk, case.pk + 1):
        events.publish(CASE_ANSWERED, AnsweredCase(case_id, pw.body.pk, None, "pakn", "", pw.handler.pk))
    # One rating behind the stored indices; the other link is left open for the generated ratings.
    codes = template.criteria.values_list("code", flat=True)
    rated = responses.rating_submit(token=invitations.rating_token(case.pk + 1),
                                    answers={(code, "satisfaction"): 4 for code in codes})  # fmt: skip
    snapshots_refresh_for_response(template, pw.body.pk, None, rated.answered_on)
    token = invitations.rating_token(case.pk)
    campaign = Campaign.objects.create(
        code="sipas-hue", title="SIPAS Huế", template=SurveyTemplate.objects.get(code="sipas-2017"),
        starts_on=dt.date(2000, 1, 1), ends_on=dt.date(2999, 12, 31), status=CampaignStatus.OPEN,
        owner=Organization.objects.get(name="UBND thành phố Huế"), device_limit=1000,
    )  # fmt: skip
    campaign.organizations.add(pw.body)

    rating_answers = [{"criterion": code, "aspect": "satisfaction", "value": 3} for code in codes]
    sipas_answers = [{"criterion": code, "aspect": "satisfaction", "value": 4}
                     for code in campaign.template.criteria.values_list("code", flat=True)]  # fmt: skip

    def one_case(c: Any) -> None:
        c.path_parameters["case_id"] = case.pk

    def template_code(c: Any) -> None:
        c.path_parameters["code"] = "sipas-2017"

    def period(c: Any) -> None:
        if isinstance(c.query, dict):
            periods = {"year": "2026", "quarter": "2026-Q1", "month": "2026-02"}
            kind = c.query.get("period_kind")
            c.query["period"] = periods[kind] if isinstance(kind, str) and kind in periods else periods["year"]

    def body_with_index(c: Any) -> None:
        c.path_parameters["organization_id"] = pw.body.pk
        period(c)

    # A real link or campaign and a full set of answers: the generated comment, keys and ids reach the service.
    def rating(c: Any) -> None:
        if isinstance(c.body, dict):
            c.body.update(token=token, answers=rating_answers)

    def campaign_answer(c: Any) -> None:
        c.path_parameters["campaign_code"] = campaign.code
        if isinstance(c.body, dict):
            c.body.update(organization_id=pw.body.pk, answers=sipas_answers)

    # An early warning of the body, behind the case: the generated status and notes reach the service.
    alert, _created = alert_raise(kind="surge", key="surge:schemathesis", organization=pw.body, title="Ngập nước tăng",
                                  case_ids=[case.pk], figures={"observed": 9})  # fmt: skip

    def one_alert(c: Any) -> None:
        c.path_parameters["alert_id"] = alert.pk

    return {
        "/insight/alerts/{alert_id}": one_alert,
        "/insight/alerts/{alert_id}/status": one_alert,
        "/insight/cases/{case_id}/route-suggestions": one_case,
        "/insight/cases/{case_id}/route": one_case,
        "/insight/cases/{case_id}/same-matter": one_case,
        "/cases/{case_id}": one_case,
        "/cases/{case_id}/actions": one_case,
        "/surveys/templates/{code}": template_code,
        "/surveys/{campaign_code}/responses": campaign_answer,
        "/ratings": rating,
        "/indices": period,
        "/indices/organizations/{organization_id}": body_with_index,
    }


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_clock")  # February 2026: the stored indices are those of the period asked
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_input_causes_a_server_error(case: Any, callers: dict[str, dict[str, Any]],
                                        real: dict[str, Callable[[Any], None]], monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from danvan.rest import auth

    monkeypatch.setattr(auth, "READ_LIMIT", 100_000)
    monkeypatch.setattr(auth, "WRITE_LIMIT", 100_000)
    turn = next(_turn)
    point = real.get(case.operation.path.removeprefix("/api/v1"))
    if point is not None and turn % 2:
        point(case)
    unsafe = case.method.upper() in UNSAFE
    modes = UNSAFE_CALLERS if unsafe else SAFE_CALLERS
    caller = modes[(turn // 2) % len(modes)]
    before = _stored() if unsafe else ()
    response = case.call(**callers[caller])
    problem = (caller, case.method, case.path, case.path_parameters, response.status_code, response.text[:500])
    assert response.status_code < 500, problem
    if unsafe and (response.status_code >= 400 or caller == "session_without_csrf"):
        assert 400 <= response.status_code < 500 and _stored() == before, problem
