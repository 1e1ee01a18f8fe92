"""The public page's moderation on the staff case page, and what the public and the citizen then see: the
feed, the map's JSON, the report's page and its photos no longer show a report taken off; its citizen reads
why on their private page (the reason's label, never the staff note)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils.translation import gettext, override
from PIL import Image

from danvan.cases.choices import PublicHideReason, Status
from danvan.cases.models import Case, CaseEvent
from danvan.cases.services.moderation import case_public_hide
from danvan.cases.tests.factories import World, case_at, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 30)).save(out, "PNG")
    return out.getvalue()


def vi(msgid: Any) -> str:
    """The Vietnamese of a msgid or a lazy label; fails when there is none."""
    with override("en"):
        english = str(msgid)
    with override("vi"):
        text = gettext(msgid) if isinstance(msgid, str) else str(msgid)
    assert text != english, english
    return text


def public_case(**overrides: Any) -> Case:
    return submit(publish=True, share_photos=True, files=[("a.png", png())], latitude=Decimal("16.4637"),
                  longitude=Decimal("107.5909"), **overrides).case  # fmt: skip


def act(case: Case, step: str) -> str:
    return f"/van-hanh/ho-so/{case.pk}/{step}/"


def test_the_handler_takes_a_report_off_from_the_case_page_and_the_public_no_longer_sees_it(client, world: World):
    case = public_case(title="Đèn đường hỏng")
    photo = case.attachments.get()
    public_urls = [
        f"/phan-anh-cong-khai/{case.tracking_code}/",
        f"/phan-anh-cong-khai/{case.tracking_code}/anh/{photo.pk}/",
    ]
    assert [client.get(url).status_code for url in public_urls] == [200, 200]
    client.force_login(world.handler)
    page = client.get(f"/van-hanh/ho-so/{case.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    keys = [step["key"] for step in page.context["steps"]]
    assert "hide_public" in keys and "correct_public" in keys and "show_public" not in keys
    assert page.context["public_page"] == {"shown": True, "url": f"/phan-anh-cong-khai/{case.tracking_code}/"}

    response = client.post(
        act(case, "hide_public"), {"hide_public-reason": "offensive", "hide_public-note": "Lời lẽ xúc phạm."}
    )

    assert response.status_code == 302 and response["Location"] == f"/van-hanh/ho-so/{case.pk}/"
    case.refresh_from_db()
    assert case.public_hidden_reason == "offensive"
    page = client.get(f"/van-hanh/ho-so/{case.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    assert [s["key"] for s in page.context["steps"] if s["key"].endswith("_public")] == [
        "show_public",
        "correct_public",
    ]
    assert page.context["public_page"] == {"shown": False, "url": ""}
    html = page.content.decode()
    assert vi("Taken off the public page") in html and "Lời lẽ xúc phạm." in html  # the staff timeline
    client.logout()
    assert client.get("/phan-anh-cong-khai/").context["rows"] == []
    assert client.get("/phan-anh-cong-khai/ban-do.json").json() == {"markers": []}
    assert [client.get(url).status_code for url in public_urls] == [404, 404]
    assert client.post(f"/phan-anh-cong-khai/{case.tracking_code}/ung-ho/").status_code == 404


def test_a_missing_reason_or_note_is_shown_on_the_page_and_nothing_changes(client, world: World):
    case = public_case()
    client.force_login(world.handler)
    response = client.post(act(case, "hide_public"), {"hide_public-reason": "other", "hide_public-note": ""},
                           HTTP_ACCEPT_LANGUAGE="vi")  # fmt: skip
    assert response.status_code == 400
    form = next(s["form"] for s in response.context["steps"] if s["key"] == "hide_public")
    assert form.errors == {"note": [vi("Say why the report is taken off the public page.")]}
    assert next(s for s in response.context["steps"] if s["key"] == "hide_public")["open"]
    assert client.post(act(case, "hide_public"), {}).status_code == 400
    case.refresh_from_db()
    assert case.public_hidden_at is None and not CaseEvent.objects.filter(case=case, action="public_hide").exists()


def test_who_may_not_handle_the_case_is_refused_and_nothing_changes(client, world: World):
    case = public_case()
    client.force_login(world.inspector)  # reads the case, does not handle it
    assert "hide_public" not in [s["key"] for s in client.get(f"/van-hanh/ho-so/{case.pk}/").context["steps"]]
    assert client.post(act(case, "hide_public"), {"hide_public-reason": "offensive"}).status_code == 403
    client.force_login(world.other_handler)  # another ward's handler does not even see it
    assert client.post(act(case, "hide_public"), {"hide_public-reason": "offensive"}).status_code == 404
    client.force_login(world.citizen)
    assert client.post(act(case, "hide_public"), {"hide_public-reason": "offensive"}).status_code == 404
    case.refresh_from_db()
    assert case.public_hidden_at is None


def test_the_head_shows_it_again_and_corrects_its_public_text(client, world: World):
    case = public_case(title="Đèn hỏng")
    case_public_hide(case=case, actor=world.handler, reason="personal_data")
    client.force_login(world.head)
    response = client.post(act(case, "correct_public"), {"correct_public-public_title": "Đèn trước chợ hỏng",
                                                         "correct_public-public_text": "Ba cột đèn không sáng."})  # fmt: skip
    assert response.status_code == 302
    assert client.post(act(case, "show_public"), {"show_public-note": ""}).status_code == 302
    client.logout()
    detail = client.get(f"/phan-anh-cong-khai/{case.tracking_code}/")
    assert detail.status_code == 200
    assert "Đèn trước chợ hỏng" in detail.content.decode() and "Ba cột đèn không sáng." in detail.content.decode()


def test_the_citizen_reads_on_their_page_that_it_is_off_and_why_but_never_the_staff_note(client, world: World):
    from danvan.cases.services.intake import case_access_token

    case = case_at(Status.REGISTERED, handler=world.handler, head=world.head, publish=True)
    page = client.get(f"/tra-cuu/{case.tracking_code}/?k={case_access_token(case)}", follow=True,
                      HTTP_ACCEPT_LANGUAGE="vi")  # fmt: skip
    assert page.context["public_hidden_reason"] == "" and page.context["public_url"]
    case_public_hide(case=case, actor=world.handler, reason="other", note="Nghi ngờ nội dung bịa đặt, chờ xác minh.")

    page = client.get(f"/tra-cuu/{case.tracking_code}/", HTTP_ACCEPT_LANGUAGE="vi")

    html = page.content.decode()
    assert page.context["public_url"] == ""
    assert vi("Your feedback is not shown on the public page. The body took it off for this reason:") in html
    assert vi(PublicHideReason.OTHER.label) in html
    assert "Nghi ngờ" not in html and vi("Taken off the public page") not in html
    assert vi("see it as others do") not in html
