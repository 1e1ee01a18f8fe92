"""The survey templates and the default methodology shipped with the platform, as plain data.

``danvan seed_surveys`` (and the migration that runs it) writes these rows once; from then on they
are data an operator edits in the admin. Every item carries its source and its mark from the spec:
[V] verified, [S] single source, [U] unverified.

SIPAS 2017–2020 (legal-spec §8.1): 5 factors and 22 criteria, each asked as assessment,
satisfaction and expectation. The *structure* (5 factors, 22 criteria, three aspects) is [S]; the
*wording* of the criteria below is recalled from the questionnaire annexed to the Đề án QĐ
2640/QĐ-BNV and is [U] until checked against it and against QĐ 1001/QĐ-BNV (2023).
"""

from __future__ import annotations

from typing import Any, Final

SIPAS_SOURCE: Final = "Đề án QĐ 2640/QĐ-BNV (2017), bảng hỏi SIPAS — legal-spec §8.1"
ALL_ASPECTS: Final = ["assessment", "satisfaction", "expectation"]
SATISFACTION_ONLY: Final = ["satisfaction"]

METHODOLOGY_DEFAULT: Final[dict[str, Any]] = {
    "code": "sipas",
    "version": 1,
    "name": "SIPAS — tỷ lệ hài lòng (mặc định, chờ đối chiếu QĐ 1001/QĐ-BNV)",
    "legal_basis": "legal-spec §8.1: công thức nhớ lại từ Đề án 2017; QĐ 1001/QĐ-BNV (11/12/2023) chưa đối chiếu",
    "mark": "U",
    "satisfied_values": [4, 5],
    "excluded_values": [0],
    "min_sample": 30,
    "confidence": 0.95,
    "exclude_flagged": True,
    "weights": {"factors": {}, "criteria": {}},
}

# (code, Vietnamese, English, [(criterion code, Vietnamese, English), ...])
SIPAS_FACTORS: Final = [
    ("access", "Tiếp cận dịch vụ", "Access to the service", [
        ("access_1", "Nơi ngồi chờ tại Bộ phận Một cửa có đủ chỗ ngồi", "The waiting area at the one-stop shop has enough seats"),
        ("access_2", "Trang thiết bị phục vụ người dân tại Bộ phận Một cửa đầy đủ", "The equipment for citizens at the one-stop shop is sufficient"),
        ("access_3", "Trang thiết bị phục vụ người dân tại Bộ phận Một cửa hiện đại", "The equipment for citizens at the one-stop shop is modern"),
        ("access_4", "Trang thiết bị phục vụ người dân tại Bộ phận Một cửa dễ sử dụng", "The equipment for citizens at the one-stop shop is easy to use"),
    ]),
    ("procedures", "Thủ tục hành chính", "Administrative procedures", [
        ("procedures_1", "Thủ tục hành chính được niêm yết công khai đầy đủ", "The procedure is posted publicly and in full"),
        ("procedures_2", "Thủ tục hành chính được niêm yết công khai chính xác", "The procedure is posted publicly and accurately"),
        ("procedures_3", "Thành phần hồ sơ người dân phải nộp là đúng quy định", "The documents asked of the citizen are those the rules require"),
        ("procedures_4", "Phí, lệ phí người dân phải nộp là đúng quy định", "The fees paid are those the rules set"),
        ("procedures_5", "Thời hạn giải quyết (từ ngày nhận hồ sơ đến ngày trả kết quả) là đúng quy định", "The processing time (from receipt to result) keeps to the rules"),
    ]),
    ("staff", "Công chức trực tiếp giải quyết công việc", "The civil servants who handle the case", [
        ("staff_1", "Công chức có thái độ giao tiếp lịch sự", "The civil servant is courteous"),
        ("staff_2", "Công chức chú ý lắng nghe ý kiến của người dân", "The civil servant listens to the citizen"),
        ("staff_3", "Công chức trả lời, giải thích đầy đủ các ý kiến của người dân", "The civil servant answers and explains fully"),
        ("staff_4", "Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo", "The civil servant guides the filing with care"),
        ("staff_5", "Công chức hướng dẫn kê khai hồ sơ dễ hiểu", "The civil servant's guidance is easy to follow"),
        ("staff_6", "Công chức tuân thủ đúng quy định trong giải quyết công việc", "The civil servant follows the rules in handling the case"),
    ]),
    ("results", "Kết quả giải quyết", "The result", [
        ("results_1", "Kết quả người dân nhận được là đúng quy định", "The result received is lawful"),
        ("results_2", "Kết quả người dân nhận được có thông tin đầy đủ", "The result received is complete"),
        ("results_3", "Kết quả người dân nhận được có thông tin chính xác", "The result received is accurate"),
    ]),
    ("feedback", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "Receiving and handling suggestions and feedback", [
        ("feedback_1", "Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị", "The body offers ways to give suggestions and feedback"),
        ("feedback_2", "Người dân dễ dàng thực hiện góp ý, phản ánh, kiến nghị", "Giving suggestions and feedback is easy"),
        ("feedback_3", "Cơ quan tiếp nhận, xử lý tích cực các góp ý, phản ánh, kiến nghị", "The body receives and handles feedback actively"),
        ("feedback_4", "Cơ quan thông báo kịp thời kết quả xử lý góp ý, phản ánh, kiến nghị", "The body reports the outcome of feedback in time"),
    ]),
]  # fmt: skip

# The per-case rating (legal-spec §8.4): short enough for a phone, on the same factor codes so its
# factor indices sit beside a SIPAS campaign's. Wording is the platform's own [S: derived from §8.1].
CASE_RATING_FACTORS: Final = [
    ("access", "Tiếp cận dịch vụ", "Access to the service", [
        ("case_access", "Gửi đơn, phản ánh dễ dàng, thuận tiện", "Submitting was easy and convenient"),
    ]),
    ("procedures", "Thủ tục hành chính", "Administrative procedures", [
        ("case_procedures", "Vụ việc được giải quyết đúng trình tự và đúng hạn", "The case was handled in due order and on time"),
    ]),
    ("staff", "Công chức trực tiếp giải quyết công việc", "The civil servants who handle the case", [
        ("case_staff", "Cán bộ tiếp nhận, xử lý lịch sự, tận tình", "The officers were courteous and helpful"),
    ]),
    ("results", "Kết quả giải quyết", "The result", [
        ("case_results", "Câu trả lời, quyết định rõ ràng, đầy đủ, có căn cứ", "The answer or decision was clear, complete and reasoned"),
    ]),
    ("feedback", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "Receiving and handling suggestions and feedback", [
        ("case_feedback", "Được thông báo kịp thời về tiến độ và kết quả", "I was told of the progress and the outcome in time"),
    ]),
]  # fmt: skip
CASE_RATING_OVERALL: Final = (
    "case_overall",
    "Nhìn chung, ông/bà hài lòng với việc giải quyết vụ việc này ở mức nào?",
    "Overall, how satisfied are you with how this case was handled?",
)

# PAPI-style questions (legal-spec §8.2): one per dimension, asked on the same five-level scale.
# PAPI's own indicators are factual questions scaled 1–10; this is an adaptation for local
# surveys, not PAPI itself [S: dimensions from papi.org.vn; questions are the platform's].
PAPI_FACTORS: Final = [
    ("papi_participation", "Tham gia của người dân ở cấp cơ sở", "Participation at the grassroots", [
        ("papi_participation_1", "Người dân được bàn và quyết định những việc của thôn, tổ dân phố", "People discuss and decide the matters of their village"),
    ]),
    ("papi_transparency", "Công khai, minh bạch", "Transparency", [
        ("papi_transparency_1", "Chính quyền xã công khai đầy đủ thông tin người dân cần biết", "The commune discloses what people need to know"),
    ]),
    ("papi_accountability", "Trách nhiệm giải trình với người dân", "Vertical accountability", [
        ("papi_accountability_1", "Ý kiến, kiến nghị của người dân được chính quyền trả lời", "The authority answers people's petitions"),
    ]),
    ("papi_corruption", "Kiểm soát tham nhũng trong khu vực công", "Control of corruption", [
        ("papi_corruption_1", "Không phải chi thêm tiền ngoài quy định khi làm việc với chính quyền", "No unofficial payments are needed"),
    ]),
    ("papi_procedures", "Thủ tục hành chính công", "Public administrative procedures", [
        ("papi_procedures_1", "Thủ tục hành chính ở xã đơn giản, dễ thực hiện", "The commune's procedures are simple"),
    ]),
    ("papi_services", "Cung ứng dịch vụ công", "Public service delivery", [
        ("papi_services_1", "Trường học, trạm y tế, điện, nước sạch đáp ứng nhu cầu", "Schools, clinics, power and water meet people's needs"),
    ]),
    ("papi_environment", "Quản trị môi trường", "Environmental governance", [
        ("papi_environment_1", "Môi trường sống nơi cư trú được giữ gìn sạch sẽ", "The living environment is kept clean"),
    ]),
    ("papi_egovernance", "Quản trị điện tử", "E-governance", [
        ("papi_egovernance_1", "Dịch vụ công trực tuyến dễ tiếp cận và sử dụng", "Online public services are easy to reach and use"),
    ]),
]  # fmt: skip

TEMPLATES: Final[list[dict[str, Any]]] = [
    {
        "code": "case-rating",
        "kind": "case_rating",
        "name": "Đánh giá việc giải quyết vụ việc",
        "name_en": "Rating of how a case was handled",
        "source": "legal-spec §8.4; Luật Thực hiện dân chủ ở cơ sở 2022, Điều 34",
        "mark": "S",
        "edit_window_days": 7,
        "factors": CASE_RATING_FACTORS,
        "aspects": SATISFACTION_ONLY,
        "overall": CASE_RATING_OVERALL,
    },
    {
        "code": "sipas-2017",
        "kind": "sipas",
        "name": "Khảo sát SIPAS (5 yếu tố, 22 tiêu chí)",
        "name_en": "SIPAS survey (5 factors, 22 criteria)",
        "source": SIPAS_SOURCE,
        "mark": "U",
        "edit_window_days": 0,
        "factors": SIPAS_FACTORS,
        "aspects": ALL_ASPECTS,
        "overall": None,
    },
    {
        "code": "papi-local",
        "kind": "papi",
        "name": "Khảo sát theo 8 nội dung PAPI (bản địa phương)",
        "name_en": "Local survey on the 8 PAPI dimensions",
        "source": "legal-spec §8.2 (dimensions); câu hỏi do nền tảng soạn",
        "mark": "S",
        "edit_window_days": 0,
        "factors": PAPI_FACTORS,
        "aspects": SATISFACTION_ONLY,
        "overall": None,
    },
]
