"""`danvan reception_sessions --from YYYY-MM-DD --to YYYY-MM-DD [--body CODE]`: generate the reception
calendar from the heads' duties and the frequency table (idempotent: running it again makes nothing)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.errors import DomainError
from danvan.org.models import Organization
from danvan.reception.services.schedule import sessions_generate


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"không phải ngày dạng YYYY-MM-DD: {text!r}") from error


class Command(BaseCommand):
    help = "Generate the regular reception sessions of every head's duty between two days (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--body", default="", help="only this body's duties (its code)")

    def handle(self, *args: Any, **options: Any) -> None:
        date_from, date_to = _day(options["date_from"]), _day(options["date_to"])
        organization = None
        if options["body"]:
            organization = Organization.objects.filter(code=options["body"]).first()
            if organization is None:
                raise CommandError(f"không có cơ quan mã {options['body']!r}")
        try:
            result = sessions_generate(actor=None, date_from=date_from, date_to=date_to, organization=organization)
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(f"Đã tạo {result.made} buổi tiếp công dân ({result.existing} buổi đã có; "
                          f"{result.duties} nhiệm vụ tiếp dân).")  # fmt: skip
