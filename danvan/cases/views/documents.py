"""Printable documents of a case (Nghị định 30/2020 layout): the notice of non-acceptance."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from danvan.cases import permissions as case_permissions
from danvan.cases import selectors
from danvan.cases.choices import Status
from danvan.cases.notices import notice_not_accepted
from danvan.core.errors import NotFound
from danvan.org import permissions


@login_required
def case_notice_not_accepted(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        case = selectors.case_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    # A staff document, printed and signed by the handling body before it is sent.
    if case.status != Status.REJECTED or not permissions.user_may(request.user, case_permissions.HANDLE, case):
        raise Http404
    response = HttpResponse(notice_not_accepted(case).html)
    response["Cache-Control"] = "no-store"
    return response
