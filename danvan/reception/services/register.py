"""The register of citizen reception (sổ tiếp công dân, Luật Tiếp công dân 2013 Art. 25(2); spec §3.2):
writing a visit, booked or walk-in, and recording the answer due within 10 working days (Art. 28(1)).

Rules kept here, once:

- the serial number runs per body and per year from 1 (``reception_visit_serial_unique``); it is the
  largest number of the body's year plus one, read and written in one savepoint and retried when a
  concurrent visit took it, so two officers never share a number and a failed try leaves no gap
  (nothing is numbered before every check has passed);
- from 1/7/2026 a visitor must give an identity number (NĐ 154/2026/NĐ-CP Art. 12): ``IDENTITY_REQUIRED_FROM``,
  read on the day of the visit, never a constant in a view;
- a refusal to receive needs one of the Art. 9 grounds; a transfer needs the body it goes to;
- documents are checked exactly as a case's attachments (``files.checks``) and stored under a random
  key; a sealed visit (a tố cáo brought in person) keeps its visitor's identity and documents sealed;
- the answer's due date comes from the deadline engine (procedure ``tiep_cong_dan``, step ``tra_loi``);
- a visit sent twice with the same ``request_key`` is stored once.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any, Final

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from danvan.core import clock, id_card
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.deadlines.selectors import deadline_compute
from danvan.files import checks
from danvan.org import permissions
from danvan.reception import choices, errors
from danvan.reception import permissions as reception_permissions
from danvan.reception.models import Booking, ReceptionSession, Visit, VisitDocument
from danvan.reception.register_rules import FINAL_OUTCOMES, answer_expected, identity_required_on
from danvan.reception.services.sealing import sealed_document_file, visit_seal, visit_seal_text

log = logging.getLogger(__name__)

# Art. 28(1): the answer within 10 working days, counted by the deadline engine from these rules.
ANSWER_PROCEDURE: Final = "tiep_cong_dan"
ANSWER_STEP: Final = "tra_loi"
# Files one visit may carry (each checked by files.checks.inspect_upload), as a petition's.
MAX_DOCUMENTS: Final = 10
_SERIAL_TRIES: Final = 5
# A booking the citizen may still be received on (a waiting-list citizen who comes is received too).
BOOKING_RECEIVABLE: Final = (choices.BookingStatus.CONFIRMED, choices.BookingStatus.WAITING)
TEXT_LIMIT: Final = 10_000
AUDIT_FIELDS: Final = ("organization_id", "year", "serial_no", "handling", "refusal_ground", "transferred_to_id",
                       "outcome_due_on", "head_present", "mode", "group_size", "sealed", "booking_id", "session_id")  # fmt: skip


class InvalidVisit(DomainError):
    """A visit refused before anything was stored; ``details`` names each field with its message."""

    code = errors.REQUIRED


def answer_due_on(received_on: dt.date) -> dt.date | None:
    """The last day of the Art. 28(1) answer for a petition received on ``received_on`` (deadline engine)."""
    try:
        return deadline_compute(procedure=ANSWER_PROCEDURE, step=ANSWER_STEP, started_on=received_on).due_on
    except DomainError as exc:  # a missing rule must not stop the register: logged, shown as "no date"
        log.warning("no deadline for %s.%s: %s", ANSWER_PROCEDURE, ANSWER_STEP, exc)
        return None


@dataclass
class VisitInput:
    """What the officer types into the register (spec §3.2); the receiving officer is the actor."""

    content: str
    handling: str = choices.Handling.RECEIVED
    visitor_name: str = ""
    visitor_address: str = ""
    visitor_id_number: str = ""
    visitor_phone: str = ""
    acting_for: str = ""
    prior_handling: str = ""
    requests: str = ""
    head_present: bool = False
    mode: str = choices.Mode.DIRECT
    group_size: int = 1
    visitors_signed: bool = False
    refusal_ground: str = ""
    transferred_to: Any = None  # an Organization
    handling_note: str = ""
    sealed: bool = False
    received_at: dt.datetime | None = None  # now, unless the officer writes up a visit of earlier today
    documents: list[tuple[str, bytes]] = field(default_factory=list)


def _checked(data: VisitInput, received_on: dt.date) -> tuple[dict[str, str], list[checks.CleanUpload]]:
    problems: dict[str, str] = {}
    if not data.content.strip():
        problems["content"] = str(_("Write what the visitor came about."))
    if data.handling not in choices.Handling.values:
        problems["handling"] = str(_("Choose how the visit was handled."))
    if data.mode not in choices.Mode.values:
        problems["mode"] = str(_("Choose how the visitor was received."))
    if not 1 <= data.group_size <= 10_000:
        problems["group_size"] = str(_("The number of people is at least 1."))
    if data.handling == choices.Handling.REFUSED and data.refusal_ground not in choices.RefusalGround.values:
        problems["refusal_ground"] = str(_("A refusal to receive needs one of the grounds of Art. 9."))
    if data.handling != choices.Handling.REFUSED and data.refusal_ground:
        problems["refusal_ground"] = str(_("A ground for refusing is given only when the visit is refused."))
    if data.handling == choices.Handling.TRANSFERRED and data.transferred_to is None:
        problems["transferred_to"] = str(_("Choose the body the matter is transferred to."))
    if not data.visitor_name.strip() and data.handling != choices.Handling.REFUSED:
        problems["visitor_name"] = str(_("Write the visitor's full name."))
    number = id_card.id_number_clean(data.visitor_id_number)
    if number:
        problem = id_card.id_number_problem(number)
        if problem:
            problems["visitor_id_number"] = str(problem)
    elif identity_required_on(received_on) and data.handling != choices.Handling.REFUSED:
        problems["visitor_id_number"] = str(
            _("From 1/7/2026 a visitor gives an ID card number (NĐ 154/2026/NĐ-CP, Art. 12).")
        )
    for name, value, limit in (("content", data.content, TEXT_LIMIT), ("prior_handling", data.prior_handling, TEXT_LIMIT),
                               ("requests", data.requests, TEXT_LIMIT), ("handling_note", data.handling_note, TEXT_LIMIT),
                               ("visitor_name", data.visitor_name, 200), ("visitor_address", data.visitor_address, 255),
                               ("visitor_phone", data.visitor_phone, 20), ("acting_for", data.acting_for, 255)):  # fmt: skip
        if len(value) > limit and name not in problems:
            problems[name] = str(_("This field is too long (at most %(limit)s characters).") % {"limit": limit})
    cleaned: list[checks.CleanUpload] = []
    if len(data.documents) > MAX_DOCUMENTS:
        problems["documents"] = str(_("At most %(limit)s documents per visit.") % {"limit": MAX_DOCUMENTS})
    else:
        try:
            checks.pixels_check(data.documents)  # headers only: before any image is decoded
            for name, content in data.documents:
                cleaned.append(checks.inspect_upload(name, content))
        except DomainError as exc:
            problems["documents"] = str(exc.message)
    return problems, cleaned


def _refusal_code(problems: dict[str, str]) -> str:
    if "refusal_ground" in problems:
        return errors.NO_REFUSAL_GROUND
    if "documents" in problems and len(problems) == 1:
        return "bad_document"
    if "booking" in problems and len(problems) == 1:
        return errors.BAD_STATE
    return errors.REQUIRED


def visit_register(
    *,
    actor: Any,
    organization: Any,
    data: VisitInput,
    booking: Booking | None = None,
    session: ReceptionSession | None = None,
    request_key: str = "",
) -> Visit:
    """Write one line of the register; with ``booking`` the booked citizen came (booking → attended, the
    visit at the booking's session); without, a walk-in (at ``session`` if one is being held).

    Raises ``PermissionDenied`` (no REGISTER_VISIT on the body), ``InvalidVisit`` (``details`` per field;
    code ``no_refusal_ground`` when a refusal has no Art. 9 ground). A retry with the same ``request_key``
    returns the visit already stored.
    """
    permissions.require(actor, reception_permissions.REGISTER_VISIT, organization)
    key = request_key.strip()[:64]
    if key:
        existing = _replayed(key, actor, organization)
        if existing is not None:
            return existing
    received_at = data.received_at or clock.now()
    received_on = clock.local(received_at).date()
    if booking is not None:
        session = booking.session
    problems, cleaned = _checked(data, received_on)
    if received_at > clock.now():
        problems["received_at"] = str(_("A visit cannot be registered before it happens."))
    if booking is not None:
        if booking.session.organization_id != organization.pk:
            problems["booking"] = str(_("This booking is for another body's session."))
        elif booking.status not in BOOKING_RECEIVABLE:
            problems["booking"] = str(_("This booking was cancelled or has already been received."))
    if session is not None and session.organization_id != organization.pk:
        problems["session"] = str(_("This session is another body's."))
    if problems:
        raise InvalidVisit(_("Please correct the marked fields."), code=_refusal_code(problems), details=problems)
    try:
        with transaction.atomic():
            visit = _store(actor, organization, data, cleaned, booking, session, received_at, received_on, key)
    except IntegrityError:
        if key:  # two retries raced: the other one stored it
            existing = _replayed(key, actor, organization)
            if existing is not None:
                return existing
        raise
    return visit


def _replayed(key: str, actor: Any, organization: Any) -> Visit | None:
    """The visit a retry already stored under ``key``: only the same officer's, at the same body; a key
    used by someone else or for another body is refused (``KEY_REUSED``), never answered with that visit."""
    existing = Visit.objects.filter(request_key=key).first()
    if existing is None:
        return None
    if existing.organization_id != organization.pk or existing.receiving_officer_id != actor.pk:
        raise DomainError(_("This request key was already used for another visit."), code=errors.KEY_REUSED)
    return existing


def _booking_locked(booking: Booking) -> Booking:
    """The booking row, locked for this transaction and checked again: a concurrent cancellation or a
    second officer receiving the same citizen is seen here, not overwritten (``BAD_STATE``)."""
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status not in BOOKING_RECEIVABLE:
        raise InvalidVisit(_("Please correct the marked fields."), code=errors.BAD_STATE,
                           details={"booking": str(_("This booking was cancelled or has already been received."))})  # fmt: skip
    return locked


def _store(actor: Any, organization: Any, data: VisitInput, cleaned: list[checks.CleanUpload],
           booking: Booking | None, session: ReceptionSession | None, received_at: dt.datetime,
           received_on: dt.date, key: str) -> Visit:  # fmt: skip
    if booking is not None:
        booking = _booking_locked(booking)
    visit = Visit(
        organization=organization, session=session, point=session.point if session is not None else None,
        booking=booking, year=received_on.year, received_at=received_at, receiving_officer=actor,
        head_present=data.head_present, mode=data.mode, group_size=data.group_size,
        content=data.content.strip(), prior_handling=data.prior_handling.strip(), requests=data.requests.strip(),
        visitors_signed=data.visitors_signed, handling=data.handling, refusal_ground=data.refusal_ground,
        transferred_to=data.transferred_to if data.handling == choices.Handling.TRANSFERRED else None,
        handling_note=data.handling_note.strip(), request_key=key or None,
        outcome_due_on=answer_due_on(received_on) if answer_expected(data.handling) else None,
        visitor_name=data.visitor_name.strip(), visitor_address=data.visitor_address.strip(),
        visitor_id_number=id_card.id_number_clean(data.visitor_id_number), visitor_phone=data.visitor_phone.strip(),
        acting_for=data.acting_for.strip(),
    )  # fmt: skip
    # A sealed visit is sealed before this transaction ends (``visit_seal``): its clear fields never commit.
    _number_and_save(visit)
    for number, clean in enumerate(cleaned, start=1):
        _attach(visit, clean, actor, sealed=data.sealed, number=number)
    if booking is not None:
        booking.status = choices.BookingStatus.ATTENDED
        booking.save(update_fields=["status", "updated_at"])
    if data.sealed:
        visit_seal(actor=actor, visit=visit, document_names=[clean.name for clean in cleaned])
    audit_record(actor=actor, action="reception.visit_register", obj=visit,
                 after={f: getattr(visit, f) for f in AUDIT_FIELDS} | {"documents": len(cleaned)})  # fmt: skip
    return visit


def _number_and_save(visit: Visit) -> None:
    """The next number of the body's year, retried if a concurrent visit took it first."""
    for attempt in range(_SERIAL_TRIES):
        last = Visit.objects.filter(organization_id=visit.organization_id, year=visit.year).aggregate(
            n=Max("serial_no")
        )
        visit.serial_no = (last["n"] or 0) + 1
        try:
            with transaction.atomic():  # a savepoint: the losing insert is undone, the transaction goes on
                visit.save()
            return
        except IntegrityError:
            if visit.request_key and Visit.objects.filter(request_key=visit.request_key).exists():
                raise
            if attempt == _SERIAL_TRIES - 1:
                raise
            visit.pk = None


def storage_file_name(visit: Visit, name: str) -> str:
    """A random name on disk, with the display name (a sealed visit's are named by ``sealing``)."""
    return f"{secrets.token_hex(8)}-{name}"


def _attach(visit: Visit, clean: checks.CleanUpload, uploader: Any, *, sealed: bool, number: int) -> VisitDocument:
    """A checked document; a sealed visit's is stored sealed, under a random name, shown as "Tài liệu N"
    (Luật Tố cáo Art. 56): its original name goes into the visit's seal."""
    document = VisitDocument(visit=visit, content_type=clean.content_type, size=clean.size, sha256=clean.sha256,
                             sealed=sealed, uploaded_by=uploader)  # fmt: skip
    if sealed:
        document.name, stored, content = sealed_document_file(number, clean.name, clean.data)
        document.file.save(stored, content, save=False)
    else:
        document.name = clean.name
        document.file.save(storage_file_name(visit, clean.name), ContentFile(clean.data), save=False)
    document.save()
    return document


# --- the answer (Art. 28(1)) --------------------------------------------------------------------------


def visit_outcome_record(*, actor: Any, visit: Visit, outcome: str, note: str = "") -> Visit:
    """Record the answer given to the visitor: accepted, more time needed, not accepted (with its ground)
    or transferred (naming where). "More time" may later be followed by a final answer; a final answer
    is final (``bad_state``)."""
    permissions.require(actor, reception_permissions.REGISTER_VISIT, visit)
    note = note.strip()
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        problems: dict[str, str] = {}
        if outcome not in choices.Outcome.values:
            problems["outcome"] = str(_("Choose the answer given."))
        elif outcome == choices.Outcome.REFUSED and not note:
            problems["note"] = str(_("Give the ground for not accepting the matter."))
        elif outcome == choices.Outcome.TRANSFERRED and not note:
            problems["note"] = str(_("Name the competent body the matter was transferred to."))
        if len(note) > TEXT_LIMIT:
            problems["note"] = str(_("This field is too long (at most %(limit)s characters).") % {"limit": TEXT_LIMIT})
        if problems:
            raise InvalidVisit(_("Please correct the marked fields."), code=errors.REQUIRED, details=problems)
        if not answer_expected(locked.handling):
            raise DomainError(_("No answer is due for a visit that was not taken in."), code=errors.BAD_STATE)
        if locked.outcome in FINAL_OUTCOMES:
            raise DomainError(_("The answer to this visit has already been recorded."), code=errors.BAD_STATE)
        before = {"outcome": locked.outcome, "outcome_on": locked.outcome_on}
        if locked.sealed:  # a tố cáo's visit: the note is kept under the seal, redacted in clear
            note = visit_seal_text(locked, "outcome_note", note)
        locked.outcome, locked.outcome_note, locked.outcome_on = outcome, note, clock.today()
        locked.save(update_fields=["outcome", "outcome_note", "outcome_on", "sealed_identity", "updated_at"])
        audit_record(actor=actor, action="reception.visit_outcome", obj=locked, before=before,
                     after={"outcome": outcome, "outcome_on": locked.outcome_on, "due_on": locked.outcome_due_on})  # fmt: skip
    return locked
