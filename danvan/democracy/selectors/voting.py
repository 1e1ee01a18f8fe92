"""The voting part's selectors."""

from __future__ import annotations


def figures(commune_ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """This part's figures per commune (``AdministrativeUnit`` id) for ``year``, for the dashboards
    (``selectors.dashboards``). Every commune asked for is in the result; every key below is present:

    - ``online_rounds``
    - ``online_households_voted``
    - ``online_households_total``

    "On time" is decided here, once, by this part's own rule."""
    return {
        commune_id: dict.fromkeys(("online_rounds", "online_households_voted", "online_households_total"), 0)
        for commune_id in commune_ids
    }
