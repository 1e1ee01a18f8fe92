"""The dvk part's demo rows (see demo.py): in Huế, "Dân vận khéo" models of the wards' Front committees
and mass organisations at each stage of the lifecycle, one recognised at province level, commended and
replicated by two other wards, and two exemplars. Everything goes through the services, as the demo
officers: mattran (the city's Front, with its subtree) registers, convenes and recognises; danvan (Ban
Tuyên giáo và Dân vận) and chutich (the first ward's chairman, scoring other wards' models) sit on the
councils. The origin is commended before it is replicated, through a commendation proposal decided by the
city's Front committee (``demo_commendation.model_proposal``). Dates are relative to today. A model is looked up by its unit and name, so running it again
changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse

from danvan.core import clock
from danvan.emulation.models import DvkExemplar, DvkModel, DvkPhoto
from danvan.emulation.rules.dvk import Stage
from danvan.emulation.services import dvk as services
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, User

PROVINCE = 46  # Huế
ORIGIN = "Dân vận khéo trong chỉnh trang kiệt, hẻm xanh – sạch – sáng"
ORDER = [Stage.DRAFT, Stage.REGISTERED, Stage.LAUNCHED, Stage.IMPLEMENTING, Stage.EVALUATED, Stage.RECOGNISED,
         Stage.COMMENDED]  # fmt: skip

# (ward index, body, name, field, target stage, situation, goals, content)
PLAN: list[tuple[int, str, str, str, Stage, str, str, str]] = [
    (1, "mttq", ORIGIN, "van_hoa_xa_hoi", Stage.COMMENDED,
     "Nhiều kiệt, hẻm nhỏ thiếu đèn chiếu sáng, rác thải tồn đọng, người dân chưa đồng thuận hiến đất mở rộng.",
     "100% kiệt có đèn chiếu sáng; 90% hộ tham gia giữ vệ sinh; không còn điểm rác tự phát.",
     "Mặt trận phường chủ trì, vận động từng hộ; tổ dân phố tự quản; doanh nghiệp tài trợ bóng đèn."),
    (1, "hoi-lhpn", "Phụ nữ phường chung tay phân loại rác tại nguồn", "van_hoa_xa_hoi", Stage.DRAFT,
     "Rác thải sinh hoạt chưa được phân loại, chi phí thu gom tăng.", "70% hộ phân loại rác tại nguồn.",
     "Hội viên hướng dẫn từng hộ; đổi rác tái chế lấy cây xanh."),
    (2, "doan-tn", "Thanh niên hỗ trợ người cao tuổi làm thủ tục trực tuyến", "xay_dung_htct", Stage.REGISTERED,
     "Người cao tuổi gặp khó khi nộp hồ sơ trực tuyến.", "500 lượt hỗ trợ; 95% người được hỗ trợ hài lòng.",
     "Đoàn viên trực tại Trung tâm phục vụ hành chính công phường vào sáng thứ Bảy."),
    (3, "hoi-ccb", "Cựu chiến binh tự quản an ninh trật tự tổ dân phố", "quoc_phong_an_ninh", Stage.LAUNCHED,
     "Trộm cắp vặt tăng ở các kiệt ven sông.", "Giảm 50% vụ trộm cắp vặt so với năm trước.",
     "Tổ tuần tra tự quản của cựu chiến binh phối hợp công an phường."),
    (2, "mttq", "Nhóm Zalo tổ dân phố tiếp nhận phản ánh của người dân", "xay_dung_htct", Stage.IMPLEMENTING,
     "Phản ánh của người dân đến chậm, trả lời không kịp thời.", "100% phản ánh được trả lời trong 3 ngày.",
     "Mỗi tổ dân phố một nhóm Zalo có cán bộ phường tham gia; tổng hợp hằng tuần."),
    (3, "mttq", "Bếp ăn yêu thương cho bệnh nhân nghèo", "van_hoa_xa_hoi", Stage.EVALUATED,
     "Bệnh nhân nghèo điều trị dài ngày thiếu bữa ăn.", "Mỗi ngày 200 suất cơm miễn phí.",
     "Mặt trận vận động nhà hảo tâm; hội viên phụ nữ nấu và phát cơm."),
]  # fmt: skip


def _input(name: str, field: str, situation: str, goals: str, content: str, place: Any) -> services.DvkInput:
    today = clock.today()
    return services.DvkInput(
        name=name, field=field, situation=situation, goals=goals, content=content,
        area="Các tổ dân phố trên địa bàn phường; hộ gia đình và người dân.",
        forces=[{"name": "Đảng ủy phường (lãnh đạo)", "role": "in_charge"},
                {"name": "Ủy ban nhân dân phường", "role": "coordinating"},
                {"name": "Các chi hội, tổ dân phố", "role": "participating"}],
        money_vnd=120_000_000, working_days=600, facilities="Nhà văn hóa tổ dân phố",
        social_contributions="Doanh nghiệp và nhà hảo tâm trên địa bàn",
        start_on=today - dt.timedelta(days=400), evaluation_on=today - dt.timedelta(days=20),
        milestones=[{"on": (today - dt.timedelta(days=200)).isoformat(), "what": "Sơ kết 6 tháng"}],
        outputs="Biên bản nghiệm thu; ảnh trước và sau; danh sách hộ tham gia.",
        sustainability="Tổ tự quản duy trì sau khi kết thúc; quy trình ngắn, dễ áp dụng ở phường khác.",
        place=place, participants_people=1200, participants_households=450,
    )  # fmt: skip


def _walk(model: DvkModel, target: Stage, officers: dict[str, User], bodies: dict[str, Organization]) -> None:
    """Take the model through the services up to ``target`` (each step once)."""
    front, today = officers["mattran"], clock.today()
    if target == Stage.DRAFT:
        return
    services.dvk_model_register(actor=front, model=model)
    if target == Stage.REGISTERED:
        return
    services.dvk_model_launch(actor=front, model=model, launched_on=today - dt.timedelta(days=390),
                              commitments="Mỗi hộ đăng ký một việc làm cụ thể.")  # fmt: skip
    if target == Stage.LAUNCHED:
        return
    indicator = services.dvk_indicator_add(actor=front, model=model, name="Hộ tham gia", unit="hộ",
                                           baseline=Decimal(80), target=Decimal(400))  # fmt: skip
    services.dvk_progress_report(actor=front, model=model, text="Sơ kết 6 tháng: đã vận động được 260 hộ.",
                                 reported_on=today - dt.timedelta(days=200),
                                 measurements={indicator.pk: Decimal(260)})  # fmt: skip
    services.dvk_progress_report(actor=front, model=model, text="Tổng kết: 450 hộ tham gia, vượt chỉ tiêu.",
                                 reported_on=today - dt.timedelta(days=25),
                                 measurements={indicator.pk: Decimal(450)})  # fmt: skip
    if target == Stage.IMPLEMENTING:
        return
    for username, body in (("danvan", "ban-tgdv"), ("chutich", "ubnd-1")):
        services.dvk_council_seat(actor=front, model=model, evaluator=officers[username], organization=bodies[body])
    for username, value in (("danvan", 8), ("chutich", 9)):
        sheet = {c.code: (value, "Có minh chứng trong báo cáo tổng kết") for c in model.scorecard.criteria.all()}  # type: ignore[union-attr]
        services.dvk_score_submit(actor=officers[username], model=model, scores=sheet)
    services.dvk_council_conclude(actor=front, model=model)
    if target == Stage.EVALUATED:
        return
    services.dvk_model_recognise(actor=front, model=model, level="tinh", decision="125/QĐ-MTTQ-BTT",
                                 recognised_on=today)  # fmt: skip
    if target == Stage.RECOGNISED:
        return
    # Commended the one way there is: a proposal, its council and the decision (the commendation part).
    from danvan.emulation import demo_commendation  # imported here: it reads this module's names

    demo_commendation.model_proposal(officers, model)


def seed(addr: str) -> list[str]:
    names = ("mattran", "danvan", "chutich")
    officers = {u.username: u for u in User.objects.filter(username__in=names)}
    wards = list(AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.COMMUNE,
                                                   province__code=PROVINCE).order_by("code")[:4])  # fmt: skip
    if len(officers) < len(names) or len(wards) < 4:
        return []
    codes = {f"{PROVINCE}-ban-tgdv": "ban-tgdv", f"{PROVINCE}-{wards[0].code}-ubnd": "ubnd-1"}
    for i in (1, 2, 3):
        for body in ("mttq", "hoi-lhpn", "doan-tn", "hoi-ccb"):
            codes[f"{PROVINCE}-{wards[i].code}-{body}"] = f"{body}-{i}"
    bodies = {codes[o.code]: o for o in Organization.objects.filter(code__in=codes)}
    if len(bodies) < len(codes):
        return []
    models: dict[str, DvkModel] = {}
    for ward, body, name, field, target, situation, goals, content in PLAN:
        org = bodies[f"{body}-{ward}"]
        model = DvkModel.objects.filter(organization=org, name=name).first()
        if model is None:
            model = services.dvk_model_save(actor=officers["mattran"], organization=org,
                                            data=_input(name, field, situation, goals, content, wards[ward]))  # fmt: skip
            _walk(model, target, officers, bodies)
        models[name] = model
    origin = models[ORIGIN]
    origin.refresh_from_db()
    for i, stage in ((2, Stage.LAUNCHED), (3, Stage.REGISTERED)):  # replicated twice, by two other wards
        org = bodies[f"mttq-{i}"]
        if not DvkModel.objects.filter(replicated_from=origin, organization=org).exists():
            copy = services.dvk_model_replicate(actor=officers["mattran"], origin=origin, organization=org)
            data = _input(copy.name, copy.field, f"Học tập mô hình của {wards[1].name}: " + PLAN[0][5], copy.goals,
                          copy.content, wards[i])  # fmt: skip
            services.dvk_model_save(actor=officers["mattran"], organization=org, model=copy, data=data)
            _walk(copy, stage, officers, bodies)
    for name, kind, body, achievement in (
        ("Bà Nguyễn Thị Hoa, Tổ trưởng tổ dân phố 2", "person", "mttq-1",
         "Vận động 45 hộ hiến đất mở rộng kiệt, không phát sinh khiếu nại."),
        ("Chi hội Phụ nữ tổ dân phố 3", "collective", "hoi-lhpn-1",
         "Duy trì 3 năm liền mô hình phân loại rác, 100% hội viên tham gia."),
    ):  # fmt: skip
        if not DvkExemplar.objects.filter(name=name).exists():
            exemplar = services.dvk_exemplar_propose(actor=officers["mattran"], organization=bodies[body], name=name,
                                                     kind=kind, field="van_hoa_xa_hoi", achievement=achievement,
                                                     model=origin)  # fmt: skip
            services.dvk_exemplar_decide(actor=officers["mattran"], exemplar=exemplar, recognised=True, level="tinh",
                                         decision_number="126/QĐ-MTTQ-BTT")  # fmt: skip
    _public_photo(origin, officers["mattran"])
    base = f"http://{addr}"
    return [
        f"Dân vận khéo — thư viện mô hình (công khai): {base}{reverse('emulation:dvk_gallery')}",
        f"Mô hình được nhân rộng hai lần — câu chuyện công khai: {base}{reverse('emulation:dvk_story', args=[origin.pk])}"
        f"; cây nhân rộng đầy đủ (mattran): {base}{reverse('emulation:dvk_detail', args=[origin.pk])}",
        f"Quản lý mô hình, hội đồng chấm điểm (mattran; danvan, chutich chấm): {base}{reverse('emulation:dvk_list')}",
        f"Bản đồ mô hình theo xã, phường (công khai; danh sách địa bàn khi không có JavaScript): "
        f"{base}{reverse('emulation:dvk_gallery')}#dvk-map-heading — ảnh công khai (người trong ảnh đã đồng ý): "
        f"{base}{reverse('emulation:dvk_story', args=[origin.pk])}#anh",
        f"Bảng điểm Dân vận khéo (bảng chung cả nước, quantri sửa): {base}{reverse('emulation:dvk_scorecards')}",
    ]


def _public_photo(origin: DvkModel, front: User) -> None:
    """One photo of the recognised model made public with the attestation. The origin's reports were made
    without photos (the demo had none before): the photo is drawn (as the public feed's demo draws them,
    ``cases.demo._demo_photo``), cleaned by ``files.checks`` like any upload and put on its last report."""
    from danvan.cases.demo import _demo_photo
    from danvan.files import checks

    photo = DvkPhoto.objects.filter(report__model=origin).order_by("id").first()
    if photo is None:
        report = origin.reports.order_by("-reported_on", "-id").first()
        if report is None:
            return
        clean = checks.inspect_upload("kiet-sang-den.jpg", _demo_photo("lamp", after=True))
        photo = DvkPhoto(report=report, name=clean.name, content_type=clean.content_type, size=clean.size,
                         sha256=clean.sha256)  # fmt: skip
        photo.file.save(f"demo-{clean.sha256[:16]}-{clean.name}", ContentFile(clean.data), save=False)
        photo.save()
    if not photo.is_public:
        services.dvk_photo_publish(actor=front, photo=photo, consent=True)
