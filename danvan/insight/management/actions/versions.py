"""``danvan insight versions route``: every version of a model, newest first, with its training date, size,
held-back figures and threshold; the one in use marked."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from danvan.insight.models import ModelKind

help = "List the versions of a model (route, sentiment) with their date, size, figures and threshold."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=[k.value for k in ModelKind])


def run(options: dict[str, Any], stdout: TextIO) -> None:
    from danvan.insight.selectors.model_versions import model_versions

    rows = list(model_versions(options["kind"]))
    for v in rows:
        figures = (v.metrics or {}).get("as_written") or {}
        shown = " ".join(f"{k}={figures[k]:.3f}" for k in ("topic_macro_f1", "accuracy", "auto_share")
                         if isinstance(figures.get(k), float))  # fmt: skip
        stdout.write(f"{'*' if v.in_use else ' '} v{v.number} {v.trained_at:%Y-%m-%d %H:%M} "
                     f"train={v.training_size} held={v.held_back_size} threshold={v.threshold} {shown}\n")  # fmt: skip
    stdout.write(f"versions {len(rows)}\n")
