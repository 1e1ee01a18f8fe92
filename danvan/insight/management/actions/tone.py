"""``danvan insight tone train|status``: the tone model (kind SENTIMENT) of the deployment.

``train`` learns from ratings' comments (their stars' tone by the rule ``--stars``, default
``1-2:negative,3:neutral,4-5:positive``) and officials' labels (which override the stars of the same text),
stores the next version and puts it in use (``--keep-current`` stores it aside); refused with the number of
labelled texts needed when too few. ``status`` says which version is in use and whether it can be read.
Figures last, one line each. Measuring on your own files: ``danvan insight evaluate sentiment``."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from django.core.management.base import CommandError

help = "The tone model: train it from ratings' comments and officials' labels, or show its state."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["train", "status"])
    parser.add_argument("--stars", default="", help="Stars to tone, e.g. 1-2:negative,3:neutral,4-5:positive")
    parser.add_argument("--keep-current", action="store_true", help="Store the new version without using it.")


def run(options: dict[str, Any], stdout: TextIO) -> None:
    from danvan.core.errors import DomainError
    from danvan.insight.selectors.tone import tone_model
    from danvan.insight.services.tone import tone_train
    from danvan.nlp import tone

    if options["action"] == "status":
        state = tone_model()
        stdout.write(f"tone: {state.state}\n")
        stdout.write(f"version: {state.version.number if state.version else '-'}\n")
        return
    try:
        rule = tone.parse_rule(options["stars"]) if options["stars"] else tone.STAR_RULE
    except ValueError as exc:
        raise CommandError(f"--stars: {exc}") from None
    try:
        version = tone_train(rule=rule, put_in_use=not options["keep_current"])
    except DomainError as refused:
        raise CommandError(f"{refused.message} [needed={refused.details.get('needed')}]") from None
    figures = version.metrics["as_written"]
    stdout.write(f"star rule: {rule.as_text()}\n")
    stdout.write(f"version: {version.number}{' (in use)' if version.in_use else ''}\n")
    stdout.write(f"sources: {version.metrics['sources']}\n")
    stdout.write(f"training examples: {version.training_size}\n")
    stdout.write(f"held-back examples: {version.held_back_size}\n")
    stdout.write(f"macro-F1: {figures['macro_f1']:.3f}\n")
    stdout.write(f"accuracy: {figures['accuracy']:.3f}\n")
    stdout.write(f"macro-F1 without diacritics: {version.metrics['folded']['macro_f1']:.3f}\n")
