""" "The same matter": cases like a text, in its place and time window, among those a reader may open.

Candidates come from the index (``CaseSignature``, ``CaseBand``; nlp.duplicates): every indexed case of
the same commune received in the window, or, where no commune is known, the cases sharing a MinHash-LSH
bucket (in the province when one is known). The reader's filter is applied BEFORE ranking: a case the
reader may not open (a tố cáo without VIEW_TO_CAO, another body's case, a private case on the public
form) is neither shown nor counted in the weights that rank the others. (Which cases are candidates — the
newest 600 of a commune, the order of bucket hits — is decided on the index alone, every case of the window
counted: it chooses what is ranked, never what is shown.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q

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


def candidate_ids(values: Any, *, unit_id: int | None, province_id: int | None, since: dt.date,
                  until: dt.date | None = None) -> list[int]:  # fmt: skip
    """Indexed cases that may be the same matter as the grams ``values`` (not yet filtered for a reader)."""
    keys = nlp.band_keys(values)
    if unit_id is not None:
        rows = CaseSignature.objects.filter(unit_id=unit_id, received_on__gte=since)
        if until is not None:
            rows = rows.filter(received_on__lte=until)
        newest = list(rows.order_by("-received_on", "-case_id").values_list("case_id", flat=True)[:CANDIDATES])
        if len(newest) < CANDIDATES or not keys:
            return newest
        # A busy commune holds more than CANDIDATES cases in the window: the newest ones, and those of the
        # commune sharing a bucket with the text (older ones of the same matter)
        hits = _bucket_hits(keys, since, until)[: CANDIDATES * 3]
        here = set(rows.filter(case_id__in=hits).values_list("case_id", flat=True))
        return list(dict.fromkeys(newest + [pk for pk in hits if pk in here][:CANDIDATES]))
    if not keys:
        return []
    ids = _bucket_hits(keys, since, until)
    if province_id is not None and ids:
        inside = set(
            CaseSignature.objects.filter(case_id__in=ids[: CANDIDATES * 3], province_id=province_id).values_list(
                "case_id", flat=True
            )
        )
        ids = [pk for pk in ids if pk in inside]
    return ids[:CANDIDATES]


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


def similar_among(values: Any, ids: Iterable[int], *, allowed: Q, exclude: Iterable[int] = (), limit: int = 10,
                  minimum: float = 0.0) -> list[tuple[int, float]]:  # fmt: skip
    """``(case id, score)`` of the cases among ``ids`` that ``allowed`` lets through, not merged away, ranked."""
    skip = set(exclude)
    ids = [pk for pk in ids if pk not in skip]
    if not ids or not len(values):
        return []
    permitted = Case.objects.filter(allowed, pk__in=ids, duplicate_of__isnull=True).values("pk")
    rows = CaseSignature.objects.filter(case_id__in=permitted).values_list("case_id", "grams")
    return nlp.rank_stored(values, rows, limit=limit, minimum=minimum)


def similar_for_case(*, user: Any, case: Case, limit: int = 10) -> list[Similar]:
    """Cases like ``case`` that ``user`` may open: same commune (or, without one, same province by the
    index), received within the window before or after it; best first."""
    signature = CaseSignature.objects.filter(case_id=case.pk).first()
    text = case.redacted_content if case.is_to_cao else case.content
    values = nlp.grams_from_bytes(signature.grams) if signature is not None else nlp.grams(case.title, text)
    days = dt.timedelta(days=window_days())
    province_id = signature.province_id if signature is not None else None
    ids = candidate_ids(values, unit_id=case.place_unit_id, province_id=province_id,
                        since=case.received_on - days, until=case.received_on + days)  # fmt: skip
    ranked = similar_among(values, ids, allowed=staff_visible(user), exclude=[case.pk], limit=limit,
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
    ids = candidate_ids(values, unit_id=unit_id, province_id=None, since=today - dt.timedelta(days=window_days()),
                        until=today)  # fmt: skip
    shown = Case.objects.filter(public_q(), pk__in=ids, duplicate_of__isnull=True).values("pk")
    rows = CaseSignature.objects.filter(case_id__in=shown).exclude(public_grams=b"")
    ranked = nlp.rank_stored(values, rows.values_list("case_id", "public_grams"), limit=limit, minimum=0.15)
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
