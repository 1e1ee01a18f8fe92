"""Finding English on an admin page shown in Vietnamese (used by test_admin_vietnamese).

A page's visible texts (text nodes, and the title, placeholder, aria-label and alt attributes, and
the labels of buttons) are compared with the English messages the page could show: every msgid of
Django's English catalogues (core and the contrib apps), of our catalogue, and of the installed
libraries that ship one. A text that *is* one of those messages, or a message with its
placeholders filled in ("Add %(name)s" → "Add survey template"), is English that was not translated.
A second net catches what was never marked for translation (a verbose_name written as a plain
string): a text of plain ASCII words, two or more of them common English words.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[^}]*\}")
# Words that are English and not also Vietnamese, codes or names we use as they are.
ENGLISH_WORDS = frozenset(
    """add added adding all and are at before by can cancel change changed changes choose chosen clear
    close content created date delete deleted does edit enter entries entry every field fields filter for
    from group groups has have history home in is it last log logged module more name no none not of on one
    or other out password permission permissions please recent remove save search select selected show site
    started status submit that the this time to today type unknown update updated user users value view
    was were when which with yes you your""".split()  # noqa: SIM905 - words read best as words
)
ALLOWED = frozenset({"Dân Vận Số", "Open311", "API", "CSV", "XLSX", "TOTP", "SIPAS", "PAPI", "ID"})


@cache
def english_messages() -> tuple[frozenset[str], list[re.Pattern[str]]]:
    """(messages without placeholders, patterns of those with them), normalised."""
    catalogues = list(Path(django.__file__).parent.glob("**/locale/en/LC_MESSAGES/*.po"))
    catalogues.append(ROOT / "danvan" / "locale" / "vi" / "LC_MESSAGES" / "django.po")
    for package in ("axes", "django_otp", "django_tasks_db", "ninja"):
        try:
            module = __import__(package)
        except ImportError:
            continue
        catalogues += Path(module.__file__ or "").parent.glob("**/locale/en/LC_MESSAGES/*.po")
    plain: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    same: set[str] = set()  # our messages that Vietnamese writes as English does ("Open311 GeoReport v2")
    with (ROOT / "danvan" / "locale" / "vi" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        same = {m.id for m in read_po(handle) if isinstance(m.id, str) and m.id == m.string}
    ids_of: list[tuple[str, ...]] = []
    for path in catalogues:
        with path.open("rb") as handle:
            ids_of += [tuple(m.id) if isinstance(m.id, (tuple, list)) else (str(m.id),) for m in read_po(handle)]
    # Libraries without an English catalogue: their marked strings, read from their source.
    for package in ("axes", "django_tasks_db"):
        module = __import__(package)
        for source in Path(module.__file__ or "").parent.glob("**/*.py"):
            ids_of += [(m,) for m in re.findall(r'(?:\b_|gettext_lazy|gettext)\("([^"]+)"', source.read_text())]
    for msgid in (m for ids in ids_of for m in ids):
        text = normalise(msgid or "")
        if msgid in same or len(text) < 2 or not re.search(r"[A-Za-z]{2}", text):
            continue
        if _PLACEHOLDER.search(text):
            fixed = _PLACEHOLDER.split(text)
            if sum(len(p) for p in fixed) >= 4:
                patterns.append(re.compile("^" + ".+?".join(re.escape(p) for p in fixed) + "$"))
        else:
            plain.add(text)
            plain.add(text[:1].upper() + text[1:])  # a verbose name, capitalised as a label
    return frozenset(plain), patterns


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        values = dict(attrs)
        for name in ("title", "placeholder", "aria-label", "alt"):
            if values.get(name):
                self.texts.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.texts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return [t for t in (normalise(t) for t in parser.texts) if t]


def english_in(html: str, *, data: frozenset[str] = frozenset()) -> list[str]:
    """The texts of ``html`` that are English; ``data`` holds texts that are the data shown (names, codes)."""
    plain, patterns = english_messages()
    found = []
    for text in visible_texts(html):
        if text in ALLOWED or text in data or not re.search(r"[A-Za-z]{2}", text) or text[:1] in "{[":
            continue  # not a word, or a JSON value shown as it is stored
        words = re.findall(r"[A-Za-z]+", text)
        ascii_only = not re.search(r"[^\x00-\x7f]", text)
        common_english = sum(w.lower() in ENGLISH_WORDS for w in words) >= 2
        if text in plain or (ascii_only and (common_english or any(p.match(text) for p in patterns))):
            found.append(text)
    return found
