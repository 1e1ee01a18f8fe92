"""What insight's REST parts share (not a part: no router): the reader with an action, a query parsed by the
pages' forms (an error is 400 ``invalid_query`` naming the API's parameter), a case the caller may open, and a
case as the parts list it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from ninja import Schema

from danvan.cases.models import Case
from danvan.cases.selectors import case_get_for
from danvan.core.errors import NotFound
from danvan.org import permissions
from danvan.rest.auth import ApiError, Principal, staff_actor, staff_user
from danvan.rest.schemas import MAX_ID

INVALID_QUERY = "invalid_query"


def reader(p: Principal, action: str) -> Any:
    """The staff account reading (a session, or a key with ``staff_read``) when one of its roles grants
    ``action`` somewhere; else 403 ``forbidden`` (the pages answer 404: a page has no refusal code)."""
    user = staff_user(p)
    if not permissions.user_may(user, action):
        raise ApiError(403, "forbidden", _("You may not do this."))
    return user


def actor(p: Principal, action: str) -> Any:
    """The staff account acting (a session with its CSRF token, or a key with ``staff_act``) when one of its
    roles grants ``action`` somewhere; else 403 ``forbidden``. The service checks the object itself."""
    user = staff_actor(p)
    if not permissions.user_may(user, action):
        raise ApiError(403, "forbidden", _("You may not do this."))
    return user


def parsed(form: forms.Form, names: dict[str, str]) -> dict[str, Any]:
    """``form``'s cleaned data, or 400 ``invalid_query`` with each error under the API's name of the field
    (``names``: form field → query parameter)."""
    if form.is_valid():
        return form.cleaned_data
    details = {names.get(field, field): " ".join(str(m) for m in messages) for field, messages in form.errors.items()}
    raise ApiError(400, INVALID_QUERY, _("Please correct the marked fields."), details=details)


def case_for(user: Any, case_id: int) -> Case:
    """A case through the cases app's gate: out of range, missing and forbidden all answer the same 404."""
    if not 1 <= case_id <= MAX_ID:
        raise NotFound("case not found")
    return case_get_for(user=user, pk=case_id)


class InsightCase(Schema):
    """A case the caller may open, as insight lists it (no petitioner, no content)."""

    id: int
    tracking_code: str
    kind: str
    status: str
    title: str
    handling_body_id: int | None
    handling_body: str | None
    place_unit_id: int | None
    received_on: dt.date


def case_brief(case: Case) -> dict[str, Any]:
    body = case.handling_organization
    return {"id": case.pk, "tracking_code": case.tracking_code, "kind": case.track, "status": case.status,
            "title": case.title, "handling_body_id": case.handling_organization_id,
            "handling_body": body.name if body is not None else None, "place_unit_id": case.place_unit_id,
            "received_on": case.received_on}  # fmt: skip
