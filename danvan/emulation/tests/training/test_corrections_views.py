"""The correction pages: a course's edit, a session's edit and cancel, a certificate's revocation, the public
check of a revoked certificate, and the requirements kept to the province's operator. A page one may not
use answers 404 (before any input is read); a refusal keeps the page with its message, nothing stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from danvan.emulation.models import TrainingCertificate, TrainingRequirement, TrainingSession
from danvan.emulation.services import training as services
from danvan.emulation.tests.national import rule_keeper
from danvan.emulation.tests.training.factories import certified, course_with_sessions, training_world
from danvan.notifications.selectors import notification_inbox
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db
BASE = "/van-hanh/thi-dua/dao-tao/"
MAR10 = dt.date(2026, 3, 10)


@pytest.fixture
def w():
    return training_world()


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_correction_pages_keep_their_addresses():
    assert reverse("emulation:training_course_edit", args=[3]) == f"{BASE}khoa/3/sua/"
    assert reverse("emulation:training_session_edit", args=[3, 4]) == f"{BASE}khoa/3/buoi/4/sua/"
    assert reverse("emulation:training_session_cancel", args=[3, 4]) == f"{BASE}khoa/3/buoi/4/huy/"
    assert reverse("emulation:training_certificate_revoke", args=[5]) == f"{BASE}chung-chi/5/thu-hoi/"


def test_the_organiser_edits_the_course_and_an_empty_title_keeps_the_page(client, w, frozen_clock):
    course = course_with_sessions(w)
    client.force_login(w.head)
    assert client.get(f"{BASE}khoa/{course.pk}/sua/").status_code == 200
    bad = client.post(f"{BASE}khoa/{course.pk}/sua/", {"topic": w.reception_topic.pk, "title": " "})
    assert bad.status_code == 400
    good = client.post(f"{BASE}khoa/{course.pk}/sua/", {"topic": w.one_stop_topic.pk, "title": "Một cửa 2026"})
    assert good.status_code == 302
    course.refresh_from_db()
    assert (course.title, course.topic.code) == ("Một cửa 2026", "mot-cua")


def test_the_session_is_corrected_then_cancelled_on_its_page(client, w, frozen_clock):
    course = course_with_sessions(w, days=(MAR10,))
    services.enrolment_add(user=w.head, course=course, person=w.clerk)
    session = course.sessions.get()
    client.force_login(w.head)
    page = f"{BASE}khoa/{course.pk}/buoi/{session.pk}/"
    data = {"held_on": "2026-03-12", "place": "Nhà văn hoá", "trainer": "Sở Nội vụ", "capacity": 0}
    assert client.post(f"{page}sua/", data).status_code == 400  # the form: at least one seat
    assert client.post(f"{page}sua/", data | {"capacity": 4}).status_code == 302
    session.refresh_from_db()
    assert (session.held_on, session.capacity) == (dt.date(2026, 3, 12), 4)
    refused = client.post(f"{page}huy/", {"cancel-reason": "  "})
    assert refused.status_code == 400 and TrainingSession.objects.get().cancelled_on is None
    assert client.post(f"{page}huy/", {"cancel-reason": "Bão"}).status_code == 302
    assert TrainingSession.objects.get().cancelled_on == dt.date(2026, 2, 5)
    assert [n.template for n in notification_inbox(user=w.clerk).page] == ["emulation.training_cancelled"]
    detail = client.get(f"{BASE}khoa/{course.pk}/").content.decode()
    assert "cancelled" in detail and "Bão" in detail
    again = client.post(f"{page}huy/", {"cancel-reason": "Again"})
    assert again.status_code == 400 and "already cancelled on 05/02/2026" in again.content.decode()


@pytest.mark.parametrize("who", ["other_head", "clerk", "stranger", "reception"])
def test_the_correction_pages_are_not_found_for_others(client, w, frozen_clock, who):
    course = course_with_sessions(w, days=(MAR10,))
    session = course.sessions.get()
    client.force_login(getattr(w, who))
    assert client.get(f"{BASE}khoa/{course.pk}/sua/").status_code == 404
    assert client.post(f"{BASE}khoa/{course.pk}/sua/", {}).status_code == 404
    assert client.get(f"{BASE}khoa/{course.pk}/buoi/{session.pk}/sua/").status_code == 404
    assert client.post(f"{BASE}khoa/{course.pk}/buoi/{session.pk}/huy/", {}).status_code == 404
    assert TrainingSession.objects.get().cancelled_on is None


def test_the_issuing_side_revokes_and_the_holder_may_read_but_not_revoke(client, w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    client.force_login(w.reception)  # the holder opens his certificate, with no revoke form
    own = client.get(f"{BASE}chung-chi/{certificate.pk}/")
    assert own.status_code == 200 and 'id="revoke"' not in own.content.decode()
    assert client.post(f"{BASE}chung-chi/{certificate.pk}/thu-hoi/", {"revoke-reason": "x"}).status_code == 404
    client.force_login(w.other_head)
    assert client.post(f"{BASE}chung-chi/{certificate.pk}/thu-hoi/", {"revoke-reason": "x"}).status_code == 404
    assert TrainingCertificate.objects.get().revoked_on is None
    client.force_login(w.head)
    assert 'id="revoke"' in client.get(f"{BASE}chung-chi/{certificate.pk}/").content.decode()
    assert client.post(f"{BASE}chung-chi/{certificate.pk}/thu-hoi/", {"revoke-reason": ""}).status_code == 400
    assert client.post(f"{BASE}chung-chi/{certificate.pk}/thu-hoi/", {"revoke-reason": "Cấp nhầm"}).status_code == 302
    shown = client.get(f"{BASE}chung-chi/{certificate.pk}/").content.decode()
    assert "Revoked on 05/02/2026: Cấp nhầm" in shown and 'id="revoke"' not in shown


def test_the_public_check_shows_revoked_with_initials_only(client, w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    services.certificate_revoke(user=w.head, certificate=certificate, reason="Cấp nhầm người")
    page = client.get("/dao-tao/xac-minh-chung-chi/", {"so": certificate.number}).content.decode()
    assert "This certificate was revoked on 05/02/2026" in page and "A. V. T." in page
    assert "Ấu Văn Tiếp" not in page and "Cấp nhầm người" not in page  # the reason stays with the issuing side
    api = client.get("/api/v1/emulation/training/certificates/verify", {"number": certificate.number}).json()
    assert api["revoked_on"] == "2026-02-05" and api["holder_initials"] == "A. V. T."


def test_the_requirements_are_edited_by_the_rule_keeper_only(client, w):
    requirement = TrainingRequirement.objects.get(role="handler")
    ward_operator = officer("vhphuong", Role.OPERATOR, w.ward, subtree=True)
    city_operator_alone = officer("vhtp", Role.OPERATOR, w.city)  # without the subtree
    province_operator = officer("vanhanh", Role.OPERATOR, w.city, subtree=True)  # a national table: refused too
    for who in (ward_operator, city_operator_alone, province_operator):
        client.force_login(who)
        assert client.get(f"{BASE}yeu-cau/{requirement.pk}/").status_code == 404
        assert client.post(f"{BASE}yeu-cau/", {"role": "head"}).status_code == 404
    client.force_login(rule_keeper())
    page = client.get(f"{BASE}yeu-cau/{requirement.pk}/")
    assert page.status_code == 200
    assert f"Source of this rule: {requirement.source} — not yet confirmed" in page.content.decode()
