"""Consultations: the participation part's pages (parse, call a service or selector, render).

Public: ``/gop-y/<code>/bieu-quyet/`` (``vote``) — one statement at a time, three big buttons, progress,
a form to add a statement, the household step when the consultation asks for it; it works as plain form
posts (each answer redirects to the next statement) and, with ``consultations/participation/vote.js``,
without reloading (the same POST with ``X-Requested-With: fetch`` answers the next card as JSON).
``/gop-y/<code>/y-kien/`` (``statements``): every statement's totals, 50 a page.
``/gop-y/<code>/gop-y/`` (``comment``): a comment on a section or the whole, a receipt after it is stored.
Staff: ``/van-hanh/gop-y/dot/<code>/kiem-duyet/`` (``moderation``: lists paged by ``selectors.moderation``,
``?gop=`` prefills a merge from a duplicate hint) and ``.../nhap-y-kien/`` (``key_in``).

HTTP only: who the request is (``_who``: the shared ``danvan_device`` cookie of ``ui.limits``, the
signed-in user, the household proved in this session), the rate limits (``consult_vote`` every vote,
``consult_view`` each statement or comment stored, ``consult_code`` and ``consult_verify`` for household
codes — per browser and per household, not per address only), and which page answers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from danvan.consultations import rules
from danvan.consultations.enums import Audience, Status, Verification
from danvan.consultations.forms import participation as f
from danvan.consultations.models import Comment, Consultation, Participant, Statement
from danvan.consultations.permissions import KEY_IN, MODERATE
from danvan.consultations.selectors import moderation as moderation_sel
from danvan.consultations.selectors import participation as sel
from danvan.consultations.selectors.access import may_act
from danvan.consultations.services import participation as svc
from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.democracy.selectors import villages as democracy_villages
from danvan.ui import limits

SESSION = "consultations_participants"  # session key: {consultation id: proved household participant id}


# Who is this request --------------------------------------------------------------------------------------


def _consultation(code: str) -> Consultation:
    found = sel.consultation_public(code)
    if found is None:
        raise Http404
    return found


def _proved(request: HttpRequest, consultation: Consultation) -> int | None:
    value = (request.session.get(SESSION) or {}).get(str(consultation.pk))
    return int(value) if isinstance(value, int) else None


def _remember(request: HttpRequest, consultation: Consultation, participant: Participant) -> None:
    kept = dict(request.session.get(SESSION) or {})
    kept[str(consultation.pk)] = participant.pk
    request.session[SESSION] = dict(list(kept.items())[-20:])


def _who(request: HttpRequest, consultation: Consultation, device: str = "") -> svc.Who:
    return svc.Who(device=device or limits.device_of(request), user=request.user,
                   participant_id=_proved(request, consultation))  # fmt: skip


def _poster(request: HttpRequest, consultation: Consultation, device: str) -> svc.Who:
    """Who a post speaks for: only the device ``_device_for_post`` accepted (never the raw cookie)."""
    return svc.Who(device=device, user=request.user, participant_id=_proved(request, consultation),
                   device_pending=not device and limits.device_taken(limits.device_of(request))[1])  # fmt: skip


def _device_for_post(request: HttpRequest) -> tuple[str, bool]:
    """The device id of a cookie issued by an earlier answer (``limits.device_settled``), else "": a post
    without one is refused by the service ("allow cookies") and ``with_device_cookie`` gives the browser
    its cookie on that answer. Never a new id here: each cookieless post would be a new participant."""
    return limits.device_taken(limits.device_of(request))[0], False


def _new_participant_refused(request: HttpRequest, consultation: Consultation, device: str) -> HttpResponse | None:
    """Count a device seen for the first time in this consultation against ``consult_participant_new`` (per
    address); the 429 page once passed. Households and signed-in people prove more and are not counted."""
    if request.user.is_authenticated or not svc.device_is_new(consultation, device):
        return None
    refused = limits.hit(request, "consult_participant_new", body=consultation.organization)
    if refused is None:
        svc.device_seen(consultation, device)
    return refused


def _finish(request: HttpRequest, response: HttpResponse, device: str, new: bool) -> HttpResponse:
    if new:
        limits.device_cookie_set(request, response, device)
    response["X-Robots-Tag"] = "noindex"
    return response


def _is_open(consultation: Consultation) -> bool:
    return rules.takes_views(Status(consultation.status), consultation.opens_on, consultation.closes_on,
                             clock.today())  # fmt: skip


def _villages(consultation: Consultation) -> list[tuple[int, str]]:
    if consultation.audience == Audience.VILLAGES:
        rows = consultation.villages.all()
    else:
        rows = democracy_villages.villages_in_commune(consultation.place_id)
    return list(rows.order_by("name").values_list("pk", "name"))


def _fetching(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


# The voting page ------------------------------------------------------------------------------------------


def _card_context(request: HttpRequest, consultation: Consultation, participant: Participant | None,
                  error: str = "", notice: str = "") -> dict[str, Any]:  # fmt: skip
    """What the card (``_card.html``) shows: the next statement with its section's heading, and progress."""
    statement, progress = sel.card(consultation, participant)
    return {
        "consultation": consultation,
        "statement": statement,
        "section_heading": statement.section_heading if statement else "",  # type: ignore[attr-defined]
        "progress": progress,
        "error": error,
        "notice": notice,
    }


def _vote_context(request: HttpRequest, consultation: Consultation, device: str = "", **forms: Any) -> dict[str, Any]:
    who = _who(request, consultation, device)
    participant = sel.participant_existing(consultation, device=who.device, user=who.user,
                                           participant_id=who.participant_id)  # fmt: skip
    sections = sel.sections(consultation)
    needs_household = consultation.verification == Verification.HOUSEHOLD and participant is None
    needs_sign_in = (consultation.verification == Verification.RESIDENT and participant is None
                     and not svc.is_resident(request.user))  # fmt: skip
    villages = _villages(consultation) if needs_household else []
    return _card_context(request, consultation, participant, forms.get("error", ""), forms.get("notice", "")) | {
        "is_open": _is_open(consultation),
        "today": clock.today(),
        "needs_household": needs_household,
        "needs_sign_in": needs_sign_in,
        "statement_form": forms.get("statement_form") or f.StatementForm(sections=sections),
        "code_form": forms.get("code_form") or f.HouseholdCodeForm(villages=villages),
        "verify_form": forms.get("verify_form") or f.HouseholdVerifyForm(villages=villages),
        "code_sent": request.GET.get("buoc") == "ma",
    }


def _vote_page(request: HttpRequest, consultation: Consultation, *, status: int = 200, device: str = "",
               **forms: Any) -> HttpResponse:  # fmt: skip
    context = _vote_context(request, consultation, device, **forms)
    return render(request, "consultations/participation/vote.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def vote(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the next statement. POST: one vote (``statement``, ``value``), then the next statement."""
    consultation = _consultation(code)
    if request.method == "GET":
        return _finish(request, _vote_page(request, consultation), "", False)
    device, new = _device_for_post(request)
    refused = limits.hit(request, "consult_vote", body=consultation.organization) or _new_participant_refused(
        request, consultation, device
    )
    if refused is not None:
        return refused
    form = f.VoteForm(request.POST)
    error, status, notice, participant = "", 200, "", None
    if not form.is_valid():
        error, status = _("Choose Agree, Disagree or Pass."), 400
    else:
        try:
            stored = svc.vote_cast(consultation=consultation, who=_poster(request, consultation, device),
                                   statement_id=form.cleaned_data["statement"], value=form.cleaned_data["value"])  # fmt: skip
            notice, participant = _("Your vote has been recorded."), stored.row.participant
        except DomainError as exc:
            error, status = str(exc.message), 400
    if _fetching(request):
        # The card only (the next statement, progress): the stored vote names its participant, so the
        # answer neither looks the participant up again nor builds the page's other forms.
        if participant is None:
            who = _poster(request, consultation, device)
            participant = sel.participant_existing(consultation, device=who.device, user=who.user,
                                                   participant_id=who.participant_id)  # fmt: skip
        context = _card_context(request, consultation, participant, error, notice)
        html = render_to_string("consultations/participation/_card.html", context, request=request)
        return _finish(request, JsonResponse({"ok": not error, "html": html}, status=status), device, new)
    if error:
        return _finish(request, _vote_page(request, consultation, status=status, device=device, error=error),
                       device, new)  # fmt: skip
    return _finish(request, redirect("consultations:vote", code=code), device, new)


@never_cache
@require_POST
@limits.with_device_cookie
def statement_add(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _consultation(code)
    device, new = _device_for_post(request)
    form = f.StatementForm(request.POST, sections=sel.sections(consultation))
    if not form.is_valid():
        return _finish(request, _vote_page(request, consultation, status=400, device=device, statement_form=form),
                       device, new)  # fmt: skip
    refused = limits.admit(request, "consult_view", body=consultation.organization) or _new_participant_refused(
        request, consultation, device
    )
    if refused is not None:
        return refused
    try:
        stored = svc.statement_add(consultation=consultation, who=_poster(request, consultation, device),
                                   text=form.cleaned_data["text"], section_key=form.cleaned_data["section"],
                                   client_key=form.cleaned_data["client_key"])  # fmt: skip
    except DomainError as exc:
        form.add_error("text" if exc.code.startswith("text_") else None, str(exc.message))
        return _finish(request, _vote_page(request, consultation, status=400, device=device, statement_form=form),
                       device, new)  # fmt: skip
    if stored.created:
        limits.record(request, "consult_view")
    if stored.row.status == "pending":
        messages.success(request, _("Thank you. Your statement will be shown once a moderator has read it."))
    else:
        messages.success(request, _("Thank you. Your statement is shown to others to vote on."))
    return _finish(request, redirect("consultations:vote", code=code), device, new)


@never_cache
@require_POST
@limits.with_device_cookie
def household_code(request: HttpRequest, code: str) -> HttpResponse:
    """Ask for a household's one-time code: the same answer whether the household and phone matched."""
    consultation = _consultation(code)
    form = f.HouseholdCodeForm(request.POST, villages=_villages(consultation))
    if not form.is_valid():
        return _vote_page(request, consultation, status=400, code_form=form)
    data = form.cleaned_data
    key = (sel.participant_key(consultation.pk, "household-limit", f"{data['village']}:{data['household'].upper()}"),)
    refused = limits.admit(request, "consult_code", contact=key, body=consultation.organization)
    if refused is not None:
        return refused
    try:
        svc.household_code_request(consultation=consultation, village_id=data["village"],
                                   household_code=data["household"], phone=data["phone"])  # fmt: skip
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _vote_page(request, consultation, status=400, code_form=form)
    limits.record(request, "consult_code", contact=key)  # sent or not: a 429 must not tell which phone matched
    return redirect(f"{reverse('consultations:vote', args=[code])}?buoc=ma#xac-minh")


@never_cache
@require_POST
@limits.with_device_cookie
def household_verify(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _consultation(code)
    form = f.HouseholdVerifyForm(request.POST, villages=_villages(consultation))
    if not form.is_valid():
        return _vote_page(request, consultation, status=400, verify_form=form)
    data = form.cleaned_data
    key = (sel.participant_key(consultation.pk, "household-limit", f"{data['village']}:{data['household'].upper()}"),)
    refused = limits.hit(request, "consult_verify", contact=key, body=consultation.organization)
    if refused is not None:
        return refused
    try:
        participant = svc.household_verify(consultation=consultation, village_id=data["village"],
                                           household_code=data["household"], code=data["code"])  # fmt: skip
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _vote_page(request, consultation, status=400, verify_form=form)
    _remember(request, consultation, participant)
    messages.success(request, _("Your household is confirmed. You can now give its views."))
    return redirect("consultations:vote", code=code)


# Every statement and its votes ----------------------------------------------------------------------------

STATEMENTS_PER_PAGE = 50


@require_http_methods(["GET"])
def statements(request: HttpRequest, code: str) -> HttpResponse:
    """Every published statement with its totals, the most voted first, 50 a page (the consultation's page
    shows the first ten). A page number out of range shows the last page; never who voted."""
    consultation = _consultation(code)
    page = Paginator(sel.statements_by_votes(consultation), STATEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"consultation": consultation, "page": page,
               "rows": sel.statement_totals(consultation, ids=list(page.object_list))}  # fmt: skip
    return render(request, "consultations/participation/statements.html", context)


# The comment page -----------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def comment(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the form (``?section=<key>`` preselects it); POST: the comment, then its receipt."""
    consultation = _consultation(code)
    sections = sel.sections(consultation)
    device, new = _device_for_post(request) if request.method == "POST" else (limits.device_of(request), False)
    who = _poster(request, consultation, device)
    if request.method == "POST":
        form = f.CommentForm(request.POST, sections=sections)
        if form.is_valid():
            refused = limits.admit(request, "consult_view", body=consultation.organization)
            refused = refused or _new_participant_refused(request, consultation, device)
            if refused is not None:
                return refused
            try:
                stored = svc.comment_add(consultation=consultation, who=who, text=form.cleaned_data["text"],
                                         section_key=form.cleaned_data["section"],
                                         client_key=form.cleaned_data["client_key"])  # fmt: skip
            except DomainError as exc:
                form.add_error("text" if exc.code.startswith("text_") else None, str(exc.message))
            else:
                if stored.created:
                    limits.record(request, "consult_view")
                target = f"{reverse('consultations:comment', args=[code])}?da-gui={stored.row.pk}"
                return _finish(request, redirect(target), device, new)
    else:
        section = request.GET.get("section", "")
        form = f.CommentForm(sections=sections, initial={"section": section if section in dict(sections) else ""})
    participant = sel.participant_existing(consultation, device=who.device, user=who.user,
                                           participant_id=who.participant_id)  # fmt: skip
    sent_id = request.GET.get("da-gui", "")
    receipt = sel.comment_receipt(consultation, int(sent_id) if sent_id.isdigit() and len(sent_id) < 10 else 0,
                                  participant)  # fmt: skip
    context = {
        "consultation": consultation,
        "form": form,
        "is_open": _is_open(consultation),
        "receipt": receipt,
        "receipt_section": dict(sections).get(receipt.section_key, "") if receipt else "",
        "needs_verification": consultation.verification != Verification.OPEN and participant is None,
    }
    status = 400 if form.errors else 200
    return _finish(request, render(request, "consultations/participation/comment.html", context, status=status),
                   device, new)  # fmt: skip


# Staff --------------------------------------------------------------------------------------------------------


def _staff_consultation(request: HttpRequest, code: str, action: str) -> Consultation:
    found = sel.consultation_by_code(code)
    if found is None or not may_act(request.user, action, found):
        raise Http404  # the same answer for missing and forbidden
    return found


def _statement_choices(consultation: Consultation) -> list[tuple[int, str]]:
    return [(s.pk, f"#{s.pk} {s.text[:80]}") for s in sel.published_statements(consultation)]


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def moderation(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _staff_consultation(request, code, MODERATE)
    error = ""
    if request.method == "POST":
        form = f.ModerateForm(request.POST)
        if not form.is_valid():
            error = _("Choose what to do and give the reason.")
        else:
            error = _moderate(request, consultation, form.cleaned_data)
            if not error:
                messages.success(request, _("Done. The change is recorded in the audit log."))
                return redirect(_moderation_url(request, code))
    queue = moderation_sel.moderation_queue(consultation, pages=request.GET)
    context = {"consultation": consultation, "queue": queue, "pages": queue.page_numbers(),
               "prefill": _prefill(request), "error": error}  # fmt: skip
    return render(request, "consultations/participation/moderation.html", context, status=400 if error else 200)


def _page_params(request: HttpRequest) -> dict[str, str]:
    """The lists' page numbers asked for (``moderation_sel.LISTS``; anything else dropped): where a
    moderation step returns (a page that no longer exists is then answered with the nearest)."""
    wanted = sorted(moderation_sel.PAGE_PARAMS)
    return {p: v for p in wanted if (v := request.GET.get(p, "")).isdigit() and len(v) < 10}


def _moderation_url(request: HttpRequest, code: str) -> str:
    """Back to the pages the moderator was on, without a hint's prefill."""
    kept = QueryDict(mutable=True)
    kept.update(_page_params(request))
    url = reverse("consultations:moderation", args=[code])
    return f"{url}?{kept.urlencode()}" if kept else url


def _prefill(request: HttpRequest) -> tuple[str, int, int] | None:
    """``?gop=<kind>-<item>-<into>`` (a duplicate hint's link): that item's merge form gets ``into``."""
    kind, _sep, rest = request.GET.get("gop", "")[:40].partition("-")
    item, _sep, into = rest.partition("-")
    if kind in ("statement", "comment") and item.isdigit() and into.isdigit() and len(item) < 10 and len(into) < 10:
        return kind, int(item), int(into)
    return None


def _moderate(request: HttpRequest, consultation: Consultation, data: dict[str, Any]) -> str:
    row = moderation_sel.item(consultation, data["kind"], data["target"])
    into = moderation_sel.item(consultation, data["kind"], data.get("into"))
    if row is None or (data["action"] == "merge" and into is None):
        return _("No such statement or comment in this consultation.")
    try:
        if data["action"] == "publish" and isinstance(row, Statement):
            svc.statement_publish(actor=request.user, statement=row)
        elif data["action"] == "hide" and isinstance(row, Statement):
            svc.statement_hide(actor=request.user, statement=row, reason=data["reason"])
        elif data["action"] == "hide" and isinstance(row, Comment):
            svc.comment_hide(actor=request.user, comment=row, reason=data["reason"])
        elif data["action"] == "merge" and isinstance(row, Statement) and isinstance(into, Statement):
            svc.statement_merge(actor=request.user, statement=row, into=into, reason=data["reason"])
        elif data["action"] == "merge" and isinstance(row, Comment) and isinstance(into, Comment):
            svc.comment_merge(actor=request.user, comment=row, into=into, reason=data["reason"])
        else:
            return _("This step does not apply to a comment.")
    except DomainError as exc:
        return str(exc.message)
    return ""


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def key_in(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _staff_consultation(request, code, KEY_IN)
    sections = sel.sections(consultation)
    statements = _statement_choices(consultation)
    comment_form = f.KeyInCommentForm(sections=sections)
    tally_form = f.TallyForm(statements=statements)
    if request.method == "POST":
        bound: Any
        if request.POST.get("kind") == "tally":
            bound = tally_form = f.TallyForm(request.POST, statements=statements)
        else:
            bound = comment_form = f.KeyInCommentForm(request.POST, sections=sections)
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                if isinstance(bound, f.TallyForm):
                    statement = sel.statement_of(consultation, data["statement"])
                    svc.tally_key_in(actor=request.user, statement=statement, channel=data["channel"],
                                     source_ref=data["source_ref"], held_on=data["held_on"], agree=data["agree"],
                                     disagree=data["disagree"], passed=data["passed"])  # fmt: skip
                else:
                    svc.comment_key_in(actor=request.user, consultation=consultation, text=data["text"],
                                       section_key=data["section"], channel=data["channel"],
                                       source_ref=data["source_ref"], source_date=data["source_date"],
                                       supporters=data["supporters"])  # fmt: skip
            except DomainError as exc:
                bound.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Recorded with its source."))
                return redirect("consultations:key_in", code=code)
    context = {"consultation": consultation, "comment_form": comment_form, "tally_form": tally_form}
    status = 400 if comment_form.errors or tally_form.errors else 200
    return render(request, "consultations/participation/key_in.html", context, status=status)
