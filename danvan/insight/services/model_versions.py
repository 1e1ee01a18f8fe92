"""Insight's writes: storing a trained model version, putting an older one back in use.

The bytes are checked (``nlp.storage``) before a version is stored, so a version in use can always be
read; a version later found unreadable is answered by the rules (docs/insight.md)."""

from __future__ import annotations

import zlib
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.core.reference_data import require_reference_data_editor
from danvan.insight import errors as codes
from danvan.insight.models import ModelVersion
from danvan.insight.permissions import MODEL_EDITOR_PERMISSION
from danvan.nlp import storage


def _lock_kind(kind: str) -> None:
    """Serialise the storing of ``kind``'s versions until the transaction ends. PostgreSQL: an advisory lock
    on a stable number from the kind (locking the kind's rows would not stop the first two, nor a row
    inserted after the lock). SQLite: nothing to do, its single writer already serialises the transactions."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"insight.model_version:{kind}".encode())  # stable across processes, unlike hash()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


@transaction.atomic
def model_version_store(
    *, kind: str, model: Any, training_size: int, held_back_size: int, metrics: dict[str, Any],
    threshold: float | None = None, settings: dict[str, Any] | None = None, actor: Any = None,
    trusted: tuple[str, ...] = (), put_in_use: bool = True, note: str = "",
) -> ModelVersion:  # fmt: skip
    """Store a fitted ``model`` as the next version of ``kind`` (and put it in use unless told not to).

    ``actor`` None is the scheduled task or a command; a person must be a model editor."""
    if actor is not None:
        require_reference_data_editor(actor, MODEL_EDITOR_PERMISSION)
    data, sha = storage.model_to_bytes(model)
    storage.model_from_bytes(data, sha, trusted=trusted)  # what cannot be read back is never stored
    _lock_kind(kind)  # two trainings finishing together (even the kind's first two) take two numbers
    number = (ModelVersion.objects.filter(kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1
    if put_in_use:
        ModelVersion.objects.filter(kind=kind, in_use=True).update(in_use=False)
    version = ModelVersion.objects.create(
        kind=kind, number=number, trained_by=actor if getattr(actor, "is_authenticated", False) else None,
        training_size=training_size, held_back_size=held_back_size, metrics=metrics, threshold=threshold,
        settings=settings or {}, artifact=data, artifact_sha256=sha, in_use=put_in_use, note=note[:500],
    )  # fmt: skip
    audit_record(actor=actor, action="insight.model_trained", obj=version,
                 after={"kind": kind, "number": number, "training_size": training_size, "metrics": metrics,
                        "threshold": threshold, "in_use": put_in_use})  # fmt: skip
    return version


@transaction.atomic
def model_version_put_in_use(*, actor: Any, kind: str, number: int, reason: str) -> ModelVersion:
    """Put version ``number`` of ``kind`` back in use (a rollback, or forward again), with the reason."""
    if actor is not None:
        require_reference_data_editor(actor, MODEL_EDITOR_PERMISSION)
    versions = {v.number: v for v in ModelVersion.objects.select_for_update().filter(kind=kind).defer("artifact")}
    target = versions.get(number)
    if target is None:
        raise DomainError(_("There is no version %(number)s of this model.") % {"number": number},
                          code=codes.VERSION_UNKNOWN)  # fmt: skip
    before = next((v.number for v in versions.values() if v.in_use), None)
    ModelVersion.objects.filter(kind=kind, in_use=True).exclude(pk=target.pk).update(in_use=False)
    ModelVersion.objects.filter(pk=target.pk).update(in_use=True)
    target.in_use = True
    audit_record(actor=actor, action="insight.model_put_in_use", obj=target, before={"in_use": before},
                 after={"in_use": number}, reason=reason)  # fmt: skip
    return target
