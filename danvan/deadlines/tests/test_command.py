"""``danvan deadline``: a due date and its explanation from the command line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


def test_the_issue_example():
    output = _run("--procedure", "khieu_nai", "--step", "giai_quyet_lan_1", "--start", "05/02/2026")
    assert "09/03/2026" in output
    assert "30 ngày kể từ ngày thụ lý 05/02/2026 (Điều 28 Luật Khiếu nại 2011)" in output
    assert "26/02/2026" in output  # the internal reminder, labelled as such


def test_complex_remote_with_a_pause():
    output = _run("--procedure", "khieu_nai", "--step", "giai_quyet_lan_1", "--start", "05/02/2026",
                  "--complex", "--remote", "--pause", "10/02/2026:15/02/2026")  # fmt: skip
    # 60 days + 5 suspended = 65 days: 05/02 + 65 = 11/04/2026 (Saturday) → Monday 13/04/2026.
    assert "13/04/2026" in output
    assert "không tính 05 ngày tạm đình chỉ" in output


def test_criteria_and_extensions():
    output = _run("--procedure", "to_cao", "--step", "giai_quyet", "--start", "05/02/2026",
                  "--criteria", "a,b", "--extensions", "2")  # fmt: skip
    assert "06/05/2026" in output and "vụ việc đặc biệt phức tạp" in output


def test_an_open_pause():
    output = _run("--procedure", "to_cao", "--step", "giai_quyet", "--start", "05/02/2026", "--pause", "10/02/2026:")
    assert "10/02/2026" in output and "25" in output


def test_list_shows_procedures_and_steps():
    output = _run("--list")
    for name in ("khieu_nai", "to_cao", "tiep_cong_dan", "pakn", "dan_chu_co_so", "giai_quyet_lan_1", "xu_ly_ban_dau"):
        assert name in output
    only = _run("--list", "--procedure", "to_cao")
    assert "giai_quyet_lan_1" not in only and "xu_ly_ban_dau" in only


@pytest.mark.parametrize(
    "args",
    [
        ("--procedure", "khieu_nai", "--step", "giai_quyet_lan_1"),  # no start
        ("--procedure", "khieu_nai", "--step", "giai_quyet_lan_1", "--start", "31/02/2026"),
        ("--procedure", "khieu_nai", "--step", "khong_co", "--start", "05/02/2026"),
        ("--procedure", "to_cao", "--step", "giai_quyet", "--start", "05/02/2026", "--extensions", "1"),
        ("--procedure", "to_cao", "--step", "giai_quyet", "--start", "05/02/2026", "--criteria", "z"),
        ("--procedure", "to_cao", "--step", "giai_quyet", "--start", "05/02/2026", "--pause", "15/02/2026:10/02/2026"),
    ],
)
def test_bad_input_is_an_error_message_not_a_traceback(args):
    with pytest.raises(CommandError):
        _run(*args)
