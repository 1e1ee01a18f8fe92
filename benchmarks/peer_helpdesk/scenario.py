"""The load client's operations against the django-helpdesk peer, each the equivalent of one of ours.

Imported by the HTTP benchmark harness in the project's venv: nothing here imports Django or
helpdesk; every operation only builds HTTP requests through ``benchmarks.http.client``. The data
comes from the manifest seed.py writes (``var/bench/helpdesk-<N>.json``).

helpdesk is mounted at the site root (hdproject/urls.py). The staff operations log in once per
session as the manifest's staff superuser (``bench``), through helpdesk's own login page.

Two of helpdesk's pages are a shell plus an AJAX call: the ticket list (/tickets/) renders filters
and an empty DataTables table, and the browser then fetches the rows from
/datatables_ticket_list/<base64 query>. Our list renders its rows in one page, so the list
operations here do both requests, as the browser does before a person sees a row, and the harness
times the two together (``run`` returns the last response). Static files are left out on both sides.
See README.md for the mapping table and the fairness notes.
"""

from __future__ import annotations

import base64
import json
import random
import re
from typing import Any
from urllib.parse import urlencode

from benchmarks.http.client import Operation, Response, Session

LOGIN_PATH = "/login/"
SUBMIT_PATH = "/tickets/submit/"
LIST_PATH = "/tickets/"
REPORT_PATH = "/reports/queuestatus/"

OPEN_STATUSES = (1, 2)  # helpdesk's Open and Reopened: its ticket list's default filter

# The ticket list's DataTables columns (ticket_list.html, with helpdesk's defaults: time spent and
# the knowledge base on). DataTables sends one group of parameters per column with every request;
# helpdesk ignores them, but they are part of what the browser sends, so they are sent here too.
DATATABLES_COLUMNS = [
    ("id", False),
    ("ticket", True),
    ("priority", True),
    ("queue", True),
    ("status", True),
    ("created", True),
    ("due_date", True),
    ("assigned_to", True),
    ("submitter", True),
    ("last_followup", True),
    ("time_spent", True),
    ("kbitem", True),
]
DATATABLES_URL = re.compile(r'"url":\s*"(/datatables_ticket_list/[^"]+)"')
PAGE_LENGTH = re.compile(r"data-page-length='(\d+)'")

CITIZEN_TITLES = [
    "Phản ánh về rác thải tồn đọng tại tổ dân phố số {n}",
    "Kiến nghị sửa chữa đường giao thông thôn {n}",
    "Đề nghị giải quyết chậm cấp giấy chứng nhận quyền sử dụng đất",
    "Phản ánh tình trạng ngập úng khu phố {n} sau mưa lớn",
    "Khiếu nại về mức bồi thường giải phóng mặt bằng",
]
CITIZEN_SENTENCES = [
    "Kính gửi cơ quan có thẩm quyền, tôi là công dân cư trú tại tổ dân phố số {n}.",
    "Từ khoảng {m} tháng nay, tại khu vực chúng tôi sinh sống xảy ra tình trạng nêu trên, ảnh hưởng "
    "nghiêm trọng đến sinh hoạt của người dân.",
    "Người dân đã nhiều lần phản ánh với chính quyền địa phương nhưng đến nay vẫn chưa được giải quyết dứt điểm.",
    "Tình trạng này kéo dài khiến khoảng {k} hộ gia đình trong khu vực bị ảnh hưởng.",
    "Đề nghị cơ quan chức năng kiểm tra, xác minh và có biện pháp xử lý kịp thời.",
    "Tôi xin cam đoan nội dung trình bày là đúng sự thật và chịu trách nhiệm trước pháp luật.",
    "Rất mong sớm nhận được phản hồi của cơ quan chức năng.",
]
STAFF_COMMENTS = [
    "Đã tiếp nhận, chuyển UBND xã xem xét, xử lý theo thẩm quyền.",
    "Đã cử cán bộ kiểm tra thực địa, lập biên bản ghi nhận hiện trạng.",
    "Đề nghị công dân bổ sung hình ảnh hiện trường để có cơ sở giải quyết.",
    "Đã làm việc với các bên liên quan, thống nhất phương án khắc phục trong 15 ngày.",
]


def _b64_query(filtering: dict[str, Any], sorting: str) -> str:
    """The base64 query helpdesk puts in the datatables URL (helpdesk.query.query_to_base64)."""
    params = {"filtering": filtering, "sorting": sorting, "search_string": "", "sortreverse": False}
    return base64.b64encode(json.dumps(params).encode()).decode("ascii")


def _datatables_params(length: int, draw: int = 1) -> str:
    """What DataTables (serverSide, ``order: []``, stateSave with no saved state) sends for page one."""
    pairs: list[tuple[str, str]] = [("draw", str(draw))]
    for i, (data, orderable) in enumerate(DATATABLES_COLUMNS):
        pairs += [
            (f"columns[{i}][data]", data),
            (f"columns[{i}][name]", ""),
            (f"columns[{i}][searchable]", "true"),
            (f"columns[{i}][orderable]", "true" if orderable else "false"),
            (f"columns[{i}][search][value]", ""),
            (f"columns[{i}][search][regex]", "false"),
        ]
    pairs += [("start", "0"), ("length", str(length)), ("search[value]", ""), ("search[regex]", "false")]
    return urlencode(pairs)


def _list_with_rows(session: Session, shell_path: str, fallback_query: str) -> Response:
    """The ticket list as a browser shows it: the shell page, then its DataTables call for page one.

    The datatables URL and the page length (the user's ``tickets_per_page``, 25 by default) are read
    from the shell, as the browser's script does; the fallbacks are what helpdesk renders by default.
    """
    shell = session.get(shell_path)
    if shell.status != 200:
        return shell
    html = shell.text()
    found = DATATABLES_URL.search(html)
    url = found.group(1) if found else f"/datatables_ticket_list/{fallback_query}"
    length = PAGE_LENGTH.search(html)
    rows = _datatables_params(int(length.group(1)) if length else 25)
    return session.get(
        f"{url}?{rows}",
        headers={"X-Requested-With": "XMLHttpRequest", "Accept": "application/json, text/javascript, */*; q=0.01"},
    )


def operations(manifest: dict) -> dict[str, Operation]:
    login = manifest.get("login", {})
    username, password = login.get("username", "bench"), login.get("password", "Bench@2026")
    login_path = login.get("path", LOGIN_PATH)
    samples = manifest["samples"]
    ticket_ids: list[int] = samples["ticket_ids"]
    queue_ids = [q["id"] for q in samples["queues"]]
    open_tickets: list[dict] = samples["open_tickets"]

    def staff_login(session: Session) -> None:
        session.login(login_path, username, password)
        if "sessionid" not in session.cookies:
            raise RuntimeError(f"login as {username}: no session cookie, not logged in")

    def csrf_cookie(session: Session) -> None:
        page = session.get(SUBMIT_PATH)
        if page.status != 200 or "csrftoken" not in session.cookies:
            raise RuntimeError(f"public form {SUBMIT_PATH}: HTTP {page.status}, no CSRF cookie")

    # -- public submit -------------------------------------------------------------------------
    def public_submit(session: Session, rng: random.Random) -> Response:
        """POST /tickets/submit/ anonymously: helpdesk's public ticket form (PublicTicketForm), the
        same view as the form on "/". Ours: a citizen's submission through the public intake form.
        Fields as the form has them (queue, title, body, priority at its default 3, empty due date,
        submitter e-mail); success is helpdesk's 302 to /view/?ticket=…&email=…&key=… (not followed).
        The browser posts multipart (the form allows an attachment); with no file, urlencoded is
        equivalent for Django and is what our operation sends too.
        """
        n = rng.randrange(1, 30)
        body = " ".join(
            s.format(n=n, m=rng.randrange(2, 13), k=rng.randrange(5, 200))
            for s in CITIZEN_SENTENCES[: rng.randrange(4, len(CITIZEN_SENTENCES) + 1)]
        )
        return session.post_form(
            SUBMIT_PATH,
            {
                "queue": str(rng.choice(queue_ids)),
                "title": rng.choice(CITIZEN_TITLES).format(n=n),
                "body": body,
                "priority": "3",
                "due_date": "",
                "submitter_email": f"nguoidan{rng.randrange(10**7):07d}@example.vn",
            },
        )

    # -- queue list ----------------------------------------------------------------------------
    default_query = _b64_query({"status__in": list(OPEN_STATUSES)}, "created")

    def queue_list(session: Session, rng: random.Random) -> Response:
        """GET /tickets/ then GET /datatables_ticket_list/<query>?draw=1…&start=0&length=25.

        helpdesk's ticket list with no filter chosen: its default query (Open and Reopened tickets,
        sorted by creation date, oldest first, 25 rows: the user's default page length), over every
        queue (the bench user is a superuser, so nothing is scoped). Ours: the staff inbox, first
        page. Two requests, timed together: the shell has no rows.
        """
        return _list_with_rows(session, LIST_PATH, default_query)

    # -- ticket page ---------------------------------------------------------------------------
    def ticket_page(session: Session, rng: random.Random) -> Response:
        """GET /tickets/<id>/: helpdesk's staff ticket view (details, follow-ups, respond form),
        for one of the manifest's 500 sampled tickets (all statuses). Ours: the staff case page."""
        return session.get(f"/tickets/{rng.choice(ticket_ids)}/")

    # -- update --------------------------------------------------------------------------------
    def update(session: Session, rng: random.Random) -> Response:
        """POST /tickets/<id>/update/: the respond form on the ticket page, with a comment, the
        status unchanged, public ticked, and the hidden/collapsed fields the browser sends with their
        current values as the ticket page renders them (title, owner, priority, queue, due date), so
        nothing but the comment changes. helpdesk records one follow-up (and e-mails the submitter and owner, to the
        dummy backend) and answers 302 to the ticket. One of 200 open tickets from the manifest.
        Ours: a staff member adds a note to an open case.
        """
        ticket = rng.choice(open_tickets)
        tid = ticket["id"]
        return session.post_form(
            f"/tickets/{tid}/update/",
            [
                ("comment", rng.choice(STAFF_COMMENTS)),
                ("new_status", str(ticket["status"])),
                ("public", "1"),
                ("time_spent", ""),
                ("title", ticket["title"]),
                ("owner", str(ticket["owner"] or 0)),
                ("priority", str(ticket["priority"])),
                ("queue", str(ticket["queue"])),
                ("due_date", ticket.get("due_date", "")),
            ],
        )

    # -- overdue list --------------------------------------------------------------------------
    overdue_path = LIST_PATH + "?" + urlencode([("status", s) for s in OPEN_STATUSES] + [("sort", "due_date")])
    overdue_query = _b64_query({"status__in": list(OPEN_STATUSES)}, "due_date")

    def overdue_list(session: Session, rng: random.Random) -> Response:
        """GET /tickets/?status=1&status=2&sort=due_date, then its datatables call (page one, 25 rows).

        helpdesk's ticket list has no "overdue" filter (its filters are queue, owner, status,
        priority, knowledge-base item, created dates and keywords; the query API rejects a
        due_date filter). The closest real one is what a person does: open tickets sorted by due
        date, earliest first, so the first page is the most overdue tickets (with thousands of
        overdue tickets, all 25 rows are overdue). It counts every open ticket (recordsFiltered),
        not only the overdue ones. (The kanban board at /kanban/ does pick overdue tickets, but it
        renders every matching ticket on one unpaginated page: no equivalent of a list page.)
        Ours: the staff inbox filtered to overdue cases.
        """
        return _list_with_rows(session, overdue_path, overdue_query)

    # -- report --------------------------------------------------------------------------------
    def report(session: Session, rng: random.Random) -> Response:
        """GET /reports/queuestatus/: helpdesk's "Queue by Status" report, the count of tickets of
        every queue by status, over all tickets (the report page helpdesk offers that aggregates the
        whole data set into a queue x status table with a chart). Ours: the report of cases by
        handling body and status."""
        return session.get(REPORT_PATH)

    return {
        # each submission comes from another citizen (new address and connection), as ours does
        "public submit": Operation(
            "public submit", public_submit, prepare=csrf_cookie, expect=(302,), new_client_each_time=True
        ),
        "queue list": Operation("queue list", queue_list, prepare=staff_login),
        "ticket page": Operation("ticket page", ticket_page, prepare=staff_login),
        "update": Operation("update", update, prepare=staff_login, expect=(302,)),
        "overdue list": Operation("overdue list", overdue_list, prepare=staff_login),
        "report": Operation("report", report, prepare=staff_login),
    }


def describe(manifest: dict) -> dict[str, str]:
    """One line per operation: method and URL, for the results file."""
    return {
        "public submit": f"POST {SUBMIT_PATH} (anonymous, CSRF from GET {SUBMIT_PATH}) -> 302",
        "queue list": f"GET {LIST_PATH} + GET /datatables_ticket_list/<open, by created>?start=0&length=25",
        "ticket page": "GET /tickets/<id>/",
        "update": "POST /tickets/<id>/update/ (comment, status unchanged, public) -> 302",
        "overdue list": "GET /tickets/?status=1&status=2&sort=due_date + GET /datatables_ticket_list/<open, by due date>",
        "report": f"GET {REPORT_PATH}",
    }
