"""The disclosures part's pages (dân biết). Officers who publish for a commune (``PUBLISH`` on its
People's Committee): the list with compliance badges, recording one, its page (channels, proofs,
warnings, publish, withdraw) and the quarterly list (printable, Excel). Public: what a commune has
published, and one published disclosure with its document. Views parse, call and render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound
from danvan.democracy import choices
from danvan.democracy.forms import disclosures as f
from danvan.democracy.models import Disclosure, DisclosureProof
from danvan.democracy.permissions import PUBLISH
from danvan.democracy.selectors import disclosures as selectors
from danvan.democracy.selectors.communes import commune_by_code, commune_committee
from danvan.democracy.services import disclosures as services
from danvan.org import permissions
from danvan.ui.downloads import require_table_format, table_download


def _file_response(proof: DisclosureProof) -> HttpResponse:
    with proof.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=proof.content_type)
    response["Content-Disposition"] = content_disposition_header(True, proof.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Public ------------------------------------------------------------------------------------------------------


def _commune_or_404(code: int) -> Any:
    commune = commune_by_code(code)
    if commune is None:
        raise Http404
    return commune


@require_GET
def disclosures_public(request: HttpRequest, code: int) -> HttpResponse:
    """``/dan-chu/<commune>/cong-khai/``: what the commune is publishing now, then everything it published."""
    commune = _commune_or_404(code)
    context = {"commune": commune, "data": {"rows": selectors.published_now(commune.pk)},
               "earlier": selectors.published_all(commune.pk)[:100]}  # fmt: skip
    return render(request, "democracy/disclosures/public_list.html", context)


@require_GET
def disclosure_public(request: HttpRequest, code: int, pk: int) -> HttpResponse:
    """One published disclosure; a draft, a withdrawn one or another commune's is 404."""
    try:
        row = selectors.disclosure_public(commune_code=code, pk=pk)
    except NotFound:
        raise Http404 from None
    return render(request, "democracy/disclosures/public_detail.html", {"d": row, "commune": row.commune})


@require_GET
def disclosure_public_document(request: HttpRequest, code: int, pk: int) -> HttpResponse:
    try:
        row = selectors.disclosure_public(commune_code=code, pk=pk)
    except NotFound:
        raise Http404 from None
    if row.document is None:
        raise Http404
    return _file_response(row.document)


# Officers ----------------------------------------------------------------------------------------------------


def _may_publish(request: HttpRequest) -> None:
    if not permissions.user_may(request.user, PUBLISH):
        raise Http404


@login_required
@require_GET
def disclosure_list(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/dan-chu/cong-khai/``: the disclosures of the user's communes with their compliance."""
    _may_publish(request)
    communes = selectors.communes_for(user=request.user)
    commune_id = parsing.object_id(request.GET.get("xa"))
    status = request.GET.get("trang-thai", "")
    status = status if status in choices.DisclosureStatus.values else ""
    item = parsing.object_id(request.GET.get("noi-dung"))
    item = item if item in choices.DisclosureItem.values else None
    problem = request.GET.get("van-de", "")
    rows = selectors.with_compliance(
        selectors.disclosures_for(user=request.user, commune_id=commune_id, status=status, item=item)[:300]
    )
    if problem == "tre":
        rows = [r for r in rows if r[1].late or r[1].overdue_unpublished]
    elif problem == "kenh":
        rows = [r for r in rows if r[0].status == choices.DisclosureStatus.PUBLISHED and not r[1].channels_complete]
    context = {"rows": rows, "communes": communes, "commune_id": commune_id, "status": status, "item": item,
               "problem": problem, "statuses": choices.DisclosureStatus.choices,
               "items": choices.DisclosureItem.choices}  # fmt: skip
    return render(request, "democracy/disclosures/staff_list.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def disclosure_new(request: HttpRequest) -> HttpResponse:
    _may_publish(request)
    communes = selectors.communes_for(user=request.user)
    post = request.method == "POST"
    form = f.DisclosureForm(request.POST if post else None, request.FILES if post else None, communes=communes)
    if post and form.is_valid():
        d = form.cleaned_data
        commune = next((c for c in communes if c.pk == d["commune"]), None)
        upload = d.get("document")
        data = services.DisclosureInput(
            item=d["item"], title=d["title"], decided_on=d["decided_on"], summary=d["summary"],
            document_ref=d["document_ref"], sector_due_on=d["sector_due_on"], sector_basis=d["sector_basis"],
            document=(upload.name, upload.read()) if upload else None,
        )  # fmt: skip
        try:
            row = services.disclosure_record(actor=request.user, commune=commune, data=data)
        except DomainError as exc:
            form.refused(exc)
        else:
            messages.success(request, _("Recorded. Add the channels it runs on, then publish it."))
            return redirect("democracy:disclosure_detail", pk=row.pk)
    return render(request, "democracy/disclosures/staff_new.html", {"form": form}, status=400 if post else 200)


def _detail_context(request: HttpRequest, row: Disclosure, **forms: Any) -> dict[str, Any]:
    channels = list(row.channels.all())
    result = selectors.compliance(row)
    return {
        "d": row,
        "c": result,
        "channels": channels,
        "proofs": list(row.proofs.exclude(pk=row.document_id or 0)),
        "channel_form": forms.get("channel_form") or f.ChannelForm(initial={"starts_on": clock.today()}),
        "end_form": forms.get("end_form") or f.ChannelEndForm(),
        "end_channel": forms.get("end_channel"),
        "proof_form": forms.get("proof_form") or f.ProofForm(channels=channels),
        "withdraw_form": forms.get("withdraw_form") or f.WithdrawForm(),
        "publish_error": forms.get("publish_error", ""),
        "public_url": reverse("democracy:disclosure_public", args=[row.commune.code, row.pk])
        if row.status == choices.DisclosureStatus.PUBLISHED
        else "",
    }


def _row_or_404(request: HttpRequest, pk: int) -> Disclosure:
    try:
        return selectors.disclosure_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None


@login_required
@never_cache
@require_GET
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = _row_or_404(request, pk)
    return render(request, "democracy/disclosures/staff_detail.html", _detail_context(request, row))


@login_required
@never_cache
@require_POST
def disclosure_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The detail page's forms: ``kenh`` (add a channel), ``ket-thuc`` (end one), ``anh`` (a proof),
    ``cong-bo`` (publish), ``rut`` (withdraw)."""
    row = _row_or_404(request, pk)
    forms: dict[str, Any] = {}
    try:
        if action == "kenh":
            form: Any = f.ChannelForm(request.POST)
            forms["channel_form"] = form
            if form.is_valid():
                d = form.cleaned_data
                services.channel_add(actor=request.user, disclosure=row, channel=d["channel"], starts_on=d["starts_on"],
                                     ends_on=d["ends_on"], place=d["place"], note=d["note"])  # fmt: skip
                messages.success(request, _("The channel is recorded."))
                return redirect("democracy:disclosure_detail", pk=row.pk)
        elif action == "ket-thuc":
            channel = next((c for c in row.channels.all() if c.pk == parsing.object_id(request.POST.get("kenh"))), None)
            if channel is None:
                raise Http404
            form = f.ChannelEndForm(request.POST)
            forms["end_form"], forms["end_channel"] = form, channel.pk
            if form.is_valid():
                services.channel_end(actor=request.user, channel=channel, ends_on=form.cleaned_data["ends_on"])
                messages.success(request, _("The end date is recorded."))
                return redirect("democracy:disclosure_detail", pk=row.pk)
        elif action == "anh":
            channels = list(row.channels.all())
            form = f.ProofForm(request.POST, request.FILES, channels=channels)
            forms["proof_form"] = form
            if form.is_valid():
                d = form.cleaned_data
                upload = d["file"]
                channel = next((c for c in channels if c.pk == d["channel"]), None)
                services.proof_attach(actor=request.user, disclosure=row, name=upload.name, data=upload.read(),
                                      channel=channel, caption=d["caption"], taken_on=d["taken_on"])  # fmt: skip
                messages.success(request, _("The proof is attached."))
                return redirect("democracy:disclosure_detail", pk=row.pk)
        elif action == "cong-bo":
            services.disclosure_publish(actor=request.user, disclosure=row)
            messages.success(request, _("Published."))
            return redirect("democracy:disclosure_detail", pk=row.pk)
        elif action == "rut":
            form = f.WithdrawForm(request.POST)
            forms["withdraw_form"] = form
            if form.is_valid():
                services.disclosure_withdraw(actor=request.user, disclosure=row, reason=form.cleaned_data["reason"])
                messages.success(request, _("Withdrawn. It no longer shows on the public page."))
                return redirect("democracy:disclosure_detail", pk=row.pk)
        else:
            raise Http404
    except DomainError as exc:
        target = next((v for k, v in forms.items() if k.endswith("_form")), None)
        if target is not None:
            target.refused(exc)
        else:
            forms["publish_error"] = str(exc.message)
    row = _row_or_404(request, pk)
    return render(request, "democracy/disclosures/staff_detail.html", _detail_context(request, row, **forms),
                  status=400)  # fmt: skip


@login_required
@require_GET
def disclosure_file(request: HttpRequest, pk: int, proof_pk: int) -> HttpResponse:
    row = _row_or_404(request, pk)
    proof = next((p for p in row.proofs.all() if p.pk == proof_pk), None)
    if proof is None:
        raise Http404
    return _file_response(proof)


# The quarterly list (Art. 13) --------------------------------------------------------------------------------


def _quarter_choice(request: HttpRequest, data: Any) -> tuple[Any, list[Any]]:
    communes = selectors.communes_for(user=request.user)
    today = clock.today()
    initial = {
        "commune": communes[0].pk if communes else None,
        "year": today.year,
        "quarter": (today.month - 1) // 3 + 1,
    }
    return f.QuarterForm(data, initial=initial, communes=communes), communes


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def disclosure_quarter(request: HttpRequest) -> HttpResponse:
    """``/van-hanh/dan-chu/cong-khai/danh-sach-quy/``: choose a commune and quarter; make the list; record it posted."""
    _may_publish(request)
    data: Any = request.POST if request.method == "POST" else (request.GET if "xa" in request.GET else None)
    if data is not None and "xa" in data:
        data = {"commune": data.get("xa"), "year": data.get("nam"), "quarter": data.get("quy")}
    form, communes = _quarter_choice(request, data)
    context: dict[str, Any] = {"form": form, "post_form": f.ListPostForm(initial={"posted_on": clock.today()})}
    status = 200
    if data is not None and form.is_valid():
        d = form.cleaned_data
        commune = next(c for c in communes if c.pk == d["commune"])
        year, quarter = d["year"], d["quarter"]
        try:
            if request.method == "POST" and request.POST.get("buoc") == "niem-yet":
                post_form = f.ListPostForm(request.POST)
                context["post_form"] = post_form
                listing = selectors.disclosure_list_for(user=request.user, commune_id=commune.pk, year=year,
                                                        quarter=quarter)  # fmt: skip
                if listing is None:
                    raise Http404
                if post_form.is_valid():
                    services.disclosure_list_post(actor=request.user, disclosure_list=listing,
                                                  posted_on=post_form.cleaned_data["posted_on"])  # fmt: skip
                    messages.success(request, _("The list is recorded as posted."))
                else:
                    status = 400
            elif request.method == "POST":
                services.disclosure_list_generate(actor=request.user, commune=commune, year=year, quarter=quarter)
                messages.success(request, _("The list is made."))
        except DomainError as exc:
            form.refused(exc)
            status = 400
        query = f"xa={commune.pk}&nam={year}&quy={quarter}"
        context.update(
            commune=commune, year=year, quarter=quarter, query=query,
            rows=selectors.quarter_rows(commune.pk, year, quarter),
            listing=selectors.disclosure_list_for(user=request.user, commune_id=commune.pk, year=year, quarter=quarter),
        )  # fmt: skip
    elif data is not None:
        status = 400
    return render(request, "democracy/disclosures/staff_quarter.html", context, status=status)


def _quarter_from_query(request: HttpRequest) -> tuple[Any, int, int, Any]:
    _may_publish(request)
    form, communes = _quarter_choice(
        request, {"commune": request.GET.get("xa"), "year": request.GET.get("nam"), "quarter": request.GET.get("quy")}
    )
    if not form.is_valid():
        raise Http404
    d = form.cleaned_data
    commune = next(c for c in communes if c.pk == d["commune"])
    return commune, d["year"], d["quarter"], selectors.quarter_rows(commune.pk, d["year"], d["quarter"])


QUARTER_HEADER = ["STT", "Nội dung công khai (Điều 11)", "Tiêu đề", "Số, ký hiệu văn bản", "Ngày ban hành",
                  "Hình thức công khai", "Từ ngày", "Đến ngày"]  # fmt: skip


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@login_required
@never_cache
@require_GET
def disclosure_quarter_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_table_format(fmt)
    commune, year, quarter, rows = _quarter_from_query(request)
    lines = []
    with translation.override("vi"):
        for row in rows:
            d = row.disclosure
            for index, (form_label, start, end) in enumerate(row.forms or [("", None, None)]):
                first = index == 0
                lines.append([row.number if first else "", d.get_item_display() if first else "", d.title if first else "",
                              d.document_ref if first else "", _date(d.decided_on) if first else "", form_label,
                              _date(start), _date(end) or ("đang công khai" if start else "")])  # fmt: skip
    return table_download(fmt, QUARTER_HEADER, lines, sheet=f"quy_{quarter}_{year}",
                          filename=f"danh-muc-cong-khai-{commune.code}-{year}-q{quarter}.{fmt}")  # fmt: skip


@login_required
@never_cache
@require_GET
def disclosure_quarter_print(request: HttpRequest) -> HttpResponse:
    commune, year, quarter, rows = _quarter_from_query(request)
    body = commune_committee(commune)
    context = {
        "parent_name": (body.parent.name if body and body.parent else "").upper(),
        "body_name": (body.name if body else commune.name).upper(),
        "body_short": "UBND",
        "doc_code": "DM",
        "place": commune.short_name if hasattr(commune, "short_name") else commune.name,
        "day": clock.today(),
        "year": year,
        "quarter": quarter,
        "rows": rows,
        "commune": commune,
    }
    with translation.override("vi"):  # an administrative document (NĐ 30/2020, Điều 8)
        return render(request, "democracy/disclosures/quarter_print.html", context)
