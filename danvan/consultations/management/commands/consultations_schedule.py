"""`danvan consultations-schedule`: make sure consultations' morning sweep is queued (it re-queues itself)."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.consultations.tasks import consultations_sweep, next_sweep_at
from danvan.core import clock
from danvan.core.periodic import chain_continue


class Command(BaseCommand):
    help = "Queue consultations' morning sweep (opening, closing, maps, summaries due) if none is waiting."

    def handle(self, *args: Any, **options: Any) -> None:
        run_at = next_sweep_at(clock.now())
        if not chain_continue(consultations_sweep, True, run_after=run_at):
            self.stdout.write("Đã có lượt rà soát lấy ý kiến đang chờ.")
            return
        self.stdout.write(f"Đã xếp lịch rà soát lấy ý kiến lúc {run_at:%H:%M %d/%m/%Y}.")
