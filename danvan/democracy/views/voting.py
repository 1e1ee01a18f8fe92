"""The voting part's pages. Households (no account): ``/dan-chu/bieu-quyet/<id>/`` — one question, a
one-time code asked for with the household code and phone, two big buttons, a receipt shown once;
the results and the published receipts. The village head: ``/van-hanh/dan-chu/bieu-quyet/``.

HTTP only: rate limits (``ui.limits`` rules ``vote_code``: per browser and per address for every
request, per household only for requests whose phone matched; ``vote_verify``: every code typed, per
browser and per address — the 5 tries of each code bound guessing; ``vote_receipt``: receipt checks), the session that remembers the household code between the two steps
(never the phone nor the code), and which page answers. The rules are ``services.voting``'s.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.democracy.enums import VoteRoundStatus
from danvan.democracy.forms import voting as f
from danvan.democracy.models import VoteRound
from danvan.democracy.permissions import RUN_DECISIONS
from danvan.democracy.selectors import voting as selectors
from danvan.democracy.services import voting as services
from danvan.org.permissions import user_may
from danvan.ui import limits

HOUSEHOLD = "democracy_vote_household"  # session key: {round id: household code} between the two steps


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _round(pk: int) -> VoteRound:
    round_ = selectors.online_round(pk)
    if round_ is None:
        raise Http404
    return round_


def _remembered(request: HttpRequest, pk: int) -> str:
    return str((request.session.get(HOUSEHOLD) or {}).get(str(pk), ""))


def _remember(request: HttpRequest, pk: int, code: str) -> None:
    kept = dict(request.session.get(HOUSEHOLD) or {})
    kept[str(pk)] = code.strip()[:40]
    request.session[HOUSEHOLD] = dict(list(kept.items())[-5:])


def _page(request: HttpRequest, round_: VoteRound, *, status: int = 200, **forms: Any) -> HttpResponse:
    household = _remembered(request, round_.pk)
    context = {
        "round": round_,
        "matter": round_.matter,
        "tally": selectors.tally(round_),
        "is_open": selectors.is_open(round_),
        "code_form": forms.get("code_form") or f.CodeRequestForm(initial={"household": household}),
        "vote_form": forms.get("vote_form") or f.VoteForm(initial={"household": household}),
        "consent_form": forms.get("consent_form") or f.ConsentForm(initial={"household": household}),
        "code_sent": request.GET.get("buoc") == "ma",
    }
    return _private(render(request, "democracy/voting/vote.html", context, status=status))


@never_cache
@require_GET
@limits.with_device_cookie
def vote_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _round(pk))


@never_cache
@require_POST
@limits.with_device_cookie
def vote_code(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for a one-time code: the same answer whether the household code and phone matched or not."""
    round_ = _round(pk)
    form = f.CodeRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, round_, code_form=form, status=400)
    household = form.cleaned_data["household"]
    key = (selectors.household_limit_key(pk, household),)
    refused = limits.admit(request, "vote_code", contact=key, body=round_.village.organization)
    if refused is not None:
        return refused
    try:
        sent = services.code_request(round_=round_, household_code=household, phone=form.cleaned_data["phone"])
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _page(request, round_, code_form=form, status=400)
    # Every request counts per browser and per address; the household's own budget only when it matched.
    limits.record(request, "vote_code", contact=key if sent else ())
    _remember(request, pk, household)
    return redirect(f"{reverse('democracy:vote', args=[pk])}?buoc=ma#buoc-2")


def _verify_refused(request: HttpRequest, round_: VoteRound, household: str) -> HttpResponse | None:
    """Every typed code counts per browser and per address. Not per household: anyone could fill that
    counter; each code's own 5 tries (``services.voting.MAX_ATTEMPTS``) bound guessing."""
    refused = limits.admit(request, "vote_verify", body=round_.village.organization)
    if refused is None:
        limits.record(request, "vote_verify")
    return refused


@never_cache
@require_POST
@limits.with_device_cookie
def vote_cast(request: HttpRequest, pk: int) -> HttpResponse:
    """The household's vote; the receipt is shown on this answer only (never stored, never in a URL)."""
    round_ = _round(pk)
    form = f.VoteForm(request.POST)
    if form.is_valid() and not form.cleaned_data["choice"]:
        form.add_error("choice", _("Choose Agree or Disagree."))
    if not form.is_valid():
        return _page(request, round_, vote_form=form, status=400)
    data = form.cleaned_data
    refused = _verify_refused(request, round_, data["household"])
    if refused is not None:
        return refused
    try:
        cast = services.ballot_cast(round_=round_, household_code=data["household"], code=data["code"],
                                    choice=data["choice"])  # fmt: skip
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _page(request, round_, vote_form=form, status=400)
    return _private(render(request, "democracy/voting/receipt.html", {"round": round_, "matter": round_.matter,
                                                                       "receipt": cast.receipt}))  # fmt: skip


@never_cache
@require_POST
@limits.with_device_cookie
def consent_answer(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(pk)
    form = f.ConsentForm(request.POST)
    if form.is_valid() and not form.cleaned_data["agreed"]:
        form.add_error("agreed", _("Choose whether your household agrees to vote online."))
    if not form.is_valid():
        return _page(request, round_, consent_form=form, status=400)
    data = form.cleaned_data
    refused = _verify_refused(request, round_, data["household"])
    if refused is not None:
        return refused
    try:
        services.consent_answer(round_=round_, household_code=data["household"], code=data["code"],
                                agreed=data["agreed"] == "yes")  # fmt: skip
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _page(request, round_, consent_form=form, status=400)
    messages.success(request, _("Your household's answer has been recorded. Thank you."))
    return redirect("democracy:vote", pk=pk)


@require_GET
def vote_results(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(pk)
    return render(request, "democracy/voting/results.html",
                  {"round": round_, "matter": round_.matter, "tally": selectors.tally(round_)})  # fmt: skip


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def vote_receipts(request: HttpRequest, pk: int) -> HttpResponse:
    """Every receipt's hash of the round, and a look-up: "is my ballot counted?" (never what it chose)."""
    round_ = _round(pk)
    form = f.ReceiptForm(request.POST or None)
    found: bool | None = None
    digest = ""
    if request.method == "POST":
        refused = limits.admit(request, "vote_receipt", body=round_.village.organization)
        if refused is not None:
            return refused
        limits.record(request, "vote_receipt")  # its own budget: checking receipts never blocks voting
        if form.is_valid():
            digest = services.receipt_hash(form.cleaned_data["receipt"])
            found = selectors.receipt_counted(round_, digest)
    context = {"round": round_, "matter": round_.matter, "form": form, "found": found, "digest": digest,
               "hashes": selectors.receipt_hashes(round_)}  # fmt: skip
    return _private(render(request, "democracy/voting/receipts.html", context, status=400 if form.errors else 200))


# The village head ----------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_list(request: HttpRequest) -> HttpResponse:
    if not user_may(request.user, RUN_DECISIONS):
        raise Http404
    matters = selectors.matters_to_put_online(request.user)
    form = f.ConsentOpenForm(request.POST or None, matters=matters)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            round_ = services.consent_round_open(actor=request.user, matter=d["matter"], opens_at=d["opens_at"],
                                                 closes_at=d["closes_at"])  # fmt: skip
        except PermissionDenied:
            raise Http404 from None
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The households are now asked whether to vote online."))
            return redirect("democracy:voting_detail", pk=round_.pk)
    return render(request, "democracy/voting/staff_list.html",
                  {"rows": selectors.rounds_for(request.user), "form": form, "has_matters": bool(matters)},
                  status=400 if form.errors else 200)  # fmt: skip


def _staff_round(request: HttpRequest, pk: int) -> VoteRound:
    round_ = _round(pk)
    if not user_may(request.user, RUN_DECISIONS, round_):
        raise Http404
    return round_


def _detail(request: HttpRequest, round_: VoteRound, *, status: int = 200, **forms: Any) -> HttpResponse:
    context = {
        "round": round_,
        "matter": round_.matter,
        "tally": selectors.tally(round_),
        "consents": selectors.consents(round_) if round_.status == VoteRoundStatus.CONSENT else [],
        "voters": list(selectors.voters(round_)),
        "record_form": forms.get("record_form") or f.ConsentRecordForm(village_id=round_.village_id),
        "open_form": forms.get("open_form") or f.VoteOpenForm(),
        "public_url": request.build_absolute_uri(reverse("democracy:vote", args=[round_.pk])),
    }
    return render(request, "democracy/voting/staff_detail.html", context, status=status)


@login_required
@never_cache
@require_GET
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _staff_round(request, pk))


@login_required
@never_cache
@require_POST
def staff_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """POST ``/van-hanh/dan-chu/bieu-quyet/<pk>/<action>/``: dong-y (record a consent), mo (open the
    vote), dong (close and count), ket-thuc (end a consent round)."""
    round_ = _staff_round(request, pk)
    form: Any = None
    name = ""
    try:
        if action == "dong-y":
            form, name = f.ConsentRecordForm(request.POST, village_id=round_.village_id), "record_form"
            if form.is_valid():
                services.consent_record(actor=request.user, round_=round_, household=form.cleaned_data["household"],
                                        agreed=form.cleaned_data["agreed"])  # fmt: skip
                messages.success(request, _("The household's answer has been recorded."))
        elif action == "mo":
            form, name = f.VoteOpenForm(request.POST), "open_form"
            if form.is_valid():
                services.vote_open(actor=request.user, round_=round_, opens_at=form.cleaned_data["opens_at"],
                                   closes_at=form.cleaned_data["closes_at"])  # fmt: skip
                messages.success(request, _("The vote is open."))
        elif action == "dong":
            services.vote_close(actor=request.user, round_=round_)
            messages.success(request, _("The vote is closed and counted."))
        elif action == "ket-thuc":
            services.consent_cancel(actor=request.user, round_=round_)
            messages.success(request, _("The consent round has ended."))
        else:
            raise Http404
    except (PermissionDenied, NotFound):
        raise Http404 from None
    except DomainError as exc:
        if form is None:
            messages.error(request, str(exc.message))
            return _detail(request, _round(pk), status=400)
        form.add_error(None, str(exc.message))
    if form is not None and form.errors:
        return _detail(request, _round(pk), status=400, **{name: form})
    return redirect("democracy:voting_detail", pk=pk)
