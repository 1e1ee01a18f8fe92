"""``danvan insight warn [--date YYYY-MM-DD] [--window N]``: run the early warnings now (the daily task's
work), print what was found and raised."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from danvan.insight.services.warnings import warnings_detect
from danvan.nlp import counts

help = "Run the early warnings (surges, recurring matters, crowds) now and raise their alerts."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help="the day run for (default today)")
    parser.add_argument("--window", type=int, default=counts.Settings.window_days, help="days tested")
    parser.add_argument("--fdr", type=float, default=counts.Settings.fdr, help="false discovery rate")


def run(options: dict[str, Any], stdout: Any) -> None:
    settings = counts.Settings(window_days=options["window"], fdr=options["fdr"])
    result = warnings_detect(today=options["date"], settings=settings)
    for name, value in result.figures().items():
        stdout.write(f"{name}: {value}")
    for name, seconds in result.seconds.items():
        stdout.write(f"seconds_{name}: {seconds:.3f}")
