"""The yearly community conference (Luật Thực hiện dân chủ ở cơ sở, Art. 33; spec §5.4): once a year,
at year end, the village head convenes and chairs it, every household is invited; the village head
reports on the village's situation and the execution of what the community decided, the Front work
committee on the practice of democracy, the Ban TTND member on supervision.

``conference_record`` stores one conference per village and year with its three reports and the
execution status of each matter the village (or the whole commune) decided by then; the households
invited are the households counted that day (a snapshot). ``item_update`` changes an item's status
later. Both need HOLD_CONFERENCES on the village's body and are audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.democracy import errors
from danvan.democracy.enums import ExecutionStatus, Scope
from danvan.democracy.models import Conference, ConferenceItem, ConferenceReport, Matter, Village
from danvan.democracy.permissions import HOLD_CONFERENCES
from danvan.democracy.selectors import conferences as selectors
from danvan.org.permissions import require

TEXT_MAX = 10_000
STATUSES = frozenset(s.value for s in ExecutionStatus)


@dataclass(frozen=True)
class ReportInput:
    presenter: str  # village_head | front | ttnd
    title: str
    summary: str


@dataclass(frozen=True)
class ItemInput:
    matter: Matter
    status: str  # ExecutionStatus
    note: str = ""


def _refuse(message: str, code: str, field: str = "") -> DomainError:
    return DomainError(message, code=code, details={field: message} if field else None)


def _check_matter(village: Village, year: int, matter: Matter) -> None:
    """A matter the conference may report: of this village (or commune-wide in its commune), decided,
    and decided in or before the conference's year."""
    own = matter.scope == Scope.VILLAGE and matter.village_id == village.pk
    commune_wide = matter.scope == Scope.COMMUNE and matter.commune_id == village.commune_id
    if not (own or commune_wide):
        raise _refuse(_("Matter %(code)s was not decided by this village or its commune; a conference reports "
                        "only its own community's decisions (Art. 33).") % {"code": matter.code},
                      errors.NOT_IN_SCOPE, "items")  # fmt: skip
    if matter.status not in selectors.DECIDED:
        raise _refuse(_("Matter %(code)s has not been decided (passed, recognised or in force): there is no "
                        "execution to report yet (Art. 33).") % {"code": matter.code},
                      errors.BAD_STATE, "items")  # fmt: skip
    decided = matter.decided_on or matter.proposed_on
    if decided is not None and decided.year > year:
        raise _refuse(_("Matter %(code)s was decided after %(year)s; it belongs to a later conference (Art. 33).")
                      % {"code": matter.code, "year": year}, errors.BAD_DATE, "items")  # fmt: skip


def _check(village: Village, year: int, held_on: Any, chaired_by: str, present: Any, record: str,
           reports: list[ReportInput], items: list[ItemInput], total: int) -> None:  # fmt: skip
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise _refuse(_("Give the conference's year."), errors.REQUIRED, "year")
    if not isinstance(held_on, dt.date):
        raise _refuse(_("Give the date the conference was held."), errors.REQUIRED, "held_on")
    if held_on.year != year:
        raise _refuse(_("The conference of %(year)s is held in %(year)s, at the end of the year (Art. 33(1)).")
                      % {"year": year}, errors.BAD_DATE, "held_on")  # fmt: skip
    if not (chaired_by or "").strip():
        raise _refuse(_("Say who chaired the conference (the village head, Art. 33(1))."), errors.REQUIRED,
                      "chaired_by")  # fmt: skip
    if not (record or "").strip():
        raise _refuse(_("Write the conference's record."), errors.REQUIRED, "record")
    if not isinstance(present, int) or present < 0 or present > total:
        raise _refuse(_("Households present must be between 0 and the %(total)s households of the village.")
                      % {"total": total}, errors.BAD_COUNTS, "present")  # fmt: skip
    seen: set[str] = set()
    for report in reports:
        if report.presenter not in selectors.PRESENTERS:
            raise _refuse(_("A report is presented by the village head, the Front work committee or the Ban TTND "
                            "(Art. 33(2))."), errors.REQUIRED, "reports")  # fmt: skip
        if report.presenter in seen:
            raise _refuse(_("Each of the three reports is given once."), errors.DUPLICATE_ITEM, "reports")
        seen.add(report.presenter)
        if not report.title.strip() or not report.summary.strip() or len(report.summary) > TEXT_MAX:
            raise _refuse(_("Each report needs its title and summary."), errors.REQUIRED, "reports")
    matters: set[int] = set()
    for item in items:
        if item.matter.pk in matters:
            raise _refuse(_("Matter %(code)s is listed twice.") % {"code": item.matter.code}, errors.DUPLICATE_ITEM,
                          "items")  # fmt: skip
        matters.add(item.matter.pk)
        if item.status not in STATUSES:
            raise _refuse(_("Choose how far matter %(code)s has been carried out.") % {"code": item.matter.code},
                          errors.REQUIRED, "items")  # fmt: skip
        _check_matter(village, year, item.matter)


def _duplicate(village: Village, year: int) -> DomainError:
    return _refuse(_("The conference of %(year)s of %(village)s is already recorded: a village holds it once a "
                     "year (Art. 33(1)). Open it to update the items.") % {"year": year, "village": village.name},
                   errors.DUPLICATE_CONFERENCE, "year")  # fmt: skip


def conference_record(
    *,
    actor: Any,
    village: Village,
    year: int,
    held_on: dt.date,
    chaired_by: str,
    present: int,
    record: str,
    reports: list[ReportInput],
    items: list[ItemInput],
) -> Conference:
    """Record ``village``'s conference of ``year``: its reports and the execution of decided matters.

    Refusals (nothing stored): ``forbidden`` (no HOLD_CONFERENCES on the village's body),
    ``duplicate_conference`` (already recorded for that year), ``bad_date`` (held outside the year, or a
    matter decided after it), ``bad_counts`` (present over the households counted), ``required``,
    ``duplicate_item``, ``not_in_scope`` (another village's or commune's matter), ``bad_state`` (a matter
    not decided)."""
    require(actor, HOLD_CONFERENCES, village)
    with transaction.atomic():
        Village.objects.select_for_update().filter(pk=village.pk).first()  # one recording at a time per village
        if Conference.objects.filter(village=village, year=year).exists():
            raise _duplicate(village, year)
        total = selectors.households_counted(village)
        _check(village, year, held_on, chaired_by, present, record, reports, items, total)
        try:
            with transaction.atomic():
                conference = Conference.objects.create(
                    village=village, year=year, held_on=held_on, chaired_by=chaired_by.strip(),
                    households_total=total, present=present, record=record.strip(),
                    recorded_by=actor if getattr(actor, "pk", None) else None,
                )  # fmt: skip
        except IntegrityError:
            raise _duplicate(village, year) from None
        ConferenceReport.objects.bulk_create(
            [
                ConferenceReport(
                    conference=conference, presenter=r.presenter, title=r.title.strip(), summary=r.summary.strip()
                )
                for r in reports
            ]
        )
        ConferenceItem.objects.bulk_create(
            [
                ConferenceItem(conference=conference, matter=i.matter, status=i.status, note=i.note.strip()[:500])
                for i in items
            ]
        )
        audit_record(actor=actor, action="democracy.conference_record", obj=conference,
                     object_repr=f"{village.name} {year}",
                     after={"village": village.pk, "year": year, "held_on": held_on.isoformat(), "present": present,
                            "households_total": total, "reports": [r.presenter for r in reports],
                            "items": {i.matter.code: i.status for i in items}})  # fmt: skip
    return conference


def item_update(*, actor: Any, item: ConferenceItem, status: str, note: str = "") -> ConferenceItem:
    """Change how far a decided matter has been carried out (after the conference, as work goes on)."""
    conference = item.conference
    require(actor, HOLD_CONFERENCES, conference)
    if status not in STATUSES:
        raise _refuse(_("Choose how far the matter has been carried out."), errors.REQUIRED, "status")
    with transaction.atomic():
        locked = ConferenceItem.objects.select_for_update().get(pk=item.pk)
        before = {"status": locked.status, "note": locked.note}
        locked.status, locked.note = status, (note or "").strip()[:500]
        locked.save(update_fields=["status", "note"])
        audit_record(actor=actor, action="democracy.conference_item_update", obj=conference,
                     object_repr=f"{conference.village.name} {conference.year}", before=before,
                     after={"matter": locked.matter_id, "status": locked.status, "note": locked.note})  # fmt: skip
    return locked
