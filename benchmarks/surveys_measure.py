"""The operations the satisfaction benchmark times, on whatever database Django is connected to.

Large operations run once or a few times; small ones (what a page or a rating triggers) run many
times and report p50/p95. Query counts and the share of time spent in SQL come from a separate,
untimed call for the small ones, so capturing queries never weighs on their timings.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.test.utils import CaptureQueriesContext

from benchmarks.surveys_world import YEAR, World
from danvan.org.models import Organization
from danvan.surveys import selectors
from danvan.surveys.models import IndexSnapshot, SurveyTemplate
from danvan.surveys.services.snapshots import snapshots_refresh_all, snapshots_refresh_for_response

FIRST, LAST = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
PERIOD = (FIRST, LAST)
SUBTREE_SIZE = 50


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(runs: list[float]) -> dict[str, Any]:
    return {
        "n": len(runs),
        "p50": round(percentile(runs, 0.5), 6),
        "p95": round(percentile(runs, 0.95), 6),
        "min": round(min(runs), 6),
        "max": round(max(runs), 6),
        "runs": [round(r, 6) for r in runs],
    }


@dataclass
class Captured:
    seconds: float
    queries: int
    sql_seconds: float
    slowest: list[tuple[float, str, Any]]  # (seconds, SQL, parameters) of the slowest SELECTs, slowest first

    def as_dict(self, excerpt: int = 240) -> dict[str, Any]:
        return {
            "queries": self.queries,
            "sql_seconds": round(self.sql_seconds, 4),
            "sql_share": round(self.sql_seconds / self.seconds, 3) if self.seconds else None,
            "slowest_sql": [{"seconds": round(s, 4), "sql": q[:excerpt]} for s, q, _ in self.slowest],
        }


class _QueryClock:
    """Times every query in the database driver: its ``execute`` and the fetching of its rows.

    Both count: PostgreSQL has done its work when ``execute`` returns, but SQLite steps through a
    result while Python fetches it, so timing ``execute`` alone would miss most of a large read.
    Django's own capture only keeps milliseconds, hence perf_counter here.
    """

    FETCHES = ("fetchone", "fetchmany", "fetchall")

    def __init__(self) -> None:
        self.queries: list[list[Any]] = []  # [seconds, sql, parameters]
        self._by_cursor: dict[int, list[Any]] = {}

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        entry: list[Any] = [0.0, sql, None if many else params]
        self.queries.append(entry)
        self._by_cursor[id(context["cursor"])] = entry
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            entry[0] += time.perf_counter() - started

    @contextmanager
    def fetches(self) -> Iterator[None]:
        """Add the time of each fetch to its query (a patch of Django's cursor wrapper, for the run only)."""
        clock = self

        def timed_fetch(name: str) -> Callable[..., Any]:
            def fetch(wrapper: CursorWrapper, *args: Any) -> Any:
                started = time.perf_counter()
                try:
                    return getattr(wrapper.cursor, name)(*args)
                finally:
                    entry = clock._by_cursor.get(id(wrapper))
                    if entry is not None:
                        entry[0] += time.perf_counter() - started

            return fetch

        for name in self.FETCHES:
            setattr(CursorWrapper, name, timed_fetch(name))
        try:
            yield
        finally:
            for name in self.FETCHES:
                delattr(CursorWrapper, name)  # back to CursorWrapper.__getattr__


def captured[T](fn: Callable[[], T], keep: int = 3) -> tuple[T, Captured]:
    clock = _QueryClock()
    with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(clock), clock.fetches():
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
    selects = sorted(
        ((s, q, p) for s, q, p in clock.queries if q.lstrip().upper().startswith("SELECT")), key=lambda t: -t[0]
    )
    return result, Captured(seconds, len(ctx.captured_queries), sum(t[0] for t in clock.queries), selects[:keep])


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def explain(sql: str, params: Any) -> str:
    """EXPLAIN ANALYZE on PostgreSQL (the query runs again), the query plan on SQLite."""
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":
        return "\n".join(str(r[0]) for r in rows)
    return "\n".join(" ".join(str(c) for c in r) for r in rows)


def subtree_root(world: World) -> tuple[Organization, list[int]]:
    """The provincial body whose subtree is closest to ``SUBTREE_SIZE`` bodies, and the subtree's ids."""
    sizes: dict[int, int] = {}
    for body in world.bodies:
        top = body.parent_id or body.id
        sizes[top] = sizes.get(top, 0) + 1
    root_id = min(sizes, key=lambda pk: (abs(sizes[pk] - SUBTREE_SIZE), pk))
    root = Organization.objects.get(pk=root_id)
    ids = list(Organization.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    return root, ids


def measure_all(
    world: World,
    *,
    repeats: int = 20,
    refresh_bodies: int = 50,
    big_repeats: int = 3,
    refresh_runs: int = 2,
    log: Callable[[str], None] = lambda _: None,
) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """Run every operation; return its figures and the (operation, SQL, plan) of the slow queries."""
    template = SurveyTemplate.objects.select_related("methodology").get(pk=world.template_id)
    rng = random.Random(world.seed + 1)
    ops: dict[str, Any] = {}
    plans: list[tuple[str, str, str]] = []

    def busy(name: str) -> None:
        """The machine's 1-minute load average as each operation starts: other work skews timings."""
        loads[name] = round(os.getloadavg()[0], 2)

    loads: dict[str, float] = {}

    def slow(name: str, cap: Captured, how_many: int = 1) -> None:
        for _, sql, params in cap.slowest[:how_many]:
            plans.append((name, f"{sql}\n-- parameters: {params!r}", explain(sql, params)))

    # 1. All bodies, one year, computed live from the answers.
    log("indices_compute: all bodies, one year")
    busy("indices_compute_year")
    runs, cap = [], None
    for _ in range(big_repeats):
        result, cap = captured(lambda: selectors.indices_compute(template, FIRST, LAST))
        runs.append(cap.seconds)
    assert cap is not None
    ops["indices_compute_year"] = {**summary(runs), **cap.as_dict(), "scopes": len(result)}
    slow("indices_compute_year", cap, 2)

    # 2. Every template, scope and period of the year: the nightly and on-demand rebuild.
    log("snapshots_refresh_all: every template, scope and period")
    busy("snapshots_refresh_all")
    refresh_caps = []
    for _ in range(refresh_runs):
        stored, cap = captured(lambda: snapshots_refresh_all(first=FIRST, last=LAST), keep=5)
        refresh_caps.append(cap)
    ops["snapshots_refresh_all"] = {
        **summary([c.seconds for c in refresh_caps]),
        **refresh_caps[-1].as_dict(),
        "snapshots": sum(stored.values()),
        "by_scope": stored,
        "note": "run 1 fills an empty table, later runs replace every snapshot",
    }
    slow("snapshots_refresh_all", refresh_caps[-1], 3)
    if connection.vendor == "postgresql":
        # Autovacuum analyses a table that just gained 100,000+ rows within a minute; do it now so
        # the next steps are not planned on the statistics of an empty table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE surveys_indexsnapshot")

    # 3. What one citizen's rating triggers: its body's and place's month, quarter and year.
    log(f"snapshots_refresh_for_response: {refresh_bodies} bodies")
    busy("refresh_for_response")
    picks = rng.sample(world.bodies, min(refresh_bodies, len(world.bodies)))
    days = [FIRST + dt.timedelta(days=rng.randrange(365)) for _ in picks]
    runs = [
        timed(lambda b=b, d=d: snapshots_refresh_for_response(template, b.id, b.unit_id, d))  # type: ignore[misc]
        for b, d in zip(picks, days, strict=True)
    ]
    _, cap = captured(lambda: snapshots_refresh_for_response(template, picks[0].id, picks[0].unit_id, days[0]))
    ops["refresh_for_response"] = {**summary(runs), **cap.as_dict()}
    slow("refresh_for_response", cap)

    # 4. The public ranking of the year, nationally and in the province with the most bodies.
    log(f"ranking: national and one province, {repeats} runs each")
    busy("ranking")
    _, cap = captured(lambda: selectors.ranking(template, "year", FIRST))
    rows = len(selectors.ranking(template, "year", FIRST))
    runs = [timed(lambda: selectors.ranking(template, "year", FIRST)) for _ in range(repeats)]
    ops["ranking_national"] = {**summary(runs), **cap.as_dict(), "rows": rows}
    slow("ranking_national", cap)
    per_province: dict[int, int] = {}
    for body in world.bodies:
        per_province[body.province_id] = per_province.get(body.province_id, 0) + 1
    province_id = max(per_province, key=lambda pk: (per_province[pk], -pk))
    _, cap = captured(lambda: selectors.ranking(template, "year", FIRST, province_id=province_id))
    rows = len(selectors.ranking(template, "year", FIRST, province_id=province_id))
    runs = [timed(lambda: selectors.ranking(template, "year", FIRST, province_id=province_id)) for _ in range(repeats)]
    ops["ranking_province"] = {**summary(runs), **cap.as_dict(), "rows": rows, "province_id": province_id}

    # 5. One index over a provincial body and the bodies under it.
    root, ids = subtree_root(world)
    log(f"combined_index: subtree of {len(ids)} bodies, {repeats} runs")
    busy("combined_index_subtree")
    result_c, cap = captured(lambda: selectors.combined_index(template, FIRST, LAST, organization_ids=ids))
    runs = [
        timed(lambda: selectors.combined_index(template, FIRST, LAST, organization_ids=ids)) for _ in range(repeats)
    ]
    ops["combined_index_subtree"] = {
        **summary(runs), **cap.as_dict(), "bodies": len(ids), "root": root.pk, "respondents": result_c.respondents,
    }  # fmt: skip
    slow("combined_index_subtree", cap)
    busy("end")
    ops["snapshot_rows"] = IndexSnapshot.objects.count()
    ops["load_average"] = loads
    return ops, plans
