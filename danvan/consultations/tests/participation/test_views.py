"""The participation part's pages: the phone-first voting page (without and with JavaScript's fetch),
the comment page with its receipt, the household step, the public and staff blocks, the staff pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations import blocks, choices
from danvan.consultations.models import Comment, KeyedTally, Participant, Statement, Vote
from danvan.consultations.services import participation as svc
from danvan.consultations.tests import factories as f
from danvan.core import clock
from danvan.ui.limits import DEVICE_COOKIE

pytestmark = pytest.mark.django_db


def vote_url(c) -> str:
    return reverse("consultations:vote", args=[c.code])


def three(c) -> list[Statement]:
    return [f.statement(c, text) for text in ("Giữ chợ gần chỗ cũ", "Lo ngại ùn tắc giao thông", "Cần phòng cháy")]


def test_the_voting_page_shows_one_statement_with_the_fewest_votes_and_the_progress(cworld, client: Client) -> None:
    c = cworld.consultation
    a, b, s3 = three(c)
    for name in ("x", "y"):
        svc.vote_cast(consultation=c, who=svc.Who(device=name), statement_id=a.pk, value=1)
    svc.vote_cast(consultation=c, who=svc.Who(device="x"), statement_id=b.pk, value=1)
    response = client.get(vote_url(c))
    assert response.status_code == 200 and DEVICE_COOKIE in response.cookies
    page = response.content.decode()
    assert f'data-id="{s3.pk}"' in page and "0/3" in page  # the statement without votes comes first
    assert page.count('class="pv-statement"') == 1


def test_voting_without_javascript_redirects_to_the_next_statement(cworld, client: Client) -> None:
    c = cworld.consultation
    a, b, _s3 = three(c)
    client.get(vote_url(c))
    response = client.post(vote_url(c), {"statement": a.pk, "value": "1"})
    assert response.status_code == 302 and response["Location"] == vote_url(c)
    page = client.get(vote_url(c)).content.decode()
    assert "1/3" in page and f'data-id="{b.pk}"' in page
    assert list(Vote.objects.values_list("statement_id", "value")) == [(a.pk, 1)]
    assert client.post(vote_url(c), {"statement": a.pk, "value": "-1"}).status_code == 400  # already voted


def test_a_first_post_without_the_cookie_is_refused_and_gets_one_then_is_one_participant(
    cworld, client: Client
) -> None:
    c = cworld.consultation
    a, b, _s3 = three(c)
    response = client.post(vote_url(c), {"statement": a.pk, "value": "0"})
    assert response.status_code == 400 and DEVICE_COOKIE in response.cookies  # "allow cookies", and the cookie
    assert Participant.objects.count() == 0 and Vote.objects.count() == 0
    assert client.post(vote_url(c), {"statement": a.pk, "value": "0"}).status_code == 302
    client.post(vote_url(c), {"statement": b.pk, "value": "1"})
    assert Participant.objects.count() == 1 and Vote.objects.count() == 2


def test_voting_with_fetch_answers_the_next_card_as_json(cworld, client: Client) -> None:
    c = cworld.consultation
    a, b, _s3 = three(c)
    client.get(vote_url(c))
    response = client.post(vote_url(c), {"statement": a.pk, "value": "-1"}, headers={"X-Requested-With": "fetch"})
    data = response.json()
    assert response.status_code == 200 and data["ok"] is True
    assert f'data-id="{b.pk}"' in data["html"] and "1/3" in data["html"]
    bad = client.post(vote_url(c), {"statement": 10**6, "value": "1"}, headers={"X-Requested-With": "fetch"})
    assert bad.status_code == 400 and bad.json()["ok"] is False


def test_after_the_period_the_page_says_so_and_votes_are_refused(cworld, client: Client) -> None:
    today = clock.today()
    c = f.consultation(cworld.d, opens_on=today - dt.timedelta(days=40), closes_on=today - dt.timedelta(days=10),
                       status=choices.Status.CLOSED)  # fmt: skip
    s = f.statement(c, "Cần phòng cháy")
    page = client.get(vote_url(c)).content.decode()
    assert 'id="pv-closed"' in page and "pv-agree" not in page
    assert client.post(vote_url(c), {"statement": s.pk, "value": "1"}).status_code == 400
    assert not Vote.objects.exists()


def test_adding_a_statement_from_the_voting_page(cworld, client: Client) -> None:
    c = cworld.consultation
    url = reverse("consultations:statement_add", args=[c.code])
    client.get(vote_url(c))
    assert client.post(url, {"text": "Cần <b>bãi xe</b>", "section": ""}).status_code == 400
    assert client.post(url, {"text": "x", "section": "dieu-9"}).status_code == 400  # not a choice
    response = client.post(url, {"text": "Cần bãi giữ xe cho người đi chợ", "section": "dieu-2", "client_key": "k"})
    assert response.status_code == 302
    client.post(url, {"text": "Cần bãi giữ xe cho người đi chợ", "section": "dieu-2", "client_key": "k"})
    assert list(Statement.objects.values_list("text", "section_key")) == [("Cần bãi giữ xe cho người đi chợ", "dieu-2")]


def test_a_household_consultation_asks_for_the_code_then_takes_the_households_votes(cworld, client: Client) -> None:
    c = f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD, audience=choices.Audience.VILLAGES,
                       villages=[cworld.d.village])  # fmt: skip
    s = f.statement(c, "Cần phòng cháy")
    page = client.get(vote_url(c)).content.decode()
    assert 'id="pv-verify-title"' in page and "pv-agree" not in page
    assert client.post(vote_url(c), {"statement": s.pk, "value": "1"}).status_code == 400  # verification required
    h = cworld.d.village.households.order_by("code").first()
    response = client.post(reverse("consultations:household_code", args=[c.code]),
                           {"village": cworld.d.village.pk, "household": h.code, "phone": h.phone})  # fmt: skip
    assert response.status_code == 302 and "buoc=ma" in response["Location"]
    code = svc.household_code_for_tests(c, h)
    response = client.post(reverse("consultations:household_verify", args=[c.code]),
                           {"village": cworld.d.village.pk, "household": h.code, "code": code})  # fmt: skip
    assert response.status_code == 302
    assert client.post(vote_url(c), {"statement": s.pk, "value": "1"}).status_code == 302
    (vote,) = Vote.objects.all()
    assert vote.participant.key == f.household_key(c, h) and vote.participant.village == cworld.d.village


def test_a_household_outside_the_villages_is_told_so(cworld, client: Client) -> None:
    c = f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD, audience=choices.Audience.VILLAGES,
                       villages=[cworld.d.village])  # fmt: skip
    response = client.post(reverse("consultations:household_code", args=[c.code]),
                           {"village": cworld.d.village2.pk, "household": "H001", "phone": "0912345678"})  # fmt: skip
    assert response.status_code == 400  # the village is not a choice of the form


def test_the_comment_page_preselects_the_section_and_shows_a_receipt(cworld, client: Client) -> None:
    c = cworld.consultation
    url = reverse("consultations:comment", args=[c.code])
    page = client.get(f"{url}?section=dieu-3").content.decode()
    assert '<option value="dieu-3" selected>' in page
    response = client.post(url, {"section": "dieu-3", "text": "Nên hỗ trợ 12 tháng.", "client_key": "z"})
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    assert 'id="pv-receipt"' in receipt and "Nên hỗ trợ 12 tháng." in receipt
    assert client.get(response["Location"], headers={"Cookie": ""}).status_code == 200
    other = Client()
    assert 'id="pv-receipt"' not in other.get(response["Location"]).content.decode()  # only its writer sees it
    assert client.post(url, {"section": "", "text": "   "}).status_code == 400
    assert Comment.objects.count() == 1


def test_the_public_block_shows_totals_never_voters_and_the_staff_block_only_to_staff(cworld, rf) -> None:
    c = cworld.consultation
    a = f.statement(c, "Cần phòng cháy")
    svc.vote_cast(consultation=c, who=svc.Who(device="x"), statement_id=a.pk, value=1)
    svc.tally_key_in(actor=cworld.d.handler, statement=a, channel="meeting", source_ref="BB 1", held_on=clock.today(),
                     agree=5, disagree=1, passed=0)  # fmt: skip
    request = rf.get("/")
    request.user = cworld.d.handler
    public = {b["block"].key: b["data"] for b in blocks.render_context("public", c, request)}
    data = public["participation"]
    assert (data["counts"].participants, data["counts"].votes) == (1, 7)
    assert [(s.text, s.agree, s.disagree, s.passed) for s in data["statements"]] == [("Cần phòng cháy", 6, 1, 0)]
    staff = {b["block"].key for b in blocks.render_context("staff", c, request)}
    assert "participation_staff" in staff
    request.user = cworld.d.other_chair
    assert "participation_staff" not in {b["block"].key for b in blocks.render_context("staff", c, request)}
    assert KeyedTally.objects.count() == 1


def test_staff_moderate_and_key_in_and_others_are_not_found(cworld, client: Client) -> None:
    c = cworld.consultation
    s = f.statement(c, "Nội dung xúc phạm")
    url = reverse("consultations:moderation", args=[c.code])
    client.force_login(cworld.d.other_chair)
    assert client.get(url).status_code == 404
    client.force_login(cworld.d.handler)
    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": "statement", "target": s.pk, "action": "hide", "reason": ""}).status_code == 400
    response = client.post(url, {"kind": "statement", "target": s.pk, "action": "hide", "reason": "Xúc phạm"})
    assert response.status_code == 302
    s.refresh_from_db()
    assert (s.status, s.moderation_reason) == ("hidden", "Xúc phạm")
    assert "Xúc phạm" in client.get(url).content.decode()
    key_in = reverse("consultations:key_in", args=[c.code])
    assert client.get(key_in).status_code == 200
    response = client.post(key_in, {"kind": "comment", "section": "dieu-1", "channel": "meeting",
                                    "source_ref": "Biên bản họp TDP 1", "source_date": clock.today().isoformat(),
                                    "supporters": "25", "text": "Giữ lối đi rộng."})  # fmt: skip
    assert response.status_code == 302
    row = Comment.objects.get()
    assert (row.channel, row.supporters, row.keyed_in_by) == ("meeting", 25, cworld.d.handler)
