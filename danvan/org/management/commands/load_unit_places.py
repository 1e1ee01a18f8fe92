"""`danvan load-unit-places`: the communes' points shipped with the project, and boundaries from a file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.org import geo, places


class Command(BaseCommand):
    help = (
        "Load the representative point of every current province and commune (shipped with the project) and, "
        "optionally, commune boundaries from a GeoJSON file. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--boundaries", type=Path, help="GeoJSON FeatureCollection of commune polygons")
        parser.add_argument("--code-property", default="ma_xa", help="the feature property holding the GSO code")
        parser.add_argument("--source", default="", help="where the boundaries come from (kept with each row)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = places.unit_places_load()
        self.stdout.write(
            f"Điểm đại diện của đơn vị hành chính: thêm {report.created}, cập nhật {report.updated}, "
            f"không đổi {report.unchanged}."
        )
        if report.missing_units:
            self.stdout.write(
                f"Không có đơn vị tương ứng (chạy `danvan load-units` trước?): {len(report.missing_units)}"
            )
        path = options.get("boundaries")
        if path is None:
            return
        try:
            data = places.unit_boundaries_read(path)
            bounds = places.unit_boundaries_load(
                geojson=data, code_property=options["code_property"], source=options["source"] or path.name
            )
        except (OSError, ValueError, geo.GeometryError) as exc:
            raise CommandError(f"Không đọc được ranh giới từ {path}: {exc}") from exc
        self.stdout.write(f"Ranh giới xã, phường: thêm {bounds.created}, cập nhật {bounds.updated}, "
                          f"không đổi {bounds.unchanged}.")  # fmt: skip
        for problem in bounds.missing_units[:20]:
            self.stdout.write(f"  Bỏ qua đối tượng {problem}")
