"""Exact part figures for two communes of the democracy world, put in place of each part's ``figures``:
Phú Xuân has something in every denominator; Kim Long only in its disclosures (every other rate "—")."""

from __future__ import annotations

from typing import Any

from danvan.democracy.selectors import boards, conferences, decisions, disclosures, voting
from danvan.democracy.tests.factories import DemocracyWorld

KEYS = {
    disclosures: ("disclosures", "on_time", "late", "overdue_unpublished", "channels_complete", "channels_incomplete"),
    decisions: ("matters", "passed", "failed", "records_sent_on_time", "records_sent_late", "records_overdue",
                "recognised_on_time", "recognised_late", "recognition_overdue"),
    voting: ("online_rounds", "online_households_voted", "online_households_total"),
    boards: ("boards", "boards_meeting_rules", "recommendations", "answered_on_time", "answered_late",
             "unanswered_overdue"),
    conferences: ("villages", "conferences_held"),
}  # fmt: skip

PHU_XUAN = {
    disclosures: {"disclosures": 5, "on_time": 3, "late": 1, "overdue_unpublished": 0, "channels_complete": 3,
                  "channels_incomplete": 1},
    decisions: {"matters": 4, "passed": 3, "failed": 1, "records_sent_on_time": 3, "records_sent_late": 0,
                "records_overdue": 0, "recognised_on_time": 2, "recognised_late": 0, "recognition_overdue": 1},
    voting: {"online_rounds": 1, "online_households_voted": 1, "online_households_total": 16},
    boards: {"boards": 2, "boards_meeting_rules": 1, "recommendations": 3, "answered_on_time": 1, "answered_late": 1,
             "unanswered_overdue": 1},
    conferences: {"villages": 2, "conferences_held": 1},
}  # fmt: skip
KIM_LONG = {module: dict.fromkeys(keys, 0) for module, keys in KEYS.items()}
KIM_LONG[disclosures] = {**KIM_LONG[disclosures], "disclosures": 2, "on_time": 1, "overdue_unpublished": 1}
KIM_LONG[conferences] = {"villages": 1, "conferences_held": 0}


def install(monkeypatch: Any, w: DemocracyWorld, *, calls: list | None = None, year: int = 2026) -> None:
    """Every part's ``figures`` answers the numbers above for ``year`` (zeros for another year or commune)."""
    table = {w.commune.pk: PHU_XUAN, w.other_commune.pk: KIM_LONG}
    for module, keys in KEYS.items():

        def fake(commune_ids: list[int], asked: int, module: Any = module, keys: tuple = keys) -> dict:
            if calls is not None:
                calls.append((module.__name__.rsplit(".", 1)[-1], sorted(commune_ids), asked))
            if asked != year:
                return {pk: dict.fromkeys(keys, 0) for pk in commune_ids}
            return {pk: dict(table[pk][module]) if pk in table else dict.fromkeys(keys, 0) for pk in commune_ids}

        monkeypatch.setattr(module, "figures", fake)
