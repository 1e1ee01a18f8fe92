"""The staff side of cases through the web: who sees what, each step through its service, the sealed
identity, bulk assignment, the inbox's filters and its fixed query count.

Assertions use data (codes, dates, names, status) rather than interface wording, so they hold
whether or not a message has its Vietnamese translation yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, RoutingRule
from danvan.cases.services import handling
from danvan.cases.services.intake import Petition, case_submit
from danvan.core.clock import VIETNAM
from danvan.core.models import AuditEvent
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import commune, grant, make_user, organization

pytestmark = pytest.mark.django_db

NAME, PHONE = "Nguyễn Văn An", "0912345678"


@dataclass
class World:
    tinh: Organization
    phuong: Organization  # UBND Phường Phú Xuân: where cases are routed
    other: Organization  # UBND Phường Kim Long
    handler: User
    head: User
    other_handler: User
    other_head: User
    inspector: User  # subtree of the city UBND
    dan_van: User  # subtree of the city UBND
    city_head: User  # head of the city UBND with its subtree
    citizen: User


@pytest.fixture
def world(db: None) -> World:
    tinh = organization("UBND thành phố Huế")
    phuong = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=tinh)
    other = organization("UBND Phường Kim Long", unit=commune(19774), parent=tinh)
    RoutingRule.objects.create(organization=phuong)
    names = ["xuly", "chutich", "xuly2", "chutich2", "thanhtra", "danvan", "chutichtp", "congdan"]
    users = [make_user(username=name, full_name=f"Cán bộ {name}") for name in names]
    w = World(tinh, phuong, other, *users)
    grant(w.handler, Role.HANDLER, phuong)
    grant(w.head, Role.HEAD, phuong)
    grant(w.other_handler, Role.HANDLER, other)
    grant(w.other_head, Role.HEAD, other)
    grant(w.inspector, Role.INSPECTOR, tinh, subtree=True)
    grant(w.dan_van, Role.DAN_VAN_OFFICER, tinh, subtree=True)
    grant(w.city_head, Role.HEAD, tinh, subtree=True)
    grant(w.citizen, Role.CITIZEN, phuong)
    return w


def submit(**overrides: Any) -> Case:
    values: dict[str, Any] = {
        "content": "Đường kiệt 12 Phú Xuân bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống.",
        "title": "Ngập nước kiệt 12", "track": Track.PAKN, "place_text": "phuong phu xuan, hue",
        "name": NAME, "phone": PHONE, "email": "an@example.vn", "consent": True, "consent_text": "Tôi đồng ý.",
    }  # fmt: skip
    values.update(overrides)
    return case_submit(actor=AnonymousUser(), petition=Petition(**values)).case


def to_cao(**overrides: Any) -> Case:
    values = {
        "track": Track.TO_CAO, "title": "Tố cáo cán bộ địa chính",
        "content": f"Tôi là {NAME}, điện thoại {PHONE}. Cán bộ địa chính phường đòi thêm tiền khi cấp giấy chứng nhận.",
    }  # fmt: skip
    values.update(overrides)
    return submit(**values)


def detail(case: Case | int) -> str:
    return reverse("cases:case_detail", args=[case if isinstance(case, int) else case.pk])


def act(case: Case, action: str) -> str:
    return reverse("cases:case_act", args=[case.pk, action])


def at(frozen_clock: Any, day: dt.date) -> None:
    frozen_clock.move_to(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VIETNAM))


def html(response: Any) -> str:
    return response.content.decode()


# Who sees what ------------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_login(client, world):
    case = submit()
    for url in (reverse("cases:case_inbox"), detail(case), reverse("cases:case_identity", args=[case.pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("web:login") in response["Location"]


def test_a_citizen_gets_not_found_even_for_their_own_case(client, world):
    case = case_submit(actor=world.citizen, petition=Petition(
        content="Đèn đường trước nhà số 5 bị hỏng hai tuần nay.", track=Track.PAKN, name=NAME, phone=PHONE,
        consent=True, place_text="phuong phu xuan, hue",
    )).case  # fmt: skip
    assert case.submitter == world.citizen
    client.force_login(world.citizen)
    assert client.get(reverse("cases:case_inbox")).status_code == 404
    # Their own case is followed on the citizen's page, never on the staff page with its internal timeline.
    assert client.get(detail(case)).status_code == 404


MATRIX = [
    # who, track, may see
    ("handler", Track.PAKN, True),
    ("handler", Track.TO_CAO, True),
    ("head", Track.KHIEU_NAI, True),
    ("other_handler", Track.PAKN, False),
    ("other_head", Track.KHIEU_NAI, False),
    ("dan_van", Track.PAKN, True),
    ("dan_van", Track.KHIEU_NAI, True),
    ("dan_van", Track.TO_CAO, False),  # Luật Tố cáo 2018, Điều 47: oversight does not read denunciations
    ("inspector", Track.TO_CAO, True),
    ("inspector", Track.KHIEU_NAI, True),
    ("city_head", Track.TO_CAO, True),  # subtree role
]


@pytest.mark.parametrize(("who", "track", "sees"), MATRIX)
def test_the_permission_matrix_of_the_case_page_and_the_inbox(client, world, who, track, sees):
    case = submit(track=track) if track != Track.TO_CAO else to_cao()
    client.force_login(getattr(world, who))
    response = client.get(detail(case))
    inbox = html(client.get(reverse("cases:case_inbox")))
    if sees:
        assert response.status_code == 200 and case.tracking_code in html(response)
        assert case.tracking_code in inbox
    else:
        missing = client.get(detail(case.pk + 1000))
        # Forbidden answers exactly like missing: same status, same page.
        assert response.status_code == missing.status_code == 404
        assert response.content == missing.content
        assert case.tracking_code not in inbox
        # Every address under the case answers the same, and a step posted blind changes nothing.
        assert client.post(act(case, "register"), {}).status_code == 404
        assert client.get(reverse("cases:case_identity", args=[case.pk])).status_code == 404
        assert client.get(reverse("cases:case_attachment", args=[case.pk, 1])).status_code == 404
        assert Case.objects.get(pk=case.pk).status == case.status


def test_the_staff_menu_shows_cases_only_to_those_who_may_read_them(client, world):
    client.force_login(world.handler)
    assert reverse("cases:case_inbox") in html(client.get("/"))
    client.force_login(world.citizen)
    assert reverse("cases:case_inbox") not in html(client.get("/"))


# The denunciation: redacted copy, sealed identity ----------------------------------------------------------


def test_the_to_cao_page_shows_the_redacted_copy_and_never_the_denouncer(client, world):
    case = to_cao()
    client.force_login(world.handler)
    client.post(
        reverse("cases:case_redaction", args=[case.pk]),
        {"redaction-text": Case.objects.get(pk=case.pk).redacted_content},
    )
    for who in (world.handler, world.head, world.inspector):
        client.force_login(who)
        page = html(client.get(detail(case)))
        assert "[đã che]" in page and "đòi thêm tiền" in page
        assert NAME not in page and PHONE not in page and "an@example.vn" not in page
        inbox = html(client.get(reverse("cases:case_inbox")))
        assert case.tracking_code in inbox and NAME not in inbox and PHONE not in inbox


def test_the_redacted_text_waits_for_the_handlers_review_before_others_read_it(client, world):
    """Issue 12, item 3: what the automatic redaction missed is flagged; the inspector reads the
    text only after a handler has reviewed (and edited) it; the review is audited without the text."""
    case = to_cao(content=f"Tôi là {NAME}, biệt danh Bảy Lùn, nhà tôi ở xóm Trại. Cán bộ địa chính đòi thêm tiền.")
    assert Case.objects.get(pk=case.pk).redaction_pending
    client.force_login(world.inspector)
    page = html(client.get(detail(case)))
    assert "đòi thêm tiền" not in page and 'id="redaction-pending"' in page
    client.force_login(world.handler)
    page = html(client.get(detail(case)))
    assert "đòi thêm tiền" in page and reverse("cases:case_redaction", args=[case.pk]) in page
    assert "xóm Trại</mark>" in page  # the hint: a home address the identity did not name
    url = reverse("cases:case_redaction", args=[case.pk])
    client.force_login(world.inspector)
    assert client.post(url, {"redaction-text": "Cán bộ địa chính đòi thêm tiền."}).status_code == 404
    client.force_login(world.handler)
    edited = f"Tôi là {NAME}, [đã che], nhà tôi ở [đã che]. Cán bộ địa chính đòi thêm tiền."
    response = client.post(url, {"redaction-text": edited})
    assert response.status_code == 302
    stored = Case.objects.get(pk=case.pk)
    assert not stored.redaction_pending and NAME not in stored.redacted_content  # the identity is removed again
    audit = AuditEvent.objects.get(action="cases.redaction_review", object_id=str(case.pk))
    assert "Bảy" not in str(audit.after) and "đòi" not in str(audit.after)
    client.force_login(world.inspector)
    page = html(client.get(detail(case)))
    assert "đòi thêm tiền" in page and "xóm Trại" not in page and "Bảy Lùn" not in page


def test_a_to_cao_without_a_title_does_not_show_the_name_through_its_title(client, world):
    case = to_cao(title="")
    client.force_login(world.handler)
    assert NAME not in html(client.get(reverse("cases:case_inbox")))
    assert NAME not in html(client.get(detail(case)))


def test_the_head_opens_the_identity_with_a_reason_and_it_is_logged(client, world, second_factor):
    case = to_cao()
    client.force_login(world.head)
    second_factor(world.head, client)
    url = reverse("cases:case_identity", args=[case.pk])
    assert url in html(client.get(detail(case)))
    response = client.post(url, {"identity-reason": ""})
    assert response.status_code == 400 and NAME not in html(response)
    response = client.post(url, {"identity-reason": "ngắn"})  # the service wants at least 10 characters
    assert response.status_code == 400 and NAME not in html(response)
    assert not AuditEvent.objects.filter(action="cases.identity_open").exists()

    response = client.post(url, {"identity-reason": "Mời người tố cáo đến bổ sung chứng cứ"})
    assert response.status_code == 200
    assert NAME in html(response) and PHONE in html(response)
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="cases.identity_open")
    assert event.actor == world.head and event.reason == "Mời người tố cáo đến bổ sung chứng cứ"
    # The opening is listed for review, on the identity page and on the case page; the identity is not.
    page = html(client.get(detail(case)))
    assert "Mời người tố cáo đến bổ sung chứng cứ" in page and NAME not in page
    client.force_login(world.inspector)
    assert "Mời người tố cáo đến bổ sung chứng cứ" in html(client.get(detail(case)))


@pytest.mark.parametrize("who", ["handler", "inspector", "dan_van", "other_head"])
def test_nobody_else_may_open_the_identity_and_the_form_is_not_found(client, world, who):
    case = to_cao()
    client.force_login(getattr(world, who))
    url = reverse("cases:case_identity", args=[case.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"identity-reason": "Tôi muốn biết ai đã tố cáo"}).status_code == 404
    assert url not in html(client.get(detail(case)))
    assert not AuditEvent.objects.filter(action="cases.identity_open").exists()


def test_the_identity_page_does_not_exist_for_a_feedback_item(client, world):
    client.force_login(world.head)
    assert client.get(reverse("cases:case_identity", args=[submit().pk])).status_code == 404


def test_the_head_designates_a_clerk_who_may_then_open_the_identity(client, world, second_factor):
    case = to_cao()
    client.force_login(world.head)
    response = client.post(reverse("cases:case_identity_clerk", args=[case.pk]),
                           {"clerk-clerk": world.handler.pk, "clerk-reason": "Văn thư mật của UBND"})  # fmt: skip
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="cases.identity_clerk_designate").exists()
    client.force_login(world.handler)
    second_factor(world.handler, client)
    response = client.post(reverse("cases:case_identity", args=[case.pk]),
                           {"identity-reason": "Gửi thông báo thụ lý cho người tố cáo"})  # fmt: skip
    assert response.status_code == 200 and NAME in html(response)


def test_a_handler_cannot_designate_a_clerk(client, world):
    case = to_cao()
    client.force_login(world.handler)
    response = client.post(reverse("cases:case_identity_clerk", args=[case.pk]),
                           {"clerk-clerk": world.handler.pk, "clerk-reason": "Tự giao cho mình"})  # fmt: skip
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).identity_clerk is None


# Attachments ---------------------------------------------------------------------------------------------------


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_an_attachment_downloads_through_the_gate_as_an_attachment(client, world):
    case = submit(files=[("anh-hien-truong.png", PNG)])
    attachment = case.attachments.get()
    url = reverse("cases:case_attachment", args=[case.pk, attachment.pk])
    client.force_login(world.handler)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == attachment.content_type == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response)[:8] == PNG[:8]
    client.force_login(world.other_handler)
    assert client.get(url).status_code == 404
    client.force_login(world.handler)
    assert client.get(reverse("cases:case_attachment", args=[case.pk, attachment.pk + 99])).status_code == 404


def test_a_sealed_petition_scan_needs_the_identity_right_and_a_reason(client, world, second_factor):
    from danvan.cases.models import Attachment

    case = to_cao()
    with_scan = case_submit(actor=world.handler, channel="counter", petition=Petition(
        content=f"Tôi là {NAME}. Cán bộ địa chính phường đòi thêm tiền khi cấp giấy chứng nhận.", title="Tố cáo",
        track=Track.TO_CAO, name=NAME, phone=PHONE, consent=True, place_text="phuong phu xuan, hue",
        petition_scan=("don-nguyen-van-an.png", PNG),
    )).case  # fmt: skip
    scan = with_scan.attachments.get(kind=Attachment.Kind.PETITION_SCAN)
    assert scan.sealed and case.pk != with_scan.pk
    url = reverse("cases:case_attachment", args=[with_scan.pk, scan.pk])
    client.force_login(world.handler)
    assert client.get(url).status_code == 404
    assert "don-nguyen-van-an" not in html(client.get(detail(with_scan)))
    client.force_login(world.head)
    second_factor(world.head, client)
    assert client.get(url).status_code == 200  # the reason form
    assert client.post(url, {"scan-reason": "xem"}).status_code == 400
    response = client.post(url, {"scan-reason": "Đối chiếu chữ ký trên đơn tố cáo"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response)[:8] == PNG[:8]
    assert AuditEvent.objects.filter(action="cases.identity_open", reason="Đối chiếu chữ ký trên đơn tố cáo").exists()


# Steps through the web ---------------------------------------------------------------------------------------------


def test_accepting_a_complaint_shows_its_legal_deadline_and_explanation(client, world, frozen_clock):
    case = submit(track=Track.KHIEU_NAI)  # Thursday 05/02/2026
    client.force_login(world.handler)
    page = html(client.get(detail(case)))
    assert f'action="{act(case, "accept")}"' in page and f'action="{act(case, "decide")}"' not in page
    response = client.post(act(case, "accept"), {"accept-document_number": "01/TB-UBND", "accept-criteria": ["b"]})
    assert response.status_code == 302 and response["Location"] == detail(case)
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.criteria == ["b"]
    page = html(client.get(detail(case)))
    assert case.due_on is not None and case.due_on.strftime("%d/%m/%Y") in page
    assert case.due_explanation and case.due_explanation in page
    assert "01/TB-UBND" in page  # the timeline keeps the notice number
    assert AuditEvent.objects.filter(action="cases.accept", object_id=str(case.pk)).exists()


def test_the_deadline_of_a_plain_complaint_is_thirty_days(client, world, frozen_clock):
    case = submit(track=Track.KHIEU_NAI)
    client.force_login(world.handler)
    client.post(act(case, "accept"), {"accept-document_number": ""})
    # Luật Khiếu nại 2011, Điều 28: 30 days from 05/02/2026 → Saturday 07/03 → Monday 09/03/2026.
    assert "09/03/2026" in html(client.get(detail(case)))


def test_a_transfer_moves_the_case_and_the_first_body_loses_it(client, world):
    case = submit()
    client.force_login(world.handler)
    response = client.post(act(case, "transfer"), {"transfer-to": world.other.pk, "transfer-reason": ""})
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).handling_organization == world.phuong
    response = client.post(act(case, "transfer"),
                           {"transfer-to": world.other.pk, "transfer-reason": "Thuộc địa bàn Phường Kim Long"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == reverse("cases:case_inbox")
    assert Case.objects.get(pk=case.pk).handling_organization == world.other
    assert client.get(detail(case)).status_code == 404
    client.force_login(world.other_handler)
    page = html(client.get(detail(case)))
    assert "Thuộc địa bàn Phường Kim Long" in page and "UBND Phường Kim Long" in page


def test_deciding_needs_the_head(client, world):
    case = submit(track=Track.KHIEU_NAI)
    handling.case_accept(case=case, actor=world.handler)
    handling.case_start_verification(case=case, actor=world.handler)
    data = {"decide-outcome": "partly_right", "decide-decision_number": "5/QĐ-UBND",
            "decide-answer_text": "Khiếu nại đúng một phần."}  # fmt: skip
    client.force_login(world.handler)
    assert f'action="{act(case, "decide")}"' not in html(client.get(detail(case)))
    assert client.post(act(case, "decide"), data).status_code == 403
    assert Case.objects.get(pk=case.pk).status == Status.VERIFYING
    client.force_login(world.head)
    assert f'action="{act(case, "decide")}"' in html(client.get(detail(case)))
    assert client.post(act(case, "decide"), data).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.DECIDED and case.decision_number == "5/QĐ-UBND"


def test_a_step_the_law_does_not_allow_now_is_refused_and_changes_nothing(client, world):
    case = submit(track=Track.KHIEU_NAI)
    client.force_login(world.handler)
    response = client.post(act(case, "send_decision"), {"send_decision-note": ""})
    assert response.status_code == 400 and 'role="alert"' in html(response)
    assert case.events.count() == 1
    assert client.post(act(case, "no_such_step"), {}).status_code == 404


def test_rejection_offers_the_legal_grounds_of_the_track(client, world):
    case = submit(track=Track.KHIEU_NAI)
    client.force_login(world.handler)
    page = html(client.get(detail(case)))
    assert 'value="6"' in page and 'value="duplicate"' not in page  # Luật Khiếu nại Art. 11, not NĐ 20/2008
    assert client.post(act(case, "reject"), {"reject-reason": "duplicate"}).status_code == 400
    assert client.post(act(case, "reject"), {"reject-reason": "6", "reject-note": "Quá 90 ngày"}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.REJECTED


def test_a_feedback_item_is_registered_answered_and_published_with_the_answer_prefilled(client, world):
    case = submit()
    client.force_login(world.handler)
    assert client.post(act(case, "register"), {"register-note": ""}).status_code == 302
    assert client.post(act(case, "answer"), {"answer-answer_text": "Đã nạo vét cống ngày 10/02."}).status_code == 302
    page = html(client.get(detail(case)))
    assert f'action="{act(case, "publish")}"' in page and "Đã nạo vét cống ngày 10/02.</textarea>" in page
    assert client.post(act(case, "publish"), {"publish-public_answer": "Đã nạo vét cống."}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.public_answer == "Đã nạo vét cống." and case.published_at


def test_assigning_a_handler_needs_the_head(client, world):
    case = submit()
    client.force_login(world.handler)
    assert client.post(act(case, "assign"), {"assign-handler": world.handler.pk}).status_code == 403
    client.force_login(world.head)
    assert client.post(act(case, "assign"), {"assign-handler": world.other_handler.pk}).status_code == 400
    assert client.post(act(case, "assign"), {"assign-handler": world.handler.pk}).status_code == 302
    assert Case.objects.get(pk=case.pk).handler == world.handler


def test_suspension_and_resumption_are_the_heads_and_need_a_reason(client, world):
    case = to_cao()
    handling.case_accept(case=case, actor=world.handler)
    client.force_login(world.head)
    assert client.post(act(case, "suspend"), {"suspend-reason": ""}).status_code == 400
    response = client.post(act(case, "suspend"), {"suspend-reason": "Chờ giám định", "suspend-decision_number": "7/QĐ"})
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).status == Status.SUSPENDED
    assert client.post(act(case, "resume"), {"resume-decision_number": "9/QĐ"}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED


def test_complexity_then_extension_of_a_denunciation_move_its_deadline(client, world, frozen_clock):
    case = to_cao()
    handling.case_accept(case=case, actor=world.handler)
    handling.case_start_verification(case=case, actor=world.handler)
    due = Case.objects.get(pk=case.pk).due_on
    client.force_login(world.handler)
    assert f'action="{act(case, "extend")}"' not in html(client.get(detail(case)))
    client.force_login(world.head)
    data = {"extend-decision_number": "1/QĐ-GH", "extend-reason": "Cần xác minh thêm tại hai nơi"}
    assert client.post(act(case, "extend"), data).status_code == 400  # a plain case cannot be extended
    response = client.post(act(case, "set_complexity"), {"set_complexity-criteria": ["a"]})
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).criteria == ["a"]
    assert client.post(act(case, "extend"), data).status_code == 302
    case.refresh_from_db()
    assert case.extensions == 1 and case.due_on > due
    assert case.due_on.strftime("%d/%m/%Y") in html(client.get(detail(case)))


def test_a_dialogue_is_recorded_with_its_minutes(client, world):
    case = submit(track=Track.KHIEU_NAI)
    handling.case_accept(case=case, actor=world.handler)
    handling.case_start_verification(case=case, actor=world.handler)
    client.force_login(world.handler)
    assert client.post(act(case, "hold_dialogue"), {"hold_dialogue-minutes": ""}).status_code == 400
    response = client.post(act(case, "hold_dialogue"),
                           {"hold_dialogue-held_on": "2026-02-10", "hold_dialogue-minutes": "Hai bên trình bày ý kiến."})  # fmt: skip
    assert response.status_code == 302
    event = Case.objects.get(pk=case.pk).events.last()
    assert event.action == "hold_dialogue" and event.data == {"held_on": "2026-02-10"}


def test_a_withdrawal_needs_the_signed_request_and_terminates_the_case(client, world):
    case = submit(track=Track.KHIEU_NAI)
    client.force_login(world.handler)
    assert client.post(act(case, "withdraw"), {"withdraw-note": ""}).status_code == 400
    assert client.post(act(case, "withdraw"), {"withdraw-note": "Đơn rút ngày 06/02/2026"}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.TERMINATED


def test_a_second_complaint_opens_a_round_two_case(client, world):
    case = submit(track=Track.KHIEU_NAI)
    handling.case_accept(case=case, actor=world.handler)
    client.force_login(world.handler)
    response = client.post(act(case, "second_complaint"),
                           {"second_complaint-content": "Tôi khiếu nại lần hai vì quá hạn chưa giải quyết."})  # fmt: skip
    assert response.status_code == 302
    second = Case.objects.get(previous=case)
    assert second.round == 2


# Bulk assignment ---------------------------------------------------------------------------------------------


def test_bulk_assignment_assigns_every_ticked_case(client, world):
    cases = [submit(), submit(track=Track.KHIEU_NAI)]
    client.force_login(world.head)
    response = client.post(reverse("cases:case_inbox"), {"cases": [c.pk for c in cases], "handler": world.handler.pk})
    assert response.status_code == 302
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("handler", flat=True)) == {
        world.handler.pk
    }
    assert AuditEvent.objects.filter(action="cases.assign").count() == 2


def test_bulk_assignment_is_all_or_nothing_and_reports_each_refusal(client, world):
    mine, closed, elsewhere = submit(), submit(), submit()
    handling.case_reject(case=closed, actor=world.handler, reason="duplicate")
    handling.case_transfer(case=elsewhere, actor=world.handler, to=world.other, reason="Thuộc Kim Long")
    client.force_login(world.head)
    response = client.post(reverse("cases:case_inbox"),
                           {"cases": [mine.pk, closed.pk, elsewhere.pk], "handler": world.handler.pk})  # fmt: skip
    assert response.status_code == 400
    page = html(response)
    assert closed.tracking_code in page and f"#{elsewhere.pk}" in page
    assert elsewhere.tracking_code not in page  # a case the head may not see is not named
    assert not Case.objects.filter(handler__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="cases.assign").exists()


def test_bulk_assignment_is_not_open_to_a_handler(client, world):
    case = submit()
    client.force_login(world.handler)
    assert 'name="cases"' not in html(client.get(reverse("cases:case_inbox")))
    assert (
        client.post(reverse("cases:case_inbox"), {"cases": [case.pk], "handler": world.handler.pk}).status_code == 404
    )
    assert Case.objects.get(pk=case.pk).handler is None


# Filters ----------------------------------------------------------------------------------------------------------


def codes(client: Any, **params: Any) -> set[str]:
    response = client.get(reverse("cases:case_inbox"), params)
    assert response.status_code == 200
    return {row["case"].tracking_code for row in response.context["rows"]}


def test_deadline_filters_follow_the_frozen_clock(client, world, frozen_clock):
    early = submit(title="Sớm")  # 05/02/2026: 10 working days
    at(frozen_clock, early.due_on)
    late = submit(title="Muộn")
    assert early.warn_on and late.warn_on and early.warn_on < early.due_on < late.warn_on

    def on(day: dt.date, deadline: str) -> set[str]:
        at(frozen_clock, day)
        client.force_login(world.handler)  # the session would expire across weeks of frozen time
        return codes(client, deadline=deadline)

    everything = {early.tracking_code, late.tracking_code}
    assert on(early.warn_on - dt.timedelta(days=1), "on_time") == everything
    assert on(early.warn_on, "due_soon") == {early.tracking_code}
    assert on(early.due_on, "due_soon") == {early.tracking_code}  # the last day is still in time
    assert on(early.due_on, "overdue") == set()
    assert on(early.due_on + dt.timedelta(days=1), "overdue") == {early.tracking_code}
    assert on(early.due_on + dt.timedelta(days=1), "on_time") == {late.tracking_code}
    assert on(late.warn_on, "due_soon") == {late.tracking_code}
    assert on(late.due_on + dt.timedelta(days=1), "overdue") == everything


def test_the_badge_says_overdue_on_the_day_after_the_deadline(client, world, frozen_clock):
    case = submit()
    at(frozen_clock, case.due_on)
    client.force_login(world.handler)
    response = client.get(reverse("cases:case_inbox"))
    assert [row["state"] for row in response.context["rows"]] == ["due_soon"]
    at(frozen_clock, case.due_on + dt.timedelta(days=1))
    client.force_login(world.handler)
    response = client.get(reverse("cases:case_inbox"))
    assert [row["state"] for row in response.context["rows"]] == ["overdue"]
    assert "st-overdue" in html(response) and "st-overdue" in html(client.get(detail(case)))


def test_search_is_accent_insensitive(client, world):
    land = submit(title="Tranh chấp đất đai ở tổ dân phố 3", content="Hai hộ tranh chấp ranh giới đất đai từ năm 2020.")
    other = submit(title="Đèn đường hỏng", content="Ba cột đèn đường không sáng đã hai tuần.")
    client.force_login(world.handler)
    assert codes(client, q="dat dai") == {land.tracking_code}
    assert codes(client, q="ĐẤT ĐAI") == {land.tracking_code}
    assert codes(client, q="den duong") == {other.tracking_code}


def test_status_kind_body_handler_place_and_closed_filters(client, world):
    pakn, kn, rejected = submit(), submit(track=Track.KHIEU_NAI), submit()
    handling.case_register(case=pakn, actor=world.handler)
    handling.case_assign(case=kn, actor=world.head, handler=world.handler)
    handling.case_reject(case=rejected, actor=world.handler, reason="duplicate")
    client.force_login(world.city_head)
    assert codes(client) == {pakn.tracking_code, kn.tracking_code}
    assert codes(client, include_closed="on") == {pakn.tracking_code, kn.tracking_code, rejected.tracking_code}
    assert codes(client, status=Status.REGISTERED) == {pakn.tracking_code}
    assert codes(client, track=Track.KHIEU_NAI) == {kn.tracking_code}
    assert codes(client, handler=world.handler.pk) == {kn.tracking_code}
    assert codes(client, organization=world.phuong.pk) == {pakn.tracking_code, kn.tracking_code}
    assert codes(client, organization=world.other.pk) == set()
    assert codes(client, place=pakn.place_unit_id) == {pakn.tracking_code, kn.tracking_code}


# session, user, roles, the filter's bodies, places and handlers, the bulk form's handlers, count, rows;
# and how many people each list of handlers holds (a long one waits until a body is chosen: issue 7).
INBOX_QUERIES = 11


def test_the_inbox_query_count_does_not_grow_with_the_cases(client, world, django_assert_max_num_queries):
    client.force_login(world.head)
    for _ in range(3):
        handling.case_assign(case=submit(), actor=world.head, handler=world.handler)
    with django_assert_max_num_queries(INBOX_QUERIES):
        assert len(client.get(reverse("cases:case_inbox")).context["rows"]) == 3
    for i in range(20):
        case = submit(track=[Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO][i % 3])
        handling.case_assign(case=case, actor=world.head, handler=world.handler)
    with django_assert_max_num_queries(INBOX_QUERIES):
        assert len(client.get(reverse("cases:case_inbox")).context["rows"]) == 23


# Splitting a mixed petition (Luật Tiếp công dân 2013, Art. 25(3)) ----------------------------------------


def test_a_mixed_petition_is_split_into_one_case_per_part(client, world):
    case = submit(content="Tôi phản ánh đường kiệt 12 ngập nước và khiếu nại Quyết định 12/QĐ-UBND thu hồi đất.")
    client.force_login(world.handler)
    page = html(client.get(detail(case)))
    assert f'action="{act(case, "split")}"' in page and 'id="id_split-part3_content"' in page
    response = client.post(act(case, "split"), {
        "split-part1_track": Track.PAKN, "split-part1_title": "Ngập nước kiệt 12",
        "split-part1_content": "Đường kiệt 12 bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống.",
        "split-part2_track": Track.KHIEU_NAI, "split-part2_title": "Khiếu nại thu hồi đất",
        "split-part2_content": "Tôi khiếu nại Quyết định số 12/QĐ-UBND thu hồi đất vì chưa được bồi thường.",
        "split-part3_track": "", "split-part3_title": "", "split-part3_content": "",
        "split-note": "Đơn có hai nội dung khác nhau.",
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == detail(case)
    case.refresh_from_db()
    assert case.status == Status.SPLIT
    parts = list(Case.objects.filter(parent=case).order_by("pk"))
    assert [part.track for part in parts] == [Track.PAKN, Track.KHIEU_NAI]
    assert all(part.handling_organization == world.phuong for part in parts)
    page = html(client.get(detail(case)))
    assert all(part.tracking_code in page for part in parts)  # the success message lists the new codes
    assert f'action="{act(case, "split")}"' not in page  # a split case offers no second split


@pytest.mark.parametrize("who", ["dan_van", "inspector"])
def test_only_those_who_handle_may_split(client, world, who):
    case = submit()
    client.force_login(getattr(world, who))
    assert f'action="{act(case, "split")}"' not in html(client.get(detail(case)))


def test_a_split_needs_at_least_two_parts_and_creates_nothing_otherwise(client, world):
    case = submit()
    client.force_login(world.handler)
    response = client.post(act(case, "split"), {
        "split-part1_track": Track.PAKN, "split-part1_title": "Ngập nước",
        "split-part1_content": "Đường kiệt 12 bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống.",
        "split-note": "",
    })  # fmt: skip
    assert response.status_code == 400 and 'role="alert"' in html(response)
    assert 'id="step-split" open' in html(response)
    assert not Case.objects.filter(parent=case).exists()
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.events.count() == 1
    # A filled part without its kind is marked on that field.
    response = client.post(act(case, "split"), {
        "split-part1_track": Track.PAKN, "split-part1_content": "Đường kiệt 12 bị ngập nước mỗi khi mưa lớn.",
        "split-part2_content": "Tôi khiếu nại Quyết định số 12/QĐ-UBND thu hồi đất.",
    })  # fmt: skip
    assert response.status_code == 400 and not Case.objects.filter(parent=case).exists()


def test_the_handler_records_the_petitioners_and_their_representatives(client, world):
    from danvan.cases.models import CaseParty
    from danvan.cases.tests.factories import submit as submit_case

    case = submit_case(track="khieu_nai").case
    client.force_login(world.handler)
    url = f"/van-hanh/ho-so/{case.pk}/parties/"
    six = "\n".join(f"Người {i}; Huế; 091234567{i}" + (" *" if i == 0 else "") for i in range(6))
    assert client.post(url, {"parties-people": six}).status_code == 302
    case.refresh_from_db()
    assert case.people_count == 6 and case.is_crowd
    assert CaseParty.objects.filter(case=case, is_representative=True).count() == 1
    page = client.get(f"/van-hanh/ho-so/{case.pk}/").content.decode()
    assert "đông người" in page
    too_many = "\n".join(f"Người {i} *" for i in range(6))  # 6 people may name at most 2 representatives
    assert client.post(url, {"parties-people": too_many}).status_code == 400
    assert CaseParty.objects.filter(case=case, is_representative=True).count() == 1


def test_long_lists_of_people_wait_until_a_body_is_chosen(client, world, monkeypatch):
    """At national scale the handler filter and the bulk assignment would list thousands of people."""
    from danvan.cases.views import staff as cases_staff

    submit()
    monkeypatch.setattr(cases_staff, "CHOICES_CAP", 1)
    client.force_login(world.city_head)  # head of the city with its subtree: 4 case officers below
    response = client.get("/van-hanh/ho-so/")
    assert list(response.context["form"].fields["handler"].queryset) == []
    assert "Hãy chọn cơ quan trước" in str(response.context["form"].fields["handler"].help_text)
    assert response.context["bulk"] is None and response.context["bulk_needs_body"]
    response = client.get("/van-hanh/ho-so/", {"organization": world.phuong.pk})
    assert set(response.context["form"].fields["handler"].queryset) == {world.handler, world.head}
    assert set(response.context["bulk"].fields["handler"].queryset) == {world.handler, world.head}
    # A body outside the user's scope chooses nothing.
    monkeypatch.setattr(cases_staff, "CHOICES_CAP", 300)
    client.force_login(world.head)
    response = client.get("/van-hanh/ho-so/", {"organization": world.other.pk})
    assert response.context["bulk_needs_body"] is False
    assert world.other_handler not in set(response.context["form"].fields["handler"].queryset)


def test_a_long_inbox_counts_up_to_its_cap_and_asks_for_a_filter(client, world, monkeypatch):
    from danvan.cases.views import staff as cases_staff

    for _ in range(3):
        submit()
    monkeypatch.setattr(cases_staff, "LIST_CAP", 2)
    client.force_login(world.head)
    response = client.get("/van-hanh/ho-so/")
    page = response.content.decode()
    assert response.context["page"].paginator.capped and response.context["page"].paginator.count == 2
    assert len(response.context["rows"]) == 2
    assert "Có hơn 2 hồ sơ" in page
    monkeypatch.setattr(cases_staff, "LIST_CAP", 3)
    response = client.get("/van-hanh/ho-so/")
    assert not response.context["page"].paginator.capped and "3 hồ sơ" in response.content.decode()


def test_a_search_pages_from_one_ordered_read_and_a_list_from_the_deadline_index(client, world):
    for i in range(3):
        submit(title=f"Ngập nước kiệt {i}")
    client.force_login(world.head)
    listed = client.get("/van-hanh/ho-so/").context["page"]
    searched = client.get("/van-hanh/ho-so/", {"q": "ngap nuoc"}).context["page"]
    assert not listed.paginator.single_scan and searched.paginator.single_scan
    assert [c.pk for c in searched] == [c.pk for c in listed]  # the same order either way
    assert searched.paginator.count == listed.paginator.count == 3


def test_the_staff_timeline_says_when_the_place_was_read_from_the_content(client, world):
    from django.conf import settings

    case = submit(place_text="", content="Đèn đường tại phường Phú Xuân, thành phố Huế không sáng hai tuần nay.")
    assert case.place_unit == commune(19753)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.handler)
    page = html(client.get(detail(case)))
    assert "Place read from the content" in page
    # the note as written at intake, in the submitter's language (like every intake note)
    assert "đã đọc được Phường Phú Xuân, Thành phố Huế từ nội dung đơn" in page
    assert case.events.get(action="place_from_content").visibility == "internal"  # not on the citizen's page
