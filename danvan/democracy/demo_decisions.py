"""The decisions part's demo rows (see demo.py): in residential group tdp-1 of the demo ward (villages
and households are the villages part's; looked up here, never created), an item-1 matter — the
households' contribution to pave the lane — that fails 2/3 at a meeting (18 of 30 agree where 20 are
needed), then passes by a household ballot, its record written and sent. Running it again changes
nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from danvan.core import clock
from danvan.democracy.enums import DecisionItem, MatterStatus, Proposer, Scope
from danvan.democracy.models import DecisionRecord, Household, Matter, Village
from danvan.democracy.services import decisions as services
from danvan.org.models import User

TITLE = "Đóng góp làm đường kiệt tổ dân phố 1"
CONTENT = ("Bê tông hóa kiệt 12 dài 180 m. Mỗi hộ gia đình đóng góp 500.000 đồng; phần còn lại do ngân sách "
           "phường hỗ trợ. Thời gian đóng góp: trong 02 tháng kể từ ngày quyết định.")  # fmt: skip
TEAM = ["Nguyễn Thị Lan (Chi hội Phụ nữ)", "Trần Văn Hùng (Chi hội Cựu chiến binh)", "Lê Văn Nam (Chi đoàn)"]


def _village() -> Village | None:
    return (
        Village.objects.filter(code="tdp-1", commune__province__code=46, is_active=True)
        .select_related("commune")
        .order_by("commune__code")
        .first()
    )


def seed(addr: str) -> list[str]:
    village = _village()
    actor = User.objects.filter(username="chutich").first()
    if village is None or actor is None:
        return ["Quyết định cộng đồng: chưa có tổ dân phố tdp-1 (phần thôn, tổ dân phố chưa tạo) — bỏ qua."]
    homes = list(Household.objects.filter(village=village, is_active=True).order_by("code"))
    matter = Matter.objects.filter(village=village, title=TITLE).first()
    if matter is None and len(homes) >= 3:
        matter = _decide(actor, village, homes)
    if matter is None:
        return ["Quyết định cộng đồng: tdp-1 chưa có hộ gia đình — bỏ qua."]
    return [
        f"Quyết định cộng đồng {matter.code} ({matter.get_status_display()}): "
        f"{addr}{reverse('democracy:decision_detail', args=[matter.pk])} (chutich)",
        f"  Biên bản: {addr}{reverse('democracy:decision_print', args=[matter.pk])}",
        f"  Trang công khai: {addr}{reverse('democracy:decision_public', args=[matter.code])}",
    ]


def _decide(actor: User, village: Village, homes: list[Household]) -> Matter:
    today = clock.today()
    total = len(homes)
    needed_two_thirds = -(-2 * total // 3)  # the fewest that reach 2/3
    matter = services.matter_propose(
        actor=actor, scope=Scope.VILLAGE, item=DecisionItem.INFRASTRUCTURE_CONTRIBUTION, village=village,
        title=TITLE, content=CONTENT, proposer=Proposer.VILLAGE_HEAD, front_agreed_on=today - dt.timedelta(days=10),
        proposed_on=today - dt.timedelta(days=10),
    )  # fmt: skip
    # The meeting: about three quarters come, and two short of 2/3 of ALL households agree (30: 22, 18).
    present = max(needed_two_thirds, (3 * total) // 4)
    yes = needed_two_thirds - 2 if needed_two_thirds >= 2 else 0
    round_ = services.meeting_open(
        actor=actor, matter=matter, held_on=today - dt.timedelta(days=3), place="Nhà văn hóa tổ dân phố 1"
    )
    services.meeting_record(actor=actor, round_=round_, chaired_by="Nguyễn Văn Tổ (Tổ trưởng)",
                            secretary="Lê Thị Thư", present=present, absent=total - present, method="hands",
                            yes=yes, no=present - yes, minutes="Hội nghị thảo luận mức đóng góp.")  # fmt: skip
    matter.refresh_from_db()
    assert matter.status == MatterStatus.FAILED
    # The ballot: handed out yesterday, announced the law's lead before; all but two households return it.
    distribute_on = today - dt.timedelta(days=1)
    announced_on = services.due_on("thong_bao_phat_phieu", distribute_on)
    ballot = services.ballot_open(actor=actor, matter=matter, announced_on=announced_on, distribute_on=distribute_on,
                                  team=TEAM)  # fmt: skip
    returned = homes[: max(needed_two_thirds, total - 2)]
    for home in returned:
        services.ballot_return_record(actor=actor, round_=ballot, household_id=home.pk, returned_on=distribute_on)
    agree = needed_two_thirds + (1 if needed_two_thirds < len(returned) else 0)
    services.ballot_count(actor=actor, round_=ballot, yes=agree, no=len(returned) - agree, blank=0,
                          minutes="Tổ phát phiếu kiểm phiếu tại nhà văn hóa.")  # fmt: skip
    matter.refresh_from_db()
    if matter.status == MatterStatus.PASSED and not DecisionRecord.objects.filter(matter=matter).exists():
        record = services.record_write(
            actor=actor, matter=matter,
            decision="Các hộ gia đình tổ dân phố 1 thống nhất đóng góp 500.000 đồng/hộ để bê tông hóa kiệt 12.",
            signed_village_head="Nguyễn Văn Tổ", signed_front_head="Phạm Thị Mai",
            signed_representatives=[homes[0].representative_name, homes[1].representative_name],
        )  # fmt: skip
        services.record_send(actor=actor, record=record, sent_on=today)
    matter.refresh_from_db()
    return matter
