"""A disclosure world: the usual democracy world, on a day after the 2026 holidays of 30/4 and 1/5."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from PIL import Image

from danvan.core.clock import VIETNAM
from danvan.democracy.enums import DisclosureItem
from danvan.democracy.services import disclosures as services

TODAY = dt.date(2026, 6, 15)  # a Monday


@pytest.fixture
def today() -> Iterator[dt.date]:
    with time_machine.travel(dt.datetime(2026, 6, 15, 9, 0, tzinfo=VIETNAM), tick=False):
        yield TODAY


def record(world: Any, *, item: int = DisclosureItem.BUDGET, title: str = "Dự toán ngân sách 2026",
           decided_on: dt.date = dt.date(2026, 4, 28), actor: Any = None, **fields: Any) -> Any:  # fmt: skip
    data = services.DisclosureInput(item=item, title=title, decided_on=decided_on, **fields)
    return services.disclosure_record(actor=actor or world.handler, commune=world.commune, data=data)


def jpeg(exif_gps: bool = False) -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (16.0, 28.0, 0.0), 3: "E", 4: (107.0, 35.0, 0.0)}  # GPSInfo
        image.save(out, "JPEG", exif=exif)
    else:
        image.save(out, "JPEG")
    return out.getvalue()
