"""Turns a place written the way people write it into the current administrative unit(s).

Pure: no Django. ``resolver_data`` builds the ``PlaceIndex`` from the database; tests build small
ones by hand.

How it works:

1. The text is cut into parts at commas, semicolons, brackets and new lines; " - " also cuts,
   unless the pieces together are one name ("Bà Rịa - Vũng Tàu", "Văn Miếu - Quốc Tử Giám").
2. Each part is folded (``fold``: no diacritics, lower case), numbers lose leading zeros
   ("Phường 01" → "phuong 1"), and a leading prefix or abbreviation ("P.", "Q.", "TP", "TX" …)
   limits which level it may name. A part that names nothing as a whole ("q hoan kiem hn") is
   split into the longest run of names; street words and house numbers are skipped. Names inside
   a run without commas ("51 Trần Quang Khải Vĩnh Hảo Lâm Đồng") are also taken, as *loose* parts,
   where the words after them to the end of the run are names too and no street or village word
   or house number stands right before them ("đường Lê Lợi" stays a street).
3. A *reading* picks at most one part as the commune, one as the old district and one as the
   province, in address order, each consistent with the others (an old ward inside that old
   district; a current ward that took over wards of that district …). Current and old names are
   both accepted.
4. The reading that explains most parts wins (a prefix that agrees with the unit's type counts a
   little, and so does a province's own name, so "Nghệ An" alone is the province; a typo-tolerant
   match counts less, and a loose part a little less). When the best readings lead to different current
   units the answer is "ambiguous", with every candidate listed.

The old map is the package's map of 30/6/2025: districts abolished before that (Quận 2, Quận 9,
Quận Thủ Đức of Hồ Chí Minh City, merged into Thành phố Thủ Đức in 2021) are not known; such parts
are ignored and the message says so.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Literal

from rapidfuzz import fuzz, process

from danvan.core.text import fold

CURRENT = "2025"
LEGACY = "legacy"
PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"

Status = Literal["exact", "multiple", "ambiguous", "not_found"]
Kind = Literal["commune", "legacy_commune", "legacy_district", "province", "legacy_province"]

# Data ------------------------------------------------------------------------------------------

# What people write for a province → (era, official short name). Folded on use, so diacritics,
# case and dots do not matter ("Tp.HCM" = "tp hcm"); a leading "TP"/"Tỉnh" is stripped before the
# lookup, so "TP HCM" needs only "HCM". "ĐN" is deliberately absent: Đà Nẵng or Đồng Nai.
PROVINCE_ALIASES: dict[str, tuple[str, str]] = {
    "HN": (CURRENT, "Hà Nội"),
    "HCM": (CURRENT, "Hồ Chí Minh"),
    "TPHCM": (CURRENT, "Hồ Chí Minh"),
    "Hồ Chí Minh City": (CURRENT, "Hồ Chí Minh"),
    "Sài Gòn": (CURRENT, "Hồ Chí Minh"),
    "SG": (CURRENT, "Hồ Chí Minh"),
    "HP": (CURRENT, "Hải Phòng"),
    # Thừa Thiên Huế became Thành phố Huế on 1/1/2025, before the two-tier map.
    "Thừa Thiên Huế": (LEGACY, "Huế"),
    "TT Huế": (LEGACY, "Huế"),
    "TTH": (LEGACY, "Huế"),
    "BRVT": (LEGACY, "Bà Rịa - Vũng Tàu"),
    "BR VT": (LEGACY, "Bà Rịa - Vũng Tàu"),
    "Vũng Tàu": (LEGACY, "Bà Rịa - Vũng Tàu"),
    "Daklak": (CURRENT, "Đắk Lắk"),
    "Đắc Lắc": (CURRENT, "Đắk Lắk"),
    "Đắc Nông": (LEGACY, "Đắk Nông"),
}


@dataclass(frozen=True)
class _Prefix:
    levels: frozenset[str]
    division_types: frozenset[str]


_CITY = _Prefix(frozenset({PROVINCE, DISTRICT}), frozenset({"thành phố trung ương", "thành phố"}))
_PROVINCE = _Prefix(frozenset({PROVINCE}), frozenset({"tỉnh"}))
_QUAN = _Prefix(frozenset({DISTRICT}), frozenset({"quận"}))
_HUYEN = _Prefix(frozenset({DISTRICT}), frozenset({"huyện"}))
_THI_XA = _Prefix(frozenset({DISTRICT}), frozenset({"thị xã"}))
_THI_TRAN = _Prefix(frozenset({COMMUNE}), frozenset({"thị trấn"}))
_PHUONG = _Prefix(frozenset({COMMUNE}), frozenset({"phường"}))
_XA = _Prefix(frozenset({COMMUNE}), frozenset({"xã"}))
_DAC_KHU = _Prefix(frozenset({COMMUNE}), frozenset({"đặc khu"}))

# Folded prefix → what it may name. "F" is phường in Hồ Chí Minh City usage ("F.7").
PREFIXES: dict[str, _Prefix] = {
    "thanh pho": _CITY,
    "tp": _CITY,
    "tinh": _PROVINCE,
    "t": _PROVINCE,
    "quan": _QUAN,
    "q": _QUAN,
    "huyen": _HUYEN,
    "h": _HUYEN,
    "thi xa": _THI_XA,
    "tx": _THI_XA,
    "thi tran": _THI_TRAN,
    "tt": _THI_TRAN,
    "phuong": _PHUONG,
    "p": _PHUONG,
    "f": _PHUONG,
    "xa": _XA,
    "x": _XA,
    "dac khu": _DAC_KHU,
    "dk": _DAC_KHU,
}

_PREFIX_HEADS = frozenset(p.split()[0] for p in PREFIXES)

# Scores of a reading. A part explained outweighs every bonus, so more explained parts always win.
_PART_SCORE = 10
_TYPE_AGREES = 2
_ACCENTS_AGREE = 1
_FUZZY_PENALTY = 5
_FUZZY_CUTOFF = 90  # rapidfuzz ratio: one slip in a name of ten letters or more
_FUZZY_CUTOFF_PROVINCE = 85
_FUZZY_MIN_LENGTH = 6
_MAX_SEGMENT_TOKENS = 8
# A name found inside a run of words with no comma or unit word before it ("… Vĩnh Hảo Lâm Đồng")
# counts, but less than one set apart: a reading that explains the same parts without it wins.
_LOOSE_PENALTY = 3
# A province's own name (not a nickname) alone is the province, not a ward or old district named alike.
_PROVINCE_NAME = 1
_MAX_QUERY = 1000  # characters: an address is never longer; the rest of a pasted letter is ignored
_MAX_CHUNK_TOKENS = 48
# Words after which a name is a street or a village, not a unit: "đường Lê Lợi", "phố Huế", "thôn An Khánh".
_STREET_WORDS = frozenset([
    "duong", "d", "pho", "ngo", "hem", "kiet", "ngach", "thon", "ap", "xom", "ban", "buon", "soc", "khom", "to",
    "khu", "so", "nha", "lo", "hxh", "cho", "cau", "ql", "tl", "dt",
])  # fmt: skip
# A number after these is a group's, not a house's: "tổ 12 Bình Thạnh" may go on with a commune.
# (and after "tháng": "đường 30 Tháng 4 Hòa Xuân" goes on with the commune).
_GROUP_WORDS = frozenset(["to", "xom", "thon", "ap", "khu", "pho", "doi", "khom", "ban", "buon", "soc", "lo", "ql", "tl", "km", "thang"])  # fmt: skip

_HARD_SEPARATORS = re.compile(r"[,;\n\r()\[\]]+")
_SOFT_SEPARATOR = re.compile(r"\s+[-–—]\s+")
_GLUED_NUMBER = re.compile(r"^(q|p|f)([0-9]+)$")  # "Q2", "P7", "F12"
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_NON_WORD = re.compile(r"[^\w\s]|_")  # as in core.text.fold, so words line up one to one

# Input ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitEntry:
    """One administrative unit as the resolver needs it; ``key`` is the database id."""

    key: int
    era: str
    level: str
    code: int
    name: str
    short_name: str
    division_type: str
    parent_key: int | None
    province_key: int | None
    search_name: str


@dataclass(frozen=True, slots=True)
class Succession:
    old_key: int
    new_key: int
    is_partial: bool


# Output -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A current unit (commune or province) and how the text led to it."""

    key: int
    code: int
    name: str
    level: str
    province_name: str
    province_code: int
    via: str
    is_partial: bool = False


@dataclass(frozen=True)
class Resolution:
    """The outcome of ``resolve``.

    ``status``: "exact" (one current unit), "multiple" (an old district or a split old ward:
    several current units, all of them successors), "ambiguous" (the text fits several places;
    see ``candidates``), "not_found". ``kind`` says what the text named: a current commune or
    province, or an old commune, district or province.
    """

    query: str
    status: Status
    message: str
    kind: Kind | None = None
    units: list[Match] = field(default_factory=list)
    candidates: list[Match] = field(default_factory=list)
    # Units the text could also mean but that lost to a current name ("Chương Dương, Hà Nội" is
    # today's Xã Chương Dương, though an old Phường Chương Dương existed too).
    alternatives: list[Match] = field(default_factory=list)
    province: str | None = None
    province_code: int | None = None
    unmatched: list[str] = field(default_factory=list)

    @property
    def is_found(self) -> bool:
        return self.status in ("exact", "multiple")


# Index ------------------------------------------------------------------------------------------


def name_key(text: str) -> str:
    """Folded name with numbers normalised: "Phường 01" and "phuong 1" give the same key."""
    return " ".join(_tokens(text))


class _Token(str):
    """A folded word that remembers how it was written ("kien" from "Kiên"), to prefer exact accents."""

    accented: str

    def __new__(cls, folded: str, accented: str) -> _Token:
        token = super().__new__(cls, folded)
        token.accented = accented
        return token


def _tokens(text: str) -> list[_Token]:
    folded_words = fold(text).split()
    accented_words = _NON_WORD.sub(" ", unicodedata.normalize("NFC", text).lower()).split()
    if len(accented_words) != len(folded_words):  # stray combining marks: give up on accents
        accented_words = folded_words
    out: list[_Token] = []
    for word, accented in zip(folded_words, accented_words, strict=True):
        glued = _GLUED_NUMBER.match(word)
        if glued:
            out += [_Token(glued.group(1), glued.group(1)), _Token(str(int(glued.group(2))), glued.group(2))]
        elif word.isascii() and word.isdigit():
            out.append(_Token(str(int(word)), str(int(word))))
        else:
            out.append(_Token(word, _tone_last(accented)))
    return out


def _marked(tokens: list[_Token]) -> bool:
    """Written with diacritics: only then does agreeing with a unit's own diacritics tell anything
    ("Vinh Thanh" typed without them is no more the old Xã Vinh Thanh than today's Xã Vĩnh Thạnh)."""
    return any(not t.accented.isascii() for t in tokens) or all(t.isdigit() for t in tokens)


def _accented(tokens: list[_Token]) -> str:
    return " ".join(t.accented for t in tokens)


@functools.lru_cache(maxsize=16384)  # Vietnamese has a few thousand syllables: most words are seen before
def _tone_last(word: str) -> str:
    """Move the tone mark to the end of the word: "hoà" (old style) and "hòa" (new style) are one spelling."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)) + tones


# Unit words as written with their diacritics (tone mark last, as ``_Token.accented``): a name never starts so.
_UNIT_WORDS_WRITTEN = frozenset(_tone_last(w) for w in ("tỉnh", "xã", "phường", "quận", "huyện"))


class PlaceIndex:
    """Lookup tables over every unit and succession, built once.

    ``context[k]`` holds every province or old district that unit ``k`` lies in, old or current:
    for a current ward that includes the old districts and provinces of the wards it took over, so
    "Phường An Khánh, TP Thủ Đức" is consistent.
    """

    def __init__(self, units: Iterable[UnitEntry], successions: Iterable[Succession]) -> None:
        self.units: dict[int, UnitEntry] = {u.key: u for u in units}
        self._names: dict[str, dict[str, list[int]]] = {PROVINCE: {}, DISTRICT: {}, COMMUNE: {}}
        self.accented: dict[int, str] = {}
        for unit in sorted(self.units.values(), key=lambda u: (u.era != CURRENT, u.code)):
            if unit.level == DISTRICT and unit.era == CURRENT:
                continue  # there are none; the two-tier map has no districts
            key = name_key(unit.search_name or unit.short_name)
            self._names[unit.level].setdefault(key, []).append(unit.key)
            self.accented[unit.key] = _accented(_tokens(unit.short_name))

        self.successors: dict[int, list[tuple[int, bool]]] = defaultdict(list)
        predecessors: dict[int, list[int]] = defaultdict(list)
        for s in successions:
            if s.old_key in self.units and s.new_key in self.units:
                self.successors[s.old_key].append((s.new_key, s.is_partial))
                predecessors[s.new_key].append(s.old_key)
        for targets in self.successors.values():
            targets.sort(key=lambda t: self.units[t[0]].code)

        # An old district has no succession rows of its own: it went wherever its wards went. A
        # unit counts as partial only if it received nothing but pieces of the district's wards.
        district_parts: dict[int, dict[int, bool]] = defaultdict(dict)
        for unit in self.units.values():
            if unit.era == LEGACY and unit.level == COMMUNE and unit.parent_key is not None:
                got = district_parts[unit.parent_key]
                for new_key, partial in self.successors.get(unit.key, ()):
                    got[new_key] = got.get(new_key, True) and partial
        for district_key, got in district_parts.items():
            self.successors[district_key] = sorted(got.items(), key=lambda t: self.units[t[0]].code)

        self.context: dict[int, frozenset[int]] = {}
        for unit in self.units.values():
            self.context[unit.key] = frozenset(self._context_of(unit, predecessors))

        self.aliases: dict[str, list[int]] = {}
        self.aliases_written: set[str] = set()
        for alias, (era, official) in PROVINCE_ALIASES.items():
            keys = [k for k in self._names[PROVINCE].get(name_key(official), []) if self.units[k].era == era]
            if keys:
                self.aliases[name_key(alias)] = keys
                self.aliases_written.add(_accented(_tokens(alias)))
        self._vocabulary = {level: list(names) for level, names in self._names.items()}
        # Every name and nickname, folded: most spans of an address name nothing, and say so at once.
        self.known: frozenset[str] = frozenset(self.aliases).union(*self._names.values())
        self.heads: frozenset[str] = frozenset(k.split()[0] for k in self.known if k) | _PREFIX_HEADS

    def _context_of(self, unit: UnitEntry, predecessors: dict[int, list[int]]) -> set[int]:
        context: set[int] = set()
        if unit.level == PROVINCE:
            return context
        if unit.era == CURRENT:
            if unit.province_key is not None:
                context.add(unit.province_key)
            for old_key in predecessors.get(unit.key, ()):
                old = self.units[old_key]
                context.update(k for k in (old.parent_key, old.province_key) if k is not None)
            return context
        context.update(k for k in (unit.parent_key, unit.province_key) if k is not None)
        targets = self.successors.get(unit.key)
        if targets:
            context.update(self.province_key_of(new_key) for new_key, _ in targets)
        elif unit.province_key is not None:
            context.update(new_key for new_key, _ in self.successors.get(unit.province_key, ()))
        return context

    def province_key_of(self, key: int) -> int:
        unit = self.units[key]
        return key if unit.level == PROVINCE or unit.province_key is None else unit.province_key

    def names(self, level: str, key: str) -> list[int]:
        return self._names[level].get(key, [])

    def similar_names(self, level: str, key: str) -> list[str]:
        # About a hundred province names, far apart: a swapped pair of letters ("Bắc iNnh") is still one.
        cutoff = _FUZZY_CUTOFF_PROVINCE if level == PROVINCE else _FUZZY_CUTOFF
        hits = process.extract(key, self._vocabulary[level], scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
        return [hit[0] for hit in hits]


# Parsing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Interp:
    """One thing a part may name."""

    level: str
    key: int
    type_agrees: bool = False
    accents_agree: bool = False  # written with the unit's own diacritics ("Kiên Giang", not "Kiến Giang")
    fuzzy: bool = False
    loose: bool = False  # found inside a run of words after a street or a village
    province_name: bool = False  # a province's own name, not a nickname ("Nghệ An", not "SG")


@dataclass
class _Part:
    index: int
    text: str
    interps: list[_Interp]
    prefixed: bool
    start: int = 0  # position of its first word in the whole text; parts found loose may overlap
    end: int = 0
    loose: bool = False


def _prefix_of(tokens: list[_Token]) -> tuple[int, _Prefix] | None:
    if not tokens or tokens[0] not in _PREFIX_HEADS:
        return None
    for size in (2, 1):
        if len(tokens) > size:
            rule = PREFIXES.get(" ".join(tokens[:size]))
            if rule is not None:
                return size, rule
    return None


def _interpret(tokens: list[_Token], index: PlaceIndex, *, bare_ok: bool = True) -> list[_Interp]:
    """Every unit the tokens may name. ``bare_ok=False`` allows an unprefixed name only for a province."""
    if not tokens or tokens[0] not in index.heads:
        return []
    whole = " ".join(tokens)
    prefix = _prefix_of(tokens)
    if whole not in index.known and (prefix is None or " ".join(tokens[prefix[0] :]) not in index.known):
        return []  # the common case for street words: one set look-up
    found: dict[int, _Interp] = {}

    def add(interp: _Interp) -> None:
        old = found.get(interp.key)
        if old is None or (interp.type_agrees, interp.accents_agree) > (old.type_agrees, old.accents_agree):
            found[interp.key] = interp

    for key in index.aliases.get(whole, ()):
        add(_Interp(PROVINCE, key, accents_agree=_accented(tokens) in index.aliases_written))
    if tokens[0].accented in _UNIT_WORDS_WRITTEN:
        bare_ok = False  # "Tỉnh Đồng …" is the unit word tỉnh, not Xã Tịnh Đông
    for level in (PROVINCE, DISTRICT, COMMUNE) if bare_ok else (PROVINCE,):
        for key in index.names(level, whole):
            add(
                _Interp(
                    level,
                    key,
                    accents_agree=_marked(tokens) and index.accented[key] == _accented(tokens),
                    province_name=level == PROVINCE,
                )
            )
    if prefix is not None:
        size, rule = prefix
        rest, written = " ".join(tokens[size:]), _accented(tokens[size:])
        for level in sorted(rule.levels):
            for key in index.names(level, rest):
                agrees = index.units[key].division_type in rule.division_types
                add(
                    _Interp(
                        level,
                        key,
                        type_agrees=agrees,
                        accents_agree=_marked(tokens[size:]) and index.accented[key] == written,
                        province_name=level == PROVINCE,
                    )
                )
        if PROVINCE in rule.levels:
            for key in index.aliases.get(rest, ()):
                agrees = index.units[key].division_type in rule.division_types
                add(_Interp(PROVINCE, key, type_agrees=agrees, accents_agree=written in index.aliases_written))
    return list(found.values())


_Segments = list[tuple[list[_Token], list[_Interp]]]


class _Spans:
    """``_interpret`` of the spans of one run of words, each computed once (the segmentation and the
    search for loose names look at the same spans many times)."""

    def __init__(self, tokens: list[_Token], index: PlaceIndex) -> None:
        self.tokens = tokens
        self.index = index
        self._seen: dict[tuple[int, int, bool], list[_Interp]] = {}

    def __call__(self, start: int, end: int, bare_ok: bool) -> list[_Interp]:
        if self.tokens[start] not in self.index.heads:
            return []  # no name starts with this word: the common case, without a slice or a call
        key = (start, end, bare_ok)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = _interpret(self.tokens[start:end], self.index, bare_ok=bare_ok)
        return found


def _segment(tokens: list[_Token], index: PlaceIndex, spans: _Spans | None = None) -> _Segments:
    """Split a part that names nothing as a whole into the runs of tokens that do.

    Tokens that name nothing (house numbers, street and village words) may be skipped, but after a
    skip only prefixed names count, and a bare province name only after some other name: so
    "Thôn An Khánh", "123 Lê Lợi" and "Phố Huế" stay streets, while "123 Trần Não P Thảo Điền
    TPHCM" still finds the ward and the city.
    """
    look = spans or _Spans(tokens, index)
    n = len(tokens)
    memo: dict[tuple[int, bool, bool], tuple[int, int, _Segments]] = {}

    def best(start: int, clean: bool, anchored: bool) -> tuple[int, int, _Segments]:
        # (tokens covered, -segments, segments) for tokens[start:]; clean: nothing skipped yet,
        # anchored: a name already found in this part.
        if start >= n:
            return 0, 0, []
        if (start, clean, anchored) in memo:
            return memo[(start, clean, anchored)]
        result = best(start + 1, False, anchored)
        for end in range(start + 1, min(n, start + _MAX_SEGMENT_TOKENS) + 1):
            span = tokens[start:end]
            interps = look(start, end, clean and len(span) > 1)
            if _prefix_of(span) is None and not clean:
                interps = [i for i in interps if i.level == PROVINCE and anchored]
            if not interps:
                continue
            rest_covered, rest_neg, rest_segments = best(end, clean, True)
            candidate = (rest_covered + len(span), rest_neg - 1, [(span, interps), *rest_segments])
            if candidate[:2] > result[:2]:
                result = candidate
        memo[(start, clean, anchored)] = result
        return result

    return best(0, True, False)[2]


def _fuzzy(tokens: list[_Token], index: PlaceIndex, *, only: str | None = None) -> list[_Interp]:
    """Typo tolerance, only for a part that names nothing exactly."""
    prefix = _prefix_of(tokens)
    levels: Iterable[str] = (PROVINCE, DISTRICT, COMMUNE) if only is None else (only,)
    rule = None
    if prefix is not None:
        size, rule = prefix
        tokens = tokens[size:]
        levels = sorted(rule.levels)
    query = " ".join(tokens)
    if len(query) < _FUZZY_MIN_LENGTH or any(ch.isdigit() for ch in query):
        return []
    found: list[_Interp] = []
    for level in levels:
        for similar in index.similar_names(level, query):
            for key in index.names(level, similar):
                agrees = rule is not None and index.units[key].division_type in rule.division_types
                found.append(_Interp(level, key, type_agrees=agrees, fuzzy=True, province_name=level == PROVINCE))
    return found


def _split(text: str) -> Iterator[str]:
    for chunk in _HARD_SEPARATORS.split(text):
        if chunk.strip():
            yield chunk.strip()


def _loose(
    tokens: list[_Token], index: PlaceIndex, taken: set[tuple[int, int]], spans: _Spans | None = None
) -> _Segments:
    """Names inside a run of words that the segmentation skipped: "51 Trần Quang Khải Vĩnh Hảo Lâm Đồng".

    A name counts only where the words after it, to the end of the run, are names too (the tail of
    an address written without commas), and not right after a street or village word or a house
    number ("đường Lê Lợi", "thôn An Khánh", "123 Lê Lợi" stay streets). One word is enough only
    for a province ("… Huế").
    """
    look = spans or _Spans(tokens, index)
    n = len(tokens)
    named: dict[tuple[int, int], list[_Interp]] = {}
    for start in range(n):
        if tokens[start].isdigit():
            continue
        for end in range(start + 1, min(n, start + _MAX_SEGMENT_TOKENS) + 1):
            found = look(start, end, True)
            if end - start == 1:
                found = [i for i in found if i.level == PROVINCE]
            if found:
                named[(start, end)] = found
    tail = [False] * (n + 1)
    tail[n] = True
    for start in range(n - 1, -1, -1):
        tail[start] = any(tail[end] for (s, end) in named if s == start)
    out: _Segments = []
    for (start, end), found in named.items():
        if (start, end) in taken or not tail[end] or _after_street(tokens, start):
            continue
        out.append((tokens[start:end], [replace(i, loose=True) for i in found]))
    return out


def _after_street(tokens: list[_Token], start: int) -> bool:
    if start == 0:
        return False
    before = tokens[start - 1]
    if before in _STREET_WORDS:
        return True
    if any(ch.isdigit() for ch in before):
        return start < 2 or tokens[start - 2] not in _GROUP_WORDS
    return False


def _parts(text: str, index: PlaceIndex) -> list[_Part]:
    parts: list[_Part] = []
    offset = 0

    def add(display: str, tokens: list[_Token], interps: list[_Interp], start: int, *, loose: bool = False) -> None:
        parts.append(
            _Part(len(parts), display, interps, _prefix_of(tokens) is not None, start, start + len(tokens), loose)
        )

    for chunk in _split(text):
        pieces = [p.strip() for p in _SOFT_SEPARATOR.split(chunk) if p.strip()]
        i = 0
        while i < len(pieces):
            # The longest run of " - "-joined pieces that is one name ("Bà Rịa - Vũng Tàu").
            for j in range(len(pieces), i, -1):
                tokens = _tokens(" ".join(pieces[i:j]))
                interps = _interpret(tokens, index) if tokens else []
                if interps or j == i + 1:
                    break
            display = " - ".join(pieces[i:j])
            i = j
            tokens = tokens[:_MAX_CHUNK_TOKENS]
            here, offset = offset, offset + len(tokens) + 1
            if not tokens:
                continue
            if interps:
                add(display, tokens, interps, here)
                continue
            spans = _Spans(tokens, index)
            segments = _segment(tokens, index, spans)
            taken: set[tuple[int, int]] = set()
            position = 0
            for span, span_interps in segments:
                start = _find(tokens, span, position)
                taken.add((start, start + len(span)))
                position = start + len(span)
                add(_accented(span), span, span_interps, here + start)
            loose = _loose(tokens, index, taken, spans)
            for span, span_interps in loose:
                start = _find(tokens, span, 0)
                add(_accented(span), span, span_interps, here + start, loose=True)
            if segments or loose:
                named = taken | {(s, s + len(span)) for span, _ in loose for s in [_find(tokens, span, 0)]}
                for start, end, span_interps in _fuzzy_runs(tokens, named, index):
                    add(_accented(tokens[start:end]), tokens[start:end], span_interps, here + start)
            else:
                add(display, tokens, _fuzzy(tokens, index), here)
    # Address order is the order of the words: loose names sit among the others.
    parts.sort(key=lambda p: (p.start, p.end))
    for number, part in enumerate(parts):
        part.index = number
    return parts


def _fuzzy_runs(
    tokens: list[_Token], taken: set[tuple[int, int]], index: PlaceIndex
) -> list[tuple[int, int, list[_Interp]]]:
    """A unit word whose name matched nothing, in a run that matched elsewhere: "Xã Hợp Thànnh Lào Cai".

    The run from the unit word to the next name found (or the end) is read with typo tolerance.
    """
    covered = sorted(taken)
    out = []
    for start in range(len(tokens)):
        if any(a <= start < b for a, b in covered) or _prefix_of(tokens[start : start + 3]) is None:
            continue
        end = min([a for a, _ in covered if a > start] + [len(tokens), start + _MAX_SEGMENT_TOKENS])
        found = _fuzzy(tokens[start:end], index)
        if found:
            out.append((start, end, found))
    # The end of a run that matched nothing may be a province with a slip: "Xa Tan Ky Hai Phog".
    if not out and all(b < len(tokens) for _, b in covered):
        last = max([b for _, b in covered], default=0)
        for size in (2, 3, 1):
            start = len(tokens) - size
            if start < last or start < 1 or tokens[start].isdigit() or _after_street(tokens, start):
                continue
            found = _fuzzy(tokens[start:], index, only=PROVINCE)
            if found:
                out.append((start, len(tokens), found))
                break
    return out


def _find(tokens: list[_Token], span: list[_Token], position: int) -> int:
    """Where ``span`` (a slice of ``tokens``, the same objects) starts, from ``position`` on."""
    for start in range(position, len(tokens)):
        if tokens[start] is span[0]:
            return start
    return position


# Readings ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    commune: tuple[int, _Interp] | None
    district: tuple[int, _Interp] | None
    province: tuple[int, _Interp] | None
    score: int
    preference: int
    outcome: tuple[tuple[int, bool], ...]

    @property
    def target(self) -> _Interp:
        chosen = self.commune or self.district or self.province
        assert chosen is not None
        return chosen[1]

    @property
    def used_parts(self) -> set[int]:
        return {slot[0] for slot in (self.commune, self.district, self.province) if slot is not None}


def _in_order(indexes: list[int]) -> bool:
    """Address order: narrow to broad ("Phường, Quận, Tỉnh") or the reverse, never mixed."""
    pairs = list(pairwise(indexes))
    return all(a < b for a, b in pairs) or all(a > b for a, b in pairs)


def _outcome(interp: _Interp, index: PlaceIndex) -> tuple[tuple[int, bool], ...]:
    if index.units[interp.key].era == CURRENT:
        return ((interp.key, False),)
    return tuple(index.successors.get(interp.key, ()))


def _readings(parts: list[_Part], index: PlaceIndex) -> list[_Reading]:
    spans = {p.index: (p.start, p.end) for p in parts}

    def fits(slots: list[tuple[int, _Interp]]) -> bool:
        """Distinct parts, in address order, not sharing a word (loose parts may overlap others)."""
        numbers = [s[0] for s in slots]
        if len(set(numbers)) != len(numbers) or not _in_order(numbers):
            return False
        ranges = sorted(spans[n] for n in numbers)
        return all(a[1] <= b[0] for a, b in pairwise(ranges))

    by_level: dict[str, list[tuple[int, _Interp] | None]] = {PROVINCE: [None], DISTRICT: [None], COMMUNE: [None]}
    for part in parts:
        for interp in part.interps:
            by_level[interp.level].append((part.index, interp))
    context = index.context
    readings: list[_Reading] = []
    for commune in by_level[COMMUNE]:
        around = context[commune[1].key] if commune is not None else None
        for district in by_level[DISTRICT]:
            if around is not None and district is not None and district[1].key not in around:
                continue
            for province in by_level[PROVINCE]:
                if province is not None:
                    if around is not None and province[1].key not in around:
                        continue
                    if district is not None and province[1].key not in context[district[1].key]:
                        continue
                slots = [s for s in (commune, district, province) if s is not None]
                if not slots or (len(slots) > 1 and not fits(slots)):
                    continue
                score = sum(_score(s[1]) for s in slots)
                target = slots[0][1]
                readings.append(
                    _Reading(
                        commune,
                        district,
                        province,
                        score,
                        _preference(target, district, index),
                        _outcome(target, index),
                    )
                )
    return readings


def _score(interp: _Interp) -> int:
    return (
        _PART_SCORE
        + _TYPE_AGREES * interp.type_agrees
        + _ACCENTS_AGREE * interp.accents_agree
        + _PROVINCE_NAME * interp.province_name
        - _FUZZY_PENALTY * interp.fuzzy
        - _LOOSE_PENALTY * interp.loose
    )


def _preference(target: _Interp, district: tuple[int, _Interp] | None, index: PlaceIndex) -> int:
    """Tie-break between a current and an old commune of the same name.

    A current name wins, unless an old district is given: then the old ward in it is meant.
    """
    unit = index.units[target.key]
    if unit.level != COMMUNE:
        return 0
    if district is not None:
        return int(unit.era == LEGACY and unit.parent_key == district[1].key)
    return int(unit.era == CURRENT)


# Result -----------------------------------------------------------------------------------------


def _kind(unit: UnitEntry) -> Kind:
    if unit.era == CURRENT:
        return "province" if unit.level == PROVINCE else "commune"
    if unit.level == PROVINCE:
        return "legacy_province"
    return "legacy_district" if unit.level == DISTRICT else "legacy_commune"


def _describe(unit: UnitEntry, index: PlaceIndex) -> str:
    """Where a unit came from, e.g. "Phường Thảo Điền (cũ), Thành phố Thủ Đức, Thành phố Hồ Chí Minh"."""
    if unit.era == CURRENT:
        return "tên hiện nay"
    names = [f"{unit.name} (cũ)"]
    for key in dict.fromkeys((unit.parent_key, unit.province_key)):
        if key is not None and key != unit.key:
            names.append(index.units[key].name)
    return ", ".join(names)


def _matches(reading: _Reading, index: PlaceIndex) -> list[Match]:
    via = _describe(index.units[reading.target.key], index)
    if reading.target.fuzzy:
        via += " — đoán gần đúng"
    return _matches_of(reading.outcome, via, index)


def _matches_of(outcome: Iterable[tuple[int, bool]], via: str, index: PlaceIndex) -> list[Match]:
    out = []
    for key, partial in outcome:
        unit = index.units[key]
        province = index.units[index.province_key_of(key)]
        out.append(Match(key, unit.code, unit.name, unit.level, province.name, province.code, via, partial))
    return out


def _with_province(match: Match) -> str:
    return match.name if match.level == PROVINCE else f"{match.name}, {match.province_name}"


def _listing(matches: list[Match], limit: int = 6) -> str:
    shown = [_with_province(m) + (" (một phần)" if m.is_partial else "") for m in matches[:limit]]
    more = f" và {len(matches) - limit} đơn vị khác" if len(matches) > limit else ""
    return "; ".join(shown) + more


def _province_of(matches: list[Match]) -> tuple[str | None, int | None]:
    provinces = {(m.province_name, m.province_code) for m in matches}
    if len(provinces) == 1:
        return next(iter(provinces))
    return None, None


def _message_found(kind: Kind, source: UnitEntry, units: list[Match], index: PlaceIndex) -> str:
    first = units[0]
    if kind in ("commune", "province"):
        return f"{_with_province(first)} (tên hiện nay)."
    if kind == "legacy_district":
        province = index.units[source.province_key].name if source.province_key else ""
        return (
            f"{source.name} (cũ), {province}: cấp huyện đã bỏ từ 1/7/2025. Các xã, phường cũ của "
            f"{source.name} nay thuộc {len(units)} đơn vị: {_listing(units, limit=len(units))}."
        )
    if len(units) > 1:
        return (
            f"{source.name} (cũ) đã được chia cho {len(units)} đơn vị: {_listing(units, limit=len(units))}. "
            f"Cần {'xã, phường' if source.level == PROVINCE else 'số nhà, thôn, tổ dân phố'} để biết đơn vị nào."
        )
    lead = "Một phần " if first.is_partial else ""
    return f"{lead}{source.name} (cũ) nay thuộc {_with_province(first)}."


def _notes(parts: list[_Part], used: set[int]) -> list[str]:
    """Say why a part that looks like a unit was left out; street names pass silently."""
    notes = []
    for part in parts:
        if part.index in used or part.loose:
            continue
        if part.interps:
            notes.append(f"Bỏ qua “{part.text}”: không khớp với các phần còn lại của địa chỉ.")
        elif part.prefixed:
            notes.append(
                f"Bỏ qua “{part.text}”: không có trong danh mục đơn vị hành chính (hiện nay hoặc ngày 30/6/2025)."
            )
    return notes


def resolve(text: str, index: PlaceIndex) -> Resolution:
    """The current unit(s) that ``text`` names, or why it cannot tell. Never raises on odd input."""
    query = (text or "").strip()
    parts = _parts(query[:_MAX_QUERY], index)
    readings = _readings(parts, index)
    if not readings:
        return Resolution(
            query,
            "not_found",
            f"Không tìm thấy đơn vị hành chính nào khớp với “{query}”.",
            unmatched=[p.text for p in parts],
        )
    best = max(r.score for r in readings)
    top = [r for r in readings if r.score == best]
    if any(r.outcome for r in top):
        top = [r for r in top if r.outcome]
    top.sort(key=lambda r: (-r.preference, index.units[r.target.key].era != CURRENT, index.units[r.target.key].code))

    chosen = top
    # A current name beats an old ward of the same name only within one province: old addresses
    # are still on identity cards, and across provinces nothing tells the two apart.
    provinces = {index.province_key_of(key) for r in top for key, _ in r.outcome}
    if len({r.outcome for r in top}) > 1 and len(provinces) == 1 and all(r.target.level == COMMUNE for r in top):
        preferred = [r for r in top if r.preference == top[0].preference]
        if len({r.outcome for r in preferred}) == 1:
            chosen = preferred
    if len({r.outcome for r in chosen}) == 1:
        others = [r for r in top if r.outcome != chosen[0].outcome]
        if chosen[0].target.province_name:
            # A province's own name won over a ward or old district named alike: say what else it may be.
            used = chosen[0].used_parts
            others += [
                r
                for r in readings
                if r.score == best - _PROVINCE_NAME
                and r.outcome
                and r.used_parts == used
                and r.outcome != chosen[0].outcome
            ]
        return _resolved(query, chosen[0], others, parts, index)
    return _ambiguous(query, top, parts, index)


def _resolved(
    query: str, reading: _Reading, others: list[_Reading], parts: list[_Part], index: PlaceIndex
) -> Resolution:
    source = index.units[reading.target.key]
    kind = _kind(source)
    units = _matches(reading, index)
    notes = _notes(parts, reading.used_parts)
    unmatched = [p.text for p in parts if p.index not in reading.used_parts and not p.loose]
    if not units:
        return _without_successor(query, source, notes, unmatched, index)
    alternatives: list[Match] = []
    caveats: dict[str, str] = {}
    for other in others:
        other_units = _matches(other, index)
        alternatives += other_units
        other_source = _describe(index.units[other.target.key], index)
        caveats.setdefault(other_source, f"Lưu ý: {other_source} nay thuộc {_listing(other_units)}.")
    alternatives = unique_matches(alternatives, exclude={m.key for m in units})
    province, province_code = _province_of(units)
    return Resolution(
        query,
        "exact" if len(units) == 1 else "multiple",
        " ".join([_message_found(kind, source, units, index), *caveats.values(), *notes]),
        kind=kind,
        units=units,
        alternatives=alternatives,
        province=province,
        province_code=province_code,
        unmatched=unmatched,
    )


def _without_successor(
    query: str, source: UnitEntry, notes: list[str], unmatched: list[str], index: PlaceIndex
) -> Resolution:
    """An old ward missing from the package's conversion table: offer what its old district became."""
    message = f"{source.name} (cũ) không có trong bảng chuyển đổi ngày 1/7/2025."
    district = index.units.get(source.parent_key) if source.parent_key is not None else None
    if district is None or district.level != DISTRICT or not index.successors.get(district.key):
        return Resolution(query, "not_found", " ".join([message, *notes]), kind=_kind(source), unmatched=unmatched)
    candidates = _matches_of(index.successors[district.key], _describe(district, index), index)
    message += f" Nó thuộc {_describe(district, index)}, nay là một trong: {_listing(candidates)}."
    province, province_code = _province_of(candidates)
    return Resolution(
        query,
        "ambiguous",
        " ".join([message, *notes]),
        kind=_kind(source),
        candidates=candidates,
        province=province,
        province_code=province_code,
        unmatched=unmatched,
    )


def _ambiguous(query: str, top: list[_Reading], parts: list[_Part], index: PlaceIndex) -> Resolution:
    candidates = unique_matches([m for r in top for m in _matches(r, index)])
    sources = list(dict.fromkeys(r.target.key for r in top))
    kinds = {_kind(index.units[k]) for k in sources}
    province, province_code = _province_of(candidates)
    used_by_any = set.union(*(r.used_parts for r in top))
    used_by_all = set.intersection(*(r.used_parts for r in top))
    shown = "; ".join(_source_label(index.units[k], index) for k in sources[:5])
    more = f" và {len(sources) - 5} nơi khác" if len(sources) > 5 else ""
    hint = "tỉnh, thành phố" if province is None else "xã, phường (tên hiện nay hoặc cũ) hoặc quận, huyện cũ"
    notes = [f"“{query}” có thể là {len(sources)} nơi: {shown}{more}. Hãy ghi rõ thêm {hint}."]
    if used_by_any != used_by_all:
        clash = ", ".join(f"“{p.text}”" for p in parts if p.index in used_by_any - used_by_all)
        notes.append(f"Các phần {clash} không cùng chỉ một nơi.")
    notes += _notes(parts, used_by_any)
    return Resolution(
        query,
        "ambiguous",
        " ".join(notes),
        kind=kinds.pop() if len(kinds) == 1 else None,
        candidates=candidates,
        province=province,
        province_code=province_code,
        unmatched=[p.text for p in parts if p.index not in used_by_any and not p.loose],
    )


def _source_label(unit: UnitEntry, index: PlaceIndex) -> str:
    """A place a reading names: "Xã Tân Hòa, Tỉnh Tây Ninh", "Phường 1 (cũ), Thành phố Đông Hà, …"."""
    if unit.era == CURRENT:
        return unit.name if unit.level == PROVINCE else f"{unit.name}, {_province_name(unit.key, index)}"
    return _describe(unit, index)


def _province_name(key: int, index: PlaceIndex) -> str:
    unit = index.units[key]
    return index.units[unit.province_key].name if unit.province_key is not None else unit.name


def unique_matches(matches: list[Match], exclude: set[int] | None = None) -> list[Match]:
    """Each unit once, in the order first met (skipping ``exclude``)."""
    seen = set(exclude or ())
    out = []
    for m in matches:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out
