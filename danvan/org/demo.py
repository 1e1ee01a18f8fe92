"""The demo's bodies and officers: one real province (Thành phố Huế by default) with its real
communes, a realistic tree of the political system, and one officer for each role.

Built through the same import and role services an operator uses, so running it twice changes
nothing and every write is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core import tabular
from danvan.core.errors import DomainError
from danvan.org import services
from danvan.org.choices import Role, UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, User

DEMO_PASSWORD = "DanVan@2026"  # noqa: S105 — printed on screen: the demo is for trying the system, not production
# DEMO ONLY: the authenticator key of the demo head (chutich), printed with the logins so that a reviewer
# can open a denouncer's identity (step-up second factor, org/second_factor.py). A real officer's key is
# random and made by the enrolment page; this one is public and must never reach production.
DEMO_TOTP_KEY = "44656d6f2d6f6e6c792d6b65792d64616e76616e"  # "Demo-only-key-danvan" in hex

# Provincial departments after the 2025 reorganisation (Nghị định 45/2025/NĐ-CP on provincial agencies).
DEPARTMENTS = [
    ("so-noi-vu", "Sở Nội vụ"),
    ("so-tai-chinh", "Sở Tài chính"),
    ("so-tu-phap", "Sở Tư pháp"),
    ("so-xay-dung", "Sở Xây dựng"),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường"),
    ("so-cong-thuong", "Sở Công Thương"),
    ("so-y-te", "Sở Y tế"),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo"),
    ("so-van-hoa-the-thao-du-lich", "Sở Văn hóa, Thể thao và Du lịch"),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ"),
]
MASS_ORGS = [
    ("cong_doan", "ldld", "Liên đoàn Lao động"),
    ("hoi_lhpn", "hoi-lhpn", "Hội Liên hiệp Phụ nữ"),
    ("doan_tncs_hcm", "doan-tn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("hoi_nong_dan", "hoi-nong-dan", "Hội Nông dân"),
    ("hoi_ccb", "hoi-ccb", "Hội Cựu chiến binh"),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role_label: str
    where: str


def _row(code: str, name: str, kind: str, province: int, parent: str = "", commune: int | str = "") -> dict[str, Any]:
    return {"code": code, "name": name, "kind": kind, "province_code": str(province), "commune_code": str(commune),
            "parent_code": parent, "is_active": "1"}  # fmt: skip


def organization_rows(province: AdministrativeUnit) -> list[dict[str, Any]]:
    """The rows of the demo's organization file for ``province`` and each of its communes."""
    p, pc = province.short_name, province.code
    city = province.division_type == "thành phố trung ương"
    committee = "Thành ủy" if city else "Tỉnh ủy"
    level = "thành phố" if city else "tỉnh"
    k = f"{pc}"
    rows = [
        _row(f"{k}-cap-uy", f"{committee} {p}", "tinh_uy", pc),
        _row(
            f"{k}-ban-tgdv", f"Ban Tuyên giáo và Dân vận {committee} {p}", "ban_tuyen_giao_dan_van", pc, f"{k}-cap-uy"
        ),
        _row(f"{k}-ban-to-chuc", f"Ban Tổ chức {committee} {p}", "ban_to_chuc", pc, f"{k}-cap-uy"),
        _row(f"{k}-ubkt", f"Ủy ban Kiểm tra {committee} {p}", "uy_ban_kiem_tra_dang", pc, f"{k}-cap-uy"),
        _row(f"{k}-vp-cap-uy", f"Văn phòng {committee} {p}", "van_phong_cap_uy", pc, f"{k}-cap-uy"),
        _row(f"{k}-hdnd", f"Hội đồng nhân dân {level} {p}", "hdnd", pc),
        _row(f"{k}-hdnd-ban-phap-che", f"Ban Pháp chế HĐND {level} {p}", "ban_hdnd", pc, f"{k}-hdnd"),
        _row(f"{k}-ubnd", f"Ủy ban nhân dân {level} {p}", "ubnd", pc),
        _row(f"{k}-vp-ubnd", f"Văn phòng UBND {level} {p}", "van_phong_ubnd", pc, f"{k}-ubnd"),
        _row(f"{k}-thanh-tra", f"Thanh tra {level} {p}", "thanh_tra", pc, f"{k}-ubnd"),
        _row(f"{k}-ban-tcd", f"Ban Tiếp công dân {level} {p}", "ban_tiep_cong_dan", pc, f"{k}-ubnd"),
        _row(f"{k}-tt-hcc", f"Trung tâm Phục vụ hành chính công {level} {p}", "trung_tam_phuc_vu_hcc", pc, f"{k}-ubnd"),
        _row(f"{k}-mttq", f"Ủy ban Mặt trận Tổ quốc Việt Nam {level} {p}", "uy_ban_mttq", pc),
    ]
    rows += [_row(f"{k}-{slug}", f"{name} {p}", "so", pc, f"{k}-ubnd") for slug, name in DEPARTMENTS]
    rows += [_row(f"{k}-{slug}", f"{name} {level} {p}", kind, pc, f"{k}-mttq") for kind, slug, name in MASS_ORGS]
    communes = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province=province)
    for commune in communes.order_by("code"):
        c, cc, n = f"{k}-{commune.code}", commune.code, commune.name
        ward = commune.division_type == "phường"
        rows += [
            _row(f"{c}-dang-uy", f"Đảng ủy {n}", "dang_uy_xa", pc, f"{k}-cap-uy", cc),
            _row(f"{c}-ban-xdd", f"Ban Xây dựng Đảng, Đảng ủy {n}", "ban_xay_dung_dang", pc, f"{c}-dang-uy", cc),
            _row(f"{c}-hdnd", f"Hội đồng nhân dân {n}", "hdnd", pc, f"{k}-hdnd", cc),
            _row(f"{c}-ubnd", f"Ủy ban nhân dân {n}", "ubnd", pc, f"{k}-ubnd", cc),
            _row(f"{c}-vp", f"Văn phòng HĐND và UBND {n}", "van_phong_hdnd_ubnd", pc, f"{c}-ubnd", cc),
            _row(
                f"{c}-phong-kt",
                ("Phòng Kinh tế, Hạ tầng và Đô thị " if ward else "Phòng Kinh tế ") + n,
                "phong_chuyen_mon",
                pc,
                f"{c}-ubnd",
                cc,
            ),
            _row(f"{c}-phong-vhxh", f"Phòng Văn hóa - Xã hội {n}", "phong_chuyen_mon", pc, f"{c}-ubnd", cc),
            _row(f"{c}-tt-hcc", f"Trung tâm Phục vụ hành chính công {n}", "trung_tam_phuc_vu_hcc", pc, f"{c}-ubnd", cc),
            _row(f"{c}-mttq", f"Ủy ban MTTQ Việt Nam {n}", "uy_ban_mttq", pc, f"{k}-mttq", cc),
            _row(f"{c}-ban-ttnd", f"Ban Thanh tra nhân dân {n}", "ban_thanh_tra_nhan_dan", pc, f"{c}-mttq", cc),
            _row(f"{c}-hoi-lhpn", f"Hội Liên hiệp Phụ nữ {n}", "hoi_lhpn", pc, f"{c}-mttq", cc),
            _row(f"{c}-doan-tn", f"Đoàn Thanh niên {n}", "doan_tncs_hcm", pc, f"{c}-mttq", cc),
            _row(f"{c}-hoi-ccb", f"Hội Cựu chiến binh {n}", "hoi_ccb", pc, f"{c}-mttq", cc),
        ]
        if not ward:
            rows.append(_row(f"{c}-hoi-nd", f"Hội Nông dân {n}", "hoi_nong_dan", pc, f"{c}-mttq", cc))
        community_kind, community_name = ("to_dan_pho", "Tổ dân phố") if ward else ("thon", "Thôn")
        for i in (1, 2, 3):
            rows.append(_row(f"{c}-cd-{i}", f"{community_name} {i}, {n}", community_kind, pc, f"{c}-ubnd", cc))
    return rows


def _user(username: str, full_name: str, *, superuser: bool = False) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "is_superuser": superuser, "is_staff": superuser}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_seed(province_code: int) -> list[DemoLogin]:
    """Create (or confirm) the demo province's bodies and officers. Idempotent."""
    province = AdministrativeUnit.objects.filter(
        era=UnitEra.CURRENT, level=UnitLevel.PROVINCE, code=province_code
    ).first()
    if province is None:
        raise DomainError(f"no current province with code {province_code}: run `danvan load-units` first")
    admin = _user("quantri", "Quản trị hệ thống", superuser=True)
    rows = [tabular.Row(line, {key: str(v) for key, v in row.items()})
            for line, row in enumerate(organization_rows(province), start=2)]  # fmt: skip
    report = services.organizations_import(actor=admin, rows=rows, reason="demo")
    if not report.ok:
        raise DomainError("; ".join(f"{e.line}/{e.column}: {e.message}" for e in report.errors[:5]))
    orgs = {o.code: o for o in Organization.objects.filter(code__startswith=f"{province_code}-")}
    first_commune = (
        AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province=province)
        .order_by("code")
        .first()
    )
    assert first_commune is not None
    commune_key = f"{province_code}-{first_commune.code}"
    k = str(province_code)
    plan = [
        ("vanhanh", "Nguyễn Văn Hành", Role.OPERATOR, [f"{k}-cap-uy", f"{k}-hdnd", f"{k}-ubnd", f"{k}-mttq"], True, ""),
        ("xuly", "Trần Thị Xử Lý", Role.HANDLER, [f"{commune_key}-ubnd"], False, "Công chức tiếp nhận, xử lý đơn"),
        # Owns the intake queue of petitions that name no commune (cases.demo, docs/places.md).
        ("tiepdan", "Đoàn Thị Tiếp Dân", Role.HANDLER, [f"{k}-ban-tcd"], False, "Chuyên viên Ban Tiếp công dân"),
        (
            "tiepnhan",
            "Đỗ Thị Tiếp Nhận",
            Role.COUNTER_CLERK,
            [f"{commune_key}-ubnd"],
            False,
            "Công chức Bộ phận tiếp nhận và trả kết quả",
        ),
        ("chutich", "Lê Văn Chủ", Role.HEAD, [f"{commune_key}-ubnd"], True, "Chủ tịch UBND"),
        # A Ban Dân vận officer follows public opinion across the province: the role on the province's People's
        # Committee and the bodies under it (every commune's), as ``danvan generate`` gives it; the Ban TG&DV
        # itself has no body under it, so a grant there alone would show no case, alert or topic.
        (
            "danvan",
            "Phạm Thị Dân Vận",
            Role.DAN_VAN_OFFICER,
            [f"{k}-ban-tgdv", f"{k}-ubnd"],
            True,
            "Chuyên viên Ban TG&DV",
        ),
        ("mattran", "Hoàng Văn Mặt Trận", Role.FRONT_OFFICER, [f"{k}-mttq"], True, "Phó Chủ tịch Ủy ban MTTQ"),
        ("thanhtra", "Võ Thị Thanh Tra", Role.INSPECTOR, [f"{k}-thanh-tra"], False, "Thanh tra viên"),
    ]
    logins = [DemoLogin("quantri", "Quản trị hệ thống (superuser)", "—")]
    for username, full_name, role, codes, subtree, title in plan:
        user = _user(username, full_name)
        for code in codes:
            services.role_assign(actor=admin, user=user, role=role, organization=orgs[code], include_subtree=subtree,
                                 reason="demo", check_permission=False)  # fmt: skip
        if title:
            user.positions.get_or_create(organization=orgs[codes[0]], title=title,
                                         defaults={"is_head": role == Role.HEAD})  # fmt: skip
        where = ", ".join(orgs[c].name for c in codes) + (" (và các cơ quan trực thuộc)" if subtree else "")
        logins.append(DemoLogin(username, str(Role(role).label), where))
    head = User.objects.get(username="chutich")
    if not TOTPDevice.objects.filter(user=head).exists():
        TOTPDevice.objects.create(user=head, name="demo", key=DEMO_TOTP_KEY, confirmed=True)
    _user("congdan", "Nguyễn Thị Công Dân")
    logins.append(DemoLogin("congdan", str(Role.CITIZEN.label), "—"))
    return logins


def demo_totp_secret() -> str:
    """The demo head's authenticator key in base32 (what an app takes), or "" once it was changed."""
    import base64

    device = TOTPDevice.objects.filter(user__username="chutich", confirmed=True, key=DEMO_TOTP_KEY).first()
    return base64.b32encode(device.bin_key).decode() if device is not None else ""
