"""The staff pages: split a visit into cases, record a crowd and its meeting, the early warnings."""

import pytest
from django.urls import reverse

from danvan.cases.models import Case
from danvan.reception.models import Crowd, VisitCase
from danvan.reception.tests.factories import at, visit

pytestmark = pytest.mark.django_db

NAME, PHONE, ID_NUMBER = "Hoàng Văn Tố", "0987654321", "046090001234"


def split_data(**parts):
    data = {"request_key": "k1"}
    for n, (track, content) in enumerate(parts.get("parts", [])):
        data.update({f"p{n}-track": track, f"p{n}-title": "", f"p{n}-content": content,
                     f"p{n}-place_text": "phuong phu xuan, hue"})  # fmt: skip
    return data


def test_the_officer_splits_a_visit_into_two_cases(client, vworld):
    v = visit(vworld.phuong, vworld.officer)
    client.force_login(vworld.officer)
    url = reverse("reception:visit_cases_new", args=[v.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Nguyễn Văn An" in page.content.decode()
    answer = client.post(url, split_data(parts=[("pakn", "Kiệt 12 Phú Xuân ngập sâu mỗi khi mưa lớn."),
                                                ("khieu_nai", "Khiếu nại quyết định thu hồi đất số 12.")]))  # fmt: skip
    assert answer.status_code == 302 and answer["Location"] == url
    assert [link.track for link in VisitCase.objects.filter(visit=v)] == ["pakn", "khieu_nai"]
    page = client.get(url).content.decode()
    for case in Case.objects.all():
        assert case.tracking_code in page
    # the case's staff page links to the visit's line in the register
    client.force_login(vworld.chair)
    detail = client.get(reverse("cases:case_detail", args=[Case.objects.first().pk])).content.decode()
    assert f'href="{reverse("reception:visit_detail", args=[v.pk])}"' in detail


def test_a_bad_second_petition_comes_back_next_to_its_field_and_nothing_is_stored(client, vworld):
    v = visit(vworld.phuong, vworld.officer)
    client.force_login(vworld.officer)
    answer = client.post(reverse("reception:visit_cases_new", args=[v.pk]),
                         split_data(parts=[("pakn", "Kiệt 12 Phú Xuân ngập sâu mỗi khi mưa lớn."), ("to_cao", "ngắn")]))  # fmt: skip
    assert answer.status_code == 400
    assert 'id="id_p1-content_error"' in answer.content.decode()
    assert not Case.objects.exists()


def test_a_denunciations_identity_is_not_on_the_page(client, vworld):
    v = visit(vworld.phuong, vworld.officer, visitor_name=NAME, visitor_phone=PHONE, visitor_id_number=ID_NUMBER,
              content=f"Ông {NAME} tố cáo cán bộ địa chính nhận tiền.")  # fmt: skip
    client.force_login(vworld.officer)
    url = reverse("reception:visit_cases_new", args=[v.pk])
    client.post(url, split_data(parts=[("to_cao", "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ.")]))
    for who in (vworld.officer, vworld.chair):
        client.force_login(who)
        page = client.get(url).content.decode()
        assert not any(s in page for s in (NAME, PHONE, ID_NUMBER, "Văn Tố"))
        case = Case.objects.get()
        detail = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
        assert not any(s in detail for s in (NAME, PHONE, ID_NUMBER, "Văn Tố"))


@pytest.mark.parametrize("who", ["other_officer", "handler", "inspector"])
def test_others_get_not_found(client, vworld, who):
    v = visit(vworld.phuong, vworld.officer, group_size=12)
    client.force_login(getattr(vworld, who))
    for name in ("reception:visit_cases_new", "reception:visit_crowd"):
        assert client.get(reverse(name, args=[v.pk])).status_code == 404
    answer = client.post(reverse("reception:visit_cases_new", args=[v.pk]),
                         split_data(parts=[("pakn", "Kiệt 12 Phú Xuân ngập sâu mỗi khi mưa lớn.")]))  # fmt: skip
    assert answer.status_code == 404 and not Case.objects.exists()


def crowd_data(n, **extra):
    data = {"form": "crowd", "appointment_signed": "on", "statement": "Đề nghị xem xét lại giá bồi thường.",
            "statement_signed": "on", "matter_key": "Thu hồi đất khu dân cư Phú Xuân"}  # fmt: skip
    for i in range(n):
        data.update({f"r{i}-name": f"Người đại diện {i}", f"r{i}-address": f"{i} Lê Lợi, Huế"})
    return {**data, **extra}


def test_the_officer_records_a_crowd_and_the_meeting(client, rworld, frozen_clock):
    v = visit(rworld.phuong, rworld.officer, group_size=12, received_at=at(2026, 2, 5, 8, 0))
    client.force_login(rworld.officer)
    url = reverse("reception:visit_crowd", args=[v.pk])
    assert "1 to 5" in client.get(url).content.decode() or "1 đến 5" in client.get(url).content.decode()
    assert client.post(url, crowd_data(3)).status_code == 302
    crowd = Crowd.objects.get(visit=v)
    assert len(crowd.representatives) == 3
    answer = client.post(url, {"form": "meeting", "met_at": "2026-02-05T08:45", "met_by": rworld.chair.pk,
                               "note": "Chủ tịch giao rà soát trong 15 ngày.", "joint_bodies": ""})  # fmt: skip
    assert answer.status_code == 302
    crowd.refresh_from_db()
    assert crowd.met_by == rworld.chair and crowd.met_at == at(2026, 2, 5, 8, 45)


def test_too_many_representatives_are_refused_on_the_page(client, rworld):
    v = visit(rworld.phuong, rworld.officer, group_size=7)
    client.force_login(rworld.officer)
    answer = client.post(reverse("reception:visit_crowd", args=[v.pk]), crowd_data(3))
    assert answer.status_code == 400 and not Crowd.objects.exists()
    assert "1" in answer.content.decode() and "2" in answer.content.decode()


def test_the_warnings_page(client, rworld, frozen_clock):
    from danvan.reception.services.crowds import crowd_record

    for day, size in ((at(2026, 1, 10), 12), (at(2026, 1, 24), 15)):
        crowd_record(actor=rworld.officer, visit=visit(rworld.phuong, rworld.officer, group_size=size, received_at=day),
                     representatives=[{"name": "Lê Ba", "address": "Huế"}], appointment_signed=True, statement="",
                     statement_signed=False, matter_key="Thu hồi đất khu dân cư Phú Xuân")  # fmt: skip
    client.force_login(rworld.dan_van)
    page = client.get(reverse("reception:crowd_warnings")).content.decode()
    assert "thu hồi đất khu dân cư phú xuân" in page and "Lê Ba" not in page
    client.force_login(rworld.handler)
    assert client.get(reverse("reception:crowd_warnings")).status_code == 404
