"""The map page, its blocks on the consultation's pages, the staff page and its "recompute now" button,
and ``GET /api/v1/consultations/{code}/map``: the figures shown, no participant's id or key anywhere
public, the states before and without enough views, the query count pinned."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from danvan.consultations import choices
from danvan.consultations.blocks import render_context
from danvan.consultations.models import OpinionMap, Participant
from danvan.consultations.services import maps as services
from danvan.consultations.tests.factories import ConsultationsWorld
from danvan.consultations.tests.maps.world import VoteSet, vote_set


@pytest.fixture
def mapped(cworld: ConsultationsWorld) -> VoteSet:
    votes = vote_set(cworld.consultation)
    services.recompute(cworld.consultation)
    return votes


def _identities(c: Any) -> list[str]:
    """Every participant's row id (as the map stores it) and key: none may reach a public answer."""
    rows = list(Participant.objects.filter(consultation=c).values_list("pk", "key"))
    return [str(pk) for pk, _key in rows] + [key for _pk, key in rows]


def _assert_no_identity(text: str, c: Any) -> None:
    for key in _identities(c)[len(_identities(c)) // 2 :]:
        assert key not in text
    # Ids are short numbers: look for them where an id could hide (attributes and JSON values named so).
    assert not re.search(r"(voter|participant)[\"'_ -]*[:=]", text, flags=re.IGNORECASE)
    assert "data-id" not in text


def test_the_map_page_shows_the_chart_and_the_same_figures_in_tables(client: Client, cworld: ConsultationsWorld,
                                                                     mapped: VoteSet) -> None:  # fmt: skip
    c = cworld.consultation
    response = client.get(reverse("consultations:map", args=[c.code]), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-state="ready"' in html
    assert html.count('<use href="#om-') == 20
    assert "Nhóm A · 60%" in html and "Nhóm B · 40%" in html
    assert "Nhóm A phản đối nhiều hơn hẳn những người khác" in html
    assert mapped.statements[7].text in html
    assert "Từng phần của dự thảo được đón nhận thế nào" in html
    assert "Cách đọc bản đồ" in html and "spec §" not in html
    assert "<script" not in html.split("</main>")[0].split("<main")[-1]  # nothing inline in the page body
    assert ' style="' not in html
    _assert_no_identity(html, c)


def test_the_map_page_searches_without_diacritics(client: Client, cworld: ConsultationsWorld, mapped: VoteSet) -> None:
    c = cworld.consultation
    response = client.get(reverse("consultations:map", args=[c.code]), {"q": "boc tham"})
    table = response.content.decode().split('id="om-statements"')[1].split("</table>")[0]
    assert table.count("<tr>") == 2  # the header and the one statement
    assert mapped.statements[2].text in table


def test_not_enough_views_and_not_computed_yet(client: Client, cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    url = reverse("consultations:map", args=[c.code])
    assert 'data-state="none"' in client.get(url).content.decode()
    vote_set(c, a=4, b=3)
    services.recompute(c)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'data-state="not-enough"' in html and "Chưa đủ ý kiến để vẽ bản đồ" in html
    assert "<use href" not in html


def test_a_consultation_not_yet_public_has_no_map_page(client: Client, cworld: ConsultationsWorld) -> None:
    c = cworld.consultation
    c.status = choices.Status.DRAFT
    c.save()
    assert client.get(reverse("consultations:map", args=[c.code])).status_code == 404
    assert client.get(reverse("consultations:map", args=["khong-co"])).status_code == 404
    assert client.get(f"/api/v1/consultations/{c.code}/map").status_code == 404


def test_the_map_page_reads_a_fixed_number_of_queries(client: Client, cworld: ConsultationsWorld, mapped: VoteSet,
                                                      django_assert_max_num_queries: Any) -> None:  # fmt: skip
    url = reverse("consultations:map", args=[cworld.consultation.code])
    client.get(url)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(url, {"q": "cho"}).status_code == 200


def test_the_api_gives_the_figures_and_points_without_identity(client: Client, cworld: ConsultationsWorld,
                                                               mapped: VoteSet) -> None:  # fmt: skip
    c = cworld.consultation
    response = client.get(f"/api/v1/consultations/{c.code}/map", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    body = response.json()
    assert (body["computed"], body["ready"], body["participants_placed"], body["votes"]) == (True, True, 20, 160)
    assert [(g["label"], g["size"], g["share"]) for g in body["groups"]] == [("Nhóm A", 12, 0.6), ("Nhóm B", 8, 0.4)]
    assert body["consensus"] == [str(mapped.statements[7].pk)]
    assert len(body["points"]) == 20 and all(set(p) == {"x", "y", "group"} for p in body["points"])
    assert [c["label"] for c in body["centroids"]] == ["Nhóm A", "Nhóm B"]
    assert [s["key"] for s in body["sections"]] == ["", "dieu-1", "dieu-2", "dieu-3"]
    assert {s["id"] for s in body["statements"]} == {str(s.pk) for s in mapped.statements}
    _assert_no_identity(response.content.decode(), c)


def test_the_api_before_any_map(client: Client, cworld: ConsultationsWorld) -> None:
    body = client.get(f"/api/v1/consultations/{cworld.consultation.code}/map").json()
    assert (body["computed"], body["ready"], body["groups"], body["points"]) == (False, False, [], [])


def test_the_public_block_shows_a_thumbnail_and_the_top_common_ground(cworld: ConsultationsWorld,
                                                                      mapped: VoteSet) -> None:  # fmt: skip
    c = cworld.consultation
    request = RequestFactory().get("/")
    request.user = cworld.d.handler
    shown = {b["block"].key: b for b in render_context("public", c, request)}
    html = render_to_string(shown["maps"]["block"].template, {"consultation": c, "data": shown["maps"]["data"],
                                                              "request": request})  # fmt: skip
    assert "om-thumb" in html and mapped.statements[7].text in html
    assert reverse("consultations:map", args=[c.code]) in html
    _assert_no_identity(html, c)


def test_the_public_block_links_to_the_map_before_any_map(cworld: ConsultationsWorld) -> None:
    """The consultation's page leads to every part (journey test): before a map, the block says so."""
    request = RequestFactory().get("/")
    shown = {b["block"].key: b for b in render_context("public", cworld.consultation, request)}
    assert shown["maps"]["data"] == {"view": None}


def test_the_staff_block_offers_the_button_to_managers_only(cworld: ConsultationsWorld, mapped: VoteSet) -> None:
    c = cworld.consultation
    request = RequestFactory().get("/")
    for user, may in ((cworld.d.handler, True), (cworld.d.front_officer, False)):
        request.user = user
        shown = {b["block"].key: b for b in render_context("staff", c, request)}
        html = render_to_string(shown["maps-staff"]["block"].template,
                                {"consultation": c, "data": shown["maps-staff"]["data"], "request": request})  # fmt: skip
        assert ('id="om-recompute"' in html) is may
        assert "20/20" in html


def test_the_staff_page_and_the_recompute_button(client: Client, cworld: ConsultationsWorld, mapped: VoteSet) -> None:
    c = cworld.consultation
    page = reverse("consultations:map_staff", args=[c.code])
    button = reverse("consultations:map_recompute", args=[c.code])
    client.force_login(cworld.d.front_officer)
    assert client.get(page).status_code == 404
    assert client.post(button).status_code == 404
    assert OpinionMap.objects.filter(consultation=c).count() == 1
    client.force_login(cworld.d.other_chair)
    assert client.post(button).status_code == 404
    client.force_login(cworld.d.handler)
    response = client.post(button, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 302 and response["Location"] == page
    assert OpinionMap.objects.filter(consultation=c).count() == 2
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Đã tính lại bản đồ ý kiến từ 160 lượt biểu quyết: 2 nhóm." in html
    assert html.count("<tr>") == 3  # the header and the two maps kept
    assert client.get(button).status_code == 405


def test_the_staff_page_needs_a_login(client: Client, cworld: ConsultationsWorld) -> None:
    response = client.get(reverse("consultations:map_staff", args=[cworld.consultation.code]))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
