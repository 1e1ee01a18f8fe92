"""Removing a denouncer's identity from the text of their letter (Luật Tố cáo 2018, Điều 56(2)).

Pure: no Django. ``find`` returns the spans of ``text`` that are the denouncer's identity in any
of the forms people write it; ``redact`` replaces them; ``review_hints`` lists what looks like a
person's name, a home address or a contact that is NOT matched to the identity, for the handler to
look at before anyone else reads the letter (automatic redaction is a floor, not a guarantee).

How each part of the identity is found (on the text folded: lower case, no diacritics, offsets
kept, so "NGUYEN VAN AN", "nguyễn văn an" and "Nguyễn Văn An" are one form):

- name: the full name; with the surname and middle names shortened ("Ng. Văn An", "N.V.An",
  "Nguyễn V. An", "NV An") or left out ("Nguyễn An"); given name first ("An Nguyễn Văn"); the
  given name (or the last two syllables) alone only after a word that introduces a person ("anh
  An", "chị Mai Anh", "tôi là An", "tên An"), since alone it is often a common word ("an toàn",
  "ngày mai");
- phone: every run of digits and separators whose digits are the number, in national (0912...) or
  international (84..., +84...) form; ``phonenumbers`` parses the number given;
- email: every email address, the denouncer's or not (a letter rarely needs one);
- ID number: its digits with any separators;
- address: the house number, alley and street (or the hamlet: thôn, xóm, ấp, tổ, khu) in the long
  and the short forms ("số 12 ngõ 34 phố Hàng Bạc", "12/34 Hàng Bạc", "ngõ 34 Hàng Bạc số nhà
  12"); the ward, district and province are left (they are also the place of the case).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

import phonenumbers

from danvan.core.text import strip_diacritics

REDACTED: Final = "[đã che]"

# Words that introduce a person: after one of them a given name alone is a name.
_TITLES: Final = (
    "anh", "chi", "ong", "ba", "em", "co", "chu", "bac", "chau", "ban", "toi la", "toi ten", "toi ten la",
    "ten la", "ten", "em la", "nguoi to cao", "nguoi viet",
)  # fmt: skip
_SEP: Final = r"[\s.\-_]*"
_HAMLET_WORDS: Final = ("thon", "xom", "ap", "to", "khu", "ban", "khu pho", "kp", "to dan pho")
_STREET_WORDS: Final = r"(?:(?:pho|duong|d|p)\.?\s*)?"
_HOUSE_WORDS: Final = r"(?:(?:so\s*nha|so|nha|sn)\.?\s*)?"
_ALLEY_WORDS: Final = r"(?:(?:ngo|ngach|hem|kiet|k|h)\.?\s*)?"


@dataclass(frozen=True)
class Identity:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    id_number: str = ""


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str  # "name" | "phone" | "email" | "address" | "id_number" (hints: "hint_name", ...)


def fold_same_length(text: str) -> str:
    """``text`` lower-cased without diacritics, one character for one (offsets stay valid)."""
    out = []
    for ch in text:
        folded = strip_diacritics(unicodedata.normalize("NFC", ch)).lower()
        out.append(folded if len(folded) == 1 else ch.lower()[:1] or " ")
    return "".join(out)


def _words(value: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold_same_length(value))


def _bounded(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])")


# --- name ------------------------------------------------------------------------------------


def _token(word: str) -> str:
    """A surname or middle name written whole, shortened with a dot ("ng.", "tr.") or as an initial."""
    prefixes = [re.escape(word[:k]) + r"\." for k in range(2, len(word))]
    # A bare initial must stand alone ("N V An"), or "nguyen van" would read as "nguyen v" + "an".
    initial = re.escape(word[0]) + r"(?:\.|(?=[\s\-_]))"
    return "(?:" + "|".join([re.escape(word), *prefixes, initial]) + ")"


def _name_patterns(name: str) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, group to hide) for each written form of ``name``."""
    words = _words(name)
    if not words:
        return []
    given = re.escape(words[-1])
    patterns: list[str] = []
    titles = "|".join(t.replace(" ", r"\s+") for t in _TITLES)
    if len(words) >= 2:
        others = words[:-1]
        surname = others[0]
        # All of the surname and middle names, each whole, shortened or an initial: "Ng. Văn An",
        # "N.V.An", "Nguyễn V. An"; at least one written whole or dotted, so "n v an" alone is not enough.
        sequence = _SEP.join(_token(w) for w in others)
        patterns.append(rf"(?P<n>{sequence}{_SEP}{given})")
        # The initials run together: "NV An", "NVAn" is too short to be sure, so a space or dot is needed.
        initials = "".join(re.escape(w[0]) for w in others)
        patterns.append(rf"(?P<n>{initials}[\s.]+{given})")
        # The surname and the given name: "Nguyễn An".
        patterns.append(rf"(?P<n>{_token(surname)}{_SEP}{given})")
        # Given name first: "An Nguyễn Văn", "An Nguyen".
        patterns.append(rf"(?P<n>{given}\s+{re.escape(surname)}(?:\s+{'\\s+'.join(map(re.escape, others[1:]))})?)")
        # After a title: the given name, or the last two syllables ("chị Mai Anh", "anh Văn An").
        last_two = rf"{re.escape(words[-2])}\s+{given}"
        patterns.append(rf"(?:{titles})[\s:,]+(?P<n>{last_two}|{given})")
        # "họ Hoàng": the surname after the word for surname.
        patterns.append(rf"ho[\s:,]+(?P<n>{re.escape(surname)})")
    else:
        patterns.append(rf"(?P<n>{given})")
    return [(_bounded(p), "n") for p in patterns]


# --- numbers -------------------------------------------------------------------------------

_DIGIT_RUN: Final = re.compile(r"(?<![\w])\(?\+?\(?\d[\d\s.\-()]{5,22}\d(?!\d)")


def _national_digits(phone: str) -> str:
    """The national significant number of a Vietnamese phone ("912876543"), or its bare digits."""
    try:
        parsed = phonenumbers.parse(phone, "VN")
        return str(parsed.national_number)
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", phone)
        return digits[2:] if digits.startswith("84") else digits.lstrip("0")


def _digit_spans(text: str, wanted: str, *, phone: bool) -> list[tuple[int, int]]:
    """Runs of digits and separators whose digits are ``wanted`` (for a phone: with 0, 84 or +84 before)."""
    spans = []
    for match in _DIGIT_RUN.finditer(text):
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        if phone:
            national = digits[2:] if digits.startswith("84") else digits[1:] if digits.startswith("0") else digits
            hit = national == wanted
        else:
            hit = digits == wanted
        if hit:
            spans.append((match.start(), match.end()))
    return spans


_EMAIL: Final = re.compile(r"[\w.+\-]+\s*(?:@|\(at\)|\[at\])\s*[\w\-]+(?:\.[\w\-]+)+", re.IGNORECASE)


# --- address -------------------------------------------------------------------------------


def _address_patterns(address: str) -> list[re.Pattern[str]]:
    folded = fold_same_length(address)
    # The house part: the first comma-separated pieces, up to the one that names a street or hamlet
    # ("Số 8, ngách 15/2, ngõ 15 Trần Duy Hưng, phường ..." -> "số 8 ngách 15/2 ngõ 15 trần duy hưng").
    pieces = []
    for piece in re.split(r"[,;]", folded):
        pieces.append(piece)
        if re.sub(r"\b(?:so|nha|sn|ngo|ngach|hem|kiet)\b|[\d\s./]", "", piece):
            break
    first = " ".join(pieces)
    patterns: list[str] = []
    hamlet = re.match(rf"\s*({'|'.join(sorted(_HAMLET_WORDS, key=len, reverse=True))})\.?\s+([a-z0-9 ]+?)\s*$", first)
    if hamlet:
        body = r"\s+".join(map(re.escape, hamlet.group(2).split()))
        patterns.append(rf"{re.escape(hamlet.group(1))}\.?\s*{body}")
        return [_bounded(p) for p in patterns]
    numbers = re.findall(r"\d+", first)
    # The street: the words after the last number, less "phố", "đường".
    tail = re.split(r"\d+", first)[-1]
    street_words = [w for w in re.findall(r"[a-z]+", tail) if w not in {"pho", "duong", "d", "p"}]
    if not numbers or not street_words:
        return []
    street = r"\s+".join(map(re.escape, street_words))
    house, *alleys = numbers
    # Long form, numbers in the order given: "số 12 ngõ 34 phố Hàng Bạc", "số 8 ngách 15/2 ngõ 15 Trần Duy Hưng".
    # Short form: "12/34 Hàng Bạc", "8/15/2/15 Trần Duy Hưng", "45/12 Nguyễn Trãi".
    between = r"[\s,/]*" + _ALLEY_WORDS
    sequence = between.join(map(re.escape, numbers))
    patterns.append(rf"{_HOUSE_WORDS}{sequence}[\s,]*{_STREET_WORDS}{street}")
    if alleys:
        # Alley first, house last: "ngõ 34 Hàng Bạc số nhà 12", "hẻm 45 Nguyễn Trãi, số 12".
        alley = r"[\s,/]*".join(map(re.escape, alleys))
        patterns.append(rf"{_ALLEY_WORDS}{alley}[\s,]*{_STREET_WORDS}{street}[\s,]*{_HOUSE_WORDS}{re.escape(house)}")
        # The alley alone: "ngách 15/2 ngõ 15 Trần Duy Hưng", "hẻm 45 Nguyễn Trãi".
        patterns.append(rf"(?:ngo|ngach|hem|kiet)\.?\s*{alley}[\s,]*{_STREET_WORDS}{street}")
        patterns.append(
            rf"(?:ngo|ngach|hem|kiet)\.?\s*{re.escape(alleys[0])}(?:[\s,/]*{_ALLEY_WORDS}\d+)*[\s,]*{_STREET_WORDS}{street}"
        )
        if len(numbers) >= 2:
            # "số 45/12 ..." written as house/alley in the order people say it.
            patterns.append(
                rf"{_HOUSE_WORDS}{re.escape(alleys[0])}[\s,/]+{re.escape(house)}[\s,]*{_STREET_WORDS}{street}"
            )
    return [_bounded(p) for p in patterns]


# --- the whole -----------------------------------------------------------------------------


def find(text: str, identity: Identity) -> list[Span]:
    """The spans of ``text`` that are the denouncer's identity, merged, in order."""
    folded = fold_same_length(text)
    spans: list[Span] = []
    if identity.name.strip():
        for pattern, group in _name_patterns(identity.name):
            spans += [Span(m.start(group), m.end(group), "name") for m in pattern.finditer(folded)]
    if identity.phone.strip():
        wanted = _national_digits(identity.phone)
        if len(wanted) >= 8:
            spans += [Span(a, b, "phone") for a, b in _digit_spans(text, wanted, phone=True)]
    if identity.id_number.strip():
        wanted = re.sub(r"\D", "", identity.id_number)
        if len(wanted) >= 8:
            spans += [Span(a, b, "id_number") for a, b in _digit_spans(text, wanted, phone=False)]
    spans += [Span(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    if identity.address.strip():
        for pattern in _address_patterns(identity.address):
            spans += [Span(m.start(), m.end(), "address") for m in pattern.finditer(folded)]
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.kind)
        else:
            merged.append(span)
    return merged


def redact(text: str, identity: Identity) -> str:
    """``text`` with every span of the identity replaced by ``REDACTED``."""
    out, position = [], 0
    for span in find(text, identity):
        out += [text[position : span.start], REDACTED]
        position = span.end
    out.append(text[position:])
    return "".join(out)


# --- what a person must look at ----------------------------------------------------------------

_SELF: Final = re.compile(
    r"(?<![a-z])(?:toi la|toi ten|ten toi la|ten toi|nha toi o|nha toi|toi o|toi song o|toi tru|dia chi|"
    r"sdt|so dien thoai|dien thoai|dt|cccd|cmnd|email|mail|goi)(?![a-z])"
)


def review_hints(text: str, identity: Identity) -> list[Span]:
    """What may identify the denouncer and was not matched: for the handler to check by hand.

    Phone numbers, ID-like numbers and words after "tôi là", "nhà tôi ở", "địa chỉ" ... that
    ``find`` did not hide. Capitalised names are hinted only right after such a phrase: the letter
    names the people it denounces, which must stay.
    """
    # What is already hidden counts as hidden: the handler reviews a text that carries the markers.
    hidden = find(text, identity) + [
        Span(m.start(), m.end(), "redacted") for m in re.finditer(re.escape(REDACTED), text)
    ]
    folded = fold_same_length(text)

    def covered(start: int, end: int) -> bool:
        return any(s.start <= start and end <= s.end for s in hidden)

    hints: list[Span] = []
    for match in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= 9 and not covered(match.start(), match.end()):
            hints.append(Span(match.start(), match.end(), "hint_number"))
    for match in _SELF.finditer(folded):
        # The next few words after the phrase: 40 characters, up to the end of the sentence.
        window_end = min(len(text), match.end() + 40)
        stop = re.search(r"[.;\n]", text[match.end() : window_end])
        end = match.end() + stop.start() if stop else window_end
        start = match.end()
        while start < end and not text[start].isalnum():
            start += 1
        if start < end and not any(s.start < end and start < s.end for s in hidden):
            hints.append(Span(start, end, "hint_self"))
    return _merge(hints)
