"""The database side of the place resolver: builds the ``PlaceIndex`` once per process.

The index is about 14,000 units and 10,000 successions; it is rebuilt when the unit tables change
(a cheap count/max-id check per call) or when ``place_index_clear`` is called, e.g. after
``units_load``. Rows renamed in place keep the same version, hence the explicit clear.
"""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db.models import Count, Max

from danvan.org.models import AdministrativeUnit, UnitSuccession
from danvan.org.resolver import PlaceIndex, Resolution, Succession, UnitEntry, resolve

_lock = threading.Lock()
_cached: tuple[tuple[object, ...], PlaceIndex] | None = None


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


def place_index() -> PlaceIndex:
    global _cached
    version = units_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, place_index_build())
        return _cached[1]


def place_index_clear() -> None:
    global _cached
    with _lock:
        _cached = None


def place_resolve(text: str) -> Resolution:
    return resolve(text, place_index())


def place_index_changed() -> None:
    """Called after a load changed the units: every process rebuilds its index on its next call."""
    import uuid

    cache.set(UNITS_TOKEN_KEY, uuid.uuid4().hex, timeout=None)
    place_index_clear()
