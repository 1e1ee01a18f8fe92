"""The report of receipt and handling: counts per body within the reader's scope, the period, exports."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.cases.choices import Track
from danvan.cases.models import Case
from danvan.cases.selectors import case_report
from danvan.cases.services import handling
from danvan.cases.tests.views.test_staff import World, submit, to_cao
from danvan.cases.tests.views.test_staff import world as world
from danvan.core.clock import VIETNAM

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

URL = "/van-hanh/bao-cao/"


def _cases(w: World) -> list[Case]:
    """Two feedback petitions (one answered and closed), a complaint and a denunciation, all at Phú Xuân,
    and one feedback moved to Kim Long."""
    first, second = submit(), submit(title="Rác thải", content="Rác thải tồn đọng ở kiệt 4 nhiều ngày.")
    handling.case_assign(case=first, actor=w.head, handler=w.handler)
    handling.case_register(case=first, actor=w.handler)
    handling.case_answer(case=first, actor=w.handler, answer_text="Đã nạo vét cống kiệt 12.")
    handling.case_close(case=first, actor=w.handler)
    complaint = submit(track=Track.KHIEU_NAI, title="Khiếu nại quyết định thu hồi đất")
    denunciation = to_cao()
    moved = submit(title="Đèn đường hỏng")
    Case.objects.filter(pk=moved.pk).update(handling_organization=w.other)
    return [first, second, complaint, denunciation, moved]


def test_counts_per_body_by_track_and_state(world) -> None:
    _cases(world)
    today = dt.date(2026, 2, 5)
    rows = {row.organization_id: row for row in case_report(user=world.inspector, start=dt.date(2026, 1, 1),
                                                                 end=today, today=today)}  # fmt: skip
    phuong, other = rows[world.phuong.pk], rows[world.other.pk]
    assert (phuong.received, phuong.pakn, phuong.khieu_nai, phuong.to_cao) == (4, 2, 1, 1)
    assert (phuong.in_progress, phuong.answered, phuong.decided, phuong.closed, phuong.ended) == (3, 0, 0, 1, 0)
    assert phuong.overdue == 0
    assert (other.received, other.in_progress) == (1, 1)
    # Months later every open case is past its legal deadline.
    later = dt.date(2026, 6, 1)
    rows = {row.organization_id: row for row in case_report(user=world.inspector, start=dt.date(2026, 1, 1),
                                                                 end=later, today=later)}  # fmt: skip
    assert rows[world.phuong.pk].overdue == 3


def test_the_reader_sees_only_their_scope_and_no_denunciation_without_the_right(world) -> None:
    _cases(world)
    day = dt.date(2026, 2, 5)
    head_rows = case_report(user=world.head, start=dt.date(2026, 1, 1), end=day, today=day)
    assert [row.organization_id for row in head_rows] == [world.phuong.pk]
    assert head_rows[0].received == 4  # the head of Phú Xuân handles denunciations there
    other_rows = case_report(user=world.other_head, start=dt.date(2026, 1, 1), end=day, today=day)
    assert [(row.organization_id, row.received) for row in other_rows] == [(world.other.pk, 1)]
    # A dân vận officer supervises, but a denunciation is not theirs to see (Luật Tố cáo 2018, Art. 47).
    dan_van = {row.organization_id: row for row in case_report(user=world.dan_van, start=dt.date(2026, 1, 1),
                                                                    end=day, today=day)}  # fmt: skip
    assert dan_van[world.phuong.pk].to_cao == 0
    assert case_report(user=world.citizen, start=dt.date(2026, 1, 1), end=day, today=day) == []


def test_the_period_is_the_day_received(world) -> None:
    _cases(world)
    assert case_report(user=world.inspector, start=dt.date(2026, 2, 6), end=dt.date(2026, 3, 1)) == []
    rows = case_report(user=world.inspector, start=dt.date(2026, 2, 5), end=dt.date(2026, 2, 5))
    assert sum(row.received for row in rows) == 5


def test_page_shows_bodies_and_totals_in_few_queries(client, world) -> None:
    _cases(world)
    client.force_login(world.inspector)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    # session, user, roles, the grouped count, the names of the page's bodies
    assert len(captured) <= 6
    page = response.content.decode()
    assert "UBND Phường Phú Xuân" in page and "UBND Phường Kim Long" in page
    assert response.context["totals"] == {"received": 5, "pakn": 3, "khieu_nai": 1, "to_cao": 1, "in_progress": 4,
                                          "answered": 0, "decided": 0, "closed": 1, "ended": 0,
                                          "overdue": 0}  # fmt: skip
    assert "Báo cáo" in page  # Vietnamese first


def test_bad_period_is_explained_and_the_default_period_shown(client, world) -> None:
    client.force_login(world.inspector)
    response = client.get(URL, {"start": "2026-03-01", "end": "2026-01-01"})
    assert response.status_code == 400
    assert "trước" in response.content.decode()  # "must come before its end", in Vietnamese
    assert response.context["start"] == dt.date(2026, 1, 1)


def test_export_xlsx_and_csv_hold_every_body_and_the_total(client, world) -> None:
    _cases(world)
    client.force_login(world.inspector)
    response = client.get(URL + "xuat.xlsx", {"start": "2026-01-01", "end": "2026-02-05"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[-1][0] in ("Tổng cộng", "Total") and values[-1][1] == 5
    assert {"UBND Phường Phú Xuân", "UBND Phường Kim Long"} <= {row[0] for row in values[1:-1]}
    csv = client.get(URL + "xuat.csv").content.decode("utf-8-sig")
    assert "UBND Phường Phú Xuân" in csv
    assert client.get(URL + "xuat.pdf").status_code == 404


def test_outsiders_get_not_found(client, world) -> None:
    client.force_login(world.citizen)
    assert client.get(URL).status_code == 404
    assert client.get(URL + "xuat.csv").status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


def test_clock_is_vietnam_time(world, frozen_clock) -> None:
    # The default period ends "today" in Vietnam, whatever the server's zone.
    frozen_clock.move_to(dt.datetime(2026, 2, 5, 23, 30, tzinfo=VIETNAM))
    from danvan.cases.views.report import _period

    class Request:
        GET: dict[str, str] = {}

    _form, start, end = _period(Request())
    assert (start, end) == (dt.date(2026, 1, 1), dt.date(2026, 2, 5))


def test_scopes_written_as_one_condition_keep_the_same_cases(world) -> None:
    """_visible writes "in scope" once when both case permissions have the same scope (issue 7): the
    cases each reader sees must not change, for a superuser (everything) nor for a citizen-submitter."""
    from danvan.cases.selectors import InboxFilters, case_list_for
    from danvan.org import permissions
    from danvan.org.tests.factories import make_user

    made = _cases(world)
    everyone = InboxFilters(only_open=False)
    root = make_user(username="root", is_superuser=True)
    assert set(case_list_for(user=root, filters=everyone)) == set(made)
    inspector = set(case_list_for(user=world.inspector, filters=everyone))
    assert inspector == set(made)  # tố cáo included: inspectors handle denunciations
    assert permissions.same_scope(world.inspector, "cases.view", "cases.view_to_cao")
    assert not permissions.same_scope(world.dan_van, "cases.view", "cases.view_to_cao")
    assert {c.track for c in case_list_for(user=world.dan_van, filters=everyone)} == {Track.PAKN, Track.KHIEU_NAI}
    # A staff member who also sent a petition as a citizen follows it as a citizen, not in the work
    # list of a body it is not handled by; they may still open it.
    from danvan.cases.selectors import case_may_view

    Case.objects.filter(pk=made[-1].pk).update(submitter=world.head)
    assert made[-1] not in set(case_list_for(user=world.head, filters=everyone))
    assert case_may_view(world.head, Case.objects.get(pk=made[-1].pk))


def test_the_date_pickers_show_the_period(client, world) -> None:
    client.force_login(world.inspector)
    page = client.get(URL).content.decode()
    assert 'type="date"' in page and 'value="2026-01-01"' in page and 'value="2026-02-05"' in page
    assert "Đến ngày" in page


# Answered, decided and closed: three different things -------------------------------------------------------


def _stages(w: World) -> None:
    """At Phú Xuân: a feedback answered (file open), one answered and closed, a complaint decided,
    a complaint decided and its decision sent, one not accepted, and one still in progress."""
    answered = submit()
    handling.case_register(case=answered, actor=w.handler)
    handling.case_answer(case=answered, actor=w.handler, answer_text="Đã sửa đèn.")
    closed = submit(title="Rác thải", content="Rác thải tồn đọng ở kiệt 4 nhiều ngày.")
    handling.case_register(case=closed, actor=w.handler)
    handling.case_answer(case=closed, actor=w.handler, answer_text="Đã thu gom.")
    handling.case_close(case=closed, actor=w.handler)
    for sent in (False, True):
        complaint = submit(track=Track.KHIEU_NAI, title="Khiếu nại quyết định thu hồi đất")
        handling.case_accept(case=complaint, actor=w.handler, document_number="01/TB-UBND")
        handling.case_start_verification(case=complaint, actor=w.handler)
        handling.case_decide(case=complaint, actor=w.head, outcome="right", decision_number="5/QĐ-UBND",
                             answer_text="Khiếu nại đúng.")  # fmt: skip
        if sent:
            handling.case_send_decision(case=complaint, actor=w.handler)
    refused = submit(track=Track.KHIEU_NAI, title="Khiếu nại không đủ điều kiện")
    handling.case_reject(case=refused, actor=w.handler, reason="6", note="Quá thời hiệu.")
    submit(title="Đèn đường hỏng")


def test_answered_decided_and_closed_are_counted_apart_and_add_up(world) -> None:
    _stages(world)
    day = dt.date(2026, 2, 5)
    (row,) = case_report(user=world.inspector, start=dt.date(2026, 1, 1), end=day, today=day)
    assert (row.received, row.in_progress, row.answered, row.decided, row.closed, row.ended) == (6, 1, 1, 2, 1, 1)
    assert row.in_progress + row.answered + row.decided + row.closed + row.ended == row.received


def test_an_answered_or_decided_case_is_not_overdue(world) -> None:
    _stages(world)
    later = dt.date(2026, 9, 1)
    (row,) = case_report(user=world.inspector, start=dt.date(2026, 1, 1), end=later, today=later)
    assert row.overdue == 1  # only the one in progress, not the answered feedback nor the decided complaints


def test_every_state_has_exactly_one_stage() -> None:
    from danvan.cases.choices import Status
    from danvan.cases.selectors import REPORT_STAGES

    stages = list(REPORT_STAGES.values())
    assert set().union(*stages) == set(Status)
    assert sum(len(s) for s in stages) == len(Status)


def test_the_page_and_the_export_define_and_show_the_three_columns(client, world) -> None:
    _stages(world)
    client.force_login(world.inspector)
    page = client.get(URL).content.decode()
    for heading in ("Đã trả lời", "Đã có quyết định, kết luận", "Đã đóng hồ sơ"):
        assert page.count(heading) >= 2, heading  # the column and its definition
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(URL + "xuat.xlsx").content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values[0]
    total = dict(zip(header, values[-1], strict=True))
    assert (total["Đã trả lời"], total["Đã có quyết định, kết luận"], total["Đã đóng hồ sơ"]) == (1, 2, 1)
