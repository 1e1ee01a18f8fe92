"""Fill a freshly migrated django-helpdesk database with the benchmark's data, fast.

Run with the helpdesk venv's Python (prepare.sh does, after creating and migrating the database)::

    DJANGO_SETTINGS_MODULE=hdproject.settings PYTHONPATH=benchmarks/peer_helpdesk \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helpdesk_100000 \\
    var/bench/helpdesk-venv/bin/python benchmarks/peer_helpdesk/seed.py --tickets 100000 --seed 1

What it makes, all from ``--seed`` (two runs with the same seed hold the same rows):

* the staff superuser ``bench`` / ``Bench@2026`` (through the ORM, so helpdesk's signal gives it
  its UserSettings row);
* 272 queues (34 provinces x 8 bodies), through the ORM so that helpdesk's ``Queue.save`` makes each
  queue's permission as it always does; all accept public submissions;
* 2,000 staff users (``is_staff``, not superusers), 7 or 8 per queue, with their
  ``helpdesk_usersettings`` rows (helpdesk's pages read ``request.user.usersettings_helpdesk``);
* ``--tickets`` tickets: Vietnamese title and a 300-600 character description, created between
  2025-07-01 and 2026-11-23 in id order, status about 70 % resolved/closed and 30 % open/reopened
  (older tickets more often closed), priority 1-5, a due date on every ticket (15 % of the open
  ones overdue on 2026-11-23), assigned to one of the queue's staff, queues of uneven size;
* follow-ups, 4 per ticket on average (2-6), as helpdesk itself writes them: "Ticket Opened Via
  Web" carrying the description, staff comments titled with the ticket's title, and a status
  change ("… and Resolved", "… and Closed", "… and Reopened") with its ``helpdesk_ticketchange``
  row; ``resolution`` holds the resolving comment, as helpdesk sets it.

Tickets, follow-ups and ticket changes are loaded with PostgreSQL COPY (psycopg 3, ``write_row``)
in one transaction that first truncates those (empty) tables, so the rows are written frozen;
foreign-key triggers are off for that transaction (every key is generated from existing rows) and
the tables' secondary indexes are dropped before and built after the load. Sequences are then
moved past the loaded ids, and the tables vacuumed and analysed, as autovacuum would.

Writes the manifest ``var/bench/helpdesk-<N>.json`` read by scenario.py.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import importlib.metadata
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
UTC = dt.UTC
VIETNAM = dt.timezone(dt.timedelta(hours=7))

START = dt.datetime(2025, 7, 1, 0, 0, tzinfo=VIETNAM)
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=VIETNAM)  # the data's "today"; overdue relative to it
DAY = 86400.0

STAFF_USERS = 2000
BENCH_USER, BENCH_PASSWORD = "bench", "Bench@2026"

OPEN, REOPENED, RESOLVED, CLOSED = 1, 2, 3, 4
STATUS_NAMES = {OPEN: "Open", REOPENED: "Reopened", RESOLVED: "Resolved", CLOSED: "Closed"}

PROVINCES = [
    ("Hà Nội", "ha-noi"),
    ("Huế", "hue"),
    ("Lai Châu", "lai-chau"),
    ("Điện Biên", "dien-bien"),
    ("Sơn La", "son-la"),
    ("Lạng Sơn", "lang-son"),
    ("Quảng Ninh", "quang-ninh"),
    ("Thanh Hóa", "thanh-hoa"),
    ("Nghệ An", "nghe-an"),
    ("Hà Tĩnh", "ha-tinh"),
    ("Cao Bằng", "cao-bang"),
    ("Tuyên Quang", "tuyen-quang"),
    ("Lào Cai", "lao-cai"),
    ("Thái Nguyên", "thai-nguyen"),
    ("Phú Thọ", "phu-tho"),
    ("Bắc Ninh", "bac-ninh"),
    ("Hưng Yên", "hung-yen"),
    ("Hải Phòng", "hai-phong"),
    ("Ninh Bình", "ninh-binh"),
    ("Quảng Trị", "quang-tri"),
    ("Đà Nẵng", "da-nang"),
    ("Quảng Ngãi", "quang-ngai"),
    ("Gia Lai", "gia-lai"),
    ("Khánh Hòa", "khanh-hoa"),
    ("Lâm Đồng", "lam-dong"),
    ("Đắk Lắk", "dak-lak"),
    ("TP. Hồ Chí Minh", "ho-chi-minh"),
    ("Đồng Nai", "dong-nai"),
    ("Tây Ninh", "tay-ninh"),
    ("Cần Thơ", "can-tho"),
    ("Vĩnh Long", "vinh-long"),
    ("Đồng Tháp", "dong-thap"),
    ("Cà Mau", "ca-mau"),
    ("An Giang", "an-giang"),
]
BODIES = [
    ("Ban Tiếp công dân", "tcd"),
    ("Thanh tra", "thanh-tra"),
    ("Sở Nông nghiệp và Môi trường", "nnmt"),
    ("Sở Xây dựng", "xay-dung"),
    ("Sở Nội vụ", "noi-vu"),
    ("Sở Y tế", "y-te"),
    ("Sở Giáo dục và Đào tạo", "gddt"),
    ("Công an", "cong-an"),
]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Thu", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
]
KINDS = ["Phản ánh", "Kiến nghị", "Khiếu nại", "Tố cáo", "Đề nghị giải quyết", "Phản ánh, kiến nghị"]
ISSUES = [
    "rác thải sinh hoạt tồn đọng",
    "đường giao thông nông thôn xuống cấp",
    "ngập úng sau mưa lớn",
    "tiếng ồn từ xưởng cơ khí",
    "chậm cấp giấy chứng nhận quyền sử dụng đất",
    "bồi thường, hỗ trợ giải phóng mặt bằng",
    "xây dựng nhà ở không phép",
    "ô nhiễm nguồn nước sinh hoạt",
    "chậm chi trả trợ cấp xã hội",
    "đèn chiếu sáng công cộng hư hỏng",
    "lấn chiếm vỉa hè, lòng đường",
    "thu các khoản phí không đúng quy định",
    "nước sạch bị gián đoạn kéo dài",
    "thái độ của cán bộ tiếp công dân",
    "hồ sơ hành chính bị trả lại nhiều lần",
    "cây xanh có nguy cơ gãy đổ",
    "khói bụi từ lò gạch thủ công",
    "tranh chấp ranh giới đất",
    "chậm giải quyết chế độ bảo hiểm xã hội",
    "cống thoát nước bị tắc",
    "quản lý đất công tại địa phương",
    "học phí và các khoản thu đầu năm học",
]
PLACES = ["thôn {n}", "tổ dân phố số {n}", "khu phố {n}", "ấp {n}", "bản {n}", "tổ {n}"]
COMMUNES = [
    "xã Hòa Bình",
    "phường Tân Phú",
    "xã Quảng Thành",
    "phường Bến Thành",
    "xã Yên Lạc",
    "phường Hồng Hà",
    "xã Tân Hiệp",
    "phường An Khánh",
    "xã Phú Mỹ",
    "phường Thanh Xuân",
    "xã Đông Hưng",
    "phường Ninh Kiều",
    "xã Long Hòa",
    "phường Hải Châu",
    "xã Cát Tiên",
]

DESCRIPTION_SENTENCES = [
    "Kính gửi {body}, tôi là {name}, hiện cư trú tại {place}, {commune}, {province}.",
    "Từ khoảng {months} tháng nay, tại khu vực {place} xảy ra tình trạng {issue}, ảnh hưởng nghiêm trọng "
    "đến sinh hoạt của người dân.",
    "Người dân đã nhiều lần phản ánh với chính quyền địa phương nhưng đến nay vẫn chưa được giải quyết dứt điểm.",
    "Ngày {date}, tôi đã nộp đơn tại bộ phận một cửa của {commune} nhưng chưa nhận được văn bản trả lời.",
    "Tình trạng này kéo dài khiến khoảng {count} hộ gia đình trong khu vực bị ảnh hưởng.",
    "Việc chậm trễ đã gây thiệt hại cho gia đình tôi, ước tính khoảng {money} triệu đồng.",
    "Đề nghị cơ quan có thẩm quyền kiểm tra, xác minh và có biện pháp xử lý kịp thời.",
    "Kèm theo đơn này là hình ảnh hiện trường và bản sao các giấy tờ có liên quan.",
    "Tôi xin cam đoan nội dung trình bày là đúng sự thật và chịu trách nhiệm trước pháp luật.",
    "Rất mong sớm nhận được phản hồi của cơ quan chức năng.",
    "Trước đó, ngày {date}, cán bộ địa chính xã đã xuống kiểm tra nhưng không lập biên bản.",
    "Đề nghị làm rõ trách nhiệm của tổ chức, cá nhân có liên quan và công khai kết quả xử lý.",
]
COMMENT_SENTENCES = [
    "Đã tiếp nhận đơn, chuyển {unit} xem xét, xử lý theo thẩm quyền.",
    "Ngày {date} đã cử cán bộ kiểm tra thực địa, lập biên bản ghi nhận hiện trạng.",
    "Đề nghị công dân bổ sung {doc} để có cơ sở giải quyết.",
    "Đã ban hành văn bản trả lời số {num}/UBND-TCD ngày {date}.",
    "Gia hạn thời gian giải quyết thêm {n} ngày do vụ việc phức tạp, cần xác minh thêm.",
    "Đã làm việc với các bên liên quan, thống nhất phương án khắc phục trong {n} ngày.",
    "Đã mời công dân đến làm việc, giải thích quy định pháp luật có liên quan.",
    "Kết quả xác minh: nội dung phản ánh là có cơ sở, đã yêu cầu khắc phục.",
    "Chuyển hồ sơ sang {unit} để phối hợp giải quyết.",
    "Đã đôn đốc đơn vị xử lý, báo cáo kết quả trước ngày {date}.",
]
UNITS = [
    "UBND xã",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Công an xã",
    "Thanh tra tỉnh",
    "Sở Nông nghiệp và Môi trường",
    "Trung tâm Phát triển quỹ đất",
]
DOCS = [
    "bản sao giấy chứng nhận quyền sử dụng đất",
    "hình ảnh hiện trường",
    "bản sao căn cước",
    "biên bản làm việc trước đây",
    "giấy ủy quyền hợp lệ",
]


def fill(template: str, rng: random.Random, province: str = "Hà Nội", body: str = "Ban Tiếp công dân") -> str:
    day = START + dt.timedelta(days=rng.randrange(500))
    return template.format(
        body=body,
        province=province,
        name=person(rng),
        place=rng.choice(PLACES).format(n=rng.randrange(1, 20)),
        commune=rng.choice(COMMUNES),
        months=rng.randrange(2, 13),
        issue=rng.choice(ISSUES),
        date=day.strftime("%d/%m/%Y"),
        count=rng.randrange(5, 200),
        money=rng.randrange(5, 500),
        unit=rng.choice(UNITS),
        doc=rng.choice(DOCS),
        num=rng.randrange(100, 9999),
        n=rng.randrange(5, 31),
    )


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def description(rng: random.Random) -> str:
    """300-600 characters of sentences, opening with the addressee and ending with the request."""
    target = rng.randrange(300, 601)
    province, _ = rng.choice(PROVINCES)
    body, _ = rng.choice(BODIES)
    text = fill(DESCRIPTION_SENTENCES[0], rng, province, body)
    middle = DESCRIPTION_SENTENCES[1:]
    while True:
        sentence = fill(rng.choice(middle), rng, province, body)
        if len(text) + 1 + len(sentence) > 600:
            break
        text += " " + sentence
        if len(text) >= target:
            break
    while len(text) < 300:  # short sentences drawn: pad with the shortest closing one
        text += " Rất mong sớm nhận được phản hồi."
    return text[:600]


def comment(rng: random.Random) -> str:
    return " ".join(fill(rng.choice(COMMENT_SENTENCES), rng) for _ in range(rng.randrange(1, 4)))


def title(rng: random.Random) -> str:
    return (
        f"{rng.choice(KINDS)} về {rng.choice(ISSUES)} tại "
        f"{rng.choice(PLACES).format(n=rng.randrange(1, 20))}, {rng.choice(COMMUNES)}"
    )


def log(message: str, started: float) -> None:
    print(f"[{time.monotonic() - started:7.1f}s] {message}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path, default=None, help="default var/bench/helpdesk-<N>.json")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "hdproject.settings"
    sys.path.insert(0, str(HERE))
    django.setup()
    seed(args.tickets, args.seed, args.manifest or ROOT / "var" / "bench" / f"helpdesk-{args.tickets}.json")


def seed(n_tickets: int, seed_value: int, manifest_path: Path) -> None:
    import psycopg
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import connection
    from helpdesk.models import Queue, Ticket
    from psycopg import sql

    started = time.monotonic()
    rng = random.Random(seed_value)
    if Ticket.objects.exists() or User.objects.exists() or Queue.objects.exists():
        sys.exit("seed.py expects a freshly migrated, empty database (prepare.sh makes one)")

    # --- the bench superuser and the queues, through the ORM ----------------------------------
    bench = User.objects.create_superuser(
        BENCH_USER, "bench@example.vn", BENCH_PASSWORD, first_name="Bench", last_name="Cán bộ"
    )
    queues = []
    for province, pslug in PROVINCES:
        for body, bslug in BODIES:
            name = f"{body} {province}" if body != "Công an" else f"Công an {province}"
            queues.append(
                Queue.objects.create(
                    title=name[:100],
                    slug=f"{pslug}-{bslug}"[:50],
                    allow_public_submission=True,
                    allow_email_submission=False,
                )
            )
    log(f"bench user and {len(queues)} queues", started)

    db = settings.DATABASES["default"]
    conninfo = psycopg.conninfo.make_conninfo(
        dbname=db["NAME"],
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or "127.0.0.1",
        port=str(db.get("PORT") or 5432),
    )
    connection.close()
    with psycopg.connect(conninfo) as pg:
        with pg.cursor() as cur:
            cur.execute("SET synchronous_commit = off")
            cur.execute("SET maintenance_work_mem = '512MB'")

        # --- staff users and their settings rows ----------------------------------------------
        password = make_password(BENCH_PASSWORD)  # one hash for all: hashing 2,000 times costs minutes
        first_staff = bench.id + 1
        staff_ids = list(range(first_staff, first_staff + STAFF_USERS))
        joined = START - dt.timedelta(days=30)
        with pg.cursor() as cur:
            with cur.copy(
                "COPY auth_user (id, password, last_login, is_superuser, username, first_name, "
                "last_name, email, is_staff, is_active, date_joined) FROM STDIN"
            ) as copy:
                for i, uid in enumerate(staff_ids, 1):
                    family, given = rng.choice(FAMILY), f"{rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                    copy.write_row(
                        (
                            uid,
                            password,
                            None,
                            False,
                            f"canbo{i:04d}",
                            given,
                            family,
                            f"canbo{i:04d}@example.gov.vn",
                            True,
                            True,
                            joined,
                        )
                    )
            with cur.copy(
                "COPY helpdesk_usersettings (user_id, settings_pickled, email_on_ticket_assign, "
                "email_on_ticket_change, login_view_ticketlist, tickets_per_page, "
                "use_email_as_submitter, ticket_respond_layout) FROM STDIN"
            ) as copy:
                for uid in staff_ids:
                    copy.write_row((uid, None, True, True, True, 25, True, "tabs"))
        pg.commit()
        log(f"{STAFF_USERS} staff users with their settings", started)

        # staff i belongs to queue i mod Q (7 or 8 each); queues get tickets unevenly
        members: list[list[int]] = [[] for _ in queues]
        for i, uid in enumerate(staff_ids):
            members[i % len(queues)].append(uid)
        weights = [rng.lognormvariate(0, 0.7) for _ in queues]
        cumulative = []
        total = 0.0
        for w in weights:
            total += w
            cumulative.append(total)

        # text pools: generating 5M texts one by one would dominate the load
        pool_size = min(20000, max(2000, n_tickets // 10))
        descriptions = [description(rng) for _ in range(pool_size)]
        comments = [comment(rng) for _ in range(pool_size)]
        titles = [title(rng) for _ in range(pool_size)]
        citizens = max(1000, int(n_tickets * 0.6))
        log(f"text pools of {pool_size}", started)

        # --- drop secondary indexes for the load ----------------------------------------------
        tables = ["helpdesk_ticket", "helpdesk_followup", "helpdesk_ticketchange"]
        with pg.cursor() as cur:
            cur.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname "
                "JOIN pg_index x ON x.indexrelid = c.oid WHERE i.schemaname = 'public' AND i.tablename = ANY(%s) "
                "AND NOT x.indisprimary AND NOT x.indisunique",
                (tables,),
            )
            secondary = cur.fetchall()
            for name, _ in secondary:
                cur.execute(f'DROP INDEX "{name}"')
        pg.commit()

        # --- tickets, follow-ups, changes: one transaction, frozen rows, no FK triggers -------
        t0, span = START.timestamp(), NOW.timestamp() - 3600 - START.timestamp()
        created = sorted(t0 + rng.random() * span for _ in range(n_tickets))
        now_ts = NOW.timestamp()
        fromts = dt.datetime.fromtimestamp
        counts_dist = [2, 3, 3, 4, 4, 4, 4, 5, 5, 6]  # follow-ups per ticket: mean 4.0
        open_tickets: list[dict] = []  # what the update operation posts back unchanged
        status_count = {OPEN: 0, REOPENED: 0, RESOLVED: 0, CLOSED: 0}
        overdue = 0
        ticket_plan = []  # per ticket: (status, created, end, assignee, queue index, title, resolution, description)
        with pg.cursor() as cur:
            cur.execute("SET session_replication_role = replica")
            cur.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")
            with cur.copy(
                "COPY helpdesk_ticket (id, title, created, modified, submitter_email, status, on_hold, "
                "description, resolution, priority, due_date, last_escalation, assigned_to_id, queue_id, "
                "secret_key, kbitem_id, merged_to_id) FROM STDIN (FREEZE)"
            ) as copy:
                for index in range(n_tickets):
                    tid = index + 1
                    c = created[index]
                    frac = (c - t0) / span
                    is_open = rng.random() < 0.1 + 0.4 * frac  # 30 % overall, recent ones more often
                    period = rng.choice((10, 15, 30, 45, 60)) * DAY
                    age = now_ts - c
                    if is_open:
                        status = REOPENED if rng.random() < 0.13 else OPEN
                        if age > 2 * DAY and rng.random() < 0.15:
                            due = max(c + DAY, now_ts - rng.uniform(DAY, min(age - DAY, 120 * DAY)))
                            overdue += 1
                        else:
                            due = max(now_ts + rng.uniform(0.1 * DAY, 45 * DAY), c + period)
                        end = c + rng.random() * min(age, 90 * DAY)
                    else:
                        status = RESOLVED if rng.random() < 0.21 else CLOSED
                        due = c + period
                        end = min(c + rng.uniform(0.1, 1.3) * period, now_ts - 600)
                    status_count[status] += 1
                    q = bisect.bisect_left(cumulative, rng.random() * total)
                    q = min(q, len(queues) - 1)
                    assignee = rng.choice(members[q])
                    ticket_title = titles[rng.randrange(pool_size)]
                    resolution = comments[rng.randrange(pool_size)] if status in (RESOLVED, CLOSED) else None
                    text = descriptions[rng.randrange(pool_size)]
                    priority = rng.choices((1, 2, 3, 4, 5), cum_weights=(5, 20, 80, 95, 100))[0]
                    if is_open:
                        open_tickets.append(
                            {
                                "id": tid,
                                "status": status,
                                "title": ticket_title,
                                "owner": assignee,
                                "priority": priority,
                                "queue": queues[q].id,
                                # as the ticket page renders it in the form (local time)
                                "due_date": str(fromts(due, VIETNAM).replace(tzinfo=None)),
                            }
                        )
                    copy.write_row(
                        (
                            tid,
                            ticket_title,
                            fromts(c, UTC),
                            fromts(end, UTC),
                            f"congdan{rng.randrange(citizens):07d}@example.vn",
                            status,
                            False,
                            text,
                            resolution,
                            priority,
                            fromts(due, UTC),
                            None,
                            assignee,
                            queues[q].id,
                            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                            None,
                            None,
                        )
                    )
                    ticket_plan.append((status, c, end, assignee, q, ticket_title, resolution, text))
                    if tid % 200000 == 0:
                        log(f"  {tid:,} tickets", started)
            del created
            log(f"{n_tickets:,} tickets copied", started)

            fid = 0
            changes = []  # (followup id, old status, new status)
            with cur.copy(
                "COPY helpdesk_followup (id, date, title, comment, public, new_status, ticket_id, "
                "user_id, message_id, time_spent, email_recipients) FROM STDIN (FREEZE)"
            ) as copy:
                for index, (status, c, end, assignee, q, ticket_title, resolution, opening) in enumerate(ticket_plan):
                    tid = index + 1
                    k = counts_dist[rng.randrange(len(counts_dist))]
                    dates = sorted(c + rng.random() * (end - c) for _ in range(k - 2))
                    dates = [c, *dates, end]
                    # the opening follow-up carries the submitted description, as PublicTicketForm does
                    fid += 1
                    copy.write_row(
                        (fid, fromts(c, UTC), "Ticket Opened Via Web", opening, True, None, tid, None, None, None, None)
                    )
                    steps: list[tuple[int | None, str | None]] = [(None, None)] * (k - 1)
                    if status == CLOSED and k >= 4:
                        steps[-2], steps[-1] = (RESOLVED, None), (CLOSED, None)
                    elif status in (RESOLVED, CLOSED):
                        steps[-1] = (status, None)
                    elif status == REOPENED:
                        if k >= 3:
                            steps[-2] = (RESOLVED, None)
                        steps[-1] = (REOPENED, None)
                    previous = OPEN
                    for step, at in zip(steps, dates[1:], strict=True):
                        new_status = step[0]
                        fid += 1
                        staff = assignee if rng.random() < 0.8 else rng.choice(members[q])
                        if new_status is None:
                            text, head = comments[rng.randrange(pool_size)], ticket_title
                            public = rng.random() < 0.6
                        else:
                            head = f"{ticket_title} and {STATUS_NAMES[new_status]}"
                            text = (
                                resolution
                                if (new_status == status and resolution)
                                else comments[rng.randrange(pool_size)]
                            )
                            public = True
                            changes.append((fid, previous, new_status))
                            previous = new_status
                        copy.write_row(
                            (fid, fromts(at, UTC), head, text, public, new_status, tid, staff, None, None, None)
                        )
                    if tid % 200000 == 0:
                        log(f"  follow-ups of {tid:,} tickets ({fid:,})", started)
            n_followups = fid
            log(f"{n_followups:,} follow-ups copied", started)

            with cur.copy(
                "COPY helpdesk_ticketchange (id, followup_id, field, old_value, new_value) FROM STDIN (FREEZE)"
            ) as copy:
                for cid, (followup_id, old, new) in enumerate(changes, 1):
                    copy.write_row((cid, followup_id, "Status", STATUS_NAMES[old], STATUS_NAMES[new]))
            n_changes = len(changes)
            del changes, ticket_plan
        pg.commit()
        log(f"{n_changes:,} ticket changes copied; committed", started)

        with pg.cursor() as cur:
            for _name, definition in secondary:
                cur.execute(definition)
            pg.commit()
            log(f"{len(secondary)} secondary indexes rebuilt", started)
            for table in (
                "auth_user",
                "helpdesk_usersettings",
                "helpdesk_ticket",
                "helpdesk_followup",
                "helpdesk_ticketchange",
            ):
                cur.execute(
                    sql.SQL(
                        "SELECT setval(pg_get_serial_sequence({}, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {}), false)"
                    ).format(sql.Literal(table), sql.Identifier(table))
                )
            pg.commit()
        pg.autocommit = True
        with pg.cursor() as cur:
            for table in (
                "auth_user",
                "helpdesk_usersettings",
                "helpdesk_queue",
                "helpdesk_ticket",
                "helpdesk_followup",
                "helpdesk_ticketchange",
            ):
                cur.execute(f"VACUUM (ANALYZE) {table}")
        log("sequences set, tables vacuumed and analysed", started)

    seconds = round(time.monotonic() - started, 1)
    sample_rng = random.Random(seed_value + 1)
    updatable = sorted(sample_rng.sample(open_tickets, min(200, len(open_tickets))), key=lambda t: t["id"])
    manifest = {
        "system": "django-helpdesk",
        "versions": {
            "django": django.get_version(),
            "helpdesk": importlib.metadata.version("django-helpdesk"),
            "python": sys.version.split()[0],
        },
        "database": settings.DATABASES["default"]["NAME"],
        "seed": seed_value,
        "today": NOW.date().isoformat(),
        "counts": {
            "tickets": n_tickets,
            "followups": n_followups,
            "ticket_changes": n_changes,
            "queues": len(queues),
            "users": STAFF_USERS + 1,
            "staff_users": STAFF_USERS + 1,
            "statuses": {STATUS_NAMES[s].lower(): c for s, c in status_count.items()},
            "open_overdue": overdue,
        },
        "login": {"path": "/login/", "username": BENCH_USER, "password": BENCH_PASSWORD, "superuser": True},
        "paths": {
            "submit": "/tickets/submit/",
            "list": "/tickets/",
            "datatables": "/datatables_ticket_list/<base64 query>",
            "ticket": "/tickets/<id>/",
            "update": "/tickets/<id>/update/",
            "reports": "/reports/",
            "report": "/reports/queuestatus/",
        },
        "samples": {
            "ticket_ids": sorted(sample_rng.sample(range(1, n_tickets + 1), min(500, n_tickets))),
            "open_ticket_ids": [t["id"] for t in updatable],
            "open_tickets": updatable,
            "queues": [{"id": q.id, "slug": q.slug, "title": q.title} for q in queues],
        },
        "seed_seconds": seconds,
    }
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    log(
        f"done in {seconds} s: {n_tickets:,} tickets, {n_followups:,} follow-ups, {n_changes:,} changes, "
        f"{len(queues)} queues, {STAFF_USERS + 1} users; open {status_count[OPEN] + status_count[REOPENED]:,} "
        f"({overdue:,} overdue); manifest {manifest_path}",
        started,
    )


if __name__ == "__main__":
    main()
