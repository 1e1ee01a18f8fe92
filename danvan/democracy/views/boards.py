"""The boards' pages. Staff (the commune Front): the boards, a board with its members, plans,
inspections, reports and recommendations, and their forms; the addressed body's list of
recommendations to answer. Public: a commune's boards (names and roles, never contacts) and the form
that sends the Ban TTND what a citizen saw, through cases' own intake flow and receipt.

Thin: forms parse, ``services.boards`` decides, ``selectors.boards`` reads.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from danvan.cases.enums import Channel
from danvan.cases.views.intake import Intake, petition_flow
from danvan.cases.views.public import PUBLIC_INTAKE
from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.democracy.enums import BoardKind
from danvan.democracy.forms import boards as forms
from danvan.democracy.models import BoardMember, Recommendation, Village
from danvan.democracy.permissions import ANSWER_RECOMMENDATIONS, MANAGE_BOARDS
from danvan.democracy.selectors import boards as selectors
from danvan.democracy.selectors.communes import FRONT_KIND, commune_by_code
from danvan.democracy.services import boards as services
from danvan.org.models import AdministrativeUnit, Organization
from danvan.org.permissions import scope_filter, user_may
from danvan.ui import limits


def _board(request: HttpRequest, pk: int) -> Any:
    board = selectors.board_for(request.user, pk)
    if board is None:
        raise Http404
    return board


def _communes(user: Any) -> list[AdministrativeUnit]:
    fronts = Organization.objects.filter(scope_filter(user, MANAGE_BOARDS), kind__code=FRONT_KIND,
                                         unit__level="commune", is_active=True)  # fmt: skip
    return list(AdministrativeUnit.objects.filter(pk__in=fronts.values("unit_id")).order_by("name")[:500])


@login_required
def board_list(request: HttpRequest) -> HttpResponse:
    if not user_may(request.user, MANAGE_BOARDS):
        raise HttpForbidden
    boards = [selectors.board_state(b) for b in selectors.boards_for(request.user).prefetch_related("members")[:200]]
    return render(request, "democracy/boards/list.html", {"states": boards})


def _member_inputs(formset: Any) -> list[services.MemberInput]:
    """The members of a formset that is valid as a whole (``board_new`` checks it first); empty rows are
    left out."""
    found = []
    for f in formset:
        data = f.cleaned_data
        if (data.get("full_name") or "").strip():
            found.append(services.MemberInput(
                full_name=data["full_name"], village_id=data.get("village"), role=data.get("role") or "member",
                is_commune_staff=data.get("is_commune_staff", False),
                is_village_official=data.get("is_village_official", False),
                is_project_related=data.get("is_project_related", False),
            ))  # fmt: skip
    return found


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def board_new(request: HttpRequest) -> HttpResponse:
    """Set up a board: choose the commune and kind (GET), then its dates and members."""
    if not user_may(request.user, MANAGE_BOARDS):
        raise HttpForbidden
    communes = _communes(request.user)
    source = request.POST if request.method == "POST" else request.GET
    commune = next((c for c in communes if str(c.code) == source.get("xa", "")), None)
    kind = source.get("kind") if source.get("kind") in BoardKind.__members__.values() else ""
    context: dict[str, Any] = {"communes": communes, "commune": commune, "kind": kind}
    if commune is None or not kind:
        return render(request, "democracy/boards/new.html", context)
    villages = list(Village.objects.filter(commune=commune, is_active=True).order_by("code").values_list("pk", "name"))
    rows = services.rules.ttnd_seats(len(villages)) if kind == BoardKind.TTND else services.rules.BOARD_MIN_MEMBERS + 2
    initial = [{"village": pk} for pk, _name in villages] if kind == BoardKind.TTND else []
    initial += [{}] * (rows - len(initial))
    status = 200
    if request.method == "POST":
        form = forms.BoardForm(request.POST)
        formset = forms.MemberFormSet(request.POST, prefix="m", form_kwargs={"villages": villages})
        members_ok = formset.is_valid()  # a bad member row refuses the whole form: nothing half-stored
        if not members_ok:
            form.is_valid()
            form.add_error(None, _("Correct the marked member rows; nothing was stored."))
        elif form.is_valid():
            d = form.cleaned_data
            try:
                if kind == BoardKind.TTND:
                    if d["term_ends_on"] is None:
                        raise DomainError(_("Give the date the term ends."), code="required")
                    board = services.board_ttnd_create(
                        actor=request.user, commune=commune, established_on=d["established_on"],
                        term_ends_on=d["term_ends_on"], members=_member_inputs(formset), name=d["name"],
                    )  # fmt: skip
                else:
                    board = services.board_gsdtcd_create(
                        actor=request.user, commune=commune, project=d["project"], project_owner=d["project_owner"],
                        established_on=d["established_on"], members=_member_inputs(formset), name=d["name"],
                    )  # fmt: skip
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("The board was set up."))
                return redirect("democracy:board_detail", board.pk)
        status = 400
    else:
        form = forms.BoardForm(initial={"kind": kind, "established_on": clock.today()})
        formset = forms.MemberFormSet(prefix="m", initial=initial, form_kwargs={"villages": villages})
    context.update(form=form, formset=formset)
    return render(request, "democracy/boards/new.html", context, status=status)


@login_required
@never_cache
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = _board(request, pk)
    today = clock.today()
    villages = list(Village.objects.filter(commune=board.commune).order_by("code").values_list("pk", "name"))
    context = {
        "state": selectors.board_state(board),
        "board": board,
        "ended": board.members.filter(ended_on__isnull=False).select_related("village"),
        "plans": board.plans.order_by("-year", "period", "-number"),
        "inspections": board.inspections.all(),
        "reports": board.reports.order_by("-sent_on"),
        "recommendations": selectors.recommendations(board),
        "member_form": forms.MemberForm(villages=villages, prefix="add"),
        "end_form": forms.MemberEndForm(initial={"ended_on": today}, prefix="end"),
        "plan_form": forms.PlanForm(initial={"year": today.year}, prefix="plan"),
        "report_form": forms.ReportForm(initial={"year": today.year, "sent_on": today}, prefix="report"),
        "inspection_form": forms.InspectionForm(initial={"starts_on": today}, prefix="insp"),
        "recommendation_form": forms.RecommendationForm(
            bodies=selectors.answer_bodies(board), initial={"sent_on": today}, prefix="rec"
        ),
    }
    return render(request, "democracy/boards/detail.html", context)


def _act(request: HttpRequest, board: Any, form: Any, call: Any, done: str) -> HttpResponse:
    """Run one staff action from a POSTed form; the refusal goes back as a message, nothing stored."""
    if not form.is_valid():
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errs)}" if label else " ".join(errs))
    else:
        try:
            call(form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, done)
    return redirect("democracy:board_detail", board.pk)


@login_required
@require_POST
def board_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    board = _board(request, pk)
    user = request.user
    form: Any
    if action == "member-add":
        villages = list(Village.objects.filter(commune=board.commune).values_list("pk", "name"))
        form = forms.MemberForm(request.POST, villages=villages, prefix="add")
        return _act(request, board, form, lambda d: services.member_add(
            actor=user, board=board, on=clock.today(), member=services.MemberInput(
                full_name=d["full_name"], village_id=d.get("village"), role=d["role"],
                is_commune_staff=d["is_commune_staff"], is_village_official=d["is_village_official"],
                is_project_related=d["is_project_related"])), _("The member was added."))  # fmt: skip
    if action == "member-end":
        form = forms.MemberEndForm(request.POST, prefix="end")

        def end(d: dict[str, Any]) -> Any:
            member = BoardMember.objects.filter(board=board, pk=d["member"]).first()
            if member is None:
                raise DomainError(_("No such member."), code="not_in_scope")
            return services.member_end(actor=user, member=member, on=d["ended_on"], reason=d["reason"])

        return _act(request, board, form, end, _("The member's seat was ended."))
    if action == "plan":
        return _act(request, board, forms.PlanForm(request.POST, prefix="plan"),
                    lambda d: services.plan_save(actor=user, board=board, **d), _("The plan was saved."))  # fmt: skip
    if action == "report":
        return _act(request, board, forms.ReportForm(request.POST, prefix="report"),
                    lambda d: services.report_send(actor=user, board=board, **d), _("The report was recorded."))  # fmt: skip
    if action == "inspection":
        return _act(request, board, forms.InspectionForm(request.POST, prefix="insp"),
                    lambda d: services.inspection_record(actor=user, board=board, **d),
                    _("The inspection was recorded."))  # fmt: skip
    if action == "recommendation":
        form = forms.RecommendationForm(request.POST, bodies=selectors.answer_bodies(board), prefix="rec")
        return _act(request, board, form, lambda d: services.recommendation_send(actor=user, board=board, **d),
                    _("The recommendation was sent."))  # fmt: skip
    if action == "dissolve":
        try:
            services.board_dissolve(actor=user, board=board, on=clock.today())
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The board was dissolved."))
        return redirect("democracy:board_detail", board.pk)
    if action == "close":
        rec = Recommendation.objects.filter(board=board, pk=request.POST.get("recommendation") or 0).first()
        if rec is None:
            raise Http404
        try:
            services.recommendation_close(actor=user, recommendation=rec)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The recommendation was closed."))
        return redirect("democracy:board_detail", board.pk)
    raise Http404


@login_required
def recommendation_inbox(request: HttpRequest) -> HttpResponse:
    if not user_may(request.user, ANSWER_RECOMMENDATIONS):
        raise HttpForbidden
    show_all = request.GET.get("tat-ca") == "1"
    rows = selectors.recommendation_inbox(request.user, open_only=not show_all)
    return render(request, "democracy/boards/inbox.html", {"rows": rows, "show_all": show_all})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def recommendation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.recommendation_for_answer(request.user, pk)
    if rec is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = forms.AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.recommendation_answer(actor=request.user, recommendation=rec,
                                               answer=form.cleaned_data["answer"], on=form.cleaned_data["answered_on"])  # fmt: skip
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Your answer was recorded."))
                return redirect("democracy:recommendation_inbox")
        status = 400
    else:
        form = forms.AnswerForm(initial={"answered_on": clock.today()})
    rec.overdue = selectors.is_overdue(rec)  # type: ignore[attr-defined]
    return render(request, "democracy/boards/answer.html", {"rec": rec, "form": form}, status=status)


# --- public -------------------------------------------------------------------------------------------


def _commune(code: str) -> AdministrativeUnit:
    commune = commune_by_code(code)
    if commune is None:
        raise Http404
    return commune


def public_boards(request: HttpRequest, code: str) -> HttpResponse:
    commune = _commune(code)
    context = {"commune": commune, "boards": selectors.public_boards(commune),
               "ttnd": selectors.public_ttnd(commune)}  # fmt: skip
    return render(request, "democracy/boards/public_list.html", context)


def public_board(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    commune = _commune(code)
    board = selectors.public_board(commune, pk)
    if board is None:
        raise Http404
    context = {"commune": commune, "b": board, "ttnd": selectors.public_ttnd(commune)}
    return render(request, "democracy/boards/public_board.html", context)


@never_cache
@csrf_exempt  # checked by cases' petition_flow once the size of the request is known (as cases' own form)
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def public_report(request: HttpRequest, code: str) -> HttpResponse:
    """What a citizen saw, sent to the commune's Ban TTND: cases' own form, flow, checks and receipt."""
    commune = _commune(code)
    board = selectors.public_ttnd(commune)
    if board is None:
        raise Http404
    if request.method == "POST":
        refused = limits.attempt(request, "case_submit")
        if refused is not None:
            return refused
    form_class = forms.board_report_form(commune.pk, services.REPORT_TOPIC)
    form_class.board_context = {"commune": commune, "board": board}  # type: ignore[attr-defined]
    intake = Intake(form_class, Channel.WEB, "democracy/boards/public_report.html", PUBLIC_INTAKE.receipt,
                    PUBLIC_INTAKE.session_key, consent_text=PUBLIC_INTAKE.consent_text, limit=PUBLIC_INTAKE.limit)  # fmt: skip
    return petition_flow(request, intake)
