"""Every write of booking: a citizen books a slot (no account), cancels it, the first on the waiting
list moves up; staff mark a no-show; the morning sweep reminds the day before.

The rules (which identity, where a booking goes, how long the waiting list is, the code) are in
``booking_rules`` (pure). Here: one transaction per action, the session's row locked while places are
counted (``select_for_update``: two citizens never both get the last slot), the audit without personal
data, and the messages through the notifications queue (committed with the booking or not at all).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from danvan.core import clock, contacts, id_card
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound
from danvan.notifications.choices import Channel
from danvan.notifications.messages import message_render
from danvan.notifications.services import notification_send
from danvan.org.permissions import require
from danvan.reception import booking_rules, codes, errors, permissions, rules
from danvan.reception.choices import BookingStatus, Mode, SessionStatus
from danvan.reception.models import Booking, ReceptionSession

__all__ = ["Booked", "booking_cancel", "booking_create", "booking_mark_no_show", "booking_problems",
           "booking_reminders_send"]  # fmt: skip

ABOUT_BOOKING = "reception.booking"  # how a notification names what it is about
TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
LOOKUP_PATH = "/lich-tiep-cong-dan/tra-cuu-dat-lich/"  # reception:booking_lookup (services do not reverse URLs)
MAX_NAME, MAX_SUBJECT = 200, 2000


@dataclass(frozen=True)
class Booked:
    booking: Booking
    created: bool  # False: the same form sent again (request_key), the first booking returned


def booking_problems(
    *, day: dt.date, name: str, phone: str, email: str, id_number: str, subject: str
) -> dict[str, str]:
    """What the citizen must correct, per field (empty: nothing). ``day`` is the session's date, which
    picks the identity rule in force (``rules.IDENTITY_RULES``, the register's too); a number is checked
    by ``core.id_card`` (an ID card with its province code, or a passport), as the register checks it."""
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = str(_("Write your full name."))
    elif len(name.strip()) > MAX_NAME:
        problems["name"] = str(_("The name is too long (at most 200 characters)."))
    if not phone.strip():
        problems["phone"] = str(_("Write a phone number: the confirmation and the reminder are sent to it."))
    elif (problem := contacts.phone_problem(phone)) is not None:
        problems["phone"] = problem
    if (problem := contacts.email_problem(email)) is not None:
        problems["email"] = problem
    rule = rules.identity_rule_for(day)
    if id_number.strip():
        if (problem := id_card.id_number_problem(id_number)) is not None:
            problems["id_number"] = problem
    elif rule.id_number_required:
        problems["id_number"] = str(
            _("From 1/7/2026 a visitor must give an ID card or passport number (%(basis)s).")
            % {"basis": rule.legal_basis}
        )
    if not subject.strip():
        problems["subject"] = str(_("Say in a few words what you want to raise."))
    elif len(subject.strip()) > MAX_SUBJECT:
        problems["subject"] = str(_("Please keep it under 2,000 characters; bring the documents with you."))
    return problems


def _locked_session(session_id: int) -> ReceptionSession:
    # The lock serialises every booking and cancellation of one session: the count of confirmed
    # bookings read under it is the count the new row is placed against.
    return ReceptionSession.objects.select_for_update().get(pk=session_id)


def _bookable(session: ReceptionSession, now: dt.datetime) -> None:
    if session.status != SessionStatus.PLANNED:
        raise DomainError(_("This session is not taking bookings (it was cancelled or has been held)."),
                          code=errors.SESSION_CLOSED)  # fmt: skip
    if session.starts_at <= now:
        raise DomainError(_("This session has already started; choose a later one."), code=errors.IN_THE_PAST)


def _same_phone(a: str, b: str) -> bool:
    first, second = contacts.phone_e164(a), contacts.phone_e164(b)
    return bool(first) and first == second


def booking_create(
    *,
    session: ReceptionSession,
    name: str,
    phone: str,
    email: str = "",
    id_number: str = "",
    subject: str,
    request_key: str = "",
) -> Booked:
    """Book a slot at ``session`` for a citizen without an account.

    CONFIRMED while the confirmed bookings are fewer than the session's capacity, else WAITING while
    the waiting list has room (``booking_rules.waiting_list_limit``), else ``SESSION_FULL``. Refused:
    a session that started (``IN_THE_PAST``), was cancelled or held (``SESSION_CLOSED``), a phone that
    already holds a booking there (``ALREADY_BOOKED``), fields to correct (``BAD_FIELDS``, per field in
    ``details``). The same ``request_key`` again returns the first booking (``created=False``); used for
    another session or with another phone, ``KEY_REUSED``. The confirmation goes by SMS (and email when given).
    """
    request_key = (request_key or "").strip()[:64]
    day = clock.local(session.starts_at).date()
    problems = booking_problems(day=day, name=name, phone=phone, email=email, id_number=id_number, subject=subject)
    if problems:
        raise DomainError(_("Please correct the marked fields."), code=errors.BAD_FIELDS, details=problems)
    with transaction.atomic():
        locked = _locked_session(session.pk)
        if request_key:
            # Checked under the session's lock: two identical submissions at once still make one booking.
            earlier = Booking.objects.filter(request_key=request_key).first()
            if earlier is not None:
                # Another session, or another phone: not a retry of that form; never show its booking.
                if earlier.session_id != locked.pk or not _same_phone(earlier.phone, phone):
                    raise DomainError(_("This form was already used for another session. Open a new form."),
                                      code=errors.KEY_REUSED)  # fmt: skip
                return Booked(earlier, created=False)
        _bookable(locked, clock.now())
        held = list(Booking.objects.filter(session=locked, status__in=booking_rules.NOT_CANCELLED)
                    .values_list("phone", "status"))  # fmt: skip
        if any(_same_phone(phone, other) for other, _status in held):
            raise DomainError(_("This phone number already has a booking for this session. Look it up with its code."),
                              code=errors.ALREADY_BOOKED)  # fmt: skip
        confirmed = sum(1 for _p, status in held if status == BookingStatus.CONFIRMED)
        waiting = sum(1 for _p, status in held if status == BookingStatus.WAITING)
        status = booking_rules.place_for(confirmed=confirmed, waiting=waiting, capacity=locked.capacity)
        if status is None:
            raise DomainError(_("This session is full, and so is its waiting list. Please choose another session."),
                              code=errors.SESSION_FULL)  # fmt: skip
        booking = _insert(locked, status=BookingStatus(status), name=name.strip(), phone=contacts.phone_clean(phone),
                          email=email.strip(), id_number=id_card.id_number_clean(id_number),
                          subject=subject.strip(), request_key=request_key or None)  # fmt: skip
        audit_record(actor=None, action="reception.booking_create", obj=booking,
                     after={"session": locked.pk, "status": booking.status})  # fmt: skip
        if status == BookingStatus.CONFIRMED:
            _notify(booking, "confirmed")
        else:
            _notify(booking, "waiting", position=waiting + 1)
    return Booked(booking, created=True)


def _insert(session: ReceptionSession, **fields: Any) -> Booking:
    for _attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: a clash leaves the outer transaction usable
                return Booking.objects.create(session=session, code=codes.code_new(codes.BOOKING_PREFIX), **fields)
        except IntegrityError:
            key = fields.get("request_key")
            if key and Booking.objects.filter(request_key=key).exists():
                # The same key sent at the same instant for another session (under another lock).
                raise DomainError(_("This form was already used for another session. Open a new form."),
                                  code=errors.KEY_REUSED) from None  # fmt: skip
            # Otherwise two codes clashed (31^8 of them): draw again.
    raise RuntimeError("no free booking code after 5 tries")


def booking_cancel(*, code: str, phone: str) -> Booking:
    """Cancel the booking of ``code`` whose phone is ``phone`` (the same "not found" for a wrong code
    and a wrong phone). Cancelling again changes nothing. A confirmed booking's slot goes to the first
    on the waiting list, who is told at once. A session that started cannot be cancelled any more
    (``IN_THE_PAST``)."""
    parsed = codes.code_parse(codes.BOOKING_PREFIX, code)
    with transaction.atomic():
        found = Booking.objects.filter(code=parsed).first() if parsed else None
        if found is None or not _same_phone(found.phone, phone):
            raise NotFound(_("No booking with this code and phone number."))
        session = _locked_session(found.session_id)
        booking = Booking.objects.select_for_update().get(pk=found.pk)
        if booking.status == BookingStatus.CANCELLED:
            return booking
        if booking.status not in booking_rules.HOLDING:
            raise DomainError(_("This booking can no longer be cancelled."), code=errors.BAD_STATE)
        if session.starts_at <= clock.now():
            raise DomainError(_("The session has already started; the booking can no longer be cancelled."),
                              code=errors.IN_THE_PAST)  # fmt: skip
        was = booking.status
        booking.status, booking.cancelled_at = BookingStatus.CANCELLED, clock.now()
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(actor=None, action="reception.booking_cancel", obj=booking,
                     before={"status": was}, after={"status": booking.status})  # fmt: skip
        if was == BookingStatus.CONFIRMED and session.status == SessionStatus.PLANNED:
            _promote_first_waiting(session)
    return booking


def _promote_first_waiting(session: ReceptionSession) -> Booking | None:
    """Under the session's lock: give the free slot to the first on the waiting list, and tell them."""
    confirmed = Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).count()
    if confirmed >= session.capacity:
        return None
    first = (Booking.objects.filter(session=session, status=BookingStatus.WAITING)
             .order_by("created_at", "id").first())  # fmt: skip
    if first is None:
        return None
    first.status = BookingStatus.CONFIRMED
    first.save(update_fields=["status", "updated_at"])
    audit_record(actor=None, action="reception.booking_promote", obj=first,
                 before={"status": BookingStatus.WAITING}, after={"status": first.status})  # fmt: skip
    _notify(first, "promoted")
    return first


def booking_mark_no_show(*, actor: Any, booking: Booking) -> Booking:
    """Staff: the confirmed booker did not come (once the session has started)."""
    require(actor, permissions.REGISTER_VISIT, booking)
    with transaction.atomic():
        locked = Booking.objects.select_for_update().select_related("session").get(pk=booking.pk)
        if locked.status == BookingStatus.NO_SHOW:
            return locked
        if locked.status != BookingStatus.CONFIRMED:
            raise DomainError(_("Only a confirmed booking can be marked as not come."), code=errors.BAD_STATE)
        if locked.session.starts_at > clock.now():
            raise DomainError(_("The session has not started yet."), code=errors.BAD_STATE)
        locked.status = BookingStatus.NO_SHOW
        locked.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="reception.booking_no_show", obj=locked,
                     before={"status": BookingStatus.CONFIRMED}, after={"status": locked.status})  # fmt: skip
    return locked


def booking_reminders_send(*, today: dt.date) -> int:
    """The day before a session: remind each confirmed booker, once (``reminded_at`` is set in the same
    transaction as the message, and only by the run that set it first). Returns how many were reminded."""
    tomorrow = today + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=clock.VIETNAM)
    due = Booking.objects.filter(
        status=BookingStatus.CONFIRMED, reminded_at__isnull=True, session__status=SessionStatus.PLANNED,
        session__starts_at__gte=start, session__starts_at__lt=start + dt.timedelta(days=1),
    ).values_list("pk", flat=True)  # fmt: skip
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=pk, reminded_at__isnull=True, status=BookingStatus.CONFIRMED).update(
                reminded_at=clock.now()
            )
            if claimed:
                _notify(Booking.objects.select_related("session__point").get(pk=pk), "reminder")
                sent += 1
    return sent


# Messages --------------------------------------------------------------------------------------------


def _base() -> str:
    return str(getattr(settings, "DANVAN_PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/")


def lookup_url(code: str) -> str:
    return f"{_base()}{LOOKUP_PATH}?ma={code}"


def _notify(booking: Booking, template: str, **extra: Any) -> None:
    session = ReceptionSession.objects.select_related("point").get(pk=booking.session_id)
    starts = clock.local(session.starts_at)
    context = {
        "code": booking.code,
        "starts": starts,
        "point": session.point.name,
        "address": session.point.address,
        "online": session.mode == Mode.ONLINE,
        "lookup_url": lookup_url(booking.code),
        **extra,
    }
    message = message_render(directory=TEMPLATE_DIR, prefix="reception/booking/messages", code=template,
                             context=context, name=f"reception.booking.{template}")  # fmt: skip
    link = f"{LOOKUP_PATH}?ma={booking.code}"
    notification_send(channel=Channel.SMS, template=f"reception.booking_{template}", subject=message.subject,
                      body=message.sms_text, address=booking.phone, about_kind=ABOUT_BOOKING, about_id=booking.pk,
                      about_label=booking.code, link=link)  # fmt: skip
    if booking.email:
        notification_send(channel=Channel.EMAIL, template=f"reception.booking_{template}", subject=message.subject,
                          body=message.text, address=booking.email, about_kind=ABOUT_BOOKING, about_id=booking.pk,
                          about_label=booking.code, link=link)  # fmt: skip
