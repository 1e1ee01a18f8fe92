"""The seams between the consultations parts, without a browser: who sees the menu entries, which staff
page each officer is led to from the consultation's staff page, the public page's links to every part
(the map's even before there is one), and the summary's link to the draft's versions only when the
public page has them (its ``#phien-ban`` heading)."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.consultations import choices
from danvan.consultations.models import Consultation
from danvan.consultations.services import answers, drafts
from danvan.consultations.tests.factories import ConsultationsWorld
from danvan.core import clock

pytestmark = pytest.mark.django_db


def _page(user: object, path: str) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_menu_entries_show_for_the_right_roles(cworld: ConsultationsWorld) -> None:
    d = cworld.d
    staff, figures = 'href="/van-hanh/gop-y/"', 'href="/van-hanh/gop-y/so-lieu/"'
    anonymous = _page(None, "/gop-y/")
    assert 'href="/gop-y/"' in anonymous and staff not in anonymous and figures not in anonymous
    seen = {name: _page(getattr(d, name), "/gop-y/") for name in
            ("chair", "handler", "village_head", "front_officer", "dan_van", "operator")}  # fmt: skip
    assert {name for name, html in seen.items() if staff in html} == {"chair", "handler", "village_head",
                                                                      "front_officer"}  # fmt: skip
    assert {name for name, html in seen.items() if figures in html} == {"chair", "front_officer", "dan_van",
                                                                        "operator"}  # fmt: skip


def test_the_staff_page_leads_each_officer_to_the_parts_pages(cworld: ConsultationsWorld) -> None:
    c, d = cworld.consultation, cworld.d
    base = f"/van-hanh/gop-y/dot/{c.code}/"
    links = {what: f'href="{base}{path}"' for what, path in
             [("moderation", "kiem-duyet/"), ("key_in", "nhap-y-kien/"), ("map", "ban-do-y-kien/"),
              ("answers", "tra-loi/")]}  # fmt: skip
    handler = _page(d.handler, base)
    assert all(link in handler for link in links.values())
    chair = _page(d.chair, base)
    assert {what for what, link in links.items() if link in chair} == {"moderation", "map", "answers"}


def test_the_public_page_links_to_voting_comments_and_the_map_before_any_map(cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    html = _page(None, f"/gop-y/{c.code}/")
    for path in ("bieu-quyet/", "gop-y/", "ban-do-y-kien/"):
        assert f'href="/gop-y/{c.code}/{path}"' in html, path
    assert "Chưa đủ ý kiến để vẽ bản đồ" in html


def _answered(c: Consultation, chair: object, *, revised: bool) -> None:
    from danvan.consultations.models import Comment

    c.status = choices.Status.CLOSED
    c.save(update_fields=["status"])
    Comment.objects.create(consultation=c, section_key="dieu-1", text="Chợ tạm quá xa nhà dân.")
    (group,) = answers.groups_suggest(actor=chair, consultation=c)
    answers.group_answer(actor=chair, group=group, answer=choices.Answer.ACCEPTED, text="Phường bố trí xe đưa đón.")
    if revised:
        drafts.version_add(actor=chair, consultation=c, change_note="Tiếp thu ý kiến về chợ tạm.",
                           edits={"dieu-1": ("Điều 1. Phạm vi di dời", "Chợ tạm đặt gần chợ cũ.", "Gần nhà dân")})  # fmt: skip
    answers.decision_record(actor=chair, consultation=c, decided_on=clock.today())
    answers.summary_publish(actor=chair, consultation=c, text="UBND phường tiếp thu ý kiến.")


def test_the_summary_links_to_the_versions_only_when_the_public_page_shows_them(cworld: ConsultationsWorld) -> None:
    from danvan.consultations.tests.factories import consultation

    chair = cworld.d.chair
    for c, revised in ((cworld.consultation, False), (consultation(cworld.d), True)):
        _answered(c, chair, revised=revised)
        summary, detail = f"/gop-y/{c.code}/ket-qua/", f"/gop-y/{c.code}/"
        assert (f'href="{detail}#phien-ban"' in _page(None, summary)) is revised
        assert ('id="phien-ban"' in _page(None, detail)) is revised
        assert f'href="{summary}"' in _page(None, detail)
