"""Taking out of a survey comment what could point to the person who wrote it. Pure: no Django.

A comment reaches a head stripped of the person, never with a known identity to look for (a rating
is stored apart from the petition: ``cases.redaction``, which looks for a known name, is not
reachable from here and would not apply). So this looks for the *kinds* of thing that identify:
email addresses, phone and ID-card numbers (any run of seven digits or more), case codes
(``PA-2602-BEGRGH``), days and times (finer than the reporting period), house numbers and alleys,
and people's names (after a word that introduces a person, or starting with a common surname).
It errs towards hiding too much: "đường Lê Lợi" loses its name too. A floor, not a guarantee: the
form also asks people not to write their name or phone number.
"""

from __future__ import annotations

import re
from typing import Final

from danvan.core.text import strip_diacritics

REDACTED: Final = "[đã che]"

_EMAIL: Final = re.compile(r"[\w.+\-]+\s*(?:@|\(at\)|\[at\])\s*[\w\-]+(?:\.[\w\-]+)+", re.IGNORECASE)
# A case's tracking code and codes like it: upper-case letters and digits in hyphenated groups, with a digit.
_CODE: Final = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*\d)[A-Z]{1,4}(?:-[A-Z0-9]{2,10}){1,3}(?![\w-])")
_DIGITS: Final = re.compile(r"(?<![\w])\+?\(?\d[\d\s.\-()]{5,22}\d(?![\d])")
# Days and times: "12/3", "12/03/2026", "12-3", "ngày 12", "9h30", "9 giờ", "14:05".
_DAY: Final = re.compile(r"(?<![\d/])\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?(?![\d/])")
_DAY_WORDS: Final = re.compile(r"\b(?:ngay|hom|sang|chieu|toi)\s+(?:ngay\s+)?\d{1,2}\b")
_TIME: Final = re.compile(r"(?<!\d)\d{1,2}\s*(?:h|gio|:)\s*\d{0,2}(?:\s*phut)?(?![\w])")
# House numbers and alleys: "số 12", "số nhà 12B", "kiệt 12/3", "ngõ 34", "hẻm 45", "12 Lê Lợi".
_HOUSE: Final = re.compile(r"\b(?:so\s+nha|so|sn|nha|ngo|ngach|hem|kiet|thon|xom|ap|to)\.?\s*\d+[a-z]?(?:/\d+)*\b")
_TITLES: Final = (
    "anh", "chi", "ong", "ba", "em", "co", "chu", "bac", "di", "cau", "toi la", "toi ten la", "toi ten",
    "ten la", "ten toi la", "can bo", "dong chi", "chau",
)  # fmt: skip
_TITLE: Final = re.compile(r"\b(?:" + "|".join(t.replace(" ", r"\s+") for t in _TITLES) + r")\s*[:,]?\s+$")
_SURNAMES: Final = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "dinh",
        "truong",
        "lam",
        "mai",
        "trinh",
        "dao",
        "cao",
        "ha",
        "luong",
        "tang",
        "quach",
        "luu",
        "ton",
        "chu",
        "la",
        "kieu",
        "thai",
        "van",
    ]
)


def _fold(text: str) -> str:
    """``text`` lower-cased without diacritics, one character for one (offsets stay valid)."""
    out = []
    for ch in text:
        folded = strip_diacritics(ch).lower()
        out.append(folded if len(folded) == 1 else ch.lower()[:1] or " ")
    return "".join(out)


def _capitalised_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of words that begin with a capital letter: (start, end, words)."""
    runs: list[tuple[int, int, list[str]]] = []
    for match in re.finditer(r"\w+", text):
        word = match.group()
        if word[0].isupper() and not word.isdigit():
            if runs and text[runs[-1][1] : match.start()].strip() == "":
                start, _, words = runs[-1]
                runs[-1] = (start, match.end(), [*words, word])
                continue
            runs.append((match.start(), match.end(), [word]))
    return runs


def find(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` to hide, merged and in order."""
    folded = _fold(text)
    spans: list[tuple[int, int]] = []
    spans += [m.span() for m in _EMAIL.finditer(text)]
    spans += [m.span() for m in _CODE.finditer(text)]
    spans += [m.span() for m in _DIGITS.finditer(text) if len(re.sub(r"\D", "", m.group())) >= 7]
    for pattern in (_DAY, _DAY_WORDS, _TIME, _HOUSE):
        spans += [m.span() for m in pattern.finditer(folded)]
    for start, end, words in _capitalised_runs(text):
        # A title written with a capital ("Ông Trần", "Chị Mai") opens the run: the name is what follows.
        while len(words) > 1 and _TITLE.search(_fold(words[0]) + " ") is not None:
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        first = _fold(words[0])
        after_title = _TITLE.search(folded[:start]) is not None
        sentence_start = re.search(r"(?:^|[.!?]\s*)$", text[:start]) is not None
        if after_title or (first in _SURNAMES and (len(words) >= 2 or not sentence_start)):
            spans.append((start, end))
        elif re.search(r"\d+[a-z]?(?:/\d+)*\s*(?:(?:duong|pho)\s+)?$", folded[:start]):
            # "12 Lê Lợi", "45/2 đường Trần Hưng Đạo": a house and its street.
            number = re.search(r"\d+[a-z]?(?:/\d+)*\s*(?:(?:duong|pho)\s+)?$", folded[:start])
            assert number is not None
            spans.append((number.start(), end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact(text: str) -> str:
    """``text`` with every span of ``find`` replaced by ``REDACTED``."""
    out, last = [], 0
    for start, end in find(text):
        out += [text[last:start], REDACTED]
        last = end
    return "".join([*out, text[last:]])
