"""What the petition form remembers for one person between two sendings, in their session only.

- The attachments already accepted (``files.pending``): kept when the form is refused for another
  reason and listed back on it, each with a box to take it off. Only tokens this session was given
  are ever loaded, so one person's files never reach another's form.
- The idempotency keys this session has sent: the browser's Back, an edit and "send" again answer
  with the receipt of the case already stored, never a second case (``services.intake.case_already_sent``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from danvan.core.errors import DomainError
from danvan.files import pending

KEPT = "cases.kept_files"
SENT = "cases.sent_keys"
KEPT_FIELD = "kept_files"  # the boxes, ticked, of the files kept
LISTED_FIELD = "kept_listed"  # every file the form listed, ticked or not
MAX_REMEMBERED = 20


def kept_files(request: HttpRequest) -> list[tuple[pending.PendingFile, bytes]]:
    """The kept files this form still wants (their boxes ticked); those unticked are removed now."""
    allowed = list(request.session.get(KEPT, []))
    chosen = [token for token in request.POST.getlist(KEPT_FIELD) if token in allowed]
    unticked = {token for token in request.POST.getlist(LISTED_FIELD) if token in allowed} - set(chosen)
    if unticked:
        pending.pending_drop(unticked)
        request.session[KEPT] = [token for token in allowed if token not in unticked]
    return pending.pending_load(dict.fromkeys(chosen))


def keep_new_files(request: HttpRequest, uploads: list[Any]) -> tuple[list[pending.PendingFile], list[str]]:
    """Keep the files just sent that pass the checks; (kept, messages of those refused)."""
    kept, refused = [], []
    for upload in uploads:
        upload.seek(0)
        try:
            kept.append(pending.pending_keep(upload.name, upload.read()))
        except DomainError as exc:
            refused.append(str(exc.message))
    if kept:
        tokens = [*request.session.get(KEPT, []), *(f.token for f in kept)]
        # A file the session no longer remembers could never be sent: removed now, not left on disk
        # for the purge (a stream of refused forms must not fill it).
        pending.pending_drop(tokens[:-MAX_REMEMBERED])
        request.session[KEPT] = tokens[-MAX_REMEMBERED:]
    return kept, refused


def forget_kept(request: HttpRequest, files: list[pending.PendingFile]) -> None:
    """The petition is stored with these files: they are removed from the waiting store."""
    tokens = {f.token for f in files}
    if tokens:
        pending.pending_drop(tokens)
        request.session[KEPT] = [t for t in request.session.get(KEPT, []) if t not in tokens]


def remember_sent(request: HttpRequest, key: str) -> None:
    if key:
        request.session[SENT] = [*[k for k in request.session.get(SENT, []) if k != key], key][-MAX_REMEMBERED:]


def sent_here(request: HttpRequest, key: str) -> bool:
    return bool(key) and key in request.session.get(SENT, [])
