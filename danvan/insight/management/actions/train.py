"""``danvan insight train route [--target-precision 0.95]``: train the next version of a model from the
deployment's confirmed cases and corrections, and put it in use. Prints its figures last, one line each."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from django.core.management.base import CommandError

from danvan.core.errors import DomainError

help = "Train the next version of a model (route) from confirmed cases and corrections, and put it in use."


def _route(options: dict[str, Any], stdout: TextIO) -> None:
    from danvan.insight.services.route import route_train
    from danvan.nlp import routing

    settings = routing.Settings(target_precision=options["target_precision"])
    try:
        version = route_train(settings=settings, note=options.get("note") or "command")
    except DomainError as exc:
        raise CommandError(str(exc.message)) from exc
    figures = version.metrics["as_written"]
    folded = version.metrics["without_diacritics"]
    stdout.write(f"routing model v{version.number} in use: {version.training_size} training cases, "
                 f"{version.held_back_size} held back\n")  # fmt: skip
    stdout.write(f"threshold {version.threshold if version.threshold is not None else 'none'}\n")
    stdout.write(f"topic macro-F1 {figures['topic_macro_f1']:.3f}\n")
    stdout.write(f"topic and body right {figures['accuracy']:.3f}\n")
    stdout.write(f"automatic share {figures['auto_share']:.3f} at precision {figures['auto_precision']}\n")
    stdout.write(f"without diacritics: topic macro-F1 {folded['topic_macro_f1']:.3f}\n")
    stdout.write(f"without diacritics: topic and body right {folded['accuracy']:.3f}\n")


KINDS = {"route": _route}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("--target-precision", type=float, default=0.95,
                        help="precision the automatic answers must reach on held-back cases (default 0.95)")  # fmt: skip
    parser.add_argument("--note", default="", help="a note kept with the version")


def run(options: dict[str, Any], stdout: TextIO) -> None:
    KINDS[options["kind"]](options, stdout)
