"""Attachments waiting for their form: accepted files kept for a short while, so that a form refused
for another reason (a missing name, a place not found) does not make the citizen choose them again.

A file is checked by ``checks.inspect_upload`` before it is kept (a refused file is never kept and
its message is said), and checked again, with every other rule, when the form is finally stored:
keeping it changes nothing of what is accepted. Each file is stored sealed (``sealing``: it may be a
denouncer's letter) under an unguessable token; the caller keeps the tokens one person may use (the
web keeps them in that person's session), so nobody can list or use another's files. Files not used
within ``PENDING_TTL`` are removed by ``pending_purge`` (the ``files.tasks.pending_uploads_purge``
chain, and opportunistically when a file is kept).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from danvan.core import clock
from danvan.files import checks, sealing

log = logging.getLogger(__name__)

PENDING_TTL = dt.timedelta(hours=2)
FOLDER = "pending-uploads"
_token = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class PendingFile:
    token: str
    name: str  # the name the person gave, as they will see it listed
    size: int


def _path(token: str) -> str:
    return f"{FOLDER}/{token}"


def pending_keep(name: str, data: bytes) -> PendingFile:
    """Keep an accepted file; raises ``checks.UploadRejected`` (with its message) for a refused one."""
    checks.inspect_upload(name, data)  # the same parsers as the final check: a refused file is never kept
    pending_purge()
    token = secrets.token_hex(20)
    header = json.dumps({"name": name}).encode()
    payload = len(header).to_bytes(4, "big") + header + data
    default_storage.save(_path(token), ContentFile(sealing.seal_bytes(payload)))
    return PendingFile(token=token, name=name, size=len(data))


def pending_load(tokens: Iterable[str]) -> list[tuple[PendingFile, bytes]]:
    """The files kept under ``tokens``, in that order; one expired, removed or unreadable is left out."""
    found = []
    for token in tokens:
        if not _token.match(token) or not default_storage.exists(_path(token)):
            continue
        try:
            with default_storage.open(_path(token), "rb") as handle:
                payload = sealing.unseal_bytes(handle.read())
            size = int.from_bytes(payload[:4], "big")
            name = str(json.loads(payload[4 : 4 + size])["name"])
        except Exception:  # a damaged or foreign file: as if it had expired
            log.warning("pending upload %s… unreadable", token[:6])
            continue
        data = payload[4 + size :]
        found.append((PendingFile(token=token, name=name, size=len(data)), data))
    return found


def pending_drop(tokens: Iterable[str]) -> None:
    """Remove kept files: used by the stored petition, or taken off the form by the person."""
    for token in tokens:
        if _token.match(token):
            default_storage.delete(_path(token))


def pending_purge(*, now: dt.datetime | None = None) -> int:
    """Remove the files kept longer than ``PENDING_TTL``; how many were removed."""
    limit = (now or clock.now()) - PENDING_TTL
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                removed += 1
        except FileNotFoundError:  # removed meanwhile by another request
            continue
    return removed
