""" "The same matter": cases like a text, in its place and time window, among those a reader may open.

Candidates come from the index (``CaseSignature``, ``CaseBand``; nlp.duplicates): the indexed cases of
the same commune received in the window, or, where no commune is known, the cases sharing a MinHash-LSH
bucket (in the province when one is known). The reader's filter is applied BEFORE ranking, in the query that
reads the candidates: a case the reader may not open (a tố cáo without VIEW_TO_CAO, another body's case, a
private case on the public form) is neither shown nor counted in the weights that rank the others, and in a
commune takes no candidate's place. (The order of bucket hits and which buckets are boilerplate are decided
on the index alone, every case of the window counted: they choose what is ranked, never what is shown.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from danvan.cases.models import Case
from danvan.cases.selectors import staff_visible
from danvan.cases.selectors_feed import place_unit_for, public_q
from danvan.core import clock
from danvan.insight.models import CaseBand, CaseSignature, MatterGroupMember
from danvan.nlp import duplicates as nlp

# The public look-up (the petition form's ``/y-kien-tuong-tu.json`` and ``POST /api/v1/insight/similar-public``):
# lookups from one address in 10 minutes, counted together for both doors — a citizen typing a long petition
# pauses a few dozen times; and the characters of each field read (nlp.duplicates reads no more).
PUBLIC_SCOPE, PUBLIC_LIMIT, PUBLIC_WINDOW = "insight_similar", 120, 600
MAX_FIELD = 20_000
# A complaint's or a denunciation's writer is not looking for a public report: nothing is shown to them.
NOT_LOOKED_UP = frozenset({"khieu_nai", "to_cao"})
CANDIDATES = nlp.CANDIDATES  # newest first in a commune; in nlp.duplicates.bucket_order elsewhere


def window_days() -> int:
    """How far back "the same matter" looks (``DANVAN_INSIGHT_SAME_MATTER_DAYS``, 90 days by default)."""
    return int(getattr(settings, "DANVAN_INSIGHT_SAME_MATTER_DAYS", 90))


def same_matter_score() -> float:
    """The similarity from which two cases are taken as one matter when counting people for an alert
    (``DANVAN_INSIGHT_SAME_MATTER_SCORE``); suggestions to read show lower ones too."""
    return float(getattr(settings, "DANVAN_INSIGHT_SAME_MATTER_SCORE", 0.4))


@dataclass(frozen=True)
class Similar:
    case: Case
    score: float


def alike(values: Any, *, permitted: QuerySet[Case], unit_id: int | None, province_id: int | None, since: dt.date,
          until: dt.date | None = None, exclude: Iterable[int] = (), column: str = "grams", limit: int = 10,
          minimum: float = 0.0) -> list[tuple[int, float]]:  # fmt: skip
    """``(case id, score)`` of the indexed cases like the grams ``values``, in the place and window, among
    ``permitted`` (what the reader may open, not merged away), best first; ranked on the stored ``column``
    (``public_grams``: what the feed shows of a report; a case without it is left out).

    Candidates: in a commune, its newest ``CANDIDATES`` permitted cases of the window, and in a busy commune
    (that many or more) also those of its permitted cases sharing a bucket with the text, among the first
    ``3 × CANDIDATES`` bucket hits; without a commune, the first ``CANDIDATES`` permitted cases (in the province
    when one is known) among the first ``3 × CANDIDATES`` bucket hits in ``nlp.duplicates.bucket_order``. The
    reader's filter is joined to the query that reads the candidates' grams: in a commune, one query, and a
    case the reader may not open takes no candidate's place; the bucket hits are the index's, every case
    counted (as a bucket's size is), so there such cases may use up some of the hits read."""
    if not len(values):
        return []
    skip = set(exclude)
    signatures = CaseSignature.objects.filter(case_id__in=permitted.values("pk"))
    if column != "grams":
        signatures = signatures.exclude(**{column: b""})
    # the buckets of the text ranked: a public report's are those of its public text (nlp.public_band_keys)
    band_keys = nlp.public_band_keys if column == "public_grams" else nlp.band_keys
    if unit_id is not None:
        here = signatures.filter(unit_id=unit_id, received_on__gte=since)
        if until is not None:
            here = here.filter(received_on__lte=until)
        newest = here.exclude(case_id__in=skip) if skip else here
        rows = list(newest.order_by("-received_on", "-case_id").values_list("case_id", column)[:CANDIDATES])
        if len(rows) == CANDIDATES:
            # a busy commune: the newest cases, and those of the commune sharing a bucket with the text (older
            # ones of the same matter); the band keys are computed only here (MinHash: the costly part of them)
            seen = skip | {pk for pk, _ in rows}
            hits = [pk for pk in _bucket_hits(band_keys(values), since, until) if pk not in seen]
            rows += _first_permitted(here, hits, column)
    else:
        hits = [pk for pk in _bucket_hits(band_keys(values), since, until) if pk not in skip]
        inside = signatures.filter(province_id=province_id) if province_id is not None else signatures
        rows = _first_permitted(inside, hits, column)
    return nlp.rank_stored(values, rows, limit=limit, minimum=minimum)


def _first_permitted(signatures: QuerySet[CaseSignature], hits: list[int], column: str) -> list[tuple[int, Any]]:
    """``(case id, stored column)`` of the first ``CANDIDATES`` of ``signatures`` among the first ``3 ×
    CANDIDATES`` ``hits``, in their order. Read ``CANDIDATES`` hits at a time, stopping when enough are found:
    on the petition form nearly every hit is a public report (only those have public buckets), and reading
    1,800 to keep 600 took 34 ms of a 54 ms look-up at 1,000,000 cases."""
    rows: list[tuple[int, Any]] = []
    for start in range(0, min(len(hits), CANDIDATES * 3), CANDIDATES):
        chunk = hits[start : start + CANDIDATES]
        found = dict(signatures.filter(case_id__in=chunk).values_list("case_id", column))
        rows += [(pk, found[pk]) for pk in chunk if pk in found]
        if len(rows) >= CANDIDATES:
            break
    return rows[:CANDIDATES]


def _bucket_hits(keys: list[int], since: dt.date, until: dt.date | None) -> list[int]:
    """Cases sharing a band bucket with ``keys`` in the window, in ``nlp.duplicates.bucket_order``.

    One query reads each bucket up to one row past ``nlp.duplicates.MAX_BUCKET`` (a fuller bucket is
    boilerplate, left out), so the buckets kept are read whole and weighed by their true size: at most
    32 × 501 rows of the (bucket, received_on) index, which covers the case on PostgreSQL."""
    keys = sorted(set(keys))
    if not keys:
        return []
    table = connection.ops.quote_name(CaseBand._meta.db_table)
    window = "received_on >= %s" + (" AND received_on <= %s" if until is not None else "")
    bounds = [since] + ([until] if until is not None else [])
    # only the quoted table name and fixed text are spliced in; every value is a parameter
    one = f"SELECT * FROM (SELECT bucket, case_id FROM {table} WHERE bucket = %s AND {window} LIMIT %s) AS b{{}}"  # noqa: S608
    sql = " UNION ALL ".join(one.format(i) for i in range(len(keys)))
    params: list[Any] = []
    for key in keys:
        params += [key, *bounds, nlp.MAX_BUCKET + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return nlp.bucket_order(cursor.fetchall())


def similar_for_case(*, user: Any, case: Case, limit: int = 10) -> list[Similar]:
    """Cases like ``case`` that ``user`` may open: same commune (or, without one, same province by the
    index), received within the window before or after it; best first."""
    signature = CaseSignature.objects.filter(case_id=case.pk).first()
    text = case.redacted_content if case.is_to_cao else case.content
    values = nlp.grams_from_bytes(signature.grams) if signature is not None else nlp.grams(case.title, text)
    days = dt.timedelta(days=window_days())
    province_id = signature.province_id if signature is not None else None
    permitted = Case.objects.filter(staff_visible(user), duplicate_of__isnull=True)
    ranked = alike(values, permitted=permitted, unit_id=case.place_unit_id, province_id=province_id,
                   since=case.received_on - days, until=case.received_on + days, exclude=[case.pk], limit=limit,
                   minimum=0.05)  # fmt: skip
    if not ranked:
        return []
    cases = Case.objects.select_related("handling_organization").in_bulk([pk for pk, _ in ranked])
    return [Similar(cases[pk], score) for pk, score in ranked if pk in cases]


def similar_public(*, title: str, content: str, place_text: str = "", track: str = "", limit: int = 5,
                   today: dt.date | None = None) -> list[Case]:  # fmt: skip
    """Public reports (``selectors_feed.public_q``: published on the feedback feed, never a khiếu nại, a tố
    cáo or a private case) like what a citizen is typing, in the place written when it names one commune;
    for the petition form, before sending. Nothing for a complaint or a denunciation being written.

    Ranked on what the feed shows of each report (its redacted ``public_title`` and ``public_text``), never
    on its full text: a score computed from the hidden text would let anyone probe it (send the public text
    plus a guessed name or phone number and see whether the report still comes back)."""
    if track.strip().lower() in NOT_LOOKED_UP:
        return []
    values = nlp.grams(title, content)
    if len(values) < 3:  # a word or two says nothing yet
        return []
    today = today or clock.today()
    unit_id = place_unit_for(place_text) if place_text.strip() else None
    ranked = alike(values, permitted=Case.objects.filter(public_q(), duplicate_of__isnull=True), unit_id=unit_id,
                   province_id=None, since=today - dt.timedelta(days=window_days()), until=today,
                   column="public_grams", limit=limit, minimum=0.15)  # fmt: skip
    cases = Case.objects.select_related("place_unit").in_bulk([pk for pk, _ in ranked])
    return [cases[pk] for pk, _ in ranked if pk in cases]


def group_of(case_id: int) -> list[int]:
    """The ids of the cases linked with ``case_id`` as one matter (itself included), or [] when none."""
    mine = MatterGroupMember.objects.filter(case_id=case_id).values("group_id")
    return list(MatterGroupMember.objects.filter(group_id__in=mine).values_list("case_id", flat=True))


def linked_beyond(*, user: Any, case_ids: Iterable[int]) -> list[Case]:
    """The linked cases among ``case_ids`` that ``user`` may open (those the ranking did not bring: another place
    or time), with their handling body."""
    ids = list(case_ids)
    if not ids:
        return []
    return list(Case.objects.filter(staff_visible(user), pk__in=ids).select_related("handling_organization"))


@dataclass(frozen=True)
class SameMatter:
    """ "The same matter" for a case as its reader sees it: the cases like it not linked with it, those linked
    that the ranking brought, and the linked ones it did not (another place or time), all openable by them."""

    similar: list[Similar]
    linked: list[Similar]
    linked_elsewhere: list[Case]


def same_matter_for(*, user: Any, case: Case) -> SameMatter:
    """What the case page's panel and ``GET /insight/cases/{id}/same-matter`` show (the caller checked that
    ``user`` may open ``case``)."""
    ranked = similar_for_case(user=user, case=case)
    linked_ids = set(group_of(case.pk)) - {case.pk}
    return SameMatter(
        similar=[s for s in ranked if s.case.pk not in linked_ids],
        linked=[s for s in ranked if s.case.pk in linked_ids],
        linked_elsewhere=linked_beyond(user=user, case_ids=linked_ids - {s.case.pk for s in ranked}),
    )
