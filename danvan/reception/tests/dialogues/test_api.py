"""The dialogue REST endpoints: public list and read (no asker, no hidden question), and the public
question (idempotent by ``Idempotency-Key``, refused with ``questions_closed`` after the window)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from danvan.reception.choices import CommitmentStatus
from danvan.reception.models import DialogueQuestion
from danvan.reception.tests.dialogues.helpers import commitment, dialogue, held, question
from danvan.reception.tests.factories import at

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_the_list_and_one_dialogue_with_its_commitments(rworld: Any, frozen_clock: Any, client: Client,
                                                        django_assert_max_num_queries: Any) -> None:  # fmt: skip
    upcoming = dialogue(rworld)
    d = held(rworld)
    question(d, "Bao giờ nạo vét?", answer="Tuần sau.")
    question(d, "Câu hỏi lăng mạ", is_hidden=True, hidden_reason="Xúc phạm")
    commitment(d, rworld.phuong, dt.date(2026, 2, 20), status=CommitmentStatus.KEPT, progress="05/02/2026: Xong")
    dialogue(rworld, subject="Bản nháp", invitation="")
    with django_assert_max_num_queries(4):
        listing = client.get(f"{API}/reception/dialogues").json()
    assert [r["id"] for r in listing["upcoming"]] == [upcoming.pk]
    assert [r["id"] for r in listing["past"]] == [d.pk]
    assert listing["upcoming"][0]["questions_open"] is True
    assert (listing["past"][0]["commitments"], listing["past"][0]["commitments_kept"]) == (1, 1)
    one = client.get(f"{API}/reception/dialogues/{d.pk}")
    body = one.json()
    assert one.status_code == 200
    assert [(q["text"], q["answer"]) for q in body["questions"]] == [("Bao giờ nạo vét?", "Tuần sau.")]
    assert body["commitments"][0]["owner_body"] == rworld.phuong.name
    assert (body["commitments"][0]["due_on"], body["commitments"][0]["status"]) == ("2026-02-20", "kept")
    raw = one.content.decode()
    assert "Hoàng Thị Mai" not in raw and "0905123456" not in raw and "lăng mạ" not in raw and "asker" not in raw
    assert client.get(f"{API}/reception/dialogues/999999").status_code == 404


def test_a_question_is_idempotent_and_refused_after_the_window(rworld: Any, frozen_clock: Any, client: Client) -> None:
    d = dialogue(rworld)
    url = f"{API}/reception/dialogues/{d.pk}/questions"
    payload = json.dumps({"text": "Cống bị bít", "name": "Lê Văn Tư", "contact": "0905000111"})
    missing = client.post(url, payload, content_type="application/json")
    assert missing.status_code == 422 and "Idempotency-Key" in missing.json()["details"]
    first = client.post(url, payload, content_type="application/json", headers={"Idempotency-Key": "q-1"})
    again = client.post(url, payload, content_type="application/json", headers={"Idempotency-Key": "q-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and again.json()["created"] is False
    assert DialogueQuestion.objects.get().asker_contact == "0905000111"
    frozen_clock.move_to(at(2026, 2, 9, 17, 0))
    late = client.post(url, payload, content_type="application/json", headers={"Idempotency-Key": "q-2"})
    assert late.status_code == 400 and late.json()["code"] == "questions_closed"
    assert DialogueQuestion.objects.count() == 1
    draft = dialogue(rworld, invitation="")
    assert client.post(f"{API}/reception/dialogues/{draft.pk}/questions", payload, content_type="application/json",
                       headers={"Idempotency-Key": "q-3"}).status_code == 404  # fmt: skip
