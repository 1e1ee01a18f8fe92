"""The one seal of a tố cáo's visit (Luật Tố cáo 2018, Điều 47, 56): what it holds and how it is read.

A visit is sealed either when it is registered with "sealed" ticked (``services.register``) or when a
tố cáo part is split from it (``services.visit_cases``); both call ``visit_seal`` and read back through
``visit_sealed_identity``, so the keys are the same whichever path sealed it:

- the visitor: ``visitor_name``, ``visitor_address``, ``visitor_id_number``, ``visitor_phone``,
  ``acting_for`` (the clear fields are blanked);
- ``texts``: the original free texts (``content``, ``prior_handling``, ``requests``, ``handling_note``,
  ``outcome_note``); the clear ones are redacted (``cases.rules.redact``) of every value below;
- ``document_names``: the names the documents were handed in under (they are shown as "Tài liệu N.ext"
  and stored sealed under a random name);
- ``booking``: the booking's ``name``, ``phone``, ``email``, ``id_number`` and ``subject`` (the row is
  kept, those fields blanked);
- ``representatives`` and ``crowd`` (``statement``, ``matter_key``): the crowd's, when there is one.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from functools import partial
from typing import Any, Final

from django.core.files.base import ContentFile
from django.db import transaction

from danvan.cases import rules as case_rules
from danvan.cases.services.intake import neutral_file_name
from danvan.core import id_card
from danvan.core.audit import audit_record
from danvan.files import sealing
from danvan.reception.models import Booking, Crowd, Visit, VisitDocument

IDENTITY_FIELDS: Final = ("visitor_name", "visitor_address", "visitor_id_number", "visitor_phone", "acting_for")
TEXT_FIELDS: Final = ("content", "prior_handling", "requests", "handling_note", "outcome_note")
BOOKING_FIELDS: Final = ("name", "phone", "email", "id_number", "subject")
# Seals written before the two paths shared this module (the register's first keys).
_LEGACY_KEYS: Final = {"name": "visitor_name", "address": "visitor_address", "id_number": "visitor_id_number",
                       "phone": "visitor_phone"}  # fmt: skip


def visit_sealed_identity(visit: Visit) -> dict[str, Any]:
    """What the seal of ``visit`` holds ({} when it has none), always under this module's keys."""
    if not visit.sealed_identity:
        return {}
    raw = dict(sealing.unseal_json(visit.sealed_identity))
    for old, new in _LEGACY_KEYS.items():
        if old in raw and new not in raw:
            raw[new] = raw.pop(old)
    for field in IDENTITY_FIELDS:
        raw[field] = str(raw.get(field) or "")
    raw.setdefault("texts", {})
    return raw


def _write(visit: Visit, identity: dict[str, Any]) -> None:
    visit.sealed_identity = sealing.seal_json(identity)


def redaction_values(identity: dict[str, Any]) -> list[list[str]]:
    """The identities to redact from a text, each as ``cases.rules.redact`` takes them: the visitor, the
    booking's citizen, each representative (plus "acting for" as a value of its own)."""
    booking = identity.get("booking") or {}
    groups = [
        [identity.get("visitor_name", ""), identity.get("visitor_phone", ""), booking.get("email", ""),
         identity.get("visitor_address", ""), identity.get("visitor_id_number", ""), identity.get("acting_for", "")],
        [booking.get("name", ""), booking.get("phone", ""), booking.get("email", ""), "", booking.get("id_number", "")],
    ]  # fmt: skip
    for person in identity.get("representatives") or []:
        groups.append([person.get("name", ""), "", "", person.get("address", ""), ""])
    return [group for group in groups if any(value.strip() for value in group)]


def redacted(text: str, identity: dict[str, Any]) -> str:
    """``text`` with every value of the seal removed."""
    for group in redaction_values(identity):
        text = case_rules.redact(text, group)
    return text


def visit_seal(*, actor: Any, visit: Visit, document_names: Sequence[str] = ()) -> None:
    """Seal ``visit`` (saved, locked by the caller's transaction): identity, texts, documents, booking and
    crowd, as the module's docstring lists. ``document_names`` are the original names of documents
    already stored sealed (the register's path); documents still in clear are re-stored sealed here."""
    identity = visit_sealed_identity(visit)
    for field in IDENTITY_FIELDS:
        identity[field] = identity.get(field) or getattr(visit, field)
    identity["visitor_id_number"] = id_card.id_number_clean(identity["visitor_id_number"])
    texts = dict(identity.get("texts") or {})
    for field in TEXT_FIELDS:
        texts.setdefault(field, getattr(visit, field))
    identity["texts"] = texts
    documents = list(VisitDocument.objects.filter(visit=visit).order_by("uploaded_at", "pk"))
    clear = [document for document in documents if not document.sealed]
    names = [*(identity.get("document_names") or []), *document_names, *(d.name for d in clear)]
    identity["document_names"] = names
    booking = Booking.objects.select_for_update().filter(pk=visit.booking_id).first() if visit.booking_id else None
    if booking is not None:
        identity["booking"] = {field: getattr(booking, field) for field in BOOKING_FIELDS}
        for field in BOOKING_FIELDS:
            setattr(booking, field, "")
        booking.save(update_fields=[*BOOKING_FIELDS, "updated_at"])
    crowd = Crowd.objects.filter(visit=visit).first()
    if crowd is not None:
        identity["representatives"] = crowd.representatives
        identity["crowd"] = {"statement": crowd.statement, "matter_key": crowd.matter_key}
    for field in IDENTITY_FIELDS:
        setattr(visit, field, "")
    for field in TEXT_FIELDS:
        setattr(visit, field, redacted(getattr(visit, field), identity))
    visit.sealed = True
    _write(visit, identity)
    visit.save(update_fields=["sealed", "sealed_identity", *IDENTITY_FIELDS, *TEXT_FIELDS, "updated_at"])
    if crowd is not None:
        crowd.representatives = [{"name": "", "address": ""} for _person in crowd.representatives]
        crowd.statement = redacted(crowd.statement, identity)
        crowd.matter_key = ""
        crowd.save(update_fields=["representatives", "statement", "matter_key", "updated_at"])
    for number, document in enumerate(documents, start=1):
        if not document.sealed:
            _seal_document(document, number)
    audit_record(actor=actor, action="reception.visit_seal", obj=visit,
                 after={"sealed": True, "documents": len(documents), "booking": booking is not None,
                        "crowd": crowd is not None})  # fmt: skip


def sealed_document_file(number: int, name: str, data: bytes) -> tuple[str, str, ContentFile[bytes]]:
    """(display name, name on disk, sealed content) of a sealed visit's ``number``-th document."""
    display = neutral_file_name(number, name)
    extension = display.rpartition(".")[2] if "." in display else ""
    stored = secrets.token_hex(8) + (f".{extension}" if extension else "") + ".sealed"
    return display, stored, ContentFile(sealing.seal_bytes(data))


def _seal_document(document: VisitDocument, number: int) -> None:
    with document.file.open("rb") as handle:
        data = handle.read()
    old_path = str(document.file.name)
    display, stored, content = sealed_document_file(number, document.name, data)
    document.name = display
    document.sealed = True
    document.file.save(stored, content, save=False)
    document.save(update_fields=["name", "sealed", "file"])
    transaction.on_commit(partial(document.file.storage.delete, old_path))


def visit_seal_text(visit: Visit, field: str, text: str) -> str:
    """A free text written on an already sealed visit (the answer's note): the original goes into the seal
    (``visit`` is saved by the caller), the redacted one is returned for the clear field."""
    identity = visit_sealed_identity(visit)
    identity["texts"] = {**(identity.get("texts") or {}), field: text}
    _write(visit, identity)
    return redacted(text, identity)


def visit_seal_crowd(visit: Visit, *, representatives: list[dict[str, str]], statement: str,
                     matter_key: str) -> tuple[list[dict[str, str]], str, str]:  # fmt: skip
    """A crowd recorded on a sealed visit: its representatives, statement and matter go into the seal (the
    visit is saved here); returns what the crowd row keeps in clear."""
    identity = visit_sealed_identity(visit)
    identity["representatives"] = representatives
    identity["crowd"] = {"statement": statement, "matter_key": matter_key}
    _write(visit, identity)
    visit.save(update_fields=["sealed_identity", "updated_at"])
    return [{"name": "", "address": ""} for _person in representatives], redacted(statement, identity), ""
