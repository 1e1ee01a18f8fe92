"""Public photos: the model's unit marks a progress photo public only with the attestation that the people
in it agreed, and may withdraw it (both audited); the public view serves it only while the photo is public
and the model is public, cleaned of its camera's metadata and position."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from danvan.core.audit import AuditEvent
from danvan.core.errors import DomainError, PermissionDenied
from danvan.emulation import errors
from danvan.emulation.models import DvkPhoto
from danvan.emulation.services import dvk as services
from danvan.emulation.tests.dvk.factories import implementing, jpeg_with_location, recognised_with_photo


def public_url(photo: DvkPhoto) -> str:
    return reverse("emulation:dvk_public_photo", args=[photo.report.model_id, photo.pk])


def actions(photo: DvkPhoto) -> list[str]:
    return list(AuditEvent.objects.filter(object_type="emulation.dvkphoto", object_id=str(photo.pk))
                .order_by("id").values_list("action", flat=True))  # fmt: skip


def test_the_models_unit_makes_a_photo_public_and_it_is_served_without_metadata(client, w) -> None:
    model, photo = recognised_with_photo(w)
    assert client.get(public_url(photo)).status_code == 404  # private until marked
    services.dvk_photo_publish(actor=w.ward_head, photo=photo, consent=True)
    photo.refresh_from_db()
    assert (photo.is_public, photo.public_by, photo.public_at is not None) == (True, w.ward_head, True)
    assert actions(photo) == ["emulation.dvk_photo_published"]
    response = client.get(public_url(photo))
    assert response.status_code == 200
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == ("image/jpeg", "nosniff")
    assert response["Cache-Control"] == "private, no-cache"
    assert "Content-Disposition" not in response  # the stored file's name is not part of what was made public
    served = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert dict(served.getexif()) == {}  # neither the camera nor the GPS position (files.checks re-encoded it)
    assert b"PhoneMaker" in jpeg_with_location()
    assert b"PhoneMaker" not in b"".join(client.get(public_url(photo)).streaming_content)
    story = client.get(reverse("emulation:dvk_story", args=[model.pk]))
    assert [p.pk for p in story.context["public_photos"]] == [photo.pk]
    assert public_url(photo) in story.content.decode()


def test_the_attestation_is_required(client, w) -> None:
    _model, photo = recognised_with_photo(w)
    with pytest.raises(DomainError) as refused:
        services.dvk_photo_publish(actor=w.ward_head, photo=photo, consent=False)
    assert refused.value.code == errors.DVK_PHOTO_CONSENT_REQUIRED == "dvk_photo_consent_required"
    assert refused.value.details == {"field": "consent"}
    photo.refresh_from_db()
    assert (photo.is_public, photo.public_at, actions(photo)) == (False, None, [])
    assert client.get(public_url(photo)).status_code == 404


def test_only_the_models_unit_marks_or_withdraws(w) -> None:
    _model, photo = recognised_with_photo(w)
    # Kim Long's chairman (manages his own ward), a council member, the city's Front, a handler of the ward
    for user in (w.other_head, w.scorer_other, w.scorer_city, w.stranger):
        with pytest.raises(PermissionDenied) as refused:
            services.dvk_photo_publish(actor=user, photo=photo, consent=True)
        assert refused.value.code == "forbidden"
    services.dvk_photo_publish(actor=w.ward_head, photo=photo, consent=True)
    with pytest.raises(PermissionDenied):
        services.dvk_photo_withdraw(actor=w.other_head, photo=photo)
    photo.refresh_from_db()
    assert photo.is_public and actions(photo) == ["emulation.dvk_photo_published"]


def test_a_withdrawn_photo_answers_404_publicly(client, w) -> None:
    model, photo = recognised_with_photo(w)
    services.dvk_photo_publish(actor=w.ward_head, photo=photo, consent=True)
    assert client.get(public_url(photo)).status_code == 200
    services.dvk_photo_withdraw(actor=w.ward_head, photo=photo)
    photo.refresh_from_db()
    assert (photo.is_public, photo.public_at, photo.public_by) == (False, None, None)
    assert actions(photo) == ["emulation.dvk_photo_published", "emulation.dvk_photo_withdrawn"]
    assert client.get(public_url(photo)).status_code == 404
    assert client.get(reverse("emulation:dvk_story", args=[model.pk])).context["public_photos"] == []


def test_a_public_photo_of_a_model_that_is_not_public_answers_404(client, w) -> None:
    model = implementing(w)
    report = services.dvk_progress_report(
        actor=w.ward_head, model=model, text="Ảnh", photos=[("a.jpg", jpeg_with_location())]
    )
    photo = report.photos.get()
    services.dvk_photo_publish(actor=w.ward_head, photo=photo, consent=True)  # may be marked before recognition
    assert client.get(public_url(photo)).status_code == 404
    assert client.get(reverse("emulation:dvk_story", args=[model.pk])).status_code == 404


def test_an_archived_models_public_photo_answers_404(client, w) -> None:
    model, photo = recognised_with_photo(w)
    services.dvk_photo_publish(actor=w.ward_head, photo=photo, consent=True)
    assert client.get(public_url(photo)).status_code == 200
    services.dvk_model_close(actor=w.ward_head, model=model, outcome="archived", reason="Không còn duy trì")
    assert client.get(public_url(photo)).status_code == 404


def test_a_photo_asked_under_another_model_answers_404(client, w) -> None:
    _model, photo = recognised_with_photo(w)
    services.dvk_photo_publish(actor=w.ward_head, photo=photo, consent=True)
    other = implementing(w, name="Mô hình khác")
    assert client.get(reverse("emulation:dvk_public_photo", args=[other.pk, photo.pk])).status_code == 404


def test_the_staff_page_marks_and_withdraws_with_the_attestation(client, w) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    model, photo = recognised_with_photo(w)
    url = reverse("emulation:dvk_photo_publicity", args=[model.pk, photo.pk])
    client.force_login(w.other_head)  # another unit's officer: not found, nothing read
    assert client.post(url, {"action": "publish", "consent": "1"}).status_code == 404
    client.force_login(w.ward_head)
    detail = client.get(reverse("emulation:dvk_detail", args=[model.pk])).content.decode()
    assert url in detail and "The people who can be recognised in the photo agreed to make it public." in detail
    response = client.post(url, {"action": "publish"}, follow=True)
    assert "Confirm that the people who can be recognised in the photo agreed" in response.content.decode()
    photo.refresh_from_db()
    assert not photo.is_public
    client.post(url, {"action": "publish", "consent": "1"})
    photo.refresh_from_db()
    assert photo.is_public
    client.post(url, {"action": "withdraw"})
    photo.refresh_from_db()
    assert not photo.is_public
    assert actions(photo) == ["emulation.dvk_photo_published", "emulation.dvk_photo_withdrawn"]


def test_the_storys_queries_with_public_photos(client, w, django_assert_max_num_queries) -> None:
    model, photo = recognised_with_photo(w)
    services.dvk_photo_publish(actor=w.ward_head, photo=photo, consent=True)
    client.get(reverse("emulation:dvk_story", args=[model.pk]))  # warm the caches
    with django_assert_max_num_queries(12):
        assert client.get(reverse("emulation:dvk_story", args=[model.pk])).status_code == 200
