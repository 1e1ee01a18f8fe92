"""``danvan insight evaluate places --file FILE``: how well the place resolver reads your addresses.

FILE is UTF-8 (a BOM is fine), one address a line: ``address<TAB>province<TAB>commune``. The
province and the commune are today's (two-tier map of 1/7/2025), each written as its GSO code
("40", "17506") or its name with or without the unit word ("Nghệ An", "Tỉnh Nghệ An", "Xã Yên
Thành"); either may be empty. A first line whose second column is "province"/"tỉnh" is a header.
Lines that cannot be read (no tab, no address, a label that names no current unit or several) are
counted and skipped, never fatal.

"Right" (``nlp.places.judge``): the province — the resolver named one province (all its units or
candidates lie in it) and it is the labelled one; the commune — the resolver answered "exact" with
that very commune. An ambiguous answer is wrong for the commune and is counted apart (with how
often the labelled commune was among its candidates). Speed is resolver time only, one process.
Prints, last, one line each: province accuracy, commune accuracy, ambiguous share, addresses/s.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import CommandError

from danvan.nlp.places import Row, Scores, score
from danvan.org.resolver import COMMUNE, CURRENT, PROVINCE, PlaceIndex, name_key
from danvan.org.resolver_data import place_index

help = "Place resolver: province and commune accuracy on your labelled addresses (address<TAB>province<TAB>commune)."

MAX_LINE = 10_000  # characters; a longer line is not an address


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file", required=True, help="UTF-8 TSV: address<TAB>province<TAB>commune (either may be empty)"
    )
    parser.add_argument("--misses", type=int, default=5, help="examples of misses shown per kind (0: none)")


class _Labels:
    """Current provinces and communes by GSO code and by folded name."""

    def __init__(self, index: PlaceIndex) -> None:
        self.provinces: dict[str, list[int]] = {}
        self.communes: dict[str, list[tuple[int, int]]] = {}  # name → [(commune code, province code)]
        self.province_codes: set[int] = set()
        self.commune_codes: dict[int, int] = {}
        for unit in index.units.values():
            if unit.era != CURRENT:
                continue
            if unit.level == PROVINCE:
                self.province_codes.add(unit.code)
                for name in {unit.name, unit.short_name}:
                    self.provinces.setdefault(name_key(name), []).append(unit.code)
            elif unit.level == COMMUNE and unit.province_key is not None:
                province_code = index.units[unit.province_key].code
                self.commune_codes[unit.code] = province_code
                for name in {unit.name, unit.short_name}:
                    self.communes.setdefault(name_key(name), []).append((unit.code, province_code))

    def province(self, text: str) -> int | str | None:
        """The code, None for empty, or why the label cannot be read."""
        text = text.strip()
        if not text:
            return None
        if text.isdigit():
            return int(text) if int(text) in self.province_codes else f"no current province has code {text}"
        found = sorted(set(self.provinces.get(name_key(text), [])))
        return found[0] if len(found) == 1 else f"no current province is called {text!r}"

    def commune(self, text: str, province_code: int | None) -> int | str | None:
        text = text.strip()
        if not text:
            return None
        if text.isdigit():
            return int(text) if int(text) in self.commune_codes else f"no current commune has code {text}"
        found = {code for code, province in self.communes.get(name_key(text), []) if province_code in (None, province)}
        if len(found) == 1:
            return found.pop()
        if not found:
            return f"no current commune is called {text!r}"
        return f"{len(found)} current communes are called {text!r}: give the province or the code"


def _rows(handle: TextIO, labels: _Labels, problems: list[str]) -> list[Row]:
    rows = []
    for number, line in enumerate(handle, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        columns = line.split("\t")
        if number == 1 and len(columns) > 1 and columns[1].strip().lower() in {"province", "tỉnh", "tinh"}:
            continue
        if len(columns) < 2 or len(columns) > 3 or not columns[0].strip() or len(line) > MAX_LINE:
            problems.append(f"line {number}: not address TAB province TAB commune")
            continue
        province = labels.province(columns[1])
        commune = labels.commune(
            columns[2] if len(columns) > 2 else "", province if isinstance(province, int) else None
        )
        if isinstance(province, str) or isinstance(commune, str):
            problems.append(f"line {number}: {province if isinstance(province, str) else commune}")
            continue
        if province is None and commune is None:
            problems.append(f"line {number}: neither a province nor a commune to compare with")
            continue
        if province is None and commune is not None:
            province = labels.commune_codes[commune]  # a commune tells its province
        rows.append((columns[0], province, commune, "file"))
    return rows


def run(options: dict[str, Any], stdout: Any) -> None:
    path = Path(options["file"])
    try:
        # utf-8-sig: a BOM written by a spreadsheet is dropped; undecodable bytes become U+FFFD.
        handle = path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from error
    problems: list[str] = []
    with handle:
        rows = _rows(handle, _Labels(place_index()), problems)
    for problem in problems[:20]:
        stdout.write(f"skipped {problem}")
    if len(problems) > 20:
        stdout.write(f"… and {len(problems) - 20} more lines skipped")
    result = score(rows, place_index())
    _misses(result, options.get("misses", 5), stdout)
    stdout.write(f"addresses measured: {result.rows}; lines skipped: {len(problems)}")
    for line in figures(result):
        stdout.write(line)


def figures(result: Scores) -> list[str]:
    """The four figure lines, printed last (the benchmark writes the same)."""
    return [
        f"province accuracy: {result.province_accuracy:.4f} ({result.province_right}/{result.province_rows} with a province)",
        f"commune accuracy: {result.commune_accuracy:.4f} ({result.commune_right}/{result.commune_rows} with a commune)",
        f"ambiguous: {result.ambiguous_share:.4f} ({result.ambiguous}/{result.rows}; "
        f"the labelled commune among the candidates: {result.ambiguous_listing_truth})",
        f"addresses/s: {result.per_second:.0f}",
    ]


def _misses(result: Scores, keep: int, stdout: Any) -> None:
    if keep <= 0 or not result.miss_counts:
        return
    stdout.write("misses by kind (province|commune, the answer's status):")
    for kind, count in sorted(result.miss_counts.items(), key=lambda kv: -kv[1]):
        stdout.write(f"  {count} × {kind.replace(' file', '')}")
        for example in result.misses[kind][:keep]:
            stdout.write(f"      {example}")
