"""The decisions part's pages. Staff (``/van-hanh/dan-chu/quyet-dinh/``): the list, proposing, one
matter with its rounds, where it stands and the form of its next step, the printable record. Public
(``/dan-chu/quyet-dinh/``): a commune's decided matters and one matter's results as numbers over all
households (no names). Views parse, call and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.democracy import choices, rules
from danvan.democracy.enums import DecisionItem, Form, Scope, VoteRoundStatus
from danvan.democracy.forms import decisions as f
from danvan.democracy.models import DecisionRecord, Household, Matter, Village
from danvan.democracy.permissions import RECOGNISE, RUN_DECISIONS
from danvan.democracy.selectors import decisions as selectors
from danvan.democracy.selectors.communes import commune_by_code, commune_committee
from danvan.democracy.services import decisions as services
from danvan.org import permissions

_KEY_SECONDS = 24 * 3600


def _villages(user: Any) -> Any:
    return (
        Village.objects.filter(is_active=True)
        .filter(permissions.scope_filter(user, RUN_DECISIONS, "organization"))
        .select_related("commune")
    )


def _matter(user: Any, pk: int) -> Matter:
    try:
        matter = selectors.matter_get(pk)
    except NotFound:
        raise Http404 from None
    body = selectors.recognising_body(matter) or commune_committee(matter.commune)
    if not (
        permissions.user_may(user, RUN_DECISIONS, matter) or (body and permissions.user_may(user, RECOGNISE, body))
    ):
        raise Http404
    return matter


@login_required
@require_GET
def decisions_staff(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/dan-chu/quyet-dinh/``: the matters the officer runs, with where each stands."""
    status = request.GET.get("trang-thai", "")
    if status not in choices.MatterStatus.values:
        status = ""
    rows = list(selectors.matters_for(request.user, status=status)[:200])
    for m in rows:
        m.step = selectors.next_step(m)  # type: ignore[attr-defined]
    return render(request, "democracy/decisions/staff_list.html", {
        "rows": rows, "status": status, "statuses": choices.MatterStatus.choices,
        "may_propose": permissions.user_may(request.user, RUN_DECISIONS)})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def decision_propose(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/dan-chu/quyet-dinh/de-xuat/``: put a matter forward (Art. 16)."""
    if not permissions.user_may(request.user, RUN_DECISIONS):
        raise Http404
    villages = _villages(request.user)
    if request.method != "POST":
        form = f.ProposeForm(villages=villages, initial={"request_key": f.ProposeForm.new_key(),
                                                         "scope": Scope.VILLAGE, "proposer": "village_head"})  # fmt: skip
        return render(request, "democracy/decisions/propose.html", {"form": form})
    form = f.ProposeForm(request.POST, villages=villages)
    if form.is_valid():
        data = form.cleaned_data
        done_key = f"democracy:propose:{request.user.pk}:{data['request_key']}"
        earlier = cache.get(done_key)
        if earlier:  # the same submission again (a retry, a double click): stored once
            return redirect("democracy:decision_detail", earlier)
        village = data["village"]
        commune = village.commune if village else None
        if data["scope"] == Scope.COMMUNE and commune is None:
            first = villages.first()
            commune = first.commune if first else None
        try:
            matter = services.matter_propose(actor=request.user, scope=data["scope"], item=data["item"],
                                             village=village, commune=commune, title=data["title"],
                                             content=data["content"], proposer=data["proposer"],
                                             front_agreed_on=data["front_agreed_on"])  # fmt: skip
        except PermissionDenied:
            form.add_error(None, _("You may not put matters to this village or commune."))
        except DomainError as exc:
            form.refused(exc)
        else:
            cache.set(done_key, matter.pk, _KEY_SECONDS)
            messages.success(request, _("Matter %(code)s proposed.") % {"code": matter.code})
            return redirect("democracy:decision_detail", matter.pk)
    return render(request, "democracy/decisions/propose.html", {"form": form}, status=400)


def _forms(request: HttpRequest, matter: Matter, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every form the matter's page may show (unbound unless the one that failed)."""
    villages = Village.objects.filter(commune=matter.commune, is_active=True) if matter.scope == Scope.COMMUNE else None
    current = (
        matter.rounds.exclude(status__in=[VoteRoundStatus.CLOSED, VoteRoundStatus.CANCELLED]).order_by("-id").first()
    )
    homes = Household.objects.none()
    if current is not None and current.form == Form.BALLOT:
        homes = Household.objects.filter(village=current.village, is_active=True).exclude(
            pk__in=current.ballot_returns.values("household_id")
        )
    elif matter.village is not None:
        homes = Household.objects.filter(village=matter.village, is_active=True)
    today = clock.today()
    made = {
        "meeting_open": f.MeetingOpenForm(villages=villages, initial={"held_on": today}),
        "meeting_record": f.MeetingRecordForm(initial={"method": "hands", "blank": 0}),
        "ballot_open": f.BallotOpenForm(villages=villages, initial={"announced_on": today}),
        "ballot_return": f.BallotReturnForm(households=homes, initial={"returned_on": today}),
        "ballot_count": f.BallotCountForm(initial={"blank": 0}),
        "record": f.RecordForm(),
        "send": f.DayForm(initial={"day": today}),
        "receive": f.DayForm(initial={"day": today}),
        "recognition": f.RecognitionForm(initial={"day": today, "answer": "recognise"}),
        "set_date": f.DayForm(initial={"day": today}),
        "agreement": f.BallotReturnForm(households=homes, initial={"returned_on": today}),
        "endorse": f.DayForm(initial={"day": today}),
        "withdraw": f.WithdrawForm(),
    }
    if bound:
        made.update(bound)
    return {"forms": made, "current": current}


def _page(request: HttpRequest, matter: Matter, bound: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    record = DecisionRecord.objects.filter(matter=matter).first()
    context = {"matter": matter, "rounds": selectors.matter_rounds(matter), "step": selectors.next_step(matter),
               "record": record, "rule": rules.pass_threshold(DecisionItem(matter.item), Scope(matter.scope)),
               "in_force_rule": rules.in_force_rule(DecisionItem(matter.item), Scope(matter.scope)),
               "body": selectors.recognising_body(matter),
               "initiative": selectors.initiative_counts(matter, clock.today()) if matter.village else None,
               **_forms(request, matter, bound)}  # fmt: skip
    return render(request, "democracy/decisions/detail.html", context, status=status)


@login_required
@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """``/van-hanh/dan-chu/quyet-dinh/<pk>/``: the matter, its rounds, where it stands and the next step."""
    return _page(request, _matter(request.user, pk))


# Each step: (form class key, the form's constructor, the call of the service with the cleaned data).
def _act(request: HttpRequest, matter: Matter, step: str) -> tuple[str, Any, Any]:
    u = request.user
    post = request.POST
    current = (
        matter.rounds.exclude(status__in=[VoteRoundStatus.CLOSED, VoteRoundStatus.CANCELLED]).order_by("-id").first()
    )
    record = DecisionRecord.objects.filter(matter=matter).first()
    villages = Village.objects.filter(commune=matter.commune, is_active=True) if matter.scope == Scope.COMMUNE else None

    def need_round() -> Any:
        if current is None:
            raise DomainError(_("No vote is under way."), code="bad_state")
        return current

    def need_record() -> DecisionRecord:
        if record is None:
            raise DomainError(_("Write the record first."), code="bad_state")
        return record

    homes_round = Household.objects.filter(village=current.village) if current else Household.objects.none()
    homes_village = Household.objects.filter(village=matter.village) if matter.village else Household.objects.none()
    table: dict[str, tuple[str, Any, Any]] = {
        "hop": ("meeting_open", f.MeetingOpenForm(post, villages=villages), lambda d: services.meeting_open(
            actor=u, matter=matter, held_on=d["held_on"], village=d.get("village"), place=d["place"])),
        "bien-ban-hop": ("meeting_record", f.MeetingRecordForm(post), lambda d: services.meeting_record(
            actor=u, round_=need_round(), chaired_by=d["chaired_by"], secretary=d["secretary"], present=d["present"],
            absent=d["absent"], method=d["method"], yes=d["yes"], no=d["no"], blank=d["blank"],
            team=f.names(d["team"]), minutes=d["minutes"])),
        "phieu": ("ballot_open", f.BallotOpenForm(post, villages=villages), lambda d: services.ballot_open(
            actor=u, matter=matter, announced_on=d["announced_on"], distribute_on=d["distribute_on"],
            team=f.names(d["team"]), village=d.get("village"))),
        "tra-phieu": ("ballot_return", f.BallotReturnForm(post, households=homes_round),
                      lambda d: services.ballot_return_record(actor=u, round_=need_round(),
                                                              household_id=d["household"].pk,
                                                              returned_on=d["returned_on"])),
        "kiem-phieu": ("ballot_count", f.BallotCountForm(post), lambda d: services.ballot_count(
            actor=u, round_=need_round(), yes=d["yes"], no=d["no"], blank=d["blank"], minutes=d["minutes"])),
        "bien-ban": ("record", f.RecordForm(post), lambda d: services.record_write(
            actor=u, matter=matter, decision=d["decision"], signed_village_head=d["signed_village_head"],
            signed_front_head=d["signed_front_head"], signed_representatives=f.names(d["signed_representatives"]))),
        "gui": ("send", f.DayForm(post), lambda d: services.record_send(actor=u, record=need_record(), sent_on=d["day"])),
        "nhan": ("receive", f.DayForm(post),
                 lambda d: services.record_receive(actor=u, record=need_record(), received_on=d["day"])),
        "cong-nhan": ("recognition", f.RecognitionForm(post), lambda d: (
            services.record_recognise(actor=u, record=need_record(), recognised_on=d["day"])
            if d["answer"] == "recognise" else
            services.record_refuse(actor=u, record=need_record(), refused_on=d["day"], reason=d["reason"]))),
        "ngay-hieu-luc": ("set_date", f.DayForm(post),
                          lambda d: services.in_force_date_set(actor=u, record=need_record(), in_force_on=d["day"])),
        "dong-y": ("agreement", f.BallotReturnForm(post, households=homes_village),
                   lambda d: services.agreement_record(actor=u, matter=matter, household_id=d["household"].pk,
                                                       agreed_on=d["returned_on"])),
        "mat-tran": ("endorse", f.DayForm(post),
                     lambda d: services.matter_front_endorse(actor=u, matter=matter, endorsed_on=d["day"])),
        "rut": ("withdraw", f.WithdrawForm(post), lambda d: services.matter_withdraw(actor=u, matter=matter,
                                                                                    reason=d["reason"])),
    }  # fmt: skip
    if step not in table:
        raise Http404
    return table[step]


@login_required
@require_POST
def decision_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """``POST /van-hanh/dan-chu/quyet-dinh/<pk>/<step>/``: one step of the matter (forms on its page)."""
    matter = _matter(request.user, pk)
    key, form, call = _act(request, matter, step)
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except PermissionDenied:
            form.add_error(None, _("You may not do this step on this matter."))
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("democracy:decision_detail", matter.pk)
    matter.refresh_from_db()
    return _page(request, matter, {key: form}, status=400)


@login_required
@require_GET
def decision_print(request: HttpRequest, pk: int) -> HttpResponse:
    """``/van-hanh/dan-chu/quyet-dinh/<pk>/ban-in/``: the record (Art. 20) in the NĐ 30/2020 layout."""
    matter = _matter(request.user, pk)
    record = DecisionRecord.objects.filter(matter=matter).first()
    if record is None:
        raise Http404
    body_name = matter.village.name if matter.village else matter.organization.name
    context = {"matter": matter, "record": record, "rounds": selectors.matter_rounds(matter),
               "parent_name": matter.organization.name.upper(), "body_name": body_name.upper(),
               "place": matter.commune.name, "day": record.held_on, "no_number": True,
               "results": selectors.public_results(matter)}  # fmt: skip
    return render(request, "democracy/decisions/print.html", context)


# Public --------------------------------------------------------------------------------------------------


@require_GET
def decisions_public(request: HttpRequest, code: str) -> HttpResponse:
    """``/dan-chu/<commune code>/quyet-dinh/``: the commune's matters the community decided."""
    commune = commune_by_code(code)
    if commune is None:
        raise Http404
    rows = list(selectors.matters_public(commune.pk)[:200])
    return render(request, "democracy/decisions/public_list.html", {"commune": commune, "section": {"rows": rows}})


@require_GET
def decision_public(request: HttpRequest, code: str) -> HttpResponse:
    """``/dan-chu/quyet-dinh/<matter code>/``: one decided matter, its results over ALL households."""
    try:
        matter = selectors.matter_public(code)
    except NotFound:
        raise Http404 from None
    record = DecisionRecord.objects.filter(matter=matter).first()
    return render(request, "democracy/decisions/public_detail.html", {
        "matter": matter, "results": selectors.public_results(matter), "record": record,
        "step": selectors.next_step(matter)})  # fmt: skip
