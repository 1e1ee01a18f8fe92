"""Hypothesis posts to every public and staff form: the staff steps on cases in several states, the
sealed identity, bulk assignment, the counter, the rating and SIPAS forms, paper entry and flag review,
login, the organizations import (random file bytes), the withdrawal. Each form's fields are read from
its page (or its Django form), so real choices reach the services beneath next to nasty values. No
post may cause a 5xx, and a refused post (4xx) stores nothing (issue 12, item 10). Bounded and
deterministic: the examples are drawn with ``derandomize``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from danvan.cases.choices import Track
from danvan.cases.events import CASE_ANSWERED, AnsweredCase
from danvan.cases.forms.staff import STEP_FORMS
from danvan.cases.models import Case
from danvan.cases.services import handling
from danvan.cases.services.intake import Petition, case_submit
from danvan.cases.tests.factories import routed_to
from danvan.core import events
from danvan.org.choices import Role
from danvan.org.models import User
from danvan.org.tests.factories import KIM_LONG, hue_city, make_user, officer, ward_body
from danvan.surveys.choices import CampaignStatus
from danvan.surveys.models import Campaign, SurveyTemplate
from danvan.surveys.services import invitations
from tests.fuzz_strategies import declared_fields, form_data, fuzz, page_forms, stored

pytestmark = pytest.mark.django_db
_address = itertools.count(1)


@dataclass
class Target:
    """One form to post: who posts it (a user, or a client already holding a session), where, its fields."""

    who: User | None
    url: str
    fields: dict[str, list[Any]]
    client: Client | None = field(default=None, repr=False)


@dataclass
class FormWorld:
    handler: User
    head: User
    operator: User
    citizen: User
    cases: list[Case]
    steps: list[Target]  # every step of STEP_FORMS on every case, fields from the step's form
    pages: list[Target]  # every other form, fields read from its page


def _petition(**overrides: Any) -> Petition:
    values: dict[str, Any] = {
        "content": "Đường kiệt 12 Phú Xuân bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống.",
        "title": "Ngập nước kiệt 12", "track": Track.PAKN, "place_text": "phuong phu xuan, hue",
        "name": "Nguyễn Văn An", "phone": "0912345678", "consent": True, "consent_text": "Tôi đồng ý.",
    }  # fmt: skip
    return Petition(**{**values, **overrides})


def _signed_in(user: User) -> Client:
    client = Client(raise_request_exception=False, REMOTE_ADDR=f"10.9.0.{next(_address) % 250 + 1}")
    client.force_login(user)
    return client


def _forms_of(client: Client, url: str) -> dict[str, dict[str, list[Any]]]:
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    return page_forms(response.request["PATH_INFO"], response.content.decode())


@pytest.fixture
def fw(db: None, second_factor: Any) -> Iterator[FormWorld]:
    tinh = hue_city()
    phuong = ward_body(tinh)
    other = ward_body(tinh, code=KIM_LONG)
    routed_to(phuong)
    handler = officer("xuly", Role.HANDLER, phuong, full_name="Cán bộ xuly")
    # The head decides and assigns; keys paper forms and reviews flags of the city.
    head = officer("chutich", Role.HEAD, tinh, subtree=True, full_name="Cán bộ chutich")
    operator = officer("vanhanh", Role.OPERATOR, tinh, subtree=True, full_name="Cán bộ vanhanh")
    citizen = make_user(username="congdan", full_name="Cán bộ congdan")
    officer("xuly2", Role.HANDLER, other, full_name="Cán bộ xuly2")  # an officer of another body
    submit = case_submit
    pakn = submit(actor=AnonymousUser(), petition=_petition()).case
    khieu_nai = submit(actor=citizen, petition=_petition(track=Track.KHIEU_NAI)).case
    accepted = submit(actor=AnonymousUser(), petition=_petition(track=Track.KHIEU_NAI)).case
    handling.case_accept(case=accepted, actor=handler)
    to_cao = submit(actor=AnonymousUser(), petition=_petition(
        track=Track.TO_CAO, content="Tôi là Nguyễn Văn An, 0912345678. Cán bộ địa chính đòi thêm tiền.")).case  # fmt: skip
    handling.case_accept(case=to_cao, actor=handler)
    cases = [pakn, khieu_nai, accepted, to_cao]

    # A rating link and an open SIPAS campaign.
    events.publish(CASE_ANSWERED, AnsweredCase(pakn.pk, phuong.pk, None, "pakn", "", handler.pk))
    campaign = Campaign.objects.create(
        code="sipas-hue", title="SIPAS Huế", template=SurveyTemplate.objects.get(code="sipas-2017"),
        starts_on=dt.date(2000, 1, 1), ends_on=dt.date(2999, 12, 31), status=CampaignStatus.OPEN, owner=tinh,
        device_limit=1000,
    )  # fmt: skip
    campaign.organizations.add(phuong, other)

    steps = [Target(who, reverse("cases:case_act", args=[case.pk, key]),
                    declared_fields(form(case=case, prefix=key)))
             for case in cases for key, form in STEP_FORMS.items() for who in (handler, head)]  # fmt: skip
    pages: list[Target] = []

    skip = ("/i18n/", reverse("web:logout"), "/van-hanh/ho-so/0/")  # the language, signing out, the steps (above)
    step_urls = {t.url for t in steps}

    def read(client: Client, url: str, who: User | None, keep_client: bool = False) -> None:
        for action, fields in _forms_of(client, url).items():
            seen = any(t.url == action and t.who == who for t in pages)
            if fields and action not in step_urls and not action.startswith(skip) and not seen:
                pages.append(Target(who, action, fields, client if keep_client else None))

    # The identity forms are offered only after a recent authenticator code (org.second_factor): the head's
    # verified session reads them and posts them, so the fuzz reaches the services behind them.
    verified_head = _signed_in(head)
    second_factor(head, verified_head)
    for case in cases:  # the forms of a case page that are not steps
        read(verified_head, reverse("cases:case_detail", args=[case.pk]), head, keep_client=True)
    read(verified_head, reverse("cases:case_identity", args=[to_cao.pk]), head, keep_client=True)
    read(_signed_in(head), reverse("cases:case_inbox"), head)
    read(_signed_in(handler), reverse("cases:case_counter"), handler)
    read(_signed_in(head), reverse("surveys:survey_paper_entry", args=[campaign.code]), head)
    read(_signed_in(operator), reverse("org:organization_import"), operator)
    read(_signed_in(citizen), reverse("cases:case_track", args=[khieu_nai.tracking_code]), citizen)
    anonymous = Client(raise_request_exception=False)
    read(anonymous, reverse("web:login"), None)
    read(anonymous, reverse("surveys:survey_form", args=[campaign.code, phuong.pk]), None, keep_client=True)
    rating = Client(raise_request_exception=False)
    read(rating, f"{reverse('surveys:case_rating')}?k={invitations.rating_token(pakn.pk)}", None, keep_client=True)
    # Flag review posts one hidden id per flagged answer: none here, so its form is declared by hand.
    pages.append(Target(head, reverse("surveys:survey_flags", args=[campaign.code]), {"response": ["1", "2"]}))
    yield FormWorld(handler, head, operator, citizen, cases, steps, pages)


def _post(target: Target, data: dict[str, Any]) -> None:
    client = target.client or (_signed_in(target.who) if target.who else Client(raise_request_exception=False))
    client.defaults["REMOTE_ADDR"] = f"10.8.{next(_address) % 250}.1"  # not the per-address limits under test
    before = stored()
    response = client.post(target.url, data)
    problem = (target.who and target.who.username, target.url, data, response.status_code)
    assert response.status_code < 500, (*problem, response.content[:400])
    if response.status_code >= 400:
        assert stored() == before, problem


@fuzz(150)
@given(data=st.data())
def test_every_step_on_every_case_never_fails_and_a_refusal_stores_nothing(fw: FormWorld, data: Any) -> None:
    target = data.draw(st.sampled_from(fw.steps))
    _post(target, data.draw(form_data(target.fields)))


@fuzz(120)
@given(data=st.data())
def test_every_other_form_never_fails_and_a_refusal_stores_nothing(fw: FormWorld, data: Any) -> None:
    target = data.draw(st.sampled_from(fw.pages))
    _post(target, data.draw(form_data(target.fields)))


def test_the_fuzz_reaches_every_form(fw: FormWorld) -> None:
    """The pages really offer the forms fuzzed above (a renamed URL or a hidden form would go unfuzzed)."""
    urls = {t.url for t in fw.pages}
    expected = {reverse("web:login"), reverse("cases:case_counter"), reverse("cases:case_inbox"),
                reverse("surveys:case_rating"), reverse("org:organization_import"),
                reverse("cases:case_identity", args=[fw.cases[3].pk]),
                reverse("cases:case_identity_clerk", args=[fw.cases[3].pk]),
                reverse("cases:case_withdraw", args=[fw.cases[1].tracking_code])}  # fmt: skip
    assert expected <= urls, expected - urls
    assert any("/khao-sat/sipas-hue/" in url for url in urls) and any("nhap-phieu" in url for url in urls)
    assert {t.url.rstrip("/").rsplit("/", 1)[-1] for t in fw.steps} == set(STEP_FORMS)
