"""``danvan insight topics discover --from DATE --to DATE [--k N]`` finds what people wrote about in the cases
received in the period (tố cáo left out) and stores the run (the page "Dân nói gì" shows it);
``danvan insight topics schedule`` queues the weekly task (the tone model retrained, then the last four weeks'
topics). Figures last, one line each."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any, TextIO

from django.core.management.base import CommandError

help = "Topics of what people wrote: discover them over a period, or schedule the weekly run."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["discover", "schedule"])
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, help="First day (YYYY-MM-DD).")
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, help="Last day (YYYY-MM-DD).")
    parser.add_argument("--k", type=int, default=None, help="Number of topics (default: the stated rule).")


def run(options: dict[str, Any], stdout: TextIO) -> None:
    from danvan.core import clock
    from danvan.core.errors import DomainError
    from danvan.core.periodic import chain_continue
    from danvan.insight.services.topics import topic_run_discover
    from danvan.insight.tasks import TOPICS_PERIOD_DAYS, topics_weekly

    if options["action"] == "schedule":
        queued = chain_continue(topics_weekly, True)
        stdout.write("queued\n" if queued else "already queued\n")
        return
    end = options["end"] or clock.today() - dt.timedelta(days=1)
    start = options["start"] or end - dt.timedelta(days=TOPICS_PERIOD_DAYS - 1)
    try:
        result = topic_run_discover(starts_on=start, ends_on=end, k=options["k"])
    except DomainError as refused:
        raise CommandError(refused.message) from None
    for topic in result.topics.order_by("-size"):
        stdout.write(f"{topic.number:>3} {topic.size:>8}  {topic.label}\n")
    stdout.write(f"run: {result.pk}\n")
    stdout.write(f"tone: {result.tone_state}\n")
    stdout.write(f"texts: {result.texts}\n")
    stdout.write(f"previous texts: {result.previous_texts}\n")
    stdout.write(f"topics: {result.k}\n")
