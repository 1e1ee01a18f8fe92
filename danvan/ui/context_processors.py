"""The main menu for every page, built from what the capabilities registered (``ui.registry``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from danvan.ui.registry import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    # Lazy: pages that do not extend the base template (downloads, 503) never compute it.
    return {"menu": SimpleLazyObject(lambda: menu_for(request))}
