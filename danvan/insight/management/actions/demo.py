"""``danvan insight demo --addr HOST:PORT``: the demo's early warnings (``insight.demo``), run by ``danvan demo``."""

from __future__ import annotations

import argparse
from typing import Any

help = "Seed the demo's early warnings (a surge in the demo ward) and run the detection."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--addr", default="127.0.0.1:8000")


def run(options: dict[str, Any], stdout: Any) -> None:
    from danvan.insight.demo import demo_warnings_seed

    for line in demo_warnings_seed(options["addr"]):
        stdout.write(line)
