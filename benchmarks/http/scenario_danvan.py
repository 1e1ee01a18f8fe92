"""What the load client does to Dân Vận Số: intake, staff reads and updates, search, dashboards.

Nothing here imports Django: the client process only sends HTTP requests. The ids, users and keys
come from the manifest that ``danvan_fixtures`` writes from the generated database.

Each operation is what a person does in a browser or a partner system, with the same form fields
and query strings the pages use. Who reads what (see the manifest):

- ``national``: an operator account with every body in scope (a superuser): the 1M-case inbox, the
  counterpart of django-helpdesk's staff list, which shows every ticket to its staff;
- ``province``: a provincial inspector with the whole province in scope (its committee and every
  body under it), the heaviest everyday scope;
- ``ward``: the head of the busiest ward People's Committee, who opens and assigns its cases;
- ``provincial head``: the head of the provincial People's Committee, for the satisfaction dashboard.
"""

from __future__ import annotations

import random
import uuid
from typing import Any
from urllib.parse import urlencode

from benchmarks.http.client import Operation, Response, Session

LOGIN = "/dang-nhap/"

# The words people write, with and without their diacritics (the inbox search folds both).
SEARCH_TERMS = [
    ("đèn đường", "den duong"),
    ("rác thải", "rac thai"),
    ("ngập nước", "ngap nuoc"),
    ("bồi thường", "boi thuong"),
    ("tiếng ồn", "tieng on"),
    ("lấn chiếm", "lan chiem"),
]

TITLES = ["Đèn đường hỏng", "Rác thải tồn đọng", "Ngập nước sau mưa", "Ổ gà trên đường", "Tiếng ồn ban đêm"]
SENTENCES = [
    "Tại kiệt {n} đường {street}, đèn đường đã hỏng hơn {d} ngày, buổi tối rất tối và nguy hiểm cho người đi đường.",
    "Rác thải tập kết ở đầu hẻm {n} đường {street} không được thu gom {d} ngày nay, bốc mùi hôi.",
    "Sau mỗi trận mưa, đoạn đường {street} trước nhà số {n} ngập sâu, xe máy chết máy liên tục.",
    "Mặt đường {street} đoạn gần số {n} có nhiều ổ gà lớn, đã có người ngã xe trong {d} ngày qua.",
]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hùng Vương", "Phan Đình Phùng", "Bà Triệu", "Điện Biên Phủ"]
REQUESTS = [
    "Đề nghị cơ quan chức năng sớm kiểm tra, xử lý.",
    "Kính mong Ủy ban nhân dân phường quan tâm giải quyết.",
    "Đề nghị có biện pháp khắc phục dứt điểm.",
]


def petition_text(rng: random.Random) -> tuple[str, str]:
    sentence = rng.choice(SENTENCES).format(n=rng.randint(1, 300), street=rng.choice(STREETS), d=rng.randint(3, 40))
    return rng.choice(TITLES), f"{sentence} {rng.choice(REQUESTS)}"


# Prefixes of the mobile networks in use (Viettel, Vinaphone, Mobifone, Vietnamobile): every number the
# scenario sends must pass the one contact rule (core.contacts), as a real citizen's does; "0992…" does not.
MOBILE_PREFIXES = ("086", "096", "097", "098", "032", "033", "088", "091", "094", "083", "090", "093",
                   "070", "079", "092", "056", "058")  # fmt: skip


def phone(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(1_000_000, 9_999_999)}"


def operations(manifest: dict[str, Any]) -> dict[str, Operation]:
    users = manifest["users"]
    password = manifest["password"]
    samples = manifest["samples"]

    def login_as(role: str) -> Any:
        def prepare(session: Session) -> None:
            session.login(LOGIN, users[role], password)

        return prepare

    def csrf_cookie(session: Session) -> None:
        # A citizen opens the form once (which sets the CSRF cookie), then sends it.
        session.get("/gui-phan-anh/")

    # Intake ---------------------------------------------------------------------------------

    def web_submit(session: Session, rng: random.Random) -> Response:
        title, content = petition_text(rng)
        return session.post_form("/gui-phan-anh/", {
            "track": "pakn", "title": title, "content": content, "topic": "",
            "place_text": rng.choice(samples["place_texts"]), "name": "Nguyễn Văn An", "phone": phone(rng),
            "email": "", "address": "", "people_count": "1", "consent": "on", "idempotency_key": uuid.uuid4().hex,
        })  # fmt: skip

    def rest_create(session: Session, rng: random.Random) -> Response:
        title, content = petition_text(rng)
        payload = {"kind": "pakn", "title": title, "content": content, "place_text": rng.choice(samples["place_texts"]),
                   "name": "Trần Thị Bình", "phone": phone(rng), "consent": True}  # fmt: skip
        headers = {"Authorization": f"Bearer {manifest['api_key']}", "Idempotency-Key": uuid.uuid4().hex}
        return session.post_json("/api/v1/cases", payload, headers=headers)

    def open311_create(session: Session, rng: random.Random) -> Response:
        _title, content = petition_text(rng)
        return session.post_form("/open311/v2/requests.json", {
            "api_key": manifest["api_key"], "service_code": manifest["open311_service"], "description": content,
            "address_string": rng.choice(samples["place_texts"]), "first_name": "Lê", "last_name": "Văn Cường", "attribute[consent]": "yes",
            "phone": phone(rng),
        }, headers={"Idempotency-Key": uuid.uuid4().hex})  # fmt: skip

    # Staff ----------------------------------------------------------------------------------

    def get(path_of: Any) -> Any:
        def run(session: Session, rng: random.Random) -> Response:
            return session.get(path_of(rng))

        return run

    def inbox_filtered(rng: random.Random) -> str:
        body, status = rng.choice(samples["province_body_status"])
        return "/van-hanh/ho-so/?" + urlencode({"organization": body, "status": status})

    def search(index: int) -> Any:
        return lambda rng: "/van-hanh/ho-so/?" + urlencode({"q": rng.choice(SEARCH_TERMS)[index]})

    def assign(session: Session, rng: random.Random) -> Response:
        case_id = rng.choice(samples["ward_open_cases"])
        handler = rng.choice(samples["ward_handlers"])
        return session.post_form(f"/van-hanh/ho-so/{case_id}/assign/",
                                 {"assign-handler": str(handler), "assign-note": "Giao lại cho cán bộ khác xử lý."})  # fmt: skip

    # fmt: off
    ops = [
        Operation("web form submit", web_submit, csrf_cookie, expect=(303,), new_client_each_time=True),
        Operation("REST create", rest_create, expect=(201,), new_client_each_time=True),
        Operation("Open311 create", open311_create, expect=(200,), new_client_each_time=True),
        Operation("inbox, national", get(lambda rng: "/van-hanh/ho-so/"), login_as("national")),
        Operation("inbox, province", get(lambda rng: "/van-hanh/ho-so/"), login_as("province")),
        Operation("inbox, province, by body and status", get(inbox_filtered), login_as("province")),
        Operation("inbox, province, due soon",
                  get(lambda rng: "/van-hanh/ho-so/?deadline=due_soon"), login_as("province")),
        Operation("overdue list, national", get(lambda rng: "/van-hanh/ho-so/?deadline=overdue"), login_as("national")),
        Operation("overdue list, province", get(lambda rng: "/van-hanh/ho-so/?deadline=overdue"), login_as("province")),
        Operation("case page", get(lambda rng: f"/van-hanh/ho-so/{rng.choice(samples['ward_cases'])}/"),
                  login_as("ward")),
        Operation("case page, national", get(lambda rng: f"/van-hanh/ho-so/{rng.choice(samples['any_cases'])}/"),
                  login_as("national")),
        Operation("update (assign)", assign, login_as("ward"), expect=(302,)),
        Operation("search with diacritics, province", get(search(0)), login_as("province")),
        Operation("search without diacritics, province", get(search(1)), login_as("province")),
        Operation("search with diacritics, national", get(search(0)), login_as("national")),
        Operation("search without diacritics, national", get(search(1)), login_as("national")),
        Operation("head's dashboard", get(lambda rng: "/van-hanh/hai-long/"), login_as("provincial head")),
        # Public readers of the API are many clients: from one address the read limit (120/min) refuses it.
        Operation("satisfaction indices, API", get(lambda rng: "/api/v1/indices?" + urlencode(
            {"template": "case-rating", "period_kind": "year", "period": manifest["year"], "page_size": 50})),
            new_client_each_time=True),
        Operation("satisfaction ranking, public page", get(lambda rng: "/hai-long/")),
        Operation("case report, national", get(lambda rng: "/van-hanh/bao-cao/"), login_as("national")),
        Operation("case report, province", get(lambda rng: "/van-hanh/bao-cao/"), login_as("province")),
    ]
    # fmt: on
    return {op.name: op for op in ops}
