"""The drafts part's pages: the public list and page (drafts and withdrawn ones 404), the staff pages
(another commune's officer and the public get 404), the forms through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.consultations import choices
from danvan.consultations.models import Consultation, DraftSection
from danvan.consultations.services import drafts as services
from danvan.consultations.tests.drafts.conftest import create
from danvan.democracy.sections import commune_sections

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_the_public_list_puts_open_first_and_finds_words_without_diacritics(cworld) -> None:
    open_one = cworld.consultation
    closed = create(cworld, title="Chỉnh trang vỉa hè đường Lê Lợi", opens_on=dt.date(2026, 5, 1),
                    closes_on=dt.date(2026, 5, 30))  # fmt: skip
    Consultation.objects.filter(pk=closed.pk).update(status=choices.Status.CLOSED)
    draft = create(cworld, title="Dự thảo chưa công bố")
    page = _client().get("/gop-y/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.index(open_one.title) < body.index(closed.title)
    assert draft.title not in body
    assert "21 ngày" in body or "21 days" in body  # 15/06 to 05/07 inclusive
    found = _client().get("/gop-y/?q=via+he").content.decode()
    assert closed.title in found and open_one.title not in found
    assert closed.title in _client().get("/gop-y/?q=VỈA HÈ").content.decode()
    assert open_one.title not in _client().get("/gop-y/?trang-thai=closed").content.decode()
    assert closed.title not in _client().get(f"/gop-y/?noi={cworld.d.other_commune.pk}").content.decode()


def test_the_public_page_shows_the_sections_with_their_comment_links(cworld) -> None:
    c = cworld.consultation
    page = _client().get(f"/gop-y/{c.code}/")
    assert page.status_code == 200
    body = page.content.decode()
    for key in ("dieu-1", "dieu-2", "dieu-3"):
        assert f'id="{key}"' in body and f"?section={key}" in body
    assert "Điều 3. Hỗ trợ tiểu thương" in body


def test_drafts_and_withdrawn_consultations_are_404_to_the_public(cworld) -> None:
    draft = create(cworld)
    assert _client().get(f"/gop-y/{draft.code}/").status_code == 404
    assert _client(cworld.d.other_chair).get(f"/gop-y/{draft.code}/").status_code == 404
    services.consultation_withdraw(actor=cworld.d.handler, consultation=cworld.consultation, reason="Dừng")
    assert _client().get(f"/gop-y/{cworld.consultation.code}/").status_code == 404
    assert _client().get("/gop-y/khong-co/").status_code == 404


def test_staff_pages_are_404_outside_the_users_bodies(cworld) -> None:
    c = cworld.consultation
    url = f"/van-hanh/gop-y/dot/{c.code}/"
    assert _client().get(url).status_code == 302  # sign in first
    assert _client(cworld.d.other_chair).get(url).status_code == 404
    assert _client(cworld.d.handler).get(url).status_code == 200
    assert _client(cworld.d.chair).get(url).status_code == 200
    assert _client(cworld.d.other_chair).post(f"{url}thao-tac/dong/").status_code == 404
    assert Consultation.objects.get(pk=c.pk).status == choices.Status.OPEN
    listing = _client(cworld.d.other_chair).get("/van-hanh/gop-y/").content.decode()
    assert c.title not in listing
    assert c.title in _client(cworld.d.handler).get("/van-hanh/gop-y/").content.decode()
    assert _client(cworld.d.other_chair).get("/van-hanh/gop-y/moi/").status_code == 200  # for his own ward
    assert _client(cworld.d.village_head).get("/van-hanh/gop-y/moi/").status_code == 404


def test_create_paste_and_open_through_the_pages(cworld) -> None:
    client = _client(cworld.d.handler)
    form = client.get("/van-hanh/gop-y/moi/")
    assert form.status_code == 200
    post = {"organization": cworld.d.phuong.pk, "item": 1, "title": "Phương án di dời chợ", "summary": "Tạm 18 tháng",
            "place": cworld.d.commune.pk, "audience": "commune", "verification": "open", "channels": ["platform"],
            "opens_on": "2026-06-16", "closes_on": "2026-06-30",
            "text": "Điều 1. Phạm vi\nDi dời.\nĐiều 2. Hỗ trợ\nMiễn phí."}  # fmt: skip
    refused = client.post("/van-hanh/gop-y/moi/", post | {"verification": "household", "audience": "province"})
    assert refused.status_code == 400
    done = client.post("/van-hanh/gop-y/moi/", post)
    assert done.status_code == 302
    c = Consultation.objects.get(title="Phương án di dời chợ")
    assert list(DraftSection.objects.filter(version__consultation=c).values_list("key", flat=True)) == ["dieu-1",
                                                                                                        "dieu-2"]  # fmt: skip
    detail = client.get(f"/van-hanh/gop-y/dot/{c.code}/")
    assert "Điều 2. Hỗ trợ" in detail.content.decode()
    assert client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/mo/").status_code == 302
    assert Consultation.objects.get(pk=c.pk).status == choices.Status.OPEN
    assert _client().get(f"/gop-y/{c.code}/").status_code == 200
    # Closing twice: the second is refused on the page, nothing changes.
    assert client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/dong/").status_code == 302
    again = client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/dong/")
    assert again.status_code == 400
    assert client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/khong-co/").status_code == 404


def test_the_commune_page_section_lists_open_consultations(cworld) -> None:
    section = next(s for s in commune_sections() if s.key == "consultations")
    data = section.context(cworld.d.commune)
    assert data is not None
    assert [r.consultation for r in data["open"]] == [cworld.consultation]
    assert data["open"][0].sections == 3 and data["open"][0].days_left == 21
    assert section.context(cworld.d.other_commune) is None
    page = _client().get(f"/dan-chu/{cworld.d.commune.code}/")
    assert page.status_code == 200 and cworld.consultation.title in page.content.decode()


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


def test_documents_download_public_and_staff(cworld) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = cworld.consultation
    client = _client(cworld.d.handler)
    posted = client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/tai-lieu/",
                         {"tl-title": "Sơ đồ chợ tạm", "tl-file": SimpleUploadedFile("so-do.png", _png())})  # fmt: skip
    assert posted.status_code == 302
    doc = c.documents.get()
    public = _client().get(f"/gop-y/{c.code}/tai-lieu/{doc.pk}/")
    assert public.status_code == 200 and public["Content-Type"] == "image/png"
    assert "Sơ đồ chợ tạm" in _client().get(f"/gop-y/{c.code}/").content.decode()
    assert client.get(f"/van-hanh/gop-y/dot/{c.code}/tai-lieu/{doc.pk}/").status_code == 200
    assert _client(cworld.d.other_chair).get(f"/van-hanh/gop-y/dot/{c.code}/tai-lieu/{doc.pk}/").status_code == 404
    draft = create(cworld)
    draft_doc = services.document_add(actor=cworld.d.handler, consultation=draft, title="x", name="x.png", data=_png())
    assert _client().get(f"/gop-y/{draft.code}/tai-lieu/{draft_doc.pk}/").status_code == 404
    assert _client().get(f"/gop-y/{c.code}/tai-lieu/{draft_doc.pk}/").status_code == 404  # another's document


def test_people_affected_are_shown_only_on_the_staff_page(cworld) -> None:
    c = create(cworld, item=choices.Item.AFFECTING_CITIZENS, audience=choices.Audience.AFFECTED,
               verification="household", channels=["targeted_dialogue"], opens_on=dt.date(2026, 6, 15))  # fmt: skip
    client = _client(cworld.d.handler)
    assert client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/nguoi/",
                       {"ng-name": "Hồ Thị Bị Ảnh Hưởng", "ng-contact": "0905 123 456"}).status_code == 302  # fmt: skip
    person = c.affected.get()
    assert client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/bao-tin/",
                       {"person": person.pk, "on": "2026-06-15", "via": "targeted_dialogue"}).status_code == 302  # fmt: skip
    assert client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/mo/").status_code == 302
    assert "Hồ Thị Bị Ảnh Hưởng" in client.get(f"/van-hanh/gop-y/dot/{c.code}/").content.decode()
    public = _client().get(f"/gop-y/{c.code}/")
    assert public.status_code == 200 and "Hồ Thị Bị Ảnh Hưởng" not in public.content.decode()
    assert "0905 123 456" not in public.content.decode()


def test_a_revised_version_through_the_page_shows_in_the_public_history(cworld) -> None:
    c = cworld.consultation
    client = _client(cworld.d.handler)
    services.consultation_close(actor=cworld.d.handler, consultation=c)
    text = "Điều 1. Phạm vi di dời\nDi dời chợ tạm 12 tháng.\nĐiều 3. Hỗ trợ tiểu thương\nMiễn phí 6 tháng."
    refused = client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/phien-ban/", {"pb-change_note": "", "pb-text": text})
    assert refused.status_code == 400 and c.versions.count() == 1
    done = client.post(f"/van-hanh/gop-y/dot/{c.code}/thao-tac/phien-ban/",
                       {"pb-change_note": "Tiếp thu: rút ngắn thời gian", "pb-text": text})  # fmt: skip
    assert done.status_code == 302
    body = _client().get(f"/gop-y/{c.code}/").content.decode()
    assert "Tiếp thu: rút ngắn thời gian" in body and 'id="dieu-2"' not in body  # removed from the current text
