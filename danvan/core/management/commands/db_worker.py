"""``danvan db_worker``: django_tasks_db's worker command, running ``core.worker.ResilientWorker``.

Same options as the library's, plus ``--lease`` and ``--max-attempts`` (defaults from
``DANVAN_TASK_LEASE_SECONDS`` and ``DANVAN_TASK_MAX_ATTEMPTS``). It shadows the library's command
because ``danvan.core`` comes before ``django_tasks_db`` in ``INSTALLED_APPS``.
"""

from __future__ import annotations

import datetime as dt
import os
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from danvan.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = "Run the background worker: reconnects when the database goes away, reclaims abandoned tasks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--lease", type=int, default=getattr(settings, "DANVAN_TASK_LEASE_SECONDS", 900),
                            help="Seconds after which a RUNNING task is taken as abandoned (default: %(default)s)")  # fmt: skip
        parser.add_argument("--max-attempts", type=int, default=getattr(settings, "DANVAN_TASK_MAX_ATTEMPTS", 5),
                            help="Claims of one task before it is failed (default: %(default)s)")  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        if options["lease"] < 1 or options["max_attempts"] < 1:
            raise CommandError("--lease and --max-attempts must be at least 1")
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names, interval=options["interval"], batch=options["batch"],
            backend_name=options["backend_name"], startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"], worker_id=options["worker_id"], excluded_queue_names=excluded,
            lease=dt.timedelta(seconds=options["lease"]), max_attempts=options["max_attempts"],
        )  # fmt: skip
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
