"""The boards part's demo rows (see demo.py): the demo ward's Ban TTND (one member per residential group
seeded by the villages part, looked up by code ``tdp-1``/``tdp-2``, at least five), a recommendation
to the ward's People's Committee waiting for its answer, and a Ban GSĐTCĐ for a lane-paving project.
Set up by the demo Front officer (mattran, province Front with its subtree) through the services.
Running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from danvan.core import clock
from danvan.democracy import rules
from danvan.democracy.enums import BoardKind, MemberRole
from danvan.democracy.models import Board, Recommendation, Village
from danvan.democracy.permissions import MANAGE_BOARDS
from danvan.democracy.selectors.communes import commune_committee, commune_front
from danvan.democracy.services import boards as services
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment, User
from danvan.org.permissions import user_may

VILLAGE_CODES = ("tdp-1", "tdp-2")
PROJECT = "Bê tông hóa kiệt 7 đường Nguyễn Chí Thanh"
NAMES = ["Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng", "Hồ Thị Em", "Võ Văn Phúc", "Đặng Thị Giang"]


def seed(addr: str) -> list[str]:
    head = User.objects.filter(username="chutich").first()
    front_officer = User.objects.filter(username="mattran").first()
    assignment = RoleAssignment.objects.filter(user=head, role=Role.HEAD).select_related("organization__unit").first()
    if head is None or front_officer is None or assignment is None:
        return []
    commune = assignment.organization.unit
    front, committee = commune_front(commune), commune_committee(commune)
    if front is None or committee is None or not user_may(front_officer, MANAGE_BOARDS, front):
        return [f"Ban TTND: chưa có Ủy ban MTTQ của {commune.name} dưới quyền mattran — bỏ qua."]
    villages = list(Village.objects.filter(commune=commune, code__in=VILLAGE_CODES, is_active=True).order_by("code"))
    if not villages:
        return [f"Ban TTND: {commune.name} chưa có tổ dân phố tdp-1, tdp-2 (phần villages) — bỏ qua."]
    today = clock.today()
    start = today - dt.timedelta(days=60)
    board = services.active_ttnd(commune, today)
    if board is None:
        seats = rules.ttnd_seats(Village.objects.filter(commune=commune, is_active=True).count())
        members = [
            services.MemberInput(full_name=NAMES[i], village_id=villages[i].pk if i < len(villages) else None,
                                 role=MemberRole.HEAD if i == 0 else MemberRole.DEPUTY if i == 1 else MemberRole.MEMBER)
            for i in range(seats)
        ]  # fmt: skip
        board = services.board_ttnd_create(actor=front_officer, commune=commune, established_on=start,
                                           term_ends_on=rules.add_months(start, 60) - dt.timedelta(days=1),
                                           members=members)  # fmt: skip
    rec = Recommendation.objects.filter(board=board, to_organization=committee).first()
    if rec is None:
        rec = services.recommendation_send(
            actor=front_officer, board=board, to_organization=committee, sent_on=today - dt.timedelta(days=3),
            content="Đề nghị UBND phường kiểm tra, sửa chữa hệ thống đèn chiếu sáng kiệt 3 tổ dân phố 1 đã hỏng "
                    "hơn một tháng, người dân đi lại ban đêm không an toàn.",
        )  # fmt: skip
    if not Board.objects.filter(commune=commune, kind=BoardKind.GSDTCD, project=PROJECT).exists():
        services.board_gsdtcd_create(
            actor=front_officer, commune=commune, project=PROJECT, project_owner=committee.name,
            established_on=start, members=[services.MemberInput(full_name=n) for n in NAMES[2:7]],
        )  # fmt: skip
    base = f"http://{addr}"
    return [
        f"Ban Thanh tra nhân dân {commune.name} (mattran): {base}{reverse('democracy:board_detail', args=[board.pk])}",
        f"Kiến nghị chờ UBND trả lời (chutich, xuly): {base}{reverse('democracy:recommendation_inbox')}",
        f"Trang công khai các ban: {base}{reverse('democracy:public_boards', args=[commune.code])}"
        f" — gửi phản ánh cho Ban TTND: {base}{reverse('democracy:public_board_report', args=[commune.code])}",
    ]
