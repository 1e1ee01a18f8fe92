"""The database side of the place resolver: builds the ``PlaceIndex`` once per process.

The index is about 14,000 units and 10,000 successions; it is rebuilt when the unit tables change
(a count/max-id check) or when ``place_index_clear`` is called, e.g. after ``units_load``. Rows renamed in
place keep the same version, hence the explicit clear and the shared token.

The count/max-id check reads both tables whole (two aggregates: about 2 ms, more than the resolution itself)
and every petition, every pause of the petition form's look-up resolves a place: it runs at most once per
``DANVAN_PLACE_INDEX_CHECK_SECONDS`` (5) per process. In between only the token is compared (one cache read),
so a load — which bumps it — is seen at once by every process sharing the cache (Redis; with a cache per
process, other processes see added or removed units within seconds and renames only after a restart, as
before); a unit a superuser deletes in the admin is seen within seconds.
"""

from __future__ import annotations

import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from danvan.org.models import AdministrativeUnit, UnitSuccession
from danvan.org.resolver import PlaceIndex, Resolution, Succession, UnitEntry, resolve

_lock = threading.Lock()
_cached: tuple[tuple[object, ...], PlaceIndex] | None = None
_checked_at = -math.inf  # time.monotonic() of the last count/max-id check


UNITS_TOKEN_KEY = "org:units-token"  # noqa: S105 (a cache key, not a secret)


def units_version() -> tuple[object, ...]:
    units = AdministrativeUnit.objects.aggregate(n=Count("pk"), last=Max("pk"))
    successions = UnitSuccession.objects.aggregate(n=Count("pk"), last=Max("pk"))
    # The token is bumped by every load that changed something; with Redis as the cache it reaches
    # every worker process, so in-place renames are seen too.
    return (units["n"], units["last"], successions["n"], successions["last"], cache.get(UNITS_TOKEN_KEY))


def place_index_build() -> PlaceIndex:
    """Two queries, no model instances."""
    units = (
        UnitEntry(*row)
        for row in AdministrativeUnit.objects.values_list(
            "pk",
            "era",
            "level",
            "code",
            "name",
            "short_name",
            "division_type",
            "parent_id",
            "province_id",
            "search_name",
        )
    )
    successions = (
        Succession(*row) for row in UnitSuccession.objects.values_list("predecessor_id", "successor_id", "is_partial")
    )
    return PlaceIndex(units, successions)


def _check_seconds() -> float:
    return float(getattr(settings, "DANVAN_PLACE_INDEX_CHECK_SECONDS", 5))


def place_index() -> PlaceIndex:
    global _cached, _checked_at
    cached, now = _cached, time.monotonic()
    if cached is not None and now - _checked_at < _check_seconds() and cached[0][-1] == cache.get(UNITS_TOKEN_KEY):
        return cached[1]
    version = units_version()
    _checked_at = now
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, place_index_build())
        return _cached[1]


def place_index_clear() -> None:
    global _cached, _checked_at
    with _lock:
        _cached, _checked_at = None, -math.inf


def place_resolve(text: str) -> Resolution:
    return resolve(text, place_index())


def place_index_changed() -> None:
    """Called after a load changed the units: every process rebuilds its index on its next call."""
    import uuid

    cache.set(UNITS_TOKEN_KEY, uuid.uuid4().hex, timeout=None)
    place_index_clear()
