"""Writing to the audit log. Every service that changes state calls ``audit_record``."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models

from danvan.core.middleware import current_request_context
from danvan.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


# Bookkeeping fields change on every save and say nothing about what a person changed.
_NOT_AUDITED = {"created_at", "updated_at", "search_name", "path", "depth", "password"}


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, JSON-ready, for ``before``/``after``."""
    names = fields or [f.attname for f in obj._meta.concrete_fields if f.attname not in _NOT_AUDITED]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def _label(user: Any, actor: Any, via: str) -> str:
    name = user.get_username() if user is not None else (str(actor) if actor else "system")
    return f"{name} (qua {via})" if via else name


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event. Call it inside the service's transaction so it commits with the change."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    user = actor if getattr(actor, "is_authenticated", False) else None
    context = current_request_context()
    return AuditEvent.objects.create(
        actor=user,
        actor_label=_label(user, actor, context.via)[:200],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason,
        request_id=context.request_id,
        ip_address=context.ip_address,
    )
