"""The answers part's REST operations: staff steps with their refusal codes, the public summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.consultations import errors
from danvan.consultations.tests.factories import ConsultationsWorld

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_staff_steps_and_the_public_summary(closed: ConsultationsWorld, frozen_clock) -> None:
    frozen_clock.move_to(dt.datetime(2026, 12, 15, 2, 0, tzinfo=dt.UTC))
    c = closed.consultation
    c.opens_on, c.closes_on = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
    c.save(update_fields=["opens_on", "closes_on"])
    base = f"/api/v1/consultations/{c.code}"
    anonymous = Client()
    assert anonymous.get(f"{base}/summary").status_code == 404
    assert anonymous.get(f"{base}/groups").status_code in (401, 403)

    officer = Client()
    officer.force_login(closed.d.other_chair)
    assert officer.get(f"{base}/groups").status_code == 404  # another commune's: not found

    officer.force_login(closed.d.handler)
    groups = officer.post(f"{base}/groups/suggest").json()
    assert len(groups) == 5
    first = groups[0]["id"]
    refused = officer.post(f"{base}/groups/{first}/answer", {"answer": "not_accepted", "text": "Không tiếp thu."},
                           content_type=JSON)  # fmt: skip
    assert (refused.status_code, refused.json()["code"]) == (400, errors.REASON_REQUIRED)
    for g in groups:
        done = officer.post(f"{base}/groups/{g['id']}/answer", {"answer": "explained", "text": "Giải trình."},
                            content_type=JSON)  # fmt: skip
        assert done.status_code == 200 and done.json()["answer"] == "explained"
    decided = officer.post(f"{base}/decision", {"decided_on": "2026-12-11"}, content_type=JSON).json()
    assert decided == {"code": c.code, "decided_on": "2026-12-11", "summary_due_on": "2026-12-18"}
    not_head = officer.post(f"{base}/summary", {"text": "Tổng hợp"}, content_type=JSON)
    assert (not_head.status_code, not_head.json()["code"]) == (403, errors.FORBIDDEN)

    officer.force_login(closed.d.chair)
    published = officer.post(f"{base}/summary", {"text": "Tổng hợp ý kiến."}, content_type=JSON)
    assert published.status_code == 201
    again = officer.post(f"{base}/summary", {"text": "Lần hai"}, content_type=JSON)
    assert (again.status_code, again.json()["code"]) == (400, errors.ALREADY_PUBLISHED)

    public = anonymous.get(f"{base}/summary").json()
    assert (public["published_on"], public["on_time"], public["text"]) == ("2026-12-15", True, "Tổng hợp ý kiến.")
    assert public["figures"]["comments"] == 7
    meeting = next(cm for g in public["groups"] for cm in g["comments"] if cm["channel"] == "meeting")
    assert meeting == {"text": "Bãi giữ xe của chợ tạm cần mái che.", "section_key": "dieu-2", "channel": "meeting",
                       "source_ref": "Biên bản họp tổ dân phố 1 ngày 20/11", "supporters": 14}  # fmt: skip
    assert set(public["groups"][0]) == {
        "id",
        "section_key",
        "section",
        "title",
        "answer",
        "answer_text",
        "reason",
        "comments",
    }  # no officer, no participant
