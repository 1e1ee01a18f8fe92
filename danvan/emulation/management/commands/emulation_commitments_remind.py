"""`danvan emulation_commitments_remind`: remind now the cadres with no commitment (or no review) of the open
window, once per person and window; with ``--schedule``, queue the daily sweep instead (it re-queues itself)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.core import clock
from danvan.core.periodic import chain_continue
from danvan.emulation.services.commitments import commitments_remind_sweep
from danvan.emulation.tasks_commitments import commitments_remind, next_sweep_at


class Command(BaseCommand):
    help = "Remind cadres with no Chỉ thị 05 commitment or review in the open window (once each); --schedule queues the daily sweep."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule", action="store_true", help="queue the daily sweep instead of running it now")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            run_at = next_sweep_at(clock.now())
            if chain_continue(commitments_remind, True, run_after=run_at):
                self.stdout.write(f"Đã xếp lịch nhắc cam kết lúc {run_at:%H:%M %d/%m/%Y}.")
            else:
                self.stdout.write("Đã có lượt nhắc cam kết đang chờ.")
            return
        counts = commitments_remind_sweep(today=clock.today())
        self.stdout.write(f"Đã nhắc {counts['reminded']} người; {counts['already']} người đã được nhắc trước đó.")
