"""The plain-text message format every notification is written in, and the SMS length rule.

A capability keeps its own templates (cases: ``cases/templates/cases/messages/<code>.txt``) and
renders them here, with a template engine of their own: plain text, so no HTML escaping (an ``&`` in
a body's name stays ``&``), and independent of ``INSTALLED_APPS``. A file looks like::

    Subject: one line
    <blank line>
    the email body, several lines
    --- SMS ---
    the SMS text (white space is collapsed to single spaces)

``fit_sms`` cuts the SMS to ``SMS_MAX_CHARS`` characters, keeping a trailing link whole and never
splitting a word or a letter from its tone mark. Diacritics are kept, so an SMS is sent as UCS-2:
70 characters fit one segment, 160 characters take three.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from django.template import Context, Engine, TemplateDoesNotExist
from django.template.base import Template
from django.utils import translation

__all__ = ["SMS_MARKER", "SMS_MAX_CHARS", "RenderedMessage", "fit_sms", "message_parse", "message_render"]

SMS_MAX_CHARS: Final = 160
SMS_MARKER: Final = "--- SMS ---"
_MIN_SMS_PROSE = 40  # below this, a link would crowd out the message: drop the link, keep the words


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    subject: str
    text: str
    sms_text: str


@cache
def _engine(directory: str) -> Engine:
    # Plain text: autoescape off. Only the caller's template folder, through the cached loader.
    return Engine(
        dirs=[directory],
        autoescape=False,
        libraries={"i18n": "django.templatetags.i18n", "l10n": "django.templatetags.l10n"},
    )


def _template(directory: Path, prefix: str, code: str, language: str) -> Template:
    names = [f"{prefix}/{code}.txt"]
    if language != "vi":  # Vietnamese is the product language and the only one shipped
        names.insert(0, f"{prefix}/{language}/{code}.txt")
    for name in names:
        try:
            return _engine(str(directory)).get_template(name)
        except TemplateDoesNotExist:
            continue
    raise TemplateDoesNotExist(names[-1])


def message_render(
    *, directory: Path, prefix: str, code: str, context: dict[str, Any], language: str = "vi", name: str = ""
) -> RenderedMessage:
    """Render ``<directory>/<prefix>/[<language>/]<code>.txt`` (the Vietnamese file when the language
    has none) into an email subject and text and an SMS. ``name`` names the message in errors."""
    template = _template(directory, prefix, code, language)
    with translation.override(language):
        rendered = template.render(Context(context, autoescape=False))
    return message_parse(rendered, name or code)


def message_parse(rendered: str, code: str) -> RenderedMessage:
    """Split a rendered template into subject, email text and SMS (see the module docstring)."""
    rendered = unicodedata.normalize("NFC", rendered)
    lines = [line.rstrip() for line in rendered.strip().splitlines()]
    if not lines or not lines[0].startswith("Subject:"):
        raise ValueError(f"message template {code!r} must start with a 'Subject:' line")
    subject = " ".join(lines[0].removeprefix("Subject:").split())  # one line: a mail header
    rest = lines[1:]
    try:
        marker = [line.strip() for line in rest].index(SMS_MARKER)
    except ValueError:
        raise ValueError(f"message template {code!r} has no {SMS_MARKER!r} section") from None
    body = "\n".join(rest[:marker]).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)  # template tags leave blank lines behind
    return RenderedMessage(subject=subject, text=body + "\n", sms_text=fit_sms(" ".join(rest[marker + 1 :])))


def fit_sms(text: str, limit: int = SMS_MAX_CHARS) -> str:
    """``text`` on one line, at most ``limit`` characters: a trailing link is kept whole, the words
    before it are cut at a word boundary and end with "…"."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if len(text) <= limit:
        return text
    head, tail = text, ""
    link = re.search(r" (https?://\S+)$", text)
    if link and limit - len(link.group(1)) - 2 >= _MIN_SMS_PROSE:
        head, tail = text[: link.start()], " " + link.group(1)
    budget = limit - len(tail) - 1  # one character for the ellipsis
    # A whole sentence, if one ends far enough in: "…mã hồ sơ X. https://…" reads better than
    # "…mã hồ sơ X. Theo dõi… https://…".
    sentence = head[: budget + 1].rfind(". ")
    if sentence >= budget // 2:
        return head[: sentence + 1] + tail
    cut = head[:budget]
    space = cut.rfind(" ")
    if space >= budget // 2 and head[budget : budget + 1] != " ":
        cut = cut[:space]  # do not split a word
    # Never leave a letter without the combining mark that followed it (text not in NFC form).
    while cut and len(cut) < len(head) and unicodedata.combining(head[len(cut)]):
        cut = cut[:-1]
    return cut.rstrip(" ,.;:–-") + "…" + tail
