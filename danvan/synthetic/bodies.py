"""Generated bodies, officers, roles and routing rules for the chosen provinces.

For each province: the provincial People's Committee and, under it, its office, the citizen
reception board, the inspectorate, the public-service centre and the departments that answer
petitions; the Party committee with its Propaganda and Mass Mobilization board; the Front; and the
People's Committee of every current commune under the provincial one. Every body has a head and
handlers; inspectors, dân vận and Front officers hold their role over the whole provincial tree.

Rows are written in bulk with their materialised path computed the way
``org.services.organization_create`` computes it (parent path + own id). Codes start with
``gen-`` and usernames with ``gen-``: that is how ``--purge`` finds them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from danvan.cases.models import RoutingRule
from danvan.core.text import fold
from danvan.org.choices import Role, UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, OrganizationKind, Position, RoleAssignment, User
from danvan.synthetic.sinks import Sink, table
from danvan.synthetic.texts import TextMaker

# The columns of a generated account (officers here, citizens in services): one list, so a new column
# of org.User is added once. created_by_id is NULL: generated accounts were created by nobody.
USER_COLUMNS = ["id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email",
                "is_staff", "is_active", "date_joined", "full_name", "phone", "created_by_id"]  # fmt: skip
PREFIX = "gen-"
ROUTING_NOTE = "Sinh tự động (danvan generate)"

# (slug, kind, name, document sign, handlers): bodies under the provincial People's Committee.
PROVINCE_BODIES = [
    ("vp-ubnd", "van_phong_ubnd", "Văn phòng UBND {level} {p}", "VP", 1),
    ("ban-tcd", "ban_tiep_cong_dan", "Ban Tiếp công dân {level} {p}", "BTCD", 3),
    ("thanh-tra", "thanh_tra", "Thanh tra {level} {p}", "TTr", 2),
    ("tt-hcc", "trung_tam_phuc_vu_hcc", "Trung tâm Phục vụ hành chính công {level} {p}", "TTHCC", 2),
    ("so-noi-vu", "so", "Sở Nội vụ {p}", "SNV", 1),
    ("so-xay-dung", "so", "Sở Xây dựng {p}", "SXD", 1),
    ("so-nong-nghiep-moi-truong", "so", "Sở Nông nghiệp và Môi trường {p}", "SNNMT", 2),
    ("so-cong-thuong", "so", "Sở Công Thương {p}", "SCT", 1),
    ("so-y-te", "so", "Sở Y tế {p}", "SYT", 1),
    ("so-giao-duc-dao-tao", "so", "Sở Giáo dục và Đào tạo {p}", "SGDĐT", 1),
    ("so-tu-phap", "so", "Sở Tư pháp {p}", "STP", 1),
]
# Which provincial body answers a topic when a case goes to the province rather than the commune.
TOPIC_BODY = {
    "dat-dai": "so-nong-nghiep-moi-truong", "moi-truong": "so-nong-nghiep-moi-truong",
    "xay-dung-trat-tu-do-thi": "so-xay-dung", "giao-thong-ha-tang": "so-xay-dung", "dien-nuoc": "so-cong-thuong",
    "y-te": "so-y-te", "giao-duc": "so-giao-duc-dao-tao", "chinh-sach-xa-hoi": "so-noi-vu",
    "thu-tuc-hanh-chinh": "tt-hcc", "thai-do-phuc-vu": "ban-tcd", "an-ninh-trat-tu": "ban-tcd", "khac": "ban-tcd",
}  # fmt: skip
HEAD_TITLES = {"ubnd": "Chủ tịch UBND", "thanh_tra": "Chánh Thanh tra", "ban_tiep_cong_dan": "Trưởng ban",
               "so": "Giám đốc", "trung_tam_phuc_vu_hcc": "Giám đốc", "van_phong_ubnd": "Chánh Văn phòng"}  # fmt: skip
HANDLER_TITLE = "Công chức tiếp nhận, xử lý đơn"


@dataclass
class Body:
    id: int
    code: str
    name: str
    kind: str
    unit_id: int
    parent_id: int | None
    sign: str  # the body's sign in document numbers: 12/QĐ-UBND
    head: int = 0
    handlers: list[int] = field(default_factory=list)


@dataclass
class ProvinceBodies:
    code: int
    unit_id: int
    ubnd: Body
    bodies: dict[str, Body]  # slug -> body, for the provincial ones
    communes: dict[int, Body]  # commune unit id -> its People's Committee


def _level(province: AdministrativeUnit) -> str:
    return "thành phố" if province.division_type == "thành phố trung ương" else "tỉnh"


def provinces_ensure(*, sink: Sink, provinces: list[AdministrativeUnit], rng: random.Random, texts: TextMaker,
                     joined: dt.datetime) -> tuple[dict[int, ProvinceBodies], int]:  # fmt: skip
    """Create what is missing for each province, then read every province's bodies back."""
    existing = set(
        Organization.objects.filter(code__in=[f"{PREFIX}{p.code}-ubnd" for p in provinces]).values_list(
            "code", flat=True
        )
    )
    created = 0
    for province in provinces:
        if f"{PREFIX}{province.code}-ubnd" not in existing:
            created += _province_create(sink, province, rng, texts, joined)
    return {p.code: _province_load(p) for p in provinces}, created


def _province_create(sink: Sink, province: AdministrativeUnit, rng: random.Random, texts: TextMaker,
                     joined: dt.datetime) -> int:  # fmt: skip
    kinds = dict(OrganizationKind.objects.values_list("code", "id"))
    communes = list(
        AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province=province).order_by(
            "code"
        )
    )
    p, pc, level = province.short_name, province.code, _level(province)
    k = f"{PREFIX}{pc}"
    specs: list[tuple[str, str, str, int, str | None, str]] = []  # code, name, kind, unit, parent code, sign
    specs.append((f"{k}-ubnd", f"Ủy ban nhân dân {level} {p}", "ubnd", province.pk, None, "UBND"))
    for slug, kind, name, sign, _handlers in PROVINCE_BODIES:
        specs.append((f"{k}-{slug}", name.format(level=level, p=p), kind, province.pk, f"{k}-ubnd", sign))
    committee = "Thành ủy" if level == "thành phố" else "Tỉnh ủy"
    specs.append((f"{k}-cap-uy", f"{committee} {p}", "tinh_uy", province.pk, None, "TU"))
    specs.append((f"{k}-ban-tgdv", f"Ban Tuyên giáo và Dân vận {committee} {p}", "ban_tuyen_giao_dan_van",
                  province.pk, f"{k}-cap-uy", "BTGDV"))  # fmt: skip
    specs.append((f"{k}-mttq", f"Ủy ban Mặt trận Tổ quốc Việt Nam {level} {p}", "uy_ban_mttq", province.pk, None,
                  "MTTQ"))  # fmt: skip
    for commune in communes:
        specs.append((f"{k}-{commune.code}-ubnd", f"Ủy ban nhân dân {commune.name.lower()[:1]}{commune.name[1:]}",
                      "ubnd", commune.pk, f"{k}-ubnd", "UBND"))  # fmt: skip
    orgs = table(Organization, ["id", "created_at", "updated_at", "code", "name", "short_name", "kind_id", "unit_id",
                                "parent_id", "path", "depth", "email", "phone", "address", "is_active",
                                "search_name"])  # fmt: skip
    first = sink.reserve(orgs, len(specs))
    ids: dict[str, int] = {}
    paths: dict[str, tuple[str, int]] = {}
    rows = []
    for offset, (code, name, kind, unit, parent, _sign) in enumerate(specs):
        pk = first + offset
        ids[code] = pk
        parent_path, parent_depth = paths[parent] if parent else ("/", -1)
        path, depth = f"{parent_path}{pk}/", parent_depth + 1
        paths[code] = (path, depth)
        short = name.replace("Ủy ban nhân dân", "UBND")
        rows.append((pk, joined, joined, code, name, short, kinds[kind], unit, ids[parent] if parent else None, path,
                     depth, "", "", "", True, fold(f"{name} {short}")))  # fmt: skip
    sink.write(orgs, rows)

    users = table(User, USER_COLUMNS)
    positions = table(Position, ["id", "created_at", "updated_at", "person_id", "organization_id", "title", "is_head",
                                 "start_on", "end_on"])  # fmt: skip
    roles = table(RoleAssignment, ["id", "created_at", "updated_at", "user_id", "role", "organization_id",
                                   "include_subtree", "start_on", "end_on", "granted_by_id"])  # fmt: skip
    people: list[
        tuple[str, str, str, str, bool, str, bool]
    ] = []  # username, body code, title, role, head, role body, subtree
    handler_counts = {f"{k}-{slug}": n for slug, _kind, _name, _sign, n in PROVINCE_BODIES}
    handler_counts[f"{k}-ubnd"] = 2
    for commune in communes:
        handler_counts[f"{k}-{commune.code}-ubnd"] = 3 if commune.division_type == "phường" else 2
    for code, _name, kind, _unit, _parent, _sign in specs:
        if kind in {"tinh_uy", "ban_tuyen_giao_dan_van", "uy_ban_mttq"}:
            continue
        people.append((f"{code}-ld", code, HEAD_TITLES.get(kind, "Thủ trưởng"), Role.HEAD, True, code, False))
        for i in range(1, handler_counts[code] + 1):
            people.append((f"{code}-cb{i}", code, HANDLER_TITLE, Role.HANDLER, False, code, False))
    for i in (1, 2):
        people.append((f"{k}-thanh-tra-tt{i}", f"{k}-thanh-tra", "Thanh tra viên", Role.INSPECTOR, False,
                       f"{k}-ubnd", True))  # fmt: skip
        people.append((f"{k}-ban-tgdv-cv{i}", f"{k}-ban-tgdv", "Chuyên viên Ban Tuyên giáo và Dân vận",
                       Role.DAN_VAN_OFFICER, False, f"{k}-ubnd", True))  # fmt: skip
    people.append((f"{k}-mttq-cv1", f"{k}-mttq", "Phó Chủ tịch Ủy ban MTTQ", Role.FRONT_OFFICER, False, f"{k}-ubnd",
                   True))  # fmt: skip
    first_user = sink.reserve(users, len(people))
    first_position = sink.reserve(positions, len(people))
    first_role = sink.reserve(roles, len(people))
    user_rows, position_rows, role_rows = [], [], []
    for offset, (username, body, title, role, is_head, role_body, subtree) in enumerate(people):
        uid = first_user + offset
        user_rows.append((uid, _unusable_password(rng), None, False, username, "", "", f"{username}@example.com",
                          False, True, joined, texts.full_name(), "", None))  # fmt: skip
        position_rows.append((first_position + offset, joined, joined, uid, ids[body], title, is_head, None, None))
        role_rows.append((first_role + offset, joined, joined, uid, str(role), ids[role_body], subtree, None, None,
                          None))  # fmt: skip
    sink.write(users, user_rows)
    sink.write(positions, position_rows)
    sink.write(roles, role_rows)

    rules = table(RoutingRule, ["id", "created_at", "updated_at", "track", "topic_id", "unit_id", "organization_id",
                                "priority", "is_active", "note"])  # fmt: skip
    first_rule = sink.reserve(rules, len(communes) + 1)
    rule_rows = [(first_rule + i, joined, joined, "", None, c.pk, ids[f"{k}-{c.code}-ubnd"], 0, True, ROUTING_NOTE)
                 for i, c in enumerate(communes)]  # fmt: skip
    rule_rows.append((first_rule + len(communes), joined, joined, "", None, province.pk, ids[f"{k}-ban-tcd"], 0, True,
                      ROUTING_NOTE))  # fmt: skip
    sink.write(rules, rule_rows)
    return len(specs)


def _unusable_password(rng: random.Random) -> str:
    # Django's mark of an unusable password ("!" + random): nobody signs in as a generated officer
    # until an operator sets a password.
    return "!" + "".join(
        rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(40)
    )


def _province_load(province: AdministrativeUnit) -> ProvinceBodies:
    k = f"{PREFIX}{province.code}"
    signs = {f"{k}-{slug}": sign for slug, _kind, _name, sign, _n in PROVINCE_BODIES}
    bodies: dict[str, Body] = {}
    for org in Organization.objects.filter(code__startswith=f"{k}-").select_related("kind"):
        bodies[org.code] = Body(org.pk, org.code, org.name, org.kind.code, org.unit_id, org.parent_id,
                                signs.get(org.code, "UBND"))  # fmt: skip
    by_id = {b.id: b for b in bodies.values()}
    for user_id, role, org_id in RoleAssignment.objects.filter(
        organization_id__in=list(by_id), role__in=[Role.HEAD, Role.HANDLER], include_subtree=False
    ).values_list("user_id", "role", "organization_id"):
        body = by_id[org_id]
        if role == Role.HEAD:
            body.head = user_id
        else:
            body.handlers.append(user_id)
    for body in bodies.values():
        body.handlers.sort()
        if not body.head and body.handlers:
            body.head = body.handlers[0]
    communes = {b.unit_id: b for code, b in bodies.items() if b.kind == "ubnd" and code != f"{k}-ubnd"}
    provincial = {code[len(k) + 1 :]: b for code, b in bodies.items() if b.unit_id == province.pk}
    return ProvinceBodies(code=province.code, unit_id=province.pk, ubnd=bodies[f"{k}-ubnd"], bodies=provincial,
                          communes=communes)  # fmt: skip
