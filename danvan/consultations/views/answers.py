"""Consultations: the answers part's pages (parse, call a service or selector, render).

Staff (``/van-hanh/gop-y/dot/<code>/tra-loi/``): the groups of comments with their sources and supporters,
moving comments, the answer forms, "suggest groups", the decision's date and the summary to publish; the
report (NĐ 30 layout) and the Excel table. Public (``/gop-y/<code>/ket-qua/``): the published summary with
every answer and the comments' texts (no names), its report and table.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from danvan.consultations import choices
from danvan.consultations.forms import answers as f
from danvan.consultations.models import Consultation
from danvan.consultations.selectors import answers as selectors
from danvan.consultations.services import answers as services
from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound
from danvan.ui.downloads import table_download

# Public --------------------------------------------------------------------------------------------------------


def _published_or_404(code: str) -> Consultation:
    try:
        return selectors.summary_public(code=code)
    except NotFound:
        raise Http404 from None


def _groups_view(consultation: Consultation, *, keep_empty: bool = False) -> list[dict[str, Any]]:
    """The groups with comments (all groups with ``keep_empty``), by section, with their section's heading
    and supporters."""
    headings = selectors.section_headings(consultation)
    shown = []
    for group in selectors.groups_of(consultation):
        comments = group.comments_shown  # type: ignore[attr-defined]
        if not comments and not keep_empty:
            continue
        shown.append({"group": group, "comments": comments, "supporters": sum(c.supporters for c in comments),
                      "answer_label": f.ANSWER_LABELS[group.answer],
                      "section": headings.get(group.section_key, "") if group.section_key else ""})  # fmt: skip
    return shown


@require_GET
def summary_public(request: HttpRequest, code: str) -> HttpResponse:
    """``/gop-y/<code>/ket-qua/``: the summary, each group with its answer, the figures."""
    c = _published_or_404(code)
    version, changed = selectors.later_version_changes(c)
    context = {"c": c, "summary": c.summary_row, "groups": _groups_view(c), "figures": c.summary_row.figures,
               "channel_labels": dict(choices.Channel.choices), "answer_labels": f.ANSWER_LABELS,
               "next_version": version, "changed": changed}  # fmt: skip
    return render(request, "consultations/answers/summary.html", context)


def _report_context(c: Consultation) -> dict[str, Any]:
    body = c.organization
    summary = selectors.summary_of(c)
    return {
        "c": c, "summary": summary, "groups": _groups_view(c),
        "figures": summary.figures if summary else selectors.figures(c),
        "channel_labels": dict(choices.Channel.choices), "answer_labels": f.ANSWER_LABELS,
        "parent_name": (body.parent.name if body.parent else "").upper(), "body_name": body.name.upper(),
        "body_short": "UBND", "doc_code": "BC", "place": c.place.name,
        "day": summary.published_on if summary else clock.today(),
    }  # fmt: skip


def _print(request: HttpRequest, c: Consultation) -> HttpResponse:
    with translation.override("vi"):  # an administrative document (NĐ 30/2020, Điều 8)
        return render(request, "consultations/answers/report_print.html", _report_context(c))


def _xlsx(c: Consultation) -> HttpResponse:
    """The groups, answers and counts; comment texts with channel and source; no participant identity."""
    with translation.override("vi"):
        headings = selectors.section_headings(c)
        header = ["STT", "Phần dự thảo", "Nhóm ý kiến", "Số ý kiến", "Số người", "Kênh", "Nội dung ý kiến",
                  "Nguồn", "Kết quả", "Giải trình, tiếp thu", "Lý do không tiếp thu"]  # fmt: skip
        rows: list[list[Any]] = []
        for number, g in enumerate(_groups_view(c), start=1):
            group = g["group"]
            section = headings.get(group.section_key, "") if group.section_key else "Toàn bộ dự thảo"
            for i, comment in enumerate(g["comments"]):
                first = i == 0
                rows.append([number if first else "", section if first else "", group.title if first else "",
                             len(g["comments"]) if first else "", g["supporters"] if first else "",
                             str(comment.get_channel_display()), comment.text, comment.source_ref,
                             str(g["answer_label"]) if first else "", group.answer_text if first else "",
                             group.reason if first else ""])  # fmt: skip
        return table_download("xlsx", header, rows, sheet="tong_hop", filename=f"tong-hop-y-kien-{c.code}.xlsx")


@require_GET
def summary_print(request: HttpRequest, code: str) -> HttpResponse:
    return _print(request, _published_or_404(code))


@require_GET
def summary_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    return _xlsx(_published_or_404(code))


# Staff ---------------------------------------------------------------------------------------------------------


def _mine_or_404(request: HttpRequest, code: str) -> Consultation:
    try:
        return selectors.consultation_for_answering(user=request.user, code=code)
    except NotFound:
        raise Http404 from None


def _page_context(request: HttpRequest, c: Consultation, **forms: Any) -> dict[str, Any]:
    groups = _groups_view(c, keep_empty=True)
    all_groups = [g["group"] for g in groups]
    choices_ = [(g.pk, g.title[:80]) for g in all_groups]
    for g in groups:
        group = g["group"]
        g["answer_form"] = forms.get(f"answer_{group.pk}") or f.AnswerForm(
            prefix=f"g{group.pk}",
            initial={"answer": group.answer if group.answer != choices.Answer.PENDING else None,
                     "text": group.answer_text, "reason": group.reason},
        )  # fmt: skip
        g["rename_form"] = forms.get(f"rename_{group.pk}") or f.GroupForm(
            prefix=f"r{group.pk}", initial={"title": group.title}
        )
        g["move_forms"] = [(cm, f.MoveForm(prefix=f"c{cm.pk}", groups=choices_,
                                           initial={"group": group.pk}))
                           for cm in g["comments"] if cm.status == choices.Moderation.PUBLISHED]  # fmt: skip
    ungrouped = [(cm, f.MoveForm(prefix=f"c{cm.pk}", groups=choices_))
                 for cm in selectors.ungrouped_comments(c)]  # fmt: skip
    may_publish = selectors.may_publish(request.user, c)
    return {
        "c": c, "groups": groups,
        "ungrouped": ungrouped, "counts": selectors.answer_counts(c), "headings": selectors.section_headings(c),
        "may_answer": selectors.may_answer(request.user, c), "may_publish": may_publish,
        "working": c.status in (choices.Status.OPEN, choices.Status.CLOSED),
        "new_group_form": forms.get("new_group") or f.GroupForm(prefix="new"),
        "decision_form": forms.get("decision") or f.DecisionForm(initial={"decided_on": c.decided_on}),
        "publish_form": forms.get("publish") or f.PublishForm(),
        "page_error": forms.get("page_error", ""),
        "summary": selectors.summary_of(c),
    }  # fmt: skip


@login_required
@never_cache
@require_GET
def answers_page(request: HttpRequest, code: str) -> HttpResponse:
    c = _mine_or_404(request, code)
    return render(request, "consultations/answers/staff.html", _page_context(request, c))


def _redirect(c: Consultation, anchor: str = "") -> HttpResponse:
    response = redirect("consultations:answers", code=c.code)
    response["Location"] += anchor
    return response


@login_required
@never_cache
@require_POST
def answers_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """The page's forms on the consultation: ``goi-y`` (suggest groups), ``nhom-moi`` (a new group),
    ``chuyen`` (move a comment), ``quyet-dinh`` (the decision's date), ``cong-bo`` (publish)."""
    c = _mine_or_404(request, code)
    forms: dict[str, Any] = {}
    try:
        if action == "goi-y":
            made = services.groups_suggest(actor=request.user, consultation=c)
            messages.success(request, _("%(n)s group(s) suggested. Check them, rename and move comments as needed.")
                             % {"n": len(made)})  # fmt: skip
            return _redirect(c, "#nhom")
        if action == "nhom-moi":
            form: Any = f.GroupForm(request.POST, prefix="new")
            forms["new_group"] = form
            if form.is_valid():
                services.group_create(actor=request.user, consultation=c, title=form.cleaned_data["title"])
                messages.success(request, _("The group is created: move comments into it."))
                return _redirect(c, "#nhom")
        elif action == "chuyen":
            comment_pk = parsing.object_id(request.POST.get("comment"))
            comment = c.comments.filter(pk=comment_pk).first() if comment_pk else None
            if comment is None:
                raise Http404
            form = f.MoveForm(request.POST, prefix=f"c{comment.pk}", groups=[(g.pk, g.title) for g in c.groups.all()])
            if not form.is_valid():
                raise Http404
            group = c.groups.get(pk=form.cleaned_data["group"])
            services.comment_move(actor=request.user, comment=comment, group=group)
            messages.success(request, _("The comment is moved."))
            return _redirect(c, f"#nhom-{group.pk}")
        elif action == "quyet-dinh":
            form = f.DecisionForm(request.POST)
            forms["decision"] = form
            if form.is_valid():
                services.decision_record(actor=request.user, consultation=c, decided_on=form.cleaned_data["decided_on"])
                messages.success(request, _("The decision is recorded; the summary's due date is set."))
                return _redirect(c, "#quyet-dinh")
        elif action == "cong-bo":
            form = f.PublishForm(request.POST)
            forms["publish"] = form
            if form.is_valid():
                services.summary_publish(actor=request.user, consultation=c, text=form.cleaned_data["text"])
                messages.success(request, _("The summary and the answers are published."))
                return redirect("consultations:summary", code=c.code)
        else:
            raise Http404
    except DomainError as exc:
        target = next(iter(forms.values()), None)
        if target is not None:
            target.refused(exc)
        else:
            forms["page_error"] = str(exc.message)
    c = _mine_or_404(request, code)
    return render(request, "consultations/answers/staff.html", _page_context(request, c, **forms), status=400)


@login_required
@never_cache
@require_POST
def answers_group_act(request: HttpRequest, code: str, pk: int, action: str) -> HttpResponse:
    """A group's forms: ``tra-loi`` (answer it), ``doi-ten`` (rename it)."""
    c = _mine_or_404(request, code)
    group = c.groups.filter(pk=pk).first()
    if group is None:
        raise Http404
    forms: dict[str, Any] = {}
    try:
        if action == "tra-loi":
            form: Any = f.AnswerForm(request.POST, prefix=f"g{group.pk}")
            forms[f"answer_{group.pk}"] = form
            if form.is_valid():
                d = form.cleaned_data
                services.group_answer(actor=request.user, group=group, answer=d["answer"], text=d["text"],
                                      reason=d["reason"])  # fmt: skip
                messages.success(request, _("The answer is saved."))
                return _redirect(c, f"#nhom-{group.pk}")
        elif action == "doi-ten":
            form = f.GroupForm(request.POST, prefix=f"r{group.pk}")
            forms[f"rename_{group.pk}"] = form
            if form.is_valid():
                services.group_rename(actor=request.user, group=group, title=form.cleaned_data["title"])
                messages.success(request, _("The group is renamed."))
                return _redirect(c, f"#nhom-{group.pk}")
        else:
            raise Http404
    except DomainError as exc:
        next(iter(forms.values())).refused(exc)
    c = _mine_or_404(request, code)
    return render(request, "consultations/answers/staff.html", _page_context(request, c, **forms), status=400)


@login_required
@require_GET
def answers_print(request: HttpRequest, code: str) -> HttpResponse:
    return _print(request, _mine_or_404(request, code))


@login_required
@require_GET
def answers_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    return _xlsx(_mine_or_404(request, code))
