"""What ``evaluate route`` and ``evaluate sentiment`` share: train on one labelled file, measure on another.

The threshold for the automatic share is chosen on the training file's held-back part (as a deployment
chooses it) and applied to the test file, as written and without diacritics."""

from __future__ import annotations

import argparse
import time
from typing import Any, TextIO

from django.core.management.base import CommandError

from danvan.core.text import strip_diacritics
from danvan.nlp import classifier, tsv


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--train", required=True, help="UTF-8 TSV: text, TAB, label; one example a line.")
    parser.add_argument("--test", required=True, help="UTF-8 TSV of the same form, never seen in training.")
    parser.add_argument("--target-precision", type=float, default=0.95,
                        help="Precision the automatic answers must reach (default 0.95).")  # fmt: skip
    parser.add_argument("--no-augment", action="store_true", help="Do not add diacritics-free copies in training.")


def _read(path: str, stdout: TextIO, name: str) -> tuple[list[str], list[str]]:
    try:
        rows = tsv.read_tsv(path, fields=2, required=(0, 1))
    except tsv.UnreadableFile as exc:
        raise CommandError(str(exc)) from exc
    if rows.skipped:
        stdout.write(f"{name}: {rows.skipped} line(s) skipped (not text TAB label): lines {rows.skipped_lines}\n")
    return [r[0] for r in rows.rows], [r[1] for r in rows.rows]


def run(options: dict[str, Any], stdout: TextIO, *, what: str) -> None:
    if not 0.5 <= options["target_precision"] < 1:
        raise CommandError("--target-precision must be between 0.5 and 1")
    train_texts, train_labels = _read(options["train"], stdout, "train")
    test_texts, test_labels = _read(options["test"], stdout, "test")
    settings = classifier.Settings(target_precision=options["target_precision"], augment=not options["no_augment"])
    started = time.perf_counter()
    try:
        trained = classifier.train(train_texts, train_labels, settings)
    except classifier.TooFewExamples as exc:
        raise CommandError(f"too few labelled examples to train: {exc.have}, {exc.needed} needed") from exc
    seconds = time.perf_counter() - started
    unknown = sorted({label for label in test_labels if label not in trained.labels})
    stdout.write(f"{what}: trained on {trained.training_size} examples ({trained.held_back_size} held back to choose "
                 f"the threshold) in {seconds:.1f} s; labels {len(trained.labels)}\n")  # fmt: skip
    if trained.left_out:
        stdout.write(f"labels with too few training examples, not learnt: {trained.left_out}\n")
    if unknown:
        stdout.write(f"test labels the training file does not have (always wrong): {unknown}\n")
    threshold = trained.figures.threshold
    as_written = classifier.measure(trained.model, test_texts, test_labels, threshold=threshold)
    plain = classifier.measure(trained.model, [strip_diacritics(t) for t in test_texts], test_labels,
                               threshold=threshold)  # fmt: skip
    pct = f"{settings.target_precision:.0%}"
    shown = "none reached" if threshold is None else f"{threshold:.3f}"
    stdout.write(f"threshold for {pct} precision (chosen on held-back training texts): {shown}\n")
    stdout.write(f"test examples: {as_written.examples}\n")
    for suffix, figures in (("", as_written), (" (without diacritics)", plain)):
        auto = "-" if figures.auto_precision is None else f"{figures.auto_precision:.3f}"
        stdout.write(f"macro-F1{suffix}: {figures.macro_f1:.4f}\n")
        stdout.write(f"accuracy{suffix}: {figures.accuracy:.4f}\n")
        stdout.write(f"automatic at {pct} precision{suffix}: {figures.auto_share:.1%} (precision {auto})\n")
