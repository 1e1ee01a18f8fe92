"""The main menu for every page, built from what the capabilities registered (``ui.registry``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from danvan.ui.registry import menu_for, signed_in


def navigation(request: HttpRequest) -> dict[str, Any]:
    # Lazy: pages that do not extend the base template (downloads, 503) never compute it.
    menu = SimpleLazyObject(lambda: menu_for(request))

    def here() -> Any:
        # The label of the current page's entry, shown beside the phone's "Menu" button (ui/_main_nav.html);
        # the account, work and reference entries only once signed in, as the menu shows them.
        areas = ("public", "account", "work", "reference") if signed_in(getattr(request, "user", None)) else ("public",)
        return next((link.label for area in areas for link in menu[area] if link.current), "")

    return {"menu": menu, "menu_here": here}
