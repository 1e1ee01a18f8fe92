"""The drafts part's tests run on a fixed Monday (15/06/2026), before the world is made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from danvan.consultations import choices
from danvan.consultations.services import drafts as services
from danvan.core.clock import VIETNAM

TODAY = dt.date(2026, 6, 15)

MARKET = """QUYẾT ĐỊNH
Ban hành Phương án di dời chợ Phú Xuân
Điều 1. Phạm vi
Di dời chợ tạm về bãi đất đường Lê Lợi.
Điều 2. Bố trí sạp
Bốc thăm vị trí sạp.
Điều 3. Hỗ trợ
Miễn phí 6 tháng.
"""


@pytest.fixture(autouse=True)
def today(request: Any) -> Iterator[dt.date]:
    if request.node.get_closest_marker("browser"):
        from danvan.core import clock

        yield clock.today()
        return
    with time_machine.travel(dt.datetime(2026, 6, 15, 9, 0, tzinfo=VIETNAM), tick=False):
        yield TODAY


def data_for(w: Any, **fields: Any) -> services.ConsultationInput:
    """A valid input: the ward's People's Committee consults the ward openly for two weeks from tomorrow."""
    values: dict[str, Any] = {
        "organization": w.d.phuong, "place": w.d.commune, "item": choices.Item.SOCIO_ECONOMIC_PLAN,
        "title": "Phương án di dời chợ Phú Xuân", "summary": "Di dời chợ tạm trong 18 tháng.",
        "audience": choices.Audience.COMMUNE, "verification": choices.Verification.OPEN,
        "channels": [choices.Channel.PLATFORM.value], "opens_on": TODAY + dt.timedelta(days=1),
        "closes_on": TODAY + dt.timedelta(days=14),
    }  # fmt: skip
    values.update(fields)
    return services.ConsultationInput(**values)


def create(w: Any, actor: Any = None, text: str = MARKET, **fields: Any) -> Any:
    return services.consultation_create(actor=actor or w.d.handler, data=data_for(w, **fields), text=text)
