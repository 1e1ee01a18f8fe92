"""``danvan insight evaluate sentiment --train FILE --test FILE``: the platform's text classifier (``nlp.classifier``,
the same training as the deployment's sentiment model) on the user's own labelled files. Prints, last, one line
each: macro-F1, accuracy and the automatic share at the target precision, then the same on the test texts
without diacritics."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from danvan.insight.management.evaluate import _classification

help = "Train a tone model on --train (text TAB tone label) and measure it on --test."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _classification.add_arguments(parser)


def run(options: dict[str, Any], stdout: TextIO) -> None:
    _classification.run(options, stdout, what="sentiment")
