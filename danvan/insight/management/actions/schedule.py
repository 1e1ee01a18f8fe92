"""``danvan insight schedule``: make sure insight's periodic tasks are queued (each re-queues itself): the
weekly retraining of the routing model."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

help = "Queue insight's periodic tasks (the weekly routing retraining) if none is waiting."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(options: dict[str, Any], stdout: TextIO) -> None:
    from danvan.core import clock
    from danvan.core.periodic import chain_continue
    from danvan.insight import tasks

    # --- route ---
    queued = chain_continue(tasks.route_retrain, True, run_after=tasks._next_route_retrain_at(clock.now()))
    stdout.write(f"route_retrain {'queued' if queued else 'already waiting'}\n")
