"""The security review's fixes (issue 19): no participant without an earlier device cookie, new
participants and device tokens counted per address, the household code's tries atomic and counted per
household, withdrawn consultations not public, the staff API's "not found" alike, Art. 27's affected
households, household tokens that expire."""

from __future__ import annotations

import copy
import datetime as dt
import json
import time
from typing import Any

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from danvan.consultations import choices, errors
from danvan.consultations.api import participation as api
from danvan.consultations.models import AffectedPerson, Comment, Consultation, OpinionMap, Participant, Statement, Vote
from danvan.consultations.selectors import answers
from danvan.consultations.services import participation as svc
from danvan.consultations.tests import factories as f
from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.core.models import AuditEvent
from danvan.ui.limits import DEVICE_COOKIE

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"


def post(client: Client, path: str, body: dict, **headers: str):
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json", headers=headers)


def limits_with(name: str, **fields: int) -> dict:
    rules = copy.deepcopy(settings.DANVAN_RATE_LIMITS)
    rules[name].update(fields)
    return rules


def vote_url(c) -> str:
    return reverse("consultations:vote", args=[c.code])


# 1. Vote stuffing without cookies ------------------------------------------------------------------------


def test_cookieless_posts_make_no_participant(cworld) -> None:
    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    for _ in range(3):
        response = Client().post(vote_url(c), {"statement": s.pk, "value": "1"})
        assert response.status_code == 400
        assert "Vui lòng cho phép cookie" in response.content.decode()
    comment = Client().post(reverse("consultations:comment", args=[c.code]), {"text": "Giữ lối đi rộng"})
    assert comment.status_code == 400
    statement = Client().post(reverse("consultations:statement_add", args=[c.code]), {"text": "Làm chợ tạm"})
    assert statement.status_code == 400
    assert Participant.objects.count() == 0 and Vote.objects.count() == 0


def test_a_device_is_taken_only_some_time_after_it_was_issued(cworld, client: Client, monkeypatch) -> None:
    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    with override_settings(DANVAN_DEVICE_MIN_AGE_SECONDS=30):
        assert DEVICE_COOKIE in client.get(vote_url(c)).cookies
        too_soon = client.post(vote_url(c), {"statement": s.pk, "value": "1"})
        assert too_soon.status_code == 400
        # Said as it is (wait a moment), not "allow cookies": the cookie is there
        assert "Trang vừa mới mở" in too_soon.content.decode()
        assert "Vui lòng cho phép cookie" not in too_soon.content.decode()
        assert Vote.objects.count() == 0
        later = clock.now() + dt.timedelta(seconds=31)
        monkeypatch.setattr(clock, "now", lambda: later)
        assert client.post(vote_url(c), {"statement": s.pk, "value": "1"}).status_code == 302
    assert Vote.objects.count() == 1


def test_the_api_says_a_device_issued_a_moment_ago_is_pending(cworld, client: Client, monkeypatch) -> None:
    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    with override_settings(DANVAN_DEVICE_MIN_AGE_SECONDS=30):
        token = post(client, f"/{c.code}/participation/device", {}).json()["device_token"]
        fresh = Client()  # no cookie: the header alone
        too_soon = post(fresh, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1},
                        **{api.DEVICE_HEADER: token})  # fmt: skip
        assert too_soon.status_code == 400 and too_soon.json()["code"] == errors.DEVICE_PENDING
        without = post(Client(), f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1})
        assert without.status_code == 400 and without.json()["code"] == errors.VERIFICATION_REQUIRED
        assert Vote.objects.count() == 0
        later = clock.now() + dt.timedelta(seconds=31)
        monkeypatch.setattr(clock, "now", lambda: later)
        stored = post(fresh, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1},
                      **{api.DEVICE_HEADER: token})  # fmt: skip
        assert stored.status_code == 201
    assert Vote.objects.count() == 1


def test_a_forged_issue_time_is_no_device(cworld) -> None:
    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    client = Client()
    client.cookies[DEVICE_COOKIE] = "abc.1:forged-signature"
    assert client.post(vote_url(c), {"statement": s.pk, "value": "1"}).status_code == 400
    assert Participant.objects.count() == 0


def test_new_participants_are_counted_per_address(cworld) -> None:
    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    statuses = []
    with override_settings(DANVAN_RATE_LIMITS=limits_with("consult_participant_new", per_address=2)):
        for _ in range(3):
            browser = Client()
            browser.get(vote_url(c))
            statuses.append(browser.post(vote_url(c), {"statement": s.pk, "value": "1"}).status_code)
        assert browser.post(vote_url(c), {"statement": s.pk, "value": "1"}).status_code == 429  # still counted
    assert statuses == [302, 302, 429]
    assert Participant.objects.count() == 2


def test_the_api_counts_device_tokens_minted_per_address(cworld, client: Client) -> None:
    c = cworld.consultation
    with override_settings(DANVAN_RATE_LIMITS=limits_with("consult_participant_new", per_address=2)):
        codes = [post(client, f"/{c.code}/participation/device", {}).status_code for _ in range(3)]
        last = post(client, f"/{c.code}/participation/device", {})
    assert codes == [201, 201, 429]
    assert last.status_code == 429 and last.json()["code"] == "rate_limited"


# 2. The household one-time code ---------------------------------------------------------------------------


def household_consultation(cworld, **fields):
    return f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD, audience=choices.Audience.VILLAGES,
                          villages=[cworld.d.village], **fields)  # fmt: skip


def refused(expected: str, call, **kwargs) -> None:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.code == expected


def test_a_wrong_guess_finishing_late_does_not_bring_a_spent_code_back(cworld, monkeypatch) -> None:
    c = household_consultation(cworld)
    h = cworld.d.village.households.order_by("code").first()
    code = svc.household_code_for_tests(c, h)
    wrong = "999999" if code != "999999" else "888888"
    args = {"consultation": c, "village_id": cworld.d.village.pk, "household_code": h.code}
    target, real_get = svc._code_cache_key(c, h), cache.get
    spent: list[Any] = []

    def get_then_the_right_code_is_used(key, *a, **k):  # another request spends the code meanwhile
        value = real_get(key, *a, **k)
        if key == target and not spent:
            spent.append("started")
            spent.append(svc.household_verify(**args, code=code))
        return value

    monkeypatch.setattr(cache, "get", get_then_the_right_code_is_used)
    refused(errors.BAD_CODE, svc.household_verify, **args, code=wrong)
    monkeypatch.undo()
    assert spent[1].key == f.household_key(c, h)
    refused(errors.BAD_CODE, svc.household_verify, **args, code=code)  # spent, not resurrected


def test_guesses_take_their_tries_atomically(cworld, monkeypatch) -> None:
    c = household_consultation(cworld)
    h = cworld.d.village.households.order_by("code").first()
    code = svc.household_code_for_tests(c, h)
    wrong = "999999" if code != "999999" else "888888"
    args = {"consultation": c, "village_id": cworld.d.village.pk, "household_code": h.code}
    target, real_get = svc._code_cache_key(c, h), cache.get
    parallel: list[int] = []

    def get_while_four_others_guess(key, *a, **k):  # four guesses run between this one's read and write
        value = real_get(key, *a, **k)
        if key == target and not parallel:
            parallel.append(1)
            for _ in range(4):
                refused(errors.BAD_CODE, svc.household_verify, **args, code=wrong)
        return value

    monkeypatch.setattr(cache, "get", get_while_four_others_guess)
    refused(errors.BAD_CODE, svc.household_verify, **args, code=wrong)
    monkeypatch.undo()
    refused(errors.BAD_CODE, svc.household_verify, **args, code=code)  # five wrong tries: the code is dead


def test_every_code_request_counts_against_the_household_on_the_page(cworld) -> None:
    c = household_consultation(cworld)
    h = cworld.d.village.households.order_by("code").first()
    url = reverse("consultations:household_code", args=[c.code])
    statuses = [Client().post(url, {"village": cworld.d.village.pk, "household": h.code, "phone": "0900000001"}
                              ).status_code for _ in range(4)]  # fmt: skip
    assert statuses == [302, 302, 302, 429]  # wrong phone: nothing sent, each request still counted


def test_verify_counts_per_household_on_the_page_and_the_api(cworld) -> None:
    c = household_consultation(cworld)
    h = cworld.d.village.households.order_by("code").first()
    url = reverse("consultations:household_verify", args=[c.code])
    body = {"village": cworld.d.village.pk, "household": h.code, "code": "123456"}
    with override_settings(DANVAN_RATE_LIMITS=limits_with("consult_verify", per_contact=2)):
        pages = [Client().post(url, body).status_code for _ in range(3)]
        calls = [post(Client(), f"/{c.code}/participation/household/verify",
                      {"village_id": cworld.d.village.pk, "household": h.code, "code": "123456"}).status_code
                 for _ in range(3)]  # fmt: skip
    assert pages == [400, 400, 429] and calls == [400, 400, 429]


def test_the_household_verified_entry_does_not_pair_the_household_with_its_participant(cworld) -> None:
    c = household_consultation(cworld)
    h = cworld.d.village.households.order_by("code").first()
    svc.household_verify(consultation=c, village_id=cworld.d.village.pk, household_code=h.code,
                         code=svc.household_code_for_tests(c, h))  # fmt: skip
    (entry,) = AuditEvent.objects.filter(action="consultations.household_verified")
    assert entry.after == {"village": cworld.d.village.pk}


# 3. Withdrawn consultations -------------------------------------------------------------------------------


def test_a_withdrawn_consultation_is_not_public_through_participation(cworld, client: Client) -> None:
    c = cworld.consultation
    s = f.statement(c, "Giữ chợ gần chỗ cũ")
    Consultation.objects.filter(pk=c.pk).update(status=choices.Status.WITHDRAWN)
    assert client.get(vote_url(c)).status_code == 404
    assert client.get(reverse("consultations:comment", args=[c.code])).status_code == 404
    assert client.get(f"{BASE}/{c.code}/participation/statements").status_code == 404
    assert s.pk


# 4. Hidden content ------------------------------------------------------------------------------------------


def test_hiding_a_comment_hides_its_merged_duplicates(cworld) -> None:
    c = cworld.consultation
    who = svc.Who(device="d1")
    target = svc.comment_add(consultation=c, who=who, text="Giữ lối đi rộng").row
    dup = svc.comment_add(consultation=c, who=svc.Who(device="d2"), text="Lối đi phải rộng").row
    svc.comment_merge(actor=cworld.d.handler, comment=dup, into=target, reason="Trùng")
    svc.comment_hide(actor=cworld.d.handler, comment=Comment.objects.get(pk=target.pk), reason="Xúc phạm")
    assert dict(Comment.objects.values_list("pk", "status")) == {target.pk: "hidden", dup.pk: "hidden"}
    assert Comment.objects.get(pk=dup.pk).merged_into_id == target.pk
    assert not Comment.objects.filter(pk__in=[target.pk, dup.pk], status__in=answers.GROUPED_STATUSES).exists()
    assert answers.ungrouped_comments(c) == []


def test_the_consensus_texts_leave_out_a_statement_hidden_since(cworld) -> None:
    c = cworld.consultation
    kept, hidden = f.statement(c, "Cần phòng cháy"), f.statement(c, "Nội dung vi phạm")
    OpinionMap.objects.create(consultation=c, result={"consensus": [kept.pk, hidden.pk]})
    svc.statement_hide(actor=cworld.d.handler, statement=hidden, reason="Vi phạm")
    assert answers.consensus_statements(c) == ["Cần phòng cháy"]


# 5. The staff API: "not found" alike --------------------------------------------------------------------------


def test_the_staff_api_answers_not_found_alike_to_one_without_the_right(cworld, client: Client) -> None:
    c = cworld.consultation
    s = f.statement(c, "Cần phòng cháy")
    client.force_login(cworld.d.other_chair)
    comment = {"text": "Giữ lối đi", "channel": "meeting", "source_ref": "BB", "source_date": clock.today().isoformat()}
    tally = {"statement_id": s.pk, "channel": "ballot", "source_ref": "P", "held_on": clock.today().isoformat(),
             "agree": 1}  # fmt: skip
    moderate = {"kind": "statement", "target": s.pk, "action": "hide", "reason": "x"}
    for path, body in (("keyed-comments", comment), ("keyed-tallies", tally), ("moderation", moderate)):
        real = post(client, f"/{c.code}/participation/{path}", body)
        missing = post(client, f"/khong-co/participation/{path}", body)
        assert (real.status_code, real.json()) == (missing.status_code, missing.json()) == (404, missing.json())
    assert Statement.objects.get(pk=s.pk).status == "published"


# 6. Art. 27: affected households only ----------------------------------------------------------------------------


def test_an_affected_audience_takes_only_the_households_on_its_list(cworld) -> None:
    c = f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD, audience=choices.Audience.AFFECTED)
    listed, other = cworld.d.village.households.order_by("code")[:2]
    AffectedPerson.objects.create(consultation=c, name="Nguyễn Văn A", household=listed)
    args = {"consultation": c, "village_id": cworld.d.village.pk}
    refused(errors.BAD_CODE, svc.household_verify, **args, household_code=other.code,
            code=svc.household_code_for_tests(c, other))  # fmt: skip
    assert svc.household_code_request(**args, household_code=other.code, phone=other.phone) is False
    participant = svc.household_verify(**args, household_code=listed.code, code=svc.household_code_for_tests(c, listed))
    assert participant.key == f.household_key(c, listed)


# 8. Household participant tokens expire -----------------------------------------------------------------------


def test_a_household_participant_token_expires_after_thirty_days(cworld, client: Client, monkeypatch) -> None:
    c = household_consultation(cworld)
    s = f.statement(c, "Cần phòng cháy")
    h = cworld.d.village.households.order_by("code").first()
    participant = svc.household_verify(consultation=c, village_id=cworld.d.village.pk, household_code=h.code,
                                       code=svc.household_code_for_tests(c, h))  # fmt: skip
    monkeypatch.setattr(time, "time", lambda: clock.now().timestamp() - 31 * 86400)
    token = signing.dumps({"c": c.pk, "p": participant.pk}, salt=api._PARTICIPANT_SALT)
    monkeypatch.undo()
    response = post(client, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1},
                    **{"X-Participant-Token": token})  # fmt: skip
    assert response.status_code == 401 and response.json()["code"] == "invalid_participant_token"
    assert Vote.objects.count() == 0
