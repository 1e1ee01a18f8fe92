"""Early warnings' pages: the list of the alerts in the reader's scope, and one alert with its figures, the
cases behind it that the reader may open, and what is being done about it.

Thin: parse, call one service or selector, render. An alert outside the reader's scope answers 404, like
one that does not exist."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.errors import NotFound
from danvan.insight import permissions as insight_permissions
from danvan.insight.forms.alerts import AlertFilterForm, AlertStatusForm
from danvan.insight.models import Alert
from danvan.insight.selectors import alerts as selectors
from danvan.insight.services import alerts as services
from danvan.org import permissions
from danvan.ui.forms import form_status, save_posted
from danvan.ui.paging import CappedPaginator


@login_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, insight_permissions.VIEW_ALERTS):
        raise Http404
    filters = AlertFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_bound and filters.is_valid() else ""
    page = CappedPaginator(selectors.alerts_for(user=request.user, status=status), 25).get_page(request.GET.get("page"))
    return render(request, "insight/alerts/list.html", {"filters": filters, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        alert = selectors.alert_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    form = AlertStatusForm(request.POST or None, initial={"status": alert.status, "note": alert.status_note})

    def save() -> object:
        return services.alert_set_status(
            actor=request.user, alert_id=alert.pk, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )

    if save_posted(request, form, save):
        messages.success(request, _("Saved."))
        return redirect("insight:alert_detail", pk=alert.pk)
    behind = selectors.alert_cases_for(user=request.user, alert=alert)
    cases = CappedPaginator(behind.shown, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "insight/alerts/detail.html",
        {
            "alert": alert,
            "form": form,
            "cases": cases,
            "hidden": behind.hidden,
            "topic_name": selectors.alert_topic_name(alert),
            **_warnings_context(alert),
        },
        status=form_status(form),
    )


# --- warnings ---
FIGURE_LABELS = {
    "observed": _lazy("Observed"), "expected": _lazy("Expected from its own history"),
    "probability": _lazy("Chance of so many (or more)"), "dispersion": _lazy("Overdispersion (1 = Poisson)"),
    "window_days": _lazy("Days tested"), "history_days": _lazy("Days of history"), "from": _lazy("From"),
    "to": _lazy("To"), "weeks": _lazy("Weeks read"), "people": _lazy("People"), "received_at": _lazy("Received at"),
    "crowds_on_matter": _lazy("Crowds on this matter in three months"), "cases": _lazy("Petitions"),
    "threshold_people": _lazy("People from which it is raised"),
    "recent_people": _lazy("People who joined in the last days"), "recent_days": _lazy("Days counted as recent"),
}  # fmt: skip


def _warnings_context(alert: Alert) -> dict[str, object]:
    """The alert's figures with their names, and for a surge or recurring matter the chart of its series."""
    from danvan.insight.selectors.warnings import alert_series
    from danvan.ui import charts

    def shown(name: str, value: object) -> object:
        if name in ("from", "to") and isinstance(value, str):
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        return value

    figures = [(FIGURE_LABELS.get(name, name), shown(name, value))
               for name, value in selectors.alert_figures(alert).items()]  # fmt: skip
    end = alert.figures.get("to")
    series = alert_series(alert.key, end=dt.date.fromisoformat(end), days=63) if isinstance(end, str) else None
    chart = None
    if series:
        points = [charts.TrendPoint(day.strftime("%d/%m"), n) for day, n in series]
        chart = charts.trend_lines(points, title=_("Cases per day"), max_value=max([n for _d, n in series] + [1]))
    return {"figures": figures, "series_chart": chart}
