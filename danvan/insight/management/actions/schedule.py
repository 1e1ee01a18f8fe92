"""``danvan insight schedule``: make sure insight's periodic tasks are queued (each re-queues itself): the daily
early warnings, the weekly digest notice, the weekly retraining of the routing model, and the weekly topics
and tone run."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

help = "Queue insight's periodic work (warnings, digest notice, routing retraining, topics) if none is waiting."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(options: dict[str, Any], stdout: TextIO) -> None:
    from danvan.core import clock
    from danvan.core.periodic import chain_continue
    from danvan.insight import tasks

    def said(name: str, queued: bool) -> None:
        stdout.write(f"{name} {'queued' if queued else 'already waiting'}\n")

    # --- warnings --- the warnings run at once (then every morning); the digest notice waits for Monday morning
    said("warnings_daily", chain_continue(tasks.warnings_daily, True))
    monday = tasks._next_at(clock.now(), tasks.DIGEST_HOUR, tasks.DIGEST_WEEKDAY)
    said("digest_weekly", chain_continue(tasks.digest_weekly, True, run_after=monday))
    # --- route ---
    said(
        "route_retrain", chain_continue(tasks.route_retrain, True, run_after=tasks._next_route_retrain_at(clock.now()))
    )
    # --- topics ---
    said("topics_weekly", chain_continue(tasks.topics_weekly, True, run_after=clock.now() + tasks.TOPICS_EVERY))
