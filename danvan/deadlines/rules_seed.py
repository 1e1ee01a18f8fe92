"""The first content of the rule table: every time limit of spec §1.3, §2.2–2.3, §3.3, §4.1–4.2 and
the publication and recognition periods of §5, with its legal basis and confidence mark.

This module seeds the database (migration 0002) and feeds the pure tests. After seeding, the
database rows are the truth: operators correct [S] and [U] rows there, audited. Rows the spec gives
for "R2014/R2025" are repeated for R2026 with a note when Luật 136/2025/QH15, whose full text has not
been read (spec §0.1), may have changed them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from enum import Enum
from typing import Any

from danvan.deadlines.rules import (
    Condition,
    Confidence,
    Kind,
    Reading,
    Regime,
    Rule,
    TransferEffect,
    Unit,
)

V, S, U = Confidence.VERIFIED, Confidence.SECONDARY, Confidence.UNVERIFIED
DAYS, WORKING, TIMES = Unit.CALENDAR_DAY, Unit.WORKING_DAY, Unit.OCCURRENCE
YES, NO = Condition.YES, Condition.NO
ALL = (Regime.R2014, Regime.R2025, Regime.R2026)
BEFORE_2026 = (Regime.R2014, Regime.R2025)
ONLY_2026 = (Regime.R2026,)

KHIEU_NAI = "khieu_nai"
KHIEU_NAI_KY_LUAT = "khieu_nai_ky_luat"
TO_CAO = "to_cao"
TIEP_CONG_DAN = "tiep_cong_dan"
PAKN = "pakn"
DAN_CHU_CO_SO = "dan_chu_co_so"

PROCEDURES = (KHIEU_NAI, KHIEU_NAI_KY_LUAT, TO_CAO, TIEP_CONG_DAN, PAKN, DAN_CHU_CO_SO)

# In force: Luật Khiếu nại 02/2011/QH13 from 01/07/2012; Luật Tiếp công dân 42/2013/QH13 from
# 01/07/2014; Luật Tố cáo 25/2018/QH14 from 01/01/2019; NĐ 20/2008/NĐ-CP from 03/03/2008; Luật Thực
# hiện dân chủ ở cơ sở 10/2022/QH15 from 01/07/2023; NĐ 154–156/2026/NĐ-CP from 01/07/2026.
LUAT_KN_FROM = dt.date(2012, 7, 1)
LUAT_TCD_FROM = dt.date(2014, 7, 1)
LUAT_TC_FROM = dt.date(2019, 1, 1)
ND20_FROM = dt.date(2008, 3, 3)
LUAT_DCCS_FROM = dt.date(2023, 7, 1)
R2026_FROM = dt.date(2026, 7, 1)

CARRIED_2026 = (
    "Áp dụng tiếp từ 01/07/2026 theo giá trị cũ: chưa đọc được toàn văn Luật 136/2025/QH15 "
    "(sửa đổi Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo), cần đối chiếu Công báo."
)

_ROWS: list[dict[str, Any]] = []


def _add(*, regimes: tuple[Regime, ...], carry_note: bool = True, **fields: Any) -> None:
    for regime in regimes:
        row = dict(fields, regime=regime)
        if regime is Regime.R2026 and carry_note and Regime.R2014 in regimes:
            row["note"] = " ".join(part for part in (fields.get("note", ""), CARRIED_2026) if part)
        _ROWS.append(row)


# §1.2–1.3 Khiếu nại (Luật Khiếu nại 2011) ---------------------------------------------------------

_add(
    regimes=ALL, procedure=KHIEU_NAI, step="thoi_hieu", label="Thời hiệu khiếu nại",
    kind=Kind.WITHIN, period=90, unit=DAYS,
    trigger="ngày nhận được quyết định hành chính hoặc biết được quyết định, hành vi hành chính",
    legal_basis="Điều 9 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.9", confidence=V,
    effective_from=LUAT_KN_FROM,
    note="Thời gian ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa hoặc trở ngại khách quan "
    "khác không tính vào thời hiệu: nhập như một lần tạm dừng.",
)  # fmt: skip
for _step, _article, _which in (("thu_ly_lan_1", 27, "lần đầu"), ("thu_ly_lan_2", 36, "lần hai")):
    _add(
        regimes=BEFORE_2026, procedure=KHIEU_NAI, step=_step,
        label=f"Thụ lý giải quyết khiếu nại {_which}; thông báo thụ lý hoặc không thụ lý (nêu lý do) cho "
        "người khiếu nại, cơ quan chuyển đơn và thanh tra cùng cấp",
        kind=Kind.WITHIN, period=10, unit=DAYS, trigger="ngày nhận được khiếu nại thuộc thẩm quyền",
        legal_basis=f"Điều {_article} Luật Khiếu nại 2011", source=f"PĐ 18.1.LQ.{_article}", confidence=V,
        alt_period=10, alt_unit=WORKING,
        alt_legal_basis="Điều 5 Thông tư 07/2013/TT-TTCP, sửa đổi bởi Thông tư 02/2016/TT-TTCP",
        alt_confidence=V, reading=Reading.STRICTER, on_transfer=TransferEffect.RESTART,
        effective_from=LUAT_KN_FROM,
        note="Luật ghi 10 ngày; văn bản hướng dẫn ghi 10 ngày làm việc (spec §0.2): mặc định lấy hạn sớm hơn.",
    )  # fmt: skip
    _add(
        regimes=ONLY_2026, procedure=KHIEU_NAI, step=_step,
        label=f"Thụ lý giải quyết khiếu nại {_which}; thông báo thụ lý hoặc không thụ lý (nêu lý do) cho "
        "người khiếu nại, cơ quan chuyển đơn và thanh tra cùng cấp",
        kind=Kind.WITHIN, period=7, unit=WORKING, trigger="ngày nhận được khiếu nại thuộc thẩm quyền",
        legal_basis="Khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Điều 10 Nghị định 155/2026/NĐ-CP",
        source="M26 (chỉ một nguồn, cần đối chiếu Công báo)", confidence=S,
        alt_period=10, alt_unit=DAYS,
        alt_legal_basis=f"Điều {_article} Luật Khiếu nại 2011",
        alt_confidence=U, reading=Reading.STRICTER, on_transfer=TransferEffect.RESTART,
        effective_from=R2026_FROM,
        note="Chưa rõ Luật 136/2025/QH15 có sửa thời hạn 10 ngày của Luật hay không: lưu cả hai cách tính, "
        "mặc định lấy hạn sớm hơn. Khiếu nại đông người chỉ được thụ lý khi tất cả người khiếu nại đã ký và có văn bản cử người "
        "đại diện.",
    )  # fmt: skip
for _complex, _remote, _days in ((NO, NO, 30), (YES, NO, 45), (NO, YES, 45), (YES, YES, 60)):
    _add(
        regimes=ALL, procedure=KHIEU_NAI, step="giai_quyet_lan_1", label="Giải quyết khiếu nại lần đầu",
        kind=Kind.WITHIN, period=_days, unit=DAYS, complex_case=_complex, remote_area=_remote,
        trigger="ngày thụ lý", legal_basis="Điều 28 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.28",
        confidence=V, effective_from=LUAT_KN_FROM,
    )  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI, step="gui_quyet_dinh_lan_1",
    label="Gửi quyết định giải quyết khiếu nại lần đầu cho người khiếu nại, thủ trưởng cấp trên trực tiếp, "
    "người có quyền, nghĩa vụ liên quan, cơ quan chuyển đơn và thanh tra cùng cấp",
    kind=Kind.WITHIN, period=3, unit=WORKING,
    trigger="ngày ban hành quyết định giải quyết khiếu nại lần đầu",
    legal_basis="Điều 32 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.32", confidence=V, effective_from=LUAT_KN_FROM,
)  # fmt: skip
for _remote, _days in ((NO, 30), (YES, 45)):
    _add(
        regimes=ALL, procedure=KHIEU_NAI, step="khieu_nai_lan_2",
        label="Thời hạn để người khiếu nại khiếu nại lần hai hoặc khởi kiện vụ án hành chính",
        kind=Kind.WITHIN, period=_days, unit=DAYS, remote_area=_remote,
        trigger="ngày nhận được quyết định giải quyết khiếu nại lần đầu (hoặc ngày hết thời hạn giải quyết "
        "lần đầu mà khiếu nại không được giải quyết)",
        legal_basis="Điều 33 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.33", confidence=V,
        effective_from=LUAT_KN_FROM,
    )  # fmt: skip
for _complex, _remote, _days in ((NO, NO, 45), (YES, NO, 60), (NO, YES, 60), (YES, YES, 70)):
    _add(
        regimes=ALL, procedure=KHIEU_NAI, step="giai_quyet_lan_2", label="Giải quyết khiếu nại lần hai",
        kind=Kind.WITHIN, period=_days, unit=DAYS, complex_case=_complex, remote_area=_remote,
        trigger="ngày thụ lý", legal_basis="Điều 37 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.37",
        confidence=V, effective_from=LUAT_KN_FROM,
    )  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI, step="gui_quyet_dinh_lan_2",
    label="Gửi quyết định giải quyết khiếu nại lần hai",
    kind=Kind.WITHIN, period=7, unit=DAYS, trigger="ngày ban hành quyết định giải quyết khiếu nại lần hai",
    legal_basis="Điều 41 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.41", confidence=V,
    alt_period=7, alt_unit=WORKING, alt_legal_basis="Thông tư 11/2015/TT-BCA",
    alt_confidence=V, reading=Reading.STRICTER, effective_from=LUAT_KN_FROM,
    note="Luật ghi 07 ngày; thông tư ngành ghi 07 ngày làm việc: mặc định lấy hạn sớm hơn.",
)  # fmt: skip
for _step, _which in (("hieu_luc_lan_1", "lần đầu"), ("hieu_luc_lan_2", "lần hai")):
    for _remote, _days in ((NO, 30), (YES, 45)):
        _add(
            regimes=ALL, procedure=KHIEU_NAI, step=_step,
            label=f"Quyết định giải quyết khiếu nại {_which} có hiệu lực pháp luật"
            + (" (nếu không khiếu nại lần hai)" if _which == "lần đầu" else ""),
            kind=Kind.WITHIN, period=_days, unit=DAYS, remote_area=_remote,
            trigger=f"ngày ban hành quyết định giải quyết khiếu nại {_which}",
            legal_basis="Điều 44 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.44", confidence=V,
            effective_from=LUAT_KN_FROM,
            note="Quyết định có hiệu lực từ ngày tiếp theo ngày hết hạn và được thi hành ngay.",
        )  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI, step="cong_khai_thong_bao_hop",
    label="Công khai quyết định giải quyết khiếu nại lần hai tại cuộc họp: thông báo cho người tham dự",
    kind=Kind.BEFORE, period=3, unit=WORKING, trigger="ngày tổ chức cuộc họp công bố",
    legal_basis="Điều 22 Thông tư 07/2013/TT-TTCP", source="PĐ TT 07/2013 Điều 22", confidence=V,
    note="Việc Nghị định 124/2020/NĐ-CP giữ quy định này chưa được kiểm chứng [U].",
)  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI, step="cong_khai_niem_yet",
    label="Công khai quyết định giải quyết khiếu nại lần hai bằng niêm yết",
    kind=Kind.AT_LEAST, period=15, unit=DAYS, trigger="ngày niêm yết",
    legal_basis="Điều 22 Thông tư 07/2013/TT-TTCP", source="PĐ TT 07/2013 Điều 22", confidence=V,
    note="Việc Nghị định 124/2020/NĐ-CP giữ quy định này chưa được kiểm chứng [U].",
)  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI, step="cong_khai_dai_chung",
    label="Công khai quyết định giải quyết khiếu nại lần hai trên phương tiện thông tin đại chúng: ít nhất "
    "02 lần phát sóng (phát thanh, truyền hình) hoặc 02 số báo (báo viết, báo điện tử)",
    kind=Kind.REQUIREMENT, period=2, unit=TIMES, trigger="",
    legal_basis="Điều 22 Thông tư 07/2013/TT-TTCP", source="PĐ TT 07/2013 Điều 22", confidence=V,
    note="Việc Nghị định 124/2020/NĐ-CP giữ quy định này chưa được kiểm chứng [U].",
)  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI, step="cung_cap_tai_lieu",
    label="Cơ quan, tổ chức, cá nhân cung cấp thông tin, tài liệu, giải trình theo yêu cầu",
    kind=Kind.WITHIN, period=7, unit=DAYS, trigger="ngày nhận được yêu cầu",
    legal_basis="Luật Khiếu nại 2011", source="PĐ (văn bản Thông tư)", confidence=V,
    alt_period=7, alt_unit=WORKING, alt_legal_basis="Thông tư 07/2013/TT-TTCP", alt_confidence=V,
    reading=Reading.STRICTER, effective_from=LUAT_KN_FROM,
    note="Spec không ghi số điều: cần bổ sung điều, khoản khi đối chiếu văn bản.",
)  # fmt: skip
_add(
    regimes=ONLY_2026, procedure=KHIEU_NAI, step="thong_bao_doi_thoai",
    label="Thông báo thời gian, địa điểm đối thoại", kind=Kind.BEFORE, period=5, unit=DAYS,
    trigger="ngày đối thoại",
    legal_basis="Điều 11 Nghị định 155/2026/NĐ-CP (sửa đổi Nghị định 124/2020/NĐ-CP)",
    source="M26 (chưa đối chiếu Công báo)", confidence=S, effective_from=R2026_FROM,
)  # fmt: skip
_add(
    regimes=ONLY_2026, procedure=KHIEU_NAI, step="gui_quyet_dinh_tam_dinh_chi",
    label="Gửi quyết định tạm đình chỉ, đình chỉ hoặc tiếp tục giải quyết khiếu nại",
    kind=Kind.WITHIN, period=3, unit=WORKING, trigger="ngày ban hành quyết định",
    legal_basis="Điều 28b Nghị định 124/2020/NĐ-CP, bổ sung bởi Nghị định 155/2026/NĐ-CP",
    source="M26 (chưa đối chiếu Công báo)", confidence=S, effective_from=R2026_FROM,
)  # fmt: skip

# §1.2–1.3 Khiếu nại quyết định kỷ luật cán bộ, công chức (Luật Khiếu nại 2011, Chương IV) ----------

_add(
    regimes=ALL, procedure=KHIEU_NAI_KY_LUAT, step="thoi_hieu_lan_1",
    label="Thời hiệu khiếu nại quyết định kỷ luật lần đầu", kind=Kind.WITHIN, period=15, unit=DAYS,
    trigger="ngày nhận được quyết định kỷ luật", legal_basis="Điều 48 Luật Khiếu nại 2011",
    source="PĐ 18.1.LQ.48", confidence=V, effective_from=LUAT_KN_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI_KY_LUAT, step="thoi_hieu_lan_2",
    label="Thời hiệu khiếu nại quyết định kỷ luật lần hai", kind=Kind.WITHIN, period=10, unit=DAYS,
    trigger="ngày nhận được quyết định giải quyết khiếu nại lần đầu",
    legal_basis="Điều 48 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.48", confidence=V,
    effective_from=LUAT_KN_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI_KY_LUAT, step="thoi_hieu_lan_2_buoc_thoi_viec",
    label="Thời hiệu khiếu nại lần hai khi bị kỷ luật buộc thôi việc", kind=Kind.WITHIN, period=30, unit=DAYS,
    trigger="ngày nhận được quyết định giải quyết khiếu nại lần đầu",
    legal_basis="Điều 48 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.48", confidence=V,
    effective_from=LUAT_KN_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=KHIEU_NAI_KY_LUAT, step="thu_ly", label="Thụ lý khiếu nại quyết định kỷ luật",
    kind=Kind.WITHIN, period=10, unit=DAYS, trigger="ngày nhận được khiếu nại",
    legal_basis="Điều 50 Luật Khiếu nại 2011", source="PĐ 18.1.LQ.50", confidence=V,
    on_transfer=TransferEffect.RESTART, effective_from=LUAT_KN_FROM,
)  # fmt: skip
for _complex, _days in ((NO, 30), (YES, 45)):
    _add(
        regimes=ALL, procedure=KHIEU_NAI_KY_LUAT, step="giai_quyet",
        label="Giải quyết khiếu nại quyết định kỷ luật", kind=Kind.WITHIN, period=_days, unit=DAYS,
        complex_case=_complex, trigger="ngày thụ lý", legal_basis="Điều 50 Luật Khiếu nại 2011",
        source="PĐ 18.1.LQ.50", confidence=V, effective_from=LUAT_KN_FROM,
    )  # fmt: skip

# §2.1–2.3 Tố cáo (Luật Tố cáo 2018) ---------------------------------------------------------------

_add(
    regimes=ALL, procedure=TO_CAO, step="xu_ly_ban_dau",
    label="Xử lý ban đầu thông tin tố cáo: vào sổ, phân loại, xác minh họ tên, địa chỉ người tố cáo, "
    "quyết định thụ lý hoặc không thụ lý",
    kind=Kind.WITHIN, period=7, unit=WORKING, trigger="ngày nhận được tố cáo",
    legal_basis="Khoản 1 Điều 24 Luật Tố cáo 2018", source="PĐ 18.5.LQ.24", confidence=V,
    extension_period=3, max_extensions_normal=1, max_extensions_complex=1, max_extensions_especially_complex=1,
    extension_legal_basis="Khoản 1 Điều 24 Luật Tố cáo 2018",
    on_transfer=TransferEffect.RESTART, effective_from=LUAT_TC_FROM,
    note="Được kéo dài thêm (tổng không quá 10 ngày làm việc) khi cần kiểm tra, xác minh tại nhiều địa điểm "
    "hoặc phải ủy quyền: nhập như một lần gia hạn.",
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="chuyen_don",
    label="Chuyển tố cáo không thuộc thẩm quyền đến người có thẩm quyền và thông báo cho người tố cáo",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày nhận được tố cáo",
    legal_basis="Khoản 2 Điều 24 Luật Tố cáo 2018", source="PĐ 18.5.LQ.24", confidence=V,
    effective_from=LUAT_TC_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="thong_bao_thu_ly",
    label="Thông báo việc thụ lý cho người tố cáo và nội dung tố cáo cho người bị tố cáo",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày ra quyết định thụ lý tố cáo",
    legal_basis="Khoản 3 Điều 29 Luật Tố cáo 2018", source="PĐ 18.5.LQ.29", confidence=V,
    effective_from=LUAT_TC_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="giai_quyet", label="Giải quyết tố cáo",
    kind=Kind.WITHIN, period=30, unit=DAYS, trigger="ngày thụ lý tố cáo",
    legal_basis="Khoản 1 Điều 30 Luật Tố cáo 2018", source="PĐ 18.5.LQ.30", confidence=V,
    extension_period=30, max_extensions_normal=0, max_extensions_complex=1, max_extensions_especially_complex=2,
    extension_legal_basis="Khoản 2, 3 Điều 30 Luật Tố cáo 2018", effective_from=LUAT_TC_FROM,
    note="Vụ việc phức tạp được gia hạn 01 lần, đặc biệt phức tạp 02 lần, mỗi lần không quá 30 ngày.",
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="quyet_dinh_gia_han",
    label="Quyết định gia hạn giải quyết tố cáo bằng văn bản (Mẫu 01 Nghị định 31/2019/NĐ-CP), gửi người tố "
    "cáo, người bị tố cáo và cơ quan, tổ chức, cá nhân có liên quan",
    kind=Kind.REQUIREMENT, period=None, unit=None, trigger="",
    legal_basis="Khoản 4 Điều 30 Luật Tố cáo 2018; Khoản 4 Điều 3 Nghị định 31/2019/NĐ-CP",
    source="PĐ 18.5.LQ.30; 18.5.NĐ.4.3", confidence=V, effective_from=LUAT_TC_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="gui_ket_luan",
    label="Gửi kết luận nội dung tố cáo cho người bị tố cáo, cơ quan quản lý người bị tố cáo; thông báo cho "
    "người tố cáo",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày ban hành kết luận nội dung tố cáo",
    legal_basis="Khoản 3 Điều 35 Luật Tố cáo 2018", source="PĐ 18.5.LQ.35", confidence=V,
    effective_from=LUAT_TC_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="cong_khai_ket_luan",
    label="Công khai kết luận nội dung tố cáo, quyết định xử lý hành vi vi phạm (không tiết lộ người tố cáo)",
    kind=Kind.WITHIN, period=7, unit=WORKING,
    trigger="ngày ban hành kết luận nội dung tố cáo hoặc quyết định xử lý",
    legal_basis="Điều 40 Luật Tố cáo 2018", source="PĐ 18.5.LQ.40", confidence=V, effective_from=LUAT_TC_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="gui_quyet_dinh_tam_dinh_chi",
    label="Gửi quyết định tạm đình chỉ, tiếp tục giải quyết hoặc đình chỉ việc giải quyết tố cáo",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày ban hành quyết định",
    legal_basis="Khoản 4 Điều 34 Luật Tố cáo 2018", source="PĐ 18.5.LQ.34", confidence=V,
    effective_from=LUAT_TC_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="yeu_cau_bao_cao_qua_han",
    label="Người giải quyết tố cáo cấp trên yêu cầu báo cáo về việc giải quyết tố cáo quá hạn",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày nhận được tố cáo tiếp vì quá hạn",
    legal_basis="Điều 38 Luật Tố cáo 2018", source="PĐ 18.5.LQ.38", confidence=V, effective_from=LUAT_TC_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="bao_cao_qua_han",
    label="Người giải quyết tố cáo báo cáo cấp trên về việc giải quyết tố cáo quá hạn",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày nhận được yêu cầu báo cáo",
    legal_basis="Điều 38 Luật Tố cáo 2018", source="PĐ 18.5.LQ.38", confidence=V, effective_from=LUAT_TC_FROM,
)  # fmt: skip
_add(
    regimes=ALL, procedure=TO_CAO, step="xem_xet_to_cao_tiep",
    label="Cấp trên xem xét tố cáo tiếp sau khi đã có kết luận", kind=Kind.WITHIN, period=20, unit=DAYS,
    trigger="ngày nhận được tố cáo tiếp", legal_basis="Điều 37 Luật Tố cáo 2018", source="PĐ 18.5.LQ.37",
    confidence=V, effective_from=LUAT_TC_FROM,
)  # fmt: skip

# §3.3 Tiếp công dân (Luật Tiếp công dân 2013) -------------------------------------------------------

_add(
    regimes=ALL, procedure=TIEP_CONG_DAN, step="tra_loi",
    label="Trả lời người đến khiếu nại, tố cáo, kiến nghị, phản ánh: đã thụ lý, cần thêm thời gian, không "
    "thụ lý, hoặc đã chuyển đến cơ quan có thẩm quyền",
    kind=Kind.WITHIN, period=10, unit=WORKING, trigger="ngày nhận được khiếu nại, tố cáo, kiến nghị, phản ánh",
    legal_basis="Khoản 1 Điều 28 Luật Tiếp công dân 2013", source="PĐ 18.4.LQ.28", confidence=V,
    on_transfer=TransferEffect.RESTART, effective_from=LUAT_TCD_FROM,
)  # fmt: skip

# §4.1–4.2 Phản ánh, kiến nghị -----------------------------------------------------------------------

_add(
    regimes=ALL, carry_note=False, procedure=PAKN, step="chuyen_ngoai_tham_quyen",
    label="Chuyển phản ánh, kiến nghị về quy định hành chính không thuộc thẩm quyền",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày nhận được phản ánh, kiến nghị",
    legal_basis="Điều 9 Nghị định 20/2008/NĐ-CP", source="PĐ 44.12.NĐ.9", confidence=V,
    on_transfer=TransferEffect.RESTART, effective_from=ND20_FROM,
    note="Nghị định 20/2008/NĐ-CP đã được sửa đổi bởi Nghị định 48/2013/NĐ-CP và 92/2017/NĐ-CP [U].",
)  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=PAKN, step="bct_chuyen_hanh_vi_can_bo",
    label="(Ngành Công Thương) Chuyển phản ánh về hành vi của cán bộ, công chức đến đơn vị có thẩm quyền",
    kind=Kind.WITHIN, period=2, unit=WORKING, trigger="ngày nhận được phản ánh, kiến nghị",
    legal_basis="Điều 13 Thông tư 18/2018/TT-BCT", source="PĐ TT 18/2018/TT-BCT Điều 13", confidence=V,
    note="Chỉ áp dụng trong ngành Công Thương; là ví dụ thời hạn ngành (spec §4.1).",
)  # fmt: skip
for _step, _label, _days in (
    ("bct_bao_cao", "(Ngành Công Thương) Đơn vị chủ trì soạn thảo báo cáo kết quả xử lý", 5),
    ("bct_bao_cao_truc_tuyen", "(Ngành Công Thương) Đơn vị chủ trì báo cáo kết quả xử lý phản ánh gửi trực tuyến", 3),
):
    for _complex, _period in ((NO, _days), (YES, 10)):
        _add(
            regimes=ALL, carry_note=False, procedure=PAKN, step=_step, label=_label,
            kind=Kind.WITHIN, period=_period, unit=WORKING, complex_case=_complex,
            trigger="ngày nhận được phản ánh, kiến nghị do đơn vị đầu mối chuyển đến",
            legal_basis="Điều 13 Thông tư 18/2018/TT-BCT", source="PĐ TT 18/2018/TT-BCT Điều 13", confidence=V,
            note="Chỉ áp dụng trong ngành Công Thương; là ví dụ thời hạn ngành (spec §4.1).",
        )  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=PAKN, step="xu_ly_don_tt05",
    label="Xử lý đơn kiến nghị, phản ánh", kind=Kind.WITHIN, period=10, unit=WORKING,
    trigger="ngày nhận được đơn", legal_basis="Thông tư 05/2021/TT-TTCP",
    source="Trí nhớ của người soạn spec, chưa đọc văn bản", confidence=U,
)  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=PAKN, step="xac_nhan_tiep_nhan",
    label="Xác nhận đã tiếp nhận phản ánh, kiến nghị", kind=Kind.WITHIN, period=1, unit=WORKING,
    trigger="ngày nhận được phản ánh, kiến nghị",
    legal_basis="Chỉ tiêu nội bộ của Dân Vận Số (spec §4.2)", source="spec §4.2", confidence=U, statutory=False,
    note="Chưa tìm được thời hạn trả lời của QĐ 574/QĐ-TTg và Cổng Dịch vụ công quốc gia [U].",
)  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=PAKN, step="chuyen_don", label="Chuyển phản ánh, kiến nghị",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày nhận được phản ánh, kiến nghị",
    legal_basis="Chỉ tiêu nội bộ theo Điều 9 Nghị định 20/2008/NĐ-CP (spec §4.2)", source="spec §4.2",
    confidence=U, statutory=False, on_transfer=TransferEffect.RESTART,
)  # fmt: skip
for _complex, _days in ((NO, 10), (YES, 15)):
    _add(
        regimes=ALL, carry_note=False, procedure=PAKN, step="tra_loi", label="Trả lời phản ánh, kiến nghị",
        kind=Kind.WITHIN, period=_days, unit=WORKING, complex_case=_complex,
        trigger="ngày nhận được phản ánh, kiến nghị",
        legal_basis="Chỉ tiêu nội bộ của Dân Vận Số (spec §4.2)", source="spec §4.2", confidence=U,
        statutory=False, on_transfer=TransferEffect.RESTART,
        note="Chưa tìm được thời hạn trả lời của QĐ 574/QĐ-TTg và Cổng Dịch vụ công quốc gia [U].",
    )  # fmt: skip

_add(
    regimes=ALL, carry_note=False, procedure=PAKN, step="mo_lai_chua_xu_ly",
    label="Người phản ánh báo “vẫn chưa được xử lý” sau khi nhận trả lời", kind=Kind.WITHIN, period=30, unit=DAYS,
    trigger="ngày gửi trả lời phản ánh, kiến nghị",
    legal_basis="Chỉ tiêu nội bộ của Dân Vận Số: pháp luật không quy định thời hạn này", source="issue 14",
    confidence=U, statutory=False,
    note="Người vận hành sửa được thời hạn này; hết hạn thì người dân gửi phản ánh mới.",
)  # fmt: skip

# §5 Dân chủ ở cơ sở (Luật Thực hiện dân chủ ở cơ sở 2022): publication and recognition --------------

_add(
    regimes=ALL, carry_note=False, procedure=DAN_CHU_CO_SO, step="cong_khai",
    label="Công khai thông tin ở cấp xã (khi luật chuyên ngành không quy định thời hạn khác)",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày ban hành văn bản, quyết định",
    legal_basis="Khoản 3 Điều 12 Luật Thực hiện dân chủ ở cơ sở 2022", source="PĐ 44.13.LQ.12", confidence=V,
    effective_from=LUAT_DCCS_FROM,
)  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=DAN_CHU_CO_SO, step="niem_yet",
    label="Niêm yết công khai (các nội dung 1–3, 5–12 của Điều 11) tại trụ sở HĐND, UBND xã và nhà văn hóa "
    "thôn, tổ dân phố",
    kind=Kind.AT_LEAST, period=30, unit=DAYS, trigger="ngày niêm yết",
    legal_basis="Điều 13 Luật Thực hiện dân chủ ở cơ sở 2022", source="PĐ 44.13.LQ.13", confidence=V,
    effective_from=LUAT_DCCS_FROM, note="Luật yêu cầu 30 ngày liên tục.",
)  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=DAN_CHU_CO_SO, step="phat_thanh",
    label="Thông báo trên hệ thống truyền thanh cấp xã (các nội dung 7–12 của Điều 11)",
    kind=Kind.AT_LEAST, period=3, unit=DAYS, trigger="ngày bắt đầu phát thanh",
    legal_basis="Điều 13 Luật Thực hiện dân chủ ở cơ sở 2022", source="PĐ 44.13.LQ.13", confidence=V,
    effective_from=LUAT_DCCS_FROM, note="Luật yêu cầu ít nhất 03 ngày liên tục.",
)  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=DAN_CHU_CO_SO, step="thong_bao_phat_phieu",
    label="Thông báo nội dung, thời gian lấy ý kiến bằng phiếu và tổ phát phiếu",
    kind=Kind.BEFORE, period=2, unit=DAYS, trigger="ngày phát phiếu lấy ý kiến",
    legal_basis="Điều 19 Luật Thực hiện dân chủ ở cơ sở 2022", source="PĐ 44.13.LQ.19", confidence=V,
    effective_from=LUAT_DCCS_FROM,
)  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=DAN_CHU_CO_SO, step="gui_bien_ban",
    label="Gửi biên bản kết quả bàn và quyết định của cộng đồng đến UBND xã và Ủy ban MTTQ xã",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày kết thúc hội nghị hoặc việc lấy ý kiến",
    legal_basis="Điều 20 Luật Thực hiện dân chủ ở cơ sở 2022", source="PĐ 44.13.LQ.20", confidence=V,
    effective_from=LUAT_DCCS_FROM,
    note="Spec không nêu rõ mốc bắt đầu tính: cần đối chiếu Điều 20.",
)  # fmt: skip
_add(
    regimes=ALL, carry_note=False, procedure=DAN_CHU_CO_SO, step="cong_nhan",
    label="UBND xã (nội dung 3, 4) hoặc Ủy ban MTTQ xã (nội dung 5) công nhận hoặc trả lời không công nhận "
    "(nêu lý do) kết quả bàn và quyết định",
    kind=Kind.WITHIN, period=5, unit=WORKING, trigger="ngày nhận được biên bản",
    legal_basis="Khoản 2 Điều 21 Luật Thực hiện dân chủ ở cơ sở 2022", source="PĐ 44.13.LQ.21", confidence=V,
    effective_from=LUAT_DCCS_FROM,
)  # fmt: skip

_add(
    regimes=ALL, carry_note=False, procedure=DAN_CHU_CO_SO, step="tra_loi_kien_nghi_ban_ttnd",
    label="Cơ quan, tổ chức trả lời kiến nghị của Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng",
    kind=Kind.WITHIN, period=15, unit=DAYS, trigger="ngày nhận được kiến nghị",
    legal_basis="Điều 39, Điều 44 Luật Thực hiện dân chủ ở cơ sở 2022 (thời hạn cần đối chiếu)",
    source="chưa đọc được văn bản", confidence=U, effective_from=LUAT_DCCS_FROM,
    note="Thời hạn 15 ngày là giá trị tạm: cần đối chiếu luật, nghị định hoặc quy chế phối hợp của địa phương.",
)  # fmt: skip


def seed_rules() -> list[Rule]:
    """Every seeded row as a validated pure ``Rule``."""
    return [Rule(**row) for row in _ROWS]


def seed_rows() -> list[dict[str, Any]]:
    """Every seeded row as field values for ``models.DeadlineRule``: enums as their stored strings,
    and "" where the model stores "no unit" or "no confidence"."""
    rows = []
    for rule in seed_rules():
        values: dict[str, Any] = {}
        for spec in fields(Rule):
            if spec.name == "pk":
                continue
            value = getattr(rule, spec.name)
            if isinstance(value, Enum):
                value = value.value
            elif value is None and spec.name in {"unit", "alt_unit", "alt_confidence"}:
                value = ""
            values[spec.name] = value
        rows.append(values)
    return rows
