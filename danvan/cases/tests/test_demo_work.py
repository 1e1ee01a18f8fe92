"""The demo shows the work of issue 14: the counter clerk's login, cases overdue and due soon in the demo
ward's inbox (overdue first), and a petition entered at the counter then merged as a duplicate. Idempotent."""

from __future__ import annotations

import pytest

from danvan.cases import rules
from danvan.cases.choices import Channel, Status
from danvan.cases.demo import DUPLICATE_KEY, SAMPLES, demo_cases_seed, demo_work_seed
from danvan.cases.models import Case, CaseEvent
from danvan.cases.selectors import case_list_for
from danvan.core import clock
from danvan.org import permissions
from danvan.org.choices import Role
from danvan.org.demo import demo_seed
from danvan.org.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_the_demo_seeds_due_work_and_a_merged_duplicate_once():
    logins = demo_seed(46)
    assert ("tiepnhan", str(Role.COUNTER_CLERK.label)) in [(login.username, login.role_label) for login in logins]
    clerk = User.objects.get(username="tiepnhan")
    assert permissions.roles_of(clerk) == {Role.COUNTER_CLERK}
    demo_cases_seed(46)
    demo_work_seed()
    counts = (Case.objects.count(), CaseEvent.objects.count())
    demo_work_seed()
    assert (Case.objects.count(), CaseEvent.objects.count()) == counts
    today = clock.today()
    states = {
        key: rules.deadline_state(case.due_on, case.warn_on, today)
        for key, case in ((c.idempotency_key, c) for c in Case.objects.filter(idempotency_key__startswith="demo-due"))
    }
    assert states == {"demo-due-overdue": "overdue", "demo-due-soon": "due_soon"}
    inbox = list(case_list_for(user=User.objects.get(username="xuly")).values_list("idempotency_key", flat=True))
    assert inbox[:2] == ["demo-due-overdue", "demo-due-soon"]
    repeat = Case.objects.get(channel=Channel.COUNTER, idempotency_key=DUPLICATE_KEY)
    original = Case.objects.get(channel=Channel.WEB, idempotency_key=SAMPLES[0]["key"])
    assert (repeat.status, repeat.duplicate_of) == (Status.CLOSED, original)
