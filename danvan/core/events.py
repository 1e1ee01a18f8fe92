"""Named events: how one capability tells others that something happened, without importing them.

Capabilities sit side by side in the layers contract (cases, surveys, …) and may not import one
another. The capability that owns an event declares it, with the dataclass of plain facts it carries
(``cases/events.py``: ``define("cases.case_answered", AnsweredCase)``); a listener subscribes by the
event's NAME in its ``AppConfig.ready()`` and reads the payload's attributes, never the sender's
models. ``core`` holds only this registry, not any domain's vocabulary.

Delivery is synchronous, in the caller's thread and transaction: a handler's writes commit or roll
back with the sender's (as Django's signals did before), and a handler that raises makes the
sending step fail. Work that may be slow or may fail on its own goes through ``core.outbox``.

Subscribing to a name nobody defined yet is allowed (apps are made ready in ``INSTALLED_APPS``
order); the system check ``danvan.E002`` reports a subscription whose name was never defined (a
typo would otherwise silently never fire). Publishing under an undefined name, or a payload of
another type, raises at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = [
    "EventError",
    "define",
    "defined",
    "payload",
    "publish",
    "subscribe",
    "undefined_subscriptions",
    "unsubscribe",
]

Handler = Callable[[Any], object]


class EventError(LookupError):
    """An event used under a name nobody defined, defined twice differently, or sent the wrong payload."""


_DEFINED: dict[str, type] = {}
_HANDLERS: dict[str, list[Handler]] = {}


def define(name: str, payload_type: type) -> str:
    """Declare the event ``name`` ("<app label>.<what happened>") carrying ``payload_type``.

    Returns the name, so the owner can keep it as a constant. Defining the same name again with the
    same type is harmless (a module imported twice); with another type it is an error.
    """
    known = _DEFINED.get(name)
    if known is not None and known is not payload_type:
        raise EventError(f"event {name!r} is already defined with {known.__qualname__}")
    _DEFINED[name] = payload_type
    return name


def subscribe(name: str, handler: Handler) -> None:
    """Call ``handler(payload)`` whenever ``name`` is published. Subscribing one handler twice keeps one."""
    handlers = _HANDLERS.setdefault(name, [])
    if handler not in handlers:
        handlers.append(handler)


def unsubscribe(name: str, handler: Handler) -> None:
    """Remove ``handler`` (tests that listen for a while)."""
    handlers = _HANDLERS.get(name, [])
    if handler in handlers:
        handlers.remove(handler)


def defined(name: str) -> type:
    """The payload type of ``name``; ``EventError`` if nobody defined it."""
    try:
        return _DEFINED[name]
    except KeyError:
        raise EventError(f"no event named {name!r} is defined (known: {', '.join(sorted(_DEFINED))})") from None


def payload(name: str, **facts: Any) -> Any:
    """Build the payload of ``name`` from keyword facts, for a caller that may not import its owner."""
    return defined(name)(**facts)


def publish(name: str, event_payload: Any) -> None:
    """Deliver ``event_payload`` to every handler of ``name``, in subscription order, in this transaction."""
    payload_type = defined(name)
    if not isinstance(event_payload, payload_type):
        raise EventError(f"event {name!r} carries {payload_type.__qualname__}, not {type(event_payload).__qualname__}")
    for handler in list(_HANDLERS.get(name, ())):
        handler(event_payload)


def undefined_subscriptions() -> list[str]:
    """Names someone subscribed to that nobody defined (for the system check)."""
    return sorted(name for name, handlers in _HANDLERS.items() if handlers and name not in _DEFINED)
