"""The voting part's demo rows (see demo.py): in ``tdp-2`` of the demo's first ward of Huế (the villages
part seeds it and its households; looked up here by code, never created), an item-6 matter put online:
more than half of the households agreed to the online form, the vote is open for a week and a few
households have voted. Written through the services (as the ward's chair, ``chutich``); running it
again changes nothing.

DEMO ONLY: no real SMS is sent. A household asks for its code on the voting page; the logging SMS
gateway writes the SMS text (with the code) to the worker's log at DEBUG level, so run the worker with
``DANVAN_LOG_LEVEL=DEBUG`` to read it (docs/democracy/voting.md)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.core import clock
from danvan.democracy.enums import Form, VoteRoundStatus
from danvan.democracy.models import Household, Matter, OnlineVoter, Village, VoteRound
from danvan.democracy.selectors.communes import commune_committee
from danvan.democracy.services import voting as services
from danvan.org.models import User

PROVINCE = 46
VILLAGE = "tdp-2"
MATTER = "DEMO-BQTT-1"
ACTOR = "chutich"
BALLOTS = ["yes", "yes", "no", "yes"]  # the first households' sample votes


def _village() -> Village | None:
    return (
        Village.objects.select_related("commune", "organization")
        .filter(code=VILLAGE, commune__province__code=PROVINCE)
        .order_by("commune__code")
        .first()
    )


@transaction.atomic
def seed(addr: str) -> list[str]:
    village = _village()
    actor = User.objects.filter(username=ACTOR).first()
    if village is None or actor is None:
        return ["Biểu quyết trực tuyến: chưa có tổ dân phố tdp-2 (demo thôn, tổ dân phố chạy trước) — bỏ qua."]
    households = list(Household.objects.filter(village=village, is_active=True).order_by("code"))
    if not households:
        return ["Biểu quyết trực tuyến: tổ dân phố tdp-2 chưa có hộ gia đình — bỏ qua."]
    matter = Matter.objects.filter(code=MATTER).first()
    committee = commune_committee(village.commune) or village.organization.parent
    if matter is None and committee is not None:
        matter = Matter.objects.create(
            code=MATTER, commune=village.commune, organization=committee, village=village, scope="village", item=6,
            title="Giờ thu gom rác chung của tổ dân phố: 18 giờ hằng ngày",
            content="Tổ dân phố thống nhất để rác trước cửa từ 17 giờ 30 và thu gom chung lúc 18 giờ hằng ngày, "
                    "thay cho giờ thu gom buổi sáng hiện nay.",
            proposer="village_head", proposed_on=clock.today(),
        )  # fmt: skip
    if matter is None:
        return ["Biểu quyết trực tuyến: phường chưa có Ủy ban nhân dân — bỏ qua."]
    round_ = VoteRound.objects.filter(matter=matter, form=Form.ONLINE).order_by("-id").first()
    now = clock.now()
    if round_ is None:
        round_ = services.consent_round_open(actor=actor, matter=matter, opens_at=now - dt.timedelta(days=3),
                                             closes_at=now + dt.timedelta(days=1))  # fmt: skip
        for household in households[: len(households) // 2 + 2]:  # more than half agree
            services.consent_record(actor=actor, round_=round_, household=household, agreed=True)
    if round_.status == VoteRoundStatus.CONSENT:
        round_ = services.vote_open(actor=actor, round_=round_, opens_at=now - dt.timedelta(hours=1),
                                    closes_at=now + dt.timedelta(days=7))  # fmt: skip
    if round_.status == VoteRoundStatus.OPEN and not OnlineVoter.objects.filter(round=round_).exists():
        for household, choice in zip(households, BALLOTS, strict=False):
            # DEMO ONLY: the sample households' codes are made here, without an SMS.
            code = services._code_new(round_, household, services.VOTE)
            services.ballot_cast(round_=round_, household_code=household.code, code=code, choice=choice)
    voted = set(OnlineVoter.objects.filter(round=round_).values_list("household_id", flat=True))
    waiting = next((h for h in households if h.pk not in voted), None)
    base = f"http://{addr}"
    lines = [
        f"Biểu quyết trực tuyến ({village.name}, nội dung mục 6): {base}/dan-chu/bieu-quyet/{round_.pk}/",
        f"  Kết quả / kiểm tra phiếu: {base}/dan-chu/bieu-quyet/{round_.pk}/ket-qua/ · "
        f"{base}/dan-chu/bieu-quyet/{round_.pk}/kiem-tra/",
        f"  Trang của tổ trưởng (đăng nhập {ACTOR}): {base}/van-hanh/dan-chu/bieu-quyet/{round_.pk}/",
    ]
    if waiting is not None:
        lines.append(
            f"  Thử bỏ phiếu: mã hộ {waiting.code}, điện thoại {waiting.phone} — CHỈ DEMO: không có SMS thật; "
            "chạy worker với DANVAN_LOG_LEVEL=DEBUG để đọc mã trong nhật ký (dòng 'SMS … text: Ma bieu quyet …')."
        )
    return lines
