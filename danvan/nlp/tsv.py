"""Labelled files people bring to measure the models: UTF-8 TSV, one example a line. Pure.

A line that does not have the expected number of fields, or an empty text, is skipped and counted (with
its line number, for the first few), never a crash: the figures say how many lines they stand on.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

MAX_FIELD = 1_000_000  # csv's default limit is 128 KB: a long petition is one field, not an error


@dataclass
class Rows:
    rows: list[list[str]] = field(default_factory=list)
    skipped: int = 0
    skipped_lines: list[int] = field(default_factory=list)  # the first 20 skipped line numbers

    def skip(self, line: int) -> None:
        self.skipped += 1
        if len(self.skipped_lines) < 20:
            self.skipped_lines.append(line)


class UnreadableFile(ValueError):
    """The file is missing, not UTF-8, or not text."""


def read_tsv(path: str | Path, *, fields: int, required: tuple[int, ...] = (0,)) -> Rows:
    """The rows of ``path`` with exactly ``fields`` tab-separated fields whose ``required`` ones are not empty.

    A BOM is ignored; a header line is not expected (a line that fails the checks is skipped like any other)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path}: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{path} is not UTF-8 text (byte {exc.start})") from exc
    if "\x00" in text:
        raise UnreadableFile(f"{path} is not a text file")
    csv.field_size_limit(MAX_FIELD)
    out = Rows()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(reader, start=1):
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # blank line
        cells = [c.strip() for c in row]
        if len(cells) != fields or any(not cells[i] for i in required):
            out.skip(number)
            continue
        out.rows.append(cells)
    return out
