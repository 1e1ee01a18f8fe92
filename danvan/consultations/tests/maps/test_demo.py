"""The maps part's demo: the demo consultations' maps, computed once however often the demo runs."""

from __future__ import annotations

from danvan.consultations import demo_maps
from danvan.consultations.models import OpinionMap
from danvan.consultations.tests.factories import consultation
from danvan.consultations.tests.maps.world import vote_set
from danvan.democracy.tests.factories import make_democracy_world


def test_the_demo_maps_are_computed_once(db: None) -> None:
    d = make_democracy_world()
    market = consultation(d, code="di-doi-cho-phu-xuan", title="Phương án di dời chợ Phú Xuân")
    vote_set(market)
    consultation(d, code="chinh-trang-via-he-phu-xuan")  # no votes: no map line
    first = demo_maps.seed("127.0.0.1:8000")
    assert first == [
        "Bản đồ ý kiến «Phương án di dời chợ Phú Xuân»: 20 người, 2 nhóm — "
        "http://127.0.0.1:8000/gop-y/di-doi-cho-phu-xuan/ban-do-y-kien/"
    ]
    assert demo_maps.seed("127.0.0.1:8000") == first
    assert OpinionMap.objects.filter(consultation=market).count() == 1


def test_the_demo_starts_the_refresh_chain_once(db: None, settings: object) -> None:
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # type: ignore[attr-defined]
    assert demo_maps.seed("127.0.0.1:8000") == []  # no demo consultation yet: nothing to map
    demo_maps.seed("127.0.0.1:8000")
    waiting = DBTaskResult.objects.filter(task_path="danvan.consultations.tasks_maps.maps_refresh",
                                          status=TaskResultStatus.READY)  # fmt: skip
    assert waiting.count() == 1
