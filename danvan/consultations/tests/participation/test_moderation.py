"""The staff moderation page: each list paged by 50 with its total, every page reachable and the other
lists' pages kept; a page that does not exist answered clearly; "possibly the same as" hints (Vietnamese
with or without diacritics) with a one-click prefill of the merge number; the bound on the hints' work;
the same refusal as before for a user who may not moderate."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations import text_match
from danvan.consultations.models import Comment, Statement
from danvan.consultations.selectors import moderation as msel
from danvan.consultations.tests import factories as f

pytestmark = pytest.mark.django_db


def url(c, query: str = "") -> str:
    return reverse("consultations:moderation", args=[c.code]) + (f"?{query}" if query else "")


def many(c, n: int, status: str, prefix: str) -> list[int]:
    Statement.objects.bulk_create(
        [Statement(consultation=c, text=f"{prefix} số {i} về chợ tạm", status=status) for i in range(n)]
    )
    return list(Statement.objects.filter(consultation=c, status=status).order_by("id").values_list("pk", flat=True))


def shown(response, name: str) -> list[int]:
    return [item.row.pk for item in getattr(response.context["queue"], name).items]


@pytest.fixture
def moderator(cworld, client: Client) -> Client:
    client.force_login(cworld.d.handler)
    return client


def test_page_two_holds_exactly_the_next_fifty_and_the_headings_give_the_totals(cworld, moderator: Client) -> None:
    c = cworld.consultation
    pending = many(c, 120, "pending", "Chờ")
    published = many(c, 51, "published", "Hiện")
    first = moderator.get(url(c))
    assert first.status_code == 200
    assert shown(first, "pending") == pending[:50] and shown(first, "statements") == published[:50]
    page = first.content.decode()
    assert re.search(r'id="pv-list-cho">[^<]*\(120\)', page) and re.search(r'id="pv-list-hien">[^<]*\(51\)', page)
    second = moderator.get(url(c, "cho=2"))
    assert shown(second, "pending") == pending[50:100]
    assert shown(second, "statements") == published[:50]  # the other list stays on its first page
    assert shown(moderator.get(url(c, "cho=3")), "pending") == pending[100:]
    assert shown(moderator.get(url(c, "hien=2")), "statements") == published[50:]
    queue = second.context["queue"]
    assert (queue.pending.total, queue.statements.total, queue.comments.total) == (120, 51, 0)


def test_hidden_and_merged_items_past_the_first_fifty_are_reachable(cworld, moderator: Client) -> None:
    c = cworld.consultation
    hidden = many(c, 55, "hidden", "Ẩn")
    Comment.objects.bulk_create([Comment(consultation=c, text=f"Ý kiến ẩn {i}", status="hidden") for i in range(52)])
    comments = list(Comment.objects.order_by("-id").values_list("pk", flat=True))
    response = moderator.get(url(c, "an=2&y-kien-an=2"))
    assert shown(response, "hidden_statements") == sorted(hidden, reverse=True)[50:]
    assert shown(response, "hidden_comments") == comments[50:]
    queue = response.context["queue"]
    assert (queue.hidden_statements.total, queue.hidden_comments.total) == (55, 52)


def test_paging_one_list_keeps_the_others_pages_and_drops_anything_else(cworld, moderator: Client) -> None:
    c = cworld.consultation
    many(c, 120, "pending", "Chờ")
    many(c, 110, "published", "Hiện")
    page = moderator.get(url(c, "cho=2&hien=2&x=%3Cb%3E")).content.decode()
    assert 'href="?hien=2&amp;cho=1#pv-list-cho" rel="prev"' in page
    assert 'href="?hien=2&amp;cho=3#pv-list-cho" rel="next"' in page
    assert 'href="?cho=2&amp;hien=1#pv-list-hien" rel="prev"' in page
    assert 'href="?cho=2&amp;hien=3#pv-list-hien" rel="next"' in page
    links = re.findall(r'href="(\?[^"]*)"', page)
    hints = [link for link in links if "gop=" in link]  # "Chờ số 51 …" and "Hiện số 51 …" are near-duplicates
    assert len(links) == 4 + len(hints) and hints
    assert all(link.startswith("?cho=2&amp;hien=2&amp;gop=statement-") for link in hints)


def test_a_moderation_step_returns_to_the_pages_the_moderator_was_on(cworld, moderator: Client) -> None:
    c = cworld.consultation
    pending = many(c, 60, "pending", "Chờ")
    response = moderator.post(url(c, "cho=2&hien=1&gop=statement-1-2&x=1"),
                              {"kind": "statement", "target": pending[55], "action": "publish"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url(c, "cho=2&hien=1")
    assert Statement.objects.get(pk=pending[55]).status == "published"


@pytest.mark.parametrize(("asked", "expected_page"), [("99", 3), ("0", 1), ("abc", 1), ("-2", 1), ("9" * 12, 1)])
def test_a_page_that_does_not_exist_shows_the_nearest_one_and_says_so(
    cworld, moderator: Client, asked: str, expected_page: int
) -> None:
    c = cworld.consultation
    pending = many(c, 120, "pending", "Chờ")
    response = moderator.get(url(c, f"cho={asked}"))
    assert response.status_code == 200
    part = response.context["queue"].pending
    assert (part.page.number, part.asked) == (expected_page, asked[:12])
    assert shown(response, "pending") == pending[(expected_page - 1) * 50 : expected_page * 50]
    notice = re.search(r'<p class="notice" role="status" id="pv-asked-cho">([^<]*)</p>', response.content.decode())
    assert notice is not None and asked[:12] in notice.group(1) and f"{expected_page}" in notice.group(1)


def test_the_other_lists_links_keep_the_page_shown_not_a_page_that_does_not_exist(cworld, moderator: Client) -> None:
    c = cworld.consultation
    many(c, 120, "pending", "Chờ")
    many(c, 60, "published", "Hiện")
    page = moderator.get(url(c, "cho=99")).content.decode()
    assert 'href="?cho=3&amp;hien=2#pv-list-hien" rel="next"' in page
    assert not [link for link in re.findall(r'href="(\?[^"]*)"', page) if "cho=99" in link]


def test_an_empty_list_asked_for_page_five_is_a_clear_empty_page(cworld, moderator: Client) -> None:
    response = moderator.get(url(cworld.consultation, "y-kien=5"))
    assert response.status_code == 200
    part = response.context["queue"].comments
    assert (part.page.number, part.total, part.items, part.asked) == (1, 0, [], "5")


def test_a_statement_without_diacritics_is_hinted_as_the_same_as_the_one_with_them(cworld, moderator: Client) -> None:
    c = cworld.consultation
    original = f.statement(c, "Chợ tạm quá xa khu dân cư, tiểu thương phải đi vòng")
    unrelated = f.statement(c, "Cần lắp thêm đèn chiếu sáng ở ngõ 5 đường Trần Phú")
    typed = f.statement(c, "cho tam qua xa khu dan cu, tieu thuong phai di vong", status="pending")
    response = moderator.get(url(c))
    hints = {item.row.pk: [h.pk for h in item.hints] for item in response.context["queue"].pending.items}
    assert hints == {typed.pk: [original.pk]}
    published = {item.row.pk: [h.pk for h in item.hints] for item in response.context["queue"].statements.items}
    assert published == {original.pk: [], unrelated.pk: []}  # the pending one is not a published target
    page = response.content.decode()
    assert page.count('class="pv-hints"') == 1
    assert f'href="?gop=statement-{typed.pk}-{original.pk}#pv-statement-{typed.pk}"' in page
    prefilled = moderator.get(url(c, f"gop=statement-{typed.pk}-{original.pk}")).content.decode()
    row = prefilled[prefilled.index(f'id="pv-statement-{typed.pk}"') :]
    assert f'name="into" min="1" inputmode="numeric" value="{original.pk}"' in row[: row.index("</form>")]
    assert prefilled.count('inputmode="numeric" value=') == 1  # only that row's form is filled in
    response = moderator.post(url(c), {"kind": "statement", "target": typed.pk, "action": "merge",
                                       "into": original.pk, "reason": "Trùng ý"})  # fmt: skip
    assert response.status_code == 302
    typed.refresh_from_db()
    assert (typed.status, typed.merged_into_id, typed.moderation_reason) == ("merged", original.pk, "Trùng ý")


def test_published_comments_are_hinted_to_each_other_and_unrelated_ones_not(cworld, moderator: Client) -> None:
    c = cworld.consultation
    a = f.comment(c, "Đề nghị giữ nguyên vị trí chợ cũ vì người già đi chợ xa rất vất vả.")
    b = f.comment(c, "De nghi giu nguyen vi tri cho cu vi nguoi gia di cho xa rat vat va")
    other = f.comment(c, "Điều 3 nên nói rõ thời hạn bồi thường cho các hộ kinh doanh.")
    f.comment(c, "De nghi giu nguyen vi tri cho cu", status="hidden")  # hidden: never a target
    response = moderator.get(url(c))
    hints = {item.row.pk: [h.pk for h in item.hints] for item in response.context["queue"].comments.items}
    assert hints == {a.pk: [b.pk], b.pk: [a.pk], other.pk: []}
    assert f"gop=comment-{b.pk}-{a.pk}#pv-comment-{b.pk}" in response.content.decode()


def test_the_hints_give_near_duplicates_small_groups_whatever_the_number_of_published_items(
    cworld, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = cworld.consultation
    topics = ["đèn", "cống", "cây", "vỉa hè", "rác", "nước", "điện", "trường", "trạm y tế", "cầu"]
    Statement.objects.bulk_create(
        [Statement(consultation=c, text=f"Kiến nghị {i} sửa {topics[i % 10]} khu {i * 7} ngõ {i}") for i in range(800)]
    )
    original = f.statement(c, "Chợ tạm quá xa khu dân cư, tiểu thương phải đi vòng")
    typed = f.statement(c, "cho tam qua xa khu dan cu tieu thuong phai di vong", status="pending")
    sizes: list[int] = []
    real = text_match.near_duplicates

    def counting(texts: list[str], threshold: float = text_match.DUPLICATE_THRESHOLD) -> list[tuple[int, int, float]]:
        sizes.append(len(texts))
        return real(texts, threshold)

    monkeypatch.setattr(text_match, "near_duplicates", counting)
    found = msel.duplicate_hints(c, "statement", [(typed.pk, typed.text)])
    assert [h.pk for h in found[typed.pk]] == [original.pk] and found[typed.pk][0].similarity >= 0.75
    assert sizes and max(sizes) <= 1 + msel.HINT_CANDIDATES and len(sizes) == 1


def test_without_the_moderate_permission_every_page_and_prefill_is_not_found(cworld, client: Client) -> None:
    c = cworld.consultation
    s = f.statement(c, "Chợ tạm quá xa")
    client.force_login(cworld.d.other_chair)
    for query in ("", "cho=2", "hien=99", f"gop=statement-{s.pk}-{s.pk}"):
        assert client.get(url(c, query)).status_code == 404
    assert client.post(url(c, "cho=2"), {"kind": "statement", "target": s.pk, "action": "hide",
                                         "reason": "x"}).status_code == 404  # fmt: skip
    s.refresh_from_db()
    assert s.status == "published"
