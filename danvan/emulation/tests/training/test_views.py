"""Training's pages: addresses, who gets 404, forms refusing bad input without a 500, the coverage page's
pinned query count, exports and the public verification."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.emulation.models import Course, Enrolment, TrainingAttendance, TrainingSession
from danvan.emulation.tests.national import rule_keeper
from danvan.emulation.tests.training.factories import certified, course_with_sessions, training_world
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user, officer

pytestmark = pytest.mark.django_db
BASE = "/van-hanh/thi-dua/dao-tao/"


@pytest.fixture
def w():
    return training_world()


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_the_pages_keep_their_addresses():
    assert reverse("emulation:training_courses") == BASE
    assert reverse("emulation:training_course", args=[3]) == f"{BASE}khoa/3/"
    assert reverse("emulation:training_attendance", args=[3, 4]) == f"{BASE}khoa/3/buoi/4/diem-danh/"
    assert reverse("emulation:training_coverage") == f"{BASE}do-phu/"
    assert reverse("emulation:training_coverage_export", args=["xlsx"]) == f"{BASE}do-phu.xlsx"
    assert reverse("emulation:training_verify") == "/dao-tao/xac-minh-chung-chi/"


def test_the_organiser_creates_a_course_adds_a_session_and_enrols(client, w, frozen_clock):
    client.force_login(w.head)
    response = client.post(BASE, {"organization": w.ward.pk, "topic": w.reception_topic.pk, "title": "Tiếp dân"})
    course = Course.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}khoa/{course.pk}/"
    response = client.post(f"{BASE}khoa/{course.pk}/buoi/", {"held_on": "2026-02-03", "place": "Hội trường",
                                                            "trainer": "Ban TCD", "capacity": "1", "required": "on"})  # fmt: skip
    assert response.status_code == 302 and TrainingSession.objects.get().capacity == 1
    assert client.post(f"{BASE}khoa/{course.pk}/ghi-danh/", {"person": w.clerk.pk}).status_code == 302
    full = client.post(f"{BASE}khoa/{course.pk}/ghi-danh/", {"person": w.reception.pk})
    assert full.status_code == 400 and "full" in full.content.decode()
    assert list(Enrolment.objects.values_list("person_id", flat=True)) == [w.clerk.pk]


def test_bad_session_input_answers_the_page_not_a_500(client, w, frozen_clock):
    course = course_with_sessions(w, days=())
    client.force_login(w.head)
    response = client.post(f"{BASE}khoa/{course.pk}/buoi/", {"held_on": "31/31/2026", "place": "", "capacity": "0"})
    assert response.status_code == 400 and response.context["session_form"].errors.keys() >= {"held_on", "capacity"}
    assert not TrainingSession.objects.exists()


def test_attendance_then_certificate_from_the_pages(client, w, frozen_clock):
    course = course_with_sessions(w)
    client.force_login(w.head)
    client.post(f"{BASE}khoa/{course.pk}/ghi-danh/", {"person": w.reception.pk})
    enrolment = Enrolment.objects.get()
    for session in course.sessions.all():
        page = client.get(f"{BASE}khoa/{course.pk}/buoi/{session.pk}/diem-danh/")
        assert page.status_code == 200
        assert client.post(page.request["PATH_INFO"], {"present": [enrolment.pk]}).status_code == 302
    response = client.post(f"{BASE}khoa/{course.pk}/hoc-vien/{enrolment.pk}/cap-chung-chi/", follow=True)
    certificate = Enrolment.objects.get().certificate
    assert certificate.number in response.content.decode()
    printable = client.get(f"{BASE}chung-chi/{certificate.pk}/")
    assert printable.status_code == 200 and "Ấu Văn Tiếp" in printable.content.decode()


def test_attendance_for_a_future_session_is_refused_on_the_page(client, w, frozen_clock):
    course = course_with_sessions(w, days=(dt.date(2026, 3, 1),))
    enrolment = Enrolment.objects.create(course=course, person=w.clerk, enrolled_by=w.head)
    client.force_login(w.head)
    response = client.post(f"{BASE}khoa/{course.pk}/buoi/{course.sessions.get().pk}/diem-danh/",
                           {"present": [enrolment.pk]})  # fmt: skip
    assert response.status_code == 400 and "not been held" in response.content.decode()
    assert not TrainingAttendance.objects.exists()


def test_a_certificate_for_an_officer_who_did_not_complete_shows_the_refusal(client, w, frozen_clock):
    course = course_with_sessions(w)
    enrolment = Enrolment.objects.create(course=course, person=w.clerk, enrolled_by=w.head)
    client.force_login(w.head)
    response = client.post(f"{BASE}khoa/{course.pk}/hoc-vien/{enrolment.pk}/cap-chung-chi/", follow=True)
    assert "has not attended" in response.content.decode()
    assert not hasattr(Enrolment.objects.get(), "certificate")


def test_outsiders_get_not_found(client, w, frozen_clock):
    course = course_with_sessions(w)
    certificate = certified(w, course, w.reception)
    client.force_login(w.other_head)
    for url in (f"{BASE}khoa/{course.pk}/", f"{BASE}chung-chi/{certificate.pk}/",
                f"{BASE}do-phu/{w.ward.pk}/chua-dao-tao/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    client.force_login(w.clerk)
    for url in (BASE, f"{BASE}do-phu/", f"{BASE}yeu-cau/", f"{BASE}do-phu.csv"):
        assert client.get(url).status_code == 404, url
    client.force_login(make_user(username="congdan"))
    assert client.get(f"{BASE}do-phu/").status_code == 404


def test_the_coverage_page_shows_the_unit_s_share_in_a_pinned_number_of_queries(client, w, frozen_clock,
                                                                               django_assert_max_num_queries):  # fmt: skip
    certified(w, course_with_sessions(w), w.reception)
    client.force_login(w.dan_van)
    url = f"{BASE}do-phu/?body={w.city.pk}&year=2026"
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.context["report"].total.percent == 25.0
    first = response.context["rows"][0]
    assert (first.body, first.own.trained, first.own.required) == (w.ward, 1, 3)
    for i in range(12):  # more officers and bodies: the same number of queries
        grant(officer(f"cl{i}", Role.COUNTER_CLERK, w.other), Role.RECEPTION_OFFICER, w.ward)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.context["report"].total.required == 4 + 2 * 12  # each counted in both bodies


def test_a_bad_year_or_a_unit_out_of_scope_answers_400(client, w, frozen_clock):
    client.force_login(w.head)
    assert client.get(f"{BASE}do-phu/?year=1999").status_code == 400
    assert client.get(f"{BASE}do-phu/?body={w.other.pk}").status_code == 400
    assert client.get(f"{BASE}do-phu/{w.ward.pk}/chua-dao-tao/?year=abc").status_code == 400


def test_the_exports_list_bodies_and_the_officers_not_trained(client, w, frozen_clock):
    certified(w, course_with_sessions(w), w.reception)
    client.force_login(w.head)
    csv = client.get(f"{BASE}do-phu.csv?body={w.ward.pk}&year=2026")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith(f"{w.ward.name},3,1,33.3 %")
    assert client.get(f"{BASE}do-phu.xlsx?body={w.ward.pk}&year=2026").status_code == 200
    assert client.get(f"{BASE}do-phu.pdf?body={w.ward.pk}").status_code == 404
    missing = client.get(f"{BASE}do-phu/{w.ward.pk}/chua-dao-tao/?year=2026&format=csv").content.decode("utf-8-sig")
    assert "Trần Thị Xử Lý" in missing and "Ấu Văn Tiếp" not in missing


def test_the_public_verification_page_shows_initials_only(client, w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    response = client.get(f"/dao-tao/xac-minh-chung-chi/?so={certificate.number}")
    body = response.content.decode()
    assert response.status_code == 200 and "A. V. T." in body and "Ấu Văn Tiếp" not in body
    assert "No certificate" in client.get("/dao-tao/xac-minh-chung-chi/?so=DT-2026-NOPE").content.decode()


def test_only_the_rule_keeper_edits_the_requirements_page(client, w):
    client.force_login(w.dan_van)
    assert client.get(f"{BASE}yeu-cau/").status_code == 200
    assert client.post(f"{BASE}yeu-cau/", {"role": "head"}).status_code == 404
    client.force_login(officer("vanhanh", Role.OPERATOR, w.city, subtree=True))
    assert client.post(f"{BASE}yeu-cau/", {"role": "head"}).status_code == 404
    client.force_login(rule_keeper())
    bad = client.post(f"{BASE}yeu-cau/", {"role": "head", "topic": w.reception_topic.pk, "source": "x",
                                          "valid_from": "2026-02-01", "valid_to": "2026-01-01"})  # fmt: skip
    assert bad.status_code == 400 and "cannot end before" in bad.content.decode()


def test_the_menu_shows_the_entries_to_the_organisers(client, w):
    client.force_login(w.head)
    keys = {link.key for link in client.get("/van-hanh/thi-dua/").context["links"]}
    assert {"emulation.training_courses", "emulation.training_coverage"} <= keys


def test_the_holder_opens_his_own_certificate_and_a_colleague_does_not(client, w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    client.force_login(w.reception)
    assert client.get(f"{BASE}chung-chi/{certificate.pk}/").status_code == 200
    client.force_login(w.clerk)
    assert client.get(f"{BASE}chung-chi/{certificate.pk}/").status_code == 404


def test_the_rule_keeper_edits_a_requirement_s_dates_and_source(client, w):
    from danvan.emulation.models import TrainingRequirement

    requirement = TrainingRequirement.objects.get(role="handler")
    client.force_login(rule_keeper())
    response = client.post(f"{BASE}yeu-cau/{requirement.pk}/", {"source": "QĐ 1/2026", "valid_from": "2025-07-01",
                                                               "valid_to": "2026-06-30", "verified": "on"})  # fmt: skip
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert (requirement.source, requirement.valid_to, requirement.verified) == ("QĐ 1/2026", dt.date(2026, 6, 30), True)
    client.force_login(w.dan_van)
    assert client.get(f"{BASE}yeu-cau/{requirement.pk}/").status_code == 404
