"""``{{ text|citizen }}``: operators' marks taken out of a text shown to a citizen (``ui.citizen``)."""

from __future__ import annotations

from django import template

from danvan.ui.citizen import citizen_text

register = template.Library()


@register.filter
def citizen(value: object) -> str:
    return citizen_text(str(value or ""))


@register.filter
def bare_label(value: object) -> str:
    """A field's label inside a sentence ("<label>: <error>"): without its own closing full stop or colon."""
    return str(value or "").rstrip(" .:")
