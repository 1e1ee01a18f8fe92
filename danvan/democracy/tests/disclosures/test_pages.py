"""The pages and the REST endpoints: public pages show only published rows (no staff names), staff
record and publish through the forms, the quarterly list prints and exports, the API's codes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from danvan.democracy import errors
from danvan.democracy.enums import Channel, DisclosureItem, DisclosureStatus
from danvan.democracy.models import Disclosure, DisclosureChannel
from danvan.democracy.services import disclosures as services
from danvan.democracy.tests.disclosures.conftest import jpeg, record

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def three(dworld, today):
    published = record(dworld, title="Công khai dự toán", summary="Tóm tắt dự toán")
    services.channel_add(actor=dworld.handler, disclosure=published, channel=Channel.POSTING, starts_on=D(2026, 5, 4),
                         place="Trụ sở UBND")  # fmt: skip
    services.disclosure_publish(actor=dworld.handler, disclosure=published)
    draft = record(dworld, title="Bản nháp chưa công khai")
    withdrawn = record(dworld, title="Đã rút xuống")
    services.channel_add(actor=dworld.handler, disclosure=withdrawn, channel=Channel.POSTING, starts_on=D(2026, 5, 4))
    services.disclosure_publish(actor=dworld.handler, disclosure=withdrawn)
    services.disclosure_withdraw(actor=dworld.handler, disclosure=withdrawn, reason="Sai số liệu")
    return published, draft, withdrawn


def test_public_pages_show_only_published_rows(client, dworld, three):
    published, draft, withdrawn = three
    code = dworld.commune.code
    page = client.get(f"/dan-chu/{code}/cong-khai/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Công khai dự toán" in body and "Bản nháp" not in body and "Đã rút" not in body
    assert dworld.handler.full_name not in body
    detail = client.get(f"/dan-chu/{code}/cong-khai/{published.pk}/")
    assert detail.status_code == 200 and "Tóm tắt dự toán" in detail.content.decode()
    assert dworld.handler.full_name not in detail.content.decode()
    for row in (draft, withdrawn):
        assert client.get(f"/dan-chu/{code}/cong-khai/{row.pk}/").status_code == 404
    assert client.get(f"/dan-chu/{dworld.other_commune.code}/cong-khai/{published.pk}/").status_code == 404
    assert client.get(f"/dan-chu/{code}/cong-khai/{published.pk}/van-ban/").status_code == 404  # no document


def test_the_section_registers_for_the_commune_page(dworld, three):
    from danvan.democracy.sections import commune_sections, register_sections

    register_sections()
    section = next(s for s in commune_sections() if s.key == "disclosures")
    data = section.context(dworld.commune)
    assert data is not None
    assert [row.title for row in data["rows"]] == ["Công khai dự toán"]


def test_staff_record_add_a_channel_and_publish_through_the_pages(client, dworld, today):
    client.force_login(dworld.handler)
    assert client.get("/van-hanh/dan-chu/cong-khai/").status_code == 200
    response = client.post("/van-hanh/dan-chu/cong-khai/moi/", {
        "commune": dworld.commune.pk, "item": 7, "title": "Hỗ trợ nhà ở", "decided_on": "2026-06-10",
        "document_ref": "52/QĐ-UBND"})  # fmt: skip
    row = Disclosure.objects.get()
    assert response.status_code == 302 and row.due_on == D(2026, 6, 17)
    url = f"/van-hanh/dan-chu/cong-khai/{row.pk}/"
    short = client.post(url + "kenh/", {"channel": "loudspeaker", "starts_on": "2026-06-11", "ends_on": "2026-06-12"})
    assert short.status_code == 400 and "14/06/2026" in short.content.decode()
    assert not DisclosureChannel.objects.exists()
    ok = client.post(url + "kenh/", {"channel": "posting", "starts_on": "2026-06-11", "place": "Trụ sở"})
    assert ok.status_code == 302
    bad = client.post(url + "anh/", {"anh-file": io.BytesIO(b"not an image")})
    assert bad.status_code == 400
    photo = io.BytesIO(jpeg())
    photo.name = "bang-tin.jpg"
    assert client.post(url + "anh/", {"anh-file": photo, "anh-caption": "Bảng tin"}).status_code == 302
    assert client.post(url + "cong-bo/").status_code == 302
    row.refresh_from_db()
    assert (row.status, row.published_on) == (DisclosureStatus.PUBLISHED, D(2026, 6, 11))
    page = client.get(url).content.decode()
    assert ("Bảng tin" in page and "Commune loudspeakers" in page) or "truyền thanh" in page


def test_another_communes_chair_sees_nothing(client, dworld, three):
    client.force_login(dworld.other_chair)
    assert client.get(f"/van-hanh/dan-chu/cong-khai/{three[0].pk}/").status_code == 404
    listing = client.get("/van-hanh/dan-chu/cong-khai/").content.decode()
    assert "Công khai dự toán" not in listing
    client.force_login(dworld.village_head)
    assert client.get("/van-hanh/dan-chu/cong-khai/").status_code == 404


def test_the_quarterly_list_page_print_and_excel(client, dworld, three):
    client.force_login(dworld.handler)
    query = f"xa={dworld.commune.pk}&nam=2026&quy=2"
    made = client.post("/van-hanh/dan-chu/cong-khai/danh-sach-quy/", {"xa": dworld.commune.pk, "nam": 2026, "quy": 2})
    assert made.status_code == 200 and "Công khai dự toán" in made.content.decode()
    printed = client.get(f"/van-hanh/dan-chu/cong-khai/danh-sach-quy/in/?{query}").content.decode()
    assert "DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI" in printed and "Quý 2 năm 2026" in printed
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in printed and "Đã rút" in printed  # published in Q2, then withdrawn
    xlsx = client.get(f"/van-hanh/dan-chu/cong-khai/danh-sach-quy/tai.xlsx?{query}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    lines = [[c.value for c in r] for r in sheet.iter_rows()]
    assert lines[0][0] == "STT" and lines[1][2] == "Công khai dự toán" and lines[1][6] == "04/05/2026"
    posted = client.post("/van-hanh/dan-chu/cong-khai/danh-sach-quy/",
                         {"xa": dworld.commune.pk, "nam": 2026, "quy": 2, "buoc": "niem-yet", "posted_on": "2026-06-15"})  # fmt: skip
    assert posted.status_code == 200 and "15/06/2026" in posted.content.decode()


# REST --------------------------------------------------------------------------------------------------------


def test_api_public_list_and_staff_steps(client, dworld, three):
    code = dworld.commune.code
    public = client.get(f"/api/v1/democracy/communes/{code}/disclosures").json()
    assert [row["title"] for row in public] == ["Công khai dự toán"]
    client.force_login(dworld.handler)
    body = {"commune_code": code, "item": 12, "title": "Phí vệ sinh", "decided_on": "2026-06-10"}
    first = client.post("/api/v1/democracy/disclosures", body, content_type="application/json")
    again = client.post("/api/v1/democracy/disclosures", body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200) and first.json()["due_on"] == "2026-06-17"
    pk = first.json()["id"]
    short = client.post(f"/api/v1/democracy/disclosures/{pk}/channels", {"channel": "posting",
                        "starts_on": "2026-06-11", "ends_on": "2026-07-01"}, content_type="application/json")  # fmt: skip
    assert (short.status_code, short.json()["code"]) == (400, errors.POSTING_TOO_SHORT)
    empty = client.post(f"/api/v1/democracy/disclosures/{pk}/publish")
    assert empty.json()["code"] == errors.CHANNEL_MISSING
    added = client.post(f"/api/v1/democracy/disclosures/{pk}/channels", {"channel": "posting",
                        "starts_on": "2026-06-11", "ends_on": "2026-07-11"}, content_type="application/json")  # fmt: skip
    assert added.status_code == 201
    published = client.post(f"/api/v1/democracy/disclosures/{pk}/publish").json()
    assert (published["status"], published["on_time"], published["channels_complete"]) == ("published", True, False)
    listed = client.post("/api/v1/democracy/disclosures/quarterly-lists",
                         {"commune_code": code, "year": 2026, "quarter": 2}, content_type="application/json").json()  # fmt: skip
    assert [r["title"] for r in listed["rows"]] == ["Công khai dự toán", "Đã rút xuống", "Phí vệ sinh"]
    withdrawn = client.post(f"/api/v1/democracy/disclosures/{pk}/withdraw", {"reason": "Thay thế"},
                            content_type="application/json").json()  # fmt: skip
    assert withdrawn["status"] == "withdrawn"
    client.force_login(dworld.other_chair)
    refused = client.post("/api/v1/democracy/disclosures", body | {"item": 99}, content_type="application/json")
    assert refused.status_code in (403, 422)
    refused = client.post("/api/v1/democracy/disclosures", body | {"title": "Khác"}, content_type="application/json")
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")


def test_permanent_items_in_the_api(client, dworld, today):
    client.force_login(dworld.chair)
    row = record(dworld, item=DisclosureItem.PROCEDURES, title="Thủ tục")
    ended = client.post(f"/api/v1/democracy/disclosures/{row.pk}/channels", {"channel": "posting",
                        "starts_on": "2026-06-11", "ends_on": "2027-06-11"}, content_type="application/json")  # fmt: skip
    assert ended.json()["code"] == errors.POSTING_TOO_SHORT
