"""The counter clerk (issue 14, item 7): the role's least privilege, the ID card (CCCD) on the counter form,
what is kept of it, the clerk's wording and the printed receipt (``views/counter.py``, ``receipts.py``)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.cases import permissions as case_permissions
from danvan.cases.choices import Channel
from danvan.cases.models import Case, RoutingRule, SealedIdentity
from danvan.cases.receipts import counter_receipt_facts
from danvan.cases.services import handling
from danvan.cases.services.intake import InvalidPetition, Petition, case_submit, id_number_digest
from danvan.cases.tests.views.test_counter import counter_data
from danvan.cases.tests.views.test_public import png, vi
from danvan.core import clock
from danvan.core.errors import NotFound, PermissionDenied
from danvan.core.id_card import ID_NUMBER_INVALID, ID_NUMBER_PROVINCE, id_number_problem
from danvan.files import sealing
from danvan.org import permissions
from danvan.org.choices import Role
from danvan.org.tests.factories import commune, grant, make_user, organization

pytestmark = pytest.mark.django_db

COUNTER = reverse("cases:case_counter")
RECEIPT = reverse("cases:case_counter_receipt")
CCCD = "046 203 004 567"  # Thừa Thiên Huế (046), born 2003


@pytest.fixture
def world(db):
    city = organization("UBND thành phố Huế")
    phuong = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=city)
    RoutingRule.objects.create(organization=phuong, unit=None, track="")
    clerk = make_user(username="motcua", full_name="Đỗ Thị Một Cửa")
    grant(clerk, Role.COUNTER_CLERK, phuong)
    handler = make_user(username="xuly", full_name="Trần Văn Xử Lý")
    grant(handler, Role.HANDLER, phuong)
    return SimpleNamespace(phuong=phuong, clerk=clerk, handler=handler)


def _enter(client, world, **overrides):
    client.force_login(world.clerk)
    response = client.post(COUNTER, counter_data(**overrides))
    assert response.status_code == 303, response.context["form"].errors if response.context else response
    return Case.objects.latest("id")


# The role: entering petitions at the counter and printing their receipts, nothing else --------------------


@pytest.mark.parametrize(
    ("action", "allowed"),
    [
        (case_permissions.COUNTER_INTAKE, True),
        (case_permissions.VIEW, False),
        (case_permissions.VIEW_TO_CAO, False),
        (case_permissions.HANDLE, False),
        (case_permissions.DECIDE, False),
        (case_permissions.ASSIGN, False),
        (case_permissions.OPEN_IDENTITY, False),
        (case_permissions.REVIEW_IDENTITY_OPENINGS, False),
        (case_permissions.MANAGE_ROUTING, False),
    ],
)
def test_the_counter_clerk_may_enter_petitions_and_nothing_else(world, action, allowed):
    assert permissions.user_may(world.clerk, action) is allowed


def test_the_counter_clerk_reaches_the_counter_but_no_case(client, world):
    case = _enter(client, world)
    assert client.get(COUNTER).status_code == 200
    for url in (reverse("cases:case_inbox"), reverse("cases:case_detail", args=[case.pk]),
                reverse("cases:case_report")):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("cases:case_act", args=[case.pk, "register"])).status_code == 404
    case.refresh_from_db()
    assert case.status == "received"


def test_a_step_by_the_counter_clerk_is_refused_as_forbidden(client, world):
    case = _enter(client, world)
    with pytest.raises(PermissionDenied) as refused:
        handling.case_register(case=case, actor=world.clerk)
    assert refused.value.code == "forbidden"
    with pytest.raises(PermissionDenied) as refused:
        handling.case_assign(case=case, actor=world.clerk, handler=world.handler)
    assert refused.value.code == "forbidden"


def test_a_counter_clerk_of_another_body_enters_nothing_here_but_a_citizen_not_at_all(world):
    citizen = make_user(username="dan")
    petition = Petition(content="Đường kiệt 12 bị ngập nước mỗi khi mưa.", track="pakn", name="An",
                        phone="0912345678", consent=True, place_text="phuong phu xuan, hue")  # fmt: skip
    with pytest.raises(PermissionDenied) as refused:
        case_submit(actor=citizen, petition=petition, channel=Channel.COUNTER)
    assert refused.value.code == "forbidden" and Case.objects.count() == 0


# The ID card number -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("046203004567", None),
        ("046 203 004 567", None),
        ("046.203.004.567", None),
        ("", None),
        ("04620300456", ID_NUMBER_INVALID),  # 11 digits
        ("0462030045678", ID_NUMBER_INVALID),  # 13 digits
        ("04620300456A", ID_NUMBER_INVALID),
        ("０４６２０３００４５６７", ID_NUMBER_INVALID),  # full-width digits
        ("003203004567", ID_NUMBER_PROVINCE),  # 003 is no province's code
        ("099203004567", ID_NUMBER_PROVINCE),
    ],
)
def test_an_id_card_number_has_twelve_digits_and_a_province_code(raw, problem):
    assert id_number_problem(raw) == (str(problem) if problem is not None else None)


def test_the_counter_form_refuses_a_wrong_id_card_number_and_stores_nothing(client, world):
    client.force_login(world.clerk)
    response = client.post(COUNTER, counter_data(track="khieu_nai", id_number="04620300456"))
    assert response.status_code == 400
    assert response.context["form"].errors["id_number"] == [str(ID_NUMBER_INVALID)]
    assert vi("Write the 12 digits of the ID card (e.g. 001 203 004 567) or a passport number (a letter and 7 or 8 "
              "digits).") in response.content.decode()  # fmt: skip
    assert Case.objects.count() == 0


def test_the_service_refuses_a_wrong_id_card_number_whatever_the_way_in(world):
    petition = Petition(content="Tôi khiếu nại quyết định thu hồi đất số 12.", track="khieu_nai", name="An",
                        phone="0912345678", consent=True, id_number="003203004567")  # fmt: skip
    with pytest.raises(InvalidPetition) as refused:
        case_submit(actor=world.clerk, petition=petition, channel=Channel.COUNTER)
    assert refused.value.code == "invalid_petition" and set(refused.value.details) == {"id_number"}


def test_a_complaint_keeps_only_a_keyed_digest_and_the_last_four_digits(client, world):
    case = _enter(client, world, track="khieu_nai", id_number=CCCD)
    assert case.id_number_last4 == "4567"
    assert case.id_number_digest == id_number_digest("046203004567") and "046203004567" not in case.id_number_digest
    row = Case.objects.filter(pk=case.pk).values().get()
    assert not any("046203004567" in str(value) or "046 203" in str(value) for value in row.values())


def test_a_feedback_item_keeps_nothing_of_the_id_card(client, world):
    case = _enter(client, world, track="pakn", id_number=CCCD)
    assert (case.id_number_digest, case.id_number_last4) == ("", "")


def test_a_denunciations_id_card_is_only_in_the_seal(client, world):
    case = _enter(client, world, track="to_cao", id_number=CCCD)
    assert (case.id_number_digest, case.id_number_last4, case.contact_name) == ("", "", "")
    identity = sealing.unseal_json(SealedIdentity.objects.get(case=case).token)
    assert identity["id_number"] == "046203004567"


def test_a_complaint_moved_to_another_track_forgets_its_id_card(client, world):
    case = _enter(client, world, track="khieu_nai", id_number=CCCD)
    handling.case_classify(case=case, actor=world.handler, track="to_cao")
    case.refresh_from_db()
    assert (case.track, case.id_number_digest, case.id_number_last4) == ("to_cao", "", "")


# The clerk's form and the receipt ----------------------------------------------------------------------------


def test_the_counter_form_speaks_to_the_clerk(client, world):
    client.force_login(world.clerk)
    html = client.get(COUNTER).content.decode()
    assert vi("If you cannot tell, the officer who handles it puts it on the right legal track.") in html
    for text in ("Who hands it in, and how to answer them", "Full name of the citizen",
                 "ID card number of the citizen (CCCD, optional)", "The citizen's personal data"):  # fmt: skip
        assert vi(text) in html, text
    for text in (
        "How to answer you",
        "Your personal data",
        "Optional: the exact point, as two numbers from your phone's map app.",
    ):
        assert vi(text) not in html, text


def test_the_receipt_holds_what_the_record_and_the_citizen_need(client, world):
    evidence = [SimpleUploadedFile(f"anh-{n}.png", png((20, 20)), content_type="image/png") for n in (1, 2)]
    case = _enter(client, world, track="khieu_nai", id_number=CCCD, attachments=evidence)
    response = client.get(RECEIPT)
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    today = clock.today()
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "UBND THÀNH PHỐ HUẾ", "UBND PHƯỜNG PHÚ XUÂN", f"Số: {case.tracking_code}/BN-UBND",
        f"ngày {today:%d} tháng {today:%m} năm {today:%Y}", "GIẤY BIÊN NHẬN ĐƠN",
        f'<p class="rc-code-value">{case.tracking_code}</p>',
        "<dd>Ông/Bà Nguyễn Văn An</dd>", "<dd>•••••••• 4567</dd>",
        "Đơn khiếu nại: “Ngập nước kiệt 12”",
        "<dd>1 bản đơn có chữ ký hoặc điểm chỉ; 2 tài liệu khác</dd>",
        f"<dd>{today:%d/%m/%Y}</dd>", "<dd>Đỗ Thị Một Cửa</dd>", "<dd>UBND Phường Phú Xuân</dd>",
        "NGƯỜI NỘP ĐƠN", "NGƯỜI TIẾP NHẬN", "(Ký, ghi rõ họ tên)", '<div class="rc-signer">Đỗ Thị Một Cửa</div>',
        'id="format-a4" checked', 'id="format-roll"', "qr-code", "counter_receipt.css",
    ):  # fmt: skip
        assert text in html, text
    assert "046203004567" not in html and "203 004" not in html
    # Once: the secret is not shown again.
    assert "GIẤY BIÊN NHẬN ĐƠN" not in client.get(RECEIPT).content.decode()


def test_a_denunciations_receipt_prints_neither_the_name_nor_the_id_card(client, world):
    _enter(client, world, track="to_cao", id_number=CCCD)
    html = client.get(RECEIPT).content.decode()
    assert "Đơn tố cáo" in html and "Nguyễn Văn An" not in html and "4567" not in html.split("rc-secret")[0]


def test_only_the_clerk_who_entered_a_petition_gets_its_receipt(client, world):
    case = _enter(client, world)
    assert counter_receipt_facts(user=world.clerk, case_id=case.pk).tracking_code == case.tracking_code
    with pytest.raises(NotFound):
        counter_receipt_facts(user=world.handler, case_id=case.pk)
