"""``danvan insight schedule``: queue the daily early warnings and the weekly digest notice if not waiting."""

from __future__ import annotations

import argparse
from typing import Any

help = "Queue insight's periodic work (daily early warnings, weekly digest notice) if none is waiting."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(options: dict[str, Any], stdout: Any) -> None:
    from danvan.core import clock
    from danvan.core.periodic import chain_continue
    from danvan.insight.tasks import DIGEST_HOUR, DIGEST_WEEKDAY, _next_at, digest_weekly, warnings_daily

    # the warnings run at once (then every morning); the digest notice waits for Monday morning
    stdout.write(f"warnings_daily queued: {int(chain_continue(warnings_daily, True))}")
    monday = _next_at(clock.now(), DIGEST_HOUR, DIGEST_WEEKDAY)
    stdout.write(f"digest_weekly queued: {int(chain_continue(digest_weekly, True, run_after=monday))}")
