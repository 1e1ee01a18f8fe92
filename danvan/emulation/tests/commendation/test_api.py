"""Commendation over the REST API: a model proposed, reviewed, refused without a number (its code),
decided; who gets 404; discipline records' least privilege; bad input in the error shape."""

from __future__ import annotations

from danvan.emulation import errors as codes
from danvan.emulation.models import CommendationProposal, DvkModel
from danvan.emulation.tests.commendation.factories import city_front
from danvan.emulation.tests.dvk.factories import recognised

API = "/api/v1/emulation/commendation"
JSON = "application/json"


def test_a_model_is_proposed_reviewed_and_decided_over_the_api(client, w):
    model = recognised(w)
    client.force_login(w.ward_head)
    made = client.post(f"{API}/proposals", {"organization_id": w.ward.pk, "subject_kind": "model",
                                            "subject_id": model.pk, "form_code": "bang-khen", "level": "tinh",
                                            "achievements": "450 hộ tham gia."}, content_type=JSON)  # fmt: skip
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["subject_organization_id"] == w.ward.pk and made.json()["status"] == "proposed"
    client.force_login(w.province_dv)
    for member, body in ((w.scorer_city, city_front()), (w.scorer_other, w.other_front)):
        seated = client.post(f"{API}/proposals/{pk}/council", {"member_id": member.pk, "organization_id": body.pk},
                             content_type=JSON)  # fmt: skip
        assert seated.status_code == 200, seated.content
    own = client.post(f"{API}/proposals/{pk}/council", {"member_id": w.ward_front_officer.pk,
                                                        "organization_id": w.ward_front.pk}, content_type=JSON)  # fmt: skip
    assert own.status_code in (400, 404)  # Phú Xuân's Front is the subject's ward: refused, or not a candidate
    for member in (w.scorer_city, w.scorer_other):
        client.force_login(member)
        said = client.post(f"{API}/proposals/{pk}/opinion", {"opinion": "agree", "reason": "Hiệu quả."},
                           content_type=JSON)  # fmt: skip
        assert said.status_code == 200, said.content
    client.force_login(w.province_dv)
    decision = {
        "deciding_organization_id": w.city.pk,
        "decision_number": " ",
        "decided_on": "2026-02-05",
        "signer_name": "Nguyễn Văn Phương",
        "signer_title": "Chủ tịch",
        "form_code": "bang-khen",
        "level": "tinh",
    }
    refused = client.post(f"{API}/proposals/{pk}/decision", decision, content_type=JSON)
    assert refused.status_code == 400 and refused.json()["code"] == codes.COMMENDATION_DECISION_NUMBER_REQUIRED
    done = client.post(f"{API}/proposals/{pk}/decision", {**decision, "decision_number": "215/QĐ-UBND"},
                       content_type=JSON)  # fmt: skip
    assert done.status_code == 200, done.content
    body = done.json()
    assert (body["status"], body["decision_number"], body["decided_on"], body["document_family"]) == (
        "decided", "215/QĐ-UBND", "2026-02-05", "state")  # fmt: skip
    assert [m["opinion"] for m in body["members"]] == ["agree", "agree"]
    assert DvkModel.objects.get(pk=model.pk).stage == "commended"
    frozen = client.post(f"{API}/proposals/{pk}/decline", {"deciding_organization_id": w.city.pk, "reason": "x"},
                         content_type=JSON)  # fmt: skip
    assert frozen.status_code == 400 and frozen.json()["code"] == codes.COMMENDATION_FROZEN
    listed = client.get(f"{API}/proposals", {"status": "decided"}).json()
    assert [p["id"] for p in listed] == [pk]


def test_others_get_404_and_bad_input_the_error_shape(client, w):
    model = recognised(w)
    client.force_login(w.ward_head)
    pk = client.post(f"{API}/proposals", {"organization_id": w.ward.pk, "subject_kind": "model", "subject_id": model.pk,
                                          "form_code": "bang-khen", "level": "tinh", "achievements": "Tốt."},
                     content_type=JSON).json()["id"]  # fmt: skip
    bad_form = client.post(f"{API}/proposals", {"organization_id": w.ward.pk, "subject_kind": "collective",
                                                "subject_id": w.ward.pk, "form_code": "nope", "level": "xa",
                                                "achievements": "Tốt."}, content_type=JSON)  # fmt: skip
    assert bad_form.status_code == 400 and bad_form.json()["code"] == codes.COMMENDATION_BAD_FORM
    assert client.post(f"{API}/proposals", {"organization_id": "x"}, content_type=JSON).status_code == 422
    client.force_login(w.other_head)
    assert client.get(f"{API}/proposals/{pk}").status_code == 404
    assert client.get(f"{API}/proposals").json() == []
    other = client.post(f"{API}/proposals", {"organization_id": w.ward.pk, "subject_kind": "collective",
                                             "subject_id": w.ward.pk, "form_code": "giay-khen", "level": "xa",
                                             "achievements": "Tốt."}, content_type=JSON)  # fmt: skip
    assert other.status_code == 404
    assert CommendationProposal.objects.count() == 1


def test_discipline_over_the_api(client, w):
    client.force_login(w.ward_head)
    made = client.post(f"{API}/discipline", {"organization_id": w.ward.pk, "person_id": w.stranger.pk,
                                             "form_code": "phe-binh", "decided_on": "2026-02-01",
                                             "deciding_organization_id": w.ward.pk, "ground": "Thái độ."},
                       content_type=JSON)  # fmt: skip
    assert made.status_code == 201, made.content
    rid = made.json()["id"]
    client.force_login(w.stranger)
    assert client.get(f"{API}/discipline/{rid}").status_code == 200
    assert [(r["id"], r["status"], r["version"], r["previous_id"]) for r in client.get(f"{API}/discipline").json()] == [
        (rid, "in_force", 1, None)]  # fmt: skip
    client.force_login(w.province_dv)
    assert client.get(f"{API}/discipline/{rid}").status_code == 404
    assert client.get(f"{API}/discipline").json() == []
