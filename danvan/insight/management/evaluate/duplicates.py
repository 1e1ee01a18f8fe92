"""``danvan insight evaluate duplicates --pairs FILE``: how well "the same matter" finds near-duplicates.

FILE is UTF-8 text, one pair a line: ``text1 TAB text2 TAB 0|1`` (1: the same matter). All the texts of
the file form an index (nlp.duplicates.MemoryIndex: MinHash-LSH candidates, at most 600 in
``nlp.duplicates.bucket_order``, ranked by local-IDF cosine — the app's path when no commune is known); with
``--exhaustive`` every text of the file is a candidate, which measures the ranking alone (the app, in a
commune, ranks that commune's cases of the window: its newest 600 and its bucket hits; a file mixing
places is harder). Then
- ROC AUC: the score of text2 among text1's candidates (0 when LSH did not bring it) against the labels;
- recall@10: for each pair labelled 1, is text2 among the 10 best candidates for text1?
Malformed lines are counted and skipped. Figures last, one a line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

help = "Near-duplicates: ROC AUC and recall of the true partner within 10 candidates on labelled pairs."


def add_arguments(parser: Any) -> None:
    parser.add_argument("--pairs", required=True, help="UTF-8 TSV: text1, text2, 0 or 1")
    parser.add_argument("--baseline", action="store_true",
                        help="rank candidates by Jaccard (the plain MinHash-LSH recipe), for comparison")  # fmt: skip
    parser.add_argument("--exhaustive", action="store_true",
                        help="every text of the file is a candidate (no LSH): the ranking alone")  # fmt: skip


def _read(path: str) -> tuple[list[tuple[str, str, int]], int]:
    pairs: list[tuple[str, str, int]] = []
    bad = 0
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) != 3 or parts[2].strip() not in {"0", "1"}:
                bad += 1 if line.strip() else 0
                continue
            pairs.append((parts[0], parts[1], int(parts[2].strip())))
    return pairs, bad


def run(options: dict[str, Any], stdout: Any) -> None:
    from django.core.management.base import CommandError

    from danvan.nlp import duplicates as nlp

    try:
        pairs, bad = _read(options["pairs"])
    except OSError as exc:
        raise CommandError(f"cannot read {options['pairs']}: {exc.strerror}") from None
    texts: dict[str, int] = {}
    for a, b, _ in pairs:
        texts.setdefault(a, len(texts))
        texts.setdefault(b, len(texts))
    index = nlp.MemoryIndex()
    grams = {pk: nlp.grams(text) for text, pk in texts.items()}
    for pk, values in grams.items():
        index.add(pk, values)
    scores, labels, found, positives = [], [], 0, 0
    cache: dict[int, dict[int, float]] = {}
    ranker = nlp.jaccard_rank if options.get("baseline") else nlp.rank
    everything = list(grams.items())
    for a, b, label in pairs:
        ia, ib = texts[a], texts[b]
        if ia not in cache:
            if options.get("exhaustive"):
                others = [(pk, values) for pk, values in everything if pk != ia]
                cache[ia] = dict(ranker(grams[ia], others, limit=len(others)))
            else:
                cache[ia] = dict(index.query(grams[ia], limit=10_000, exclude=[ia], ranker=ranker))
        ranked = cache[ia]
        score = 1.0 if ia == ib else ranked.get(ib, 0.0)
        scores.append(score)
        labels.append(label)
        if label:
            positives += 1
            top = sorted(ranked.items(), key=lambda t: (-t[1], t[0]))[:10]
            found += ia == ib or any(pk == ib for pk, _ in top)
    stdout.write(f"pairs: {len(pairs)} ({positives} positive), malformed lines skipped: {bad}")
    ranking = "Jaccard (baseline)" if options.get("baseline") else "local-IDF cosine"
    if options.get("exhaustive"):
        stdout.write(f"candidates: every text of the file ({len(texts)}), ranked by {ranking}")
    else:
        stdout.write(f"index: MinHash-LSH {nlp.BANDS} bands x {nlp.ROWS} rows (Jaccard threshold {nlp.THRESHOLD}), "
                     f"at most {nlp.CANDIDATES} candidates, ranked by {ranking}")  # fmt: skip
    if len(set(labels)) == 2:
        from sklearn.metrics import roc_auc_score

        stdout.write(f"roc_auc: {roc_auc_score(labels, scores):.4f}")
    else:
        stdout.write("roc_auc: n/a (the file needs pairs labelled 0 and 1)")
    stdout.write(f"recall_at_10: {found / positives:.4f}" if positives else "recall_at_10: n/a (no pair labelled 1)")
