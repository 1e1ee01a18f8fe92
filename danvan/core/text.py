"""Vietnamese text folding for search and matching. Pure: no Django, no database.

People write place names and search queries with or without diacritics ("Thảo Điền", "thao dien",
"THAO DIEN"); ``fold`` maps all of them to one key. "đ" is not a combining mark in Unicode, so it
is mapped by hand.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Lower-case, diacritic-free, punctuation turned to spaces, whitespace collapsed."""
    folded = strip_diacritics(unicodedata.normalize("NFC", text)).lower()
    folded = _PUNCT.sub(" ", folded).replace("_", " ")
    return _SPACES.sub(" ", folded).strip()


def normalize_spaces(text: str) -> str:
    """NFC and single spaces: how free text from citizens is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def contains_html(text: str) -> bool:
    """Citizens write plain text; markup is refused rather than silently stripped."""
    return bool(_HTML.search(text))
