"""Addresses that are kept sealed until the moment of sending.

A denouncer's contact may not be written on a notification row (Luật Tố cáo 2018, Điều 9, 56): the
row says ``SEALED`` and the delivery task asks the capability the notification is about to open
its seal then. The capability registers one resolver per kind (cases: ``"cases.case"``) in its
``AppConfig.ready()``; this foundation never reads another app's sealed store itself.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["SEALED", "register", "resolve"]

SEALED = "sealed"

# (about_id, channel) -> the address to send to, or "" when none was given.
Resolver = Callable[[int, str], str]
_RESOLVERS: dict[str, Resolver] = {}


def register(about_kind: str, resolver: Resolver) -> None:
    """Let the delivery task open ``about_kind``'s sealed contacts through ``resolver``."""
    _RESOLVERS[about_kind] = resolver


def resolve(about_kind: str, about_id: int | None, channel: str) -> str:
    """The sealed address of a notification about ``about_kind``/``about_id``; "" when there is none."""
    resolver = _RESOLVERS.get(about_kind)
    if resolver is None or about_id is None:
        return ""
    return resolver(about_id, channel)
