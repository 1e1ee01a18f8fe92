""" "The same matter": the near-duplicate index, staff linking cases as one matter, and the alerts when many
people write about one matter (khiếu kiện đông người) and when a matter grows fast.

The index is written in the intake transaction (``cases.case_received``): computing a text's grams and
band keys takes about a millisecond and a few inserts, and a case committed without its index row would
be missing from every lookup until a rebuild. The check for many people runs there too, so an alert is
raised by the petition that makes the count (``alert_raise`` keeps one open alert per matter and kind).

Merging (closing a case as a duplicate) is the cases app's step, ``case_merge_duplicate``: called from
here, never redone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Track
from danvan.cases.models import Case
from danvan.cases.selectors import case_may_view
from danvan.cases.services.duplicates import case_merge_duplicate
from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound
from danvan.insight import errors as codes
from danvan.insight.models import Alert, AlertKind, AlertStatus, CaseBand, CaseSignature, MatterGroup, MatterGroupMember
from danvan.insight.selectors import duplicates as selectors
from danvan.insight.selectors.sources import shared_case_filter
from danvan.insight.services.alerts import alert_raise
from danvan.nlp import duplicates as nlp
from danvan.org import permissions
from danvan.org.models import Organization


def mass_people() -> int:
    """People on one matter from which an alert is raised (``DANVAN_INSIGHT_MASS_PEOPLE``): 5 by default,
    the size from which Luật Tiếp công dân 2013, Điều 30 asks a crowd to choose representatives."""
    return int(getattr(settings, "DANVAN_INSIGHT_MASS_PEOPLE", 5))


def growing_people() -> int:
    """People who, joining one matter within ``growing_days``, make it a matter that grows fast
    (``DANVAN_INSIGHT_GROWING_PEOPLE``): 3 by default, the fewest that are more than a pair of neighbours
    writing about the same thing, and the least the surge detector counts as a rise (``counts.Settings``)."""
    return int(getattr(settings, "DANVAN_INSIGHT_GROWING_PEOPLE", 3))


def growing_days() -> int:
    """The days, ending on the checked case's day, in which ``growing_people`` must join a matter
    (``DANVAN_INSIGHT_GROWING_DAYS``): 2 by default, that day and the one before, since the letters one
    event (a flood, a cut, a closed road) stirs come within a day or two, and the daily early warnings
    already watch the week."""
    return max(1, int(getattr(settings, "DANVAN_INSIGHT_GROWING_DAYS", 2)))


def case_index(*, case_id: int, title: str, content: str, unit_id: int | None, province_id: int | None,
               organization_id: int | None, track: str, received_on: dt.date, people_count: int = 1,
               public_title: str = "", public_text: str = "") -> Any:  # fmt: skip
    """Write (or rewrite) one case's entry in the near-duplicate index; returns its grams."""
    values = nlp.grams(title, content)
    public = _public_values(public_title, public_text)
    CaseSignature.objects.update_or_create(case_id=case_id, defaults={
        "grams": nlp.grams_to_bytes(values), "unit_id": unit_id, "province_id": province_id,
        "organization_id": organization_id, "track": track, "received_on": received_on,
        "people_count": max(1, people_count), "public_grams": _stored(public),
    })  # fmt: skip
    CaseBand.objects.filter(case_id=case_id).delete()
    CaseBand.objects.bulk_create([CaseBand(bucket=key, case_id=case_id, received_on=received_on)
                                  for key in _band_keys(values, public)])  # fmt: skip
    return values


def _public_values(title: str, text: str) -> Any:
    """The grams of a report's public title and text; None when it has none."""
    return nlp.grams(title, text) if (title.strip() or text.strip()) else None


def _stored(public: Any) -> bytes:
    return nlp.grams_to_bytes(public) if public is not None else b""


def _band_keys(values: Any, public: Any) -> list[int]:
    """A case's buckets: its text's, and its public text's in their own key space (``nlp.public_band_keys``)."""
    return nlp.band_keys(values) + (nlp.public_band_keys(public) if public is not None else [])


def on_case_received(event: Any) -> None:
    """``cases.case_received``: index the case, then see whether many people now write about its matter."""
    values = case_index(case_id=event.case_id, title=event.title, content=event.content, unit_id=event.unit_id,
                        province_id=event.province_id, organization_id=event.organization_id, track=event.track,
                        received_on=event.received_on, people_count=event.people_count,
                        public_title=event.public_title, public_text=event.public_text)  # fmt: skip
    if event.organization_id is not None:
        matter_check(case_id=event.case_id, values=values, just_received=True)


def on_public_text_changed(event: Any) -> None:
    """``cases.case_public_text_changed``: keep the grams and buckets of what the feed now shows of the report (a
    case not indexed yet gets them when it is: ``index_rebuild`` reads the public text too)."""
    received_on = CaseSignature.objects.filter(case_id=event.case_id).values_list("received_on", flat=True).first()
    if received_on is None:
        return
    public = _public_values(event.title, event.text)
    CaseBand.objects.filter(case_id=event.case_id, bucket__gte=nlp.PUBLIC_KEYS_FROM).delete()
    CaseSignature.objects.filter(case_id=event.case_id).update(public_grams=_stored(public))
    if public is not None:
        CaseBand.objects.bulk_create([CaseBand(bucket=key, case_id=event.case_id, received_on=received_on)
                                      for key in nlp.public_band_keys(public)])  # fmt: skip


def _same_matter(case: Case, values: Any, *, just_received: bool = False) -> list[int]:
    """The cases taken as the same matter as ``case``: linked with it, or alike enough in its place and
    window. A tố cáo counts only with cases of its own body (its content serves only that body). A case
    ``just_received`` (the intake transaction) is linked with none yet: its links are not read."""
    since = case.received_on - dt.timedelta(days=selectors.window_days())
    province_id = None  # read only where no commune is known: a commune's own cases need no province
    if case.place_unit_id is None:
        province_id = CaseSignature.objects.filter(case_id=case.pk).values_list("province_id", flat=True).first()
    own_body = Q(handling_organization_id=case.handling_organization_id)
    allowed = own_body if case.is_to_cao else (~Q(track=Track.TO_CAO) | own_body)
    alike = selectors.alike(values, permitted=Case.objects.filter(allowed, duplicate_of__isnull=True),
                            unit_id=case.place_unit_id, province_id=province_id, since=since, exclude=[case.pk],
                            limit=200, minimum=selectors.same_matter_score())  # fmt: skip
    linked = [] if just_received else selectors.group_of(case.pk)
    return sorted({case.pk, *(pk for pk, _ in alike), *linked})


def matter_check(*, case_id: int, values: Any = None, just_received: bool = False) -> list[tuple[Any, bool]]:
    """Raise (or add to) the alerts on ``case_id``'s matter: many people (the people behind it reach
    ``mass_people``) and grows fast (``growing_people`` or more joined within ``growing_days`` of the case's
    day, and they are most of its people). Each stands on its own: one matter may have both.

    Alerts are read by heads and dân vận officers, most of whom may not read denunciations: a tố cáo never
    raises one, is never counted in one, nor named by its title (``selectors.sources.shared_case_filter``, the
    rule of every deployment-wide count). "Grows fast" is judged as of today: linking old cases later does
    not raise a stale alert.

    ``just_received``: called in the case's intake transaction, when it is linked with no case yet.

    Returns what ``alert_raise`` returned for each alert raised or added to (empty: neither)."""
    case = Case.objects.filter(pk=case_id).select_related("handling_organization").first()
    if case is None or case.handling_organization is None or case.is_to_cao:
        return []
    if values is None:
        row = CaseSignature.objects.filter(case_id=case_id).values_list("grams", flat=True).first()
        values = nlp.grams_from_bytes(row) if row is not None else nlp.grams(case.title, case.content)
    same = _same_matter(case, values, just_received=just_received)
    shared = Case.objects.filter(shared_case_filter(), pk__in=same, duplicate_of__isnull=True)
    matter = list(shared.values_list("pk", "received_on", "people_count"))
    ids = sorted(pk for pk, _day, _n in matter)
    if case.pk not in ids:  # merged away as a duplicate meanwhile: its original carries the matter
        return []
    arrivals = [(day, n) for _pk, day, n in matter]
    people = sum(n for _day, n in arrivals)
    growth = nlp.growth(arrivals, on=clock.today(), people=growing_people(), days=growing_days())
    if people < mass_people() and not growth.fast:
        return []
    group = MatterGroupMember.objects.filter(case_id=case_id).values_list("group_id", flat=True).first()
    raised = []

    def alert(kind: str, key: str, summary: str, figures: dict[str, Any]) -> None:
        raised.append(alert_raise(kind=kind, key=key, organization=_alert_body(case), unit=case.place_unit,
                                  topic=case.topic.code if case.topic else "", title_parts={"title": case.title[:200]},
                                  summary=summary, figures=figures, case_ids=ids))  # fmt: skip

    if people >= mass_people():
        alert(
            AlertKind.MASS_COMPLAINT, _matter_key("", ids, group),
            _("%(people)s people in %(cases)s petitions on what looks like one matter within %(days)s days.")
            % {"people": people, "cases": len(ids), "days": selectors.window_days()},
            {"people": people, "cases": len(ids), "window_days": selectors.window_days(),
             "threshold_people": mass_people()},
        )  # fmt: skip
    if growth.fast:
        alert(
            AlertKind.MATTER_GROWING, _matter_key("growing:", ids, group),
            _("%(recent)s of the %(people)s people on what looks like one matter joined it within %(days)s days "
              "(up to %(on)s).")
            % {"recent": growth.recent_people, "people": people, "days": growth.days,
               "on": growth.on.strftime("%d/%m/%Y")},
            {"recent_people": growth.recent_people, "recent_days": growth.days, "people": people, "cases": len(ids),
             "threshold_people": growing_people()},
        )  # fmt: skip
    return raised


def _matter_key(prefix: str, ids: list[int], group: int | None) -> str:
    """The key of the matter's one open alert of a kind (``prefix``): its linked group's, or else its first
    case's. An open alert raised under another key of the same matter carries on — raised before the cases
    were linked (it moves to the group's key), or from an earlier first case (similarity is not transitive: a
    new case alike only to the later ones changes the first) — so one matter never has two."""
    wanted = f"{prefix}group:{group}" if group is not None else f"{prefix}matter:{min(ids)}"
    still_open = Alert.objects.exclude(status=AlertStatus.CLOSED)
    if still_open.filter(key=wanted).exists():
        return wanted
    earlier = still_open.filter(key__in=[f"{prefix}matter:{pk}" for pk in ids]).order_by("opened_at", "pk").first()
    if earlier is None:
        return wanted
    if group is not None:
        earlier.key = wanted
        earlier.save(update_fields=["key"])
        return wanted
    return earlier.key


def _alert_body(case: Case) -> Organization:
    organization = case.handling_organization
    assert organization is not None
    return organization


# Staff: one matter, linked or merged ---------------------------------------------------------------------


def _other(actor: Any, other_id: int) -> Case:
    other = Case.objects.filter(pk=other_id).first()
    if other is None or not case_may_view(actor, other):
        raise NotFound("case not found")
    return other


@transaction.atomic
def matter_link(*, actor: Any, case: Case, other_id: int) -> MatterGroup:
    """Link ``case`` and the case ``other_id`` as one matter ("cùng vụ việc"), neither closed. A handler of
    ``case`` who may open the other may; two groups linked become one."""
    permissions.require(actor, case_permissions.HANDLE, case)
    other = _other(actor, other_id)
    if other.pk == case.pk:
        raise DomainError(_("A case cannot be linked with itself."), code=codes.MATTER_SELF)
    members = {
        m.case_id: m for m in MatterGroupMember.objects.select_for_update().filter(case_id__in=[case.pk, other.pk])
    }
    mine, theirs = members.get(case.pk), members.get(other.pk)
    if mine is not None and theirs is not None and mine.group_id == theirs.group_id:
        raise DomainError(_("These cases are already linked as one matter."), code=codes.MATTER_ALREADY)
    if mine is not None:
        group = mine.group
    elif theirs is not None:
        group = theirs.group
    else:
        group = MatterGroup.objects.create(created_by=actor)
    if mine is not None and theirs is not None:  # two groups become one
        MatterGroupMember.objects.filter(group_id=theirs.group_id).update(group=group)
        MatterGroup.objects.filter(pk=theirs.group_id).delete()
    for pk in (case.pk, other.pk):
        if pk not in members:
            MatterGroupMember.objects.create(group=group, case_id=pk, linked_by=actor)
    audit_record(actor=actor, action="insight.matter_linked", obj=group,
                 after={"case": case.pk, "other": other.pk, "group": group.pk})  # fmt: skip
    matter_check(case_id=case.pk)
    return group


@transaction.atomic
def matter_unlink(*, actor: Any, case: Case) -> None:
    """Take ``case`` out of its matter group (a group left with one case is removed)."""
    permissions.require(actor, case_permissions.HANDLE, case)
    member = MatterGroupMember.objects.select_for_update().filter(case_id=case.pk).first()
    if member is None:
        raise DomainError(_("This case is not linked with another."), code=codes.MATTER_NOT_LINKED)
    group_id = member.group_id
    member.delete()
    if MatterGroupMember.objects.filter(group_id=group_id).count() < 2:
        MatterGroup.objects.filter(pk=group_id).delete()
    audit_record(actor=actor, action="insight.matter_unlinked", object_type="insight.mattergroup",
                 object_id=str(group_id), before={"case": case.pk, "group": group_id})  # fmt: skip


def matter_merge(*, actor: Any, case: Case, other_id: int, note: str = "") -> Case:
    """Close ``case`` as a duplicate of the case ``other_id``: the cases app's ``case_merge_duplicate``."""
    other = _other(actor, other_id)
    return case_merge_duplicate(case=case, actor=actor, original=other.tracking_code, note=note)


def index_rebuild(*, batch: int = 2000, after: int = 0, limit: int | None = None,
                  progress: Any = None) -> tuple[int, int]:  # fmt: skip
    """(Re)index cases with id > ``after`` in batches of ``batch``, oldest first; resumable by ``after``.

    Returns ``(cases indexed, last id)``. A batch is one transaction: stopped midway, the next run starts
    from the last id it printed."""
    done, last = 0, after
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        indexed, last = _index_batch(after=last, size=size)
        if not indexed:
            break
        done += indexed
        if progress is not None:
            progress(done, last)
    return done, last


@transaction.atomic
def _index_batch(*, after: int, size: int) -> tuple[int, int]:
    """Index the ``size`` cases after id ``after``; returns (how many, the last id). The cases are read locked,
    in the transaction that writes their rows: a public text a moderator corrects meanwhile waits, then
    publishes its event after these rows, never before a write of the old text."""
    rows = list(
        Case.objects.select_for_update(of=("self",)).filter(pk__gt=after).order_by("pk").values_list(
            "pk", "title", "content", "redacted_content", "track", "place_unit_id", "place_unit__province_id",
            "handling_organization_id", "received_on", "people_count", "publish_wanted", "public_title",
            "public_text",
        )[:size]
    )  # fmt: skip
    if not rows:
        return 0, after
    ids = [r[0] for r in rows]
    CaseBand.objects.filter(case_id__in=ids).delete()
    CaseSignature.objects.filter(case_id__in=ids).delete()
    signatures, bands = [], []
    for row in rows:
        pk, title, content, redacted, track, unit, province, organization, received_on, people = row[:10]
        published, public_title, public_text = row[10:]
        values = nlp.grams(title, redacted if track == Track.TO_CAO else content)
        public = _public_values(public_title, public_text) if published else None
        signatures.append((pk, nlp.grams_to_bytes(values), unit, province, organization, track, received_on,
                           max(1, people or 1), _stored(public)))  # fmt: skip
        bands += [(key, pk, received_on) for key in _band_keys(values, public)]
    signature_columns = ["case_id", "grams", "unit_id", "province_id", "organization_id", "track", "received_on",
                         "people_count", "public_grams"]  # fmt: skip
    if connection.vendor == "postgresql":
        # COPY: a million cases make 32 million band rows; as model objects and INSERTs the rebuild ran at 750
        # cases/s (22 min for a million), with COPY a million took 11.7 min, 4 of them this process's CPU
        # (docs/insight.md)
        _copy(CaseSignature, signature_columns, signatures)
        _copy(CaseBand, ["bucket", "case_id", "received_on"], bands)
        return len(rows), ids[-1]
    CaseSignature.objects.bulk_create([CaseSignature(**dict(zip(signature_columns, row, strict=True)))
                                       for row in signatures], batch_size=1000)  # fmt: skip
    CaseBand.objects.bulk_create([CaseBand(bucket=b, case_id=c, received_on=d) for b, c, d in bands], batch_size=5000)
    return len(rows), ids[-1]


def _copy(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """``rows`` into ``model``'s table with PostgreSQL's COPY (``columns`` named as the model's attributes)."""
    column_of = {f.attname: f.column for f in model._meta.concrete_fields}
    names = ", ".join(connection.ops.quote_name(column_of[name]) for name in columns)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
