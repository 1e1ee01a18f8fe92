"""Synthetic satisfaction data at scale: bodies over real communes, officials, and case ratings.

Nothing here is real except the administrative map: bodies, officials and answers are generated
from a seed, so two runs with the same seed hold the same rows. Bodies and officials go in with
``bulk_create``; responses and answers, the millions, go in with COPY on PostgreSQL and with
``executemany`` in large transactions on SQLite, written straight to the tables the models define.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from danvan.core.text import fold
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, OrganizationKind, User
from danvan.surveys.choices import Aspect, Flag, Source
from danvan.surveys.models import Answer, Criterion, Response, SurveyTemplate

YEAR = 2026
TEMPLATE_CODE = "case-rating"
SERVICES = ("pakn", "khieu_nai", "to_cao")
SERVICE_SHARES = (0.7, 0.2, 0.1)
TOPICS = ("dat-dai", "moi-truong", "trat-tu-do-thi", "an-sinh-xa-hoi", "giao-thong", "y-te", "giao-duc")
COMMENTS = (
    "Cán bộ hướng dẫn tận tình, giải quyết đúng hẹn.",
    "Phải đi lại nhiều lần mới xong.",
    "Trả lời chậm so với thời hạn.",
    "Rất hài lòng.",
    "Cần thông báo tiến độ sớm hơn.",
)
NO_OPINION_SHARE = 0.05
FLAGGED_SHARE = 0.01
COMMENT_SHARE = 0.08
EDIT_WINDOW = dt.timedelta(days=7)
# Commune-level bodies: the first body of a commune is its People's Committee, the next ones the
# other bodies that handle cases there.
COMMUNE_KINDS = (("ubnd", "UBND"), ("dang_uy_xa", "Đảng ủy"), ("uy_ban_mttq", "Ủy ban MTTQ"), ("hdnd", "HĐND"))
# How far each criterion sits from its body's level: results and feedback lag, courtesy leads.
CRITERION_OFFSETS = {
    "case_overall": 0.0,
    "case_access": 0.04,
    "case_procedures": -0.03,
    "case_staff": 0.05,
    "case_results": -0.06,
    "case_feedback": -0.08,
}
LIKERT = (0, 1, 2, 3, 4, 5)
SATISFACTION = Aspect.SATISFACTION.value
CHUNK = 50_000  # responses per transaction
RESPONSE_FIELDS = {
    "id", "template_id", "campaign_id", "source", "organization_id", "unit_id", "service", "topic", "official_id",
    "answered_on", "comment", "edit_key_hash", "editable_until", "form_nonce", "paper_form_number", "device_hash",
    "flag", "flag_cleared_by_id", "entered_by_id",
}  # fmt: skip
ANSWER_FIELDS = {"id", "response_id", "criterion_id", "aspect", "value"}


@dataclass(frozen=True)
class Body:
    id: int
    unit_id: int
    province_id: int
    parent_id: int | None
    level: float  # share of satisfied answers this body earns, before each criterion's offset
    volume: float  # relative number of ratings it receives


@dataclass
class World:
    """What the generator made and what the measurements need to find it again."""

    seed: int
    template_id: int
    criteria: list[tuple[int, str]]  # (criterion id, code) of the template's satisfaction questions
    bodies: list[Body]
    roots: dict[int, int]  # province unit id -> id of the provincial body every commune body hangs under
    officials: dict[int, list[int]]  # province unit id -> ids of the officials rated there
    responses: int = 0
    answers: int = 0
    load_seconds: float = 0.0

    @property
    def official_count(self) -> int:
        return sum(len(ids) for ids in self.officials.values())


def world_build(*, bodies: int, seed: int, officials: int | None = None) -> World:
    """Bodies spread over the real communes of the provinces, a provincial body over each province's.

    Two levels only: provincial bodies at the root (path ``/id/``) and commune bodies right under
    them (``/root/id/``), so paths are written directly instead of through ``organization_create``.
    """
    if bodies < 2:
        raise ValueError("at least two bodies: one provincial body and one under it")
    rng = random.Random(seed)
    template = SurveyTemplate.objects.get(code=TEMPLATE_CODE)
    # Sorted here, not in SQL: the overall question has no factor, and NULLs sort differently on
    # PostgreSQL and SQLite; the same seed must draw the same answers on both.
    questions = Criterion.objects.filter(template=template).select_related("factor")
    criteria = [
        (c.pk, c.code)
        for c in sorted(questions, key=lambda c: (c.factor.sort_order if c.factor else -1, c.sort_order, c.code))
        if Aspect.SATISFACTION in c.aspects
    ]
    provinces = list(AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE).order_by("code"))
    if not provinces:
        raise RuntimeError("no administrative units: run danvan load-units (units_load) first")
    # One provincial body per 50 bodies, at most one per province: at 5,000 bodies all 34 provinces.
    chosen = sorted(rng.sample(provinces, min(len(provinces), max(1, bodies // 50))), key=lambda u: u.code)
    communes: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, province_id, name in (
        AdministrativeUnit.objects.filter(
            era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province__in=chosen
        ).order_by("code").values_list("pk", "province_id", "name")
    ):  # fmt: skip
        communes[province_id].append((pk, name))
    pool = [(pk, name, province_id) for province_id, rows in communes.items() for pk, name in rows]
    rng.shuffle(pool)

    kinds = {k.code: k.pk for k in OrganizationKind.objects.filter(code__in=[c for c, _ in COMMUNE_KINDS])}
    next_id = (Organization.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    rows: list[Organization] = []
    result: list[Body] = []
    roots: dict[int, int] = {}

    def add(name: str, kind: str, unit_id: int, province_id: int, parent_id: int | None) -> None:
        nonlocal next_id
        pk, next_id = next_id, next_id + 1
        path = f"/{parent_id}/{pk}/" if parent_id else f"/{pk}/"
        rows.append(
            Organization(
                id=pk, code=f"bench-{pk}", name=name, short_name="", kind_id=kinds[kind], unit_id=unit_id,
                parent_id=parent_id, path=path, depth=path.count("/") - 2, search_name=fold(name),
            )
        )  # fmt: skip
        level = min(0.97, max(0.15, rng.betavariate(6, 2.5)))
        result.append(Body(pk, unit_id, province_id, parent_id, level, rng.lognormvariate(0, 0.5)))

    for province in chosen:
        roots[province.pk] = next_id
        add(f"UBND {province.name}", "ubnd", province.pk, province.pk, None)
    for i in range(bodies - len(chosen)):
        unit_id, commune_name, province_id = pool[i % len(pool)]
        round_ = i // len(pool)
        kind, prefix = COMMUNE_KINDS[round_ % len(COMMUNE_KINDS)]
        suffix = f" ({round_ // len(COMMUNE_KINDS) + 1})" if round_ >= len(COMMUNE_KINDS) else ""
        add(f"{prefix} {commune_name}{suffix}", kind, unit_id, province_id, roots[province_id])
    with transaction.atomic():
        Organization.objects.bulk_create(rows, batch_size=1000)
        users = officials_create(
            officials if officials is not None else min(400, max(5, bodies // 15)), [p.pk for p in chosen], rng
        )
        _sequences_reset([Organization])
    return World(seed, template.pk, criteria, result, roots, users)


def officials_create(count: int, province_ids: list[int], rng: random.Random) -> dict[int, list[int]]:
    """Officials rated in the case ratings, spread over the provinces (at least one in each)."""
    surnames = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
    middles = ("Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Quang", "Thanh")
    givens = ("An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Tâm")
    start = (User.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    users = [
        User(
            id=start + i, username=f"bench-official-{start + i}", password="!",  # noqa: S106 - unusable password
            full_name=f"{rng.choice(surnames)} {rng.choice(middles)} {rng.choice(givens)}", is_active=True,
        )
        for i in range(max(count, len(province_ids)))
    ]  # fmt: skip
    User.objects.bulk_create(users, batch_size=1000)
    _sequences_reset([User])
    by_province: dict[int, list[int]] = defaultdict(list)
    for i, user in enumerate(users):
        by_province[province_ids[i % len(province_ids)]].append(user.pk)
    return dict(by_province)


# Responses ----------------------------------------------------------------------------------------


class Progress:
    """One line on stderr: redrawn in place on a terminal, a new line every few seconds in a log."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label, self.total, self.stream = label, total, stream or sys.stderr
        self.started = self.shown = time.perf_counter()
        self.tty = self.stream.isatty()

    def update(self, done: int, final: bool = False) -> None:
        now = time.perf_counter()
        if not final and now - self.shown < (0.5 if self.tty else 10.0):
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-9)
        eta = (self.total - done) / rate if rate else 0.0
        line = (
            f"{self.label}: {done:,}/{self.total:,} ({100 * done / max(self.total, 1):.0f}%), "
            f"{rate:,.0f}/s, {now - self.started:.0f} s elapsed, ~{eta:.0f} s left"
        )
        self.stream.write(("\r" + line + ("\n" if final else "")) if self.tty else line + "\n")
        self.stream.flush()


def _answer_tables(world: World) -> list[list[list[float]]]:
    """Per body and criterion, the cumulative probabilities of the answers 0–5."""
    tables = []
    for body in world.bodies:
        per_criterion = []
        for _, code in world.criteria:
            p = min(0.98, max(0.02, body.level + CRITERION_OFFSETS.get(code, 0.0)))
            valid = 1 - NO_OPINION_SHARE
            weights = [NO_OPINION_SHARE, *(valid * (1 - p) * s for s in (0.2, 0.35, 0.45)), valid * p * 0.45]
            weights.append(valid * p * 0.55)
            cumulative, total = [], 0.0
            for w in weights:
                total += w
                cumulative.append(total)
            cumulative[-1] = 1.0
            per_criterion.append(cumulative)
        tables.append(per_criterion)
    return tables


@dataclass
class _Chunk:
    """One transaction's worth of responses, column by column (the row loops below stay tight)."""

    first_response: int
    first_answer: int
    bodies: list[Body]
    days: list[int]  # day of the year, 0 = 1 January
    services: list[str]
    topics: list[str]
    officials: list[int]
    flags: list[str]
    comments: list[str]
    edit_keys: list[int]  # 256 random bits, stored as 64 hex digits
    values: list[list[int]]  # per criterion (in ``World.criteria`` order), the answer of each response

    @property
    def size(self) -> int:
        return len(self.bodies)


def _generate(world: World, total: int, seed: int, first_response: int, first_answer: int) -> Iterator[_Chunk]:
    """Responses in arrival order (dates ascending, as a live system stores them), in chunks."""
    rng = random.Random(seed * 1_000_003 + total)
    days = sorted(rng.randrange(365) for _ in range(total))
    volume: list[float] = []
    running = 0.0
    for body in world.bodies:
        running += body.volume
        volume.append(running)
    tables = _answer_tables(world)
    by_criterion = [[tables[b][j] for b in range(len(world.bodies))] for j in range(len(world.criteria))]
    service_cum = [sum(SERVICE_SHARES[: i + 1]) for i in range(len(SERVICES))]
    flagged = str(Flag.TOO_FAST)
    response_id, answer_id = first_response, first_answer
    draw, cut = rng.random, bisect.bisect
    for offset in range(0, total, CHUNK):
        size = min(CHUNK, total - offset)
        picks = rng.choices(range(len(world.bodies)), cum_weights=volume, k=size)
        bodies = [world.bodies[b] for b in picks]
        rolls = [draw() for _ in range(size)]
        officials = []
        for body in bodies:
            pool = world.officials[body.province_id]
            officials.append(pool[int(draw() * len(pool))])
        yield _Chunk(
            first_response=response_id,
            first_answer=answer_id,
            bodies=bodies,
            days=days[offset : offset + size],
            services=rng.choices(SERVICES, cum_weights=service_cum, k=size),
            topics=rng.choices(TOPICS, k=size),
            officials=officials,
            flags=[flagged if r < FLAGGED_SHARE else "" for r in rolls],
            comments=[COMMENTS[int(r * 1000) % len(COMMENTS)] if r > 1 - COMMENT_SHARE else "" for r in rolls],
            edit_keys=[rng.getrandbits(256) for _ in range(size)],
            values=[[LIKERT[cut(table[b], draw())] for b in picks] for table in by_criterion],
        )
        response_id += size
        answer_id += size * len(world.criteria)


# The generated columns, in this order, and the columns every row gives the same value.
_RESPONSE_ORDER = (
    "id", "template_id", "organization_id", "unit_id", "service", "topic", "official_id", "answered_on", "comment",
    "edit_key_hash", "editable_until", "flag",
)  # fmt: skip
_RESPONSE_CONSTANTS: dict[str, Any] = {
    "campaign_id": None, "source": str(Source.CASE_RATING), "form_nonce": None, "paper_form_number": "",
    "device_hash": "", "flag_cleared_by_id": None, "entered_by_id": None,
}  # fmt: skip


def _check_schema() -> None:
    """Fail loudly when the models gain a column this loader does not fill."""
    response_fields = {f.attname for f in Response._meta.concrete_fields}
    answer_fields = {f.attname for f in Answer._meta.concrete_fields}
    if response_fields != RESPONSE_FIELDS or answer_fields != ANSWER_FIELDS:
        raise RuntimeError(
            "surveys models changed; update benchmarks/surveys_world.py: "
            f"{sorted(response_fields ^ RESPONSE_FIELDS)} {sorted(answer_fields ^ ANSWER_FIELDS)}"
        )
    assert set(_RESPONSE_ORDER) | set(_RESPONSE_CONSTANTS) == RESPONSE_FIELDS


def responses_load(world: World, *, responses: int, seed: int, progress: bool = True) -> dict[str, Any]:
    """Insert ``responses`` case ratings of the template and six answers each; return the load figures.

    Outside a transaction (the benchmark) it also tunes the database for the load and analyses the
    tables afterwards; inside one (the smoke test) it only inserts.
    """
    _check_schema()
    first_response = (Response.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    first_answer = (Answer.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    standalone = not connection.in_atomic_block
    writer: Callable[[World, _Chunk], None] = (
        _copy_postgresql if connection.vendor == "postgresql" else _executemany_sqlite
    )
    meter = Progress(f"loading responses ({connection.vendor})", responses) if progress else None
    started = time.perf_counter()
    generating = indexing = 0.0
    # A bulk load into bare tables, then one build per index, beats updating every index row by
    # row; the rebuild counts in the load time. Only outside a transaction (not in the smoke test).
    dropped = _indexes_drop() if standalone else []
    if standalone and connection.vendor == "sqlite":
        _sqlite_pragmas(load=True)
    try:
        done = 0
        chunks = _generate(world, responses, seed, first_response, first_answer)
        while True:
            t0 = time.perf_counter()
            chunk = next(chunks, None)
            generating += time.perf_counter() - t0
            if chunk is None:
                break
            with transaction.atomic():
                writer(world, chunk)
            done += chunk.size
            if meter:
                meter.update(done)
        if meter:
            meter.update(responses, final=True)
    finally:
        t0 = time.perf_counter()
        _indexes_create(dropped)
        indexing = time.perf_counter() - t0
        if standalone and connection.vendor == "sqlite":
            _sqlite_pragmas(load=False)
    inserted = time.perf_counter() - started
    _sequences_reset([Response, Answer])
    t0 = time.perf_counter()
    if standalone:
        _analyze()
    analyze = time.perf_counter() - t0
    world.responses += responses
    world.answers += responses * len(world.criteria)
    world.load_seconds += inserted
    rows_total = responses * (1 + len(world.criteria))
    return {
        "seconds": round(inserted, 3),
        "generate_seconds": round(generating, 3),
        "index_build_seconds": round(indexing, 3),
        "analyze_seconds": round(analyze, 3),
        "responses_per_second": round(responses / inserted, 1),
        "rows_per_second": round(rows_total / inserted, 1),
        "rows": rows_total,
    }


_LOADED_TABLES = ("surveys_response", "surveys_answer")


def _indexes_drop() -> list[str]:
    """Drop the secondary indexes (and unique constraints) of the loaded tables; return how to remake them.

    Primary keys stay. On SQLite a UNIQUE written into the table itself cannot be dropped and stays.
    """
    remake: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in _LOADED_TABLES:
                cursor.execute(
                    "SELECT i.relname, pg_get_indexdef(i.oid), c.conname, pg_get_constraintdef(c.oid) "
                    "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                    "LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid "
                    "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary ORDER BY 1",
                    [table],
                )
                for index, index_sql, constraint, constraint_sql in cursor.fetchall():
                    if constraint:
                        remake.append(f'ALTER TABLE {table} ADD CONSTRAINT "{constraint}" {constraint_sql}')
                        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"')
                    else:
                        remake.append(index_sql)
                        cursor.execute(f'DROP INDEX "{index}"')
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name IN (%s, %s) ORDER BY name",
                list(_LOADED_TABLES),
            )
            for index, index_sql in cursor.fetchall():
                remake.append(index_sql)
                cursor.execute(f'DROP INDEX "{index}"')
    return remake


def _indexes_create(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _postgresql_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _day_strings() -> tuple[list[str], list[str], list[str]]:
    """Per day of the year: the date, and the end of its edit window as PostgreSQL and SQLite store it."""
    jan1 = dt.datetime(YEAR, 1, 1, 2, 0, tzinfo=dt.UTC)  # answered at 09:00 in Vietnam
    moments = [jan1 + dt.timedelta(days=d) for d in range(366)]
    dates = [m.date().isoformat() for m in moments]
    # Django keeps aware datetimes as naive UTC text on SQLite.
    return (
        dates,
        [(m + EDIT_WINDOW).isoformat(sep=" ") for m in moments],
        [(m + EDIT_WINDOW).replace(tzinfo=None).isoformat(sep=" ") for m in moments],
    )


_DATES, _UNTIL_POSTGRESQL, _UNTIL_SQLITE = _day_strings()


def _copy_postgresql(world: World, chunk: _Chunk) -> None:
    # The generator only makes rows whose keys exist, so the per-row foreign-key triggers (deferred
    # to commit, one lookup each) are skipped for the load when the role may do so.
    columns = ", ".join([*_RESPONSE_ORDER, *_RESPONSE_CONSTANTS])
    constants = "\t".join(r"\N" if v is None else str(v) for v in _RESPONSE_CONSTANTS.values())
    template, dates, until = world.template_id, _DATES, _UNTIL_POSTGRESQL
    lines = [
        f"{chunk.first_response + i}\t{template}\t{body.id}\t{body.unit_id}\t{chunk.services[i]}\t{chunk.topics[i]}\t"
        f"{chunk.officials[i]}\t{dates[chunk.days[i]]}\t{chunk.comments[i]}\t{chunk.edit_keys[i]:064x}\t"
        f"{until[chunk.days[i]]}\t{chunk.flags[i]}\t{constants}\n"
        for i, body in enumerate(chunk.bodies)
    ]  # fmt: skip
    # A response's answers side by side, as a live system writes them; the tail of each line
    # (criterion, aspect, value) is one of a few dozen strings, made once.
    tails = [[f"\t{pk}\t{SATISFACTION}\t{value}\n" for value in LIKERT] for pk, _ in world.criteria]
    answers: list[str] = []
    add = answers.append
    answer_id = chunk.first_answer
    for response_id, values in enumerate(zip(*chunk.values, strict=True), start=chunk.first_response):
        for tail, value in zip(tails, values, strict=True):
            add(f"{answer_id}\t{response_id}{tail[value]}")
            answer_id += 1
    with connection.cursor() as cursor:
        if _postgresql_superuser():
            cursor.execute("SET LOCAL session_replication_role = replica")
        with cursor.copy(f"COPY surveys_response ({columns}) FROM STDIN") as copy:
            copy.write("".join(lines))
        with cursor.copy("COPY surveys_answer (id, response_id, criterion_id, aspect, value) FROM STDIN") as copy:
            copy.write("".join(answers))


def _executemany_sqlite(world: World, chunk: _Chunk) -> None:
    columns = [*_RESPONSE_ORDER, *_RESPONSE_CONSTANTS]
    constants = tuple(_RESPONSE_CONSTANTS.values())
    template, dates, until = world.template_id, _DATES, _UNTIL_SQLITE
    width, criteria = len(world.criteria), [pk for pk, _ in world.criteria]
    raw = connection.connection
    assert raw is not None
    cursor = raw.cursor()
    cursor.executemany(
        f"INSERT INTO surveys_response ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",  # noqa: S608 - column names are ours
        (
            (chunk.first_response + i, template, body.id, body.unit_id, chunk.services[i], chunk.topics[i],
             chunk.officials[i], dates[chunk.days[i]], chunk.comments[i], f"{chunk.edit_keys[i]:064x}",
             until[chunk.days[i]], chunk.flags[i], *constants)
            for i, body in enumerate(chunk.bodies)
        ),
    )  # fmt: skip
    cursor.executemany(
        "INSERT INTO surveys_answer (id, response_id, criterion_id, aspect, value) VALUES (?, ?, ?, ?, ?)",
        (
            (chunk.first_answer + i * width + j, chunk.first_response + i, criteria[j], SATISFACTION, value)
            for i, values in enumerate(zip(*chunk.values, strict=True))
            for j, value in enumerate(values)
        ),
    )
    cursor.close()


def _sqlite_pragmas(*, load: bool) -> None:
    """During the load only: no fsync and a larger page cache; afterwards the settings' own values."""
    with connection.cursor() as cursor:
        if load:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB
        else:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-2000")  # SQLite's default
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _analyze() -> None:
    """Planner statistics on PostgreSQL, as autovacuum keeps them after a bulk load.

    SQLite is left without statistics: the application never runs ANALYZE there, so the numbers
    show the plans its users get.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in (*_LOADED_TABLES, "org_organization"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")


def _sequences_reset(models: list[Any]) -> None:
    """Explicit ids were inserted: move PostgreSQL's sequences past them (SQLite follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
