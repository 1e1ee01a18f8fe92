"""The December reminder (once per village and year), the villages still to hold their conference,
the dashboards' figures and the commune page's section (no personal data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template.loader import render_to_string

from danvan.democracy.sections import conferences as section
from danvan.democracy.selectors import conferences as selectors
from danvan.democracy.services import conferences as services
from danvan.democracy.sweeps.conferences import TEMPLATE, sweep
from danvan.democracy.tests.conferences.helpers import matter, record
from danvan.notifications.selectors import notification_inbox

pytestmark = pytest.mark.django_db


def reminded(w: Any) -> list[tuple[Any, ...]]:
    return sorted((user.username, n.about_id, n.about_label) for user in (w.village_head, w.village2_head)
                  for n in notification_inbox(user=user).page if n.template == TEMPLATE)  # fmt: skip


def test_no_reminder_before_december(dworld: Any) -> None:
    assert sweep(dt.date(2026, 11, 30)) == {"villages_missing": 0, "reminded": 0}
    assert reminded(dworld) == []


def test_from_1_december_village_heads_without_a_conference_are_reminded_once(dworld: Any) -> None:
    record(dworld)  # tổ dân phố 1 held it
    first = sweep(dt.date(2026, 12, 1))
    assert first == {"villages_missing": 2, "reminded": 1}  # tổ 2 (its head) and Kim Long's (no head: nobody)
    assert reminded(dworld) == [("totruong2", dworld.village2.pk, "2026")]
    note = next(iter(notification_inbox(user=dworld.village2_head).page))
    assert note.channel == "in_app"
    assert note.link.endswith(f"/van-hanh/dan-chu/hoi-nghi/ghi/{dworld.village2.pk}/")
    assert sweep(dt.date(2026, 12, 1)) == {"villages_missing": 2, "reminded": 0}  # the same day again
    assert sweep(dt.date(2026, 12, 15)) == {"villages_missing": 2, "reminded": 0}  # any later day
    assert len(reminded(dworld)) == 1
    assert sweep(dt.date(2027, 12, 1))["reminded"] == 2  # a new year: both village heads again


def test_villages_missing_and_the_warning(dworld: Any) -> None:
    record(dworld)
    assert list(selectors.villages_missing(dworld.commune.pk, 2026)) == [dworld.village2]
    assert not selectors.warn_missing(dt.date(2026, 11, 30))
    assert selectors.warn_missing(dt.date(2026, 12, 1))


def test_figures(dworld: Any) -> None:
    record(dworld)
    record(dworld, year=2025)
    out = selectors.figures([dworld.commune.pk, dworld.other_commune.pk], 2026)
    assert out == {dworld.commune.pk: {"villages": 2, "conferences_held": 1},
                   dworld.other_commune.pk: {"villages": 1, "conferences_held": 0}}  # fmt: skip


def test_the_commune_section_shows_the_latest_conference_without_names(dworld: Any) -> None:
    m = matter(dworld, title="Lắp đèn kiệt 9", decided_on=dt.date(2025, 6, 1))
    record(dworld, year=2025, items=[services.ItemInput(m, "not_started")], held_on=dt.date(2025, 12, 20))
    record(dworld, items=[services.ItemInput(m, "done")], present=7)
    section.register()
    data = section._context(dworld.commune)
    assert data is not None
    html = render_to_string("democracy/conferences/_section.html", {"commune": dworld.commune, "data": data})
    assert "Lắp đèn kiệt 9" in html and "7" in html and "9" in html and "20/12/2026" in html
    assert "2025" not in html  # only the latest
    assert "Nguyễn Văn Tổ" not in html  # the chair's name is not public
    for h in dworld.village.households.all():
        assert h.representative_name not in html and h.phone not in html
    assert "Tổ dân phố 2" in html  # a village with none yet is listed
