"""Place resolver accuracy and speed on labelled noisy addresses (issue 18, part 3). No database.

All data are SYNTHETIC, labelled with the true current province and commune (GSO codes of the
two-tier map of 1/7/2025, from the installed ``vietnam-provinces`` package):

1. ``noisy``: ``danvan.nlp.places_synthetic.noisy_addresses`` — every province in turn, half the
   addresses with the names before 1/7/2025, house numbers, streets (a quarter named like a ward of
   the same province), tổ/thôn/ấp, abbreviations, no commas, no diacritics, capitals, typos at 5 %
   (the rates are ``NoiseRates``' defaults, guesses stated there), bare province names.
2. ``texts``: the place field written by ``danvan.synthetic.texts.TextMaker.place_text`` (the
   generator behind the demo and the 1,000,000-case benchmarks), over every current commune; old
   names there include wards split among several communes (as the demo's data does), which have no
   single right commune.
3. ``letters``: the place in the CONTENT of letters from ``TextMaker.pakn`` (``nlp.places.place_in_text``).

"Right" is ``nlp.places.judge``: the province named (one province for every unit or candidate) is the
labelled one; the commune is an "exact" answer with that very commune; an ambiguous answer is wrong
for the commune and counted apart. Speed: resolver time only, single process, wall clock and CPU.

    python -m benchmarks.insight_places [--n 20000] [--seed 18]
    # results in benchmarks/results/insight-places-<UTC time>.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import time
from pathlib import Path
from typing import Any

import vietnam_provinces as vp

from danvan.core.text import fold
from danvan.nlp.places import Row, Scores, judge, package_index, place_in_text, score
from danvan.nlp.places_synthetic import NoiseRates, noisy_addresses
from danvan.org import units_source as src
from danvan.synthetic import texts

RESULTS = Path(__file__).resolve().parent / "results"


def _summary(result: Scores, cpu: float | None = None) -> dict[str, Any]:
    return {
        "rows": result.rows,
        "province_accuracy": round(result.province_accuracy, 4),
        "province_rows": result.province_rows,
        "commune_accuracy": round(result.commune_accuracy, 4),
        "commune_rows": result.commune_rows,
        "ambiguous_share": round(result.ambiguous_share, 4),
        "ambiguous_listing_the_right_commune": result.ambiguous_listing_truth,
        "not_found": result.not_found,
        "addresses_per_second_wall": round(result.per_second),
        **({"addresses_per_second_cpu": round(result.rows / cpu)} if cpu else {}),
        "misses_by_kind": dict(sorted(result.miss_counts.items(), key=lambda kv: -kv[1])),
        "miss_examples": {k: v[:5] for k, v in result.misses.items()},
    }


def _communes() -> list[texts.Commune]:
    """``texts.Commune`` for every current commune, built from the package as ``synthetic.services`` does."""
    units = list(src.iter_units())
    by_key = {u.key: u for u in units}
    old: dict[int, list[tuple[str, str, str]]] = {}
    for s in src.iter_successions():
        if s.predecessor[1] != src.COMMUNE:
            continue
        ward = by_key.get(s.predecessor)
        if ward is None:
            continue
        district = by_key.get((src.LEGACY, src.DISTRICT, ward.parent_code or 0))
        province = by_key.get((src.LEGACY, src.PROVINCE, ward.province_code or 0))
        old.setdefault(s.successor[2], []).append(
            (ward.name, district.name if district else "", province.short_name if province else "")
        )
    provinces = {u.code: u for u in units if u.era == src.CURRENT and u.level == src.PROVINCE}
    out = []
    for u in units:
        if u.era != src.CURRENT or u.level != src.COMMUNE or u.province_code is None:
            continue
        p = provinces[u.province_code]
        out.append(texts.Commune(
            id=u.code, code=u.code, name=u.name, short_name=u.short_name, division_type=u.division_type,
            province_id=p.code, province_name=p.name, province_short=p.short_name,
            province_is_city=p.division_type == "thành phố trung ương", remote=False,
            old_names=tuple(sorted(old.get(u.code, []))),
        ))  # fmt: skip
    return out


def _timed(rows: list[Row]) -> tuple[Scores, float]:
    index = package_index()
    started = time.process_time()
    result = score(rows, index)
    return result, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()

    started = time.perf_counter()
    package_index()
    index_seconds = time.perf_counter() - started

    noisy: list[Row] = [
        (a.text, a.province_code, a.commune_code, a.form) for a in noisy_addresses(args.n, seed=args.seed)
    ]
    noisy_result, noisy_cpu = _timed(noisy)
    by_form = {
        form: _summary(score([r for r in noisy if r[3] == form], package_index()))
        for form in ("new", "old", "province")
    }
    for part in by_form.values():
        part.pop("miss_examples")

    rng = random.Random(args.seed)
    maker = texts.TextMaker(rng)
    communes = _communes()
    place_rows: list[Row] = []
    letters = []
    for i in range(args.n):
        commune = rng.choice(communes)
        letter = maker.pakn(commune, rng.choice(list(texts.vocab.PAKN_ISSUES)), 2026, None)
        if letter.place_text:
            place_rows.append((letter.place_text, commune.province_id, commune.code, "texts"))
        if i < args.n // 4:
            letters.append((letter.content, commune.province_id, commune.code))
    texts_result, texts_cpu = _timed(place_rows)

    letter_scores = Scores()
    found = names_commune = 0
    names = {c.code: fold(c.short_name) for c in communes}
    began = time.perf_counter()
    index = package_index()
    for content, province_code, commune_code in letters:
        result = place_in_text(content, index)
        letter_scores.rows += 1
        found += result.status != "not_found"
        province_ok, commune_ok = judge(result, province_code, commune_code)
        letter_scores.province_rows += 1
        letter_scores.province_right += bool(province_ok)
        letter_scores.commune_rows += 1
        letter_scores.commune_right += bool(commune_ok)
        letter_scores.ambiguous += result.status == "ambiguous"
        if result.status == "ambiguous":
            letter_scores.ambiguous_listing_truth += any(m.code == commune_code for m in result.candidates)
        names_commune += names[commune_code] in fold(content)
    letter_scores.seconds = time.perf_counter() - began

    report = {
        "benchmark": "insight_places",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data": "SYNTHETIC (see the module docstring); no public labelled address file shipped by a package was found",
        "package": f"vietnam-provinces {vp.__version__} (data {vp.__data_version__})",
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, shared with other work: CPU rate is the steadier figure",
        "n": args.n,
        "seed": args.seed,
        "noise_rates": NoiseRates().__dict__,
        "index_build_seconds": round(index_seconds, 2),
        "targets": {"province_accuracy": 0.98, "commune_accuracy": 0.92, "addresses_per_second": 1000},
        "noisy": _summary(noisy_result, noisy_cpu),
        "noisy_by_form": by_form,
        "texts_place_field": _summary(texts_result, texts_cpu),
        "letters_content": {
            "rows": letter_scores.rows,
            "naming_their_commune": names_commune,  # the commune's name appears at all: an upper bound
            "with_a_place_found": found,
            "ambiguous_listing_the_right_commune": letter_scores.ambiguous_listing_truth,
            "province_accuracy": round(letter_scores.province_accuracy, 4),
            "commune_accuracy": round(letter_scores.commune_accuracy, 4),
            "ambiguous_share": round(letter_scores.ambiguous_share, 4),
            "letters_per_second_wall": round(letter_scores.per_second),
        },
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"insight-places-{stamp}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name in ("noisy", "texts_place_field"):
        s = report[name]
        print(
            f"{name}: province {100 * s['province_accuracy']:.2f}%  commune {100 * s['commune_accuracy']:.2f}%  "
            f"ambiguous {100 * s['ambiguous_share']:.2f}%  {s['addresses_per_second_cpu']}/s CPU "
            f"({s['addresses_per_second_wall']}/s wall)"
        )
    c = report["letters_content"]
    print(
        f"letters_content: naming their commune {c['naming_their_commune']}/{c['rows']}, "
        f"found {c['with_a_place_found']}  province {100 * c['province_accuracy']:.2f}%  "
        f"commune {100 * c['commune_accuracy']:.2f}%"
    )
    print(f"results: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
