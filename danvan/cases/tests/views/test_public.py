"""The citizen's side of cases: the public form, the receipt, the private link, withdrawal, "my petitions".

The rules themselves are tested in ``danvan/cases/tests``; here: that the web says them in
Vietnamese, stores a petition whole or not at all, once, and shows a case only to who holds its link.
"""

from __future__ import annotations

import io
import re
import uuid
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image

from danvan.cases.choices import Status
from danvan.cases.models import Attachment, Case, CaseEvent, RoutingRule, SealedIdentity
from danvan.cases.services.intake import case_access_hash
from danvan.core.models import AuditEvent
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, grant, make_user, organization
from danvan.ui.citizen import citizen_text

pytestmark = pytest.mark.django_db

SUBMIT = reverse("cases:case_submit")
RECEIPT = reverse("cases:case_receipt")
CONTENT = "Đường kiệt 12 Phú Xuân bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống thoát nước."


@pytest.fixture
def world(db):
    phuong = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=phuong, unit=None, track="")
    handler = make_user(username="tiepnhan")
    grant(handler, Role.HANDLER, phuong)
    return SimpleNamespace(phuong=phuong, handler=handler, citizen=make_user(username="dan"))


def vi(msgid: str, **params: Any) -> str:
    """The Vietnamese of a message, as the page must show it (HTML-escaped)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    assert text != msgid, f"no Vietnamese translation for {msgid!r}"
    return escape(text % params if params else text)


def png(size: tuple[int, int] = (8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (16, 16), (10, 120, 10))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (16.0, 27.0, 50.0), 3: "E", 4: (107.0, 35.0, 30.0)}  # GPSInfo: where the photo was taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "track": "pakn",
        "title": "Ngập nước kiệt 12",
        "content": CONTENT,
        "topic": "giao-thong-ha-tang",
        "place_text": "phuong phu xuan, hue",
        "name": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "email": "an@example.vn",
        "address": "12 kiệt 5 Lê Lợi, Huế",
        "people_count": "1",
        "consent": "on",
        "idempotency_key": uuid.uuid4().hex,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stored() -> tuple[int, int, int, int, int]:
    return (Case.objects.count(), CaseEvent.objects.count(), Attachment.objects.count(),
            SealedIdentity.objects.count(), AuditEvent.objects.filter(action="cases.submit").count())  # fmt: skip


def without_request_echo(html: bytes) -> str:
    """The page without what echoes the request: the CSRF token and the language switcher's return path."""
    html_text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())
    return re.sub(r'name="next" type="hidden" value="[^"]+"', "", html_text)


def submit_ok(client, **overrides: Any):
    response = client.post(SUBMIT, form_data(**overrides))
    assert response.status_code == 303, response.content.decode()[:3000]
    assert response["Location"] == RECEIPT
    receipt = client.get(RECEIPT)
    token = receipt.context["receipt"]["token"]
    case = Case.objects.get(tracking_code=receipt.context["receipt"]["code"])
    return case, token, receipt


# The form ------------------------------------------------------------------------------------


def test_the_form_is_public_vietnamese_and_carries_a_fresh_idempotency_key(client, world):
    first = client.get(SUBMIT)
    second = client.get(SUBMIT)
    assert first.status_code == 200 and '<html lang="vi">' in first.content.decode()
    keys = [r.context["form"].initial["idempotency_key"] for r in (first, second)]
    assert keys[0] != keys[1] and all(re.fullmatch(r"[0-9a-f]{32}", k) for k in keys)
    html = first.content.decode()
    assert f'value="{keys[0]}"' in html
    assert 'enctype="multipart/form-data"' in html and "multiple" in html
    assert "Luật Tố cáo 2018" in html and "91/2025/QH15" in html  # secrecy and personal-data texts
    assert first["Cache-Control"].startswith("max-age=0") or "no-cache" in first["Cache-Control"]


def test_every_input_of_the_form_has_a_label(client, world):
    html = client.get(SUBMIT).content.decode()
    ids = set(re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html))
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    assert ids and ids <= labelled, ids - labelled
    assert "style=" not in html and "<script>" not in html  # strict CSP: no inline style or script


def test_a_petition_is_stored_with_its_event_and_audit_and_the_receipt_shows_code_and_link_once(client, world):
    before = stored()
    case, token, receipt = submit_ok(client)
    html = receipt.content.decode()
    assert case.tracking_code in html and f"?k={token}" in html
    assert case.status == Status.RECEIVED and case.channel == "web" and case.submitter is None
    assert case.handling_organization == world.phuong and case.place_unit.name == "Phường Phú Xuân"
    assert case.topic.code == "giao-thong-ha-tang" and case.contact_phone == "0912 345 678"
    assert case.consented_at is not None and "91/2025/QH15" in case.consent_text
    assert case.access_token_hash == case_access_hash(token)
    assert CaseEvent.objects.filter(case=case, action="submit", visibility="public").count() == 1
    assert AuditEvent.objects.filter(action="cases.submit", object_id=str(case.pk)).count() == 1
    assert stored()[0] == before[0] + 1
    # The secret travelled in the session, not in the redirect, and is forgotten once shown.
    again = client.get(RECEIPT)
    assert token not in again.content.decode() and again.context["receipt"] is None
    assert "k=" not in receipt.request["PATH_INFO"] and "k=" not in (receipt.request.get("QUERY_STRING") or "")


def test_a_signed_in_citizens_petition_is_linked_to_their_account(client, world):
    client.force_login(world.citizen)
    case, _token, _receipt = submit_ok(client)
    assert case.submitter == world.citizen


def test_a_double_click_stores_once_and_still_shows_the_private_link(client, world):
    data = form_data()
    assert client.post(SUBMIT, data).status_code == 303
    assert client.post(SUBMIT, data).status_code == 303
    assert Case.objects.count() == 1
    receipt = client.get(RECEIPT)
    assert receipt.context["receipt"]["token"]  # the first answer's secret was kept
    assert case_access_hash(receipt.context["receipt"]["token"]) == Case.objects.get().access_token_hash


def test_a_retry_after_the_receipt_says_already_received_and_gives_the_same_link_again(client, world):
    # The citizen whose receipt page never arrived (the connection dropped, a 503) sends the same form
    # again: same case, and the private link again (issue 12, item 7b); only the same form and key get it.
    data = form_data()
    client.post(SUBMIT, data)
    first = client.get(RECEIPT).context["receipt"]  # shown, then forgotten
    response = client.post(SUBMIT, data, follow=True)
    assert Case.objects.count() == 1 and CaseEvent.objects.count() == 1
    html = response.content.decode()
    assert response.context["receipt"]["again"] and response.context["receipt"]["token"] == first["token"]
    assert Case.objects.get().tracking_code in html and first["token"] in html
    assert "Đơn này đã được tiếp nhận trước đó" in html


def test_an_image_is_stored_cleaned_of_its_location(client, world):
    photo = SimpleUploadedFile("anh-hien-truong.jpg", jpeg_with_gps(), content_type="image/jpeg")
    case, _token, _receipt = submit_ok(client, attachments=[photo])
    attachment = case.attachments.get()
    assert attachment.kind == "evidence" and attachment.content_type == "image/jpeg" and not attachment.sealed
    with attachment.file.open("rb") as handle, Image.open(handle) as image:
        assert not image.getexif().get(0x8825)


def test_a_pdf_is_stored_without_its_script_and_its_author(client, world):
    """Issue 12, items 3 and 4, through the form: the audit's crafted PDF, with an /Author added."""
    import io

    import pikepdf

    from danvan.files.tests.test_checks_pdf import JS_ACTION, crafted_object_stream

    with pikepdf.open(io.BytesIO(crafted_object_stream(JS_ACTION, extra=b"/Subtype /Image"))) as doc:
        doc.docinfo["/Author"] = "Nguyễn Văn An"
        out = io.BytesIO()
        doc.save(out)
    case, _token, _receipt = submit_ok(
        client, attachments=[SimpleUploadedFile("don.pdf", out.getvalue(), "application/pdf")]
    )
    with case.attachments.get().file.open("rb") as handle, pikepdf.open(io.BytesIO(handle.read())) as stored_pdf:
        assert "/OpenAction" not in stored_pdf.Root and "/Author" not in stored_pdf.docinfo


def test_the_audits_forty_megapixel_png_is_refused_at_the_form(client, world):
    import io

    picture = io.BytesIO()
    Image.new("1", (8000, 5000)).save(picture, "PNG")
    response = client.post(
        SUBMIT, form_data(attachments=[SimpleUploadedFile("bom.png", picture.getvalue(), "image/png")])
    )
    assert response.status_code == 400 and Case.objects.count() == 0
    assert "megapixel" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"content": ""}, "content", ("Please describe the matter (at least %(n)s characters).", {"n": 10})),
        ({"content": "Xin <script>alert(1)</script> giải quyết giúp"}, "content",
         ("Please write plain text: HTML code is not accepted.", {})),
        ({"place_text": "Phường Không Tồn Tại, Tỉnh Không Có"}, "place_text",
         ("This place was not found. Write the commune or ward and the province.", {})),
        ({"consent": None}, "consent", ("Please confirm that you agree to the processing of your information.", {})),
        ({"track": "khieu_nai", "is_anonymous": "on"}, "is_anonymous",
         ("A complaint cannot be anonymous (Luật Khiếu nại 2011, Điều 8).", {})),
        ({"attachments": [SimpleUploadedFile("anh.png", b"<html><script>alert(1)</script></html>", "image/png")]}, "attachments",
         ("The file %(name)s is not a JPEG, PNG or WebP image or a PDF document.", {"name": "anh.png"})),
        ({"attachments": [SimpleUploadedFile("anh.png", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "image/png")]}, "attachments",
         ("The content of the file %(name)s does not match its name.", {"name": "anh.png"})),
        ({"attachments": [SimpleUploadedFile("lon.png", png() + b"\0" * (10 * 1024 * 1024), "image/png")]}, "attachments",
         ("The file %(name)s is larger than %(limit)s MB.", {"name": "lon.png", "limit": "10"})),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_vietnamese_next_to_its_field_and_nothing_is_stored(client, world, overrides, field,
                                                                                     message):  # fmt: skip
    before = stored()
    response = client.post(SUBMIT, form_data(**overrides))
    assert response.status_code == 400
    msgid, params = message
    assert vi(msgid, **params) in response.content.decode()
    assert response.context["form"].errors[field]
    assert stored() == before


def test_a_refused_form_keeps_what_was_typed_and_its_idempotency_key(client, world):
    data = form_data(content="<b>Xin</b> sửa đường giúp dân khu vực này")
    html = client.post(SUBMIT, data).content.decode()
    assert data["idempotency_key"] in html and "Nguyễn Văn An" in html and "phuong phu xuan, hue" in html
    assert 'role="alert"' in html


def test_a_map_point_is_parsed_rounded_and_checked(client, world):
    case, _token, _receipt = submit_ok(client, latitude="16.46370012345", longitude="107.5908")
    assert (str(case.latitude), str(case.longitude)) == ("16.463700", "107.590800")
    for latitude, longitude in (("1e30", "107"), ("abc", "107"), ("48.85", "2.35"), ("16.4", "")):
        response = client.post(SUBMIT, form_data(latitude=latitude, longitude=longitude))
        assert response.status_code == 400 and response.context["form"].errors.get("latitude")
    assert Case.objects.count() == 1


def test_a_request_larger_than_the_total_limit_is_refused_before_it_is_read(client, world):
    big = [SimpleUploadedFile(f"anh{i}.png", png() + b"\0" * (8 * 1024 * 1024), "image/png") for i in range(4)]
    response = client.post(SUBMIT, form_data(attachments=big))
    assert response.status_code == 413
    assert "30 MB" in response.content.decode() and Case.objects.count() == 0


def test_the_english_page_says_it_in_english(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(SUBMIT, form_data(content="   "))
    assert response.status_code == 400
    assert "Please describe the matter (at least 10 characters)." in response.content.decode()


def test_submissions_are_rate_limited_per_device(client, world, frozen_clock):
    # Stored petitions count (invalid forms do not: tests/views/test_limits.py), 10 per device per hour.
    client.get(SUBMIT)  # the device cookie
    for i in range(10):
        assert client.post(SUBMIT, form_data(phone="", email=f"n{i}@example.vn")).status_code == 303
    response = client.post(SUBMIT, form_data(phone="", email="n10@example.vn"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert Case.objects.count() == 10
    assert client.post(SUBMIT, form_data(email="other@example.vn"), REMOTE_ADDR="10.1.2.3").status_code == 429
    other = Client()  # another device, same address
    other.get(SUBMIT)
    assert other.post(SUBMIT, form_data(phone="", email="n11@example.vn")).status_code == 303


# Tố cáo ---------------------------------------------------------------------------------------


def test_a_denouncers_identity_is_sealed_and_never_shown(client, world):
    case, token, receipt = submit_ok(client, track="to_cao", title="Tố cáo cán bộ địa chính",
                                     content="Cán bộ địa chính phường yêu cầu nộp thêm tiền ngoài quy định.")  # fmt: skip
    assert (case.contact_name, case.contact_phone, case.contact_email, case.contact_address) == ("", "", "", "")
    sealed = SealedIdentity.objects.get(case=case)
    assert "Nguyễn Văn An" not in sealed.token and "0912" not in sealed.token
    page = client.get(
        reverse("cases:case_track", args=[case.tracking_code]), {"k": token}, follow=True
    ).content.decode()
    for secret in ("Nguyễn Văn An", "0912 345 678", "an@example.vn", "Lê Lợi"):
        assert secret not in page and secret not in receipt.content.decode()
    assert "Cán bộ địa chính phường" in page  # the denouncer reads their own words


def test_an_anonymous_denunciation_is_kept_as_information(client, world):
    case, _token, _receipt = submit_ok(client, track="to_cao", is_anonymous="on", name="", phone="", email="",
                                       address="")  # fmt: skip
    assert case.status == Status.INFO_ONLY and case.is_anonymous
    assert not SealedIdentity.objects.filter(case=case).exists()


# Following a case ---------------------------------------------------------------------------


def test_the_private_link_shows_status_deadline_and_public_timeline(client, world):
    case, token, _receipt = submit_ok(client)
    CaseEvent.objects.create(case=case, action="assign", note="Giao cho chị Hoa xử lý", visibility="internal")
    response = client.get(reverse("cases:case_track", args=[case.tracking_code]), {"k": token}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and case.title in html
    assert "Đã tiếp nhận" in html  # the status, in plain Vietnamese
    assert case.due_on.strftime("%d/%m/%Y") in html and escape(citizen_text(case.due_explanation)) in html
    assert "spec §" in case.due_explanation and "spec §" not in html  # the operators' marks stay theirs
    assert "Giao cho chị Hoa" not in html  # staff-only steps stay staff-only
    assert "Nguyễn Văn An" not in html and "0912 345 678" not in html
    assert "UBND Phường Phú Xuân" in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_a_wrong_secret_and_an_unknown_code_get_the_same_not_found_page(client, world):
    case, token, _receipt = submit_ok(client)
    wrong = client.get(reverse("cases:case_track", args=[case.tracking_code]), {"k": token[:-2] + "xx"})
    unknown = client.get(reverse("cases:case_track", args=["PA-2602-ZZZZZZ"]), {"k": token})
    assert wrong.status_code == unknown.status_code == 404
    assert without_request_echo(wrong.content) == without_request_echo(unknown.content)
    assert case.title not in wrong.content.decode()


def test_without_the_secret_anyone_gets_the_look_up_form_whatever_the_code(client, world):
    case, _token, _receipt = submit_ok(client)
    existing = client.get(reverse("cases:case_track", args=[case.tracking_code]))
    missing = client.get(reverse("cases:case_track", args=["PA-2602-ZZZZZZ"]))
    assert existing.status_code == missing.status_code == 200
    assert case.title not in existing.content.decode()
    client.force_login(world.citizen)  # signed in, but not the owner
    assert case.title not in client.get(reverse("cases:case_track", args=[case.tracking_code])).content.decode()


def test_the_look_up_form_accepts_code_and_secret_or_the_whole_link(client, world):
    case, token, receipt = submit_ok(client)
    response = client.post(reverse("cases:case_lookup"), {"code": case.tracking_code.lower(), "secret": token})
    assert response.status_code == 303 and response["Location"] == f"/tra-cuu/{case.tracking_code}/"
    link = receipt.context["private_link"]
    response = Client().post(reverse("cases:case_lookup"), {"code": "", "secret": link}, follow=True)
    assert response.status_code == 200 and case.title in response.content.decode()
    assert client.post(reverse("cases:case_lookup"), {"code": "", "secret": "abc"}).status_code == 400
    # An older GET of the form still works, and also ends at the address without the secret.
    response = Client().get(reverse("cases:case_lookup"), {"code": case.tracking_code, "secret": token}, follow=True)
    assert response.redirect_chain == [(f"/tra-cuu/{case.tracking_code}/", 303)] and case.title in html_of(response)


def html_of(response: Any) -> str:
    return response.content.decode()


def test_the_private_link_moves_its_secret_out_of_the_address_and_then_shows_the_case(client, world):
    """The secret of the email/SMS link reaches the server once; the browser ends on an address without it."""
    case, token, _receipt = submit_ok(client)
    citizen = Client()  # another device: nothing but the link
    first = citizen.get(f"/tra-cuu/{case.tracking_code}/?k={token}")
    assert first.status_code == 303 and first["Location"] == f"/tra-cuu/{case.tracking_code}/"
    assert token not in first["Location"] and not first.content
    assert "no-store" in first["Cache-Control"]
    page = citizen.get(first["Location"])
    assert page.status_code == 200 and case.title in html_of(page)
    assert token not in html_of(page) and "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "same-origin" and page["X-Robots-Tag"] == "noindex, nofollow"
    # The session holds a grant derived from the stored hash, not the secret.
    assert token not in str(dict(citizen.session))
    # Another browser without the link gets the look-up form, as for any code.
    stranger = Client().get(first["Location"])
    assert stranger.status_code == 200 and case.title not in html_of(stranger)


def test_a_wrong_secret_is_answered_exactly_like_a_missing_case_without_a_redirect(client, world):
    case, token, _receipt = submit_ok(client)
    wrong = Client().get(f"/tra-cuu/{case.tracking_code}/?k={token[:-2]}xx")
    missing = Client().get(f"/tra-cuu/PA-2602-ZZZZZZ/?k={token}")
    assert wrong.status_code == missing.status_code == 404
    assert "Location" not in wrong and without_request_echo(wrong.content) == without_request_echo(missing.content)


def test_a_replaced_secret_ends_the_access_a_session_was_granted(client, world):
    case, token, _receipt = submit_ok(client)
    citizen = Client()
    citizen.get(f"/tra-cuu/{case.tracking_code}/?k={token}")
    Case.objects.filter(pk=case.pk).update(access_token_hash=case_access_hash("a-new-secret"))
    assert case.title not in html_of(citizen.get(f"/tra-cuu/{case.tracking_code}/"))


def test_lookups_by_secret_are_rate_limited(client, world, frozen_clock):
    url = reverse("cases:case_track", args=["PA-2602-ZZZZZZ"])
    client.get(reverse("cases:case_lookup"))  # the device cookie: 60 per device per 10 minutes
    for _ in range(60):
        assert client.get(url, {"k": "guess"}).status_code == 404
    assert client.get(url, {"k": "guess"}).status_code == 429


def test_the_answer_shows_once_the_case_is_answered(client, world):
    case, token, _receipt = submit_ok(client)
    Case.objects.filter(pk=case.pk).update(answer_text="Phường đã nạo vét cống ngày 10/02/2026.")
    url = reverse("cases:case_track", args=[case.tracking_code])
    assert "Phường đã nạo vét" not in client.get(url, {"k": token}, follow=True).content.decode()
    Case.objects.filter(pk=case.pk).update(status=Status.ANSWERED)
    assert "Phường đã nạo vét" in client.get(url, {"k": token}, follow=True).content.decode()


def test_the_owner_opens_their_case_without_the_secret_and_lists_their_cases(client, world):
    client.force_login(world.citizen)
    mine, _token, _receipt = submit_ok(client)
    client.logout()
    other, _token, _receipt = submit_ok(client, title="Đèn đường hỏng")
    client.force_login(world.citizen)
    assert mine.title in client.get(reverse("cases:case_track", args=[mine.tracking_code])).content.decode()
    listing = client.get(reverse("cases:my_cases")).content.decode()
    assert mine.tracking_code in listing and other.tracking_code not in listing


def test_my_cases_needs_an_account(client):
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


def test_the_owner_withdraws_after_confirming(client, world):
    client.force_login(world.citizen)
    case, _token, _receipt = submit_ok(client)
    url = reverse("cases:case_withdraw", args=[case.tracking_code])
    page = client.get(reverse("cases:case_track", args=[case.tracking_code])).content.decode()
    assert url in page
    client.post(url, {"note": "Đã xong"})  # not confirmed
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    response = client.post(url, {"confirm": "on", "note": "Đã được giải quyết"}, follow=True)
    case.refresh_from_db()
    assert case.status == Status.TERMINATED and response.status_code == 200
    assert CaseEvent.objects.filter(case=case, action="withdraw", actor=world.citizen).exists()


def test_only_the_owner_may_withdraw(client, world):
    client.force_login(world.citizen)
    case, token, _receipt = submit_ok(client)
    url = reverse("cases:case_withdraw", args=[case.tracking_code])
    client.force_login(make_user(username="nguoikhac"))
    assert client.post(url, {"confirm": "on"}).status_code == 404
    client.logout()
    assert client.post(url, {"confirm": "on"}).status_code == 302  # to the login page
    page = client.get(
        reverse("cases:case_track", args=[case.tracking_code]), {"k": token}, follow=True
    ).content.decode()
    assert url not in page and "văn bản rút đơn có chữ ký" in page  # link holders are told how to withdraw
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_a_signed_in_denouncer_withdraws_their_denunciation(client, world):
    client.force_login(world.citizen)
    case, _token, _receipt = submit_ok(client, track="to_cao")
    client.post(reverse("cases:case_withdraw", args=[case.tracking_code]), {"confirm": "on"})
    case.refresh_from_db()
    assert case.status == Status.TERMINATED


def test_the_forms_refuse_a_post_without_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post(SUBMIT, form_data()).status_code == 403
    assert Case.objects.count() == 0


def test_case_pages_carry_no_inline_style_or_script_and_are_not_indexed(client, world):
    case, token, receipt = submit_ok(client)
    page = client.get(reverse("cases:case_track", args=[case.tracking_code]), {"k": token}, follow=True)
    for response in (receipt, page):
        html = response.content.decode()
        assert "style=" not in html and "<script>" not in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("count", [1, 4])
def test_my_cases_reads_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    client.force_login(world.citizen)
    for n in range(count):
        submit_ok(client, title=f"Đơn số {n}")
    # session, user, roles (menu), verified contacts (danvan.citizens), count, page: the same for 1 case or many
    with django_assert_num_queries(6):
        response = client.get(reverse("cases:my_cases"))
    assert len(response.context["rows"]) == count
