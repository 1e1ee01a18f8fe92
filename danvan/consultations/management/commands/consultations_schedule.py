"""`danvan consultations-schedule`: make sure consultations' chains are queued (each re-queues itself): the
morning sweep and the opinion maps' refresh every minute."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.consultations.tasks import consultations_sweep, next_sweep_at
from danvan.consultations.tasks_maps import maps_refresh, next_refresh_at
from danvan.core import clock
from danvan.core.periodic import chain_continue


class Command(BaseCommand):
    help = (
        "Queue consultations' morning sweep (opening, closing, maps, summaries due) and the opinion maps' "
        "refresh, each if none is waiting."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run_at = next_sweep_at(clock.now())
        if not chain_continue(consultations_sweep, True, run_after=run_at):
            self.stdout.write("Đã có lượt rà soát lấy ý kiến đang chờ.")
        else:
            self.stdout.write(f"Đã xếp lịch rà soát lấy ý kiến lúc {run_at:%H:%M %d/%m/%Y}.")
        refresh_at = next_refresh_at(clock.now())
        if not chain_continue(maps_refresh, True, run_after=refresh_at):
            self.stdout.write("Đã có lượt cập nhật bản đồ ý kiến đang chờ.")
        else:
            self.stdout.write(f"Đã xếp lịch cập nhật bản đồ ý kiến mỗi phút, lượt đầu lúc {refresh_at:%H:%M:%S}.")
