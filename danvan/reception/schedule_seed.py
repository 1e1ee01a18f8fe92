"""The first content of the schedule table (spec §3.1): how often each head must receive citizens,
per regime, with its legal basis and confidence mark. Migration 0002 seeds ``ScheduleRule`` from
these rows; after that the database rows are the truth and operators correct [S]/[U] rows there.

Pure: no Django.
"""

from __future__ import annotations

import datetime as dt

from danvan.reception.enums import HeadKind, Level, Per
from danvan.reception.rules import R2026_FROM, Frequency

R2014_FROM = dt.date(2014, 7, 1)  # Luật Tiếp công dân 42/2013/QH13
R2025_FROM = dt.date(2025, 7, 1)  # two-tier local government: no district level
QD11_FROM = dt.date(2019, 2, 18)  # Quy định 11-QĐi/TW
KL215_FROM = dt.date(2025, 11, 28)  # Kết luận 215 (date of the press report; to check against the text)
DAY = dt.timedelta(days=1)

CARRIED = "Giữ mức cũ: chưa đọc được toàn văn Luật 136/2025/QH15 — cần đối chiếu Công báo."


def _row(
    head_kind: HeadKind,
    level: Level,
    regime: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    count: int,
    per: Per,
    deputy: bool,
    basis: str,
    confidence: str,
) -> Frequency:
    return Frequency(head_kind, level, regime, valid_from, valid_to, count, per, deputy, basis, confidence)


ROWS: tuple[Frequency, ...] = (
    # Chủ tịch UBND cấp tỉnh, at the provincial reception office
    _row(
        HeadKind.UBND_CHAIR,
        Level.PROVINCE,
        "R2014",
        R2014_FROM,
        R2026_FROM - DAY,
        1,
        Per.MONTH,
        True,
        "Luật Tiếp công dân 2013, Điều 12 khoản 5",
        "V",
    ),
    _row(
        HeadKind.UBND_CHAIR,
        Level.PROVINCE,
        "R2026",
        R2026_FROM,
        None,
        1,
        Per.MONTH,
        False,
        "Luật Tiếp công dân (sửa đổi bởi Luật 136/2025/QH15). " + CARRIED,
        "U",
    ),
    # Chủ tịch UBND cấp huyện: the tier ended on 30/6/2025
    _row(
        HeadKind.UBND_CHAIR,
        Level.DISTRICT,
        "R2014",
        R2014_FROM,
        R2025_FROM - DAY,
        2,
        Per.MONTH,
        True,
        "Luật Tiếp công dân 2013, Điều 13 khoản 5",
        "V",
    ),
    # Chủ tịch UBND cấp xã, at the commune office
    _row(
        HeadKind.UBND_CHAIR,
        Level.COMMUNE,
        "R2014",
        R2014_FROM,
        R2026_FROM - DAY,
        1,
        Per.WEEK,
        True,
        "Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d",
        "V",
    ),
    _row(
        HeadKind.UBND_CHAIR,
        Level.COMMUNE,
        "R2026",
        R2026_FROM,
        None,
        2,
        Per.MONTH,
        False,
        "Luật Tiếp công dân (sửa đổi bởi Luật 136/2025/QH15): ít nhất 02 ngày trong 01 tháng",
        "S",
    ),
    # Heads of other state administrative agencies (sở, ngành …)
    _row(
        HeadKind.AGENCY_HEAD,
        Level.ANY,
        "R2014",
        R2014_FROM,
        R2026_FROM - DAY,
        1,
        Per.MONTH,
        True,
        "Luật Tiếp công dân 2013, Điều 18 khoản 2",
        "V",
    ),
    _row(
        HeadKind.AGENCY_HEAD,
        Level.ANY,
        "R2026",
        R2026_FROM,
        None,
        1,
        Per.MONTH,
        False,
        "Luật Tiếp công dân (sửa đổi bởi Luật 136/2025/QH15). " + CARRIED,
        "U",
    ),
    # Heads of public service units (NĐ 154/2026 sets 1 day a month for them)
    _row(
        HeadKind.SERVICE_UNIT_HEAD,
        Level.ANY,
        "R2026",
        R2026_FROM,
        None,
        1,
        Per.MONTH,
        False,
        "Nghị định 154/2026/NĐ-CP",
        "S",
    ),
    # Party committee heads: Quy định 11-QĐi/TW, then Kết luận 215 (tỉnh and xã only)
    _row(
        HeadKind.PARTY_SECRETARY,
        Level.PROVINCE,
        "QD11",
        QD11_FROM,
        KL215_FROM - DAY,
        1,
        Per.MONTH,
        True,
        "Quy định 11-QĐi/TW ngày 18/02/2019",
        "S",
    ),
    _row(
        HeadKind.PARTY_SECRETARY,
        Level.DISTRICT,
        "QD11",
        QD11_FROM,
        R2025_FROM - DAY,
        1,
        Per.MONTH,
        True,
        "Quy định 11-QĐi/TW ngày 18/02/2019",
        "S",
    ),
    _row(
        HeadKind.PARTY_SECRETARY,
        Level.COMMUNE,
        "QD11",
        QD11_FROM,
        KL215_FROM - DAY,
        2,
        Per.MONTH,
        True,
        "Quy định 11-QĐi/TW ngày 18/02/2019",
        "S",
    ),
    _row(
        HeadKind.PARTY_SECRETARY,
        Level.PROVINCE,
        "KL215",
        KL215_FROM,
        None,
        1,
        Per.MONTH,
        True,
        "Kết luận 215-KL/TW (11/2025) sửa đổi Quy định 11-QĐi/TW",
        "S",
    ),
    _row(
        HeadKind.PARTY_SECRETARY,
        Level.COMMUNE,
        "KL215",
        KL215_FROM,
        None,
        2,
        Per.MONTH,
        True,
        "Kết luận 215-KL/TW (11/2025) sửa đổi Quy định 11-QĐi/TW",
        "S",
    ),
)
