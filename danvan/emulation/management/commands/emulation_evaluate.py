"""`danvan emulation_evaluate --year 2025 --as <username> [--organization ID ...]`: compute the proposed
yearly dân vận evaluation of the units the user may run it for (all of them, or those named). Confirmed
evaluations are left as they are; many units go to the task queue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.errors import DomainError, PermissionDenied
from danvan.emulation.selectors import evaluation as selectors
from danvan.emulation.services import evaluation as services
from danvan.org.models import User


class Command(BaseCommand):
    help = "Compute the proposed yearly dân vận evaluation of units (confirmed ones are left as they are)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--as", dest="username", required=True, help="the dân vận officer running it")
        parser.add_argument("--organization", type=int, action="append", dest="organizations", default=None)

    def handle(self, *args: Any, year: int, username: str, organizations: list[int] | None, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        units = selectors.organizations_for_run(user, organizations)
        try:
            result = services.evaluation_run(user=user, organizations=units, year=year)
        except (DomainError, PermissionDenied) as exc:
            raise CommandError(f"{exc.code}: {exc}") from exc
        self.stdout.write(f"computed={result.computed} frozen={result.frozen} queued={result.queued}")
