"""Commendation's staff pages: the proposals (filtered by year and status), a proposal's page with its
council's opinions and the decision form, the printable decision (NĐ 30/2020 or, for a Party body's
decision, the Party layout of Hướng dẫn 05-HD/VPTW), the printable list of a year's commendations, and
the criticism and discipline records.

Thin: parse, call one service or selector, render. A page one may not use answers 404, like one that
does not exist; a refused change shows its message on the page, nothing stored."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound
from danvan.emulation import permissions as ep
from danvan.emulation.forms.commendation import (
    AuthorityEditForm,
    AuthorityForm,
    CommendationFormAddForm,
    CommendationFormRenameForm,
    DecisionForm,
    DeclineForm,
    DisciplineCorrectForm,
    DisciplineForm,
    DisciplineWithdrawForm,
    OpinionForm,
    ProposalForm,
    SeatForm,
    YearForm,
)
from danvan.emulation.rules import commendation as rules
from danvan.emulation.selectors import commendation as selectors
from danvan.emulation.services import commendation as services
from danvan.org import permissions
from danvan.ui.forms import form_status, save_posted
from danvan.ui.paging import CappedPaginator


def _found(call: Any, **kwargs: Any) -> Any:
    try:
        return call(**kwargs)
    except NotFound:
        raise Http404 from None


def _works_on_commendations(request: HttpRequest) -> None:
    user = request.user
    if not (permissions.user_may(user, ep.COMMENDATION_VIEW) or permissions.user_may(user, ep.COMMENDATION_OPINE)):
        raise Http404


@login_required
@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    _works_on_commendations(request)
    filters = YearForm(request.GET or None)
    year, status = None, ""
    if filters.is_valid():
        year, status = filters.cleaned_data["nam"], filters.cleaned_data["trang_thai"]
    proposals = selectors.proposals_for(request.user, status=status)
    if year:
        proposals = proposals.filter(proposed_on__year=year) if status != "decided" else proposals.filter(
            decided_on__year=year)  # fmt: skip
    page = CappedPaginator(proposals, 25).get_page(request.GET.get("page"))
    return render(request, "emulation/commendation/list.html", {
        "page": page, "filters": filters, "year": year or clock.today().year,
        "may_propose": permissions.user_may(request.user, ep.COMMENDATION_PROPOSE),
        "may_see_authorities": permissions.user_may(request.user, ep.COMMENDATION_DECIDE),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, ep.COMMENDATION_PROPOSE):
        raise Http404
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "GET":
        form.prefill_model(request.GET.get("mo_hinh", ""))  # dvk's "propose a commendation" link

    def create() -> Any:
        data = form.cleaned_data
        return services.proposal_create(actor=request.user, organization=data["organization"],
                                        achievements=data["achievements"], form=data["form"], level=data["level"],
                                        **form.subject())  # fmt: skip

    if saved := save_posted(request, form, create):
        messages.success(request, _("The proposal is recorded. The deciding level convenes its council."))
        return redirect("emulation:commendation_detail", saved.result.pk)
    return render(request, "emulation/commendation/propose.html", {"form": form}, status=form_status(form))


def _detail(request: HttpRequest, pk: int, *, status: int = 200, **forms: Any) -> HttpResponse:
    proposal = _found(selectors.proposal_for, user=request.user, pk=pk)
    user = request.user
    may_decide = proposal.status == rules.Status.PROPOSED and permissions.user_may(
        user, ep.COMMENDATION_DECIDE, proposal
    )
    seat = selectors.seat_of(user, proposal)
    context = {
        "proposal": proposal,
        "council": selectors.council_summary(proposal),
        "seat": seat,
        "may_decide": may_decide,
        "min_opinions": rules.MIN_COUNCIL_OPINIONS,
        "opinion_form": forms.get("opinion_form") or (OpinionForm(initial={"opinion": seat.opinion, "reason": seat.reason})
                                                      if seat else None),
        "seat_form": forms.get("seat_form") or (SeatForm(user=user) if may_decide else None),
        "decision_form": forms.get("decision_form") or (DecisionForm(user=user, initial={
            "form": proposal.proposed_form, "level": proposal.proposed_level}) if may_decide else None),
        "decline_form": forms.get("decline_form") or (DeclineForm(user=user) if may_decide else None),
    }  # fmt: skip
    return render(request, "emulation/commendation/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _act_on_proposal(request: HttpRequest, pk: int, form_class: Any, service: Any, *, done: str,
                     key: str, with_user: bool = True) -> HttpResponse:  # fmt: skip
    """A POST on the proposal's page: the proposal first (404 for one not readable), then the form, then the
    service; a refusal shows its message on the page (400), nothing stored."""
    proposal = _found(selectors.proposal_for, user=request.user, pk=pk)
    form = form_class(request.POST, user=request.user) if with_user else form_class(request.POST)
    if save_posted(request, form, lambda: service(actor=request.user, proposal=proposal, **form.cleaned_data)):
        messages.success(request, done)
        return redirect("emulation:commendation_detail", pk)
    return _detail(request, pk, status=400, **{key: form})


@login_required
@require_POST
def seat(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_proposal(request, pk, SeatForm, services.council_seat, key="seat_form",
                            done=_("The member has a seat on the council."))  # fmt: skip


@login_required
@require_POST
def opinion(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_proposal(request, pk, OpinionForm, services.council_opinion, key="opinion_form", with_user=False,
                            done=_("Your opinion is recorded."))  # fmt: skip


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_proposal(request, pk, DecisionForm, services.proposal_decide, key="decision_form",
                            done=_("The commendation is decided."))  # fmt: skip


@login_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_proposal(request, pk, DeclineForm, services.proposal_decline, key="decline_form",
                            done=_("The proposal is closed: not commended."))  # fmt: skip


def _header(body: Any, day: Any) -> dict[str, Any]:
    parent = body.parent
    return {"body_name": body.name, "parent_name": parent.name if parent else "", "place": body.unit.name if body.unit_id
            else "", "day": day}  # fmt: skip


@login_required
@require_GET
def print_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision, printable: NĐ 30/2020 (Phụ lục I) for a state body, the Party layout for a Party body."""
    proposal = _found(selectors.proposal_for, user=request.user, pk=pk)
    if proposal.status != rules.Status.DECIDED:
        raise Http404
    body = proposal.deciding_organization
    party = proposal.document_family == rules.DocumentFamily.PARTY
    context = {"proposal": proposal, "council": selectors.council_summary(proposal), "party": party,
               "number_text": proposal.decision_number, **_header(body, proposal.decided_on)}  # fmt: skip
    return render(request, "emulation/commendation/print_decision.html", context)


@login_required
@require_GET
def print_list(request: HttpRequest) -> HttpResponse:
    """The year's commendations the user reads, as a list in the NĐ 30/2020 layout (no number: a register)."""
    _works_on_commendations(request)
    filters = YearForm(request.GET or None)
    year = (filters.cleaned_data["nam"] if filters.is_valid() else None) or clock.today().year
    rows = list(selectors.decided_in_year(request.user, year)[:500])
    body = next(iter(selectors.proposing_units_for(request.user)), None) or (
        rows[0].deciding_organization if rows else None
    )
    context = {
        "rows": rows,
        "year": year,
        "no_number": True,
        **(_header(body, clock.today()) if body else {"day": clock.today()}),
    }
    return render(request, "emulation/commendation/print_list.html", context)


# Criticism and discipline -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def discipline_list(request: HttpRequest) -> HttpResponse:
    """One's own records, and those of the units where one is the head; the form for those who decide."""
    may_record = permissions.user_may(request.user, ep.DISCIPLINE_RECORD)
    form = DisciplineForm(request.POST or None, user=request.user) if may_record else None
    if request.method == "POST" and form is None:
        raise Http404
    if form is not None and (
        saved := save_posted(request, form, lambda: services.discipline_record(actor=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("The record is stored."))
        return redirect("emulation:discipline_detail", saved.result.pk)
    page = CappedPaginator(selectors.discipline_for(request.user, current=True), 25).get_page(request.GET.get("page"))
    return render(request, "emulation/commendation/discipline_list.html", {"page": page, "form": form},
                  status=form_status(form))  # fmt: skip


def _discipline_page(request: HttpRequest, pk: int, *, status: int = 200,
                     withdraw_form: DisciplineWithdrawForm | None = None) -> HttpResponse:  # fmt: skip
    record = _found(selectors.discipline_record_for, user=request.user, pk=pk)
    may_change = record.status == rules.DisciplineStatus.IN_FORCE and permissions.user_may(
        request.user, ep.DISCIPLINE_RECORD, record
    )
    context = {
        "record": record,
        "versions": selectors.discipline_versions(request.user, record),
        "may_change": may_change,
        "withdraw_form": withdraw_form or (DisciplineWithdrawForm() if may_change else None),
    }
    return render(request, "emulation/commendation/discipline_detail.html", context, status=status)


@login_required
@require_GET
def discipline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _discipline_page(request, pk)


@login_required
@require_POST
def discipline_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    record = _found(selectors.discipline_record_for, user=request.user, pk=pk)
    if not permissions.user_may(request.user, ep.DISCIPLINE_RECORD, record):
        raise Http404  # the person himself reads his record; he does not withdraw it
    form = DisciplineWithdrawForm(request.POST)
    if save_posted(request, form, lambda: services.discipline_withdraw(actor=request.user, record=record,
                                                                       **form.cleaned_data)):  # fmt: skip
        messages.success(request, _("The record is withdrawn."))
        return redirect("emulation:discipline_detail", pk)
    return _discipline_page(request, pk, status=400, withdraw_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def discipline_correct(request: HttpRequest, pk: int) -> HttpResponse:
    record = _found(selectors.discipline_record_for, user=request.user, pk=pk)
    if not permissions.user_may(request.user, ep.DISCIPLINE_RECORD, record):
        raise Http404
    initial = {"form": record.form, "decision_number": record.decision_number, "decided_on": record.decided_on,
               "deciding_organization": record.deciding_organization, "ground": record.ground,
               "case_tracking_code": record.ground_tracking_code}  # fmt: skip
    form = DisciplineCorrectForm(request.POST or None, user=request.user, record=record, initial=initial)
    if saved := save_posted(request, form, lambda: services.discipline_correct(actor=request.user, record=record,
                                                                               **form.cleaned_data)):  # fmt: skip
        messages.success(request, _("The correction is stored as a new version; the old one is kept."))
        return redirect("emulation:discipline_detail", saved.result.pk)
    return render(request, "emulation/commendation/discipline_correct.html", {"record": record, "form": form},
                  status=form_status(form))  # fmt: skip


# The forms and who gives which form (national rule tables: core.reference_data) ------------------------------------------


def _manager(request: HttpRequest) -> None:
    if not selectors.may_manage_forms(request.user):
        raise Http404


def _saved(request: HttpRequest, form: Form, call: Any, done: str, /, **kwargs: Any) -> bool:
    """Save the posted form through the service ``call`` with its data; True when stored (its message
    queued), else the refusal is on the form."""
    if save_posted(request, form, lambda: call(actor=request.user, **kwargs, **form.cleaned_data)):
        messages.success(request, done)
        return True
    return False


@login_required
@require_http_methods(["GET", "POST"])
def forms_manage(request: HttpRequest) -> HttpResponse:
    """The forms of commendation and discipline: add one; rename or retire one (its own POST targets)."""
    _manager(request)
    form = CommendationFormAddForm(request.POST or None)
    if _saved(request, form, services.form_add, _("The form is added.")):
        return redirect("emulation:commendation_forms")
    return render(request, "emulation/commendation/forms.html", {"form": form, "forms": selectors.all_forms()},
                  status=form_status(form))  # fmt: skip


@login_required
@require_POST
def form_rename(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    target = _found(selectors.form_get, pk=pk)
    form = CommendationFormRenameForm(request.POST)
    if _saved(request, form, services.form_rename, _("The form is renamed."), form=target):
        return redirect("emulation:commendation_forms")
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return redirect("emulation:commendation_forms")


@login_required
@require_POST
def form_retire(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    target = _found(selectors.form_get, pk=pk)
    try:
        services.form_retire(actor=request.user, form=target)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The form is retired: it can no longer be proposed."))
    return redirect("emulation:commendation_forms")


@login_required
@require_http_methods(["GET", "POST"])
def authorities(request: HttpRequest) -> HttpResponse:
    """Who gives which form: read by those who decide, kept by those holding the table's model permission."""
    may_edit = selectors.may_manage_authorities(request.user)
    if not may_edit and not permissions.user_may(request.user, ep.COMMENDATION_DECIDE):
        raise Http404
    if request.method == "POST" and not may_edit:
        raise Http404
    form = AuthorityForm(request.POST or None) if may_edit else None
    if form is not None and _saved(request, form, services.authority_add, _("The rule is saved.")):
        return redirect("emulation:commendation_authorities")
    context = {"form": form, "rows": selectors.authorities(), "may_edit": may_edit, "today": clock.today()}
    return render(request, "emulation/commendation/authorities.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def authority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not selectors.may_manage_authorities(request.user):
        raise Http404
    row = _found(selectors.authority_get, pk=pk)
    initial = {"source": row.source, "valid_from": row.valid_from, "valid_to": row.valid_to, "verified": row.verified}
    form = AuthorityEditForm(request.POST or None, initial=initial)
    if _saved(request, form, services.authority_update, _("The rule is saved."), row=row):
        return redirect("emulation:commendation_authorities")
    return render(request, "emulation/commendation/authority_edit.html", {"form": form, "row": row},
                  status=form_status(form))  # fmt: skip
