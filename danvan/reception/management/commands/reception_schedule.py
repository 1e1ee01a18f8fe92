"""`danvan reception_schedule`: make sure reception's morning sweep is queued (it re-queues itself)."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.core import clock
from danvan.core.periodic import chain_continue
from danvan.reception.tasks import next_sweep_at, reception_sweep


class Command(BaseCommand):
    help = "Queue reception's morning sweep (reminders, answer clocks, tasks and commitments) if none is waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        run_at = next_sweep_at(clock.now())
        if not chain_continue(reception_sweep, True, run_after=run_at):
            self.stdout.write("Đã có lượt rà soát tiếp công dân đang chờ.")
            return
        self.stdout.write(f"Đã xếp lịch rà soát tiếp công dân lúc {run_at:%H:%M %d/%m/%Y}.")
