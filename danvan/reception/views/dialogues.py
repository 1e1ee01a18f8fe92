"""The dialogue pages. Public (no account): the list of dialogues, one dialogue with its question form while
open, its answered questions (never the asker), minutes and commitments, and the printable invitation.
Officers: the list, planning, and one dialogue's page with its forms (invitation, questions, moderation,
answers, minutes, commitments), and the commitments their body owns. Views parse, call and render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import parsing
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.org import permissions
from danvan.org.selectors import organizations_where, users_who_may
from danvan.reception.choices import CommitmentStatus, DialogueStatus
from danvan.reception.forms import dialogues as f
from danvan.reception.models import Dialogue
from danvan.reception.permissions import MANAGE_DIALOGUES, WORK_TASKS
from danvan.reception.selectors import dialogues as selectors
from danvan.reception.services import dialogues as services
from danvan.ui import limits

RATE_RULE = "dialogue_question"


# Public -----------------------------------------------------------------------------------------------------


@require_GET
def dialogues_public(request: HttpRequest) -> HttpResponse:
    """``/doi-thoai/``: upcoming and past dialogues, optionally of one place (``?noi=<unit>``)."""
    place_id = parsing.object_id(request.GET.get("noi"))
    listing = selectors.dialogues_public(place_id=place_id)
    return render(request, "reception/dialogues/public_list.html", {"listing": listing})


def _public_page(
    request: HttpRequest, dialogue: Dialogue, form: Any, status: int = 200, sent: bool = False
) -> HttpResponse:
    rows: list[Any] = dialogue.commitment_rows  # type: ignore[attr-defined]
    context = {"dialogue": dialogue, "form": form, "open": services.questions_open(dialogue), "sent": sent,
               "kept": [c for c in rows if c.status == CommitmentStatus.KEPT]}  # fmt: skip
    return render(request, "reception/dialogues/public_detail.html", context, status=status)


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
@limits.with_device_cookie
def dialogue_public(request: HttpRequest, pk: int) -> HttpResponse:
    """``/doi-thoai/<pk>/``: one dialogue; its question form while questions are accepted."""
    try:
        dialogue = selectors.dialogue_public(pk=pk)
    except NotFound:
        raise Http404 from None
    if request.method != "POST":
        form = f.PublicQuestionForm(initial={"request_key": f.PublicQuestionForm.new_key()})
        return _public_page(request, dialogue, form, sent=request.GET.get("da-gui") == "1")
    refused = limits.hit(request, RATE_RULE, body=dialogue.organization)
    if refused is not None:
        return refused
    form = f.PublicQuestionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.question_submit(dialogue_id=dialogue.pk, text=data["text"], request_key=data["request_key"],
                                     asker_name=data["asker_name"], asker_contact=data["asker_contact"])  # fmt: skip
        except DomainError as exc:
            form.refused(exc)
        else:
            return redirect(f"{request.path}?da-gui=1#gui-cau-hoi")
    return _public_page(request, dialogue, form, status=400)


@require_GET
def dialogue_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable invitation: public once published; a draft to its managers."""
    dialogue = selectors.dialogue_for_print(pk=pk)
    if dialogue is None:
        raise Http404
    if not services.is_published(dialogue) and not permissions.user_may(request.user, MANAGE_DIALOGUES, dialogue):
        raise Http404
    return HttpResponse(services.invitation_html(dialogue))


# Officers ----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def dialogue_list(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, MANAGE_DIALOGUES):
        raise Http404
    status = request.GET.get("trang-thai", "")
    status = status if status in DialogueStatus.values else ""
    rows = list(selectors.dialogues_for(user=request.user, status=status)[:200])
    return render(request, "reception/dialogues/staff_list.html",
                  {"rows": rows, "status": status, "statuses": DialogueStatus.choices})  # fmt: skip


def _plan_form(request: HttpRequest, data: Any = None) -> f.PlanForm:
    bodies = organizations_where(request.user, MANAGE_DIALOGUES).filter(is_active=True).order_by("path")
    unit_ids = bodies.exclude(unit=None).values("unit_id")
    units = selectors.units_and_their_communes(unit_ids)
    heads = users_who_may(MANAGE_DIALOGUES, organizations=bodies)
    return f.PlanForm(data, organizations=bodies, heads=heads, units=units)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def dialogue_plan(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, MANAGE_DIALOGUES):
        raise Http404
    form = _plan_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        plan = services.DialoguePlan(
            organization=d["organization"], convener=d["convener"], subject=d["subject"], location=d["location"],
            planned_at=d["planned_at"], head=d["head"], description=d["description"], unit=d["unit"],
            audience=d["audience"], questions_until=d["questions_until"],
        )  # fmt: skip
        try:
            dialogue = services.dialogue_plan(actor=request.user, plan=plan)
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("The dialogue is planned. Publish its invitation to open it to the public."))
            return redirect("reception:dialogue_detail", pk=dialogue.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "reception/dialogues/staff_plan.html", {"form": form}, status=status)


@dataclass
class QuestionRow:
    question: Any
    hide: Any = None
    merge: Any = None
    answer: Any = None


@dataclass
class CommitmentRow:
    commitment: Any
    progress: Any = None
    close: Any = None


@dataclass
class Forms:
    publish: Any = None
    record: Any = None
    held: Any = None
    commitment: Any = None
    questions: list[QuestionRow] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)


def _owner_choices(dialogue: Dialogue) -> tuple[Any, Any]:
    org = dialogue.organization
    bodies = selectors.owner_bodies(org)
    return bodies, users_who_may(WORK_TASKS, organizations=bodies)


def _detail(request: HttpRequest, pk: int, *, bound: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    bound = bound or {}
    try:
        dialogue = selectors.dialogue_get_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    bodies, officers = _owner_choices(dialogue)
    forms = Forms(
        publish=bound.get("publish") or f.PublishForm(initial={"invitation": dialogue.invitation}),
        record=bound.get("record") or f.QuestionRecordForm(),
        held=bound.get("held") or f.HeldForm(initial={"held_at": dialogue.held_at or dialogue.planned_at,
                                                      "minutes": dialogue.minutes, "attendance": dialogue.attendance}),
        commitment=bound.get("commitment") or f.CommitmentForm(organizations=bodies, officers=officers),
    )  # fmt: skip
    for q in dialogue.all_questions:  # type: ignore[attr-defined]
        forms.questions.append(QuestionRow(
            q, hide=bound.get(f"hide-{q.pk}") or f.HideForm(prefix=f"h{q.pk}"),
            merge=bound.get(f"merge-{q.pk}") or f.MergeForm(prefix=f"m{q.pk}"),
            answer=bound.get(f"answer-{q.pk}") or f.AnswerForm(prefix=f"a{q.pk}", initial={"answer": q.answer})))  # fmt: skip
    for c in dialogue.commitment_rows:  # type: ignore[attr-defined]
        forms.commitments.append(CommitmentRow(
            c, progress=bound.get(f"progress-{c.pk}") or f.ProgressForm(prefix=f"p{c.pk}"),
            close=bound.get(f"close-{c.pk}") or f.CommitmentCloseForm(prefix=f"c{c.pk}")))  # fmt: skip
    context = {"dialogue": dialogue, "forms": forms, "published": services.is_published(dialogue),
               "open": services.questions_open(dialogue)}  # fmt: skip
    return render(request, "reception/dialogues/staff_detail.html", context, status=status)


@login_required
@never_cache
@require_GET
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _run(request: HttpRequest, pk: int, name: str, form: Any, call: Any, done: str, anchor: str = "") -> HttpResponse:
    """Validate ``form``, call the service; on success back to the page, else the page with the form's errors."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except NotFound:
            raise Http404 from None
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, done)
            return redirect(f"{request.build_absolute_uri(_detail_url(pk))}{anchor}")
    return _detail(request, pk, bound={name: form}, status=400)


def _detail_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("reception:dialogue_detail", args=[pk])


@login_required
@require_POST
def dialogue_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """POST ``/van-hanh/doi-thoai/<pk>/<action>/``: publish, record a question, record it held, add a commitment."""
    user = request.user
    if action == "publish":
        return _run(request, pk, "publish", f.PublishForm(request.POST),
                    lambda d: services.dialogue_publish(actor=user, dialogue_id=pk, invitation=d["invitation"]),
                    _("The invitation is published."))  # fmt: skip
    if action == "question":
        return _run(request, pk, "record", f.QuestionRecordForm(request.POST),
                    lambda d: services.question_record(actor=user, dialogue_id=pk, text=d["text"], asker_name=d["asker_name"],
                                                       stage=d["stage"], answer=d["answer"]),
                    _("The question is recorded."), "#cau-hoi")  # fmt: skip
    if action == "held":
        return _run(request, pk, "held", f.HeldForm(request.POST),
                    lambda d: services.dialogue_record_held(actor=user, dialogue_id=pk, held_at=d["held_at"],
                                                            minutes=d["minutes"], attendance=d["attendance"]),
                    _("The minutes are recorded."), "#bien-ban")  # fmt: skip
    if action == "commitment":
        dialogue = selectors.dialogue_row(pk=pk)
        if dialogue is None:
            raise Http404
        bodies, officers = _owner_choices(dialogue)
        form = f.CommitmentForm(request.POST, organizations=bodies, officers=officers)
        return _run(request, pk, "commitment", form,
                    lambda d: services.commitment_add(actor=user, dialogue_id=pk, text=d["text"],
                                                      owner_organization=d["owner_organization"], due_on=d["due_on"],
                                                      owner_user=d["owner_user"]),
                    _("The commitment is recorded."), "#cam-ket")  # fmt: skip
    raise Http404


@login_required
@require_POST
def question_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """POST ``/van-hanh/doi-thoai/cau-hoi/<pk>/<action>/``: hide, show, merge, answer."""
    question = selectors.question_row(pk=pk)
    if question is None or not permissions.user_may(request.user, MANAGE_DIALOGUES, question):
        raise Http404
    user, did = request.user, question.dialogue_id
    if action == "hide":
        return _run(request, did, f"hide-{pk}", f.HideForm(request.POST, prefix=f"h{pk}"),
                    lambda d: services.question_hide(actor=user, question_id=pk, reason=d["reason"]),
                    _("The question is hidden from the public."), f"#q{pk}")  # fmt: skip
    if action == "show":
        services.question_show(actor=user, question_id=pk)
        messages.success(request, _("The question is public again."))
        return redirect(_detail_url(did) + f"#q{pk}")
    if action == "merge":
        return _run(request, did, f"merge-{pk}", f.MergeForm(request.POST, prefix=f"m{pk}"),
                    lambda d: services.question_merge(actor=user, question_id=pk, into_id=d["into"]),
                    _("The question is merged."), f"#q{pk}")  # fmt: skip
    if action == "answer":
        return _run(request, did, f"answer-{pk}", f.AnswerForm(request.POST, prefix=f"a{pk}"),
                    lambda d: services.question_answer(actor=user, question_id=pk, answer=d["answer"]),
                    _("The answer is recorded."), f"#q{pk}")  # fmt: skip
    raise Http404


@login_required
@never_cache
@require_GET
def commitments_mine(request: HttpRequest) -> HttpResponse:
    """The open commitments of the bodies the officer works for, with their progress and closing forms."""
    if not permissions.user_may(request.user, WORK_TASKS):
        raise Http404
    rows = [CommitmentRow(c, progress=f.ProgressForm(prefix=f"p{c.pk}"), close=f.CommitmentCloseForm(prefix=f"c{c.pk}"))
            for c in selectors.commitments_for(user=request.user)[:200]]  # fmt: skip
    return render(request, "reception/dialogues/staff_commitments.html", {"rows": rows})


@login_required
@require_POST
def commitment_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """POST ``/van-hanh/doi-thoai/cam-ket/<pk>/<action>/``: progress, close (owner body or managers)."""
    commitment = selectors.commitment_row(pk=pk)
    if commitment is None or not services.may_work_on(request.user, commitment):
        raise Http404
    user, did = request.user, commitment.dialogue_id
    back_to_list = request.POST.get("back") == "mine"
    if action == "progress":
        form: Any = f.ProgressForm(request.POST, prefix=f"p{pk}")
        call = lambda d: services.commitment_progress(actor=user, commitment_id=pk, note=d["note"])  # noqa: E731
        done, name = _("The progress note is added."), f"progress-{pk}"
    elif action == "close":
        form = f.CommitmentCloseForm(request.POST, prefix=f"c{pk}")
        call = lambda d: services.commitment_close(actor=user, commitment_id=pk, status=d["status"], note=d["note"])  # noqa: E731
        done, name = _("The commitment is settled."), f"close-{pk}"
    else:
        raise Http404
    if back_to_list or not permissions.user_may(user, MANAGE_DIALOGUES, commitment.dialogue):
        if form.is_valid():
            try:
                call(form.cleaned_data)
            except DomainError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, done)
        else:
            messages.error(request, _("Please fill in the marked fields."))
        return redirect("reception:dialogue_commitments")
    return _run(request, did, name, form, call, done, f"#c{pk}")
