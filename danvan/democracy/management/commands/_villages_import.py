"""What `danvan democracy-import-villages` and `democracy-import-households` share: read the file, run the
same service as the operator named by ``--actor``, print the report (bad rows with line and column)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core import tabular
from danvan.core.errors import DomainError
from danvan.democracy.services import villages as services
from danvan.org.models import User


class ImportCommand(BaseCommand):
    which = "villages"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument("--actor", required=True, help="the username of the operator the import acts as")
        parser.add_argument("--dry-run", action="store_true", help="check the file and count, store nothing")
        parser.add_argument("--reason", default="", help="kept in the audit log")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["actor"], is_active=True).first()
        if actor is None:
            raise CommandError(f"Không có tài khoản đang hoạt động tên {options['actor']}.")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from None
        try:
            rows = services.file_rows(path.name, data, which=self.which)
        except tabular.FileError as exc:
            raise CommandError(f"Tệp không đọc được: {exc}") from None
        run = services.villages_import if self.which == "villages" else services.households_import
        try:
            report = run(actor=actor, rows=rows, dry_run=options["dry_run"], reason=options["reason"])
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from None
        if not report.ok:
            for e in report.errors:
                self.stderr.write(f"dòng {e.line}, cột {e.column or '—'} [{e.code}]: {e.message}")
            raise CommandError(f"{len(report.errors)} lỗi — không lưu gì.")
        verb = "Kiểm tra xong (không lưu)" if report.dry_run else "Đã nhập"
        self.stdout.write(f"{verb}: {report.created} mới, {report.updated} thay đổi, {report.unchanged} không đổi.")
