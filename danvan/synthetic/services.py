"""Filling a database with generated data, checking it with the app's own code, and removing it.

``dataset_generate`` writes bodies, officers, cases with their timelines, files, sealed identities,
ratings and campaign answers in bulk (COPY on PostgreSQL), reproducibly from a seed;
``checks.dataset_check`` reads a sample back through the real selectors and services;
``dataset_purge`` removes every generated row. Generated rows are recognisable: tracking codes
start with ``SG-``, idempotency keys with ``gen:``, body codes, usernames and campaign codes with
``gen-``. See docs/generate.md.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import connection, transaction
from django.db.models import Model

from danvan.cases.choices import Status, Track
from danvan.cases.models import Attachment, Case, CaseEvent, SealedIdentity, Suspension, TopicCategory
from danvan.cases.transitions import MACHINES
from danvan.core import chain, clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.deadlines.selectors import deadline_context_load
from danvan.notifications.models import Notification
from danvan.org.choices import UnitEra, UnitLevel
from danvan.org.models import AdministrativeUnit, Organization, Position, RoleAssignment, UnitSuccession, User
from danvan.surveys.models import Answer, Campaign, Invitation, Response, SurveyTemplate
from danvan.surveys.services.invitations import case_rating_template
from danvan.surveys.services.responses import questions_for
from danvan.synthetic import bodies as bodies_module
from danvan.synthetic import generator, texts
from danvan.synthetic.progress import Progress
from danvan.synthetic.sinks import Sink, table

DEFAULT_START = dt.date(2025, 7, 1)  # the two-tier map took effect: bodies and communes as they are now
BULK_FROM = 100_000  # cases from which a PostgreSQL load drops and rebuilds secondary indexes
BULK_TABLES = [Case, CaseEvent, Attachment, Suspension, SealedIdentity, Invitation, Response, Answer]


@dataclass(frozen=True)
class GenerateOptions:
    cases: int
    seed: int = 1
    provinces: tuple[int, ...] | None = None  # GSO codes of current provinces; None: all 34
    start: dt.date = DEFAULT_START
    end: dt.date | None = None  # the as-of date: nothing happens after it; default today
    ratings_share: float = 0.6
    campaign_responses: int | None = None  # default: one for every 50 cases
    citizens: int | None = None  # citizen accounts; default: one for every 25 cases
    append: bool = False
    chunk: int = 50_000
    snapshots: bool = True
    progress: bool = True
    workers: int | None = None  # processes generating chunks; default: 2 for large runs, 0 (this process) else


@dataclass
class GenerateReport:
    seed: int
    start: dt.date
    end: dt.date
    provinces: list[int]
    rows: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    stats: generator.Stats = field(default_factory=generator.Stats)
    deadline_calls: int = 0
    campaign_answers: int = 0
    snapshots: dict[str, int] = field(default_factory=dict)
    write_seconds: dict[str, float] = field(default_factory=dict)


def generated_exists() -> bool:
    return (
        Case.objects.filter(tracking_code__startswith=generator.CODE_PREFIX).exists()
        or Organization.objects.filter(code__startswith=bodies_module.PREFIX).exists()
    )


def coverage_targets() -> list[tuple[str, str]]:
    """Every state each track can be in: a fresh run makes one case end in each, whatever its size."""
    targets: list[tuple[str, str]] = [(Track.UNCLASSIFIED, Status.RECEIVED)]
    for track in (Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO):
        states: set[str] = {Status.RECEIVED}
        for moves in MACHINES[track].values():
            states.update(moves.values())
        targets += [(track, s) for s in sorted(states)]
    return targets


def dataset_generate(options: GenerateOptions, *, stream: TextIO | None = None) -> GenerateReport:
    if options.cases < 0:
        raise DomainError("Số hồ sơ phải không âm.", code="bad_count")
    end = options.end or clock.today()
    if options.start > end:
        raise DomainError("Ngày bắt đầu ở sau ngày kết thúc.", code="bad_dates")
    if not 0 <= options.ratings_share <= 1:
        raise DomainError("--ratings-share phải trong khoảng 0–1.", code="bad_share")
    started = time.perf_counter()
    report = GenerateReport(seed=options.seed, start=options.start, end=end, provinces=[])
    if not AdministrativeUnit.objects.filter(era=UnitEra.CURRENT).exists():
        from danvan.org.services import units_load

        units_load()
    existing = generated_exists()
    if existing and not options.append:
        raise DomainError(
            "Cơ sở dữ liệu đã có dữ liệu sinh tự động (mã hồ sơ SG-…, cơ quan gen-…). "
            "Dùng --append để thêm, hoặc --purge để xóa trước.",
            code="generated_exists",
        )
    provinces = _provinces(options.provinces)
    report.provinces = [p.code for p in provinces]
    # A fresh run is reproducible from the seed (and the chunk size); an appended run also depends on
    # what it appends to.
    already = Case.objects.filter(tracking_code__startswith=generator.CODE_PREFIX).count() if existing else 0
    seed_material = str(options.seed) if not existing else f"{options.seed}/{already}"
    rng = random.Random(seed_material)  # noqa: S311 - reproducible data from a seed, not a secret
    joined = dt.datetime(options.start.year, options.start.month, options.start.day, 8, 0, tzinfo=generator.VN)
    sink = Sink()
    bulk = sink.vendor == "postgresql" and options.cases >= BULK_FROM and not connection.in_atomic_block
    sink.begin_load(bulk_tables=BULK_TABLES if bulk else ())
    try:
        _load(options, report, sink, provinces, existing, already, seed_material, rng, joined, end, stream)
    finally:
        report.timings["indexes"] = sink.indexes_rebuild()
    phase = time.perf_counter()
    sink.end_load()
    report.timings["sequences_and_analyze"] = time.perf_counter() - phase
    if sink.skip_triggers:
        phase = time.perf_counter()
        problems = sink.foreign_keys_check()
        report.timings["foreign_keys_check"] = time.perf_counter() - phase
        if problems:
            raise DomainError("Dữ liệu sinh có khóa ngoại sai: " + "; ".join(problems), code="foreign_keys")
    if options.snapshots:
        from danvan.surveys.services.snapshots import snapshots_refresh_all

        phase = time.perf_counter()
        report.snapshots = snapshots_refresh_all(
            first=dt.date(options.start.year, 1, 1), last=dt.date(end.year, 12, 31)
        )
        report.timings["snapshots"] = time.perf_counter() - phase
    report.rows = dict(sink.rows_written)
    report.write_seconds = dict(sink.seconds)
    report.timings["total"] = time.perf_counter() - started
    audit_record(actor=None, action="synthetic.generate", object_type="synthetic.dataset", object_id=str(options.seed),
                 object_repr=f"{options.cases} hồ sơ sinh tự động",
                 after={"cases": options.cases, "seed": options.seed, "start": options.start, "end": end,
                        "provinces": report.provinces, "append": options.append, "rows": report.rows})  # fmt: skip
    return report


def _load(options: GenerateOptions, report: GenerateReport, sink: Sink, provinces: list[AdministrativeUnit],
          existing: bool, already: int, seed_material: str, rng: random.Random, joined: dt.datetime, end: dt.date,
          stream: TextIO | None) -> None:  # fmt: skip
    started = time.perf_counter()
    maker = texts.TextMaker(rng)
    with transaction.atomic():
        provinces_bodies, _created = bodies_module.provinces_ensure(sink=sink, provinces=provinces, rng=rng,
                                                                    texts=maker, joined=joined)  # fmt: skip
        citizens = _citizens_create(sink, rng, maker, options.citizens or max(20, options.cases // 25), joined)
    report.timings["bodies_and_users"] = time.perf_counter() - started

    communes = _communes(provinces)
    context = deadline_context_load()
    deadlines = generator.Deadlines(context)
    template = case_rating_template()
    if template is None:
        raise DomainError("Chưa có mẫu khảo sát case-rating (chạy migrate).", code="no_template")
    rating_questions: dict[str, list[tuple[int, str, str]]] = {
        track: [(q.criterion.pk, q.criterion.code, str(q.aspect)) for q in questions_for(template, track=track)]
        for track in (Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO)
    }
    sizes = [min(options.chunk, options.cases - start) for start in range(0, options.cases, max(1, options.chunk))]
    factory = generator.CaseFactory(
        rng=rng, start=options.start, end=end, provinces=provinces_bodies, communes=communes,
        topics=dict(TopicCategory.objects.values_list("code", "id")), deadlines=deadlines,
        is_working_day=context.calendar.is_working_day, citizens=citizens, ratings_share=options.ratings_share,
        rating_template=template.pk, rating_questions=rating_questions, seed_material=seed_material,
        chunks=len(sizes), sink=sink,
    )  # fmt: skip
    if not existing and options.cases >= 2 * len(coverage_targets()):
        factory.coverage = list(reversed(coverage_targets()))

    campaign_count = options.campaign_responses if options.campaign_responses is not None else options.cases // 50
    progress = Progress("hồ sơ", options.cases, stream=stream, enabled=options.progress)
    phase = time.perf_counter()
    first_case = sink.reserve(factory.tables["cases"], options.cases)
    factory.ordinal_offset = already + 1 - first_case
    factory.copy_text = sink.vendor == "postgresql"
    plan = [(index, first_case + sum(sizes[:index]), size) for index, size in enumerate(sizes)]
    workers = options.workers if options.workers is not None else (2 if options.cases >= 100_000 else 0)
    if connection.in_atomic_block:
        workers = 0  # a forked process must not share an open transaction's connection
    write_seconds = 0.0
    for buffers, stats in _chunks(factory, plan, workers, progress):
        written = time.perf_counter()
        sink.before_transaction()
        with transaction.atomic():
            factory.flush(buffers)
        write_seconds += time.perf_counter() - written
        report.stats.merge(stats)
    report.timings["cases"] = progress.finish() if options.cases else 0.0
    report.timings["cases_wall"] = time.perf_counter() - phase
    report.timings["cases_writing"] = write_seconds

    phase = time.perf_counter()
    if campaign_count and provinces_bodies:
        sipas = SurveyTemplate.objects.get(code="sipas-2017")
        questions = [(q.criterion.pk, q.criterion.code, str(q.aspect)) for q in questions_for(sipas)]
        campaign_progress = Progress("phiếu khảo sát", campaign_count, stream=stream, enabled=options.progress)
        with transaction.atomic():
            _written, report.campaign_answers = generator.campaign_rows(
                rng=rng, sink=sink, provinces=provinces_bodies, province_names={p.code: p.name for p in provinces},
                count=campaign_count, template=sipas.pk, questions=questions, start=options.start, end=end,
                quality=factory.body_quality, progress=campaign_progress.advance,
            )  # fmt: skip
        campaign_progress.finish()
    report.timings["campaigns"] = time.perf_counter() - phase

    report.deadline_calls = report.stats.deadline_calls


_FACTORY: generator.CaseFactory | None = None
_COUNTER: Any = None


def _chunk_in_worker(task: tuple[int, int, int]) -> tuple[generator.Buffers, generator.Stats]:
    assert _FACTORY is not None
    return _FACTORY.chunk(*task)


def _count_in_worker(count: int) -> None:
    with _COUNTER.get_lock():
        _COUNTER.value += count


def _chunks(factory: generator.CaseFactory, plan: list[tuple[int, int, int]], workers: int,
            progress: Progress) -> Iterator[tuple[generator.Buffers, generator.Stats]]:  # fmt: skip
    """The chunks of ``plan`` in order, generated here or by ``workers`` forked processes.

    With workers, this process only writes: while it copies one chunk into the database, the workers
    generate the next ones (at most one more than there are workers, to bound memory).
    """
    if workers <= 0:
        factory.on_cases = progress.advance
        for task in plan:
            yield factory.chunk(*task)
        return
    global _FACTORY, _COUNTER
    context = multiprocessing.get_context("fork")
    _FACTORY, _COUNTER = factory, context.Value("q", 0)
    factory.on_cases = _count_in_worker
    # The workers never touch the database; closing the connection first keeps them from inheriting it.
    connection.close()
    with context.Pool(workers) as pool:
        pending: deque[Any] = deque()
        tasks = iter(plan)
        for task in tasks:
            pending.append(pool.apply_async(_chunk_in_worker, (task,)))
            if len(pending) > workers:
                break
        while pending:
            result = pending.popleft()
            while True:
                try:
                    chunk = result.get(timeout=1.0)
                    break
                except multiprocessing.TimeoutError:
                    progress.advance(_COUNTER.value - progress.done)
            progress.advance(_COUNTER.value - progress.done)
            next_task = next(tasks, None)
            if next_task is not None:
                pending.append(pool.apply_async(_chunk_in_worker, (next_task,)))
            yield chunk
    _FACTORY = None


def _provinces(codes: tuple[int, ...] | None) -> list[AdministrativeUnit]:
    units = AdministrativeUnit.objects.filter(era=UnitEra.CURRENT, level=UnitLevel.PROVINCE).order_by("code")
    if codes is None:
        return list(units)
    found = {u.code: u for u in units.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise DomainError(
            f"Không có tỉnh, thành phố (hiện hành) mã: {', '.join(map(str, missing))}", code="bad_province"
        )
    return [found[c] for c in sorted(set(codes))]


def _communes(provinces: list[AdministrativeUnit]) -> list[texts.Commune]:
    province_by_id = {p.pk: p for p in provinces}
    rows = AdministrativeUnit.objects.filter(
        era=UnitEra.CURRENT, level=UnitLevel.COMMUNE, province_id__in=list(province_by_id)
    ).order_by("code")
    old: dict[int, list[tuple[str, str, str]]] = {}
    for successor, name, district, old_province in UnitSuccession.objects.filter(
        successor__province_id__in=list(province_by_id)
    ).values_list(
        "successor_id", "predecessor__name", "predecessor__parent__name", "predecessor__province__short_name"
    ):
        old.setdefault(successor, []).append((name, district or "", old_province or ""))
    communes = []
    for unit in rows:
        province = province_by_id[unit.province_id or 0]
        communes.append(texts.Commune(
            id=unit.pk, code=unit.code, name=unit.name, short_name=unit.short_name, division_type=unit.division_type,
            province_id=province.pk, province_name=province.name, province_short=province.short_name,
            province_is_city=province.division_type == "thành phố trung ương", remote=unit.is_remote_area,
            old_names=tuple(sorted(old.get(unit.pk, []))),
        ))  # fmt: skip
    return communes


def _citizens_create(sink: Sink, rng: random.Random, maker: texts.TextMaker, count: int,
                     joined: dt.datetime) -> list[int]:  # fmt: skip
    users = table(User, bodies_module.USER_COLUMNS)
    offset = User.objects.filter(username__startswith=f"{bodies_module.PREFIX}cd-").count()
    first = sink.reserve(users, count)
    rows = []
    for i in range(count):
        n = offset + i + 1
        phone = "09" + f"{rng.randrange(10**8):08d}"
        rows.append((first + i, bodies_module._unusable_password(rng), None, False, f"{bodies_module.PREFIX}cd-{n}",
                     "", "", f"congdan{n}@example.com", False, True, joined, maker.full_name(), phone, None))  # fmt: skip
    sink.write(users, rows)
    return [first + i for i in range(count)]


# Removing everything generated ------------------------------------------------------------------------

_CASES = "SELECT id FROM cases_case WHERE tracking_code LIKE 'SG-%'"
_ORGS = "SELECT id FROM org_organization WHERE code LIKE 'gen-%'"
_USERS = "SELECT id FROM org_user WHERE username LIKE 'gen-%'"
_CAMPAIGNS = "SELECT id FROM surveys_campaign WHERE code LIKE 'gen-%'"
# What is generated, per model, in the order it is removed (dependants first): constant SQL, no input.
_GENERATED: list[tuple[type[Model], str]] = [
    (Invitation, "subject IN (SELECT 'case:' || id FROM cases_case WHERE tracking_code LIKE 'SG-%') "  # noqa: S608
                 "OR organization_id IN (" + _ORGS + ")"),
    (Response, "campaign_id IN (" + _CAMPAIGNS + ") OR organization_id IN (" + _ORGS + ")"),
    # Notifications name their case by kind and id (no foreign key to cascade): a generated case
    # that somebody acted on may have some.
    (Notification, "about_kind = 'cases.case' AND about_id IN (" + _CASES + ")"),
    (Case, "tracking_code LIKE 'SG-%'"),
    (Campaign, "code LIKE 'gen-%'"),
    (Position, "organization_id IN (" + _ORGS + ") OR person_id IN (" + _USERS + ")"),
    (RoleAssignment, "organization_id IN (" + _ORGS + ") OR user_id IN (" + _USERS + ")"),
    (User, "username LIKE 'gen-%'"),
    (Organization, "code LIKE 'gen-%'"),
]  # fmt: skip


# The rows of chained (append-only) tables a purge removes with the generated ones: constant SQL.
_CHAINED_GENERATED = {
    "cases_caseevent": "SELECT id FROM cases_caseevent WHERE case_id IN (" + _CASES + ")",  # noqa: S608
    "django_admin_log": "SELECT id FROM django_admin_log WHERE user_id IN (" + _USERS + ")",  # noqa: S608
}


def dataset_purge() -> dict[str, int]:
    """Remove every generated row and what hangs off it; refuse if real data points at generated rows.

    Rows of other tables that belong to generated ones (timelines, files, answers, routing rules,
    stored indices…) go with them; a real row that merely mentions a generated one (a handler, the
    body of an invitation) loses the mention. A real case or a real audit event that points at a
    generated body or account stops the purge, with nothing removed. The audit log keeps its rows:
    it is append-only. Afterwards the stored indices of the years the removed ratings fell in are
    computed again, so no place or service keeps an index made of generated answers.
    """
    removed: dict[str, int] = {}
    generated = {model: condition for model, condition in _GENERATED}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(answered_on), MAX(answered_on) FROM surveys_response WHERE {generated[Response]}")  # noqa: S608
        first_day, last_day = cursor.fetchone()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The timeline and the admin log are append-only; their trigger lets the owner role delete
            # in a transaction that says it purges (an app role has no DELETE on them at all).
            cursor.execute("SET LOCAL danvan.purge = 'on'")
        # Their hash chains lose the generated rows' links and are linked again from the first one
        # removed: visibly (anchors kept outside for later links no longer match; the purge's audit
        # event says from which link).
        cut = {table: chain.chain_cut(table, rows) for table, rows in _CHAINED_GENERATED.items()}
        for model, condition in _GENERATED:
            name = model._meta.db_table
            ids = f"SELECT id FROM {quote(name)} WHERE {condition}"  # noqa: S608
            for relation in model._meta.get_fields(include_hidden=True):
                if not (relation.auto_created and not relation.concrete and (relation.one_to_many or
                                                                             relation.one_to_one)):  # fmt: skip
                    continue
                related = relation.related_model
                assert related is not None and not isinstance(related, str)
                field: Any = relation.field  # type: ignore[union-attr]
                if related is model:
                    outsiders = f"{quote(field.column)} IN ({ids}) AND NOT ({condition})"
                elif related in generated:
                    outsiders = f"{quote(field.column)} IN ({ids}) AND NOT ({generated[related]})"
                else:
                    outsiders = f"{quote(field.column)} IN ({ids})"
                table_name = quote(related._meta.db_table)
                on_delete = getattr(relation, "on_delete", None)
                action = getattr(on_delete, "__name__", "")
                if action == "CASCADE":
                    cursor.execute(f"DELETE FROM {table_name} WHERE {outsiders}")  # noqa: S608
                    if cursor.rowcount:
                        removed[related._meta.db_table] = removed.get(related._meta.db_table, 0) + cursor.rowcount
                elif action == "SET_NULL" and related._meta.db_table not in chain.CHAINS:
                    cursor.execute(f"UPDATE {table_name} SET {quote(field.column)} = NULL WHERE {outsiders}")  # noqa: S608
                elif action in {"PROTECT", "RESTRICT", "SET_NULL"}:  # SET_NULL here: an append-only row
                    cursor.execute(f"SELECT COUNT(*) FROM {table_name} WHERE {outsiders}")  # noqa: S608
                    count = cursor.fetchone()[0]
                    if count:
                        raise DomainError(
                            f"Không thể xóa: {count} dòng của {related._meta.db_table} (không phải dữ liệu sinh) "
                            f"tham chiếu đến {name} sinh tự động.",
                            code="purge_blocked",
                        )
            cursor.execute(f"DELETE FROM {quote(name)} WHERE {condition}")  # noqa: S608
            removed[name] = removed.get(name, 0) + cursor.rowcount
        relinked = {table: chain.chain_extend(table, only_after_last=False) for table, first in cut.items() if first}
        audit_record(actor=None, action="synthetic.purge", object_type="synthetic.dataset", object_id="*",
                     object_repr="xóa dữ liệu sinh tự động",
                     after={**removed, "chains_relinked_from": {t: f for t, f in cut.items() if f},
                            "chains_relinked": relinked})  # fmt: skip
    if first_day is not None:
        from danvan.surveys.services.snapshots import snapshots_refresh_all

        first_day, last_day = (
            d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)) for d in (first_day, last_day)
        )
        snapshots_refresh_all(first=dt.date(first_day.year, 1, 1), last=dt.date(last_day.year, 12, 31))
    return removed
