"""The demo: the first ward's officials have figures this year (the handler's answered cases, the
commitments, the course's certificate), and the printed link opens their list for the ward's chair."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.clock import VIETNAM
from danvan.emulation import demo_evaluation_people

pytestmark = pytest.mark.django_db


def test_the_demo_prints_the_list_of_a_ward_whose_officials_have_figures(client, frozen_clock):
    from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed
    from danvan.emulation import demo_commitments, demo_training
    from danvan.org.demo import demo_seed
    from danvan.org.models import User

    frozen_clock.move_to(dt.datetime(2025, 6, 10, 9, 0, tzinfo=VIETNAM))
    demo_seed(46)
    demo_cases_seed(46)
    demo_answered_cases_seed()
    demo_commitments.seed("127.0.0.1:8000")
    demo_training.seed("127.0.0.1:8000")
    lines = demo_evaluation_people.seed("127.0.0.1:8000")
    assert len(lines) == 1 and "năm 2025" in lines[0]
    url = lines[0].split(": ", 1)[1].removeprefix("http://127.0.0.1:8000")
    assert url.startswith("/van-hanh/thi-dua/danh-gia/can-bo/?don_vi=") and url.endswith("&year=2025")
    client.force_login(User.objects.get(username="chutich"))
    response = client.get(url)
    assert response.status_code == 200
    measured = {sheet.person.username: {line.indicator.key for line in sheet.lines if line.measured.figure}
                for sheet, _url, _cells in response.context["rows"]}  # fmt: skip
    assert {"commitments_completed", "training_certificates"} <= measured["xuly"]
    assert "commitments_completed" in measured["chutich"]
    assert demo_evaluation_people.seed("127.0.0.1:8000") == lines  # writes nothing: the same line again
