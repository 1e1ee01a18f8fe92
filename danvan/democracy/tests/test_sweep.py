"""The morning sweep runs every part, and `danvan democracy-schedule` queues it once."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import override_settings

from danvan.core.clock import VIETNAM
from danvan.democracy.sweeps import PARTS
from danvan.democracy.tasks import democracy_sweep
from danvan.democracy.tests.factories import DemocracyWorld


def test_every_part_sweeps_in_the_morning_run(dworld: DemocracyWorld) -> None:
    assert [name for name, _sweep in PARTS] == ["disclosures", "decisions", "voting", "boards", "conferences"]
    result = democracy_sweep.call(False)
    assert all(key.split(".")[0] in {name for name, _ in PARTS} for key in result)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_schedule_command_queues_the_sweep_once(db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    first, second = StringIO(), StringIO()
    call_command("democracy_schedule", stdout=first)
    call_command("democracy_schedule", stdout=second)
    assert first.getvalue().startswith("Đã xếp lịch rà soát dân chủ ở cơ sở lúc ")
    assert second.getvalue().strip() == "Đã có lượt rà soát dân chủ ở cơ sở đang chờ."
    waiting = DBTaskResult.objects.get(task_path="danvan.democracy.tasks.democracy_sweep")
    assert waiting.run_after.astimezone(VIETNAM).time() == dt.time(7, 5)
