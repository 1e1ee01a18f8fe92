"""Compliance on exact rows: on time, late, overdue, channels complete; the figures; the quarterly list;
the sweep's warnings, once."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.democracy import choices
from danvan.democracy.enums import Channel, DisclosureItem
from danvan.democracy.models import DisclosureChannel, DisclosureList
from danvan.democracy.selectors import disclosures as selectors
from danvan.democracy.services import disclosures as services
from danvan.democracy.sweeps import disclosures as sweep
from danvan.democracy.tests.disclosures.conftest import record
from danvan.notifications.selectors import notification_inbox

pytestmark = pytest.mark.django_db

D = dt.date


def _published(world, actor, commune, channels, **kw):
    row = services.disclosure_record(actor=actor, commune=commune, data=services.DisclosureInput(**kw))
    for channel, start in channels:
        services.channel_add(actor=actor, disclosure=row, channel=channel, starts_on=start)
    return services.disclosure_publish(actor=actor, disclosure=row)


@pytest.fixture
def rows(dworld, today):
    w = dworld
    a = _published(w, w.handler, w.commune, [(Channel.POSTING, D(2026, 4, 30))], item=DisclosureItem.BUDGET,
                   title="A ngân sách", decided_on=D(2026, 4, 28))  # fmt: skip
    b = _published(w, w.handler, w.commune, [(Channel.POSTING, D(2026, 5, 11))], item=DisclosureItem.SUPPORT_POLICIES,
                   title="B hỗ trợ", decided_on=D(2026, 4, 28))  # fmt: skip
    c = record(w, item=DisclosureItem.FEES, title="C phí", decided_on=D(2026, 6, 1))
    d = record(w, item=DisclosureItem.BUDGET, title="D dự toán", decided_on=D(2026, 6, 10))
    e = record(w, title="E rút", decided_on=D(2026, 5, 4))
    services.disclosure_withdraw(actor=w.handler, disclosure=e, reason="Nhầm")
    record(w, title="G năm trước", decided_on=D(2025, 12, 30))
    f = _published(w, w.other_chair, w.other_commune, [(Channel.POSTING, D(2026, 4, 29))],
                   item=DisclosureItem.BUDGET, title="F Kim Long", decided_on=D(2026, 4, 28))  # fmt: skip
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def test_compliance_of_each_row(rows):
    a, b, c, d = (selectors.compliance(rows[k]) for k in "abcd")
    assert (a.due_on, a.on_time, a.late, a.channels_complete, a.missing) == (D(2026, 5, 7), True, False, True, [])
    assert (b.on_time, b.late) == (False, True)
    assert [k.channel for k in b.checks if not k.present] == [Channel.LOUDSPEAKER, Channel.VILLAGE_HEADS]
    assert len(b.missing) == 2 and all("Điều 13" in m or "Art. 13" in m for m in b.missing)
    assert (c.due_on, c.overdue_unpublished, c.on_time) == (D(2026, 6, 8), True, False)
    assert (d.due_on, d.overdue_unpublished) == (D(2026, 6, 17), False)


def test_figures_count_each_row_once(dworld, rows):
    other_commune = 999_999
    got = selectors.figures([dworld.commune.pk, dworld.other_commune.pk, other_commune], 2026)
    assert got[dworld.commune.pk] == {"disclosures": 4, "on_time": 1, "late": 1, "overdue_unpublished": 1,
                                      "channels_complete": 1, "channels_incomplete": 1}  # fmt: skip
    assert got[dworld.other_commune.pk] == {"disclosures": 1, "on_time": 1, "late": 0, "overdue_unpublished": 0,
                                            "channels_complete": 1, "channels_incomplete": 0}  # fmt: skip
    assert got[other_commune] == dict.fromkeys(selectors.FIGURE_KEYS, 0)
    assert selectors.figures([dworld.commune.pk], 2025)[dworld.commune.pk]["disclosures"] == 1


def test_a_portal_once_used_is_then_required(dworld, rows):
    services.channel_add(actor=dworld.handler, disclosure=rows["d"], channel=Channel.PORTAL, starts_on=D(2026, 6, 11))
    a = selectors.compliance(rows["a"])
    assert not a.channels_complete and [k.channel for k in a.checks if not k.present] == [Channel.PORTAL]


def test_the_quarterly_list(dworld, rows, today):
    listed = selectors.quarter_rows(dworld.commune.pk, 2026, 2)
    assert [(r.number, r.disclosure.title, r.disclosure.published_on) for r in listed] == [
        (1, "A ngân sách", D(2026, 4, 30)), (2, "B hỗ trợ", D(2026, 5, 11))]  # fmt: skip
    assert [f[:2] for f in listed[0].forms] == [(str(choices.Channel.POSTING.label), D(2026, 4, 30))]
    made = services.disclosure_list_generate(actor=dworld.handler, commune=dworld.commune, year=2026, quarter=2)
    assert (made.entries, made.organization, made.posted_on) == (2, dworld.phuong, None)
    again = services.disclosure_list_generate(actor=dworld.handler, commune=dworld.commune, year=2026, quarter=2)
    assert again.pk == made.pk and DisclosureList.objects.count() == 1
    services.disclosure_list_post(actor=dworld.handler, disclosure_list=made, posted_on=D(2026, 6, 15))
    made.refresh_from_db()
    assert made.posted_on == D(2026, 6, 15)
    assert selectors.quarter_rows(dworld.commune.pk, 2026, 1) == []


def _inbox(user):
    return [n.subject for n in notification_inbox(user=user).page]


def test_the_sweep_warns_once(dworld, rows, today):
    # A posting recorded before a rule changed: it ends tomorrow, before its 30 days.
    short = DisclosureChannel.objects.create(disclosure=rows["a"], channel=Channel.POSTING, starts_on=D(2026, 6, 1),
                                             ends_on=D(2026, 6, 16))  # fmt: skip
    first = sweep.sweep(today)
    assert first == {"channel_short": 1, "due_soon": 1, "overdue": 2}  # C, and G left a draft since 2025
    assert sweep.sweep(today) == {"channel_short": 0, "due_soon": 0, "overdue": 0}
    for user in (dworld.handler, dworld.chair):
        subjects = _inbox(user)
        assert len(subjects) == 4
        assert any("01/07/2026" in s for s in subjects)  # the earliest lawful end of the short posting
        assert any("08/06/2026" in s for s in subjects)  # C overdue since its due date
        assert any("17/06/2026" in s for s in subjects)  # D due in two days
    assert _inbox(dworld.other_chair) == []
    short.ends_on = D(2026, 6, 17)
    short.save()
    assert sweep.sweep(today)["channel_short"] == 1  # a new end date is a new warning
