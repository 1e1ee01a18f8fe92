"""The commitments demo: the demo officers' commitments, one late unit, the ward's public commitments;
running it again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.emulation.models import Commitment, CommitmentReview, PublicCommitment
from danvan.emulation.selectors import commitments as selectors
from danvan.org.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_once_and_names_the_late_ward(frozen_clock):
    from danvan.emulation import demo_commitments
    from danvan.org.demo import demo_seed

    demo_seed(46)
    lines = demo_commitments.seed("127.0.0.1:8000")
    assert sorted(Commitment.objects.values_list("person__username", flat=True)) == [
        "chutich", "danvan", "xuly", "xuly"]  # fmt: skip
    assert CommitmentReview.objects.count() == 2 and PublicCommitment.objects.count() == 1
    assert any("http://127.0.0.1:8000/cam-ket-phuc-vu/" in line for line in lines)
    assert lines[-1] == ("Thiết lập từng năm (số việc cam kết, các đợt; bảng chung cả nước, quantri sửa): "
                         "http://127.0.0.1:8000/van-hanh/thi-dua/cam-ket/nam/")  # fmt: skip
    demo_commitments.seed("127.0.0.1:8000")
    assert (Commitment.objects.count(), CommitmentReview.objects.count(), PublicCommitment.objects.count()) == (4, 2, 1)
    frozen_clock.move_to(dt.datetime(2026, 4, 2, 2, 0, tzinfo=dt.UTC))
    head = User.objects.get(username="chutich")
    late = selectors.units_for(user=head, year=selectors.commitment_year_get(2026), late_only=True)
    assert [(r.organization.code.endswith("-ubnd"), r.late) for r in late] == [(True, ["no_commitment"])]
