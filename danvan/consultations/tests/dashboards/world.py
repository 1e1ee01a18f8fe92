"""The dashboards' hand-built world (today 3 December 2026), every figure known in advance:

Phường Phú Xuân (UBND Phường Phú Xuân consults):
  A "cho"   open 23/11–23/12/2026: 3 participants without an account, 2 households; comments: 4 on the
            platform (published) + 1 hidden, 1 keyed in from a meeting (12 supporters, published), 1 from
            household ballots (5 supporters, merged); group "answered" (accepted) holds 2 platform
            comments and the meeting's, group "pending" 1 platform comment; 2 published statements and
            1 pending; 3 votes; 10 votes counted at a meeting (7/2/1).
  B "via-he" 01–30/09/2026, published: 1 household; 2 comments in an answered group (explained);
            summary due 10/10, published 08/10 — on time.
  C "ten-duong" 01–31/10/2026, published: summary due 14/11, published 20/11 — late.
  D a draft (not counted); E a 2025 consultation (published 05/04/2025: another year).
Phường Kim Long (UBND Phường Kim Long): F 01–30/06/2026, closed: 2 participants, no comment ("—"),
  summary due 10/07, not published — overdue.
Thành phố Huế, province level (UBND thành phố Huế, place = the province): G 01/11–31/12/2026, open:
  4 participants, nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from danvan.consultations import choices
from danvan.consultations.models import Consultation, KeyedTally, Vote
from danvan.consultations.tests import factories as f
from danvan.democracy.models import Household
from danvan.democracy.tests.factories import DemocracyWorld, make_democracy_world

TODAY = dt.date(2026, 12, 3)
FROZEN = dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.UTC)  # 09:00 in Vietnam


@dataclass
class DashWorld:
    d: DemocracyWorld
    a: Consultation
    b: Consultation
    c: Consultation
    f: Consultation
    g: Consultation


def _c(d: DemocracyWorld, code: str, opens: dt.date, closes: dt.date, status: str, **fields: object) -> Consultation:
    return f.consultation(d, code=code, opens_on=opens, closes_on=closes, status=status, **fields)


def make_world() -> DashWorld:
    d = make_democracy_world()
    S = choices.Status
    homes = list(Household.objects.filter(village=d.village).order_by("code"))

    a = _c(d, "cho", dt.date(2026, 11, 23), dt.date(2026, 12, 23), S.OPEN)
    for _ in range(3):
        f.participant(a)
    p1 = f.participant(a, kind=choices.ParticipantKind.HOUSEHOLD, key=f.household_key(a, homes[0]), village=d.village)
    f.participant(a, kind=choices.ParticipantKind.HOUSEHOLD, key=f.household_key(a, homes[1]), village=d.village)
    answered = f.comment_group(a, title="Giữ chỗ cho tiểu thương", answer=choices.Answer.ACCEPTED)
    pending = f.comment_group(a, title="Bãi giữ xe")
    f.comment(a, "Ý kiến 1", participant=p1, group=answered)
    f.comment(a, "Ý kiến 2", group=answered)
    f.comment(a, "Ý kiến 3", group=pending)
    f.comment(a, "Ý kiến 4")
    f.comment(a, "Lời lẽ xúc phạm", status=choices.Moderation.HIDDEN, moderation_reason="Xúc phạm")
    f.comment(a, "Biên bản họp tổ 1", channel=choices.Channel.MEETING, supporters=12, group=answered,
              source_ref="Biên bản 01/12/2026")  # fmt: skip
    f.comment(a, "Phiếu hộ gia đình", channel=choices.Channel.BALLOT, supporters=5,
              status=choices.Moderation.MERGED, source_ref="Phiếu số 3")  # fmt: skip
    s1 = f.statement(a, "Nên giữ chợ tạm gần chợ cũ")
    f.statement(a, "Cần thêm bãi giữ xe")
    f.statement(a, "Chờ duyệt", status=choices.Moderation.PENDING)
    for p in a.participants.all()[:3]:
        Vote.objects.create(statement=s1, participant=p, value=1)
    KeyedTally.objects.create(statement=s1, channel=choices.Channel.MEETING, source_ref="Biên bản",
                              held_on=dt.date(2026, 12, 1), agree=7, disagree=2, passed=1)  # fmt: skip

    b = _c(d, "via-he", dt.date(2026, 9, 1), dt.date(2026, 9, 30), S.PUBLISHED,
           decided_on=dt.date(2026, 10, 3), summary_due_on=dt.date(2026, 10, 10))  # fmt: skip
    f.participant(b, kind=choices.ParticipantKind.HOUSEHOLD, key=f.household_key(b, homes[2]), village=d.village)
    explained = f.comment_group(b, answer=choices.Answer.EXPLAINED)
    f.comment(b, "Vỉa hè 1", group=explained)
    f.comment(b, "Vỉa hè 2", group=explained)
    f.summary(b, dt.date(2026, 10, 8))

    c = _c(d, "ten-duong", dt.date(2026, 10, 1), dt.date(2026, 10, 31), S.PUBLISHED,
           decided_on=dt.date(2026, 11, 7), summary_due_on=dt.date(2026, 11, 14))  # fmt: skip
    f.summary(c, dt.date(2026, 11, 20))

    _c(d, "nhap", dt.date(2026, 12, 20), dt.date(2027, 1, 20), S.DRAFT)
    old = _c(d, "nam-truoc", dt.date(2025, 3, 1), dt.date(2025, 3, 31), S.PUBLISHED,
             summary_due_on=dt.date(2025, 4, 7))  # fmt: skip
    f.summary(old, dt.date(2025, 4, 5))
    f.participant(old)

    kim_long = _c(d, "kim-long", dt.date(2026, 6, 1), dt.date(2026, 6, 30), S.CLOSED, organization=d.other,
                  place=d.other_commune, decided_on=dt.date(2026, 7, 3), summary_due_on=dt.date(2026, 7, 10))  # fmt: skip
    f.participant(kim_long)
    f.participant(kim_long)

    province = d.tinh.unit
    g = _c(d, "tinh", dt.date(2026, 11, 1), dt.date(2026, 12, 31), S.OPEN, organization=d.tinh, place=province,
           audience=choices.Audience.PROVINCE, item=choices.Item.OTHER_DRAFT)  # fmt: skip
    for _ in range(4):
        f.participant(g)
    return DashWorld(d=d, a=a, b=b, c=c, f=kim_long, g=g)
