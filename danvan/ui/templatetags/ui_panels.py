"""``{% panels "<slot>" fact=value %}``: the panels other capabilities provide for a slot of this page
(``ui.registry.provide_panel``), each already rendered and escaped by its provider's template."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from danvan.ui import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: Any, name: str, **facts: Any) -> SafeString:
    request = context.get("request")
    if request is None:
        return mark_safe("")
    # Each provider renders through a template (autoescaped); its output is HTML to include as it is.
    return mark_safe("".join(registry.panels(name, request=request, **facts)))  # noqa: S308
