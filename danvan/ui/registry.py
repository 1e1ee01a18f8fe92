"""What each capability contributes to the shared page shell: menu entries and home-page cards.

A capability registers its entries in its ``AppConfig.ready()`` (through its own ``navigation``
module); the base template renders whatever is registered, so adding a capability touches no other
app's templates. Like Wagtail's hooks or Decidim's component manifests, but only as much as the
shell needs.

An entry names the registered action a user must be allowed (``action="cases.view"``) and, where the
rule is more than one action, its own ``visible(user)`` test. This module sits below every capability
and does not know the roles: org, which owns them, installs the one check (``set_action_check``) in
its ``ready()``, so every menu entry is decided by the same rule as the pages behind it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


class Area(enum.StrEnum):
    """Where in the main menu an entry goes, in this order."""

    PUBLIC = "public"  # everyone: home, send a petition, look-ups
    ACCOUNT = "account"  # anyone signed in: my petitions, notifications
    WORK = "work"  # officers' daily work: inboxes, counter entry, results
    REFERENCE = "reference"  # reference and settings: bodies, units, deadlines, administration


def _everyone(user: Any) -> bool:
    return True


def _no_action_check(user: Any, action: str) -> bool:
    raise ImproperlyConfigured("No action check installed: org installs it with ui.registry.set_action_check")


def signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@dataclass(frozen=True)
class MenuItem:
    """One link of the main menu.

    ``action``, when given, is the registered action the user must be allowed anywhere; ``visible`` is
    an extra test for entries whose rule is more than one action. ``current_for`` lists view-name prefixes (``"deadlines:"``, ``"surveys:survey_"``) that also mark
    the entry as the current page, for sections with several pages behind one entry.
    """

    key: str
    label: Any  # a lazy translation
    url_name: str
    area: Area
    order: int = 100
    action: str = ""
    visible: Callable[[Any], bool] = _everyone
    current_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class HomeCard:
    """A card on the home page: a template of the capability, included with the page's context."""

    key: str
    template: str
    order: int = 100
    visible: Callable[[Any], bool] = _everyone


@dataclass
class _Registry:
    menu: dict[str, MenuItem] = field(default_factory=dict)
    cards: dict[str, HomeCard] = field(default_factory=dict)
    action_check: Callable[[Any, str], bool] = _no_action_check


_registry = _Registry()


def _add(table: dict[str, Any], entry: Any) -> None:
    known = table.get(entry.key)
    # The same entry twice is harmless (ready() run again by a test); two different ones under one key
    # are a mistake that would silently hide one of them.
    if known is not None and known != entry:
        raise ImproperlyConfigured(f"UI entry {entry.key!r} is registered twice with different values")
    table[entry.key] = entry


def set_action_check(check: Callable[[Any, str], bool]) -> None:
    """Install ``check(user, action) -> bool`` (org's ``user_may``)."""
    _registry.action_check = check


def _shown(item: MenuItem, user: Any) -> bool:
    if item.action and not _registry.action_check(user, item.action):
        return False
    return item.visible(user)


def register_menu_item(item: MenuItem) -> None:
    _add(_registry.menu, item)


def register_home_card(card: HomeCard) -> None:
    _add(_registry.cards, card)


def register(*entries: MenuItem | HomeCard) -> None:
    for entry in entries:
        if isinstance(entry, MenuItem):
            register_menu_item(entry)
        else:
            register_home_card(entry)


@dataclass(frozen=True)
class MenuLink:
    """A menu entry as the template shows it."""

    key: str
    label: Any
    url: str
    current: bool


def _is_current(item: MenuItem, view_name: str) -> bool:
    return view_name == item.url_name or any(view_name.startswith(prefix) for prefix in item.current_for)


def menu_for(request: HttpRequest) -> dict[str, list[MenuLink]]:
    """The menu entries this user may see, by area, in order."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    areas: dict[str, list[MenuLink]] = {area.value: [] for area in Area}
    for item in sorted(_registry.menu.values(), key=lambda i: (i.order, i.key)):
        if not _shown(item, user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch as exc:  # a registration naming a page that does not exist: fail loudly
            raise ImproperlyConfigured(f"Menu entry {item.key!r} names an unknown page {item.url_name!r}") from exc
        areas[item.area.value].append(MenuLink(item.key, item.label, url, _is_current(item, view_name)))
    return areas


def home_cards_for(user: Any) -> list[HomeCard]:
    return [c for c in sorted(_registry.cards.values(), key=lambda c: (c.order, c.key)) if c.visible(user)]


def menu_items() -> Iterable[MenuItem]:
    """Every registered entry (for checks and tests)."""
    return tuple(_registry.menu.values())


# Links one capability offers for another's pages ---------------------------------------------------
#
# Capabilities side by side in the layers contract may not import each other, yet one page may show
# another's link: the private page of a case shows its rating link, which surveys owns. The owner
# provides a builder under a name; the page asks by that name and gets "" when nobody provides it.

_links: dict[str, Callable[..., str]] = {}


def provide_link(name: str, build: Callable[..., str]) -> None:
    """Offer the link ``name`` ("<app label>.<what>"), built by ``build(**facts)``."""
    known = _links.get(name)
    if known is not None and known is not build:
        raise ImproperlyConfigured(f"Link {name!r} is provided twice")
    _links[name] = build


def link(name: str, /, **facts: Any) -> str:
    """The link ``name`` for these facts, or "" when no installed capability provides it."""
    build = _links.get(name)
    return build(**facts) if build is not None else ""


# Where a person lands after signing in ---------------------------------------------------------------
#
# Officers land on their work, not on the home page: each capability names the page that is someone's
# work (the inbox, the counter, the head's dashboard) and who it is for; the sign-in takes the first one,
# by ``order``, that the person may use (a safe ``next`` comes first: web.views.LoginView).


@dataclass(frozen=True)
class Landing:
    """A page people land on after signing in: for those allowed ``action`` (anywhere) and ``visible``."""

    key: str
    url_name: str
    order: int = 100
    action: str = ""
    visible: Callable[[Any], bool] = _everyone


_landings: dict[str, Landing] = {}


def register_landing(landing: Landing) -> None:
    _add(_landings, landing)


def landing_for(user: Any) -> str:
    """The address of the first page ``user`` lands on, or "" (then the home page)."""
    for landing in sorted(_landings.values(), key=lambda entry: (entry.order, entry.key)):
        if landing.action and not _registry.action_check(user, landing.action):
            continue
        if landing.visible(user):
            return reverse(landing.url_name)
    return ""


# Panels one capability adds to another's pages --------------------------------------------------------------
#
# Like ``provide_link``, for a block of a page: a case's staff page shows "the same matter" (insight) and the
# petition form the public reports like the one being typed, without cases importing insight. The page
# names a slot ("cases.case_detail"); each provider renders HTML for it from the request and plain facts,
# or "" to show nothing. The page renders them with ``{% panels "<slot>" fact=value %}`` (ui_panels).

_panels: dict[str, list[Callable[..., str]]] = {}


def provide_panel(name: str, render: Callable[..., str]) -> None:
    """Add ``render(request, **facts) -> html`` to the slot ``name`` (once per renderer)."""
    renderers = _panels.setdefault(name, [])
    if render not in renderers:
        renderers.append(render)


def panels(name: str, /, request: HttpRequest, **facts: Any) -> list[str]:
    """The HTML of every panel provided for slot ``name`` (none when nobody provides one)."""
    return [html for render in _panels.get(name, ()) if (html := render(request, **facts))]
