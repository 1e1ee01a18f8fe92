"""The denouncer's identity: sealed at rest, opened only by those the law allows, every opening logged.

Luật Tố cáo 2018, Điều 9 (rights), 47 (who is protected), 56 (confidentiality measures): name,
address, handwriting and other identifying data are removed before verifiers see the file, the
originals are kept secret, and opening them is a logged act with a reason.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases import errors as codes
from danvan.cases import permissions as case_permissions
from danvan.cases import redaction, rules
from danvan.cases.choices import Track
from danvan.cases.models import Attachment, Case, SealedIdentity
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound
from danvan.core.text import fold, normalize_spaces
from danvan.files import sealing
from danvan.org import permissions, second_factor

# What identifies the denouncer; the sealed record also keeps their original letter ("content").
IDENTITY_KEYS = ("name", "phone", "email", "address", "id_number")


def identity_seal_from_contact(case: Case) -> None:
    """When a case moves onto the tố cáo track, its contact columns move into the sealed store."""
    identity = {"name": case.contact_name, "phone": case.contact_phone, "email": case.contact_email,
                "address": case.contact_address, "id_number": "", "content": case.content}  # fmt: skip
    SealedIdentity.objects.update_or_create(
        case=case, defaults={"token": sealing.seal_json(identity), "key_id": sealing.key_fingerprint()}
    )
    case.redacted_content = rules.redact(case.content, [v for k, v in identity.items() if k in IDENTITY_KEYS])
    case.content = case.redacted_content
    case.title = rules.redact(case.title, [v for k, v in identity.items() if k in IDENTITY_KEYS])[:200]
    case.search_text = fold(f"{case.tracking_code} {case.title} {case.redacted_content} {case.place_text}")
    redaction_flag(case, [v for k, v in identity.items() if k in IDENTITY_KEYS])
    case.contact_name = case.contact_phone = case.contact_email = case.contact_address = ""
    attachments_neutralise(case, to_cao=True)


def attachments_neutralise(case: Case, *, to_cao: bool = False) -> int:
    """Give a tố cáo's files neutral names and paths (Điều 56); how many were renamed.

    The original names are not kept: the sealed identity holds those given at intake, and a file
    renamed later (a case moved onto the track, a row stored before issue 12) loses its name. The
    file is copied under its new path and the old one deleted after the row is saved.
    """
    from danvan.cases.services.intake import neutral_file_name, storage_file_name

    if not (to_cao or case.is_to_cao):
        return 0
    renamed = 0
    evidence = case.attachments.exclude(kind=Attachment.Kind.PETITION_SCAN).order_by("uploaded_at", "pk")
    for number, attachment in enumerate(evidence, start=1):
        name = neutral_file_name(number, attachment.name)
        old_path = str(attachment.file.name)
        base = old_path.rpartition("/")[2]
        if attachment.name == name and len(base.split(".")[0]) == 16:  # already neutral: a bare random key
            continue
        with attachment.file.open("rb") as handle:
            data = handle.read()
        from django.core.files.base import ContentFile

        storage_case = case if case.is_to_cao else Case(track=Track.TO_CAO)
        attachment.name = name
        attachment.file.save(storage_file_name(storage_case, name, sealed=attachment.sealed), ContentFile(data),
                             save=False)  # fmt: skip
        attachment.save(update_fields=["name", "file"])
        transaction.on_commit(partial(attachment.file.storage.delete, old_path))
        renamed += 1
    return renamed


def redaction_flag(case: Case, values: list[str]) -> None:
    """Put a tố cáo's redacted text in review, with hints of what the automatic pass may have missed.

    ``values`` is [name, phone, email, address, id_number]. Every denunciation with an identity is
    reviewed, hints or not: the automatic redaction is a floor (about 98% of the identity's
    mentions on the measured letters, benchmarks/results/redaction.json).
    """
    identity = redaction.Identity(*[*values, "", "", "", "", ""][:5])
    case.redaction_hints = [[h.start, h.end] for h in redaction.review_hints(case.redacted_content, identity)]
    case.redaction_pending = True


def may_read_redacted(user: Any, case: Case) -> bool:
    """Who reads a tố cáo's redacted text: its handlers (HANDLE) always, to review it; everyone else
    whose role lets them see the case (inspectors) only once a handler has reviewed it."""
    if not case.is_to_cao or not case.redaction_pending:
        return True
    return permissions.user_may(user, case_permissions.HANDLE, case)


@transaction.atomic
def redaction_review(*, case: Case, actor: Any, text: str) -> Case:
    """The handler's reviewed redaction of a tố cáo's text: stored, and readable by the others.

    The identity is removed once more from what the handler wrote (so an edit cannot put it back),
    and the audit entry keeps lengths, never the text.
    """
    if not case.is_to_cao or not permissions.user_may(actor, case_permissions.HANDLE, case):
        raise NotFound("case not found")
    cleaned = normalize_spaces(text)
    if len(cleaned) < 10:
        raise DomainError(
            _("Please keep the content of the letter (at least 10 characters)."), code=codes.CONTENT_TOO_SHORT
        )
    before = {"pending": case.redaction_pending, "length": len(case.redacted_content)}
    sealed = SealedIdentity.objects.filter(case=case).first()
    identity = sealing.unseal_json(sealed.token) if sealed is not None else {}
    case.redacted_content = rules.redact(cleaned, [str(identity.get(key) or "") for key in IDENTITY_KEYS])
    case.content = case.redacted_content
    case.search_text = fold(f"{case.tracking_code} {case.title} {case.redacted_content} {case.place_text}")
    case.redaction_pending = False
    case.redaction_hints = []
    case.save(update_fields=["redacted_content", "content", "search_text", "redaction_pending", "redaction_hints",
                             "updated_at"])  # fmt: skip
    audit_record(actor=actor, action="cases.redaction_review", obj=case, object_repr=case.tracking_code,
                 before=before, after={"pending": False, "length": len(case.redacted_content)})  # fmt: skip
    return case


def identity_values(case: Case) -> list[str]:
    """The identity's strings, for checks that must not leak them (never shown)."""
    sealed = SealedIdentity.objects.filter(case=case).first()
    if sealed is None:
        return []
    return [str(v) for k, v in sealing.unseal_json(sealed.token).items() if v and k in IDENTITY_KEYS]


def may_open_identity(user: Any, case: Case) -> bool:
    if not case.is_to_cao:
        return False
    if permissions.user_may(user, case_permissions.OPEN_IDENTITY, case):
        return True
    # The clerk the head designated on this very case (legal-spec §2.7: resolver head plus a clerk).
    return bool(getattr(user, "is_authenticated", False) and case.identity_clerk_id == user.pk
                and permissions.user_may(user, case_permissions.VIEW_TO_CAO, case))  # fmt: skip


@transaction.atomic
def identity_open(*, case: Case, actor: Any, reason: str, second_factor_at: float | None = None) -> dict[str, str]:
    """Open the sealed identity. Refused without a reason, or without a second factor verified recently
    (``second_factor_at``, org.second_factor); every opening is in the audit log."""
    if not may_open_identity(actor, case):
        raise NotFound("case not found")
    if len(reason.strip()) < 10:
        raise DomainError(
            _("Give the reason for opening the identity (at least 10 characters)."), code=codes.REASON_REQUIRED
        )
    second_factor.require_recent(user=actor, action=case_permissions.OPEN_IDENTITY, verified_at=second_factor_at)
    sealed = SealedIdentity.objects.filter(case=case).first()
    if sealed is None:
        raise DomainError(_("This case has no sealed identity."), code=codes.NO_IDENTITY)
    identity = sealing.unseal_json(sealed.token)
    audit_record(actor=actor, action="cases.identity_open", obj=case, object_repr=case.tracking_code,
                 reason=reason.strip())  # fmt: skip
    return {key: str(value) for key, value in identity.items()}


@transaction.atomic
def identity_clerk_designate(*, case: Case, actor: Any, clerk: Any, reason: str) -> None:
    if not permissions.user_may(actor, case_permissions.OPEN_IDENTITY, case):
        raise NotFound("case not found")
    if not permissions.user_may(clerk, case_permissions.VIEW_TO_CAO, case):
        raise DomainError(_("This person does not work on this case's body."), code=codes.NOT_STAFF)
    case.identity_clerk = clerk
    case.save(update_fields=["identity_clerk", "updated_at"])
    audit_record(actor=actor, action="cases.identity_clerk_designate", obj=case, object_repr=case.tracking_code,
                 after={"clerk": clerk.pk}, reason=reason)  # fmt: skip


def identity_accesses(case: Case) -> Any:
    """Every opening of the identity, for review by inspectors and the head."""
    from danvan.core.models import AuditEvent

    return AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk), action="cases.identity_open")


def _read(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def attachment_read(
    *, attachment: Attachment, actor: Any, reason: str = "", second_factor_at: float | None = None
) -> bytes:
    """The bytes of an attachment; a sealed scan needs the identity right (and its second factor) and is
    logged like an opening of the identity."""
    if not attachment.sealed:
        return _read(attachment)
    if not may_open_identity(actor, attachment.case):
        raise NotFound("attachment not found")
    if len(reason.strip()) < 10:
        raise DomainError(
            _("Give the reason for opening the identity (at least 10 characters)."), code=codes.REASON_REQUIRED
        )
    second_factor.require_recent(user=actor, action=case_permissions.OPEN_IDENTITY, verified_at=second_factor_at)
    audit_record(actor=actor, action="cases.identity_open", obj=attachment.case,
                 object_repr=f"{attachment.case.tracking_code} / {attachment.name}", reason=reason.strip())  # fmt: skip
    return sealing.unseal_bytes(_read(attachment))
