"""The demo: the commended demo model recorded as a decided proposal (not commended twice), one pending
proposal for a person; idempotent."""

from __future__ import annotations

import pytest

from danvan.emulation import demo_commendation, demo_dvk
from danvan.emulation.models import CommendationCouncilMember, CommendationProposal, DvkModel
from danvan.org.demo import demo_seed


@pytest.mark.django_db
def test_the_demo_records_the_commended_model_and_a_pending_proposal(frozen_clock) -> None:
    demo_seed(46)
    demo_dvk.seed("localhost:8000")
    lines = demo_commendation.seed("localhost:8000")
    origin = DvkModel.objects.get(name=demo_dvk.ORIGIN, replicated_from=None)
    decided = CommendationProposal.objects.get(model=origin)
    assert (decided.status, decided.decision_number, decided.decided_form.code) == (
        "decided", "2150/QĐ-UBND", "bang-khen")  # fmt: skip
    assert origin.stage == "replicated" and origin.commendation_decision_number == "2150/QĐ-UBND"
    assert sorted(CommendationCouncilMember.objects.filter(proposal=decided).values_list("user__username", "opinion")) == [
        ("chutich", "agree"), ("danvan", "agree")]  # fmt: skip
    pending = CommendationProposal.objects.get(person__username="xuly")
    assert (pending.status, pending.proposed_form.code, pending.proposed_level) == ("proposed", "giay-khen", "xa")
    assert len(lines) == 4 and f"/van-hanh/thi-dua/khen-thuong/{decided.pk}/in/" in "\n".join(lines)
    assert lines[1] == ("Hình thức khen thưởng, kỷ luật và thẩm quyền (bảng chung cả nước, quantri sửa; người quyết "
                        "định xem thẩm quyền): http://localhost:8000/van-hanh/thi-dua/khen-thuong/hinh-thuc/")  # fmt: skip
    assert demo_commendation.seed("localhost:8000") == lines
    assert CommendationProposal.objects.count() == 2


@pytest.mark.django_db
def test_the_demo_does_nothing_without_the_demo_data() -> None:
    assert demo_commendation.seed("localhost:8000") == []
