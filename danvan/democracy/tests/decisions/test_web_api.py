"""The pages and the REST API of community decisions: parse, call, render; refusals shown, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from danvan.democracy import errors
from danvan.democracy.enums import DecisionItem, MatterStatus
from danvan.democracy.models import BallotReturn, Household, Matter
from danvan.democracy.selectors import decisions as selectors
from danvan.democracy.services import decisions as s
from danvan.democracy.sweeps.decisions import sweep
from danvan.democracy.tests.decisions.helpers import SIGNED, TEAM, grow, meeting, propose

pytestmark = pytest.mark.usefixtures("frozen_clock")
BASE = "/van-hanh/dan-chu/quyet-dinh/"


def _passed(dworld) -> Matter:
    matter = propose(dworld)
    meeting(dworld, matter, present=9, yes=7)
    matter.refresh_from_db()
    return matter


def test_propose_page_stores_once_and_shows_refusals(client, dworld) -> None:
    client.force_login(dworld.village_head)
    page = client.get(f"{BASE}de-xuat/")
    assert page.status_code == 200 and "Tổ dân phố 1" in page.content.decode()
    post = {"scope": "village", "village": dworld.village.pk, "item": 1, "proposer": "village_head",
            "title": "Làm đường", "content": "Góp tiền", "request_key": "k-1"}  # fmt: skip
    refused = client.post(f"{BASE}de-xuat/", post)
    assert refused.status_code == 400 and "16 Luật Thực hiện dân chủ ở cơ sở 2022" in refused.content.decode()
    post["front_agreed_on"] = "2026-02-02"
    first = client.post(f"{BASE}de-xuat/", post)
    again = client.post(f"{BASE}de-xuat/", post)
    matter = Matter.objects.get()
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert first["Location"] == f"{BASE}{matter.pk}/"
    detail = client.get(first["Location"])
    assert detail.status_code == 200 and "DQ-26-0001" in detail.content.decode()
    cache.clear()


def test_meeting_then_ballot_through_the_pages(client, dworld) -> None:
    grow(dworld.village, 30)
    matter = propose(dworld)
    client.force_login(dworld.village_head)
    assert client.post(f"{BASE}{matter.pk}/hop/", {"held_on": "2026-02-05"}).status_code == 302
    bad = client.post(f"{BASE}{matter.pk}/bien-ban-hop/", {"chaired_by": "A", "secretary": "B", "present": 22,
                                                           "absent": 7, "method": "hands", "yes": 18, "no": 4,
                                                           "blank": 0})  # fmt: skip
    assert bad.status_code == 400 and "22" in bad.content.decode()
    ok = client.post(f"{BASE}{matter.pk}/bien-ban-hop/", {"chaired_by": "A", "secretary": "B", "present": 22,
                                                          "absent": 8, "method": "hands", "yes": 18, "no": 4,
                                                          "blank": 0})  # fmt: skip
    assert ok.status_code == 302
    matter.refresh_from_db()
    assert matter.status == MatterStatus.FAILED and selectors.next_step(matter).key == "ballot_again"
    short = client.post(f"{BASE}{matter.pk}/phieu/", {"announced_on": "2026-02-05", "distribute_on": "2026-02-06",
                                                      "team": "\n".join(TEAM)})  # fmt: skip
    assert (
        short.status_code == 400 and "05/02/2026" in short.content.decode()
    ) or "04/02/2026" in short.content.decode()
    assert client.post(f"{BASE}{matter.pk}/phieu/", {"announced_on": "2026-02-03", "distribute_on": "2026-02-05",
                                                     "team": "\n".join(TEAM)}).status_code == 302  # fmt: skip
    homes = Household.objects.filter(village=dworld.village).order_by("id")[:21]
    for h in homes:
        assert (
            client.post(f"{BASE}{matter.pk}/tra-phieu/", {"household": h.pk, "returned_on": "2026-02-05"}).status_code
            == 302
        )
    again = client.post(f"{BASE}{matter.pk}/tra-phieu/", {"household": homes[0].pk, "returned_on": "2026-02-05"})
    assert again.status_code == 400 and BallotReturn.objects.count() == 21
    assert client.post(f"{BASE}{matter.pk}/kiem-phieu/", {"yes": 20, "no": 1, "blank": 0}).status_code == 302
    matter.refresh_from_db()
    assert matter.status == MatterStatus.PASSED
    no_sign = client.post(f"{BASE}{matter.pk}/bien-ban/", {"decision": "Góp", "signed_village_head": "A"})
    assert no_sign.status_code == 400 and "20" in no_sign.content.decode()
    assert client.post(f"{BASE}{matter.pk}/bien-ban/", {"decision": "Góp 500.000 đồng", "signed_village_head": "A",
                                                       "signed_front_head": "B",
                                                       "signed_representatives": "C\nD"}).status_code == 302  # fmt: skip
    printed = client.get(f"{BASE}{matter.pk}/ban-in/").content.decode()
    assert "BIÊN BẢN" in printed and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in printed and "20/30" in printed
    assert client.post(f"{BASE}{matter.pk}/gui/", {"day": "2026-02-05"}).status_code == 302
    public = client.get(f"/dan-chu/quyet-dinh/{matter.code}/")
    text = public.content.decode()
    assert public.status_code == 200 and "Chủ hộ" not in text and "30" in text
    assert client.get(f"/dan-chu/{dworld.commune.code}/quyet-dinh/").status_code == 200


def test_other_village_head_gets_404_and_cannot_act(client, dworld) -> None:
    matter = propose(dworld)
    client.force_login(dworld.village2_head)
    assert client.get(f"{BASE}{matter.pk}/").status_code == 404
    assert client.post(f"{BASE}{matter.pk}/hop/", {"held_on": "2026-02-05"}).status_code == 404
    assert matter.rounds.count() == 0
    assert client.get(f"/dan-chu/quyet-dinh/{matter.code}/").status_code == 404  # not decided: not public


def test_api_round_trip_and_errors(client, dworld) -> None:
    client.force_login(dworld.village_head)
    created = client.post("/api/v1/democracy/decisions", {"scope": "village", "item": 6, "village_id": dworld.village.pk,
                                                         "proposer": "village_head", "front_agreed_on": "2026-02-01",
                                                         "title": "Vệ sinh", "content": "Tổng vệ sinh"},
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["next_step"]["key"] == "open"
    opened = client.post(f"/api/v1/democracy/decisions/{pk}/meetings", {"held_on": "2026-02-05"},
                         content_type="application/json")  # fmt: skip
    round_id = opened.json()["rounds"][0]["id"]
    bad = client.post(f"/api/v1/democracy/decisions/rounds/{round_id}/meeting",
                      {"chaired_by": "A", "secretary": "B", "present": 5, "absent": 5, "method": "hands", "yes": 5,
                       "no": 0}, content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == errors.BAD_COUNTS
    ok = client.post(f"/api/v1/democracy/decisions/rounds/{round_id}/meeting",
                     {"chaired_by": "A", "secretary": "B", "present": 6, "absent": 3, "method": "hands", "yes": 5,
                      "no": 1}, content_type="application/json")  # fmt: skip
    assert ok.status_code == 200 and ok.json()["status"] == "passed"  # > 50 % of 9: 5
    rec = client.post(f"/api/v1/democracy/decisions/{pk}/record", {"decision": "Làm", **SIGNED},
                      content_type="application/json")  # fmt: skip
    assert rec.status_code == 201 and rec.json()["record"]["send_due_on"] == "2026-02-12"
    sent = client.post(f"/api/v1/democracy/decisions/{pk}/record/step", {"step": "send", "day": "2026-02-05"},
                       content_type="application/json")  # fmt: skip
    assert sent.json()["status"] == "in_force"
    code = sent.json()["code"]
    public = client.get(f"/api/v1/democracy/public/decisions/{code}").json()
    assert public["results"][0]["yes"] == 5 and public["results"][0]["needed"] == 5
    client.force_login(dworld.village2_head)
    assert client.get(f"/api/v1/democracy/decisions/{pk}").status_code == 404
    assert client.post(f"/api/v1/democracy/decisions/{pk}/meetings", {"held_on": "2026-02-05"},
                       content_type="application/json").status_code == 403  # fmt: skip


def test_sweep_tells_each_body_once(dworld, frozen_clock) -> None:
    matter = _passed(dworld)
    record = s.record_write(actor=dworld.village_head, matter=matter, decision="Góp", **SIGNED)
    item5 = propose(dworld, item=DecisionItem.BOARD_MEMBERS)
    meeting(dworld, item5, present=9, yes=9)
    item5.refresh_from_db()
    r5 = s.record_write(actor=dworld.village_head, matter=item5, decision="Bầu", **SIGNED)
    s.record_send(actor=dworld.village_head, record=r5, sent_on=dt.date(2026, 2, 5))
    s.record_receive(actor=dworld.front_officer, record=r5, received_on=dt.date(2026, 2, 5))
    assert sweep(dt.date(2026, 2, 12)) == {"records_overdue": 0, "recognitions_overdue": 0}  # due that day
    assert r5.recognition_due_on == dt.date(2026, 2, 12)  # received Thursday 5/2: five working days
    assert sweep(dt.date(2026, 2, 13)) == {"records_overdue": 1, "recognitions_overdue": 1}
    assert sweep(dt.date(2026, 2, 13)) == {"records_overdue": 0, "recognitions_overdue": 0}  # idempotent
    assert sweep(dt.date(2026, 2, 14)) == {"records_overdue": 0, "recognitions_overdue": 0}
    from danvan.notifications.selectors import notification_inbox

    def templates(user) -> list[str]:
        return [n.template for n in notification_inbox(user=user).page]

    assert templates(dworld.village_head) == ["democracy.record_overdue"]  # once, though swept twice
    assert templates(dworld.front_officer) == ["democracy.recognition_overdue"]
    assert templates(dworld.village2_head) == []
    assert record.pk


def test_figures_count_on_time_and_late(dworld) -> None:
    matter = _passed(dworld)
    record = s.record_write(actor=dworld.village_head, matter=matter, decision="Góp", **SIGNED)
    figures = selectors.figures([dworld.commune.pk, dworld.other_commune.pk], 2026, today=dt.date(2026, 2, 13))
    assert figures[dworld.commune.pk]["matters"] == 1 and figures[dworld.commune.pk]["passed"] == 1
    assert figures[dworld.commune.pk]["records_overdue"] == 1 and sum(figures[dworld.other_commune.pk].values()) == 0
    s.record_send(actor=dworld.village_head, record=record, sent_on=dt.date(2026, 2, 5))
    figures = selectors.figures([dworld.commune.pk], 2026, today=dt.date(2026, 2, 13))
    assert (figures[dworld.commune.pk]["records_sent_on_time"], figures[dworld.commune.pk]["records_overdue"]) == (1, 0)
