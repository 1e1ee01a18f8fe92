"""Public feedback, as FixMyStreet, iHanoi and Hue-S users know it: a feed and a map of the reports people
made public, with their status, the authority's answer and photos before and after; "I have this problem
too" instead of a duplicate; and the citizen's "still not fixed".

Thin views over ``selectors_feed`` and ``services.feedback``; what is public is ``cases.publicity``'s rule.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from danvan.cases import selectors_feed
from danvan.cases.choices import PublicHideReason
from danvan.cases.forms.feed import FeedFilterForm, NearbyForm, ReopenForm
from danvan.cases.models import Case
from danvan.cases.services import feedback
from danvan.cases.views.public import LINK_GRANTS, STATUS_PLAIN
from danvan.core.errors import DomainError, NotFound
from danvan.files.serving import public_image_response
from danvan.ui import limits
from danvan.ui.paging import CappedPaginator
from danvan.ui.throttle import limited

PER_PAGE = 20
NEARBY_LIMIT = 120  # look-ups per client address per 10 minutes (the form asks as the citizen types)
# "I have this problem too" and "still not fixed" count per device, with a much higher ceiling per
# address: the rules "feed_support" and "case_reopen" of ui.limits (settings.DANVAN_RATE_LIMITS).


def status_short(status: str) -> str:
    """The plain name of a status, as the citizen's own page says it."""
    return str(STATUS_PLAIN.get(status, ("", ""))[0])


def supports_text(count: int) -> str:
    return ngettext("%(n)s person has this problem too", "%(n)s people have this problem too", count) % {"n": count}


def _topic(case: Case) -> str:
    if case.topic is None:
        return ""
    english = (get_language() or "vi").startswith("en")
    return case.topic.name_en if english and case.topic.name_en else case.topic.name


def _row(case: Case) -> dict[str, Any]:
    photos = getattr(case, "public_photos", [])
    return {
        "case": case,
        "status": status_short(case.status),
        "topic": _topic(case),
        "before": [p for p in photos if p.kind != "after"],
        "after": [p for p in photos if p.kind == "after"],
        "supports": getattr(case, "support_count", 0),
        "reopened": case.reopened_on is not None,
    }


def _map_settings() -> dict[str, str]:
    # The tile source is technical configuration; without one the map shows the markers on a plain
    # background, so it works offline and in tests.
    return {
        "tiles": str(settings.DANVAN_MAP_TILES_URL or ""),
        "attribution": str(settings.DANVAN_MAP_TILES_ATTRIBUTION or ""),
    }


# The feed, the map and one report ---------------------------------------------------------------------


@limits.with_device_cookie  # the support button counts one per device: the page gives it one
@require_GET
def feed_list(request: HttpRequest) -> HttpResponse:
    form = FeedFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors_feed.FeedFilters()
    page = CappedPaginator(selectors_feed.feed_list(filters=filters), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [_row(case) for case in page],
        "markers_url": reverse("cases:feed_markers") + (f"?{query.urlencode()}" if query else ""),
        "map": _map_settings(),
    }
    return render(request, "cases/public/feed.html", context)


@require_GET
def feed_markers(request: HttpRequest) -> JsonResponse:
    """The map's markers as JSON: code, title, plain status, point and the report's address."""
    filters = FeedFilterForm(request.GET or None).filters() if request.GET else selectors_feed.FeedFilters()
    markers = [
        {
            "code": row["tracking_code"],
            "title": row["public_title"],
            "status": status_short(row["status"]),
            "lat": float(row["latitude"]),
            "lng": float(row["longitude"]),
            "url": reverse("cases:feed_detail", args=[row["tracking_code"]]),
        }
        for row in selectors_feed.feed_markers(filters=filters)
    ]
    return JsonResponse({"markers": markers})


@limits.with_device_cookie  # the support button counts one per device: the page gives it one
@require_GET
def feed_detail(request: HttpRequest, tracking_code: str) -> HttpResponse:
    try:
        case = selectors_feed.feed_get(tracking_code=tracking_code)
    except NotFound:
        raise Http404 from None
    from danvan.cases.views.public import EVENT_PLAIN

    timeline = [(at, EVENT_PLAIN.get(action, "")) for at, action in selectors_feed.feed_timeline(case)]
    context = {**_row(case), "timeline": [t for t in timeline if t[1]], "map": _map_settings()}
    return render(request, "cases/public/feed_detail.html", context)


@require_GET
def feed_photo(request: HttpRequest, tracking_code: str, attachment_id: int) -> FileResponse:
    try:
        photo = selectors_feed.feed_photo(tracking_code=tracking_code, attachment_id=attachment_id)
    except NotFound:
        raise Http404 from None
    return public_image_response(photo.file, photo.content_type)  # a report may leave the feed at any moment


# "I have this problem too" ----------------------------------------------------------------------------


@require_POST
def feed_support(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """One support per account or device. JSON for the page's script; a redirect back without it."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    refused = limits.hit(request, "feed_support")  # every POST: a support is one per device anyway
    if refused is not None:
        if wants_json:  # the page's script shows the message; the page without it, the 429 page
            refused_json = JsonResponse({"error": _("Too many requests. Please try again later.")}, status=429)
            refused_json["Retry-After"] = refused["Retry-After"]
            return refused_json
        return refused
    # Only a device the site already knows (its cookie came with a page) or an account: a request
    # without one would count anew each time.
    device = limits.device_of(request)
    user_id = request.user.pk if request.user.is_authenticated else None
    try:
        count, created = feedback.case_support(
            tracking_code=tracking_code, supporter=feedback.supporter_key(user_id=user_id, device=device)
        )
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        if wants_json:
            return JsonResponse({"error": str(exc.message)}, status=400)
        messages.error(request, str(exc.message))
        return redirect("cases:feed_detail", tracking_code=tracking_code.upper())
    said = _("Thank you: your support is counted.") if created else _("You already support this report.")
    response: HttpResponse
    if wants_json:
        response = JsonResponse({"count": count, "count_text": supports_text(count), "created": created,
                                 "message": said})  # fmt: skip
    else:
        messages.success(request, said)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False):
            back = reverse("cases:feed_detail", args=[tracking_code.upper()])
        response = redirect(back)
    return response


@never_cache
@limits.with_device_cookie  # the support button counts one per device: the page gives it one
@require_GET
def feed_nearby(request: HttpRequest) -> HttpResponse:
    """Before sending: public reports of the same kind nearby, to support one instead of a duplicate. A page
    of its own without JavaScript; JSON (``?format=json``) for the petition form's script."""
    refused = limited(request, "feed_nearby", NEARBY_LIMIT, 600)
    if refused is not None:
        return refused
    form = NearbyForm(request.GET or None)
    lookup = form.lookup() if form.is_bound else {}
    found = selectors_feed.feed_nearby(**lookup) if lookup else []
    if request.GET.get("format") == "json":
        return JsonResponse({"reports": [
            {"code": c.tracking_code, "title": c.public_title, "status": status_short(c.status),
             "place": c.place_unit.name if c.place_unit else "", "received_on": c.received_on.isoformat(),
             "supports": getattr(c, "support_count", 0), "supports_text": supports_text(getattr(c, "support_count", 0)),
             "url": reverse("cases:feed_detail", args=[c.tracking_code]),
             "support_url": reverse("cases:feed_support", args=[c.tracking_code])}
            for c in found
        ]})  # fmt: skip
    context = {"form": form, "rows": [_row(c) for c in found], "looked": bool(lookup), "asked": form.is_bound}
    return render(request, "cases/public/feed_nearby.html", context)


# "Still not fixed" --------------------------------------------------------------------------------------


def track_extras(request: HttpRequest, case: Case) -> dict[str, Any]:
    """What the citizen's private page adds: "still not fixed" while it is possible, and the public page."""
    public = selectors_feed.case_is_public(case)
    may_reopen = selectors_feed.case_may_reopen(case)
    return {
        "reopen_form": ReopenForm() if may_reopen else None,
        "reopen_until": selectors_feed.case_reopen_until(case) if may_reopen else None,
        "public_url": reverse("cases:feed_detail", args=[case.tracking_code]) if public else "",
        # Taken off the public page by a handler: the reason's label, never the staff note.
        "public_hidden_reason": PublicHideReason(case.public_hidden_reason).label
        if case.public_hidden_at is not None
        and selectors_feed.case_on_public_track(case)
        and case.public_hidden_reason in PublicHideReason.values
        else "",
    }


@require_POST
def case_reopen(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """ "Still not fixed" from the citizen's private page: the link's holder or the signed-in submitter."""
    refused = limits.attempt(request, "case_reopen")  # every POST, far above an office's honest need
    if refused is not None:
        return refused
    code = tracking_code.strip().upper()
    grant = (request.session.get(LINK_GRANTS) or {}).get(code, "")
    form = ReopenForm(request.POST)
    if not form.is_valid():  # a note to write is not a request: not counted (docs/limits.md)
        messages.error(request, _("Please say what is still wrong."))
        return redirect("cases:case_track", tracking_code=code)
    refused = limits.admit(request, "case_reopen")
    if refused is not None:
        return refused
    limits.record(request, "case_reopen")
    try:
        feedback.case_reopen_by_citizen(tracking_code=code, actor=request.user, grant=grant,
                                        note=form.cleaned_data["note"])  # fmt: skip
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Thank you. Your feedback is back with the body for review; you will be told "
                                    "of its new answer."))  # fmt: skip
    return redirect("cases:case_track", tracking_code=code)
