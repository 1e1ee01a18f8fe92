"""In-app notifications: the messages a signed-in citizen or officer received at case milestones."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from danvan.cases.models import Notification
from danvan.core import clock


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(
        recipient_id=request.user.pk, channel=Notification.Channel.IN_APP
    ).select_related("case")
    page = Paginator(mine, 30).get_page(request.GET.get("page"))
    return render(
        request, "web/notifications.html", {"page": page, "unread": mine.filter(read_at__isnull=True).count()}
    )


@login_required
@require_POST
def notification_mark_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True).update(read_at=clock.now())
    return redirect("web:notification_list")


urlpatterns = [
    path("thong-bao/", notification_list, name="notification_list"),
    path("thong-bao/da-doc/", notification_mark_read, name="notification_mark_read"),
]
