"""The dvk tests' world: Huế, the ward Phú Xuân that registers a model, Kim Long that replicates it, and the
officers around them (built from org's factories, as in production)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PIL import Image

from danvan.core import clock
from danvan.emulation.models import DvkModel
from danvan.emulation.services import dvk as services
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import KIM_LONG, commune, grant, hue_city, officer, organization, ward_body

START = dt.date(2025, 6, 1)
EVALUATION = dt.date(2026, 1, 15)  # before the frozen clock's 05/02/2026


@dataclass
class DvkWorld:
    city: Organization
    ward: Organization  # UBND Phú Xuân: the model's unit
    ward_front: Organization  # Ủy ban MTTQ Phú Xuân (same ward: never on the council)
    other: Organization  # UBND Kim Long: replicates
    other_front: Organization  # Ủy ban MTTQ Kim Long: an evaluator from another unit
    ward_head: User  # registers and runs the ward's model
    ward_front_officer: User
    other_head: User
    province_dv: User  # Ban Dân vận of the city, with its subtree: convenes, recognises at tỉnh level
    scorer_city: User  # evaluator from the city's MTTQ
    scorer_other: User  # evaluator from Kim Long's MTTQ
    stranger: User  # a handler: no dvk role


def make_world() -> DvkWorld:
    city = hue_city()
    ward = ward_body(city)
    other = ward_body(city, code=KIM_LONG)
    ward_front = organization("Ủy ban MTTQ Phú Xuân", kind="uy_ban_mttq", unit=ward.unit, parent=ward)
    other_front = organization("Ủy ban MTTQ Kim Long", kind="uy_ban_mttq", unit=commune(KIM_LONG), parent=other)
    city_front = organization("Ủy ban MTTQ thành phố Huế", kind="uy_ban_mttq", parent=city)
    province_dv = officer("bandanvan", Role.DAN_VAN_OFFICER, city, subtree=True)
    return DvkWorld(
        city=city, ward=ward, ward_front=ward_front, other=other, other_front=other_front,
        ward_head=officer("ctphuxuan", Role.HEAD, ward, subtree=True),
        ward_front_officer=officer("mtphuxuan", Role.FRONT_OFFICER, ward_front),
        other_head=officer("ctkimlong", Role.HEAD, other, subtree=True),
        province_dv=province_dv,
        scorer_city=officer("mttphue", Role.FRONT_OFFICER, city_front),
        scorer_other=officer("mtkimlong", Role.FRONT_OFFICER, other_front),
        stranger=officer("xuly", Role.HANDLER, ward),
    )  # fmt: skip


def full_input(**overrides: Any) -> services.DvkInput:
    values: dict[str, Any] = {
        "name": "Dân vận khéo trong chỉnh trang đô thị",
        "field": "van_hoa_xa_hoi",
        "situation": "Nhiều tuyến kiệt hẹp, rác thải ùn ứ, người dân chưa đồng thuận.",
        "goals": "Mỗi tổ dân phố có một tuyến kiệt xanh sạch đẹp; 90% hộ tham gia.",
        "content": "Vận động nhân dân hiến đất, góp ngày công; họp tổ dân phố hằng tháng.",
        "area": "Các tổ dân phố phường Phú Xuân; hộ gia đình ven kiệt.",
        "forces": [{"name": "Đảng ủy phường", "role": "in_charge"}, {"name": "Hội LHPN", "role": "participating"}],
        "money_vnd": 150_000_000,
        "working_days": 400,
        "start_on": START,
        "milestones": [{"on": "2025-09-01", "what": "Sơ kết"}],
        "evaluation_on": EVALUATION,
        "outputs": "Biên bản nghiệm thu từng tuyến kiệt; ảnh trước và sau.",
        "sustainability": "Tổ tự quản duy trì; dễ nhân rộng sang các phường khác.",
        "place": commune(19753),
    }
    values.update(overrides)
    return services.DvkInput(**values)


def registered(w: DvkWorld, **overrides: Any) -> DvkModel:
    model = services.dvk_model_save(actor=w.ward_head, organization=w.ward, data=full_input(**overrides))
    return services.dvk_model_register(actor=w.ward_head, model=model)


def implementing(w: DvkWorld, **overrides: Any) -> DvkModel:
    model = registered(w, **overrides)
    services.dvk_model_launch(actor=w.ward_head, model=model, launched_on=dt.date(2025, 6, 10))
    services.dvk_indicator_add(actor=w.ward_head, model=model, name="Tuyến kiệt xanh", unit="tuyến",
                               baseline=Decimal(2), target=Decimal(10))  # fmt: skip
    services.dvk_progress_report(actor=w.ward_head, model=model, text="Đã ra quân 3 tuyến.",
                                 reported_on=dt.date(2025, 9, 1))  # fmt: skip
    model.refresh_from_db()
    return model


def scores(value: int = 8) -> dict[str, tuple[int, str]]:
    codes = ["dat-tieu-chi", "nguoi-tham-gia", "nguon-luc", "giai-quyet-van-de", "lan-toa"]
    return {code: (value, "Có minh chứng") for code in codes}


def evaluated(w: DvkWorld, value: int = 8, **overrides: Any) -> DvkModel:
    model = implementing(w, **overrides)
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_city,
                              organization=Organization.objects.get(name="Ủy ban MTTQ thành phố Huế"))  # fmt: skip
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_other, organization=w.other_front)
    services.dvk_score_submit(actor=w.scorer_city, model=model, scores=scores(value))
    services.dvk_score_submit(actor=w.scorer_other, model=model, scores=scores(value))
    return services.dvk_council_conclude(actor=w.province_dv, model=model)


def recognised(w: DvkWorld, **overrides: Any) -> DvkModel:
    model = evaluated(w, **overrides)
    return services.dvk_model_recognise(actor=w.province_dv, model=model, level="tinh", decision="12/QĐ-BDV",
                                        recognised_on=dt.date(2026, 2, 5))  # fmt: skip


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_with_location() -> bytes:
    """A camera photo as phones send it: EXIF with the camera's make and a GPS position."""
    image = Image.new("RGB", (64, 48), (40, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (16.0, 28.0, 0.0), 3: "E", 4: (107.0, 35.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def recognised_with_photo(w: DvkWorld, photo: bytes | None = None, **overrides: Any) -> tuple[DvkModel, Any]:
    """A model recognised at province level with one progress photo (the public-photo tests): the photo is
    reported while the model is implemented, then the council scores and the city recognises it."""
    model = implementing(w, **overrides)
    report = services.dvk_progress_report(actor=w.ward_head, model=model, text="Ảnh tuyến kiệt sau chỉnh trang.",
                                          reported_on=dt.date(2025, 10, 1),
                                          photos=[("kiet.jpg", photo or jpeg_with_location())])  # fmt: skip
    city_front = Organization.objects.get(name="Ủy ban MTTQ thành phố Huế")
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_city, organization=city_front)
    services.dvk_council_seat(actor=w.province_dv, model=model, evaluator=w.scorer_other, organization=w.other_front)
    services.dvk_score_submit(actor=w.scorer_city, model=model, scores=scores())
    services.dvk_score_submit(actor=w.scorer_other, model=model, scores=scores())
    services.dvk_council_conclude(actor=w.province_dv, model=model)
    model = services.dvk_model_recognise(actor=w.province_dv, model=model, level="tinh", decision="12/QĐ-BDV",
                                         recognised_on=clock.today())  # fmt: skip
    return model, report.photos.get()


__all__ = ["grant"]
