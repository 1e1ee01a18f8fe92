"""GeoReport v2 at /open311/v2/: discovery, services, service definitions, requests, tokens.

Every method answers in XML (the spec's default) or JSON by its extension, with the spec's error
body and HTTP codes (400 bad request, 403 bad api_key, 404 not found, 429 too many requests).
Views parse, call one service or selector (``case_submit``; the queries below go through the
published services and never reach a tố cáo), and render.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core import signing
from django.core.exceptions import BadRequest
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from danvan.cases.choices import Channel
from danvan.cases.models import Case
from danvan.cases.selectors import cases_visible_to_partners
from danvan.cases.selectors_feed import public_q
from danvan.cases.services.intake import IdempotencyConflict, InvalidPetition, Petition, case_submit
from danvan.core import clock, outage, parsing, ratelimit
from danvan.core.middleware import note_request_via
from danvan.core.outage import database_errors
from danvan.open311 import render, selectors
from danvan.open311.models import PUBLISHABLE_TRACKS, Open311Service
from danvan.open311.presenters import (
    MAX_DESCRIPTION,
    OPEN_STATUSES,
    attributes_for,
    request_record,
    service_record,
)
from danvan.partners.choices import Scope
from danvan.partners.models import ApiKey
from danvan.partners.selectors import api_key_case_ids
from danvan.partners.services import PartnerActor, api_key_authenticate, api_key_submission_record

TOKEN_SALT = "danvan.open311.token"  # noqa: S105 - a signing namespace, not a secret
MAX_RANGE = dt.timedelta(days=90)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Per client address per minute; a key has its own per-minute limit on top (ApiKey.rate_limit_per_minute).
READ_LIMIT, WRITE_LIMIT = 120, 20
STANDARD_FIELDS = {
    "api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string", "address_id", "email",
    "device_id", "account_id", "first_name", "last_name", "phone", "description", "media_url",
}  # fmt: skip


class Refusal(Exception):
    def __init__(self, status: int, *messages: str, retry_after: int | None = None):
        super().__init__(messages[0] if messages else "")
        self.status, self.messages, self.retry_after = status, list(messages), retry_after


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _refuse_if(verdict: ratelimit.Verdict) -> None:
    if not verdict.allowed:
        raise Refusal(429, _("Too many requests. Please try again later."), retry_after=verdict.retry_after)


def _limit(request: HttpRequest, scope: str, per_ip: int) -> None:
    """Per client address, before anything else (also before the key is checked: no guessing)."""
    _refuse_if(ratelimit.hit(f"open311:{scope}", _client(request), limit=per_ip, window_seconds=60))


def _key_limit(key: ApiKey | None) -> None:
    """Per key, shared by the REST API and Open311 (the same scope name in danvan.api)."""
    if key is not None:
        _refuse_if(ratelimit.hit("partner-key", key.prefix, limit=key.rate_limit_per_minute, window_seconds=60))


def _key(request: HttpRequest, *, required: bool) -> ApiKey | None:
    raw = (request.POST.get("api_key") if request.method == "POST" else None) or request.GET.get("api_key", "")
    if not raw:
        if required:
            raise Refusal(403, _("An api_key is required."))
        return None
    check = api_key_authenticate(raw)
    if check.api_key is None:
        raise Refusal(403, _("The api_key is not valid, has expired or was revoked."))
    note_request_via(f"API key {check.api_key.prefix}")
    return check.api_key


def _refuse_nul(request: HttpRequest, kwargs: dict[str, Any]) -> None:
    """A NUL character cannot be stored in PostgreSQL text: refuse it as bad input, not a server error."""
    values = [v for _, vs in request.GET.lists() for v in vs] + [str(v) for v in kwargs.values()]
    if request.method == "POST":
        values += [v for _, vs in request.POST.lists() for v in vs]
    if parsing.holds_nul(values):
        raise Refusal(400, _("The request contains a NUL character."))


def _handle(view: Any) -> Any:
    """Turn a Refusal into the spec's error body, in the format asked for."""

    def wrapped(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
        try:
            try:
                _refuse_nul(request, kwargs)
                return view(request, fmt, **kwargs)
            except BadRequest:  # a form body Django cannot read (not UTF-8)
                raise Refusal(400, _("The request body must be form-encoded in UTF-8.")) from None
        except Refusal as refusal:
            return _refusal_response(fmt, refusal)
        except database_errors() as exc:
            return outage.outage_response(request, exc)  # logs, then outage_response below

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _refusal_response(fmt: str, refusal: Refusal) -> HttpResponse:
    response = render.errors(fmt, refusal.status, refusal.messages)
    if refusal.retry_after is not None:
        response["Retry-After"] = str(refusal.retry_after)
    return response


def outage_response(request: HttpRequest) -> HttpResponse:
    """503 in the spec's error list while the database is away (core.outage), JSON or XML by the path."""
    fmt = "json" if request.path.endswith(".json") else "xml"
    message = _("The service is briefly unavailable. Please try again in a minute.")
    return _refusal_response(fmt, Refusal(503, message, retry_after=outage.RETRY_AFTER))


def _published() -> list[Open311Service]:
    return selectors.services_published()


@require_GET
@_handle
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    _limit(request, "read", READ_LIMIT)
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0] + "/"
    data = {
        "changeset": "2026-01-01T00:00:00+07:00",
        "contact": _("Dân Vận Số operators; see /api/v1/docs and docs/api.md"),
        "key_service": _("API keys are issued by an operator to a partner organization."),
        "endpoints": [
            {"specification": "http://wiki.open311.org/GeoReport_v2", "url": base,
             "changeset": "2026-01-01T00:00:00+07:00", "type": "production",
             "formats": ["text/xml", "application/json"]},
        ],
    }  # fmt: skip
    return render.respond(fmt, "discovery", data)


@require_GET
@_handle
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    _limit(request, "read", READ_LIMIT)
    return render.respond(fmt, "services", [service_record(s) for s in _published()])


@require_GET
@_handle
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    """With an optional api_key, the definition is the one that key must meet (its consent rule)."""
    _limit(request, "read", READ_LIMIT)
    key = _key(request, required=False)
    _key_limit(key)
    service = next((s for s in _published() if s.code == code), None)
    if service is None:
        raise Refusal(404, _("Unknown service_code."))
    attributes = attributes_for(service, consent_collected=key is not None and key.collects_consent)
    return render.respond(fmt, "service_definition", {"service_code": service.code, "attributes": attributes})


def _decimal(value: str, name: str, low: int, high: int) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise Refusal(400, _("%(name)s is not a number.") % {"name": name}) from None
    if not number.is_finite() or not (low <= number <= high):
        raise Refusal(400, _("%(name)s is out of range.") % {"name": name})
    return number


def _petition(request: HttpRequest, key: ApiKey) -> tuple[Open311Service, Petition]:
    data = request.POST
    problems: list[str] = []
    unknown = sorted(
        k for k in data if k not in STANDARD_FIELDS and not (k.startswith("attribute[") and k.endswith("]"))
    )
    if unknown:
        problems.append(_("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)})
    code = data.get("service_code", "").strip()
    service = next((s for s in _published() if s.code == code), None) if code else None
    if not code:
        problems.append(_("service_code is required."))
    elif service is None:
        problems.append(_("Unknown service_code."))
    lat_text, long_text = data.get("lat", "").strip(), data.get("long", "").strip()
    address, address_id = data.get("address_string", "").strip(), data.get("address_id", "").strip()
    if not ((lat_text and long_text) or address or address_id):
        problems.append(_("A location is required: lat and long, address_string or address_id."))
    lat = long = None
    try:
        if lat_text or long_text:
            lat = _decimal(lat_text, "lat", -90, 90)
            long = _decimal(long_text, "long", -180, 180)
    except Refusal as refusal:
        problems.extend(refusal.messages)
    unit_id = parsing.object_id(address_id) if address_id else None
    if address_id and unit_id is None:
        problems.append(_("address_id must be the id of an administrative unit."))
    description = data.get("description", "")
    if len(description) > MAX_DESCRIPTION:
        problems.append(_("description: longer than %(n)s characters.") % {"n": MAX_DESCRIPTION})
    attributes: dict[str, str] = {
        k[len("attribute[") : -1]: str(v) for k, v in data.items() if k.startswith("attribute[")
    }
    known = (
        {a["code"]: a for a in attributes_for(service, consent_collected=key.collects_consent) if a["variable"]}
        if service
        else {}
    )
    if service is not None:
        strangers = sorted(set(attributes) - set(known))
        if strangers:
            problems.append(_("Unknown attributes: %(names)s.") % {"names": ", ".join(strangers)})
        for code_, attribute in known.items():
            value = attributes.get(code_, "")
            if attribute["required"] and not value:
                problems.append(_("attribute[%(code)s] is required.") % {"code": code_})
            if value and "values" in attribute and value not in {v["key"] for v in attribute["values"]}:
                problems.append(_("attribute[%(code)s]: not one of the values of the service definition.")
                                % {"code": code_})  # fmt: skip
    people = parsing.whole_number(attributes.get("people_count", "") or "1", low=1, high=parsing.MAX_PEOPLE)
    if people is None:
        problems.append(_("attribute[%(code)s]: a whole number from 1 to %(high)s.")
                        % {"code": "people_count", "high": parsing.MAX_PEOPLE})  # fmt: skip
    if problems or service is None:
        raise Refusal(400, *problems)
    name = " ".join(p for p in (data.get("first_name", "").strip(), data.get("last_name", "").strip()) if p)
    petition = Petition(
        content=description,
        title=attributes.get("title", ""),
        track=service.track,
        topic_code=service.topic.code if service.topic else "",
        place_text=address,
        place_unit_id=unit_id,
        latitude=lat,
        longitude=long,
        name=name,
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        is_anonymous=attributes.get("anonymous") == "yes",
        people_count=people or 1,
        consent=attributes.get("consent") == "yes" or key.collects_consent,
        consent_text=_consent_record(key, given=attributes.get("consent") == "yes"),
    )
    return service, petition


def _consent_record(key: ApiKey, *, given: bool) -> str:
    """What the case keeps as its consent: the request's own attribute, or the partner's agreement."""
    if given:
        return f"Open311 attribute[consent]=yes, partner key {key.prefix} ({key.organization.name})"
    return (f"Consent collected by the partner {key.organization.name} under its agreement "
            f"{key.consent_agreement.strip()} (Open311, partner key {key.prefix}); no per-request attribute")  # fmt: skip


# Where intake names a field of its own, a partner reads the GeoReport v2 field it sent.
OPEN311_FIELD = {
    "content": "description", "title": "attribute[title]", "name": "first_name, last_name", "phone": "phone",
    "email": "email", "address": "address_string", "consent": "attribute[consent]",
    "is_anonymous": "attribute[anonymous]", "people_count": "attribute[people_count]", "latitude": "lat, long",
    "longitude": "lat, long", "place_text": "address_string", "place_unit_id": "address_id",
    "topic_code": "service_code", "track": "service_code", "files": "media_url",
}  # fmt: skip


def _open311_errors(details: dict[str, Any], data: Any) -> list[str]:
    """Intake's refusals as "<standard field>: message", with the standard's words where intake's
    own message names a field a GeoReport client does not have."""
    messages = []
    for field, message in details.items():
        name = OPEN311_FIELD.get(field, field)
        if field == "name":
            message = _("give the petitioner's first_name and last_name, to whom the answer is addressed.")
        elif field == "phone" and not (data.get("phone", "").strip() or data.get("email", "").strip()):
            name, message = "phone, email", _("give a phone or an email, so that the answer can be sent.")
        messages.append(f"{name}: {message}")
    return messages


# Partners post form-encoded requests from their servers with an api_key, not from a browser
# session: there is no cookie to ride on, so CSRF protection has nothing to protect here.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@_handle
def requests_(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    return _list(request, fmt)


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    _limit(request, "write", WRITE_LIMIT)
    key = _key(request, required=True)
    assert key is not None
    _key_limit(key)
    if not key.has_scope(Scope.SUBMIT):
        raise Refusal(403, _("This api_key may not submit requests."))
    petition = _petition(request, key)[1]
    idempotency_key = request.headers.get("Idempotency-Key", "")
    try:
        # One transaction: a case stored is always one the key can read back (nothing left for after the commit).
        with transaction.atomic():
            submitted = case_submit(actor=PartnerActor(key), petition=petition, channel=Channel.OPEN311,
                                    idempotency_key=f"{key.prefix}:{idempotency_key}" if idempotency_key else "")  # fmt: skip
            api_key_submission_record(api_key=key, case_id=submitted.case.pk)
    except InvalidPetition as exc:
        raise Refusal(400, *_open311_errors(exc.details, request.POST)) from None
    except IdempotencyConflict as exc:
        raise Refusal(409, str(exc.message)) from None
    case = submitted.case
    notice = _("Received. Tracking code %(code)s.") % {"code": case.tracking_code}
    if case.due_on:
        notice += " " + _("Legal deadline: %(date)s.") % {"date": case.due_on.strftime("%d/%m/%Y")}
    record = {
        "service_request_id": case.tracking_code,
        "token": signing.dumps(case.pk, salt=TOKEN_SALT),
        "service_notice": notice,
    }
    return render.respond(fmt, "service_requests", [record], status=200)


def _visible(key: ApiKey | None) -> QuerySet[Case]:
    """Public: what the public feed shows (``selectors_feed.public_q``: feedback the citizen did not
    withhold, not taken off by a handler — never a complaint), on published services' tracks. A key
    with read_own also sees its own."""
    published_tracks = {s.track for s in _published()}
    condition = Q(track__in=[t for t in published_tracks if t in PUBLISHABLE_TRACKS]) & public_q()
    if key is not None and key.has_scope(Scope.READ_OWN):
        condition |= Q(pk__in=api_key_case_ids(api_key=key))
    # Whatever the key: a tố cáo never leaves through Open311 (cases_visible_to_partners).
    return cases_visible_to_partners().filter(condition).select_related("handling_organization", "place_unit__province")


def _owned_ids(key: ApiKey | None, cases: list[Case]) -> set[int]:
    if key is None or not key.has_scope(Scope.READ_OWN):
        return set()
    return set(
        api_key_case_ids(api_key=key).filter(case_id__in=[c.pk for c in cases]).values_list("case_id", flat=True)
    )


def _moment(value: str, name: str) -> dt.datetime:
    moment = parse_datetime(value.replace(" ", "+")) if value else None  # a '+' in a query string arrives as ' '
    if moment is None:
        raise Refusal(400, _("%(name)s is not a date and time (W3C format).") % {"name": name})
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock.VIETNAM)
    return moment


def _positive(value: str, name: str, default: int, high: int) -> int:
    if not value:
        return default
    number = parsing.page_number(value, high=high)
    if number is None:
        raise Refusal(400, _("%(name)s must be a whole number from 1 to %(high)s.") % {"name": name, "high": high})
    return number


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    _limit(request, "read", READ_LIMIT)
    key = _key(request, required=False)
    _key_limit(key)
    services = _published()
    cases = _visible(key)
    ids = [i.strip() for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        # The spec: with ids, every other parameter is ignored.
        cases = cases.filter(tracking_code__in=[i.upper() for i in ids[:MAX_PAGE_SIZE]]).order_by("-created_at")
        page, size = 1, MAX_PAGE_SIZE
    else:
        end = _moment(request.GET["end_date"], "end_date") if request.GET.get("end_date") else clock.now()
        start = _moment(request.GET["start_date"], "start_date") if request.GET.get("start_date") else end - MAX_RANGE
        if start > end:
            raise Refusal(400, _("start_date is after end_date."))
        if end - start > MAX_RANGE:
            raise Refusal(400, _("The date range may span at most 90 days."))
        cases = cases.filter(created_at__gte=start, created_at__lte=end)
        codes = [c.strip() for c in request.GET.get("service_code", "").split(",") if c.strip()]
        if codes:
            chosen = [s for s in services if s.code in codes]
            if len(chosen) < len(set(codes)):
                raise Refusal(400, _("Unknown service_code."))
            condition = Q(pk__in=[])
            for s in chosen:
                condition |= Q(track=s.track, topic_id=s.topic_id) if s.topic_id else Q(track=s.track)
            cases = cases.filter(condition)
        statuses = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Refusal(400, _("status must be open or closed."))
        if statuses == {"open"}:
            cases = cases.filter(status__in=list(OPEN_STATUSES))
        elif statuses == {"closed"}:
            cases = cases.exclude(status__in=list(OPEN_STATUSES))
        page = _positive(request.GET.get("page", ""), "page", 1, parsing.MAX_PAGE)
        size = _positive(request.GET.get("page_size", ""), "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        cases = cases.order_by("-created_at", "-id")
    chunk = list(cases[(page - 1) * size : page * size])
    owned = _owned_ids(key, chunk)
    return render.respond(fmt, "service_requests", [request_record(c, services, owned=c.pk in owned) for c in chunk])


@require_GET
@_handle
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    _limit(request, "read", READ_LIMIT)
    key = _key(request, required=False)
    _key_limit(key)
    case = _visible(key).filter(tracking_code=request_id.strip().upper()).first()
    if case is None:
        raise Refusal(404, _("Unknown service_request_id."))
    owned = _owned_ids(key, [case])
    return render.respond(fmt, "service_requests", [request_record(case, _published(), owned=case.pk in owned)])


@require_GET
@_handle
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    _limit(request, "read", READ_LIMIT)
    try:
        pk = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise Refusal(404, _("Unknown token.")) from None
    case = cases_visible_to_partners().filter(pk=pk).only("tracking_code").first()
    if case is None:
        raise Refusal(404, _("Unknown token."))
    return render.respond(fmt, "service_requests", [{"service_request_id": case.tracking_code, "token": token}])
