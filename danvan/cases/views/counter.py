"""The counter entry: a clerk who takes petitions types one handed in on paper, with the scan of the
signed petition, and prints the receipt for the citizen. The same flow as the public form
(``views.intake``), behind the counter-intake permission (clerks, handlers, heads)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Channel
from danvan.cases.forms.counter import COUNTER_CONSENT_TEXT, CounterPetitionForm
from danvan.cases.forms.public import CONSENT_TEXT
from danvan.cases.receipts import counter_receipt_facts
from danvan.cases.views.intake import Intake, petition_flow, private
from danvan.core.errors import NotFound
from danvan.org import permissions
from danvan.ui.qr import qr_svg

COUNTER_RECEIPT = "cases_counter_receipt"


def _consent_text() -> str:
    # What the citizen was read, and the officer's statement that they agreed to it.
    return f"{CONSENT_TEXT}\n{COUNTER_CONSENT_TEXT}"


COUNTER_INTAKE = Intake(CounterPetitionForm, Channel.COUNTER, "cases/staff/counter_entry.html",
                        "cases:case_counter_receipt", COUNTER_RECEIPT, consent_text=_consent_text)  # fmt: skip


def _require_counter(request: HttpRequest) -> None:
    if not permissions.user_may(request.user, case_permissions.COUNTER_INTAKE):
        raise Http404


@never_cache
@csrf_exempt  # checked by intake.petition_flow once the size of the request is known
@login_required
@require_http_methods(["GET", "POST"])
def case_counter(request: HttpRequest) -> HttpResponse:
    """A clerk enters a petition handed in at the counter, with the scan of the signed petition."""
    _require_counter(request)
    return petition_flow(request, COUNTER_INTAKE)


@never_cache
@login_required
def case_counter_receipt(request: HttpRequest) -> HttpResponse:
    """The receipt to print, once (like the citizen's: the private link's secret is shown only now), on A4
    or on an 80 mm receipt printer (the clerk picks the format on the page; print CSS does the rest)."""
    _require_counter(request)
    data = request.session.pop(COUNTER_RECEIPT, None)
    context: dict[str, Any] = {"receipt": None}
    if data and data.get("case_id"):
        try:
            context["receipt"] = counter_receipt_facts(user=request.user, case_id=int(data["case_id"]))
        except NotFound:
            raise Http404 from None
        context["again"] = bool(data.get("again"))
        case_url = request.build_absolute_uri(reverse("cases:case_track", args=[data["code"]]))
        if data.get("token"):
            context["secret"] = data["token"]
            context["private_link"] = f"{case_url}?{urlencode({'k': data['token']})}"
            context["link_qr"] = qr_svg(context["private_link"], title="Mã QR đường dẫn riêng của hồ sơ")
        context["lookup_url"] = request.build_absolute_uri(reverse("cases:case_lookup"))
    return private(render(request, "cases/staff/counter_receipt.html", context))
