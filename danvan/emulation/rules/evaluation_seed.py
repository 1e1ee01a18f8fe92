"""The default methodology of the yearly dân vận evaluation, seeded by migration (idempotent) and editable
as data afterwards (a revision is a new version). Pure data, no Django.

Ground: legal-spec §6.1 lists what can be measured today (reception compliance, dialogues, on-time
rates of petitions, publication compliance, decisions adopted, Dân vận khéo models); §6.3 names the four
yearly grades of NĐ 90/2020 and marks the grading [U]. The weights, the steps and the grade minimums
below are therefore a PROPOSAL of this platform (mark "U"), not a rule of law: a committee adopts or
changes them, and the grade computed from them is only proposed.
"""

from __future__ import annotations

from typing import Any

DEFAULT_CODE = "dan-van-hang-nam"

# Steps (at, points): see rules.evaluation.points.
SHARE_STEPS: list[list[float]] = [[50, 40], [70, 60], [85, 80], [95, 100]]

METHODOLOGY_DEFAULT: dict[str, Any] = {
    "code": DEFAULT_CODE,
    "version": 1,
    "name": "Đánh giá công tác dân vận hằng năm của cơ quan, đơn vị (mặc định)",
    "legal_basis": (
        "QĐ 23-QĐ/TW 2021 (Quy chế công tác dân vận); Luật Thực hiện dân chủ ở cơ sở 2022; "
        "NĐ 90/2020/NĐ-CP (4 mức xếp loại) [U]"
    ),
    "mark": "U",
    "valid_from": "2024-01-01",
    "status": "confirmed",
    "grade_minimums": {"xuat_sac": 90, "tot": 75, "hoan_thanh": 50},
    "min_measured_share": 0.5,
    "note": "Phương pháp đề xuất của nền tảng: mức xếp loại tính ra chỉ là ĐỀ XUẤT, hội đồng đánh giá quyết định.",
}

# The day a year's evaluation opens, in that year (migration 0008_evaluation_window set it from a frozen copy
# of these two: changing them here never changes that migration; editable on the
# methodology's edit page, as a new version). [U]: NĐ 90/2020/NĐ-CP has units and cadres evaluated and graded
# in December, before 15 December (the decree may have been replaced), so the year is evaluated from
# 1 December, before it ends, with its figures as of the day they are read.
WINDOW_OPENS: dict[str, int] = {"opens_month": 12, "opens_day": 1}
WINDOW_BASIS = (
    "Đánh giá từ ngày 01/12 của năm được đánh giá (NĐ 90/2020/NĐ-CP: đánh giá, xếp loại trước ngày 15/12) [U]"
)

# (key, label, direction, weight, steps, source)
INDICATORS: list[tuple[str, str, str, float, Any, str]] = [
    ("cases_on_time", "Tỷ lệ phản ánh, kiến nghị, khiếu nại giải quyết đúng hạn (%)", "higher", 2.0, SHARE_STEPS,
     "Hồ sơ phản ánh, kiến nghị, khiếu nại (không gồm tố cáo) đã trả lời hoặc quyết định trong năm, so với thời hạn luật định"),
    ("satisfaction_index", "Chỉ số hài lòng của người dân (0–100)", "higher", 2.0,
     [[50, 40], [65, 60], [75, 80], [85, 100]],
     "Khảo sát hài lòng (SIPAS nội bộ) trong năm; có khoảng tin cậy 95%"),
    ("reception_sessions", "Tỷ lệ buổi tiếp công dân định kỳ của người đứng đầu đã tổ chức / phải tổ chức (%)",
     "higher", 1.5, [[50, 40], [80, 70], [100, 100]],
     "Sổ tiếp công dân và lịch tiếp định kỳ (Quy định 11-QĐi/TW; Luật Tiếp công dân 2013)"),
    ("dialogues_held", "Số hội nghị đối thoại với Nhân dân đã tổ chức", "higher", 0.5, [[1, 60], [2, 100]],
     "Đối thoại của người đứng đầu với Nhân dân (Luật Thực hiện dân chủ ở cơ sở 2022, Điều 26)"),
    ("dialogue_commitments_kept", "Tỷ lệ cam kết tại đối thoại đã thực hiện (%)", "higher", 1.0, SHARE_STEPS,
     "Cam kết của người đứng đầu tại các hội nghị đối thoại, đến hạn trong năm"),
    ("disclosures_on_time", "Tỷ lệ nội dung công khai đúng hạn (%)", "higher", 1.0, SHARE_STEPS,
     "Công khai thông tin ở xã (Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11–13)"),
    ("decisions_recognised", "Tỷ lệ nội dung Nhân dân quyết định được công nhận đúng hạn (%)", "higher", 0.5,
     SHARE_STEPS, "Biên bản Nhân dân bàn, quyết định gửi UBND xã công nhận (Điều 20–21)"),
    ("staff_complaints_upheld", "Khiếu nại về thái độ cán bộ được kết luận đúng (số vụ)", "lower", 1.0,
     [[0, 100], [1, 70], [3, 40]], "Khiếu nại (không gồm tố cáo) có chủ đề “Thái độ phục vụ của cán bộ”, kết luận đúng hoặc đúng một phần"),
    ("dvk_models_registered", "Số mô hình “Dân vận khéo” đăng ký", "higher", 0.5, [[1, 60], [2, 80], [3, 100]],
     "Mô hình “Dân vận khéo” đăng ký trong năm"),
    ("dvk_models_recognised", "Số mô hình “Dân vận khéo” được công nhận", "higher", 1.0, [[1, 70], [2, 100]],
     "Mô hình “Dân vận khéo” được công nhận trong năm"),
    ("dvk_models_replicated", "Số lần mô hình của đơn vị được nhân rộng", "higher", 0.5, [[1, 70], [2, 100]],
     "Mô hình khác nhân rộng từ mô hình của đơn vị"),
    ("commitments_completed", "Tỷ lệ cán bộ, đảng viên hoàn thành cam kết (Chỉ thị 05) (%)", "higher", 1.0,
     SHARE_STEPS, "Cam kết hằng năm theo Chỉ thị 05 và kết quả tự đánh giá, đánh giá của người đứng đầu"),
    ("training_coverage", "Tỷ lệ cán bộ tiếp dân, một cửa được bồi dưỡng trong năm (%)", "higher", 1.0,
     SHARE_STEPS, "Các khóa bồi dưỡng kỹ năng dân vận, tiếp công dân, một cửa"),
    ("commendations", "Số khen thưởng về công tác dân vận", "higher", 0.5, [[1, 70], [2, 100]],
     "Quyết định khen thưởng trong năm"),
]  # fmt: skip
