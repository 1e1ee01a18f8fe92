"""The bounded load client: a fixed number of concurrent sessions (closed loop) or a fixed arrival
rate (open loop), on loopback, with latency percentiles.

Closed loop (``run_closed``): ``concurrency`` sessions each send a request, wait for the answer and
send the next, for ``duration`` seconds after ``warmup`` seconds not counted. Throughput is what the
server sustains at that concurrency.

Open loop (``run_open``): requests are due at a fixed rate whatever the answers; a request's latency
is counted from when it was due, so a stalled server shows up as latency instead of quietly
lowering the rate (coordinated omission). This is how "p99 at 50 requests/s" is measured.

The client runs in one process with one thread per session: at the rates measured here (a few
hundred requests per second) its own cost is a few percent of one core, which it takes from the
server on the same machine; docs/benchmarks.md says so beside the numbers.
"""

from __future__ import annotations

import itertools
import math
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from benchmarks.http.client import Operation, Response, Session


class ClientAddresses:
    """Distinct loopback addresses (127.1.0.1, 127.1.0.2, …): one per simulated citizen."""

    def __init__(self, start: int = 0):
        self._numbers = itertools.count(start)
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            n = next(self._numbers)
        # 127.<1..254>.<0..255>.<1..254>: about 16 million addresses before wrapping around.
        n %= 254 * 256 * 254
        return f"127.{1 + n // (256 * 254)}.{(n // 254) % 256}.{1 + n % 254}"


ADDRESSES = ClientAddresses()
DEVICE_COOKIE = "danvan_device"  # danvan.ui.limits.DEVICE_COOKIE (the load client knows no app)


def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list (0 when empty)."""
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered) - 1e-9)))
    return ordered[rank - 1]


@dataclass
class Result:
    operation: str
    mode: str  # "closed" or "open"
    concurrency: int
    target_rate: float | None
    seconds: float
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Recorder:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.errors = 0
        self.samples: list[str] = []
        self.lock = threading.Lock()

    def record(self, seconds: float, status: str, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.statuses[status] += 1
            if ok:
                self.latencies.append(seconds)
            else:
                self.errors += 1
                if len(self.samples) < 5:
                    self.samples.append(detail[:300])

    def result(self, op: Operation, mode: str, concurrency: int, rate: float | None, seconds: float) -> Result:
        ordered = sorted(self.latencies)
        ms = [value * 1000 for value in ordered]
        return Result(
            operation=op.name,
            mode=mode,
            concurrency=concurrency,
            target_rate=rate,
            seconds=round(seconds, 2),
            requests=len(ordered) + self.errors,
            errors=self.errors,
            requests_per_second=round(len(ordered) / seconds, 1) if seconds else 0.0,
            p50_ms=round(percentile(ms, 0.50), 1),
            p95_ms=round(percentile(ms, 0.95), 1),
            p99_ms=round(percentile(ms, 0.99), 1),
            max_ms=round(ms[-1], 1) if ms else 0.0,
            mean_ms=round(sum(ms) / len(ms), 1) if ms else 0.0,
            statuses=dict(self.statuses),
            error_samples=self.samples,
        )


def _one(op: Operation, session: Session, rng: random.Random, recorder: _Recorder | None, due: float | None) -> None:
    if op.new_client_each_time:
        session.connect(ADDRESSES.next())  # a new citizen: another address, a new connection (untimed)
        # ... and another phone: the per-device limits (danvan.ui.limits) count a device cookie, which a
        # real citizen's own browser would not share with the others. The CSRF cookie stays (same form).
        session.cookies.pop(DEVICE_COOKIE, None)
    started = time.perf_counter()
    try:
        response = op.run(session, rng)
    except Exception as exc:  # a refused or broken connection counts as an error, not a crash
        session.close()
        if recorder is not None:
            recorder.record(0.0, type(exc).__name__, ok=False, detail=repr(exc))
        return
    finished = time.perf_counter()
    if recorder is None:
        return
    ok = response.status in op.expect
    detail = "" if ok else f"HTTP {response.status}: {response.text()[:200]}"
    recorder.record(finished - (started if due is None else due), str(response.status), ok, detail)


def _sessions(base: str, op: Operation, count: int) -> list[Session]:
    sessions = []
    for _ in range(count):
        session = Session(base, source_ip=ADDRESSES.next())
        if op.prepare is not None:
            op.prepare(session)
        sessions.append(session)
    return sessions


def _run_all(worker: Callable[[int], None], sessions: list[Session]) -> None:
    """One thread per session, each running ``worker(its index)``; then the sessions are closed."""
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for session in sessions:
        session.close()


def run_closed(base: str, op: Operation, *, concurrency: int, duration: float, warmup: float, seed: int = 1,
               at_least: int = 2, give_up_after: float = 900.0) -> Result:  # fmt: skip
    """``at_least``: keep going past ``duration`` until that many requests are measured (a request of the
    peer's report takes minutes at 1M tickets), but not for longer than ``give_up_after`` seconds."""
    sessions = _sessions(base, op, concurrency)
    recorder = _Recorder()
    begin = time.perf_counter() + 0.2
    count_from, stop_at = begin + warmup, begin + warmup + duration

    def worker(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        session = sessions[index]
        while time.perf_counter() < begin:
            time.sleep(0.001)
        while (now := time.perf_counter()) < stop_at or (
            now < stop_at + give_up_after and len(recorder.latencies) + recorder.errors < at_least
        ):
            _one(op, session, rng, recorder if now >= count_from else None, None)

    _run_all(worker, sessions)
    # Requests still running at stop_at finish and count: their time is part of the window.
    return recorder.result(op, "closed", concurrency, None, max(duration, time.perf_counter() - count_from))


def run_open(
    base: str, op: Operation, *, rate: float, duration: float, warmup: float, sessions: int = 32, seed: int = 1
) -> Result:
    """Requests due every 1/rate seconds, taken by the first free session; latency from the due time."""
    pool = _sessions(base, op, sessions)
    recorder = _Recorder()
    begin = time.perf_counter() + 0.2
    total = int((warmup + duration) * rate)
    counted_from = int(warmup * rate)
    numbers = itertools.count()
    lock = threading.Lock()

    def worker(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        session = pool[index]
        while True:
            with lock:
                n = next(numbers)
            if n >= total:
                return
            due = begin + n / rate
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            _one(op, session, rng, recorder if n >= counted_from else None, due)

    _run_all(worker, pool)
    return recorder.result(op, "open", sessions, rate, duration)


# A planned open loop: each session sends its own requests at their due times ----------------------------


@dataclass
class Planned:
    """One request of a plan: sent by its session at ``due`` (seconds after the window opens), whatever
    the answers to earlier ones. ``tag`` is the caller's own (e.g. the statement and the vote)."""

    due: float
    operation: str
    send: Callable[[Session], Response]
    expect: tuple[int, ...] = (200,)
    tag: Any = None
    # What the browser does at once with a successful answer (follow its redirect): sent and recorded as
    # its own request ("<operation> → next"), timed from when the first answer came.
    follow: Callable[[Session, Response], Response | None] | None = None


@dataclass
class Outcome:
    """What became of one planned request: its latency counted from when it was due (so a stalled server
    shows as latency, not as a lower rate), its status (or the exception's name; "unsent" when the run's
    time was up before it could go), and whether the status was one expected."""

    operation: str
    session: int
    due: float
    sent: float  # seconds after the window opened
    latency: float  # seconds, from due to the whole answer read
    status: str
    ok: bool
    tag: Any = None
    detail: str = ""
    response: Response | None = field(default=None, repr=False)


def run_plan(plans: list[list[Planned]], sessions: list[Session], *, give_up_after: float = 30.0,
             keep_responses: bool = False) -> list[Outcome]:  # fmt: skip
    """Every session sends its plan (sorted by due time) in a thread of its own; one record per request.

    Open loop: a session sends each request when it is due, or as soon as its previous answer came when
    that was later (a phone waits for one answer before the next tap): the lateness counts in the latency.
    Bounded: a request not sent within ``give_up_after`` seconds of the plan's last due time is recorded
    as "unsent"; each request itself is bounded by the session's socket timeout.
    """
    assert len(plans) == len(sessions)
    last_due = max((p.due for plan in plans for p in plan), default=0.0)
    outcomes: list[list[Outcome]] = [[] for _ in plans]
    begin = time.perf_counter() + 0.2

    def worker(index: int) -> None:
        session, mine = sessions[index], outcomes[index]
        for planned in sorted(plans[index], key=lambda p: p.due):
            due = begin + planned.due
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            sent = time.perf_counter()
            if sent - begin > last_due + give_up_after:
                mine.append(Outcome(planned.operation, index, planned.due, sent - begin, 0.0, "unsent", False,
                                    planned.tag))  # fmt: skip
                continue
            try:
                response = planned.send(session)
            except Exception as exc:  # a refused, reset or timed-out connection is an outcome, not a crash
                session.close()
                mine.append(Outcome(planned.operation, index, planned.due, sent - begin,
                                    time.perf_counter() - due, type(exc).__name__, False, planned.tag,
                                    repr(exc)[:300]))  # fmt: skip
                continue
            finished = time.perf_counter()
            ok = response.status in planned.expect
            mine.append(Outcome(planned.operation, index, planned.due, sent - begin, finished - due,
                                str(response.status), ok, planned.tag,
                                # 2,000 characters: a refused vote's message comes after the card's first lines
                                "" if ok else f"HTTP {response.status}: {response.text()[:2000]}",
                                response if keep_responses else None))  # fmt: skip
            if ok and planned.follow is not None:
                _follow(planned, session, response, mine, index, begin, finished)

    _run_all(worker, sessions)
    return sorted((o for mine in outcomes for o in mine), key=lambda o: o.due)


def _follow(planned: Planned, session: Session, response: Response, mine: list[Outcome], index: int, begin: float,
            started: float) -> None:  # fmt: skip
    assert planned.follow is not None
    name = f"{planned.operation} → next"
    try:
        then = planned.follow(session, response)
    except Exception as exc:
        session.close()
        mine.append(Outcome(name, index, started - begin, started - begin, time.perf_counter() - started,
                            type(exc).__name__, False, planned.tag, repr(exc)[:300]))  # fmt: skip
        return
    if then is not None:
        ok = then.status == 200
        mine.append(Outcome(name, index, started - begin, started - begin, time.perf_counter() - started,
                            str(then.status), ok, planned.tag, "" if ok else f"HTTP {then.status}: {then.text()[:200]}"))  # fmt: skip


def summary(outcomes: list[Outcome], seconds: float) -> dict[str, Any]:
    """Percentiles (nearest rank, ms) of the successful requests, the rate achieved, and the failures.
    The rate achieved is the successes over the window or, when answers came after it (a server that fell
    behind), over the time until the last answer."""
    ms = sorted(o.latency * 1000 for o in outcomes if o.ok)
    span = max([seconds, *(o.due + o.latency for o in outcomes if o.status != "unsent")])
    statuses = Counter(o.status for o in outcomes)
    samples = [o.detail for o in outcomes if not o.ok and o.detail][:5]
    return {
        "requests": len(outcomes),
        "ok": len(ms),
        "errors": len(outcomes) - len(ms),
        "seconds": round(seconds, 2),
        "until_last_answer_seconds": round(span, 2),
        "achieved_per_second": round(len(ms) / span, 1) if span else 0.0,
        "sent_per_second": round(sum(1 for o in outcomes if o.status != "unsent") / seconds, 1) if seconds else 0.0,
        "p50_ms": round(percentile(ms, 0.50), 1),
        "p95_ms": round(percentile(ms, 0.95), 1),
        "p99_ms": round(percentile(ms, 0.99), 1),
        "max_ms": round(ms[-1], 1) if ms else 0.0,
        "mean_ms": round(sum(ms) / len(ms), 1) if ms else 0.0,
        "statuses": dict(sorted(statuses.items())),
        "error_samples": samples,
    }
