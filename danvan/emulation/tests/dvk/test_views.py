"""The staff pages and the public gallery: who sees what (404 alike for missing and forbidden), the
register form with refusals, a step through its page, and the gallery's query count pinned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.emulation.models import DvkExemplar, DvkModel
from danvan.emulation.services import dvk as services
from danvan.emulation.tests.dvk.factories import implementing, png, recognised, registered

REGISTER = {
    "field": "van_hoa_xa_hoi", "name": "Kiệt xanh sạch đẹp", "situation": "Rác thải", "goals": "90% hộ",
    "content": "Vận động", "area": "Tổ 1", "forces_in_charge": "Đảng ủy phường", "forces_coordinating": "",
    "forces_participating": "Hội LHPN\nĐoàn TN", "money_vnd": "1000000", "working_days": "50", "facilities": "",
    "social_contributions": "", "start_on": "2025-06-01", "milestones": "01/09/2025 Sơ kết",
    "evaluation_on": "2026-01-15", "outputs": "Biên bản", "sustainability": "Tổ tự quản",
    "participants_people": "", "participants_households": "",
}  # fmt: skip


def test_a_ward_registers_a_model_from_the_form(client, w) -> None:
    client.force_login(w.ward_head)
    data = REGISTER | {"organization": w.ward.pk, "place": w.ward.unit.pk, "register": "1"}
    response = client.post(reverse("emulation:dvk_register"), data)
    model = DvkModel.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("emulation:dvk_detail", args=[model.pk])
    assert model.stage == "registered"
    assert model.forces == [{"name": "Đảng ủy phường", "role": "in_charge"}, {"name": "Hội LHPN", "role": "participating"},
                            {"name": "Đoàn TN", "role": "participating"}]  # fmt: skip
    assert model.milestones == [{"on": "2025-09-01", "what": "Sơ kết"}]


def test_an_incomplete_registration_is_shown_again_and_nothing_is_registered(client, w) -> None:
    client.force_login(w.ward_head)
    data = REGISTER | {"organization": w.ward.pk, "place": w.ward.unit.pk, "register": "1", "outputs": ""}
    response = client.post(reverse("emulation:dvk_register"), data)
    assert response.status_code == 400
    assert not DvkModel.objects.exists()  # the draft is not kept either


def test_bad_milestone_is_a_form_error(client, w) -> None:
    client.force_login(w.ward_head)
    data = REGISTER | {"organization": w.ward.pk, "milestones": "sometime soon"}
    response = client.post(reverse("emulation:dvk_register"), data)
    assert response.status_code == 400 and "milestones" in response.context["form"].errors


def test_another_wards_officer_and_a_stranger_get_404(client, w) -> None:
    model = registered(w)
    for user in (w.other_head, w.stranger):
        client.force_login(user)
        assert client.get(reverse("emulation:dvk_detail", args=[model.pk])).status_code == 404
        assert client.post(reverse("emulation:dvk_step", args=[model.pk, "launch"]),
                           {"launched_on": "2025-06-10"}).status_code == 404  # fmt: skip
    client.force_login(w.stranger)
    assert client.get(reverse("emulation:dvk_list")).status_code == 404
    assert client.get(reverse("emulation:dvk_detail", args=[99999])).status_code == 404


def test_the_province_sees_the_wards_model_and_a_step_through_the_page(client, w) -> None:
    model = registered(w)
    client.force_login(w.province_dv)
    assert client.get(reverse("emulation:dvk_list")).status_code == 200
    client.force_login(w.ward_head)
    page = client.get(reverse("emulation:dvk_detail", args=[model.pk]))
    assert page.status_code == 200 and "launch" in page.context["steps"]
    response = client.post(reverse("emulation:dvk_step", args=[model.pk, "launch"]),
                           {"launched_on": "2099-01-01", "commitments": ""})  # fmt: skip
    assert response.status_code == 400
    response = client.post(reverse("emulation:dvk_step", args=[model.pk, "launch"]),
                           {"launched_on": "2025-06-10", "commitments": "Ra quân"})  # fmt: skip
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.stage == "launched"


def test_progress_report_with_a_photo(client, w) -> None:
    model = registered(w)
    services.dvk_model_launch(actor=w.ward_head, model=model, launched_on=dt.date(2025, 6, 10))
    client.force_login(w.ward_head)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("emulation:dvk_report", args=[model.pk]), {
        "reported_on": "2025-08-01", "text": "Đã làm", "photos": [SimpleUploadedFile("a.png", png(), "image/png")],
    })  # fmt: skip
    assert response.status_code == 302
    photo = model.reports.get().photos.get()
    url = reverse("emulation:dvk_photo", args=[model.pk, photo.pk])
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert url in client.get(reverse("emulation:dvk_detail", args=[model.pk])).content.decode()
    client.force_login(w.other_head)
    assert client.get(url).status_code == 404
    client.force_login(w.ward_head)
    bad = client.post(reverse("emulation:dvk_report", args=[model.pk]), {
        "reported_on": "2025-08-02", "text": "x", "photos": [SimpleUploadedFile("b.png", b"nope", "image/png")],
    })  # fmt: skip
    assert bad.status_code == 400 and model.reports.count() == 1


def test_the_scoring_page_is_for_seated_evaluators_only(client, w) -> None:
    model = implementing(w)
    client.force_login(w.scorer_other)
    assert client.get(reverse("emulation:dvk_score", args=[model.pk])).status_code == 404
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_other, organization=w.other_front)
    assert client.get(reverse("emulation:dvk_detail", args=[model.pk])).status_code == 200
    data = {}
    for code in ("dat-tieu-chi", "nguoi-tham-gia", "nguon-luc", "giai-quyet-van-de", "lan-toa"):
        data[f"score_{code}"], data[f"reason_{code}"] = "9", "Tốt"
    assert client.post(reverse("emulation:dvk_score", args=[model.pk]), data).status_code == 302
    assert model.evaluators.get().scores.count() == 5


@pytest.mark.usefixtures("w")
def test_the_gallery_shows_recognised_models_only(client, w) -> None:
    public = recognised(w)
    hidden = registered(w, name="Mô hình còn nháp")
    page = client.get(reverse("emulation:dvk_gallery"))
    assert list(page.context["page"].object_list) == [public]
    assert f'href="{reverse("emulation:public_commitments_index")}"' in page.content.decode()  # reachable from here
    assert client.get(reverse("emulation:dvk_story", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("emulation:dvk_story", args=[public.pk])).status_code == 200
    folded = client.get(reverse("emulation:dvk_gallery"), {"q": "CHINH TRANG do thi"})
    assert list(folded.context["page"].object_list) == [public]
    assert list(client.get(reverse("emulation:dvk_gallery"), {"q": "hoc bong"}).context["page"].object_list) == []
    by_commune = client.get(reverse("emulation:dvk_gallery"), {"xa": "19753", "cap": "tinh"})
    assert list(by_commune.context["page"].object_list) == [public]
    assert list(client.get(reverse("emulation:dvk_gallery"), {"linh_vuc": "kinh_te"}).context["page"].object_list) == []
    places = client.get(reverse("emulation:dvk_places"))
    assert [(p.code, p.count) for p in places.context["provinces"]] == [(46, 1)]


def test_the_gallerys_queries_do_not_grow_with_rows(client, w, django_assert_max_num_queries) -> None:
    origin = recognised(w)
    services.dvk_model_replicate(actor=w.other_head, origin=origin, organization=w.other)
    for i in range(4):
        m = DvkModel.objects.get(pk=origin.pk)
        m.pk = None
        m.name = f"Bản sao {i}"
        m.save()
    client.get(reverse("emulation:dvk_gallery"))  # warm the caches (menus, sessions)
    with django_assert_max_num_queries(6):
        assert len(client.get(reverse("emulation:dvk_gallery")).context["page"].object_list) == 5
    with django_assert_max_num_queries(12):
        assert client.get(reverse("emulation:dvk_story", args=[origin.pk])).status_code == 200


def test_anonymous_staff_pages_redirect_to_login(client, w) -> None:
    model = registered(w)
    for url in (reverse("emulation:dvk_list"), reverse("emulation:dvk_detail", args=[model.pk]),
                reverse("emulation:dvk_exemplars")):  # fmt: skip
        assert client.get(url).status_code == 302


def test_exemplars_page_propose_and_decide(client, w) -> None:
    client.force_login(w.ward_head)
    bad = client.post(reverse("emulation:dvk_exemplars"), {"organization": w.ward.pk, "name": "Bà Lan", "kind": "person",
                                                          "field": "kinh_te", "achievement": ""})  # fmt: skip
    assert bad.status_code == 400
    ok = client.post(reverse("emulation:dvk_exemplars"), {"organization": w.ward.pk, "name": "Bà Lan", "kind": "person",
                                                         "field": "kinh_te", "achievement": "Vận động 50 hộ"})  # fmt: skip
    assert ok.status_code == 302
    exemplar = DvkExemplar.objects.get()
    client.force_login(w.other_head)
    assert (
        client.post(reverse("emulation:dvk_exemplar_decide", args=[exemplar.pk]), {"recognised": "1"}).status_code
        == 404
    )
    client.force_login(w.province_dv)
    response = client.post(reverse("emulation:dvk_exemplar_decide", args=[exemplar.pk]),
                           {"recognised": "1", "level": "tinh", "decision_number": "9/QĐ"})  # fmt: skip
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert (exemplar.status, exemplar.recognised_level, exemplar.recognised_on) == (
        "recognised",
        "tinh",
        dt.date(2026, 2, 5),
    )
    assert [e.pk for e in client.get(reverse("emulation:dvk_gallery")).context["exemplars"]] == [exemplar.pk]


def test_the_staff_list_queries_do_not_grow_with_rows(client, w, django_assert_max_num_queries) -> None:
    for i in range(3):
        registered(w, name=f"Mô hình {i}")
    client.force_login(w.province_dv)
    client.get(reverse("emulation:dvk_list"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("emulation:dvk_list"))
    assert len(response.context["page"].object_list) == 3
    for i in range(5):
        registered(w, name=f"Thêm {i}")
    with django_assert_max_num_queries(14):
        assert len(client.get(reverse("emulation:dvk_list")).context["page"].object_list) == 8


def test_a_registered_model_is_changed_before_launch_but_keeps_its_fields(client, w) -> None:
    model = registered(w)
    client.force_login(w.ward_head)
    url = reverse("emulation:dvk_edit", args=[model.pk])
    assert client.get(url).status_code == 200
    data = REGISTER | {"place": w.ward.unit.pk, "name": "Tên mới"}
    assert client.post(url, data).status_code == 302
    model.refresh_from_db()
    assert (model.name, model.stage, model.organization) == ("Tên mới", "registered", w.ward)
    assert client.post(url, data | {"goals": ""}).status_code == 400
    model.refresh_from_db()
    assert model.goals == "90% hộ"
    services.dvk_model_launch(actor=w.ward_head, model=model, launched_on=dt.date(2025, 6, 10))
    assert client.post(url, data | {"name": "Lần nữa"}).status_code == 400


def _recognised_with_a_photo(w):
    from danvan.emulation.models import DvkPhoto
    from danvan.emulation.tests.dvk.factories import scores
    from danvan.org.models import Organization

    model = implementing(w)
    services.dvk_progress_report(actor=w.ward_head, model=model, text="Ảnh kiệt sau chỉnh trang",
                                 reported_on=dt.date(2025, 10, 1), photos=[("a.png", png())])  # fmt: skip
    city_front = Organization.objects.get(name="Ủy ban MTTQ thành phố Huế")
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_city, organization=city_front)
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_other, organization=w.other_front)
    services.dvk_score_submit(actor=w.scorer_city, model=model, scores=scores(8))
    services.dvk_score_submit(actor=w.scorer_other, model=model, scores=scores(8))
    services.dvk_council_conclude(actor=w.province_dv, model=model)
    services.dvk_model_recognise(actor=w.province_dv, model=model, level="tinh", decision="12/QĐ",
                                 recognised_on=dt.date(2026, 2, 5))  # fmt: skip
    return model, DvkPhoto.objects.get()


def test_another_units_officer_gets_the_public_story_and_the_replicate_form_only(client, w) -> None:
    model, photo = _recognised_with_a_photo(w)
    detail = reverse("emulation:dvk_detail", args=[model.pk])
    photo_url = reverse("emulation:dvk_photo", args=[model.pk, photo.pk])
    story = reverse("emulation:dvk_story", args=[model.pk])
    # The model's unit, the city above it and a seated evaluator: the staff page with photos and council.
    for insider in (w.ward_head, w.province_dv, w.scorer_other):
        client.force_login(insider)
        page = client.get(detail)
        assert page.status_code == 200 and photo_url in page.content.decode()
        assert client.get(photo_url).status_code == 200
    # Kim Long's head (manages elsewhere): the story, no photo, no council, no report author.
    client.force_login(w.other_head)
    response = client.get(detail)
    assert response.status_code == 302 and response["Location"] == story
    assert client.get(photo_url).status_code == 404
    page = client.get(story)
    html = page.content.decode()
    assert page.status_code == 200 and page.context["replicate"] is not None
    assert photo_url not in html and str(w.ward_head) not in html and str(w.scorer_city) not in html
    assert client.post(reverse("emulation:dvk_step", args=[model.pk, "launch"]),
                       {"launched_on": "2025-06-10"}).status_code == 404  # fmt: skip
    bad = client.post(reverse("emulation:dvk_step", args=[model.pk, "replicate"]), {"organization": w.ward.pk})
    assert bad.status_code == 400 and bad.templates[0].name == "emulation/dvk/story.html"
    response = client.post(reverse("emulation:dvk_step", args=[model.pk, "replicate"]), {"organization": w.other.pk})
    copy = DvkModel.objects.get(replicated_from=model)
    assert response.status_code == 302 and response["Location"] == reverse("emulation:dvk_detail", args=[copy.pk])
    assert copy.organization == w.other
    # A handler of the ward (no dvk action): nothing.
    client.force_login(w.stranger)
    for url in (detail, photo_url):
        assert client.get(url).status_code == 404
    assert client.get(story).context["replicate"] is None
