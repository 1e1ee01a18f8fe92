"""`danvan surveys_schedule`: make sure the hourly refresh of the indices is queued (it re-queues itself)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.surveys.tasks import snapshots_refresh_recent


class Command(BaseCommand):
    help = "Queue the hourly recomputation of the satisfaction indices if none is waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks_db.models import DBTaskResult

        path = "danvan.surveys.tasks.snapshots_refresh_recent"
        if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
            self.stdout.write("Đã có lượt tính lại chỉ số hài lòng đang chờ.")
            return
        with transaction.atomic():
            snapshots_refresh_recent.enqueue(True)
        self.stdout.write("Đã xếp lịch tính lại chỉ số hài lòng (mỗi giờ).")
