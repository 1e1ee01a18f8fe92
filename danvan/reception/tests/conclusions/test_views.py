"""The pages: issuing a notice (from a session or a visit), its print in the NĐ 30/2020 layout, the tasks
board (query count pinned) and the citizen's follow page (no personal data, clear refusals, rate limit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from danvan.reception.models import ConclusionNotice
from danvan.reception.tests.conclusions.helpers import issue, task
from danvan.reception.tests.factories import at, session, visit

pytestmark = pytest.mark.django_db
DUE = dt.date(2026, 2, 20)
# The board, measured: session, user, roles, the tasks (one join), the counts, the page count — never per row.
BOARD_QUERIES = 7


def _post(rworld: Any, **extra: Any) -> dict[str, Any]:
    data = {"organization": rworld.phuong.pk, "summary": "Ngập kiệt 12 Hùng Vương", "body": "Giao phường nạo vét.",
            "signer_title": "CHỦ TỊCH", "recipients": "Như trên", "request_key": "form-1",
            "tasks-TOTAL_FORMS": "3", "tasks-INITIAL_FORMS": "0", "tasks-MIN_NUM_FORMS": "0",
            "tasks-MAX_NUM_FORMS": "30",
            "tasks-0-description": "Nạo vét cống", "tasks-0-owner_organization": rworld.phuong.pk,
            "tasks-0-due_on": "2026-02-20"}  # fmt: skip
    return {**data, **extra}


def test_the_new_page_takes_a_session_or_a_visit(client, rworld, frozen_clock) -> None:
    client.force_login(rworld.chair)
    held = session(rworld.point, rworld.chair, at(2026, 2, 2))
    page = client.get(reverse("reception:conclusion_new") + f"?session={held.pk}")
    assert page.status_code == 200 and "02/02/2026" in page.content.decode()
    v = visit(rworld.phuong, rworld.officer, session=held)
    page = client.get(reverse("reception:conclusion_new") + f"?visit={v.pk}")
    assert page.status_code == 200 and str(v) in page.content.decode()
    response = client.post(reverse("reception:conclusion_new"), _post(rworld, visit=v.pk))
    notice = ConclusionNotice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reception:conclusion_detail", args=[notice.pk]
    )
    assert (notice.visit, notice.session) == (v, held)


def test_a_task_without_owner_is_refused_next_to_its_field(client, rworld, frozen_clock) -> None:
    client.force_login(rworld.chair)
    response = client.post(reverse("reception:conclusion_new"), _post(rworld, **{"tasks-0-owner_organization": ""}))
    assert response.status_code == 400
    assert "tasks-0-owner_organization_error" in response.content.decode()
    assert not ConclusionNotice.objects.exists()
    past = client.post(reverse("reception:conclusion_new"), _post(rworld, **{"tasks-0-due_on": "2026-02-01"}))
    assert past.status_code == 400 and "tasks-0-due_on_error" in past.content.decode()
    assert "01/02/2026" in past.content.decode()


def test_only_heads_open_the_new_page(client, rworld) -> None:
    client.force_login(rworld.handler)
    assert client.get(reverse("reception:conclusion_new")).status_code == 403


def test_the_print_has_the_parts_of_nd_30(client, rworld, frozen_clock) -> None:
    held = session(rworld.point, rworld.chair, at(2026, 2, 2))
    notice = issue(rworld, [task(rworld, DUE), task(rworld, dt.date(2026, 3, 2), description="Trả lời công dân")],
                   session=held)  # fmt: skip
    client.force_login(rworld.chair)
    html = client.get(reverse("reception:conclusion_print", args=[notice.pk])).content.decode()
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 01/TB-UBND",
                 "UBND THÀNH PHỐ HUẾ", "UBND PHƯỜNG PHÚ XUÂN", "ngày 05 tháng 02 năm 2026", "THÔNG BÁO",
                 "tại buổi tiếp công dân ngày 02/02/2026", "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "CHỦ TỊCH",
                 "Trần Thị Hoa", "thời hạn: 20/02/2026", "thời hạn: 02/03/2026", "cases/notice.css",
                 notice.follow_code, f"/theo-doi-ket-luan/?code={notice.follow_code}"):  # fmt: skip
        assert part in html, part
    assert '<ol class="nd30-tasks">' in html and html.index("Khảo sát, nạo vét") < html.index("Trả lời công dân")
    assert "Kết luận của Chủ tịch UBND Phường Phú Xuân tại buổi tiếp công dân" in html


def test_the_board_lists_my_bodys_tasks_with_pinned_queries(client, rworld, frozen_clock,
                                                            django_assert_max_num_queries) -> None:  # fmt: skip
    for n in range(6):
        issue(rworld, [task(rworld, DUE, description=f"Việc {n}"), task(rworld, dt.date(2026, 2, 6))])
    client.force_login(rworld.handler)
    with django_assert_max_num_queries(BOARD_QUERIES):
        page = client.get(reverse("reception:conclusion_tasks"))
    html = page.content.decode()
    assert page.status_code == 200 and html.count('id="task-') == 12
    soon = client.get(reverse("reception:conclusion_tasks") + "?state=due_soon").content.decode()
    assert soon.count('id="task-') == 6
    client.force_login(rworld.other_officer)
    assert client.get(reverse("reception:conclusion_tasks")).content.decode().count('id="task-') == 0


def test_a_handler_of_another_body_is_refused_on_the_task_form_the_head_is_not(client, rworld, frozen_clock) -> None:
    t = issue(rworld, [task(rworld, DUE)]).tasks.get()
    url = reverse("reception:conclusion_task_step", args=[t.pk])
    client.force_login(rworld.other_officer)
    assert client.post(url, {"action": "done", "note": "xong"}).status_code == 404
    client.force_login(rworld.chair)
    assert client.post(url, {"action": "done", "note": "xong"}).status_code == 302
    t.refresh_from_db()
    assert t.status == "done"


def test_the_follow_page_shows_summary_and_tasks_never_a_person(client, rworld, frozen_clock) -> None:
    v = visit(rworld.phuong, rworld.officer, visitor_name="Nguyễn Văn An", visitor_phone="0912345678")
    notice = issue(rworld, [task(rworld, DUE, owner_user=rworld.handler)], visit=v,
                   body="Ông Nguyễn Văn An trình bày; giao bà Phạm Thu Trang trả lời.")  # fmt: skip
    response = client.post(reverse("reception:conclusion_follow"), {"code": notice.follow_code.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    for shown in ("Ngập kiệt 12 Hùng Vương khi mưa lớn", "01/TB-UBND", "UBND Phường Phú Xuân", "20/02/2026",
                  "Khảo sát, nạo vét cống"):  # fmt: skip
        assert shown in html, shown
    for hidden in ("Nguyễn Văn An", "Phạm Thu Trang", "0912345678", "12 Hùng Vương, Phú Xuân", rworld.handler.username,
                   "Giao Phòng", "trình bày"):  # fmt: skip
        assert hidden not in html, hidden
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_wrong_code_gets_a_clear_message(client, rworld, frozen_clock) -> None:
    malformed = client.post(reverse("reception:conclusion_follow"), {"code": "abc"})
    assert malformed.status_code == 400 and "KL-7X3K-9QMR" in malformed.content.decode()
    unknown = client.post(reverse("reception:conclusion_follow"), {"code": "KL-2345-6789"})
    assert unknown.status_code == 404 and 'id="id_code_error"' in unknown.content.decode()


@override_settings(DANVAN_RATE_LIMITS={"reception_follow": {"window_seconds": 600, "per_device": 3,
                                                            "per_address": 3, "without_cookie": 3}})  # fmt: skip
def test_guessing_codes_is_rate_limited(client, db) -> None:
    for _ in range(3):
        assert client.post(reverse("reception:conclusion_follow"), {"code": "KL-2345-6789"}).status_code == 404
    assert client.post(reverse("reception:conclusion_follow"), {"code": "KL-2345-6789"}).status_code == 429
