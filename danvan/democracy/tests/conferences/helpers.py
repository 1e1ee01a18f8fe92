"""Rows the conference tests start from: decided matters made directly (the decisions part builds them
through its own services; these tests only need their state)."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from danvan.democracy.enums import DecisionItem, MatterStatus, Proposer, Scope
from danvan.democracy.models import Matter
from danvan.democracy.services import conferences as services

_serial = count(1)

REPORTS = [
    services.ReportInput("village_head", "Tình hình tổ dân phố năm 2026", "Giữ vững an ninh trật tự."),
    services.ReportInput("front", "Thực hiện dân chủ ở cơ sở", "Công khai đúng hạn."),
    services.ReportInput("ttnd", "Kết quả giám sát", "Không phát hiện sai phạm."),
]


def matter(w: Any, *, village: Any = "own", status: str = MatterStatus.PASSED, decided_on: dt.date | None = None,
           scope: str = Scope.VILLAGE, title: str = "Bê tông hóa kiệt 7", commune: Any = None) -> Matter:  # fmt: skip
    v = w.village if village == "own" else village
    n = next(_serial)
    return Matter.objects.create(
        code=f"QD-T{n:04d}", commune=commune or (v.commune if v else w.commune), organization=w.phuong,
        village=v if scope == Scope.VILLAGE else None, scope=scope, item=DecisionItem.INFRASTRUCTURE_CONTRIBUTION,
        title=title, content="Nội dung", proposer=Proposer.VILLAGE_HEAD, proposed_on=dt.date(2026, 3, 1),
        status=status, decided_on=decided_on or dt.date(2026, 4, 1),
    )  # fmt: skip


def record(w: Any, *, actor: Any = None, village: Any = None, year: int = 2026, held_on: dt.date | None = None,
           present: int = 7, items: list[Any] | None = None, reports: list[Any] | None = None, **kw: Any) -> Any:  # fmt: skip
    return services.conference_record(
        actor=actor or w.village_head, village=village or w.village, year=year,
        held_on=held_on or dt.date(year, 12, 20), chaired_by=kw.pop("chaired_by", "Nguyễn Văn Tổ"), present=present,
        record=kw.pop("record", "Hội nghị thống nhất các nội dung."), reports=REPORTS if reports is None else reports,
        items=items or [],
    )  # fmt: skip
