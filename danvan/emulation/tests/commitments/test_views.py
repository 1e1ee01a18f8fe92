"""The commitments pages: addresses, registering and refusing, reviews and assessment, who sees what (404
for the others), the units' list and its export, the public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.emulation import errors as codes
from danvan.emulation.models import Commitment, CommitmentReview
from danvan.emulation.services import commitments as services
from danvan.emulation.tests.commitments.factories import register, world
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db
MINE = "/van-hanh/thi-dua/cam-ket/"


@pytest.fixture
def w(frozen_clock):
    return world()


def test_the_pages_keep_their_addresses():
    assert reverse("emulation:commitments_mine") == MINE
    assert reverse("emulation:commitments_team") == "/van-hanh/thi-dua/cam-ket/can-bo/"
    assert reverse("emulation:commitments_units") == "/van-hanh/thi-dua/cam-ket/don-vi/"
    assert reverse("emulation:commitment_detail", args=[7]) == "/van-hanh/thi-dua/cam-ket/7/"
    assert reverse("emulation:public_commitments", args=["46-ubnd"]) == "/cam-ket-phuc-vu/46-ubnd/"


def _post(client, w, title):
    data = {"organization": w.ward.pk, "title": title, "reason": "Vì dân", "measurable_result": "10 buổi",
            "due_on": "2026-10-31"}  # fmt: skip
    return client.post(MINE, data)


def test_a_cadre_registers_two_and_the_third_is_refused_on_the_page(client, w):
    client.force_login(w.cadre)
    assert _post(client, w, "Một").status_code == 302
    assert _post(client, w, "Hai").status_code == 302
    refused = _post(client, w, "Ba")
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors()
    assert Commitment.objects.filter(person=w.cadre).count() == 2
    page = client.get(MINE)
    assert [c.title for c in page.context["rows"]] == ["Một", "Hai"] and page.context["full"]


def test_a_bad_date_keeps_the_page_and_stores_nothing(client, w):
    client.force_login(w.cadre)
    response = client.post(MINE, {"organization": w.ward.pk, "title": "x", "reason": "y", "measurable_result": "z",
                                  "due_on": "2027-02-01"})  # fmt: skip
    assert response.status_code == 400 and response.context["form"].errors["due_on"]
    assert not Commitment.objects.exists()


def test_a_citizen_and_an_operator_get_not_found(client, w):
    client.force_login(officer("dan", Role.CITIZEN, w.ward))
    assert client.get(MINE).status_code == 404
    client.force_login(officer("vanhanh", Role.OPERATOR, w.ward))
    assert client.get(MINE).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("cadre", 200), ("head", 200), ("city_head", 200), ("dan_van", 200), ("clerk", 404), ("other_head", 404),
     ("other_cadre", 404)],
)  # fmt: skip
def test_a_commitment_is_seen_by_its_person_head_and_evaluators_only(client, w, who, status):
    commitment = register(w.cadre, w.ward)
    client.force_login(getattr(w, who))
    assert client.get(reverse("emulation:commitment_detail", args=[commitment.pk])).status_code == status


def test_the_person_reviews_with_a_file_and_the_head_assesses_on_the_page(client, w, frozen_clock):
    from danvan.emulation.tests.commitments.test_services import png

    commitment = register(w.cadre, w.ward)
    frozen_clock.move_to(dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC))
    url = reverse("emulation:commitment_detail", args=[commitment.pk])
    client.force_login(w.cadre)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("anh.png", png(), content_type="image/png")
    response = client.post(url, {"action": "review", "period": "midyear", "text": "Đã làm", "self_rating": "partly",
                                 "evidence": [upload]})  # fmt: skip
    assert response.status_code == 302, response.content
    review = CommitmentReview.objects.get()
    evidence = review.evidence.get()
    file_url = reverse("emulation:commitment_file", args=[commitment.pk, evidence.pk])
    assert client.get(file_url)["Content-Type"] == "image/png"
    client.force_login(w.other_head)
    assert client.get(file_url).status_code == 404
    assert client.post(url, {"action": "assess", "review": review.pk, "assessment": "completed"}).status_code == 404
    client.force_login(w.head)
    assert client.post(url, {"action": "assess", "review": review.pk, "assessment": "completed",
                             "comment": "Tốt"}).status_code == 302  # fmt: skip
    review.refresh_from_db()
    assert review.assessment == "completed" and review.assessed_by == w.head
    # the head may not write the person's review
    assert (
        client.post(url, {"action": "review", "period": "midyear", "text": "x", "self_rating": "partly"}).status_code
        == 404
    )


def test_the_team_page_lists_the_heads_bodies_only(client, w, django_assert_max_num_queries):
    register(w.cadre, w.ward, "Phú Xuân")
    register(w.clerk, w.ward, "Một cửa")
    register(w.other_cadre, w.other, "Kim Long")
    client.force_login(w.head)
    with django_assert_max_num_queries(12):
        rows = client.get("/van-hanh/thi-dua/cam-ket/can-bo/").context["rows"]
    assert sorted(c.title for c in rows) == ["Một cửa", "Phú Xuân"]  # ordered by name, and the names are random
    client.force_login(w.cadre)
    assert client.get("/van-hanh/thi-dua/cam-ket/can-bo/").status_code == 404


def test_the_units_page_names_the_late_units_and_exports_them(client, w, frozen_clock, django_assert_max_num_queries):
    register(w.cadre, w.ward)
    for user in (w.clerk, w.head):
        register(user, w.ward)
    frozen_clock.move_to(dt.datetime(2026, 4, 2, 2, 0, tzinfo=dt.UTC))
    client.force_login(w.dan_van)
    with django_assert_max_num_queries(14):
        page = client.get("/van-hanh/thi-dua/cam-ket/don-vi/?tre=1")
    late = {r.organization.name: r.late for r in page.context["page"].object_list}
    assert late == {"UBND Phường Kim Long": ["no_commitment"], "UBND thành phố Huế": ["no_commitment"]}
    everything = client.get("/van-hanh/thi-dua/cam-ket/don-vi/").context["page"].object_list
    ward = next(r for r in everything if r.organization == w.ward)
    assert (ward.figures.expected, ward.figures.with_commitment, ward.registration_rate) == (3, 3, 100.0)
    csv = client.get("/van-hanh/thi-dua/cam-ket/don-vi/tai.csv?tre=1").content.decode("utf-8-sig")
    assert "UBND Phường Kim Long" in csv and "UBND Phường Phú Xuân" not in csv
    assert client.get("/van-hanh/thi-dua/cam-ket/don-vi/tai.pdf").status_code == 404
    client.force_login(w.other_head)
    names = [r.organization.name for r in client.get("/van-hanh/thi-dua/cam-ket/don-vi/").context["page"].object_list]
    assert names == ["UBND Phường Kim Long"]
    client.force_login(w.cadre)
    assert client.get("/van-hanh/thi-dua/cam-ket/don-vi/").status_code == 404


def test_the_units_page_query_count_does_not_grow_with_rows(client, w, frozen_clock, django_assert_max_num_queries):
    for i in range(6):
        officer(f"them{i}", Role.HANDLER, w.other)
    register(w.cadre, w.ward)
    client.force_login(w.dan_van)
    with django_assert_max_num_queries(14):
        client.get("/van-hanh/thi-dua/cam-ket/don-vi/")


def test_a_head_posts_public_commitments_shown_to_everyone(client, w):
    client.force_login(w.head)
    response = client.post("/van-hanh/thi-dua/cam-ket/cong-khai/", {"organization": w.ward.pk, "year": 2026,
                           "title": "Ba không", "items": "Không phiền hà\nKhông sách nhiễu"})  # fmt: skip
    assert response.status_code == 302
    client.logout()
    public = client.get(response["Location"])
    assert public.status_code == 200 and "Không sách nhiễu" in public.content.decode()
    assert client.get("/cam-ket-phuc-vu/").status_code == 200
    assert client.get("/cam-ket-phuc-vu/khong-co/").status_code == 404
    client.force_login(w.cadre)
    assert client.get("/van-hanh/thi-dua/cam-ket/cong-khai/").status_code == 404


def test_the_refusal_code_is_the_limit_one(w):
    register(w.cadre, w.ward)
    register(w.cadre, w.ward)
    with pytest.raises(services.DomainError) as refused:
        register(w.cadre, w.ward)
    assert refused.value.code == codes.COMMITMENT_LIMIT


def test_the_menu_shows_each_entry_to_those_who_may_use_it(client, w):
    client.force_login(w.cadre)
    work = {link.key for link in client.get("/van-hanh/thi-dua/").context["links"]}
    assert "emulation.commitments_mine" in work and "emulation.commitments_team" not in work
    client.force_login(w.dan_van)
    work = {link.key for link in client.get("/van-hanh/thi-dua/").context["links"]}
    assert {"emulation.commitments_mine", "emulation.commitments_units"} <= work
    assert "emulation.commitments_team" not in work


def test_my_page_and_the_detail_page_keep_their_query_counts(client, w, frozen_clock, django_assert_max_num_queries):
    first = register(w.cadre, w.ward)
    register(w.cadre, w.ward, "Hai")
    frozen_clock.move_to(dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC))
    review = services.review_submit(user=w.cadre, commitment=first, period="midyear", text="x", self_rating="partly")
    services.review_assess(user=w.head, review=review, assessment="completed")
    client.force_login(w.cadre)
    with django_assert_max_num_queries(16):
        assert client.get(MINE).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("emulation:commitment_detail", args=[first.pk])).status_code == 200


def test_the_person_withdraws_from_the_page_others_get_not_found(client, w):
    commitment = register(w.cadre, w.ward)
    url = reverse("emulation:commitment_detail", args=[commitment.pk])
    client.force_login(w.head)
    assert client.post(url, {"action": "withdraw"}).status_code == 404
    client.force_login(w.cadre)
    assert client.get(url).context["may_withdraw"]
    assert client.post(url, {"action": "withdraw"})["Location"] == MINE
    assert client.get(url).status_code == 404  # withdrawn: no longer shown
