"""The counter entry: an officer who takes petitions types one handed in on paper, with the scan of
the signed petition, and prints the receipt for the citizen. The same flow as the public form
(``views.intake``), behind the counter-intake permission."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Channel
from danvan.cases.forms.counter import COUNTER_CONSENT_TEXT, CounterPetitionForm
from danvan.cases.forms.public import CONSENT_TEXT
from danvan.cases.views.intake import Intake, petition_flow, receipt
from danvan.org import permissions

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
    """An officer enters a petition handed in at the counter, with the scan of the signed petition."""
    _require_counter(request)
    return petition_flow(request, COUNTER_INTAKE)


@never_cache
@login_required
def case_counter_receipt(request: HttpRequest) -> HttpResponse:
    _require_counter(request)
    return receipt(request, session_key=COUNTER_RECEIPT, counter=True)
