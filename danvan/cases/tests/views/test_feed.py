"""The public feed's pages: the list with its filters and pages, the map's JSON, one report, its photos,
"I have this problem too" with and without JavaScript, the look for similar reports, "still not fixed"
from the private page, the opt-out on the form, and the number of queries the feed costs."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext, override
from PIL import Image

from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, CaseSupport
from danvan.cases.services import handling
from danvan.cases.tests.factories import World, case_at, submit
from danvan.ui.limits import DEVICE_COOKIE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 30)).save(out, "PNG")
    return out.getvalue()


def vi(msgid: str) -> str:
    with override("vi"):
        text = gettext(msgid)
    assert text != msgid, msgid
    return text


def public_case(**overrides: Any) -> Case:
    return submit(publish=True, share_photos=True, **overrides).case


def test_the_feed_lists_public_reports_with_their_plain_status_and_never_a_name(client, world: World):
    shown = public_case(title="Đèn đường hỏng", content="Tôi là Nguyễn Văn An, đèn trước nhà hỏng.")
    submit(publish=False, title="Không công khai")
    submit(publish=True, track=Track.TO_CAO, title="Tố cáo cán bộ")
    response = client.get("/phan-anh-cong-khai/", HTTP_ACCEPT_LANGUAGE="vi")
    html = response.content.decode()
    assert response.status_code == 200
    assert [row["case"].pk for row in response.context["rows"]] == [shown.pk]
    assert "Đèn đường hỏng" in html and "Không công khai" not in html and "Tố cáo" not in html
    assert "Nguyễn Văn An" not in html and vi("Received") in html
    detail = client.get(f"/phan-anh-cong-khai/{shown.tracking_code}/").content.decode()
    assert "Nguyễn Văn An" not in detail and "0912345678" not in detail and "an@example.vn" not in detail


def test_the_feed_filters_by_commune_and_topic_and_bad_filters_show_everything(client, world: World):
    public_case(title="Rác Phú Xuân", topic_code="moi-truong")
    kim_long = public_case(title="Rác Kim Long", topic_code="moi-truong", place_text="phuong kim long, hue")
    public_case(title="Nước Phú Xuân", topic_code="dien-nuoc")

    def titles(query: str) -> list[str]:
        response = client.get(f"/phan-anh-cong-khai/?{query}")
        assert response.status_code == 200
        return [row["case"].public_title for row in response.context["rows"]]

    assert titles(f"xa={kim_long.place_unit_id}") == ["Rác Kim Long"]
    assert titles("chu_de=moi-truong") == ["Rác Kim Long", "Rác Phú Xuân"]
    assert titles("xa=999999999&chu_de=khong-co") == ["Nước Phú Xuân", "Rác Kim Long", "Rác Phú Xuân"]


def test_the_feed_is_paged(client, world: World):
    for n in range(23):
        public_case(title=f"Phản ánh {n:02d}")
    first = client.get("/phan-anh-cong-khai/")
    second = client.get("/phan-anh-cong-khai/?page=2")
    assert len(first.context["rows"]) == 20 and len(second.context["rows"]) == 3
    assert 'rel="next"' in first.content.decode()


def test_the_map_json_has_one_marker_per_public_report_with_a_point(client, world: World):
    lamp = public_case(title="Đèn", latitude=Decimal("16.4637"), longitude=Decimal("107.5909"))
    public_case(title="Không có điểm")
    submit(publish=False, title="Riêng", latitude=Decimal("16.4638"), longitude=Decimal("107.5909"))
    data = client.get("/phan-anh-cong-khai/ban-do.json", HTTP_ACCEPT_LANGUAGE="vi").json()
    assert data == {"markers": [{
        "code": lamp.tracking_code, "title": "Đèn", "status": vi("Received"), "lat": 16.4637, "lng": 107.5909,
        "url": f"/phan-anh-cong-khai/{lamp.tracking_code}/",
    }]}  # fmt: skip
    assert client.get("/phan-anh-cong-khai/ban-do.json?chu_de=dien-nuoc").json() == {"markers": []}


def test_a_report_shows_the_answer_and_photos_before_and_after(client, world: World):
    case = case_at(Status.REGISTERED, handler=world.handler, head=world.head, publish=True, share_photos=True,
                   files=[("truoc.png", png())])  # fmt: skip
    handling.case_answer(case=case, actor=world.handler, answer_text="Đã thay bóng đèn.",
                         after_photos=[("sau.png", png())])  # fmt: skip
    handling.case_publish(case=case, actor=world.handler, public_answer="Đã thay bóng đèn ngày 05/02.")
    response = client.get(f"/phan-anh-cong-khai/{case.tracking_code}/")
    html = response.content.decode()
    assert "Đã thay bóng đèn ngày 05/02." in html
    before, after = response.context["before"], response.context["after"]
    assert [p.name for p in before] == ["truoc.png"] and [p.name for p in after] == ["sau.png"]
    photo = client.get(f"/phan-anh-cong-khai/{case.tracking_code}/anh/{after[0].pk}/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert photo["X-Content-Type-Options"] == "nosniff"


def test_a_report_that_is_not_public_and_its_photos_are_not_found(client, world: World):
    denunciation = submit(publish=True, track=Track.TO_CAO, files=[("a.png", png())]).case
    private = submit(publish=False, files=[("b.png", png())]).case
    for case in (denunciation, private):
        assert client.get(f"/phan-anh-cong-khai/{case.tracking_code}/").status_code == 404
        photo = case.attachments.get()
        assert client.get(f"/phan-anh-cong-khai/{case.tracking_code}/anh/{photo.pk}/").status_code == 404
    shown = public_case()
    # Another case's photo under a public report's code is not found either.
    assert (
        client.get(f"/phan-anh-cong-khai/{shown.tracking_code}/anh/{private.attachments.get().pk}/").status_code == 404
    )


def test_support_without_javascript_comes_back_and_counts_once_per_device(client, world: World):
    case = public_case()
    page = f"/phan-anh-cong-khai/{case.tracking_code}/"
    url = f"{page}ung-ho/"
    assert client.get(page).cookies[DEVICE_COOKIE]["httponly"]  # the page gives the device its cookie
    first = client.post(url, {"next": page})
    assert first.status_code == 302 and first["Location"] == page
    client.post(url, {"next": "https://evil.example/"})
    assert CaseSupport.objects.filter(case=case).count() == 1
    other = client.__class__()
    other.get(page)
    data = other.post(url, HTTP_ACCEPT="application/json").json()
    assert (data["count"], data["created"]) == (2, True)
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == page


def test_support_from_a_browser_the_site_never_gave_a_cookie_is_not_counted(client, world: World):
    # Each cookieless request would otherwise be a new supporter: the count could be inflated at will.
    case = public_case()
    refused = client.post(f"/phan-anh-cong-khai/{case.tracking_code}/ung-ho/", HTTP_ACCEPT="application/json")
    assert refused.status_code == 400 and "cookie" in refused.json()["error"]
    assert CaseSupport.objects.filter(case=case).count() == 0


def test_support_is_rate_limited(client, world: World, settings):
    case = public_case()
    client.get(f"/phan-anh-cong-khai/{case.tracking_code}/")
    for _ in range(settings.DANVAN_RATE_LIMITS["feed_support"]["per_device"]):
        assert client.post(f"/phan-anh-cong-khai/{case.tracking_code}/ung-ho/").status_code == 302
    refused = client.post(f"/phan-anh-cong-khai/{case.tracking_code}/ung-ho/", HTTP_ACCEPT="application/json")
    assert refused.status_code == 429 and "error" in refused.json()


def test_nearby_page_and_json_show_similar_reports_before_sending(client, world: World):
    same = public_case(title="Rác ùn ứ", topic_code="moi-truong")
    public_case(title="Mất nước", topic_code="dien-nuoc")
    page = client.get("/gui-phan-anh/tuong-tu/?topic=moi-truong&place_text=phuong+phu+xuan,+hue")
    assert [row["case"].pk for row in page.context["rows"]] == [same.pk]
    assert f"/phan-anh-cong-khai/{same.tracking_code}/ung-ho/" in page.content.decode()
    data = client.get("/gui-phan-anh/tuong-tu/?format=json&topic=moi-truong&place_text=phuong+phu+xuan,+hue").json()
    assert [(r["code"], r["title"], r["supports"]) for r in data["reports"]] == [(same.tracking_code, "Rác ùn ứ", 0)]
    assert client.get("/gui-phan-anh/tuong-tu/?format=json&place_text=khong+co+noi+nay").json() == {"reports": []}
    assert client.get("/gui-phan-anh/tuong-tu/").status_code == 200


def test_the_form_offers_the_opt_out_and_the_counter_does_not_publish(client, world: World):
    form = client.get("/gui-phan-anh/").content.decode()
    assert 'name="keep_private"' in form and 'name="share_photos"' in form and "/gui-phan-anh/tuong-tu/" in form
    base = {"track": "pakn", "content": "Cống thoát nước kiệt 5 bị tắc, nước tràn lên đường.",
            "place_text": "phuong phu xuan, hue", "name": "Lê Thị Hoa", "phone": "0905123123", "consent": "on"}  # fmt: skip
    assert client.post("/gui-phan-anh/", base).status_code == 303
    assert client.post("/gui-phan-anh/", {**base, "content": base["content"] + " Lần hai.", "keep_private": "on"}
                       ).status_code == 303  # fmt: skip
    assert list(Case.objects.order_by("id").values_list("publish_wanted", flat=True)) == [True, False]


def test_still_not_fixed_from_the_private_link(client, world: World):
    from danvan.cases.services.intake import case_access_token

    case = case_at(Status.ANSWERED, handler=world.handler, head=world.head, publish=True)
    page = client.get(f"/tra-cuu/{case.tracking_code}/?k={case_access_token(case)}", follow=True)
    assert page.context["reopen_form"] is not None
    assert page.context["public_url"] == f"/phan-anh-cong-khai/{case.tracking_code}/"
    empty = client.post(f"/tra-cuu/{case.tracking_code}/chua-xu-ly/", {"note": ""})
    assert empty.status_code == 302 and Case.objects.get(pk=case.pk).status == Status.ANSWERED
    done = client.post(f"/tra-cuu/{case.tracking_code}/chua-xu-ly/", {"note": "Đèn lại tắt."}, follow=True)
    assert Case.objects.get(pk=case.pk).status == Status.REGISTERED
    assert done.context["reopen_form"] is None
    stranger = client.__class__()
    other = case_at(Status.ANSWERED, handler=world.handler, head=world.head, publish=True)
    assert stranger.post(f"/tra-cuu/{other.tracking_code}/chua-xu-ly/", {"note": "Vẫn hỏng."}).status_code == 404
    assert Case.objects.get(pk=other.pk).status == Status.ANSWERED


def test_the_staff_answer_step_takes_photos_after_handling(client, world: World):
    case = case_at(Status.REGISTERED, handler=world.handler, head=world.head, publish=True)
    client.force_login(world.handler)
    upload = io.BytesIO(png())
    upload.name = "sau-khi-sua.png"
    response = client.post(f"/van-hanh/ho-so/{case.pk}/answer/",
                           {"answer-answer_text": "Đã sửa xong.", "answer-after_photos": upload})  # fmt: skip
    assert response.status_code == 302
    assert list(case.attachments.values_list("kind", "is_public", "name")) == [("after", True, "sau-khi-sua.png")]


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_feed_costs_the_same_queries_for_3_or_25_reports(client, world: World):
    """No N+1: photos are prefetched, counts annotated, topics and communes joined."""
    for n in range(3):
        public_case(title=f"A{n}", files=[("a.png", png())], topic_code="moi-truong")
    few = _queries(client, "/phan-anh-cong-khai/")
    for n in range(22):
        case = public_case(title=f"B{n}", files=[("b.png", png())], topic_code="dien-nuoc")
        CaseSupport.objects.create(case=case, supporter=f"s{n}")
    many = _queries(client, "/phan-anh-cong-khai/")
    assert many == few
    assert many <= 8, many  # session-less visitor: count, page, photos, communes, topics (+ savepoints)
    assert re.search(r"B\d+", client.get("/phan-anh-cong-khai/").content.decode())


def test_the_publish_step_offers_the_public_text_of_a_public_report_for_correction(client, world: World):
    case = case_at(Status.ANSWERED, handler=world.handler, head=world.head, publish=True,
                   content="Ông Tư đầu kiệt đổ rác ra đường.")  # fmt: skip
    client.force_login(world.handler)
    page = client.get(f"/van-hanh/ho-so/{case.pk}/").content.decode()
    assert 'name="publish-public_text"' in page and "Ông Tư đầu kiệt đổ rác ra đường." in page
    response = client.post(f"/van-hanh/ho-so/{case.pk}/publish/", {
        "publish-public_answer": "Đã nhắc nhở.", "publish-public_text": "Một hộ đầu kiệt đổ rác ra đường."})  # fmt: skip
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).public_text == "Một hộ đầu kiệt đổ rác ra đường."
    private = case_at(Status.ANSWERED, handler=world.handler, head=world.head)
    assert 'name="publish-public_text"' not in client.get(f"/van-hanh/ho-so/{private.pk}/").content.decode()
