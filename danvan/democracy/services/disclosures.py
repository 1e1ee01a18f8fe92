"""Dân biết: recording what the commune makes public (Luật Thực hiện dân chủ ở cơ sở 2022 Arts. 11–13).

Rules kept here, once (each refusal names its article):

- the People's Committee of the commune publishes (``PUBLISH`` on ``selectors.communes.commune_committee``),
  checked before any input is read;
- the due date is the deadline engine's (procedure ``dan_chu_co_so``, step ``cong_khai``: 5 working days
  after the decision, Art. 12(3)) unless a sector law's date AND its basis are given;
- a posting of items 1–3 and 5–12 may not end before the engine's ``niem_yet`` minimum (30 consecutive
  days, Art. 13: ``POSTING_TOO_SHORT``), a loudspeaker broadcast of items 7–12 not before ``phat_thanh``
  (3 days: ``BROADCAST_TOO_SHORT``); items 4 and 13 are posted permanently: no end date;
- proofs and the document are checked by ``files.checks`` (real parsers; photos re-encoded, so their
  GPS position and every other metadata are dropped) and stored under a random name;
- publishing needs a channel (``CHANNEL_MISSING``); ``published_on`` is the first channel's start;
- a disclosure is withdrawn with a reason, never deleted;
- a retry of the same record (same commune, item, title, number and date) returns the stored row.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any, Final

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, PermissionDenied
from danvan.democracy import errors
from danvan.democracy.enums import Channel, DisclosureItem, DisclosureStatus
from danvan.democracy.models import Disclosure, DisclosureChannel, DisclosureList, DisclosureProof
from danvan.democracy.permissions import PUBLISH
from danvan.democracy.rules import LAW, POSTED_PERMANENTLY
from danvan.democracy.selectors import disclosures as selectors
from danvan.democracy.selectors.communes import commune_committee
from danvan.files import checks
from danvan.org import permissions
from danvan.org.models import Organization

MAX_PROOFS: Final = 20  # per disclosure
ART_12: Final = f"Khoản 3 Điều 12 {LAW}"
ART_13: Final = f"Điều 13 {LAW}"


class InvalidDisclosure(DomainError):
    """Refused before anything was stored; ``details`` names each field."""

    code = errors.REQUIRED


@dataclass
class DisclosureInput:
    item: int | None
    title: str
    decided_on: dt.date | None
    summary: str = ""
    document_ref: str = ""
    sector_due_on: dt.date | None = None
    sector_basis: str = ""
    document: tuple[str, bytes] | None = None  # (name, content)


def _committee(actor: Any, commune: Any) -> Any:
    """The commune's People's Committee, after checking the actor may publish for it."""
    body = commune_committee(commune) if commune is not None else None
    if body is None:
        raise PermissionDenied("not allowed: no People's Committee", code="forbidden")
    permissions.require(actor, PUBLISH, body)
    return body


def _require(actor: Any, disclosure: Disclosure) -> None:
    permissions.require(actor, PUBLISH, disclosure)


def _clean_file(name: str, data: bytes, field: str) -> checks.CleanUpload:
    try:
        return checks.inspect_upload(name, data)
    except checks.UploadRejected as exc:
        raise InvalidDisclosure(exc.message, code=exc.code, details={field: str(exc.message)}) from exc


def _store_proof(disclosure: Disclosure, clean: checks.CleanUpload, actor: Any, **fields: Any) -> DisclosureProof:
    proof = DisclosureProof(disclosure=disclosure, name=clean.name, content_type=clean.content_type, size=clean.size,
                            sha256=clean.sha256, uploaded_by=actor, **fields)  # fmt: skip
    proof.file.save(f"{secrets.token_hex(8)}-{clean.name}", ContentFile(clean.data), save=False)
    proof.save()
    return proof


def _checked_input(data: DisclosureInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    if data.item is None or data.item not in {item.value for item in DisclosureItem}:
        problems["item"] = _("Choose one of the 14 items of Art. 11.")
    if not data.title.strip():
        problems["title"] = _("Write the title of what is made public.")
    elif len(data.title.strip()) > 300:
        problems["title"] = _("This field is too long (at most %(limit)s characters).") % {"limit": 300}
    if len(data.document_ref) > 120:
        problems["document_ref"] = _("This field is too long (at most %(limit)s characters).") % {"limit": 120}
    if len(data.sector_basis) > 300:
        problems["sector_basis"] = _("This field is too long (at most %(limit)s characters).") % {"limit": 300}
    if data.decided_on is None:
        problems["decided_on"] = _("Give the date of the decision or document.")
    elif data.decided_on > clock.today():
        problems["decided_on"] = _("The decision cannot be dated in the future.")
    if bool(data.sector_due_on) != bool(data.sector_basis.strip()):
        problems["sector_basis"] = _(
            "A sector law's period needs both its date and the law that sets it (Art. 12(3)); otherwise "
            "leave both empty and the 5 working days apply."
        )
    elif data.sector_due_on and data.decided_on and data.sector_due_on < data.decided_on:
        problems["sector_due_on"] = _("The due date cannot be before the decision.")
    return problems


def disclosure_store(*, actor: Any, commune: Any, data: DisclosureInput) -> tuple[Disclosure, bool]:
    """Record a disclosure (a draft until published), with ``True`` when stored now and ``False`` when a
    retry found the same one (item, title, document number, date; not withdrawn) already stored. Raises
    ``PermissionDenied`` (``forbidden``) before reading anything; ``InvalidDisclosure`` (``details`` per
    field) with nothing stored."""
    body = _committee(actor, commune)
    problems = _checked_input(data)
    clean = None
    if not problems and data.document is not None:
        try:
            clean = _clean_file(data.document[0], data.document[1], "document")
        except InvalidDisclosure as exc:
            problems.update(exc.details or {})
            code = exc.code
        else:
            code = errors.REQUIRED
    else:
        code = errors.REQUIRED
    if problems:
        raise InvalidDisclosure(_("Please correct the marked fields."), code=code, details=problems)
    assert data.item is not None and data.decided_on is not None
    title = data.title.strip()
    due_on = data.sector_due_on or selectors.publish_due_on(data.decided_on)
    with transaction.atomic():
        # The committee's row serialises the commune's recorders: a concurrent retry waits here, then
        # finds the first one's row instead of storing a second.
        Organization.objects.select_for_update().filter(pk=body.pk).first()
        existing = Disclosure.objects.filter(
            commune=commune, item=data.item, title=title, document_ref=data.document_ref.strip(),
            decided_on=data.decided_on,
        ).exclude(status=DisclosureStatus.WITHDRAWN).order_by("id").first()  # fmt: skip
        if existing is not None:
            return existing, False  # a retry of the same submission
        disclosure = Disclosure.objects.create(
            commune=commune, organization=body, item=data.item, title=title, summary=data.summary.strip(),
            document_ref=data.document_ref.strip(), decided_on=data.decided_on, due_on=due_on,
            sector_due_on=data.sector_due_on, sector_basis=data.sector_basis.strip(), created_by=actor,
        )  # fmt: skip
        if clean is not None:
            disclosure.document = _store_proof(disclosure, clean, actor, caption=_("Document"))
            disclosure.save(update_fields=["document", "updated_at"])
        audit_record(actor=actor, action="democracy.disclosure_record", obj=disclosure,
                     after={"item": data.item, "decided_on": data.decided_on, "due_on": due_on,
                            "sector_basis": disclosure.sector_basis, "document": clean is not None})  # fmt: skip
    return disclosure, True


def disclosure_record(*, actor: Any, commune: Any, data: DisclosureInput) -> Disclosure:
    """``disclosure_store`` without the flag: the disclosure stored now or by the first try."""
    disclosure, _created = disclosure_store(actor=actor, commune=commune, data=data)
    return disclosure


def _length_refusal(disclosure: Disclosure, channel: str, starts_on: dt.date, ends_on: dt.date | None) -> None:
    """Refuse a channel that ends before its item's minimum (Art. 13), or a permanent posting that ends."""
    if ends_on is not None and ends_on < starts_on:
        raise InvalidDisclosure(_("A channel cannot end before it starts."), code=errors.BAD_DATE,
                                details={"ends_on": _("A channel cannot end before it starts.")})  # fmt: skip
    if ends_on is None:
        return
    if channel == Channel.POSTING and DisclosureItem(disclosure.item) in POSTED_PERMANENTLY:
        message = _("Items 4 and 13 are posted permanently and kept up to date (%(basis)s): a posting of them has "
                    "no end date.") % {"basis": ART_13}  # fmt: skip
        raise InvalidDisclosure(message, code=errors.POSTING_TOO_SHORT, details={"ends_on": message})
    duty = selectors.channel_duty(disclosure.item, channel)
    if duty is None or duty.min_days is None:
        return
    step = selectors.STEP_OF_CHANNEL[Channel(channel)]
    earliest = selectors.deadline_minimum_end(step, starts_on)
    if ends_on >= earliest:
        return
    if channel == Channel.POSTING:
        message = _("A posting of this item runs at least %(days)s consecutive days (%(basis)s): started on "
                    "%(start)s, it may end on %(earliest)s at the earliest.")  # fmt: skip
        code = errors.POSTING_TOO_SHORT
    else:
        message = _("A loudspeaker broadcast of this item runs at least %(days)s consecutive days (%(basis)s): "
                    "started on %(start)s, it may end on %(earliest)s at the earliest.")  # fmt: skip
        code = errors.BROADCAST_TOO_SHORT
    text = message % {"days": duty.min_days, "basis": ART_13, "start": starts_on.strftime("%d/%m/%Y"),
                      "earliest": earliest.strftime("%d/%m/%Y")}  # fmt: skip
    raise InvalidDisclosure(text, code=code, details={"ends_on": text, "earliest_end": earliest.isoformat()})


def _open(disclosure: Disclosure) -> None:
    if disclosure.status == DisclosureStatus.WITHDRAWN:
        raise DomainError(_("This disclosure was withdrawn."), code=errors.BAD_STATE)


def _refresh_published_on(disclosure: Disclosure) -> None:
    if disclosure.status == DisclosureStatus.PUBLISHED:
        first = disclosure.channels.order_by("starts_on").values_list("starts_on", flat=True).first()
        if first is not None and first != disclosure.published_on:
            disclosure.published_on = first
            disclosure.save(update_fields=["published_on", "updated_at"])


def channel_add(*, actor: Any, disclosure: Disclosure, channel: str, starts_on: dt.date | None,
                ends_on: dt.date | None = None, place: str = "", note: str = "") -> DisclosureChannel:  # fmt: skip
    """Record a channel the disclosure runs on. Refused: ``POSTING_TOO_SHORT``, ``BROADCAST_TOO_SHORT``
    (ended before its minimum), ``BAD_DATE``; nothing stored then. The same channel, start and place sent
    again returns the stored row."""
    _require(actor, disclosure)
    _open(disclosure)
    if channel not in {c.value for c in Channel}:
        raise InvalidDisclosure(_("Choose a form of publication (Art. 12)."), details={"channel": _("Choose a form of publication (Art. 12).")})  # fmt: skip
    if starts_on is None:
        raise InvalidDisclosure(_("Give the day it started."), details={"starts_on": _("Give the day it started.")})
    if starts_on < disclosure.decided_on:
        message = _("A channel cannot start before the decision it makes public.")
        raise InvalidDisclosure(message, code=errors.BAD_DATE, details={"starts_on": message})
    if len(place) > 200 or len(note) > 300:
        raise InvalidDisclosure(_("This field is too long."), details={"place": _("This field is too long.")})
    _length_refusal(disclosure, channel, starts_on, ends_on)
    existing = disclosure.channels.filter(channel=channel, starts_on=starts_on, place=place.strip()).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        row = DisclosureChannel.objects.create(disclosure=disclosure, channel=channel, place=place.strip(),
                                               starts_on=starts_on, ends_on=ends_on, note=note.strip(),
                                               recorded_by=actor)  # fmt: skip
        _refresh_published_on(disclosure)
        audit_record(actor=actor, action="democracy.disclosure_channel_add", obj=disclosure,
                     after={"channel": channel, "starts_on": starts_on, "ends_on": ends_on})  # fmt: skip
    return row


def channel_end(*, actor: Any, channel: DisclosureChannel, ends_on: dt.date | None) -> DisclosureChannel:
    """Set the day a channel ended (same minimums as ``channel_add``)."""
    disclosure = channel.disclosure
    _require(actor, disclosure)
    _open(disclosure)
    if ends_on is None:
        raise InvalidDisclosure(_("Give the day it ended."), details={"ends_on": _("Give the day it ended.")})
    _length_refusal(disclosure, channel.channel, channel.starts_on, ends_on)
    with transaction.atomic():
        before = channel.ends_on
        channel.ends_on = ends_on
        channel.save(update_fields=["ends_on"])
        audit_record(actor=actor, action="democracy.disclosure_channel_end", obj=disclosure,
                     before={"ends_on": before}, after={"channel": channel.channel, "ends_on": ends_on})  # fmt: skip
    return channel


def proof_attach(*, actor: Any, disclosure: Disclosure, name: str, data: bytes,
                 channel: DisclosureChannel | None = None, caption: str = "",
                 taken_on: dt.date | None = None) -> DisclosureProof:  # fmt: skip
    """A photo or scan proving a posting or broadcast, checked by ``files.checks`` (metadata and GPS
    position dropped); a refused file stores nothing (its code from ``UploadRejected``)."""
    _require(actor, disclosure)
    _open(disclosure)
    if channel is not None and channel.disclosure_id != disclosure.pk:
        raise DomainError(_("This channel belongs to another disclosure."), code=errors.NOT_IN_SCOPE)
    if disclosure.proofs.count() >= MAX_PROOFS:
        raise InvalidDisclosure(_("At most %(limit)s proofs per disclosure.") % {"limit": MAX_PROOFS},
                                details={"file": _("At most %(limit)s proofs per disclosure.") % {"limit": MAX_PROOFS}})  # fmt: skip
    clean = _clean_file(name, data, "file")
    existing = disclosure.proofs.filter(sha256=clean.sha256).first()
    if existing is not None:
        return existing  # the same photo sent again
    with transaction.atomic():
        proof = _store_proof(disclosure, clean, actor, channel=channel, caption=caption.strip()[:300],
                             taken_on=taken_on)  # fmt: skip
        audit_record(actor=actor, action="democracy.disclosure_proof_attach", obj=disclosure,
                     after={"proof": proof.pk, "sha256": clean.sha256, "channel": channel.pk if channel else None})  # fmt: skip
    return proof


def disclosure_publish(*, actor: Any, disclosure: Disclosure) -> Disclosure:
    """Mark it published: ``published_on`` is the first channel's start. Needs a channel (``CHANNEL_MISSING``)."""
    _require(actor, disclosure)
    _open(disclosure)
    first = disclosure.channels.order_by("starts_on").values_list("starts_on", flat=True).first()
    if first is None:
        raise DomainError(_("Record at least one form of publication first (Art. 12, 13)."),
                          code=errors.CHANNEL_MISSING)  # fmt: skip
    if disclosure.status == DisclosureStatus.PUBLISHED:
        return disclosure
    with transaction.atomic():
        disclosure.status, disclosure.published_on = DisclosureStatus.PUBLISHED, first
        disclosure.save(update_fields=["status", "published_on", "updated_at"])
        audit_record(actor=actor, action="democracy.disclosure_publish", obj=disclosure,
                     after={"published_on": first, "due_on": disclosure.due_on})  # fmt: skip
    return disclosure


def disclosure_withdraw(*, actor: Any, disclosure: Disclosure, reason: str) -> Disclosure:
    """Take it down with a reason (kept, never deleted; the public no longer sees it)."""
    _require(actor, disclosure)
    _open(disclosure)
    reason = reason.strip()
    if not reason:
        raise InvalidDisclosure(_("Give the reason it is withdrawn."), details={"reason": _("Give the reason it is withdrawn.")})  # fmt: skip
    with transaction.atomic():
        before = disclosure.status
        disclosure.status, disclosure.withdrawn_reason = DisclosureStatus.WITHDRAWN, reason[:500]
        disclosure.save(update_fields=["status", "withdrawn_reason", "updated_at"])
        audit_record(actor=actor, action="democracy.disclosure_withdraw", obj=disclosure,
                     before={"status": before}, after={"status": disclosure.status}, reason=reason[:500])  # fmt: skip
    return disclosure


# --- the quarterly list (Art. 13) ---------------------------------------------------------------------


def disclosure_list_generate(*, actor: Any, commune: Any, year: int, quarter: int) -> DisclosureList:
    """Make (or refresh) the commune's list of what was published in the quarter, with form and date."""
    body = _committee(actor, commune)
    if quarter not in (1, 2, 3, 4) or not 2023 <= year <= clock.today().year:
        raise InvalidDisclosure(_("Choose a quarter from 2023 on."), code=errors.BAD_DATE,
                                details={"quarter": _("Choose a quarter from 2023 on.")})  # fmt: skip
    entries = len(selectors.quarter_rows(commune.pk, year, quarter))
    with transaction.atomic():
        row, created = DisclosureList.objects.get_or_create(
            commune=commune, year=year, quarter=quarter, defaults={"organization": body, "entries": entries}
        )
        if not created:
            row.entries, row.generated_at = entries, clock.now()
            row.save(update_fields=["entries", "generated_at", "updated_at"])
        audit_record(actor=actor, action="democracy.disclosure_list_generate", obj=row,
                     after={"year": year, "quarter": quarter, "entries": entries})  # fmt: skip
    return row


def disclosure_list_post(*, actor: Any, disclosure_list: DisclosureList, posted_on: dt.date | None) -> DisclosureList:
    """Record the day the list itself was posted (Art. 13)."""
    permissions.require(actor, PUBLISH, disclosure_list)
    if posted_on is None or posted_on > clock.today() or posted_on < disclosure_list.period_start:
        message = _("Give the day the list was posted (not in the future, not before its quarter).")
        raise InvalidDisclosure(message, code=errors.BAD_DATE, details={"posted_on": message})
    with transaction.atomic():
        disclosure_list.posted_on = posted_on
        disclosure_list.save(update_fields=["posted_on", "updated_at"])
        audit_record(actor=actor, action="democracy.disclosure_list_post", obj=disclosure_list,
                     after={"posted_on": posted_on})  # fmt: skip
    return disclosure_list
