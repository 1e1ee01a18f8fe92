"""The pages: a household asks for a code and votes with two buttons (CSRF on, rate limits), the
receipt is shown once and found in the public list, the village head opens and closes the vote, and
the page listing the voters shows no choices."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.test.utils import override_settings

from danvan.democracy.models import Household, OnlineBallot, OnlineVoter
from danvan.democracy.services import voting
from danvan.democracy.tests.voting.conftest import consent_round, gateway, last_code, open_round

pytestmark = pytest.mark.django_db


def hs(world):
    return list(Household.objects.filter(village=world.village2).order_by("code"))


def ask_code(client, r, h, capture, phone=None):
    gateway().clear()
    with capture(execute=True):
        return client.post(f"/dan-chu/bieu-quyet/{r.pk}/ma/", {"household": h.code, "phone": phone or h.phone})


def test_a_household_votes_on_the_page_and_checks_its_receipt(dworld, frozen_clock,
                                                             django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    h = hs(dworld)[0]
    client = Client()
    page = client.get(f"/dan-chu/bieu-quyet/{r.pk}/")
    assert page.status_code == 200 and b'id="vt-yes"' in page.content and b"csrfmiddlewaretoken" in page.content
    wrong = ask_code(client, r, h, django_capture_on_commit_callbacks, phone="0999 000 111")
    right = ask_code(client, r, h, django_capture_on_commit_callbacks)
    assert wrong.status_code == right.status_code == 302 and wrong["Location"] == right["Location"]
    code = last_code(h.phone)
    answer = client.post(f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/", {"household": h.code, "code": code, "choice": "yes"})
    assert answer.status_code == 200
    receipt = re.search(rb'id="vt-receipt">([A-Z0-9-]+)<', answer.content).group(1).decode()
    assert OnlineBallot.objects.get().receipt_hash == voting.receipt_hash(receipt)
    check = client.post(f"/dan-chu/bieu-quyet/{r.pk}/kiem-tra/", {"receipt": receipt.lower()})
    assert b'data-found="true"' in check.content and voting.receipt_hash(receipt).encode() in check.content
    again = client.post(f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/", {"household": h.code, "code": code, "choice": "no"})
    assert again.status_code == 400 and OnlineVoter.objects.count() == 1


def test_the_vote_page_refuses_a_post_without_the_csrf_token(dworld, frozen_clock):
    r = open_round(dworld)
    client = Client(enforce_csrf_checks=True)
    answer = client.post(f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/", {"household": "H001", "code": "1", "choice": "yes"})
    assert answer.status_code == 403


def test_a_vote_without_a_choice_is_a_clear_400(dworld, frozen_clock):
    r = open_round(dworld)
    answer = Client().post(f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/", {"household": "H001", "code": "123456"})
    assert answer.status_code == 400 and b"id_choice_error" in answer.content


@override_settings(DANVAN_RATE_LIMITS={
    "vote_code": {"window_seconds": 3600, "per_device": 50, "per_contact": 2, "per_address": 300},
    "vote_verify": {"window_seconds": 600, "per_device": 3, "per_contact": 50, "per_address": 600},
})  # fmt: skip
def test_code_requests_are_limited_per_household_and_tries_per_device(dworld, frozen_clock,
                                                                     django_capture_on_commit_callbacks):  # fmt: skip
    r = open_round(dworld)
    h = hs(dworld)[0]
    for _ in range(2):
        assert ask_code(Client(), r, h, django_capture_on_commit_callbacks).status_code == 302
    assert ask_code(Client(), r, h, django_capture_on_commit_callbacks).status_code == 429  # a third, any browser
    client = Client()
    client.get(f"/dan-chu/bieu-quyet/{r.pk}/")  # the device cookie
    statuses = [client.post(f"/dan-chu/bieu-quyet/{r.pk}/bo-phieu/",
                            {"household": h.code, "code": "000000", "choice": "yes"}).status_code for _ in range(4)]  # fmt: skip
    assert statuses == [400, 400, 400, 429]


def test_households_answer_consent_on_the_page(dworld, frozen_clock, django_capture_on_commit_callbacks):
    r = consent_round(dworld)
    h = hs(dworld)[2]
    client = Client()
    assert b'id="vt-consent-yes"' in client.get(f"/dan-chu/bieu-quyet/{r.pk}/").content
    ask_code(client, r, h, django_capture_on_commit_callbacks)
    answer = client.post(f"/dan-chu/bieu-quyet/{r.pk}/dong-y-truc-tuyen/",
                         {"household": h.code, "code": last_code(h.phone), "agreed": "yes"})  # fmt: skip
    assert answer.status_code == 302
    r.refresh_from_db()
    assert r.consent_yes == 1


def test_the_village_head_opens_and_closes_and_the_voters_page_shows_no_choices(dworld, frozen_clock,
                                                                               django_capture_on_commit_callbacks):  # fmt: skip
    from danvan.democracy.tests.voting.conftest import matter

    m = matter(dworld)
    client = Client()
    client.force_login(dworld.village2_head)
    listing = client.get("/van-hanh/dan-chu/bieu-quyet/")
    assert listing.status_code == 200 and m.code.encode() in listing.content
    made = client.post("/van-hanh/dan-chu/bieu-quyet/", {"matter": m.pk, "opens_at": "2026-02-05T08:00",
                                                         "closes_at": "2026-02-08T20:00"})  # fmt: skip
    assert made.status_code == 302
    r = m.rounds.get()
    for h in hs(dworld)[:3]:
        client.post(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/dong-y/", {"household": h.pk, "agreed": "yes"})
    refused = client.post(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/mo/", {"opens_at": "2026-02-05T09:00",
                                                                       "closes_at": "2026-02-07T20:00"})  # fmt: skip
    assert refused.status_code == 400 and b"59/2023" in refused.content
    client.post(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/dong-y/", {"household": hs(dworld)[3].pk, "agreed": "yes"})
    opened = client.post(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/mo/", {"opens_at": "2026-02-05T09:00",
                                                                      "closes_at": "2026-02-07T20:00"})  # fmt: skip
    assert opened.status_code == 302
    r.refresh_from_db()
    for h, choice in zip(hs(dworld)[:2], ["yes", "no"], strict=True):
        gateway().clear()
        with django_capture_on_commit_callbacks(execute=True):
            voting.code_request(round_=r, household_code=h.code, phone=h.phone)
        voting.ballot_cast(round_=r, household_code=h.code, code=last_code(h.phone), choice=choice)
    page = client.get(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/").content.decode()
    voters = re.search(r'<ol id="vt-voters">(.*?)</ol>', page, re.S).group(1)
    assert hs(dworld)[0].code in voters and hs(dworld)[1].code in voters
    for word in ("yes", "no", "Đồng ý", "Không đồng ý", "Agree", "Disagree"):
        assert word not in voters
    assert client.post(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/dong/").status_code == 302
    r.refresh_from_db()
    assert (r.yes, r.no, r.passed) == (1, 1, False)
    closed = client.get(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/").content.decode()
    minutes = re.search(r'id="vt-minutes">(.*?)</div>', closed, re.S).group(1)
    for h in hs(dworld)[:2]:
        line = next(x for x in minutes.splitlines() if h.code in x)
        assert "ồng ý" not in line  # the participants' lines carry no choice
    results = Client().get(f"/dan-chu/bieu-quyet/{r.pk}/ket-qua/").content.decode()
    assert 'data-passed="false"' in results and "59/2023" in results


def test_another_village_s_head_sees_nothing(dworld, frozen_clock):
    r = open_round(dworld)
    client = Client()
    client.force_login(dworld.village_head)
    assert client.get(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/").status_code == 404
    assert client.post(f"/van-hanh/dan-chu/bieu-quyet/{r.pk}/dong/").status_code == 404
