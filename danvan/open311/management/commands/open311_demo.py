"""`danvan open311_demo`: the demo's Open311 services and partner key (run by `danvan demo`).

A command, not an import, because the demo lives in ``web`` and the interfaces do not import each other.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from danvan.open311.demo import demo_open311_seed


class Command(BaseCommand):
    help = "Publish the demo's Open311 services and print a partner key a GeoReport v2 client can use."

    def handle(self, *args: Any, **options: Any) -> None:
        seeded = demo_open311_seed(settings.DANVAN_DEMO_PROVINCE_CODE)
        self.stdout.write(f"Open311 GeoReport v2: {seeded.services} dịch vụ tại /open311/v2/services.json")
        if seeded.key:
            self.stdout.write(f"  api_key của đối tác demo (đối tác tự xin sự đồng ý, không cần attribute[consent]): "
                              f"{seeded.key}")  # fmt: skip
