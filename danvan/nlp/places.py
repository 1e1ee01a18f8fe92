"""Places in free text: the place a petition's content speaks of, and the map without a database.

Pure. ``place_in_text(text, index)`` finds the administrative unit a letter mentions ("… tại tổ
dân phố 3 phường Phú Xuân, thành phố Huế có …") with ``org.resolver``: it cuts the text into
sentences and clauses, keeps the stretches that hold a unit word ("phường", "xã", "quận",
"huyện", "tỉnh", "thành phố" or their abbreviations) or a province's name, and resolves each
stretch from the unit word on. The most specific place found wins (a commune over a province);
when the stretches name different places the answer is "ambiguous" with every candidate.

``package_index()`` builds the resolver's ``PlaceIndex`` straight from the ``vietnam-provinces``
package (no database): for benchmarks, the generator's checks and tests that need no Django.
Keys there are positions, not database ids; codes are the GSO codes, as in the database.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from danvan.core.text import fold
from danvan.org import units_source as src
from danvan.org.resolver import PlaceIndex, Resolution, Succession, UnitEntry, resolve, unique_matches

MAX_TEXT = 20_000  # characters of content looked at; a longer letter is cut (the place is nearly always early)

_GLUED = re.compile(r"^[pqf][0-9]{1,2}$")
MAX_STRETCHES = 40  # places looked at in one text: bounds the time on a pasted book
_SENTENCES = re.compile(r"(?<=[.!?;:\n])\s+|\n+")
# Words that end a place inside a clause: "… phường Phú Xuân có một bãi rác …". As written (with
# diacritics) they cannot be part of a name; folded, only those that are no syllable of a unit's name.
_STOP_ACCENTED = frozenset([
    "có", "là", "đã", "đang", "bị", "được", "không", "còn", "và", "nhưng", "những", "mà", "thì", "vì", "nên",
    "này", "rồi", "vẫn", "lại", "tôi", "chúng", "em", "anh", "chị", "ông", "bà", "người", "nhiều", "một", "các",
    "từ", "đến", "ngày", "tháng", "năm", "về", "của", "cho", "với", "sớm", "dù", "xin", "đề", "kính", "gây", "bởi",
])  # fmt: skip
_STOP_PLAIN = frozenset([
    "bi", "duoc", "khong", "nhung", "roi", "toi", "chung", "nguoi", "nhieu", "mot", "cac", "voi", "nen", "nay",
    "va", "xin", "gui", "som",
])  # fmt: skip


Row = tuple[str, int | None, int | None, str]  # text, province code, commune code, form (for the miss list)


@dataclass(frozen=True)
class _Stretch:
    text: str
    start: int


def place_in_text(text: str, index: PlaceIndex) -> Resolution:
    """The place ``text`` (a letter, not an address) speaks of. Never raises; long text is cut."""
    text = (text or "")[:MAX_TEXT]
    found: list[Resolution] = []
    for stretch in _stretches(text):
        result = resolve(stretch.text, index)
        if result.status != "not_found":
            found.append(result)
    if not found:
        return Resolution(text[:200], "not_found", "Không thấy tên đơn vị hành chính nào trong nội dung.")
    # The most specific: communes before provinces; then the longest stretch (more parts agree).
    found.sort(key=lambda r: (_specificity(r), -len(r.unmatched)), reverse=True)
    best = found[0]
    rivals = [
        r
        for r in found[1:]
        if _specificity(r) == _specificity(best)
        and r.is_found
        and best.is_found
        and _keys(r) != _keys(best)
        and not _keys(r) <= _keys(best)
        and not _same_province_only(r, best)
    ]
    if not rivals:
        return best
    candidates = unique_matches([m for r in (best, *rivals) for m in (r.units or r.candidates)])
    return Resolution(
        best.query,
        "ambiguous",
        f"Nội dung nhắc đến {len(candidates)} nơi: "
        + "; ".join(f"{m.name}, {m.province_name}" for m in candidates[:6]),
        candidates=candidates,
    )


def _keys(r: Resolution) -> set[int]:
    return {m.key for m in (r.units or r.candidates)}


def _same_province_only(r: Resolution, best: Resolution) -> bool:
    """A province mentioned again beside a commune of that province is no rival."""
    return all(m.level == "province" for m in r.units) and r.province_code == best.province_code


def _specificity(r: Resolution) -> int:
    if not r.is_found:
        return 0
    return 2 if any(m.level == "commune" for m in r.units) else 1


def _stretches(text: str) -> list[_Stretch]:
    """Pieces of the text that start at a unit word and run until a word that cannot be a name.

    In a text written with diacritics a unit word must carry its own ("quận", not "quan" of "cơ
    quan"; "tỉnh", not "tình"); once a capitalised name has begun, the first lower-case word that is
    not a unit word ends it ("… phường Phú Xuân có …"). Text without diacritics relies on a list of
    common words that cannot be part of a name.
    """
    accented = any(ord(ch) > 127 and ch.isalpha() for ch in text)
    out: list[_Stretch] = []
    for sentence in _SENTENCES.split(text):
        words = sentence.split()
        if not words:
            continue
        folded = [fold(w) for w in words]
        i = 0
        while i < len(words):
            if not _starts_place(words, folded, i, accented):
                i += 1
                continue
            j = i + 1
            named = False
            while j < len(words) and j - i < 16:
                f, word = folded[j], words[j]
                starts = _starts_place(words, folded, j, accented)
                stop = word.lower().strip(".,;:!?()") in _STOP_ACCENTED if accented else f in _STOP_PLAIN
                if stop and not starts and not _inside_name(word):
                    break
                # "…, thành phố Huế": "phố" ends no name, it completes the unit word before it
                pair = (folded[j - 1], f) in _UNIT_PAIRS
                if (
                    named
                    and not starts
                    and word[:1].isalpha()
                    and word[:1].islower()
                    and f not in _JOINERS
                    and not pair
                ):
                    break
                named = named or _inside_name(word)
                j += 1
            out.append(_Stretch(" ".join(words[i:j]).rstrip(".,;:"), i))
            if len(out) >= MAX_STRETCHES:
                return out
            i = j
    return out


# Unit words as written with diacritics; a folded one may stand for several words ("quan": quận, quan).
_UNIT_WORDS = {"phuong": "phường", "xa": "xã", "quan": "quận", "huyen": "huyện", "tinh": "tỉnh"}
_UNIT_PAIRS = {("thanh", "pho"): "thành", ("thi", "xa"): "thị", ("thi", "tran"): "thị", ("dac", "khu"): "đặc"}
_JOINERS = frozenset({"tp", "tx", "tt", "q", "p", "h", "x", "f"})


def _starts_place(words: list[str], folded: list[str], i: int, accented: bool) -> bool:
    word = folded[i]
    if not word:
        return False
    head = word.split()[0]
    written = words[i].lower().strip(".,;:()")
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    if head in _UNIT_WORDS and nxt and len(word.split()) == 1:
        if accented and written != _UNIT_WORDS[head] and not (written.isascii() and _ascii_next(words, i)):
            return False
        return head != "xa" or nxt not in {"hoi", "hoa"}  # "xã hội", "xã hóa" are not places
    if (head, nxt) in _UNIT_PAIRS:
        return not accented or written == _UNIT_PAIRS[(head, nxt)] or (written.isascii() and _ascii_next(words, i))
    if head in {"tp", "tx", "tt"} and nxt:
        return True
    # Glued abbreviations: "P.7", "Q.1", "TP.HCM" fold to "p 7", "q 1", "tp hcm"; "P7", "Q5" stay one word.
    return (len(word.split()) > 1 and head in {"p", "q", "f", "tp", "h", "x"}) or bool(_GLUED.match(word))


def _ascii_next(words: list[str], i: int) -> bool:
    """An address written without diacritics inside a letter with them: "… ở phuong hung binh …"."""
    return i + 1 < len(words) and words[i + 1].isascii()


def _inside_name(word: str) -> bool:
    """A capitalised word continues a name ("Phường Hòa Bình"), whatever it would mean in lower case."""
    return word[:1].isupper()


@functools.cache
def package_index() -> PlaceIndex:
    """The resolver's index over the installed ``vietnam-provinces`` data, without a database."""
    records = list(src.iter_units())
    keys = {r.key: i + 1 for i, r in enumerate(records)}
    units = []
    for r in records:
        parent = None
        if r.parent_code is not None:
            parent_level = src.DISTRICT if r.era == src.LEGACY and r.level == src.COMMUNE else src.PROVINCE
            parent = keys[(r.era, parent_level, r.parent_code)]
        province = keys[(r.era, src.PROVINCE, r.province_code)] if r.province_code is not None else None
        units.append(
            UnitEntry(keys[r.key], r.era, r.level, r.code, r.name, r.short_name, r.division_type, parent, province,
                      r.search_name)
        )  # fmt: skip
    successions = [
        Succession(keys[s.predecessor], keys[s.successor], s.is_partial)
        for s in src.iter_successions()
        if s.predecessor in keys and s.successor in keys
    ]
    return PlaceIndex(units, successions)


# Scoring ----------------------------------------------------------------------------------------


@dataclass
class Scores:
    """How many answers were right, by the rule in ``judge``; ``misses`` keeps a few of each kind."""

    rows: int = 0
    province_rows: int = 0
    province_right: int = 0
    commune_rows: int = 0
    commune_right: int = 0
    ambiguous: int = 0
    ambiguous_listing_truth: int = 0  # ambiguous answers whose candidates include the labelled commune
    not_found: int = 0
    seconds: float = 0.0
    misses: dict[str, list[str]] = field(default_factory=dict)
    miss_counts: dict[str, int] = field(default_factory=dict)

    @property
    def province_accuracy(self) -> float:
        return self.province_right / self.province_rows if self.province_rows else 0.0

    @property
    def commune_accuracy(self) -> float:
        return self.commune_right / self.commune_rows if self.commune_rows else 0.0

    @property
    def ambiguous_share(self) -> float:
        return self.ambiguous / self.rows if self.rows else 0.0

    @property
    def per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def miss(self, kind: str, example: str, keep: int = 8) -> None:
        self.miss_counts[kind] = self.miss_counts.get(kind, 0) + 1
        kept = self.misses.setdefault(kind, [])
        if len(kept) < keep:
            kept.append(example)


def judge(result: Resolution, province_code: int | None, commune_code: int | None) -> tuple[bool | None, bool | None]:
    """(province right, commune right); None where the row has no such label.

    Right means the current unit is the labelled one. Province: the resolver named one province
    (``Resolution.province_code``: every unit or candidate it gave lies in it) and it is the labelled
    one; an answer still ambiguous between communes of that one province knows the province.
    Commune: status "exact" with exactly that commune. "ambiguous" (between provinces, or between
    communes for the commune figure) and "not_found" are wrong; the ambiguous share is also given apart.
    """
    province_ok = None if province_code is None else result.province_code == province_code
    commune_ok = None
    if commune_code is not None:
        commune_ok = (
            result.status == "exact" and result.units[0].level == "commune" and result.units[0].code == commune_code
        )
    return province_ok, commune_ok


def score(rows: Iterable[Row], index: PlaceIndex) -> Scores:
    """Resolve every (text, province code, commune code, form) row and count; timed over ``resolve`` only."""
    scores = Scores()
    for text, province_code, commune_code, form in rows:
        started = time.perf_counter()
        result = resolve(text, index)
        scores.seconds += time.perf_counter() - started
        scores.rows += 1
        scores.ambiguous += result.status == "ambiguous"
        if result.status == "ambiguous" and commune_code is not None:
            scores.ambiguous_listing_truth += any(m.code == commune_code for m in result.candidates)
        scores.not_found += result.status == "not_found"
        province_ok, commune_ok = judge(result, province_code, commune_code)
        if province_ok is not None:
            scores.province_rows += 1
            scores.province_right += province_ok
        if commune_ok is not None:
            scores.commune_rows += 1
            scores.commune_right += commune_ok
        if province_ok is False or commune_ok is False:
            what = "province" if province_ok is False else "commune"
            got = "; ".join(f"{m.name} ({m.code})" for m in (result.units or result.candidates)[:3])
            scores.miss(f"{what} {form} {result.status}", f"{text}  →  {got or '-'}")
    return scores
