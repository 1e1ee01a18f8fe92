"""`danvan generate`: fill the database with realistic generated data, check it, or remove it.

danvan generate --cases 100000 --seed 1 --provinces 46,1,79 --start 2025-07-01 --end 2026-11-23
danvan generate --check
danvan generate --purge
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.errors import DomainError
from danvan.synthetic import checks, services


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ (viết YYYY-MM-DD): {value}") from exc


def _provinces(value: str) -> tuple[int, ...] | None:
    if value.strip().lower() in {"", "all", "tat-ca"}:
        return None
    try:
        return tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError as exc:
        raise CommandError(f"Mã tỉnh phải là số, cách nhau bởi dấu phẩy: {value}") from exc


class Command(BaseCommand):
    help = "Sinh dữ liệu thực tế ở quy mô lớn (hồ sơ, cơ quan, cán bộ, đánh giá), kiểm tra hoặc xóa dữ liệu đã sinh."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, help="số hồ sơ cần sinh")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định 1)")
        parser.add_argument("--provinces", default="all", help="mã tỉnh, thành phố hiện hành, vd. 46,1,79; hoặc all")
        parser.add_argument(
            "--start", type=_date, default=services.DEFAULT_START, help="ngày đầu (mặc định 2025-07-01)"
        )
        parser.add_argument("--end", type=_date, help="ngày chốt số liệu (mặc định hôm nay)")
        parser.add_argument("--ratings-share", type=float, default=0.6,
                            help="tỷ lệ hồ sơ đã trả lời được người dân đánh giá (mặc định 0.6)")  # fmt: skip
        parser.add_argument("--campaign-responses", type=int,
                            help="số phiếu khảo sát SIPAS (mặc định: số hồ sơ / 20)")  # fmt: skip
        parser.add_argument("--citizens", type=int, help="số tài khoản công dân (mặc định: số hồ sơ / 25)")
        parser.add_argument("--chunk", type=int, default=50_000, help="số hồ sơ mỗi lần ghi (mặc định 50000)")
        parser.add_argument("--workers", type=int,
                            help="số tiến trình sinh dữ liệu song song (mặc định 2 từ 100000 hồ sơ, 0 nếu ít hơn)")  # fmt: skip
        parser.add_argument("--append", action="store_true", help="thêm vào dữ liệu sinh đã có")
        parser.add_argument("--purge", action="store_true", help="xóa toàn bộ dữ liệu sinh tự động")
        parser.add_argument("--check", action="store_true", help="chỉ kiểm tra dữ liệu đã sinh bằng mã của ứng dụng")
        parser.add_argument("--no-check", action="store_true", help="không kiểm tra sau khi sinh")
        parser.add_argument("--no-snapshots", action="store_true", help="không tính lại chỉ số hài lòng")
        parser.add_argument("--quiet", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["purge"]:
                removed = services.dataset_purge()
                total = sum(removed.values())
                self.stdout.write(f"Đã xóa {total:,} dòng dữ liệu sinh tự động:")
                for name, count in sorted(removed.items()):
                    self.stdout.write(f"  {name}: {count:,}")
                if options["cases"] is None:
                    return
            if options["check"] and options["cases"] is None:
                self._check()
                return
            if options["cases"] is None:
                raise CommandError("Cần --cases N (hoặc --purge, --check).")
            report = services.dataset_generate(
                services.GenerateOptions(
                    cases=options["cases"], seed=options["seed"], provinces=_provinces(options["provinces"]),
                    start=options["start"], end=options["end"], ratings_share=options["ratings_share"],
                    campaign_responses=options["campaign_responses"], citizens=options["citizens"],
                    append=options["append"], chunk=options["chunk"], snapshots=not options["no_snapshots"],
                    progress=not options["quiet"], workers=options["workers"],
                ),
                stream=cast(TextIO, getattr(self.stderr, "_out", sys.stderr)),
            )  # fmt: skip
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self._summary(report)
        if not options["no_check"]:
            self._check()

    def _summary(self, report: services.GenerateReport) -> None:
        write = self.stdout.write
        stats = report.stats
        cases = report.rows.get("cases_case", 0)
        write(f"Đã sinh {cases:,} hồ sơ (hạt giống {report.seed}, {report.start:%d/%m/%Y}–{report.end:%d/%m/%Y}, "
              f"{len(report.provinces)} tỉnh/thành phố) trong {report.timings['total']:.1f} giây.")  # fmt: skip
        for name, count in sorted(report.rows.items()):
            write(f"  {name}: {count:,}")
        rows = sum(report.rows.values())
        seconds = report.timings.get("cases_wall", 0) + report.timings.get("campaigns", 0)
        if seconds:
            write(f"  tốc độ: {cases / max(report.timings.get('cases_wall', 1e-9), 1e-9):,.0f} hồ sơ/giây, "
                  f"{rows / seconds:,.0f} dòng/giây")  # fmt: skip
        for name, seconds in report.timings.items():
            write(f"  thời gian {name}: {seconds:.1f} giây")
        write(f"  lần gọi bộ tính thời hạn: {report.deadline_calls:,}; danh tính tố cáo niêm phong: {stats.sealed:,}")
        if stats.open_cases:
            write(f"  hồ sơ đang mở: {stats.open_cases:,}, quá hạn: {stats.overdue:,} "
                  f"({stats.overdue / stats.open_cases:.1%})")  # fmt: skip
        write(f"  tách đơn: {stats.split:,}; khiếu nại lần hai: {stats.round_2:,}")
        if report.snapshots:
            write(f"  chỉ số đã lưu: {sum(report.snapshots.values()):,}")
        write("  trạng thái theo loại đơn:")
        for (track, status), count in sorted(report.stats.by_track_status.items()):
            write(f"    {track:<15} {status:<13} {count:>9,}")

    def _check(self) -> None:
        result = checks.dataset_check()
        write = self.stdout.write
        write(f"Kiểm tra {result.sample:,} hồ sơ ngẫu nhiên bằng mã của ứng dụng:")
        write(f"  hộp hồ sơ của lãnh đạo {result.inbox_body}: {result.inbox_total:,} hồ sơ, trang đầu "
              f"{result.inbox_first_page} dòng ({result.inbox_seconds * 1000:.0f} ms)")  # fmt: skip
        write(f"  case_allowed_actions: {result.actions_checked:,} hồ sơ, không lỗi")
        write(f"  thời hạn tính lại khác đã lưu: {len(result.deadline_mismatches)}; thiếu hạn: {len(result.missing_due)}; "
              f"bộ tính thời hạn từ chối (như ứng dụng): {len(result.engine_refusals)}")  # fmt: skip
        write(f"  search_text khác fold(): {len(result.search_mismatches)}; dòng thời gian sai quy trình: "
              f"{len(result.replay_failures)}; danh tính tố cáo lỗi: {len(result.identity_failures)}")  # fmt: skip
        if result.open_cases:
            write(
                f"  đang mở {result.open_cases:,}, quá hạn {result.overdue:,} ({result.overdue / result.open_cases:.1%})"
            )
        for problem in (result.deadline_mismatches + result.missing_due + result.search_mismatches
                        + result.replay_failures + result.identity_failures)[:10]:  # fmt: skip
            write(f"    {problem}")
        if not result.ok:
            raise CommandError("Dữ liệu sinh chưa đạt kiểm tra.")
