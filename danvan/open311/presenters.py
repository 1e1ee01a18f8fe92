"""Cases and services as GeoReport v2 records. Only what may be public, unless the caller owns the case.

Never in the output: a tố cáo (not even that it exists), the petitioner's name, phone, email or
address. The content, the place as written, the exact point and the answer to the petitioner go
only to the partner key that submitted the case (scope ``read_own``); everyone else sees the
service, the status, the commune, the body handling it, the dates and a published answer.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from danvan.cases import transitions
from danvan.cases.choices import Status
from danvan.cases.models import Case
from danvan.cases.services.intake import MIN_CONTENT
from danvan.core import clock
from danvan.open311.models import Open311Service

MAX_DESCRIPTION = 4000  # GeoReport v2 request.json: description maxLength
MIN_DESCRIPTION = MIN_CONTENT  # what intake asks of every petition
# Open311 "closed" means fulfilled: an answered feedback item is, for the petitioner, even before
# staff close it as bookkeeping.
OPEN_STATUSES = frozenset(transitions.OPEN - {Status.ANSWERED})


def _iso(moment: dt.datetime | None) -> str | None:
    return clock.local(moment).isoformat(timespec="seconds") if moment else None


def _deadline(due_on: dt.date | None) -> str | None:
    # The legal deadline is a day: the request is expected by the end of it, Vietnam time.
    if due_on is None:
        return None
    return dt.datetime.combine(due_on, dt.time(23, 59, 59), tzinfo=clock.VIETNAM).isoformat(timespec="seconds")


def service_for(case: Case, services: list[Open311Service]) -> Open311Service | None:
    exact = [s for s in services if s.track == case.track and s.topic_id == case.topic_id]
    general = [s for s in services if s.track == case.track and s.topic_id is None]
    matches = exact or general
    return matches[0] if matches else None


def service_record(service: Open311Service) -> dict[str, Any]:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description or None,
        "metadata": True,
        "type": "realtime",
        "keywords": service.keywords or None,
        "group": service.group or None,
    }


def attributes_for(service: Open311Service, *, consent_collected: bool = False) -> list[dict[str, Any]]:
    """The attributes of a service definition: what a client sends (``variable``) and, as the spec's
    informational attributes (``variable: false``), every rule the standard fields must meet, so a
    generic client can tell its user before posting. ``consent`` is required by the personal-data law,
    unless the caller's key records that its partner collects consent under an agreement."""
    consent_note = (
        _("Not needed from your key: your organization collects the petitioner's consent under its agreement.")
        if consent_collected
        else _("Required unless the api_key is registered as collecting consent under the partner's agreement.")
    )
    attributes: list[dict[str, Any]] = [
        {
            "variable": True, "code": "consent", "datatype": "singlevaluelist", "required": not consent_collected,
            "datatype_description": consent_note, "order": 1,
            "description": _("The petitioner agrees that their information is processed to handle this petition "
                             "(Luật Bảo vệ dữ liệu cá nhân 2025)."),
            "values": [{"key": "yes", "name": _("I agree")}],
        },
        {
            "variable": True, "code": "title", "datatype": "string", "required": False,
            "datatype_description": _("At most 200 characters."), "order": 2,
            "description": _("A short title of the petition."),
        },
        {
            "variable": True, "code": "people_count", "datatype": "number", "required": False,
            "datatype_description": _("A whole number from 1 to 10,000."), "order": 3,
            "description": _("How many people send this petition together."),
        },
    ]  # fmt: skip
    if service.track == "pakn":
        attributes.append({
            "variable": True, "code": "anonymous", "datatype": "singlevaluelist", "required": False,
            "datatype_description": None, "order": 4,
            "description": _("Send without a name (no personal answer can then be given)."),
            "values": [{"key": "no", "name": _("No")}, {"key": "yes", "name": _("Yes")}],
        })  # fmt: skip
        name_rule = _("first_name and last_name: required, unless attribute[anonymous] is yes; the answer is "
                      "addressed to this name.")  # fmt: skip
    else:
        name_rule = _("first_name and last_name: required; a complaint cannot be anonymous "
                      "(Luật Khiếu nại 2011, Điều 8).")  # fmt: skip
    rules = [
        ("rule_description", _("description: required, plain text (no HTML), from %(low)s to %(high)s characters.")
         % {"low": MIN_DESCRIPTION, "high": MAX_DESCRIPTION}),
        ("rule_name", name_rule),
        ("rule_contact", _("phone or email: at least one, unless the petition is anonymous, so that the answer "
                           "can be sent; phone is a Vietnamese number, email a valid address.")),
        ("rule_location", _("lat and long (decimal degrees, WGS 84, inside Vietnam), or address_string (the commune "
                            "or ward and the province), or address_id (an administrative unit id): one is required.")),
        ("rule_media", _("media_url is accepted but not fetched: photos are not downloaded from other servers.")),
    ]  # fmt: skip
    for order, (code, text) in enumerate(rules, start=10):
        attributes.append({
            "variable": False, "code": code, "datatype": "text", "required": False,
            "datatype_description": None, "order": order, "description": text,
        })  # fmt: skip
    return attributes


def _rounded(value: Decimal | None, places: str) -> float | None:
    return float(value.quantize(Decimal(places), rounding=ROUND_HALF_UP)) if value is not None else None


def request_record(case: Case, services: list[Open311Service], *, owned: bool) -> dict[str, Any]:
    service = service_for(case, services)
    is_open = case.status in OPEN_STATUSES
    unit = case.place_unit
    public_place = ", ".join(p for p in (unit.name, unit.province.name if unit.province else "") if p) if unit else None
    if owned:
        description: str | None = case.content[:MAX_DESCRIPTION]
        address = case.place_text or public_place
        notes = case.answer_text or case.public_answer or None
        lat, long = _rounded(case.latitude, "0.000001"), _rounded(case.longitude, "0.000001")
    else:
        description, address = None, public_place
        notes = case.public_answer if case.published_at else None
        # Public points are rounded to about 100 m: enough for a map, not enough to find a door.
        lat, long = _rounded(case.latitude, "0.001"), _rounded(case.longitude, "0.001")
    return {
        "service_request_id": case.tracking_code,
        "status": "open" if is_open else "closed",
        "status_notes": notes,
        "service_name": service.name if service else case.get_track_display(),
        "service_code": service.code if service else str(case.track),
        "description": description,
        "agency_responsible": case.handling_organization.name if case.handling_organization else None,
        "service_notice": case.due_explanation or None,
        "requested_datetime": _iso(case.created_at),
        "updated_datetime": _iso(case.closed_at if not is_open and case.closed_at else case.updated_at),
        "expected_datetime": _deadline(case.due_on),
        "address": address,
        "address_id": str(unit.pk) if unit else None,
        "zipcode": None,
        "lat": lat,
        "long": long,
        "media_url": None,
    }
