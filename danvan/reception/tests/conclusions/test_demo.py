"""The demo's notice: after a session, two tasks (one done, one open), the code and URLs printed; once."""

from __future__ import annotations

import pytest

from danvan.reception.models import ConclusionNotice, ConclusionTask, ReceptionSession

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_the_demo_issues_one_notice_with_a_done_and_an_open_task_once() -> None:
    from danvan.org.demo import demo_seed
    from danvan.reception.demo_conclusions import demo_conclusions_seed

    demo_seed(46)  # without the schedule's demo: the notice makes the session it needs
    lines = demo_conclusions_seed("127.0.0.1:8000")
    again = demo_conclusions_seed("127.0.0.1:8000")
    notice = ConclusionNotice.objects.get()
    assert lines == again
    assert notice.session is not None and ReceptionSession.objects.count() == 1
    assert sorted(ConclusionTask.objects.values_list("status", flat=True)) == ["done", "open"]
    text = "\n".join(lines)
    assert notice.follow_code in text and "/theo-doi-ket-luan/?code=" in text and "/ket-luan/" in text
