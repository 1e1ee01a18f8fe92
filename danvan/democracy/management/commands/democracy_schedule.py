"""`danvan democracy-schedule`: make sure grassroots democracy's morning sweep is queued (it re-queues itself)."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.core import clock
from danvan.core.periodic import chain_continue
from danvan.democracy.tasks import democracy_sweep, next_sweep_at


class Command(BaseCommand):
    help = "Queue grassroots democracy's morning sweep (postings, records, recognitions, recommendations) if none is waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        run_at = next_sweep_at(clock.now())
        if not chain_continue(democracy_sweep, True, run_after=run_at):
            self.stdout.write("Đã có lượt rà soát dân chủ ở cơ sở đang chờ.")
            return
        self.stdout.write(f"Đã xếp lịch rà soát dân chủ ở cơ sở lúc {run_at:%H:%M %d/%m/%Y}.")
