"""Recall and precision of the redaction of denunciations (issue 12, item 3), on 50 letters.

The letters are in ``danvan/cases/tests/data/redaction_letters.txt`` (written for this, with the
spans to hide marked); ``--build`` turns them into ``redaction_corpus.json`` beside them (text,
identity, exact spans). Then both redactions are measured, the one before issue 12
(``rules.redact_literal``: each identity value as written, phone digits with separators) and
``cases.redaction``:

- recall: identity spans entirely hidden / all identity spans (also per kind);
- precision: hidden characters inside identity spans / all hidden characters;
- letters fully clean: letters where every identity span is hidden.

    python -m benchmarks.redaction --build      # results in benchmarks/results/redaction.json
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "danvan" / "cases" / "tests" / "data"
LETTERS = DATA / "redaction_letters.txt"
CORPUS = DATA / "redaction_corpus.json"
RESULTS = Path(__file__).resolve().parent / "results" / "redaction.json"
KINDS = {"N": "name", "P": "phone", "E": "email", "A": "address", "I": "id_number"}


def build() -> list[dict[str, Any]]:
    letters: list[dict[str, Any]] = []
    identity: dict[str, str] = {}
    for block in re.split(r"^(?=@ |---$)", LETTERS.read_text(encoding="utf-8"), flags=re.MULTILINE):
        lines = [line for line in block.splitlines() if line and not line.startswith("#")]
        if not lines:
            continue
        if lines[0].startswith("@ "):
            values = [v.strip() for v in lines[0][2:].split("|")]
            identity = dict(zip(["name", "phone", "email", "address", "id_number"], values, strict=True))
            lines = lines[1:]
        elif lines[0] == "---":
            lines = lines[1:]
        marked = "\n".join(lines).strip()
        if not marked:
            continue
        text, spans, position = "", [], 0
        for match in re.finditer(r"\{([NPEAI]):([^}]*)\}", marked):
            text += marked[position : match.start()]
            spans.append([len(text), len(text) + len(match.group(2)), KINDS[match.group(1)]])
            text += match.group(2)
            position = match.end()
        text += marked[position:]
        letters.append({"text": text, "identity": dict(identity), "spans": spans})
    return letters


def hidden_ranges(original: str, redacted: str, marker: str) -> list[tuple[int, int]]:
    """Where ``redacted`` replaced text of ``original`` by ``marker``: the kept pieces, in order,
    matched against the original with a hidden run of at least one character between them."""
    pieces = redacted.split(marker)
    pattern = "(.+?)".join(re.escape(piece) for piece in pieces)
    match = re.fullmatch(pattern, original, flags=re.DOTALL)
    if match is None:
        raise ValueError("the redacted text is not the original with parts replaced")
    return [match.span(group) for group in range(1, len(pieces))]


def measure(
    letters: list[dict[str, Any]], hide: Callable[[str, dict[str, str]], list[tuple[int, int]]]
) -> dict[str, Any]:
    total = hidden = inside = all_hidden = clean_letters = 0
    per_kind: dict[str, list[int]] = {}
    misses: list[str] = []
    for letter in letters:
        text = letter["text"]
        ranges = hide(text, letter["identity"])
        mask = [False] * len(text)
        for a, b in ranges:
            for k in range(a, b):
                mask[k] = True
        wanted = [False] * len(text)
        ok = True
        for a, b, kind in letter["spans"]:
            total += 1
            got = all(mask[a:b])
            hidden += got
            ok &= got
            per_kind.setdefault(kind, [0, 0])
            per_kind[kind][0] += got
            per_kind[kind][1] += 1
            if not got:
                misses.append(f"{kind}: {text[a:b]}")
            for k in range(a, b):
                wanted[k] = True
        clean_letters += ok
        all_hidden += sum(mask)
        inside += sum(1 for k in range(len(text)) if mask[k] and wanted[k])
    return {
        "letters": len(letters),
        "identity_spans": total,
        "recall": round(hidden / total, 4),
        "precision": round(inside / all_hidden, 4) if all_hidden else 1.0,
        "letters_fully_redacted": clean_letters,
        "recall_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(per_kind.items())},
        "missed": misses,
    }


def run() -> dict[str, Any]:
    from danvan.cases import redaction, rules

    letters = json.loads(CORPUS.read_text(encoding="utf-8"))

    def before(text: str, identity: dict[str, str]) -> list[tuple[int, int]]:
        # The old function returns text only: where it hid something is found by aligning (approximate
        # where a kept piece repeats, e.g. a lone space between two hidden runs).
        return hidden_ranges(text, rules.redact_literal(text, list(identity.values())), rules.REDACTED)

    def after(text: str, identity: dict[str, str]) -> list[tuple[int, int]]:
        return [(span.start, span.end) for span in redaction.find(text, redaction.Identity(**identity))]

    return {"before": measure(letters, before), "after": measure(letters, after)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="rebuild the JSON corpus from the marked letters")
    args = parser.parse_args()
    if args.build:
        CORPUS.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    results = run()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for label, numbers in results.items():
        print(label, {k: v for k, v in numbers.items() if k != "missed"})
        for miss in numbers["missed"]:
            print("   missed", miss)


if __name__ == "__main__":
    main()
