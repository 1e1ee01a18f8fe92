"""Consultations: the maps part's services (they change state; each a transaction with its audit).

``recompute`` reads the votes that count (``selectors.maps.map_vote_matrix``), runs the opinion map
(``opinion_map.compute``, pure) and stores an ``OpinionMap`` row, keeping only the last ``KEEP`` rows of a
consultation. It is skipped when the votes are as the latest map saw them (``selectors.maps.map_source``'s
fingerprint, kept in the row's ``result["source"]``). The periodic ``tasks_maps.maps_refresh`` calls it for
every open consultation; ``map_recompute_now`` is the staff's button.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from danvan.consultations import opinion_map
from danvan.consultations.models import Consultation, OpinionMap
from danvan.consultations.permissions import MANAGE
from danvan.consultations.selectors import maps as selectors
from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.org.permissions import require

log = logging.getLogger(__name__)

KEEP = 5  # the last maps kept per consultation (older rows are deleted: each is recomputable from the votes)


def _unchanged(latest: OpinionMap | None, source: selectors.MapSource) -> bool:
    if latest is None or latest.method != opinion_map.METHOD:
        return False
    return latest.votes_seen == source.votes and (latest.result or {}).get("source") == source.fingerprint


def recompute(consultation: Consultation, *, force: bool = False) -> OpinionMap | None:
    """The consultation's map from its votes now: the new row, or None when nothing changed since the
    latest map (unless ``force``). The computation runs outside any transaction (it may take seconds on a
    province's consultation); the row is stored, and old ones pruned, in one transaction."""
    source = selectors.map_source(consultation)
    if not force and _unchanged(selectors.latest_map(consultation), source):
        return None
    result = opinion_map.compute(selectors.map_vote_matrix(consultation))
    stored: dict[str, Any] = result.to_json()
    stored["source"] = source.fingerprint
    with transaction.atomic():
        row = OpinionMap.objects.create(
            consultation=consultation,
            computed_at=clock.now(),
            votes_seen=source.votes,
            participants=len(result.placements),
            statements=len(result.statements),
            groups=len(result.groups),
            silhouette=result.silhouette,
            seconds=result.seconds,
            method=result.method,
            result=stored,
        )
        keep = list(
            OpinionMap.objects.filter(consultation=consultation)
            .order_by("-computed_at", "-id")
            .values_list("id", flat=True)[:KEEP]
        )
        OpinionMap.objects.filter(consultation=consultation).exclude(id__in=keep).delete()
    log.info(
        "opinion map of %s: %d votes, %d placed, %d groups, %.2f s",
        consultation.code, result.votes, len(result.placements), len(result.groups), result.seconds,
    )  # fmt: skip
    return row


def map_recompute_now(*, actor: Any, consultation: Consultation) -> OpinionMap:
    """The staff's "recompute now": a new map whatever changed, with its audit event."""
    require(actor, MANAGE, consultation)
    row = recompute(consultation, force=True)
    assert row is not None  # forced
    with transaction.atomic():
        audit_record(actor=actor, action="consultations.map_recompute", obj=consultation,
                     after={"map": row.pk, "votes": row.votes_seen, "groups": row.groups})  # fmt: skip
    return row
