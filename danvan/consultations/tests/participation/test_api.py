"""The participation part's REST operations: statements with totals, votes (device token, cookie,
household participant token), statements, comments, staff keying in and moderation; the query count of
a vote pinned (the load benchmark drives it at 200 votes/s)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from danvan.consultations import choices, errors
from danvan.consultations.models import Comment, Participant, Statement, Vote
from danvan.consultations.services import participation as svc
from danvan.consultations.tests import factories as f
from danvan.core import clock

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"


def post(client: Client, path: str, body: dict, **headers: str):
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json", headers=headers)


def device_token(client: Client, code: str) -> str:
    response = post(client, f"/{code}/participation/device", {})
    assert response.status_code == 201
    return str(response.json()["device_token"])


def test_a_device_token_votes_once_and_a_retry_is_the_same_vote(cworld, client: Client) -> None:
    c = cworld.consultation
    s = f.statement(c, "Cần phòng cháy")
    token = device_token(client, c.code)
    first = post(
        client, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1}, **{"X-Danvan-Device": token}
    )
    again = post(
        client, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1}, **{"X-Danvan-Device": token}
    )
    other = post(
        client, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": -1}, **{"X-Danvan-Device": token}
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert (first.json()["created"], again.json()["created"]) == (True, False)
    assert other.status_code == 400 and other.json()["code"] == errors.ALREADY_VOTED
    assert Vote.objects.count() == 1


def test_refusals_reach_the_error_body_with_their_codes(cworld, client: Client) -> None:
    c = cworld.consultation
    s = f.statement(c, "Cần phòng cháy", status=choices.Moderation.HIDDEN)
    token = {"X-Danvan-Device": device_token(client, c.code)}
    cases = [
        ("/votes", {"statement_id": s.pk, "value": 1}, errors.UNKNOWN_STATEMENT),
        ("/votes", {"statement_id": s.pk, "value": 3}, errors.BAD_VOTE),
        ("/statements", {"text": "<i>x</i>"}, errors.TEXT_HAS_MARKUP),
        ("/statements", {"text": "x" * 241}, errors.TEXT_TOO_LONG),
        ("/comments", {"text": " "}, errors.TEXT_EMPTY),
        ("/comments", {"text": "Ý kiến", "section_key": "dieu-8"}, errors.UNKNOWN_SECTION),
    ]
    for path, body, code in cases:
        response = post(client, f"/{c.code}/participation{path}", body, **token)
        assert (response.status_code, response.json()["code"]) == (400, code), path
    nobody = post(client, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1})
    assert nobody.json()["code"] == errors.UNKNOWN_STATEMENT  # the statement is checked before the person
    forged = post(client, f"/{c.code}/participation/statements", {"text": "x"}, **{"X-Danvan-Device": "forged:x"})
    assert forged.json()["code"] == errors.VERIFICATION_REQUIRED


def test_statements_and_comments_are_stored_once_per_client_key_and_listed_with_totals(cworld, client: Client) -> None:
    c = cworld.consultation
    token = {"X-Danvan-Device": device_token(client, c.code)}
    body = {"text": "Cần bãi giữ xe", "section_key": "dieu-2", "client_key": "abc"}
    first = post(client, f"/{c.code}/participation/statements", body, **token)
    again = post(client, f"/{c.code}/participation/statements", body, **token)
    assert (first.status_code, again.status_code, again.json()["id"]) == (201, 200, first.json()["id"])
    post(client, f"/{c.code}/participation/votes", {"statement_id": first.json()["id"], "value": 0}, **token)
    listed = client.get(f"{BASE}/{c.code}/participation/statements").json()
    assert listed == [{"id": first.json()["id"], "text": "Cần bãi giữ xe", "section_key": "dieu-2", "agree": 0,
                       "disagree": 0, "passed": 1, "keyed": 0}]  # fmt: skip
    comment = post(client, f"/{c.code}/participation/comments", {"text": "Hỗ trợ thêm", "client_key": "k"}, **token)
    assert comment.status_code == 201 and Comment.objects.get().channel == "platform"
    assert client.get(f"{BASE}/khong-co/participation/statements").status_code == 404


def test_a_household_verifies_through_the_api_and_votes_with_its_participant_token(cworld, client: Client) -> None:
    c = f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD)
    s = f.statement(c, "Cần phòng cháy")
    h = cworld.d.village2.households.first()
    assert post(client, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1}).json()["code"] == (
        errors.VERIFICATION_REQUIRED
    )
    sent = post(client, f"/{c.code}/participation/household/code",
                {"village_id": cworld.d.village2.pk, "household": h.code, "phone": h.phone})  # fmt: skip
    assert sent.status_code == 202
    outside = post(client, f"/{c.code}/participation/household/code",
                   {"village_id": cworld.d.other_village.pk, "household": "H001", "phone": "0912345678"})  # fmt: skip
    assert outside.json()["code"] == errors.NOT_IN_AUDIENCE
    code = svc.household_code_for_tests(c, h)
    verified = post(client, f"/{c.code}/participation/household/verify",
                    {"village_id": cworld.d.village2.pk, "household": h.code, "code": code})  # fmt: skip
    token = verified.json()["participant_token"]
    vote = post(client, f"/{c.code}/participation/votes", {"statement_id": s.pk, "value": 1},
                **{"X-Participant-Token": token})  # fmt: skip
    assert vote.status_code == 201 and Vote.objects.get().participant.key == f.household_key(c, h)
    other = f.consultation(cworld.d, verification=choices.Verification.HOUSEHOLD)
    s2 = f.statement(other, "x")
    wrong = post(client, f"/{other.code}/participation/votes", {"statement_id": s2.pk, "value": 1},
                 **{"X-Participant-Token": token})  # fmt: skip
    assert wrong.status_code == 401  # a token is for its own consultation only


def test_a_vote_takes_a_few_queries(cworld, client: Client, django_assert_max_num_queries) -> None:
    c = cworld.consultation
    statements = [f.statement(c, f"Ý kiến {i}") for i in range(3)]
    token = {"X-Danvan-Device": device_token(client, c.code)}
    post(client, f"/{c.code}/participation/votes", {"statement_id": statements[0].pk, "value": 1}, **token)
    # The consultation, the statement, the participant, the insert and the statement's stored totals (F()
    # update) in its savepoint (SAVEPOINT, INSERT, UPDATE, RELEASE).
    with django_assert_max_num_queries(7):
        response = post(client, f"/{c.code}/participation/votes", {"statement_id": statements[1].pk, "value": -1},
                        **token)  # fmt: skip
    assert response.status_code == 201
    fresh = {"X-Danvan-Device": device_token(client, c.code)}
    # a new participant: the new-device check, its look-up, the insert in a savepoint, the totals
    with django_assert_max_num_queries(11):
        response = post(client, f"/{c.code}/participation/votes", {"statement_id": statements[2].pk, "value": 0},
                        **fresh)  # fmt: skip
    assert response.status_code == 201 and Participant.objects.count() == 2


def test_staff_key_in_and_moderate_through_the_api(cworld, client: Client) -> None:
    c = cworld.consultation
    s = f.statement(c, "Cần phòng cháy")
    dup = f.statement(c, "Chợ tạm phải chống cháy")
    body = {"text": "Giữ lối đi rộng", "channel": "meeting", "source_ref": "BB họp TDP 1",
            "source_date": clock.today().isoformat(), "supporters": 12}  # fmt: skip
    assert post(client, f"/{c.code}/participation/keyed-comments", body).status_code == 401
    client.force_login(cworld.d.other_chair)
    assert post(client, f"/{c.code}/participation/keyed-comments", body).status_code == 404  # as a missing one
    client.force_login(cworld.d.handler)
    assert post(client, f"/{c.code}/participation/keyed-comments", body).status_code == 201
    tally = {"statement_id": s.pk, "channel": "ballot", "source_ref": "Phiếu TDP 2", "held_on": clock.today().isoformat(),
             "agree": 10, "disagree": 2, "passed": 1}  # fmt: skip
    assert post(client, f"/{c.code}/participation/keyed-tallies", tally).status_code == 201
    merged = post(client, f"/{c.code}/participation/moderation",
                  {"kind": "statement", "target": dup.pk, "action": "merge", "into": s.pk, "reason": "Trùng"})  # fmt: skip
    assert merged.json() == {"id": dup.pk, "status": "merged", "merged_into": s.pk}
    hide = post(client, f"/{c.code}/participation/moderation", {"kind": "statement", "target": s.pk, "action": "hide"})
    assert hide.json()["code"] == errors.REASON_REQUIRED
    assert Statement.objects.get(pk=s.pk).status == "published"
