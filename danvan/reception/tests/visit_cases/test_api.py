"""REST: the cases a visit brought, and a visit's crowd (session callers; keys act through the same kit)."""

import pytest

from danvan.cases.models import Case
from danvan.reception import errors
from danvan.reception.tests.factories import visit

pytestmark = pytest.mark.django_db

PAKN = {"track": "pakn", "content": "Kiệt 12 Phú Xuân ngập sâu mỗi khi mưa lớn.", "place_text": "phuong phu xuan, hue"}
TO_CAO = {"track": "to_cao", "content": "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ.",
          "place_text": "phuong phu xuan, hue"}  # fmt: skip


def test_cases_from_a_visit(client, vworld):
    v = visit(vworld.phuong, vworld.officer, visitor_phone="0912345678")
    client.force_login(vworld.officer)
    url = f"/api/v1/reception/visits/{v.pk}/cases"
    answer = client.post(url, {"petitions": [PAKN, TO_CAO], "request_key": "r1"}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["sealed"] is True and [c["track"] for c in body["cases"]] == ["pakn", "to_cao"]
    assert "Nguyễn" not in answer.content.decode()
    assert {c.channel for c in Case.objects.all()} == {"reception"}
    again = client.post(url, {"petitions": [PAKN, TO_CAO], "request_key": "r1"}, content_type="application/json")
    assert again.json() == body and Case.objects.count() == 2


def test_a_bad_petition_is_refused_in_the_error_shape(client, vworld):
    v = visit(vworld.phuong, vworld.officer)
    client.force_login(vworld.officer)
    answer = client.post(f"/api/v1/reception/visits/{v.pk}/cases",
                         {"petitions": [PAKN, {"track": "to_cao", "content": "ngắn"}]}, content_type="application/json")  # fmt: skip
    assert answer.status_code == 400 and answer.json()["code"] == errors.BAD_PETITIONS
    assert "1.content" in answer.json()["details"] and not Case.objects.exists()


def test_another_wards_officer_gets_not_found(client, vworld):
    v = visit(vworld.phuong, vworld.officer, group_size=12)
    client.force_login(vworld.other_officer)
    assert client.post(f"/api/v1/reception/visits/{v.pk}/cases", {"petitions": [PAKN]},
                       content_type="application/json").status_code == 404  # fmt: skip
    assert client.get(f"/api/v1/reception/visits/{v.pk}/crowd").status_code == 404
    assert not Case.objects.exists()


def test_a_crowd_recorded_and_read(client, rworld):
    v = visit(rworld.phuong, rworld.officer, group_size=5)
    client.force_login(rworld.officer)
    url = f"/api/v1/reception/visits/{v.pk}/crowd"
    assert client.get(url).status_code == 404
    people = [{"name": "Lê Văn Ba", "address": "1 Lê Lợi"}, {"name": "Trần Thị Tư", "address": "2 Lê Lợi"}]
    refused = client.post(url, {"representatives": [*people, people[0]], "matter_key": "Đất"},
                          content_type="application/json")  # fmt: skip
    assert refused.status_code == 400 and refused.json()["code"] == errors.BAD_REPRESENTATIVES
    answer = client.post(url, {"representatives": people, "appointment_signed": True, "matter_key": "Đất"},
                         content_type="application/json")  # fmt: skip
    assert answer.status_code == 200
    read = client.get(url).json()
    assert read["representatives_allowed"] == [1, 2] and read["representatives"] == people
    assert read["matter_key"] == "đất"
