"""The dashboards over the parts' REAL figures (nothing replaced): every row is made through the parts'
own services — a disclosure published on time and one late, a decision record sent on time, a board's
recommendation answered late, a yearly conference — then the dashboards selector must give the exact
counts and rates for Phường Phú Xuân, and "—" (None) for Kim Long where nothing fell due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from danvan.core.clock import VIETNAM
from danvan.democracy.enums import Channel, DecisionItem, DisclosureItem, Proposer, Scope
from danvan.democracy.selectors import dashboards
from danvan.democracy.services import boards, conferences, decisions, disclosures
from danvan.democracy.tests.factories import DemocracyWorld

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)  # a Monday, after the 30/4 and 1/5 holidays
D = dt.date


@pytest.fixture
def today() -> Iterator[dt.date]:
    with time_machine.travel(dt.datetime(2026, 6, 15, 9, 0, tzinfo=VIETNAM), tick=False):
        yield TODAY


def _disclosure(w: DemocracyWorld, title: str, decided_on: dt.date, posted_on: dt.date) -> Any:
    data = disclosures.DisclosureInput(item=DisclosureItem.BUDGET, title=title, decided_on=decided_on)
    row = disclosures.disclosure_record(actor=w.handler, commune=w.commune, data=data)
    disclosures.channel_add(actor=w.handler, disclosure=row, channel=Channel.POSTING, starts_on=posted_on,
                            ends_on=posted_on + dt.timedelta(days=30))  # fmt: skip
    return disclosures.disclosure_publish(actor=w.handler, disclosure=row)


def _record_sent_on_time(w: DemocracyWorld) -> Any:
    matter = decisions.matter_propose(actor=w.village_head, scope=Scope.VILLAGE,
                                      item=DecisionItem.INFRASTRUCTURE_CONTRIBUTION, village=w.village,
                                      title="Làm đường kiệt 7", content="Mỗi hộ góp 500.000 đồng",
                                      proposer=Proposer.VILLAGE_HEAD, front_agreed_on=D(2026, 6, 1))  # fmt: skip
    round_ = decisions.meeting_open(actor=w.village_head, matter=matter, held_on=TODAY)
    decisions.meeting_record(actor=w.village_head, round_=round_, chaired_by="Nguyễn Văn Tổ", secretary="Lê Thư Ký",
                             present=8, absent=1, method="hands", yes=7, no=1)  # fmt: skip
    matter.refresh_from_db()
    record = decisions.record_write(actor=w.village_head, matter=matter, decision="Các hộ góp 500.000 đồng/hộ.",
                                    signed_village_head="Nguyễn Văn Tổ", signed_front_head="Lê Thị Mặt",
                                    signed_representatives=["Chủ hộ 1", "Chủ hộ 2"])  # fmt: skip
    return decisions.record_send(actor=w.village_head, record=record, sent_on=TODAY)


def _recommendation_answered_late(w: DemocracyWorld) -> Any:
    members = [boards.MemberInput(full_name=f"Thành viên {i}", village_id=[w.village.pk, w.village2.pk][i] if i < 2
                                  else None) for i in range(5)]  # fmt: skip
    board = boards.board_ttnd_create(actor=w.front_officer, commune=w.commune, established_on=D(2026, 3, 2),
                                     term_ends_on=D(2031, 3, 1), members=members)  # fmt: skip
    rec = boards.recommendation_send(actor=w.front_officer, board=board, to_organization=w.phuong,
                                     content="Đề nghị sửa đèn chiếu sáng kiệt 3.", sent_on=D(2026, 5, 4))  # fmt: skip
    assert rec.due_on < D(2026, 6, 1)
    boards.recommendation_answer(actor=w.handler, recommendation=rec, answer="Đã sửa.", on=D(2026, 6, 1))
    rec.refresh_from_db()
    return rec


def test_the_dashboards_add_up_the_parts_real_figures(dworld: DemocracyWorld, today: dt.date) -> None:
    w = dworld
    on_time = _disclosure(w, "Dự toán ngân sách 2026", decided_on=D(2026, 6, 1), posted_on=D(2026, 6, 2))
    late = _disclosure(w, "Quyết toán ngân sách 2025", decided_on=D(2026, 4, 28), posted_on=D(2026, 6, 10))
    assert on_time.published_on <= on_time.due_on and late.published_on > late.due_on  # the world is as meant
    record = _record_sent_on_time(w)
    assert record.sent_on <= record.send_due_on
    rec = _recommendation_answered_late(w)
    conferences.conference_record(actor=w.village_head, village=w.village, year=2026, held_on=D(2026, 6, 10),
                                  chaired_by="Nguyễn Văn Tổ", present=7, record="Hội nghị thống nhất các nội dung.",
                                  reports=[conferences.ReportInput("village_head", "Tình hình tổ dân phố",
                                                                   "Giữ vững an ninh trật tự.")],
                                  items=[])  # fmt: skip

    report = dashboards.province_report(w.operator, province_code=w.commune.province.code, year=2026)
    rows = {row.commune.code: row.figures for row in report.communes}
    px, kl = rows[w.commune.code], rows[w.other_commune.code]

    assert {k: px.parts["disclosures"][k] for k in ("disclosures", "on_time", "late", "overdue_unpublished")} == {
        "disclosures": 2, "on_time": 1, "late": 1, "overdue_unpublished": 0}  # fmt: skip
    assert {k: px.parts["decisions"][k] for k in ("matters", "passed", "failed", "records_sent_on_time",
                                                   "records_sent_late", "records_overdue", "recognised_on_time",
                                                   "recognised_late")} == {
        "matters": 1, "passed": 1, "failed": 0, "records_sent_on_time": 1, "records_sent_late": 0,
        "records_overdue": 0, "recognised_on_time": 0, "recognised_late": 0}  # fmt: skip
    published = px.parts["disclosures"]
    assert published["channels_complete"] + published["channels_incomplete"] == 2  # both published, both judged
    assert px.parts["boards"] == {"boards": 1, "boards_meeting_rules": 1, "recommendations": 1, "answered_on_time": 0, "answered_late": 1,
                                  "unanswered_overdue": 0}  # fmt: skip
    assert px.parts["conferences"] == {"villages": 2, "conferences_held": 1}
    assert px.parts["voting"] == {"online_rounds": 0, "online_households_voted": 0, "online_households_total": 0}
    assert rec.answered_on > rec.due_on

    rates = {name: (r.numerator, r.denominator, r.percent) for name, r in px.rates.items()}
    assert rates["disclosures_on_time"] == (1, 2, Decimal("50.0"))
    assert rates["records_sent_on_time"] == (1, 1, Decimal("100.0"))
    assert rates["recommendations_answered_on_time"] == (0, 1, Decimal("0.0"))  # answered, but late: 0 %, not "—"
    assert rates["conferences_held"] == (1, 2, Decimal("50.0"))
    assert rates["decisions_recognised_on_time"][2] is None  # nothing fell due yet
    assert rates["online_turnout"] == (0, 0, None)

    # Kim Long: nothing fell due — no rate, "—", never 0 % or 100 %; its one village held no conference.
    assert {name: r.percent for name, r in kl.headline.items()} == dict.fromkeys(dashboards.HEADLINE, None)
    assert kl.rate("records_sent_on_time").percent is None and kl.rate("online_turnout").percent is None
    assert (kl.rate("conferences_held").numerator, kl.rate("conferences_held").denominator) == (0, 1)

    # The province's sum is the two communes', and the commune report agrees with the province's row.
    assert report.total.rate("disclosures_on_time") == dashboards.Rate(1, 2)
    one = dashboards.commune_report(w.chair, commune_code=w.commune.code, year=2026)
    assert one.figures.rates == px.rates
    # Another year: nothing fell due, so no headline rate ("—").
    before = dashboards.commune_report(w.chair, commune_code=w.commune.code, year=2025).figures
    assert {name: before.rate(name).percent for name in dashboards.HEADLINE} == dict.fromkeys(dashboards.HEADLINE, None)
