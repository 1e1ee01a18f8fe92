"""`danvan surveys_schedule`: make sure the hourly refresh of the indices is queued (it re-queues itself)."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.core.periodic import chain_continue
from danvan.surveys.tasks import snapshots_refresh_recent


class Command(BaseCommand):
    help = "Queue the hourly recomputation of the satisfaction indices if none is waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        if not chain_continue(snapshots_refresh_recent, True):
            self.stdout.write("Đã có lượt tính lại chỉ số hài lòng đang chờ.")
            return
        self.stdout.write("Đã xếp lịch tính lại chỉ số hài lòng (mỗi giờ).")
