"""Consultations: the drafts part's pages (parse, call a service or selector, render).

Public: the list (``/gop-y/``: open first; by place, status and words with or without diacritics) and a
consultation's page (``/gop-y/<code>/``: the draft's sections with anchors and a "comment on this part"
link each, documents, versions, then every part's public block). A consultation being prepared or
withdrawn is 404 to the public. Staff (a consultations' role on the body; others get 404 as elsewhere in
the project): the list, creating and editing, and a consultation's desk (status, sections, documents,
people affected, new version, then every part's staff block).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.consultations import blocks, choices
from danvan.consultations.forms import drafts as f
from danvan.consultations.models import Consultation, ConsultationDocument
from danvan.consultations.permissions import MANAGE
from danvan.consultations.selectors import drafts as selectors
from danvan.consultations.services import drafts as services
from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound
from danvan.democracy.selectors.villages import villages_for
from danvan.org import permissions


def _file_response(doc: ConsultationDocument) -> HttpResponse:
    with doc.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=doc.content_type)
    response["Content-Disposition"] = content_disposition_header(True, doc.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _comment_url(c: Consultation) -> str:
    """The participation part's comment page (``?section=<key>`` is added per section)."""
    try:
        return reverse("consultations:comment", args=[c.code])
    except NoReverseMatch:  # the participation part not mounted (the drafts part alone)
        return f"{reverse('consultations:public_detail', args=[c.code])}gop-y/"


# Public ------------------------------------------------------------------------------------------------------


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    place_id = parsing.object_id(request.GET.get("noi"))
    status = request.GET.get("trang-thai", "")
    status = status if status in {s.value for s in selectors.PUBLIC_STATUSES} else ""
    query = request.GET.get("q", "")[:100]
    rows = selectors.public_list(place_id=place_id, status=status, query=query)
    today = clock.today()
    context = {"rows": [(c, selectors.days_left(c, today)) for c in rows], "places": selectors.public_places(),
               "place_id": place_id, "status": status, "query": query,
               "statuses": [(s.value, s.label) for s in selectors.PUBLIC_STATUSES]}  # fmt: skip
    return render(request, "consultations/drafts/public_list.html", context)


@require_GET
def public_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        c = selectors.public_detail(code)
    except NotFound:
        raise Http404 from None
    versions = selectors.versions(c)
    context = {
        "c": c,
        "days_left": selectors.days_left(c),
        "sections": selectors.current_sections(c, versions),
        "versions": versions,
        "documents": selectors.documents(c),
        "channels": [choices.Channel(ch).label for ch in c.channels if ch in choices.Channel.values],
        "comment_url": _comment_url(c),
        "blocks": blocks.render_context("public", c, request),
    }
    return render(request, "consultations/drafts/public_detail.html", context)


@require_GET
def public_document(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    try:
        doc = selectors.document_public(code, pk)
    except NotFound:
        raise Http404 from None
    return _file_response(doc)


# Staff -------------------------------------------------------------------------------------------------------


def _staff_or_404(request: HttpRequest, code: str) -> Consultation:
    try:
        return selectors.consultation_for_staff(request.user, code)
    except NotFound:
        raise Http404 from None


@login_required
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    if not any(permissions.user_may(request.user, a) for a in selectors.STAFF_ACTIONS):
        raise Http404
    status = request.GET.get("trang-thai", "")
    status = status if status in choices.Status.values else ""
    query = request.GET.get("q", "")[:100]
    context = {"rows": selectors.staff_list(request.user, status=status, query=query), "status": status,
               "query": query, "statuses": choices.Status.choices,
               "may_create": permissions.user_may(request.user, MANAGE)}  # fmt: skip
    return render(request, "consultations/drafts/staff_list.html", context)


def _form_sources(user: Any) -> dict[str, Any]:
    bodies = selectors.bodies_managed(user)
    places = selectors.places_for(bodies)
    villages = list(villages_for(user).filter(commune__in=[p for p in places if p.level == "commune"]))
    return {"bodies": bodies, "places": places, "villages": villages, "officers": selectors.officers_under(bodies)}


def _input(d: dict[str, Any], sources: dict[str, Any]) -> services.ConsultationInput:
    def pick(rows: list[Any], pk: Any) -> Any:
        return next((r for r in rows if r.pk == pk), None)

    return services.ConsultationInput(
        organization=pick(sources["bodies"], d["organization"]), place=pick(sources["places"], d["place"]),
        item=d["item"], title=d["title"], summary=d["summary"], basis=d["basis"], audience=d["audience"],
        verification=d["verification"], villages=[v for v in sources["villages"] if v.pk in d["villages"]],
        channels=list(d["channels"]), opens_on=d["opens_on"], closes_on=d["closes_on"],
        responsible=[u for u in sources["officers"] if u.pk in d["responsible"]], premoderate=d["premoderate"],
        code=d["code"],
    )  # fmt: skip


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest) -> HttpResponse:
    if not permissions.user_may(request.user, MANAGE):
        raise Http404
    sources = _form_sources(request.user)
    post = request.method == "POST"
    initial = {"opens_on": clock.today(), "channels": [choices.Channel.PLATFORM.value]}
    form = f.ConsultationForm(request.POST if post else None, initial=initial, **sources)
    if post and form.is_valid():
        d = form.cleaned_data
        try:
            c = services.consultation_create(actor=request.user, data=_input(d, sources), text=d["text"])
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("Saved. Check the sections, add the documents, then open it."))
            return redirect("consultations:staff_detail", code=c.code)
    return render(
        request, "consultations/drafts/staff_form.html", {"form": form, "c": None}, status=400 if post else 200
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, code: str) -> HttpResponse:
    c = _staff_or_404(request, code)
    if not selectors.may_manage(request.user, c) or c.status != choices.Status.DRAFT:
        raise Http404
    sources = _form_sources(request.user)
    post = request.method == "POST"
    initial = {"organization": c.organization_id, "item": c.item, "title": c.title, "summary": c.summary,
               "basis": c.basis, "place": c.place_id, "audience": c.audience, "verification": c.verification,
               "villages": [v.pk for v in c.villages.all()], "channels": c.channels, "opens_on": c.opens_on,
               "closes_on": c.closes_on, "responsible": [u.pk for u in c.responsible.all()],
               "premoderate": c.premoderate, "code": c.code}  # fmt: skip
    form = f.ConsultationForm(request.POST if post else None, initial=initial, with_text=False, **sources)
    form.fields["organization"].required = False
    form.fields["organization"].disabled = True
    if post and form.is_valid():
        d = form.cleaned_data | {"organization": c.organization_id}
        try:
            services.consultation_update(
                actor=request.user, consultation=c, data=_input(d, sources | {"bodies": [c.organization]})
            )
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("consultations:staff_detail", code=c.code)
    return render(request, "consultations/drafts/staff_form.html", {"form": form, "c": c}, status=400 if post else 200)


def _detail_context(request: HttpRequest, c: Consultation, **forms: Any) -> dict[str, Any]:
    manage = selectors.may_manage(request.user, c)
    affected_visible = c.audience == choices.Audience.AFFECTED and selectors.may_view_affected(request.user, c)
    draft_sections = selectors.consulted_sections(c) if c.status == choices.Status.DRAFT else []
    return {
        "c": c,
        "manage": manage,
        "days_left": selectors.days_left(c),
        "sections": selectors.current_sections(c),
        "draft_sections": draft_sections,
        "section_forms": [
            (s, f.SectionForm(initial={"key": s.key, "heading": s.heading, "text": s.text}, auto_id=f"id_{s.key}_%s"))
            for s in draft_sections
        ],
        "versions": selectors.versions(c),
        "documents": selectors.documents(c),
        "affected": selectors.affected_for(request.user, c) if affected_visible else None,
        "untold": services.affected_untold(c),
        "text_form": forms.get("text_form") or f.TextForm(),
        "version_form": forms.get("version_form") or f.VersionForm(),
        "document_form": forms.get("document_form") or f.DocumentForm(),
        "extend_form": forms.get("extend_form") or f.ExtendForm(),
        "withdraw_form": forms.get("withdraw_form") or f.ReasonForm(),
        "affected_form": forms.get("affected_form") or f.AffectedForm(),
        "told_form": f.ToldForm(initial={"on": clock.today()}),
        "heard_form": f.HeardForm(initial={"on": clock.today()}),
        "error": forms.get("error", ""),
        "public": c.status in selectors.PUBLIC_STATUSES,
        "blocks": blocks.render_context("staff", c, request),
    }


@login_required
@never_cache
@require_GET
def staff_detail(request: HttpRequest, code: str) -> HttpResponse:
    c = _staff_or_404(request, code)
    return render(request, "consultations/drafts/staff_detail.html", _detail_context(request, c))


@login_required
@require_GET
def staff_document(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    c = _staff_or_404(request, code)
    doc = c.documents.filter(pk=pk).first()
    if doc is None:
        raise Http404
    return _file_response(doc)


def _person(c: Consultation, pk: int) -> Any:
    person = c.affected.filter(pk=pk).first() if 0 < pk <= parsing.MAX_ID else None
    if person is None:
        raise Http404
    return person


@login_required
@never_cache
@require_POST
def staff_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """The desk's forms: ``mo`` (open now), ``len-lich`` (open on the first day), ``dong``, ``gia-han``,
    ``rut``, ``van-ban`` (paste the text again), ``phan`` (one section), ``phien-ban`` (the next version),
    ``tai-lieu``, ``nguoi`` / ``bao-tin`` / ``da-nghe`` (Art. 27)."""
    c = _staff_or_404(request, code)
    if not selectors.may_manage(request.user, c):
        raise Http404
    user, done = request.user, ""
    forms: dict[str, Any] = {}
    form: Any = None
    try:
        if action == "mo":
            services.consultation_open(actor=user, consultation=c)
            done = _("The consultation is open.")
        elif action == "len-lich":
            c = services.consultation_schedule(actor=user, consultation=c)
            done = (
                _("The consultation is open.")
                if c.status == choices.Status.OPEN
                else _("It will open on its first day.")
            )
        elif action == "dong":
            services.consultation_close(actor=user, consultation=c)
            done = _("The consultation is closed.")
        elif action == "gia-han":
            form = forms["extend_form"] = f.ExtendForm(request.POST)
            if form.is_valid():
                services.consultation_extend(actor=user, consultation=c, closes_on=form.cleaned_data["closes_on"],
                                             reason=form.cleaned_data["reason"])  # fmt: skip
                done = _("The period is extended.")
        elif action == "rut":
            form = forms["withdraw_form"] = f.ReasonForm(request.POST)
            if form.is_valid():
                services.consultation_withdraw(actor=user, consultation=c, reason=form.cleaned_data["reason"])
                done = _("The consultation is withdrawn.")
        elif action == "van-ban":
            form = forms["text_form"] = f.TextForm(request.POST)
            if form.is_valid():
                services.draft_text_replace(actor=user, consultation=c, text=form.cleaned_data["text"])
                done = _("The text is split into sections.")
        elif action == "phan":
            form = f.SectionForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                services.section_edit(actor=user, consultation=c, key=d["key"], heading=d["heading"], text=d["text"])
                done = _("The section is saved.")
            else:
                forms["error"] = _("Write the section's heading.")
        elif action == "phien-ban":
            form = forms["version_form"] = f.VersionForm(request.POST)
            if form.is_valid():
                services.version_add(actor=user, consultation=c, change_note=form.cleaned_data["change_note"],
                                     text=form.cleaned_data["text"])  # fmt: skip
                done = _("The new version is recorded.")
        elif action == "tai-lieu":
            form = forms["document_form"] = f.DocumentForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                services.document_add(actor=user, consultation=c, title=form.cleaned_data["title"], name=upload.name,
                                      data=upload.read())  # fmt: skip
                done = _("The document is attached.")
        elif action == "nguoi":
            form = forms["affected_form"] = f.AffectedForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                services.affected_add(actor=user, consultation=c, name=d["name"], contact=d["contact"], note=d["note"])
                done = _("The person is added.")
        elif action == "bao-tin":
            form = f.ToldForm(request.POST)
            if form.is_valid():
                services.affected_told(actor=user, person=_person(c, form.cleaned_data["person"]),
                                       on=form.cleaned_data["on"], via=form.cleaned_data["via"])  # fmt: skip
                done = _("Recorded.")
            else:
                forms["error"] = _("Please correct the marked fields.")
        elif action == "da-nghe":
            form = f.HeardForm(request.POST)
            if form.is_valid():
                services.affected_heard(actor=user, person=_person(c, form.cleaned_data["person"]),
                                        on=form.cleaned_data["on"], declined=form.cleaned_data["declined"])  # fmt: skip
                done = _("Recorded.")
            else:
                forms["error"] = _("Please correct the marked fields.")
        else:
            raise Http404
    except DomainError as exc:
        if (
            form is not None
            and hasattr(form, "refused")
            and form.is_bound
            and action not in ("phan", "bao-tin", "da-nghe")
        ):
            form.refused(exc)
        else:
            forms["error"] = exc.message
    if done:
        messages.success(request, done)
        return redirect("consultations:staff_detail", code=c.code)
    c = _staff_or_404(request, code)
    return render(request, "consultations/drafts/staff_detail.html", _detail_context(request, c, **forms), status=400)
