"""The commitments part's pages (Chỉ thị 05). Staff: my commitments (register, self-review), one commitment
with its reviews (the head assesses there), my team's commitments for a head, the units' completion and
the late units for heads and dân vận officers (CSV/Excel), posting a body's public service commitments.
Public: a body's public service commitments. Views parse, call one selector or service, render; a page
one may not use answers 404 like one that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.emulation import permissions as emulation_permissions
from danvan.emulation.forms import commitments as f
from danvan.emulation.models import CommitmentYear
from danvan.emulation.rules import commitments as rules
from danvan.emulation.selectors import commitments as selectors
from danvan.emulation.services import commitments as services
from danvan.org import permissions
from danvan.ui.downloads import require_table_format, table_download
from danvan.ui.forms import form_status, save_posted
from danvan.ui.paging import CappedPaginator


def _year(request: HttpRequest) -> CommitmentYear:
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() and len(raw) == 4 else clock.today().year
    row = selectors.commitment_year_get(year) or selectors.commitment_year_current()
    if row is None:
        raise Http404
    return row


# Staff: my commitments ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def commitments_mine(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/thi-dua/cam-ket/``: my commitments of the year and the form to register one."""
    year = _year(request)
    rows = selectors.commitments_of(user=request.user, year=year.year)
    bodies = selectors.cadre_bodies(request.user)
    if not rows and not bodies.exists():
        raise Http404
    form = f.CommitmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_register(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("Your commitment is registered."))
            return redirect("emulation:commitments_mine")
    windows = year.windows()
    context = {
        "year": year, "rows": rows, "form": form, "registration_open": windows.registration_open(clock.today()),
        "full": len(rows) >= year.max_per_person,
        "may_assess": permissions.user_may(request.user, emulation_permissions.COMMITMENT_ASSESS),
        "may_units": permissions.user_may(request.user, emulation_permissions.COMMITMENT_VIEW_UNITS),
        "may_post": permissions.user_may(request.user, emulation_permissions.PUBLIC_COMMITMENT_POST),
    }  # fmt: skip
    return render(request, "emulation/commitments/mine.html", context, status=400 if form.errors else 200)


def _commitment_or_404(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.commitment_get_for(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One commitment with every version of its reviews; its person reviews it, its head assesses."""
    commitment = _commitment_or_404(request, pk)
    own = commitment.person_id == request.user.pk
    may_assess = selectors.assessable(user=request.user, commitment=commitment)
    review_form = f.ReviewForm(None) if own else None
    assess_form, assess_target = None, None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "review" and own:
            review_form = f.ReviewForm(request.POST, request.FILES)
            if review_form.is_valid():
                data = review_form.cleaned_data
                files = [(u.name, u.read()) for u in data["evidence"]]
                try:
                    services.review_submit(user=request.user, commitment=commitment, period=data["period"],
                                           text=data["text"], self_rating=data["self_rating"],
                                           change_reason=data["change_reason"], files=files)  # fmt: skip
                except DomainError as exc:
                    review_form.refused(exc)
                else:
                    messages.success(request, _("Your self-review is saved."))
                    return redirect("emulation:commitment_detail", pk=pk)
        elif action == "withdraw" and own:
            try:
                services.commitment_withdraw(user=request.user, commitment=commitment)
            except DomainError as exc:
                messages.error(request, str(exc.message))
                return redirect("emulation:commitment_detail", pk=pk)
            messages.success(request, _("The commitment is withdrawn."))
            return redirect("emulation:commitments_mine")
        elif action == "assess" and may_assess:
            assess_form = f.AssessForm(request.POST)
            assess_target = request.POST.get("review", "")
            review = next((r for r in commitment.reviews.all() if str(r.pk) == assess_target), None)
            if review is None:
                raise Http404
            if assess_form.is_valid():
                try:
                    services.review_assess(user=request.user, review=review, **assess_form.cleaned_data)
                except DomainError as exc:
                    assess_form.refused(exc)
                else:
                    messages.success(request, _("The assessment is saved; the review is now frozen."))
                    return redirect("emulation:commitment_detail", pk=pk)
        else:
            raise Http404
    reviews = list(commitment.reviews.all())
    latest_ids = {r.pk for r in commitment.latest_reviews.values()}
    context = {
        "c": commitment, "own": own, "reviews": reviews, "latest_ids": latest_ids, "review_form": review_form,
        "may_assess": may_assess, "assess_form": assess_form or f.AssessForm(), "assess_target": assess_target,
        "may_withdraw": own and not reviews and selectors.registration_open(commitment.year),
    }  # fmt: skip
    invalid = (review_form is not None and review_form.errors) or (assess_form is not None and assess_form.errors)
    return render(request, "emulation/commitments/detail.html", context, status=400 if invalid else 200)


@login_required
@require_GET
def commitment_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    try:
        evidence = selectors.evidence_get_for(user=request.user, commitment_pk=pk, pk=file_pk)
    except NotFound as exc:
        raise Http404 from exc
    with evidence.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=evidence.content_type)
    response["Content-Disposition"] = content_disposition_header(True, evidence.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Staff: a head's team, the units ------------------------------------------------------------------------


@login_required
@require_GET
def commitments_team(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/thi-dua/cam-ket/can-bo/``: the commitments a head assesses, with their reviews' state."""
    if not permissions.user_may(request.user, emulation_permissions.COMMITMENT_ASSESS):
        raise Http404
    year = _year(request)
    page = CappedPaginator(selectors.commitments_to_assess(user=request.user, year=year.year), 50).get_page(
        request.GET.get("page")
    )
    rows = selectors.commitments_listed(page.object_list)  # type: ignore[arg-type]
    return render(request, "emulation/commitments/team.html", {"year": year, "page": page, "rows": rows})


def _units(request: HttpRequest) -> tuple[CommitmentYear, bool, list[selectors.UnitRow]]:
    if not permissions.user_may(request.user, emulation_permissions.COMMITMENT_VIEW_UNITS):
        raise Http404
    year = _year(request)
    late_only = request.GET.get("tre") == "1"
    return year, late_only, selectors.units_for(user=request.user, year=year, late_only=late_only)


@login_required
@require_GET
def commitments_units(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/thi-dua/cam-ket/don-vi/``: each unit's completion; ``?tre=1`` the late units only."""
    year, late_only, rows = _units(request)
    labels = {code: _(label) for code, label in selectors.LATE_LABELS.items()}
    page = Paginator(rows, 50).get_page(request.GET.get("page"))  # rows computed per unit: a plain list
    context = {"year": year, "late_only": late_only, "page": page, "labels": labels,
               "late_count": sum(1 for r in rows if r.late)}  # fmt: skip
    return render(request, "emulation/commitments/units.html", context)


@login_required
@require_GET
def commitments_units_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    year, late_only, rows = _units(request)
    header = [_("Unit"), _("Cadres expected"), _("With a commitment"), _("Commitments registered"),
              _("Assessed completed"), _("Registration rate (%)"), _("Completion rate (%)"), _("Late because")]  # fmt: skip
    body = [[r.organization.name, r.figures.expected, r.figures.with_commitment, r.figures.registered,
             r.figures.assessed_completed, r.registration_rate if r.registration_rate is not None else "",
             r.completion_rate if r.completion_rate is not None else "",
             "; ".join(_(selectors.LATE_LABELS[c]) for c in r.late)] for r in rows]  # fmt: skip
    name = f"cam-ket-{year.year}{'-cham' if late_only else ''}.{fmt}"
    return table_download(fmt, header, body, sheet=str(year.year), filename=name)


# Public service commitments ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def public_commitment_new(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/thi-dua/cam-ket/cong-khai/``: a head posts his body's public service commitments."""
    if not permissions.user_may(request.user, emulation_permissions.PUBLIC_COMMITMENT_POST):
        raise Http404
    form = f.PublicCommitmentForm(request.POST or None, user=request.user, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        try:
            row = services.public_commitment_post(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The public service commitments are posted."))
            return redirect("emulation:public_commitments", code=row.organization.code)
    return render(request, "emulation/commitments/public_new.html", {"form": form},
                  status=400 if form.errors else 200)  # fmt: skip


@require_GET
def public_commitments_index(request: HttpRequest) -> HttpResponse:
    """``/cam-ket-phuc-vu/``: the bodies that post public service commitments."""
    page = CappedPaginator(selectors.public_commitment_bodies(), 100).get_page(request.GET.get("page"))
    return render(request, "emulation/commitments/public_index.html", {"page": page})


@require_GET
def public_commitments(request: HttpRequest, code: str) -> HttpResponse:
    """``/cam-ket-phuc-vu/<body code>/``: what a body publicly commits to serve citizens."""
    try:
        org = selectors.public_commitment_body(code)
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "emulation/commitments/public.html",
                  {"org": org, "rows": selectors.public_commitments_of(org)})  # fmt: skip


# A year's settings --------------------------------------------------------------------------------------


def _require_year_editor(request: HttpRequest) -> None:
    if not selectors.may_set_years(request.user):
        raise Http404


def _next_year_initial() -> dict[str, Any]:
    """The new year's form, filled from the latest year's settings moved on by one year."""
    latest = selectors.commitment_years().first()
    year = max(clock.today().year + 1, (latest.year + 1) if latest else 0)
    initial: dict[str, Any] = {"year": year, "max_per_person": 2}
    if latest is not None:
        shift = year - latest.year
        initial["max_per_person"] = latest.max_per_person
        initial["source"] = latest.source
        for name in services.YEAR_DATES:
            day = getattr(latest, name)
            try:
                initial[name] = day.replace(year=day.year + shift)
            except ValueError:  # 29/02
                initial[name] = day.replace(year=day.year + shift, day=28)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def commitment_years(request: HttpRequest) -> HttpResponse:
    _require_year_editor(request)
    form = f.CommitmentYearNewForm(request.POST or None, initial=_next_year_initial())
    if saved := save_posted(request, form, lambda: services.commitment_year_create(user=request.user,
                                                                                  **form.cleaned_data)):  # fmt: skip
        messages.success(request, _("The settings of %(year)s are saved.") % {"year": saved.result.year})
        return redirect("emulation:commitment_years")
    today = clock.today()
    rows = [(row, not rules.year_settings_frozen(row.windows(), today)) for row in selectors.commitment_years()]
    return render(request, "emulation/commitments/years.html", {"form": form, "rows": rows},
                  status=form_status(form))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def commitment_year_edit(request: HttpRequest, year: int) -> HttpResponse:
    _require_year_editor(request)
    try:
        row = selectors.commitment_year_get_or_404(year)
    except NotFound:
        raise Http404 from None
    initial = {name: getattr(row, name) for name in (*services.YEAR_DATES, "max_per_person", "source")}
    form = f.CommitmentYearForm(request.POST or None, initial=initial)
    if save_posted(request, form, lambda: services.commitment_year_update(user=request.user, row=row,
                                                                          **form.cleaned_data)):  # fmt: skip
        messages.success(request, _("The settings of %(year)s are saved.") % {"year": row.year})
        return redirect("emulation:commitment_years")
    frozen = rules.year_settings_frozen(row.windows(), clock.today())
    return render(request, "emulation/commitments/year_edit.html", {"form": form, "row": row, "frozen": frozen},
                  status=form_status(form))  # fmt: skip
