"""`danvan cases_schedule`: make sure the daily deadline sweep is queued (it re-queues itself)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.cases.tasks import _next_sweep_at, deadline_sweep
from danvan.core import clock


class Command(BaseCommand):
    help = "Queue the daily deadline sweep (reminders and escalation) if none is waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(task_path="danvan.cases.tasks.deadline_sweep", status="READY").exists()
        if waiting:
            self.stdout.write("Đã có lượt rà soát thời hạn đang chờ.")
            return
        run_at = _next_sweep_at(clock.now())
        with transaction.atomic():
            deadline_sweep.using(run_after=run_at).enqueue(True)
        self.stdout.write(f"Đã xếp lịch rà soát thời hạn lúc {run_at:%H:%M %d/%m/%Y}.")
