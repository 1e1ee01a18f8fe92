"""``danvan insight index_duplicates [--after ID] [--batch N] [--limit N]``: (re)build the near-duplicate
index (``CaseSignature``, ``CaseBand``) of existing cases, oldest first, in batches of one transaction each.
New cases are indexed when received; run this once after installing, or after a change of
``nlp.duplicates``' grams or bands. Stopped midway, run it again with ``--after`` the last id printed."""

from __future__ import annotations

import time
from typing import Any

help = "Rebuild the near-duplicate index of existing cases (resumable with --after)."


def add_arguments(parser: Any) -> None:
    parser.add_argument("--after", type=int, default=0, help="start after this case id (resume)")
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--limit", type=int, default=None, help="index at most this many cases")


def run(options: dict[str, Any], stdout: Any) -> None:
    from danvan.insight.services.duplicates import index_rebuild

    started = time.monotonic()

    def progress(done: int, last: int) -> None:
        stdout.write(f"indexed {done} cases, last id {last}")

    done, last = index_rebuild(batch=options["batch"], after=options["after"], limit=options["limit"],
                               progress=progress)  # fmt: skip
    seconds = time.monotonic() - started
    stdout.write(f"cases_indexed: {done}")
    stdout.write(f"last_id: {last}")
    stdout.write(f"seconds: {seconds:.1f}")
