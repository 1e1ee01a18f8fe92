"""Who keys in and moderates a consultation from beside the consulting body (``selectors.access``): the
commune's Front committee (its Front officers) keys in and moderates the consultations of the commune's
bodies; a village head keys in where the audience includes the village. Everyone else is refused as
before: the services with ``forbidden``, the pages with 404, the REST operations with 404 "No such
consultation."."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations import blocks, choices
from danvan.consultations.models import Comment, KeyedTally, Statement
from danvan.consultations.permissions import KEY_IN, MODERATE
from danvan.consultations.selectors import drafts as drafts_sel
from danvan.consultations.selectors.access import may_act
from danvan.consultations.services import participation as svc
from danvan.consultations.tests import factories as f
from danvan.core import clock
from danvan.core.errors import PermissionDenied
from danvan.org.choices import Role
from danvan.org.tests.factories import officer, organization

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"


@pytest.fixture
def w(cworld):
    """The usual world, and the people of Kim Long: its Front officer, its village head; a Front
    committee's chair and a handler of the Phú Xuân Front (roles there that are not Front officers)."""
    d = cworld.d
    kim_long_front = organization("Ủy ban MTTQ Việt Nam Phường Kim Long", kind="uy_ban_mttq", unit=d.other_commune)
    cworld.other_front_officer = officer("mattran2", Role.FRONT_OFFICER, kim_long_front)
    cworld.other_village_head = officer("totruong3", Role.VILLAGE_HEAD, d.other_village.organization)
    cworld.front_chair = officer("chutichmt", Role.HEAD, d.front)
    cworld.front_handler = officer("canbomt", Role.HANDLER, d.front)
    return cworld


def key_in(actor, c, **fields):
    body = {"text": "Giữ lối đi rộng", "channel": "meeting", "source_ref": "Biên bản họp TDP 1",
            "source_date": clock.today(), "supporters": 12, **fields}  # fmt: skip
    return svc.comment_key_in(actor=actor, consultation=c, **body)


def tally(actor, s):
    return svc.tally_key_in(actor=actor, statement=s, channel="meeting", source_ref="Biên bản họp TDP 1",
                            held_on=clock.today(), agree=7, disagree=2, passed=1)  # fmt: skip


def forbidden(call, *args, **kwargs) -> None:
    with pytest.raises(PermissionDenied) as caught:
        call(*args, **kwargs)
    assert caught.value.code == "forbidden"


def villages_consultation(w, *villages):
    return f.consultation(w.d, audience=choices.Audience.VILLAGES, villages=list(villages))


# Services --------------------------------------------------------------------------------------------------


def test_a_village_head_keys_in_for_a_consultation_of_their_whole_commune(w) -> None:
    c = w.consultation  # audience: the commune of Phú Xuân, consulted by its People's Committee
    s = f.statement(c, "Cần phòng cháy")
    stored = key_in(w.d.village_head, c)
    row = Comment.objects.get()
    assert stored.created and (row.channel, row.supporters, row.keyed_in_by) == ("meeting", 12, w.d.village_head)
    tally(w.d.village_head, s)
    assert KeyedTally.objects.get().recorded_by == w.d.village_head


def test_a_village_head_keys_in_where_the_villages_consulted_include_theirs_only(w) -> None:
    theirs = villages_consultation(w, w.d.village, w.d.village2)
    not_theirs = villages_consultation(w, w.d.village2)
    key_in(w.d.village_head, theirs)
    forbidden(key_in, w.d.village_head, not_theirs)
    forbidden(tally, w.d.village_head, f.statement(not_theirs, "Cần phòng cháy"))
    key_in(w.d.village2_head, not_theirs)
    assert sorted(Comment.objects.values_list("consultation__code", "keyed_in_by__username")) == sorted(
        [(theirs.code, "totruong1"), (not_theirs.code, "totruong2")]
    )


def test_a_village_head_is_refused_beyond_their_villages_audience(w) -> None:
    d = w.d
    province_wide = f.consultation(d, organization=d.tinh, place=d.commune.province, audience=choices.Audience.PROVINCE)
    affected = f.consultation(d, audience=choices.Audience.AFFECTED)
    kim_long = f.consultation(d, organization=d.other, place=d.other_commune)
    for c in (province_wide, affected, kim_long):
        forbidden(key_in, d.village_head, c)
    forbidden(key_in, w.other_village_head, w.consultation)  # Kim Long's village head, Phú Xuân's consultation
    key_in(w.other_village_head, kim_long)
    assert list(Comment.objects.values_list("consultation_id", "keyed_in_by__username")) == [(kim_long.pk, "totruong3")]


def test_a_village_head_may_not_moderate(w) -> None:
    c = w.consultation
    s = f.statement(c, "Nội dung xúc phạm")
    forbidden(svc.statement_hide, actor=w.d.village_head, statement=s, reason="Xúc phạm")
    assert (may_act(w.d.village_head, KEY_IN, c), may_act(w.d.village_head, MODERATE, c)) == (True, False)
    assert Statement.objects.get().status == "published"


def test_the_communes_front_officer_keys_in_and_moderates_the_consultations_of_its_bodies(w) -> None:
    c = w.consultation  # of the ward's People's Committee, the Front committee's sibling
    c.premoderate = True
    c.save(update_fields=["premoderate"])
    pending = f.statement(c, "Giữ chợ gần chỗ cũ", status=choices.Moderation.PENDING)
    target, dup = f.statement(c, "Cần phòng cháy"), f.statement(c, "Chợ tạm phải chống cháy")
    front = w.d.front_officer
    key_in(front, c, channel="front", source_ref="Tổng hợp ý kiến của MTTQ phường")
    tally(front, target)
    svc.statement_publish(actor=front, statement=pending)
    svc.statement_merge(actor=front, statement=dup, into=target, reason="Trùng ý")
    svc.statement_hide(actor=front, statement=pending, reason="Lời lẽ xúc phạm")
    assert sorted(Statement.objects.values_list("text", "status")) == [
        ("Chợ tạm phải chống cháy", "merged"), ("Cần phòng cháy", "published"), ("Giữ chợ gần chỗ cũ", "hidden")]  # fmt: skip
    assert Comment.objects.get().keyed_in_by == front and KeyedTally.objects.get().recorded_by == front


def test_the_front_writes_no_statements_of_the_consulting_body(w) -> None:
    forbidden(svc.statement_seed, actor=w.d.front_officer, consultation=w.consultation, text="Ý kiến của MTTQ")
    assert not Statement.objects.exists()


def test_others_gain_nothing(w) -> None:
    d, c = w.d, w.consultation
    s = f.statement(c, "Cần phòng cháy")
    province_wide = f.consultation(d, organization=d.tinh, place=d.commune.province, audience=choices.Audience.PROVINCE)
    for person in (w.other_front_officer, d.operator, w.front_chair, w.front_handler, d.dan_van, d.other_chair):
        forbidden(key_in, person, c)
        forbidden(tally, person, s)
        forbidden(svc.statement_hide, actor=person, statement=s, reason="x")
    forbidden(key_in, d.front_officer, province_wide)  # the province's body: not the ward's Front committee's
    kim_long = f.consultation(d, organization=d.other, place=d.other_commune)
    forbidden(key_in, d.front_officer, kim_long)
    key_in(w.other_front_officer, kim_long)  # Kim Long's Front committee, Kim Long's consultation
    assert list(Comment.objects.values_list("consultation_id", flat=True)) == [kim_long.pk]
    assert Statement.objects.get().status == "published" and not KeyedTally.objects.exists()


def test_the_staff_list_offers_each_the_consultations_they_act_on(w) -> None:
    d, c = w.d, w.consultation
    theirs = villages_consultation(w, d.village)
    not_theirs = villages_consultation(w, d.village2)
    kim_long = f.consultation(d, organization=d.other, place=d.other_commune)

    def codes(user) -> set[str]:
        return {row.code for row in drafts_sel.staff_list(user)}

    assert codes(d.village_head) == {c.code, theirs.code}
    assert codes(d.village2_head) == {c.code, not_theirs.code}
    assert codes(d.front_officer) == {c.code, theirs.code, not_theirs.code}
    assert codes(w.other_front_officer) == codes(w.other_village_head) == {kim_long.code}
    assert codes(d.operator) == codes(w.front_chair) == codes(w.front_handler) == set()
    assert drafts_sel.consultation_for_staff(d.village_head, theirs.code) == theirs
    with pytest.raises(drafts_sel.NotFound):
        drafts_sel.consultation_for_staff(d.village_head, not_theirs.code)


def test_a_draft_or_withdrawn_consultation_stays_the_consulting_bodys(w) -> None:
    """The Front and the villages take part once it is open: not in a draft being prepared (its text not
    public yet), nor in a withdrawn one; the consulting body's own handler still sees both."""
    d = w.d
    draft = f.consultation(d, status=choices.Status.DRAFT)
    withdrawn = f.consultation(d, status=choices.Status.WITHDRAWN)
    for c in (draft, withdrawn):
        for person in (d.front_officer, d.village_head):
            assert not may_act(person, KEY_IN, c) and not may_act(person, MODERATE, c)
            assert c.code not in {row.code for row in drafts_sel.staff_list(person)}
            with pytest.raises(drafts_sel.NotFound):
                drafts_sel.consultation_for_staff(person, c.code)
        assert drafts_sel.consultation_for_staff(d.handler, c.code) == c
    opened = f.consultation(d, status=choices.Status.CLOSED)
    assert may_act(d.front_officer, KEY_IN, opened) and may_act(d.village_head, KEY_IN, opened)


# Pages -------------------------------------------------------------------------------------------------------


def _post_key_in(client: Client, c):
    return client.post(reverse("consultations:key_in", args=[c.code]), {
        "kind": "comment", "section": "dieu-1", "channel": "meeting", "source_ref": "Biên bản họp TDP 1",
        "source_date": clock.today().isoformat(), "supporters": "25", "text": "Giữ lối đi rộng."})  # fmt: skip


def test_the_staff_pages_for_a_village_head(w, client: Client) -> None:
    c = w.consultation
    not_theirs = villages_consultation(w, w.d.village2)
    client.force_login(w.d.village_head)
    assert client.get(reverse("consultations:key_in", args=[c.code])).status_code == 200
    assert _post_key_in(client, c).status_code == 302
    assert client.get(reverse("consultations:moderation", args=[c.code])).status_code == 404
    assert client.get(reverse("consultations:key_in", args=[not_theirs.code])).status_code == 404
    assert _post_key_in(client, not_theirs).status_code == 404
    detail = client.get(reverse("consultations:staff_detail", args=[c.code]))
    page = detail.content.decode()
    assert detail.status_code == 200
    assert reverse("consultations:key_in", args=[c.code]) in page
    assert reverse("consultations:moderation", args=[c.code]) not in page
    assert c.code in client.get(reverse("consultations:staff_list")).content.decode()
    assert client.get(reverse("consultations:staff_detail", args=[not_theirs.code])).status_code == 404
    assert list(Comment.objects.values_list("consultation_id", "keyed_in_by__username")) == [(c.pk, "totruong1")]


def test_the_staff_pages_for_the_front_officer_and_for_others(w, client: Client) -> None:
    c = w.consultation
    s = f.statement(c, "Nội dung xúc phạm")
    moderation = reverse("consultations:moderation", args=[c.code])
    for person in (w.other_front_officer, w.other_village_head, w.d.operator, w.front_chair):
        client.force_login(person)
        assert client.get(moderation).status_code == 404
        assert client.get(reverse("consultations:key_in", args=[c.code])).status_code == 404
        assert _post_key_in(client, c).status_code == 404
        assert client.get(reverse("consultations:staff_detail", args=[c.code])).status_code == 404
    client.force_login(w.d.front_officer)
    assert client.get(moderation).status_code == 200
    response = client.post(moderation, {"kind": "statement", "target": s.pk, "action": "hide", "reason": "Xúc phạm"})
    assert response.status_code == 302
    assert _post_key_in(client, c).status_code == 302
    s.refresh_from_db()
    assert (s.status, s.moderation_reason) == ("hidden", "Xúc phạm")
    assert list(Comment.objects.values_list("keyed_in_by__username", flat=True)) == ["mattran"]


def test_the_staff_block_offers_each_their_links(w, rf) -> None:
    c = w.consultation
    request = rf.get("/")
    seen = {}
    for name, person in (("village_head", w.d.village_head), ("front", w.d.front_officer),
                         ("other_front", w.other_front_officer)):  # fmt: skip
        request.user = person
        data = {b["block"].key: b["data"] for b in blocks.render_context("staff", c, request)}
        block = data.get("participation_staff")
        seen[name] = (block["may_moderate"], block["may_key_in"]) if block else None
    assert seen == {"village_head": (False, True), "front": (True, True), "other_front": None}


# REST -----------------------------------------------------------------------------------------------------------


def _post(client: Client, path: str, body: dict):
    return client.post(f"{BASE}{path}", json.dumps(body), content_type="application/json")


def test_the_rest_operations_answer_by_the_same_rule(w, client: Client) -> None:
    c = w.consultation
    s = f.statement(c, "Cần phòng cháy")
    body = {"text": "Giữ lối đi rộng", "channel": "meeting", "source_ref": "BB họp TDP 1",
            "source_date": clock.today().isoformat(), "supporters": 12}  # fmt: skip
    hide = {"kind": "statement", "target": s.pk, "action": "hide", "reason": "Xúc phạm"}
    for person in (w.other_village_head, w.other_front_officer, w.d.operator):
        client.force_login(person)
        for path, payload in (("keyed-comments", body), ("moderation", hide)):
            response = _post(client, f"/{c.code}/participation/{path}", payload)
            missing = _post(client, f"/khong-co/participation/{path}", payload)
            assert (response.status_code, response.json()) == (404, missing.json())  # as a missing one
            assert response.json()["code"] == "not_found"
    client.force_login(w.d.village_head)
    assert _post(client, f"/{c.code}/participation/keyed-comments", body).status_code == 201
    assert _post(client, f"/{c.code}/participation/moderation", hide).status_code == 404
    client.force_login(w.d.front_officer)
    assert _post(client, f"/{c.code}/participation/moderation", hide).json() == {
        "id": s.pk, "status": "hidden", "merged_into": None}  # fmt: skip
    assert sorted(Comment.objects.values_list("keyed_in_by__username", flat=True)) == ["totruong1"]


def test_a_village_body_of_another_kind_grants_nothing(w) -> None:
    """Only a village's own body (thôn, tổ dân phố) of the commune: a body of another kind under the ward
    where someone holds the village-head role is no village."""
    d = w.d
    club = organization("Câu lạc bộ dưỡng sinh", kind="ubnd", unit=d.commune, parent=d.phuong)
    person = officer("clb", Role.VILLAGE_HEAD, club)
    forbidden(key_in, person, w.consultation)
    assert not Comment.objects.exists()


def test_a_front_officer_with_the_subtree_takes_part_for_the_communes_fronts_under_theirs(w) -> None:
    """The tree as everywhere: a province Front committee over Kim Long's; its officer with the subtree keys
    in for Kim Long's bodies, not for Phú Xuân's (whose Front committee is not under it), nor for the
    province's own bodies (only a commune's Front committee takes part)."""
    d = w.d
    province_front = organization("Ủy ban MTTQ Việt Nam thành phố Huế", kind="uy_ban_mttq", unit=d.commune.province)
    organization("Ủy ban MTTQ Việt Nam Phường Kim Long (2)", kind="uy_ban_mttq", unit=d.other_commune,
                 parent=province_front)  # fmt: skip
    person = officer("mattrantinh", Role.FRONT_OFFICER, province_front, subtree=True)
    kim_long = f.consultation(d, organization=d.other, place=d.other_commune)
    province_wide = f.consultation(d, organization=d.tinh, place=d.commune.province, audience=choices.Audience.PROVINCE)
    key_in(person, kim_long)
    forbidden(key_in, person, w.consultation)
    forbidden(key_in, person, province_wide)
    assert {row.code for row in drafts_sel.staff_list(person)} == {kim_long.code}
    assert list(Comment.objects.values_list("consultation_id", flat=True)) == [kim_long.pk]
