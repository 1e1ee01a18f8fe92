"""The commendation part's demo rows (see demo.py), in Huế, through the services:

- the commended demo model (dvk's origin model): a Bằng khen proposed by its ward's Front committee
  (mattran), reviewed by danvan (Ban TG&DV) and chutich (another ward's chairman), decided by the city's
  People's Committee (the body that gives a province's Bằng khen under the seeded authority table; entered
  by the demo's administrator, quantri, since no demo officer holds a role there) with decision
  2150/QĐ-UBND — the decision moves the model to COMMENDED (demo_dvk calls ``model_proposal`` when it walks
  the origin, before the origin is replicated; here it is found again);
- one pending proposal of a Giấy khen for xuly, the demo ward's handler, by the ward's People's Committee
  (chutich).

A proposal is looked up by its subject, so running it again changes nothing."""

from __future__ import annotations

from django.urls import reverse

from danvan.core import clock
from danvan.emulation.demo_dvk import ORIGIN, PROVINCE
from danvan.emulation.models import CommendationForm, CommendationProposal, DvkModel
from danvan.emulation.rules.dvk import Stage
from danvan.emulation.services import commendation as services
from danvan.org.choices import Role
from danvan.org.models import Organization, RoleAssignment, User

MODEL_DECISION = "2150/QĐ-UBND"


def model_proposal(officers: dict[str, User], model: DvkModel) -> CommendationProposal | None:
    """The origin model's decided proposal (made once, through the services; the decision commends it)."""
    proposal = CommendationProposal.objects.filter(model=model).first()
    if proposal is not None:
        return proposal
    codes = {"ubnd": f"{PROVINCE}-ubnd", "tgdv": f"{PROVINCE}-ban-tgdv"}
    bodies = {key: Organization.objects.filter(code=code).first() for key, code in codes.items()}
    chair = (
        RoleAssignment.objects.filter(user=officers["chutich"], role=Role.HEAD).select_related("organization").first()
    )
    admin = User.objects.filter(username="quantri", is_superuser=True).first()
    if None in bodies.values() or chair is None or admin is None or model.stage != Stage.RECOGNISED:
        return None
    front, form = officers["mattran"], CommendationForm.objects.get(code="bang-khen")
    proposal = services.proposal_create(
        actor=front, organization=model.organization, model=model, form=form, level="tinh",
        achievements="Vận động 450 hộ tham gia, vượt chỉ tiêu; 100% kiệt có đèn chiếu sáng; mô hình được hai "
                     "phường khác học tập, nhân rộng.",
    )  # fmt: skip
    services.council_seat(actor=front, proposal=proposal, member=officers["danvan"], organization=bodies["tgdv"])  # type: ignore[arg-type]
    services.council_seat(actor=front, proposal=proposal, member=officers["chutich"], organization=chair.organization)
    services.council_opinion(actor=officers["danvan"], proposal=proposal, opinion="agree",
                             reason="Mô hình giải quyết được vấn đề bức xúc ở khu dân cư, có minh chứng.")  # fmt: skip
    services.council_opinion(actor=officers["chutich"], proposal=proposal, opinion="agree",
                             reason="Đã được hai phường nhân rộng, hiệu quả rõ.")  # fmt: skip
    return services.proposal_decide(
        actor=admin, proposal=proposal, deciding_organization=bodies["ubnd"],
        decision_number=MODEL_DECISION, decided_on=clock.today(), signer_name="Trần Văn Thanh",
        signer_title="Chủ tịch Ủy ban nhân dân", form=form, level="tinh",
    )  # fmt: skip


def _person_proposal(officers: dict[str, User]) -> CommendationProposal | None:
    person = officers["xuly"]
    proposal = CommendationProposal.objects.filter(person=person).first()
    if proposal is not None:
        return proposal
    chair = (
        RoleAssignment.objects.filter(user=officers["chutich"], role=Role.HEAD).select_related("organization").first()
    )
    if chair is None or not RoleAssignment.objects.filter(user=person, organization=chair.organization).exists():
        return None
    return services.proposal_create(
        actor=officers["chutich"], organization=chair.organization, person=person,
        person_organization=chair.organization, form=CommendationForm.objects.get(code="giay-khen"), level="xa",
        achievements="Tiếp nhận, xử lý đúng hạn 100% phản ánh, kiến nghị được giao trong năm; thái độ tận tình, "
                     "không để xảy ra phản ánh về tác phong.",
    )  # fmt: skip


def seed(addr: str) -> list[str]:
    names = ("mattran", "danvan", "chutich", "xuly")
    officers = {u.username: u for u in User.objects.filter(username__in=names)}
    model = DvkModel.objects.filter(name=ORIGIN, replicated_from__isnull=True).first()
    if len(officers) < len(names) or model is None:
        return []
    decided = model_proposal(officers, model)
    pending = _person_proposal(officers)
    base = f"http://{addr}"
    lines = [
        f"Khen thưởng — danh sách đề nghị (mattran, chutich, danvan): {base}{reverse('emulation:commendation_list')}",
        f"Hình thức khen thưởng, kỷ luật và thẩm quyền (bảng chung cả nước, quantri sửa; người quyết định xem thẩm "
        f"quyền): {base}{reverse('emulation:commendation_forms')}",
    ]
    if decided is not None:
        lines.append(f"Quyết định khen thưởng mô hình, bản in theo NĐ 30: "
                     f"{base}{reverse('emulation:commendation_print', args=[decided.pk])}")  # fmt: skip
    if pending is not None:
        lines.append(f"Đề nghị khen thưởng cá nhân đang chờ hội đồng (chutich): "
                     f"{base}{reverse('emulation:commendation_detail', args=[pending.pk])}")  # fmt: skip
    return lines
