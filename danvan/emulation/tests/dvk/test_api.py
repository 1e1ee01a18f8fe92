"""The REST endpoints: the public list and story (recognised models only), staff registration and steps,
refusals in the one error shape."""

from __future__ import annotations

from danvan.emulation import errors
from danvan.emulation.models import DvkModel
from danvan.emulation.tests.dvk.factories import evaluated, recognised, registered

BODY = {
    "place_code": 19753, "field": "van_hoa_xa_hoi", "name": "Kiệt xanh", "situation": "Rác", "goals": "90% hộ",
    "content": "Vận động", "area": "Tổ 1", "forces": [{"name": "Đảng ủy phường", "role": "in_charge"}],
    "money_vnd": 1000, "start_on": "2025-06-01", "evaluation_on": "2026-01-15", "outputs": "Biên bản",
    "sustainability": "Tự quản",
}  # fmt: skip


def test_public_list_and_story(client, w) -> None:
    public = recognised(w)
    draft = registered(w, name="Nháp")
    listed = client.get("/api/v1/emulation/dvk/models", {"q": "chinh trang"})
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()["results"]] == [public.pk]
    assert listed.json()["results"][0]["recognised_level"] == "tinh"
    story = client.get(f"/api/v1/emulation/dvk/models/{public.pk}")
    assert story.status_code == 200 and story.json()["indicators"][0]["baseline"] == "2.00"
    assert client.get(f"/api/v1/emulation/dvk/models/{draft.pk}").json()["code"] == "not_found"


def test_staff_register_and_refusals(client, w) -> None:
    client.force_login(w.ward_head)
    created = client.post("/api/v1/emulation/dvk/models", BODY | {"organization_id": w.ward.pk},
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["stage"] == "registered"
    missing = client.post("/api/v1/emulation/dvk/models", BODY | {"organization_id": w.ward.pk, "outputs": ""},
                          content_type="application/json")  # fmt: skip
    assert missing.status_code == 400 and missing.json()["code"] == errors.DVK_MISSING_FIELDS
    other = client.post("/api/v1/emulation/dvk/models", BODY | {"organization_id": w.other.pk},
                        content_type="application/json")  # fmt: skip
    assert other.status_code == 403 and other.json()["code"] == "forbidden"
    assert DvkModel.objects.count() == 1


def test_staff_steps(client, w) -> None:
    model = evaluated(w)
    client.force_login(w.province_dv)
    no_date = client.post(f"/api/v1/emulation/dvk/models/{model.pk}/steps/recognise", {"level": "tinh"},
                          content_type="application/json")  # fmt: skip
    assert no_date.status_code == 400
    ok = client.post(f"/api/v1/emulation/dvk/models/{model.pk}/steps/recognise",
                     {"level": "tinh", "decision": "12/QĐ", "on": "2026-02-05"}, content_type="application/json")  # fmt: skip
    assert ok.status_code == 200 and ok.json()["stage"] == "recognised"
    bad = client.post(f"/api/v1/emulation/dvk/models/{model.pk}/steps/commend",
                      {"level": "tinh", "form": "Bằng khen", "on": "2026-02-05"}, content_type="application/json")  # fmt: skip
    # The direct commend step is gone: a model is commended through a commendation proposal only.
    assert bad.status_code == 422 and bad.json()["code"] == "invalid" and "step" in bad.json()["details"]
    client.force_login(w.other_head)  # another unit's officer: the replicate step only
    staff_only = client.post(f"/api/v1/emulation/dvk/models/{model.pk}/steps/close", {"outcome": "sustained"},
                             content_type="application/json")  # fmt: skip
    assert staff_only.status_code == 404
    copy = client.post(f"/api/v1/emulation/dvk/models/{model.pk}/steps/replicate", {"organization_id": w.other.pk},
                       content_type="application/json")  # fmt: skip
    assert copy.status_code == 200 and copy.json()["replicated_from_id"] == model.pk
    client.force_login(w.stranger)
    hidden = client.post(f"/api/v1/emulation/dvk/models/{model.pk}/steps/close", {"outcome": "sustained"},
                         content_type="application/json")  # fmt: skip
    assert hidden.status_code == 404
