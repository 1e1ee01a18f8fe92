"""`danvan surveys_refresh`: recompute the stored satisfaction indices (all scopes and periods)."""

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.core import clock
from danvan.surveys.services.snapshots import snapshots_refresh_all


class Command(BaseCommand):
    help = "Recompute the satisfaction indices of every body, place and service for a range of years."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from-year", type=int, help="first year (default: last year)")
        parser.add_argument("--to-year", type=int, help="last year (default: this year)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = clock.today()
        first = dt.date(options["from_year"] or today.year - 1, 1, 1)
        last = dt.date(options["to_year"] or today.year, 12, 31)
        started = time.perf_counter()
        stored = snapshots_refresh_all(first=first, last=last)
        seconds = time.perf_counter() - started
        total = sum(stored.values())
        self.stdout.write(f"Đã tính lại {total} chỉ số ({first:%d/%m/%Y}–{last:%d/%m/%Y}) trong {seconds:.1f} giây.")
