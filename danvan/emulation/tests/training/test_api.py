"""Training over the REST API, as a signed-in organiser; the public verification without signing in."""

from __future__ import annotations

import pytest

from danvan.emulation import errors as codes
from danvan.emulation.models import Enrolment, TrainingCertificate
from danvan.emulation.tests.training.factories import certified, course_with_sessions, training_world

pytestmark = pytest.mark.django_db
API = "/api/v1/emulation/training"


@pytest.fixture
def w():
    return training_world()


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_an_organiser_runs_a_course_end_to_end(client, w, frozen_clock):
    client.force_login(w.head)
    created = post(client, f"{API}/courses", {"organization_id": w.ward.pk, "topic_code": "tiep-cong-dan",
                                              "title": "Tiếp công dân"})  # fmt: skip
    assert created.status_code == 201, created.content
    course = created.json()["id"]
    session = post(client, f"{API}/courses/{course}/sessions", {"held_on": "2026-02-04", "place": "Hội trường",
                                                               "trainer": "Ban TCD", "capacity": 10})  # fmt: skip
    assert session.status_code == 201, session.content
    enrolled = post(client, f"{API}/courses/{course}/enrolments", {"person_id": w.reception.pk})
    assert enrolled.status_code == 201
    enrolment = enrolled.json()["id"]
    marked = post(
        client, f"{API}/courses/{course}/sessions/{session.json()['id']}/attendance", {"present": [enrolment]}
    )
    assert marked.json() == {"present": 1}
    issued = post(client, f"{API}/courses/{course}/enrolments/{enrolment}/certificate")
    assert issued.status_code == 201 and issued.json()["number"].startswith("DT-2026-")
    detail = client.get(f"{API}/courses/{course}").json()
    assert detail["enrolments"][0]["completed"] and detail["seats_left"] == 9
    assert [c["id"] for c in client.get(f"{API}/courses").json()] == [course]
    cover = client.get(f"{API}/coverage", {"organization_id": w.ward.pk, "year": 2026}).json()
    assert (cover["must_be_trained"], cover["trained"], cover["percent"]) == (3, 1, 33.3)


def test_refusals_carry_their_codes_and_store_nothing(client, w, frozen_clock):
    course = course_with_sessions(w, capacity=1)
    client.force_login(w.head)
    assert post(client, f"{API}/courses/{course.pk}/enrolments", {"person_id": w.clerk.pk}).status_code == 201
    full = post(client, f"{API}/courses/{course.pk}/enrolments", {"person_id": w.reception.pk})
    assert full.status_code == 400 and full.json()["code"] == codes.TRAINING_COURSE_FULL
    for nobody in (w.stranger.pk, 999_999):  # out of scope and nonexistent: the same answer
        refused = post(client, f"{API}/courses/{course.pk}/enrolments", {"person_id": nobody})
        assert refused.json()["code"] == codes.TRAINING_NOT_AN_OFFICER_IN_SCOPE
    enrolment = Enrolment.objects.get()
    early = post(client, f"{API}/courses/{course.pk}/enrolments/{enrolment.pk}/certificate")
    assert early.status_code == 400 and early.json()["code"] == codes.TRAINING_NOT_COMPLETED
    assert not TrainingCertificate.objects.exists()


def test_another_ward_s_head_gets_not_found(client, w, frozen_clock):
    course = course_with_sessions(w)
    client.force_login(w.other_head)
    assert client.get(f"{API}/courses/{course.pk}").status_code == 404
    assert post(client, f"{API}/courses/{course.pk}/enrolments", {"person_id": w.stranger.pk}).status_code == 404
    assert client.get(f"{API}/coverage", {"organization_id": w.ward.pk, "year": 2026}).status_code == 404
    refused = post(client, f"{API}/courses", {"organization_id": w.ward.pk, "topic_code": "mot-cua", "title": "X"})
    assert refused.status_code == 404


def test_anyone_verifies_a_certificate_by_its_number(client, w, frozen_clock):
    certificate = certified(w, course_with_sessions(w), w.reception)
    found = client.get(f"{API}/certificates/verify", {"number": certificate.number})
    assert found.status_code == 200 and found.json()["holder_initials"] == "A. V. T."
    assert "person" not in found.json() and "Ấu" not in found.content.decode()
    assert client.get(f"{API}/certificates/verify", {"number": "DT-2026-ZZZZZZZZ"}).status_code == 404
