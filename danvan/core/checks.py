"""System checks of the core app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import connections

from danvan.core import dbroles


@register(Tags.database, deploy=True)
def database_role_check(
    app_configs: Any = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """``danvan check --deploy --database default``: the app's PostgreSQL role owns nothing and cannot
    rewrite the audit trail (danvan/core/dbroles.py). Runs only with a database and in production
    (``DANVAN_DB_ROLE_CHECK``); migrations, run as the owner, never run deploy checks."""
    if not getattr(settings, "DANVAN_DB_ROLE_CHECK", False):
        return []
    messages: list[CheckMessage] = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            problems = dbroles.role_problems(cursor)
        override = dbroles.override_requested()
        for problem in problems:
            hint = (
                f"Serve as the app role made by `danvan db_roles` (docs/deploy.md); {dbroles.OVERRIDE_ENV}=1 overrides."
            )
            if override:
                messages.append(Warning(f"{alias}: {problem} (overridden)", hint=hint, id="danvan.W001"))
            else:
                messages.append(Error(f"{alias}: {problem}", hint=hint, id="danvan.E001"))
    return messages


@register()
def event_subscription_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A handler subscribed to an event name nobody defined would never run: report it (a typo)."""
    from danvan.core import events

    hint = "Define it with core.events.define() in the owning app, or correct the name."
    return [
        Error(f"a handler is subscribed to the event {name!r}, which no app defines", hint=hint, id="danvan.E002")
        for name in events.undefined_subscriptions()
    ]
