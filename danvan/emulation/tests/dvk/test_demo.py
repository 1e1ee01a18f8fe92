"""The demo: models at each stage in Huế, the origin replicated twice, two exemplars; idempotent."""

from __future__ import annotations

import pytest

from danvan.emulation import demo_dvk
from danvan.emulation.models import DvkExemplar, DvkModel
from danvan.org.demo import demo_seed


@pytest.mark.django_db
def test_demo_seeds_each_stage_once(frozen_clock) -> None:
    demo_seed(46)
    lines = demo_dvk.seed("localhost:8000")
    assert len(lines) == 5 and "/dan-van-kheo/#dvk-map-heading" in lines[3]
    assert (
        lines[4]
        == "Bảng điểm Dân vận khéo (bảng chung cả nước, quantri sửa): http://localhost:8000/van-hanh/thi-dua/bang-diem/"
    )
    stages = set(DvkModel.objects.values_list("stage", flat=True))
    assert {"draft", "registered", "launched", "implementing", "evaluated", "replicated"} <= stages
    origin = DvkModel.objects.get(name=demo_dvk.ORIGIN, replicated_from=None)
    assert origin.replications.count() == 2 and origin.commendation_decision_number == "2150/QĐ-UBND"
    counts = (DvkModel.objects.count(), DvkExemplar.objects.count())
    assert demo_dvk.seed("localhost:8000") == lines
    assert (DvkModel.objects.count(), DvkExemplar.objects.count()) == counts == (8, 2)


@pytest.mark.django_db
def test_demo_makes_one_public_photo_of_the_recognised_model(frozen_clock, client) -> None:
    from django.urls import reverse

    from danvan.emulation.models import DvkPhoto

    demo_seed(46)
    demo_dvk.seed("localhost:8000")
    demo_dvk.seed("localhost:8000")  # again: still one photo
    photo = DvkPhoto.objects.get()
    origin = DvkModel.objects.get(name=demo_dvk.ORIGIN, replicated_from=None)
    assert (photo.report.model_id, photo.is_public, photo.content_type) == (origin.pk, True, "image/jpeg")
    response = client.get(reverse("emulation:dvk_public_photo", args=[origin.pk, photo.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"\xff\xd8"
