"""The answering page, the public summary, the printable report and the Excel table."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations import choices
from danvan.consultations.services import answers as services
from danvan.consultations.tests.factories import ConsultationsWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(closed: ConsultationsWorld, frozen_clock) -> ConsultationsWorld:
    frozen_clock.move_to(dt.datetime(2026, 12, 15, 2, 0, tzinfo=dt.UTC))
    c = closed.consultation
    c.opens_on, c.closes_on = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
    c.save(update_fields=["opens_on", "closes_on"])
    services.groups_suggest(actor=closed.d.handler, consultation=c)
    for group in c.groups.all():
        if group.section_key == "dieu-3":
            services.group_answer(actor=closed.d.handler, group=group, answer="not_accepted", text="Không tiếp thu.",
                                  reason="Ngân sách phường chỉ đủ hỗ trợ 6 tháng.")  # fmt: skip
        else:
            services.group_answer(actor=closed.d.handler, group=group, answer="accepted", text="Tiếp thu ý kiến.")
    services.decision_record(actor=closed.d.handler, consultation=c, decided_on=dt.date(2026, 12, 11))
    services.summary_publish(actor=closed.d.chair, consultation=c, text="UBND phường tiếp thu phần lớn ý kiến.")
    return closed


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_staff_page_lists_groups_and_suggests(closed: ConsultationsWorld) -> None:
    c = closed.consultation
    client = _client(closed.d.handler)
    url = reverse("consultations:answers", args=[c.code])
    page = client.get(url)
    assert page.status_code == 200
    assert "Cần miễn phí thuê sạp" in page.content.decode()  # in no group yet
    response = client.post(reverse("consultations:answers_act", args=[c.code, "goi-y"]))
    assert response.status_code == 302
    assert c.groups.count() == 5
    html = client.get(url).content.decode()
    assert "Biên bản họp tổ dân phố 1 ngày 20/11" in html  # a keyed-in comment's source


def test_staff_answer_form_shows_the_reason_refusal(closed: ConsultationsWorld) -> None:
    c = closed.consultation
    group = services.group_create(actor=closed.d.handler, consultation=c, title="Chợ xa")
    client = _client(closed.d.handler)
    url = reverse("consultations:answers_group_act", args=[c.code, group.pk, "tra-loi"])
    response = client.post(url, {f"g{group.pk}-answer": "not_accepted", f"g{group.pk}-text": "Không tiếp thu."})
    assert response.status_code == 400
    assert "Nêu lý do không tiếp thu ý kiến." in response.content.decode()
    response = client.post(url, {f"g{group.pk}-answer": "accepted", f"g{group.pk}-text": "Tiếp thu."})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.answer == "accepted"


def test_staff_move_a_comment(closed: ConsultationsWorld) -> None:
    c = closed.consultation
    group = services.group_create(actor=closed.d.handler, consultation=c, title="Chợ xa")
    comment = c.comments.filter(status="published").first()
    assert comment is not None
    response = _client(closed.d.handler).post(reverse("consultations:answers_act", args=[c.code, "chuyen"]),
                                              {"comment": comment.pk, f"c{comment.pk}-group": group.pk})  # fmt: skip
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.group_id == group.pk


def test_staff_publish_refused_shows_the_message(closed: ConsultationsWorld) -> None:
    c = closed.consultation
    response = _client(closed.d.chair).post(reverse("consultations:answers_act", args=[c.code, "cong-bo"]),
                                            {"text": "Tổng hợp"})  # fmt: skip
    assert response.status_code == 400
    assert "Cần ghi nhận ngày cơ quan có thẩm quyền quyết định trước" in response.content.decode()
    c.refresh_from_db()
    assert c.status == choices.Status.CLOSED


@pytest.mark.parametrize("who", ["other_chair", "front_officer", "village_head", None])
def test_staff_pages_are_not_found_for_others(closed: ConsultationsWorld, who: str | None) -> None:
    c = closed.consultation
    client = _client(getattr(closed.d, who) if who else None)
    for url in (reverse("consultations:answers", args=[c.code]), reverse("consultations:answers_xlsx", args=[c.code])):
        assert client.get(url).status_code in (302, 404) if who is None else client.get(url).status_code == 404
    response = client.post(reverse("consultations:answers_act", args=[c.code, "goi-y"]))
    assert response.status_code in (302, 404) if who is None else response.status_code == 404
    assert c.groups.count() == 0


def test_a_handler_not_named_may_not_open_the_page(closed: ConsultationsWorld) -> None:
    closed.consultation.responsible.set([closed.d.chair])
    assert (
        _client(closed.d.handler).get(reverse("consultations:answers", args=[closed.consultation.code])).status_code
        == 404
    )


def test_public_summary_before_publication_is_not_found(closed: ConsultationsWorld) -> None:
    c = closed.consultation
    for name in ("summary", "summary_print", "summary_xlsx"):
        assert _client().get(reverse(f"consultations:{name}", args=[c.code])).status_code == 404


def test_public_summary_shows_answers_and_no_names(published: ConsultationsWorld) -> None:
    c = published.consultation
    html = _client().get(reverse("consultations:summary", args=[c.code])).content.decode()
    assert "UBND phường tiếp thu phần lớn ý kiến." in html
    assert "Ngân sách phường chỉ đủ hỗ trợ 6 tháng." in html
    assert "Biên bản họp tổ dân phố 1 ngày 20/11" in html  # a keyed-in view's source
    assert "Nội dung quảng cáo" not in html  # hidden
    for officer in (published.d.handler, published.d.chair):
        assert officer.full_name not in html
    assert "Điều 3. Hỗ trợ tiểu thương" in html


def test_printable_report_in_the_nd30_layout(published: ConsultationsWorld) -> None:
    c = published.consultation
    html = _client().get(reverse("consultations:summary_print", args=[c.code])).content.decode()
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                 "Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân", "UBND PHƯỜNG PHÚ XUÂN", "ngày 15 tháng 12 năm 2026",
                 "Số ý kiến", "Không tiếp thu", "Lý do: Ngân sách phường chỉ đủ hỗ trợ 6 tháng.",
                 "TM. ỦY BAN NHÂN DÂN", "số ý kiến góp ý: 7"):  # fmt: skip
        assert part in html, part
    assert "cases/notice.css" in html


def test_excel_table_has_groups_answers_and_counts_and_no_identity(published: ConsultationsWorld) -> None:
    from openpyxl import load_workbook

    c = published.consultation
    response = _client().get(reverse("consultations:summary_xlsx", args=[c.code]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["STT", "Phần dự thảo", "Nhóm ý kiến", "Số ý kiến", "Số người", "Kênh", "Nội dung ý kiến",
                       "Nguồn", "Kết quả", "Giải trình, tiếp thu", "Lý do không tiếp thu"]  # fmt: skip
    assert len(rows) == 1 + 7  # one row per comment
    by_group = {r[2]: r for r in rows[1:] if r[0]}
    assert len(by_group) == 5
    meeting = next(r for r in rows[1:] if r[7])
    assert (meeting[1], meeting[3], meeting[4], meeting[5], meeting[7], meeting[8]) == (
        "Điều 2. Bố trí sạp hàng", 1, 14, "Hội nghị cộng đồng dân cư", "Biên bản họp tổ dân phố 1 ngày 20/11",
        "Tiếp thu")  # fmt: skip
    not_accepted = next(r for r in rows[1:] if r[10])
    assert (not_accepted[3], not_accepted[8], not_accepted[10]) == (2, "Không tiếp thu",
                                                                      "Ngân sách phường chỉ đủ hỗ trợ 6 tháng.")  # fmt: skip
    flat = " ".join(str(v) for r in rows for v in r if v)
    for officer in (published.d.handler, published.d.chair):
        assert officer.full_name not in flat


def test_blocks(published: ConsultationsWorld) -> None:
    from django.test import RequestFactory

    from danvan.consultations.blocks import render_context

    c = published.consultation
    c.refresh_from_db()
    request = RequestFactory().get("/")
    request.user = published.d.chair
    public = {b["block"].key: b["data"] for b in render_context("public", c, request)}
    assert public["answers.summary"]["url"] == f"/gop-y/{c.code}/ket-qua/"
    staff = {b["block"].key: b["data"] for b in render_context("staff", c, request)}
    assert (staff["answers.answering"]["counts"].answered, staff["answers.answering"]["due_on"]) == (
        5, dt.date(2026, 12, 18))  # fmt: skip
    request.user = published.d.other_chair
    assert "answers.answering" not in {b["block"].key for b in render_context("staff", c, request)}
