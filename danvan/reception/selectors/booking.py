"""Reads of booking: a session as the public may see it (places left, never who booked), a citizen's
own booking by its code and phone, and a session's bookings for the officers who receive (VIEW_VISITORS).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from danvan.core import clock, contacts
from danvan.core.errors import NotFound
from danvan.org.permissions import require
from danvan.reception import booking_rules, codes, permissions
from danvan.reception.choices import BookingStatus, Mode, SessionStatus
from danvan.reception.models import Booking, ReceptionSession


@dataclass(frozen=True)
class SessionOffer:
    """A session as the booking page shows it: where, when, how many places are left."""

    session: ReceptionSession
    confirmed: int
    waiting: int
    open: bool  # planned and not started

    @property
    def slots_left(self) -> int:
        return max(0, self.session.capacity - self.confirmed)

    @property
    def waiting_left(self) -> int:
        return max(0, booking_rules.waiting_list_limit(self.session.capacity) - self.waiting)

    @property
    def full(self) -> bool:
        return self.slots_left == 0 and self.waiting_left == 0


def session_offer(session_id: int) -> SessionOffer | None:
    """The public view of a session that takes bookings (counts only), or ``None`` if there is none."""
    session = (
        ReceptionSession.objects.select_related("point", "organization", "head")
        .annotate(
            n_confirmed=Count("bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED)),
            n_waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        )
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        return None
    is_open = session.status == SessionStatus.PLANNED and session.starts_at > clock.now()
    return SessionOffer(session, session.n_confirmed, session.n_waiting, is_open)


def booking_open(*, code: str, phone: str) -> Booking | None:
    """The booking of ``code`` if ``phone`` is its phone; ``None`` alike for a wrong code and a wrong phone."""
    parsed = codes.code_parse(codes.BOOKING_PREFIX, code)
    if parsed is None or not contacts.phone_e164(phone):
        return None
    booking = Booking.objects.select_related("session__point", "session__organization").filter(code=parsed).first()
    if booking is None or contacts.phone_e164(booking.phone) != contacts.phone_e164(phone):
        return None
    return booking


def booking_video_url(booking: Booking) -> str:
    """An online session's video link, for its confirmed booker only (never on a public page)."""
    session = booking.session
    if session.mode != Mode.ONLINE or booking.status not in (BookingStatus.CONFIRMED, BookingStatus.ATTENDED):
        return ""
    return session.video_url


def waiting_position(booking: Booking) -> int | None:
    """1 for the first on the waiting list; ``None`` when the booking is not waiting."""
    if booking.status != BookingStatus.WAITING:
        return None
    ahead = Booking.objects.filter(session_id=booking.session_id, status=BookingStatus.WAITING).filter(
        Q(created_at__lt=booking.created_at) | Q(created_at=booking.created_at, id__lt=booking.pk)
    )
    return ahead.count() + 1


def session_bookings(*, user: object, session_id: int) -> tuple[ReceptionSession, list[Booking]]:
    """A session and its bookings (confirmed first, then the waiting list in order, then the rest) for
    an officer who may read visitors' identity there; ``NotFound`` for a session that does not exist."""
    session = ReceptionSession.objects.select_related("point", "organization").filter(pk=session_id).first()
    if session is None:
        raise NotFound("no such session")
    require(user, permissions.VIEW_VISITORS, session)
    order = {BookingStatus.CONFIRMED: 0, BookingStatus.ATTENDED: 0, BookingStatus.NO_SHOW: 0,
             BookingStatus.WAITING: 1, BookingStatus.CANCELLED: 2}  # fmt: skip
    rows = list(Booking.objects.filter(session=session).select_related("visit").order_by("created_at", "id"))
    rows.sort(key=lambda b: order.get(BookingStatus(b.status), 3))
    return session, rows
