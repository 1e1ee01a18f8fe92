"""Review 16's L6 on conferences: a village, matter or item the caller may not record answers 404 in
REST exactly as a missing one (core.errors.NotFound), as the pages do; nothing is stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from danvan.democracy.models import Conference, ConferenceItem
from danvan.democracy.tests.conferences.helpers import matter, record

pytestmark = pytest.mark.django_db
URL = "/api/v1/democracy/conferences"


def logged(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def body(village_id: int, **kw: Any) -> str:
    return json.dumps({"village_id": village_id, "year": 2026, "held_on": "2026-12-20", "chaired_by": "X",
                       "present": 3, "record": "R", "reports": [], **kw})  # fmt: skip


def test_another_communes_village_answers_like_a_missing_one(dworld: Any) -> None:
    c = logged(dworld.village_head)
    theirs = c.post(URL, body(dworld.other_village.pk), content_type="application/json")
    missing = c.post(URL, body(9_999_999), content_type="application/json")
    assert (theirs.status_code, theirs.json()["code"]) == (404, "not_found")
    assert missing.status_code == 404 and missing.json() == theirs.json()
    assert not Conference.objects.exists()


def test_another_communes_matter_answers_like_a_missing_one(dworld: Any) -> None:
    c = logged(dworld.village_head)
    theirs = matter(dworld, village=dworld.other_village)
    got = c.post(URL, body(dworld.village.pk, items=[{"matter_id": theirs.pk, "status": "done"}]),
                 content_type="application/json")  # fmt: skip
    missing = c.post(URL, body(dworld.village.pk, items=[{"matter_id": 9_999_999, "status": "done"}]),
                     content_type="application/json")  # fmt: skip
    assert (got.status_code, got.json()["code"]) == (404, "not_found")
    assert missing.status_code == 404 and missing.json() == got.json()
    assert not Conference.objects.exists()


def test_another_villages_item_answers_like_a_missing_one(dworld: Any) -> None:
    m = matter(dworld)
    from danvan.democracy.services import conferences as services

    conference = record(dworld, items=[services.ItemInput(m, "in_progress", "")])
    item = conference.items.get()
    c = logged(dworld.other_chair)
    theirs = c.post(f"{URL}/items/{item.pk}", json.dumps({"status": "done"}), content_type="application/json")
    missing = c.post(f"{URL}/items/9999999", json.dumps({"status": "done"}), content_type="application/json")
    assert (theirs.status_code, theirs.json()["code"]) == (404, "not_found")
    assert missing.status_code == 404 and missing.json() == theirs.json()
    assert ConferenceItem.objects.get().status == "in_progress"
