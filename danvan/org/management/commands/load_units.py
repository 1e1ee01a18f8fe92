from typing import Any

from django.core.management.base import BaseCommand

from danvan.org import services, units_source


class Command(BaseCommand):
    help = "Load or refresh the administrative units (2025 and pre-2025) from the vietnam-provinces package."

    def handle(self, *args: Any, **options: Any) -> None:
        report = services.units_load()
        self.stdout.write(f"Nguồn dữ liệu: {units_source.data_version()}")
        labels = {
            "2025/province": "Tỉnh/thành phố (từ 1/7/2025)",
            "2025/commune": "Xã/phường/đặc khu (từ 1/7/2025)",
            "legacy/province": "Tỉnh/thành phố (trước 1/7/2025)",
            "legacy/district": "Quận/huyện (trước 1/7/2025)",
            "legacy/commune": "Xã/phường/thị trấn (trước 1/7/2025)",
        }
        for key, label in labels.items():
            self.stdout.write(f"  {label}: {report.counts[key]:,}".replace(",", "."))
        self.stdout.write(
            f"Thêm mới {report.created}, cập nhật {report.updated}, không đổi {report.unchanged}; "
            f"quan hệ kế thừa: thêm {report.successions_created}, sửa {report.successions_updated}, "
            f"bỏ {report.successions_removed}."
        )
        if report.successions_skipped:
            self.stdout.write(
                f"Bỏ qua {len(report.successions_skipped)} dòng chuyển đổi có mã xã cũ không có trong danh sách "
                f"đơn vị cũ của gói dữ liệu: "
                + ", ".join(str(code) for _era, _level, code in report.successions_skipped)
            )
        self.stdout.write(self.style.SUCCESS("Xong." if report.changed else "Không có thay đổi."))
