"""Booking's pages: the citizen books a slot (no account), reads the confirmation code, looks the
booking up with code and phone, cancels it; the officers list a session's bookings and mark a no-show.

HTTP only: rate limits (``ui.limits`` rules ``booking_create`` and ``booking_lookup``), the Django
session that remembers which bookings this browser opened (so neither the phone nor a secret ever goes
into a URL), and which page answers. The rules are ``services.booking``'s.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.org.permissions import user_may
from danvan.reception import booking_rules, codes, errors, rules
from danvan.reception.forms.booking import BookingForm, LookupForm
from danvan.reception.models import Booking
from danvan.reception.permissions import REGISTER_VISIT
from danvan.reception.selectors import booking as selectors
from danvan.reception.services import booking as services
from danvan.ui import limits

OPENED = "reception_bookings"  # session key: {code: phone} of the bookings this browser may show


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _remember(request: HttpRequest, booking: Booking, phone: str) -> None:
    opened = dict(request.session.get(OPENED) or {})
    opened[booking.code] = phone
    request.session[OPENED] = dict(list(opened.items())[-20:])  # a shared phone keeps the last few


def _opened_phone(request: HttpRequest, code: str) -> str:
    return str((request.session.get(OPENED) or {}).get(code, ""))


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def booking_new(request: HttpRequest, session_id: int) -> HttpResponse:
    """The booking form of one session; POST stores the booking and shows its page with the code."""
    offer = selectors.session_offer(session_id)
    if offer is None:
        raise Http404
    session = offer.session
    id_required = rules.id_number_required(clock.local(session.starts_at).date())
    context: dict[str, Any] = {"offer": offer, "session": session, "id_required": id_required}
    if request.method != "POST":
        context["form"] = BookingForm(id_required=id_required)
        return _private(render(request, "reception/booking/new.html", context))
    refused = limits.attempt(request, "booking_create")
    if refused is not None:
        return refused
    form = BookingForm(request.POST, id_required=id_required)
    context["form"] = form
    if form.is_valid():
        data = form.cleaned_data
        phone, email = data["phone"], data["email"]
        over_limit = limits.admit(request, "booking_create", contact=(phone, email), body=session.point)
        if over_limit is not None:
            return over_limit
        try:
            booked = services.booking_create(session=session, name=data["name"], phone=phone, email=email,
                                             id_number=data["id_number"], subject=data["subject"],
                                             request_key=data["request_key"])  # fmt: skip
        except DomainError as exc:
            if exc.code == errors.BAD_FIELDS:
                form.add_service_errors(exc.details)
            else:
                form.add_error(None, str(exc.message))
        else:
            if booked.created:
                limits.record(request, "booking_create", contact=(phone, email))
            _remember(request, booked.booking, phone)
            url = reverse("reception:booking_detail", args=[booked.booking.code])
            return HttpResponseRedirect(f"{url}?moi=1", status=303)
    return _private(render(request, "reception/booking/new.html", context, status=400))


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def booking_lookup(request: HttpRequest) -> HttpResponse:
    """Code and phone open a booking (the same answer for a wrong code and a wrong phone)."""
    if request.method != "POST":
        form = LookupForm(initial={"code": request.GET.get("ma", "")[:20]})
        return _private(render(request, "reception/booking/lookup.html", {"form": form}))
    refused = limits.hit(request, "booking_lookup")  # every try counts: a code could be guessed at
    if refused is not None:
        return refused
    form = LookupForm(request.POST)
    if form.is_valid():
        booking = selectors.booking_open(code=form.cleaned_data["code"], phone=form.cleaned_data["phone"])
        if booking is not None:
            _remember(request, booking, form.cleaned_data["phone"])
            return HttpResponseRedirect(reverse("reception:booking_detail", args=[booking.code]), status=303)
        form.add_error(None, _("No booking with this code and phone number. Check both and try again."))
    return _private(render(request, "reception/booking/lookup.html", {"form": form}, status=400))


@never_cache
@require_http_methods(["GET"])
def booking_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The booking this browser opened (by booking it or with code and phone); otherwise the look-up."""
    phone = _opened_phone(request, code)
    booking = selectors.booking_open(code=code, phone=phone) if phone else None
    if booking is None:
        return HttpResponseRedirect(
            f"{reverse('reception:booking_lookup')}?ma={codes.code_parse(codes.BOOKING_PREFIX, code) or ''}"
        )
    context = {
        "booking": booking,
        "session": booking.session,
        "just_booked": request.GET.get("moi") == "1",
        "video_url": selectors.booking_video_url(booking),
        "position": selectors.waiting_position(booking),
        "may_cancel": booking.status in booking_rules.HOLDING and booking.session.starts_at > clock.now(),
    }
    return _private(render(request, "reception/booking/detail.html", context))


@never_cache
@require_POST
def booking_cancel(request: HttpRequest, code: str) -> HttpResponse:
    phone = _opened_phone(request, code)
    if not phone:
        return HttpResponseRedirect(reverse("reception:booking_lookup"))
    try:
        services.booking_cancel(code=code, phone=phone)
    except NotFound:
        return HttpResponseRedirect(reverse("reception:booking_lookup"))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Your booking is cancelled. Thank you for freeing the slot."))
    return HttpResponseRedirect(reverse("reception:booking_detail", args=[code]), status=303)


# Staff ---------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET"])
def session_bookings(request: HttpRequest, session_id: int) -> HttpResponse:
    """A session's bookings, for those who may read visitors' identity there (404 for anyone else)."""
    try:
        session, rows = selectors.session_bookings(user=request.user, session_id=session_id)
    except (NotFound, PermissionDenied):
        raise Http404 from None
    context = {
        "session": session,
        "rows": rows,
        "started": session.starts_at <= clock.now(),
        "may_register": user_may(request.user, REGISTER_VISIT, session),
    }  # the visit from a booking
    return _private(render(request, "reception/booking/staff_list.html", context))


@login_required
@never_cache
@require_POST
def booking_no_show(request: HttpRequest, session_id: int, booking_id: int) -> HttpResponse:
    try:
        session, rows = selectors.session_bookings(user=request.user, session_id=session_id)
    except (NotFound, PermissionDenied):
        raise Http404 from None
    booking = next((b for b in rows if b.pk == booking_id), None)
    if booking is None:
        raise Http404
    try:
        services.booking_mark_no_show(actor=request.user, booking=booking)
    except PermissionDenied:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Marked as not come: %(code)s.") % {"code": booking.code})
    return HttpResponseRedirect(reverse("reception:session_bookings", args=[session.pk]), status=303)
