"""`danvan cases_schedule`: make sure the daily deadline sweep is queued (it re-queues itself), and the
hourly removal of attachments kept for petition forms never sent (``files.tasks``)."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.cases.tasks import _next_sweep_at, deadline_sweep
from danvan.core import clock
from danvan.core.periodic import chain_continue
from danvan.files.tasks import pending_uploads_purge


class Command(BaseCommand):
    help = "Queue the daily deadline sweep (reminders and escalation) if none is waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        chain_continue(pending_uploads_purge, True)  # quietly: nothing for the operator to decide
        run_at = _next_sweep_at(clock.now())
        if not chain_continue(deadline_sweep, True, run_after=run_at):
            self.stdout.write("Đã có lượt rà soát thời hạn đang chờ.")
            return
        self.stdout.write(f"Đã xếp lịch rà soát thời hạn lúc {run_at:%H:%M %d/%m/%Y}.")
