"""In-app notifications: the messages a signed-in citizen or officer received, and marking them read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.core.errors import NotFound
from danvan.core.parsing import object_id
from danvan.notifications import selectors, services

LIST = "notifications:notification_list"


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    inbox = selectors.notification_inbox(user=request.user, page=request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": inbox.page, "unread": inbox.unread})


@login_required
@require_POST
def notification_mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification read (``notification``: its id) or, without one, all of them."""
    chosen = request.POST.get("notification", "")
    if not chosen:
        services.notifications_mark_all_read(user=request.user)
        return redirect(LIST)
    notification_id = object_id(chosen)
    if notification_id is None:
        raise Http404
    try:
        services.notification_mark_read(user=request.user, notification_id=notification_id)
    except NotFound as exc:
        raise Http404 from exc
    return redirect(LIST)
