"""Recording the yearly community conference (Art. 33): once per village and year, held in its year,
attendance within the households counted (snapshotted), the three reports, the execution of the
matters the community decided — each refusal by its exact code with nothing stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.democracy import errors
from danvan.democracy.enums import MatterStatus, Scope
from danvan.democracy.models import Conference, ConferenceItem, ConferenceReport, Household
from danvan.democracy.selectors import conferences as selectors
from danvan.democracy.services import conferences as services
from danvan.democracy.tests.conferences.helpers import REPORTS, matter, record

pytestmark = pytest.mark.django_db


def nothing_stored() -> None:
    assert Conference.objects.count() == 0
    assert ConferenceReport.objects.count() == ConferenceItem.objects.count() == 0


def test_the_village_head_records_the_conference_with_reports_and_items(dworld: Any) -> None:
    own = matter(dworld)
    wide = matter(dworld, scope=Scope.COMMUNE, village=None, title="Đóng góp xây nhà văn hóa")
    c = record(dworld, items=[services.ItemInput(own, "done", "Đã xong"), services.ItemInput(wide, "in_progress")])
    c.refresh_from_db()
    assert (c.year, c.held_on, c.households_total, c.present) == (2026, dt.date(2026, 12, 20), 9, 7)
    assert c.recorded_by == dworld.village_head
    assert sorted(c.reports.values_list("presenter", flat=True)) == ["front", "ttnd", "village_head"]
    assert dict(c.items.values_list("matter__code", "status")) == {own.code: "done", wide.code: "in_progress"}
    event = AuditEvent.objects.get(action="democracy.conference_record")
    assert (event.after or {})["households_total"] == 9


def test_households_are_snapshotted_when_recorded(dworld: Any) -> None:
    c = record(dworld)
    dworld.village.households.filter(code="H001").update(is_active=False)  # moved away after the conference
    Household.objects.create(village=dworld.village, code="H100", representative_name="Hộ mới")
    Household.objects.create(village=dworld.village, code="H101", representative_name="Hộ mới 2")
    c.refresh_from_db()
    assert c.households_total == 9
    assert selectors.households_counted(dworld.village) == 10


def test_inactive_households_are_not_invited(dworld: Any) -> None:
    dworld.village.households.filter(code__in=["H001", "H002"]).update(is_active=False)
    with pytest.raises(DomainError) as exc:
        record(dworld, present=8)
    assert exc.value.code == errors.BAD_COUNTS
    nothing_stored()
    assert record(dworld, present=7).households_total == 7


def test_a_second_conference_the_same_year_is_refused(dworld: Any) -> None:
    first = record(dworld)
    with pytest.raises(DomainError) as exc:
        record(dworld, held_on=dt.date(2026, 12, 28))
    assert exc.value.code == errors.DUPLICATE_CONFERENCE
    assert list(Conference.objects.values_list("pk", flat=True)) == [first.pk]
    assert ConferenceReport.objects.count() == 3
    assert record(dworld, year=2025).year == 2025  # another year is another conference


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"held_on": dt.date(2027, 1, 5)}, errors.BAD_DATE),
        ({"held_on": dt.date(2025, 12, 30)}, errors.BAD_DATE),
        ({"present": 10}, errors.BAD_COUNTS),
        ({"present": -1}, errors.BAD_COUNTS),
        ({"chaired_by": "  "}, errors.REQUIRED),
        ({"record": ""}, errors.REQUIRED),
        ({"reports": [services.ReportInput("mayor", "x", "y")]}, errors.REQUIRED),
        ({"reports": [REPORTS[0], REPORTS[0]]}, errors.DUPLICATE_ITEM),
        ({"reports": [services.ReportInput("front", "", "y")]}, errors.REQUIRED),
    ],
)
def test_bad_records_are_refused_with_their_code_and_nothing_stored(dworld: Any, change: dict, code: str) -> None:
    with pytest.raises(DomainError) as exc:
        record(dworld, **change)
    assert exc.value.code == code
    nothing_stored()
    assert not AuditEvent.objects.filter(action="democracy.conference_record").exists()


def test_a_matter_of_another_village_is_not_in_scope(dworld: Any) -> None:
    theirs = matter(dworld, village=dworld.village2)
    with pytest.raises(DomainError) as exc:
        record(dworld, items=[services.ItemInput(theirs, "done")])
    assert exc.value.code == errors.NOT_IN_SCOPE
    nothing_stored()


def test_a_commune_wide_matter_of_another_commune_is_not_in_scope(dworld: Any) -> None:
    other = matter(dworld, scope=Scope.COMMUNE, village=None, commune=dworld.other_commune)
    with pytest.raises(DomainError) as exc:
        record(dworld, items=[services.ItemInput(other, "done")])
    assert exc.value.code == errors.NOT_IN_SCOPE
    nothing_stored()


@pytest.mark.parametrize("status", [MatterStatus.PROPOSED, MatterStatus.OPEN, MatterStatus.FAILED,
                                    MatterStatus.REFUSED, MatterStatus.WITHDRAWN])  # fmt: skip
def test_a_matter_not_decided_is_refused(dworld: Any, status: str) -> None:
    m = matter(dworld, status=status)
    with pytest.raises(DomainError) as exc:
        record(dworld, items=[services.ItemInput(m, "done")])
    assert exc.value.code == errors.BAD_STATE
    nothing_stored()


def test_a_matter_decided_after_the_year_belongs_to_a_later_conference(dworld: Any) -> None:
    m = matter(dworld, decided_on=dt.date(2027, 1, 10))
    with pytest.raises(DomainError) as exc:
        record(dworld, items=[services.ItemInput(m, "not_started")])
    assert exc.value.code == errors.BAD_DATE
    nothing_stored()


def test_a_matter_listed_twice_is_refused(dworld: Any) -> None:
    m = matter(dworld)
    with pytest.raises(DomainError) as exc:
        record(dworld, items=[services.ItemInput(m, "done"), services.ItemInput(m, "stalled")])
    assert exc.value.code == errors.DUPLICATE_ITEM
    nothing_stored()


def test_an_unknown_execution_status_is_refused(dworld: Any) -> None:
    with pytest.raises(DomainError) as exc:
        record(dworld, items=[services.ItemInput(matter(dworld), "finished")])
    assert exc.value.code == errors.REQUIRED
    nothing_stored()


def test_decided_matters_are_the_village_and_commune_wide_ones_decided_by_the_year(dworld: Any) -> None:
    own = matter(dworld, status=MatterStatus.IN_FORCE)
    recognised = matter(dworld, status=MatterStatus.RECOGNISED)
    wide = matter(dworld, scope=Scope.COMMUNE, village=None)
    matter(dworld, village=dworld.village2)  # another village's
    matter(dworld, status=MatterStatus.FAILED)
    matter(dworld, decided_on=dt.date(2027, 2, 1))  # next year's
    matter(dworld, scope=Scope.COMMUNE, village=None, commune=dworld.other_commune)
    assert {m.pk for m in selectors.decided_matters(dworld.village, 2026)} == {own.pk, recognised.pk, wide.pk}


def test_a_village_head_of_another_village_is_forbidden(dworld: Any) -> None:
    with pytest.raises(PermissionDenied) as exc:
        record(dworld, actor=dworld.village2_head)
    assert exc.value.code == "forbidden"
    nothing_stored()


def test_the_chair_of_another_commune_is_forbidden_even_when_the_record_is_also_bad(dworld: Any) -> None:
    with pytest.raises(PermissionDenied) as exc:
        record(dworld, actor=dworld.other_chair, present=99)
    assert exc.value.code == "forbidden"
    nothing_stored()


def test_the_commune_chair_may_record_any_village_of_the_commune(dworld: Any) -> None:
    assert record(dworld, actor=dworld.chair, village=dworld.village2, present=6).households_total == 6


def test_an_item_is_updated_later_and_audited(dworld: Any) -> None:
    c = record(dworld, items=[services.ItemInput(matter(dworld), "in_progress")])
    item = c.items.get()
    services.item_update(actor=dworld.village_head, item=item, status="done", note="Nghiệm thu 15/1")
    item.refresh_from_db()
    assert (item.status, item.note) == ("done", "Nghiệm thu 15/1")
    event = AuditEvent.objects.get(action="democracy.conference_item_update")
    assert event.before == {"status": "in_progress", "note": ""}


def test_an_item_update_is_refused_to_another_village_head_and_for_a_bad_status(dworld: Any) -> None:
    c = record(dworld, items=[services.ItemInput(matter(dworld), "in_progress")])
    item = c.items.get()
    with pytest.raises(PermissionDenied):
        services.item_update(actor=dworld.village2_head, item=item, status="done")
    with pytest.raises(DomainError) as exc:
        services.item_update(actor=dworld.village_head, item=item, status="over")
    assert exc.value.code == errors.REQUIRED
    item.refresh_from_db()
    assert item.status == "in_progress"
