"""Splitting a draft's text into sections (articles, chapters, numbered points) and comparing versions.
Pure: no Django. Built by the drafts part.

Vietnamese legal drafts (Nghị định 30/2020 layout, Luật Ban hành VBQPPL) are headed "Phần thứ nhất",
"Chương I", "Mục 1", "Điều 3."; plans and notices are numbered "1.", "a)". ``split`` cuts a text at the
highest level of heads it finds:

- any "Phần", "Chương", "Mục" or "Điều" heads: each starts a section (a chapter's section holds its
  title; its articles are sections of their own); the text before the first head is "Phần mở đầu";
- otherwise numbered points "1." (at least two), then lettered points "a)" (at least two);
- otherwise paragraphs separated by blank lines (at least two), else the whole text as one section.

Keys come from the head with diacritics folded (``dieu-3``, ``chuong-1`` for "Chương I", ``phan-2``,
``khoan-1``, ``diem-a``, ``doan-2``) and are unique within the text (a repeated head gets ``-2``, ``-3``);
they stay the same when an article's wording changes, so versions compare by key. No text is lost:
joining each section's own heading (when it came from the text) and its text gives back the input,
whitespace aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

HEADING_MAX = 300  # DraftSection.heading
KEY_MAX = 60  # DraftSection.key

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ORDINALS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
# "Chương I", "CHƯƠNG II.", "Mục 2: ...", "Phần thứ nhất", "Điều 3.", "Điều 3a. ..."; after the number an
# end of line, a dot, a colon or a dash: "Điều 3 của Luật ..." opening a line is a sentence, not a head.
_HEAD = re.compile(
    r"^(?P<word>phần|chương|mục|điều)\s+(?P<num>thứ\s+\w+|[ivxlc]+|\d{1,3}[a-zđ]?)(?=\s*(?:$|[.:\-–—]))",
    re.IGNORECASE,
)
_POINT = re.compile(r"^(?P<num>\d{1,3})\.\s+\S")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\)\s+\S")
_KIND = {"phần": "phan", "chương": "chuong", "mục": "muc", "điều": "dieu"}
_FOLD = str.maketrans("đĐ", "dD")


class Change(StrEnum):
    """Mirrors ``enums.SectionChange``."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str
    own_heading: bool = True  # the heading is the text's own words (False: "Phần mở đầu", "Đoạn 2")

    def source(self) -> str:
        """The part of the original text this section holds."""
        return f"{self.heading}\n{self.text}" if self.own_heading else self.text


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()


def _roman(value: str) -> int | None:
    value = value.upper()
    if not value or any(ch not in _ROMAN for ch in value):
        return None
    total = 0
    for i, ch in enumerate(value):
        number = _ROMAN[ch]
        total += -number if i + 1 < len(value) and _ROMAN[value[i + 1]] > number else number
    return total if total > 0 else None


def _number(raw: str) -> str:
    """ "I" -> "1", "thứ hai" -> "2", "3a" -> "3a"."""
    folded = _fold(raw).strip()
    if folded.startswith("thu"):
        word = folded.split()[-1]
        return str(_ORDINALS.get(word, word))
    if folded.isdigit() or (folded[:-1].isdigit() and folded[-1:].isalpha()):
        return folded
    roman = _roman(folded)
    return str(roman) if roman is not None else folded


def slug(text: str) -> str:
    """ASCII lower-case words joined by dashes."""
    return re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")


def _split_heading(line: str) -> tuple[str, str]:
    """A head line longer than a heading may be: cut at a space; the rest opens the text."""
    if len(line) <= HEADING_MAX:
        return line, ""
    cut = line.rfind(" ", 0, HEADING_MAX)
    cut = cut if cut > 0 else HEADING_MAX
    return line[:cut].rstrip(), line[cut:].lstrip()


class _Keys:
    """Unique section keys: a head repeated (two "Điều 1" in an amending draft) gets -2, -3 ... A counter
    per base key resumes where the last repeat stopped, so n repeats cost O(n), not O(n²)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.last: dict[str, int] = {}

    def make(self, base: str) -> str:
        base = (slug(base) or "phan")[: KEY_MAX - 4].strip("-")
        n = self.last.get(base, 1)
        key = base if n == 1 else _suffixed(base, n)
        while key in self.used:  # only a literal "dieu-1-2" head met before makes this loop more than once
            n += 1
            key = _suffixed(base, n)
        self.last[base] = n
        self.used.add(key)
        return key


def _suffixed(base: str, n: int) -> str:
    suffix = f"-{n}"
    return base[: KEY_MAX - len(suffix)].rstrip("-") + suffix


def _level(lines: list[str]) -> str:
    stripped = [line.strip() for line in lines]
    if any(_HEAD.match(line) for line in stripped):
        return "head"
    if sum(1 for line in stripped if _POINT.match(line)) >= 2:
        return "point"
    if sum(1 for line in stripped if _LETTER.match(line)) >= 2:
        return "letter"
    return "paragraph"


def _head_key(line: str, level: str) -> str | None:
    if level == "head":
        match = _HEAD.match(line)
        return f"{_KIND[match['word'].lower()]}-{_number(match['num'])}" if match else None
    if level == "point":
        match = _POINT.match(line)
        return f"khoan-{match['num']}" if match else None
    match = _LETTER.match(line)
    return f"diem-{_fold(match['num'])}" if match else None


def _is_title_line(line: str) -> bool:
    """A chapter's title on the line after "Chương I": short, upper-case."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and len(line) <= 200 and all(ch.isupper() for ch in letters) and not _HEAD.match(line)


def split(text: str) -> list[Section]:
    """The sections of a draft's text (see the module's doc); [] for an empty text."""
    lines = (text or "").splitlines()
    if not any(line.strip() for line in lines):
        return []
    level = _level(lines)
    if level == "paragraph":
        return _paragraphs(lines)
    keys = _Keys()
    sections: list[Section] = []
    preamble: list[str] = []
    current: tuple[str, str, list[str]] | None = None  # (key, heading, lines)
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        base = _head_key(line, level) if line else None
        if base is None:
            (current[2] if current is not None else preamble).append(lines[i])
            i += 1
            continue
        if current is not None:
            sections.append(_section(*current))
        heading = line
        # "Chương I" alone, its title on the next line: one heading.
        if level == "head" and _HEAD.fullmatch(line.rstrip(".:")) and i + 1 < len(lines):
            following = lines[i + 1].strip()
            if following and _is_title_line(following):
                heading = f"{line} {following}"
                i += 1
        head, rest = _split_heading(heading)
        current = (keys.make(base), head, [rest] if rest else [])
        i += 1
    if current is not None:
        sections.append(_section(*current))
    body = "\n".join(preamble).strip()
    if body:
        sections.insert(0, Section(key=keys.make("mo-dau"), heading="Phần mở đầu", text=body, own_heading=False))
    return sections


def _section(key: str, heading: str, lines: list[str]) -> Section:
    return Section(key=key, heading=heading, text="\n".join(lines).strip())


def _paragraphs(lines: list[str]) -> list[Section]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    texts = ["\n".join(block).strip() for block in blocks if block]
    if len(texts) == 1:
        return [Section(key="toan-van", heading="Toàn văn", text=texts[0], own_heading=False)]
    return [Section(key=f"doan-{n}", heading=f"Đoạn {n}", text=t, own_heading=False)
            for n, t in enumerate(texts, start=1)]  # fmt: skip


def joined(sections: list[Section]) -> str:
    """The text the sections were cut from (whitespace aside)."""
    return "\n".join(s.source() for s in sections)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


@dataclass(frozen=True)
class Compared:
    key: str
    change: Change
    old: tuple[str, str] | None  # (heading, text) in the earlier version
    new: tuple[str, str] | None


def compare(old: list[tuple[str, str, str]], new: list[tuple[str, str, str]]) -> list[Compared]:
    """Each section's change from ``old`` to ``new`` (both lists of (key, heading, text)), by key: the new
    version's sections in their order, then the removed ones in their old order. Whitespace-only edits
    are no change."""
    before = {key: (heading, text) for key, heading, text in old}
    after_keys = {key for key, _h, _t in new}
    result = []
    for key, heading, text in new:
        was = before.get(key)
        if was is None:
            change = Change.ADDED
        elif _same(was[0], heading) and _same(was[1], text):
            change = Change.UNCHANGED
        else:
            change = Change.CHANGED
        result.append(Compared(key=key, change=change, old=was, new=(heading, text)))
    for key, heading, text in old:
        if key not in after_keys:
            result.append(Compared(key=key, change=Change.REMOVED, old=(heading, text), new=None))
    return result
