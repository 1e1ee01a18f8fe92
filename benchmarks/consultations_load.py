"""Consultations under load (issue 19, "Scale"): 1,000 connected voters casting 200 votes/s in all, in an
open loop, while people read the consultation's page; then the check that every acknowledged vote is
stored exactly once.

``make bench-consultations-load`` (or ``python -m benchmarks.consultations_load``) does, in one run:

1. **Data.** PostgreSQL database ``--database`` (made and migrated when missing), with one open
   consultation of ~500 published statements and the votes of ``--prior-participants`` people before the
   run (``benchmarks/consultations/world.py``; the consultation is remade at each run).
2. **Server.** Dân Vận Số under gunicorn with ``config/gunicorn.conf.py`` and the production settings
   (connection pool, Redis cache), exactly as the HTTP suite serves it (``http_suite.Server``).
3. **Voters.** ``--voters`` sessions, each from its own loopback address with its own cookie jar: each
   opens the voting page once, before the measured window (device cookie, CSRF token).
4. **The window.** ``--seconds`` of open-loop load: vote ``n`` due at ``n / --rate`` s, by a voter drawn
   at random, on a statement that voter has not voted on; page reads of ``/gop-y/<code>/`` at
   ``--page-rate``/s. Every request's latency (from when it was due), status and outcome is recorded.
   Bounded: a request not sent within ``--give-up-after`` s of the last due time is recorded unsent.
5. **The check** (``benchmarks/consultations/stored_once.py``): every acknowledged vote stored once with
   its value, no vote stored twice, nothing stored that was not sent.
6. **Results** to ``benchmarks/results/consultations-load-<time>.json`` and ``.md`` (every request's
   record to ``var/bench/``), and p50/p95/p99 of votes and of the page, the rate achieved, the errors.

Loopback only (127.0.0.0/8); the load client runs in this process on the same machine as the server and
PostgreSQL and takes its share of the CPUs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks import http_suite
from benchmarks.consultations import report, scenario
from benchmarks.http import load
from benchmarks.surveys_indices import machine

ROOT = http_suite.ROOT
RESULTS, SCRATCH, VENV_BIN = http_suite.RESULTS, http_suite.SCRATCH, http_suite.VENV_BIN
DOC = http_suite.DOC
log = http_suite.log

TARGETS = {"vote_p95_ms": 200.0, "page_p95_ms": 150.0}  # issue 19, "Scale"


def roles(database: str) -> tuple[str, str]:
    """The owner role (migrates, owns every table) and the app role (serves) of ``database``."""
    return f"{database}_owner", f"{database}_app"


def role_url(database: str, role: str) -> str:
    return f"{http_suite.SERVER.replace('://postgres@', f'://{role}@')}/{database}"


def database_ready(database: str) -> None:
    """The database owned by its owner role, migrated by it, and the app role granted its rights
    (``danvan db_roles``, docs/deploy.md): the production settings refuse to serve as a superuser. A
    database of the same name made otherwise (its tables owned by another role) is made again."""
    owner, app = roles(database)
    assert database.replace("_", "").isalnum(), database  # our own names only: no quoting needed
    superuser_env = http_suite.danvan_env(database)
    owner_sql = f"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{database}'"  # noqa: S608
    made_by = http_suite.psql("postgres", owner_sql)
    if made_by and made_by != owner:
        http_suite.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", database])
    if not http_suite.database_exists(database):
        http_suite.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database])
        # `db_roles --create` as SQL (its grants on the protected tables wait for the migration below).
        for role in (owner, app):
            if not http_suite.psql("postgres", f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'"):  # noqa: S608
                http_suite.psql("postgres", f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS")
        http_suite.psql(database, f"ALTER DATABASE {database} OWNER TO {owner}")
        http_suite.psql(database, f"ALTER SCHEMA public OWNER TO {owner}")
    owner_env = superuser_env | {"DATABASE_URL": role_url(database, owner)}
    http_suite.run([str(VENV_BIN / "danvan"), "migrate", "-v0"], owner_env)
    http_suite.run([str(VENV_BIN / "danvan"), "db_roles", "--owner", owner, "--app", app, "--apply"], superuser_env)


def world_build(database: str, args: argparse.Namespace) -> dict[str, Any]:
    out = SCRATCH / "consultations-load-manifest.json"
    started = time.perf_counter()
    http_suite.run([str(VENV_BIN / "python"), "-m", "benchmarks.consultations.world", "--out", str(out),
                    "--statements", str(args.statements), "--prior-participants", str(args.prior_participants),
                    "--seed", str(args.seed)],
                   http_suite.danvan_env(database) | {"DATABASE_URL": role_url(database, roles(database)[0])})  # fmt: skip
    manifest: dict[str, Any] = json.loads(out.read_text())
    log(f"world: {len(manifest['statements'])} statements, {manifest['prior_votes']:,} votes of "
        f"{manifest['prior_participants']:,} people before the run ({time.perf_counter() - started:.0f} s)")  # fmt: skip
    manifest["path"] = str(out)
    return manifest


def files_limit(needed: int) -> None:
    """One socket per voter and reader in this process: raise the soft limit of open files if it is lower."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))


def measure(base: str, manifest: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """Voters and readers made and prepared, the window run; every outcome, the summaries, the attempts."""
    code, statements = manifest["code"], manifest["statements"]
    files_limit(args.voters + args.readers + 256)
    started = time.perf_counter()
    voters = scenario.voters_prepare(base, code, args.voters, statements, seed=args.seed, timeout=args.timeout)
    readers = scenario.readers_make(base, args.readers, timeout=args.timeout)
    log(f"{len(voters)} voters have opened the voting page ({time.perf_counter() - started:.0f} s, untimed)")
    plans = scenario.plan(code, voters, rate=args.rate, seconds=args.seconds, page_rate=args.page_rate,
                          readers=args.readers, seed=args.seed, browser=args.browser,
                          follow=not args.no_follow)  # fmt: skip
    load_before = os.getloadavg()[0]
    log(f"window: {args.seconds:g} s, {args.rate:g} votes/s by {len(voters)} voters, {args.page_rate:g} page reads/s")
    outcomes = load.run_plan(plans.vote_plans + plans.page_plans, [v.session for v in voters] + readers,
                             give_up_after=args.give_up_after)  # fmt: skip
    load_after = os.getloadavg()[0]
    votes = [o for o in outcomes if o.operation == "vote"]
    pages = [o for o in outcomes if o.operation == "page"]
    nexts = [o for o in outcomes if o.operation == "vote → next"]
    for o in pages:
        o.session -= len(voters)  # a reader's own index
    return {
        "votes": load.summary(votes, args.seconds),
        "page": load.summary(pages, args.seconds),
        "next": load.summary(nexts, args.seconds),
        "attempts": scenario.attempts_of(votes, voters),
        "devices": {v.index: v.device for v in voters},
        "outcomes": outcomes,
        "load_average": {"before": round(load_before, 2), "after": round(load_after, 2)},
    }


def check_stored(env: dict[str, str], manifest: dict[str, Any], attempts: list[dict[str, Any]],
                 devices: dict[int, str]) -> dict[str, Any]:  # fmt: skip
    """The stored-once check, in a process with the server's settings (its secret key keys the
    participants' digests)."""
    attempts_path, devices_path = (
        SCRATCH / "consultations-load-attempts.json",
        SCRATCH / "consultations-load-devices.json",
    )
    verdict_path = SCRATCH / "consultations-load-verdict.json"
    attempts_path.write_text(json.dumps(attempts))
    devices_path.write_text(json.dumps(devices))
    http_suite.run([str(VENV_BIN / "python"), "-m", "benchmarks.consultations.stored_once", "--manifest",
                    manifest["path"], "--attempts", str(attempts_path), "--devices", str(devices_path),
                    "--out", str(verdict_path)], env)  # fmt: skip
    verdict: dict[str, Any] = json.loads(verdict_path.read_text())
    return verdict


def outcomes_write(path: Path, outcomes: list[load.Outcome]) -> None:
    with path.open("w") as f:
        for o in outcomes:
            row = asdict(o)
            row.pop("response", None)
            row["latency_ms"] = round(row.pop("latency") * 1000, 2)
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="danvan_consultations_load")
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    parser.add_argument("--port", type=int, default=http_suite.PORTS["consultations"])
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=200.0, help="votes per second, in all")
    parser.add_argument("--seconds", type=float, default=60.0, help="the measured window")
    parser.add_argument("--page-rate", type=float, default=5.0, help="reads of the consultation's page per second")
    parser.add_argument("--readers", type=int, default=20, help="sessions reading the page")
    parser.add_argument(
        "--no-follow", action="store_true", help="with --browser form: do not open the page the answer redirects to"
    )
    parser.add_argument("--browser", choices=["script", "form"], default="script",
                        help="vote as the page's script does (default) or as the plain form does")  # fmt: skip
    parser.add_argument("--statements", type=int, default=500)
    parser.add_argument("--prior-participants", type=int, default=10000, help="people who voted before the run")
    parser.add_argument("--timeout", type=float, default=30.0, help="a request's socket timeout, s")
    parser.add_argument("--give-up-after", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-doc", action="store_true", help="do not append the section to docs/benchmarks.md")
    args = parser.parse_args(argv)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    settings = {key: value for key, value in vars(args).items() if key not in ("no_doc",)}
    result: dict[str, Any] = {"stamp": stamp, "machine": machine(), "settings": settings,
                              "server": http_suite.settings_facts(), "targets": TARGETS}  # fmt: skip

    database_ready(args.database)
    manifest = world_build(args.database, args)
    result["data"] = {key: manifest[key] for key in ("prior_participants", "prior_votes")} | {
        "statements": len(manifest["statements"])
    }
    subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], capture_output=True)  # noqa: S603, S607
    env = http_suite.production_env(args.database, args.redis) | {
        "DATABASE_URL": role_url(args.database, roles(args.database)[1]),
        # Every voter has its own loopback address, but the ceiling is raised anyway (docs/consultations/
        # participation.md): the run measures the server, not the rate limits. An outer value wins.
        "DANVAN_RATE_LIMITS": os.environ.get("DANVAN_RATE_LIMITS")
        or json.dumps({"consult_vote": {"per_address": 1_000_000}}),
    }  # served as the app role
    http_suite.static_collect(env)
    http_suite.PORTS["consultations"] = args.port
    result["uptime_before"] = _uptime()
    with http_suite.Server("consultations", VENV_BIN / "gunicorn", "config.wsgi:application", env, ROOT,
                           "/suc-khoe/") as server:  # fmt: skip
        measured = measure(server.base, manifest, args)
    result["uptime_after"] = _uptime()
    outcomes_path = SCRATCH / f"consultations-load-{stamp}-requests.jsonl"
    outcomes_write(outcomes_path, measured.pop("outcomes"))
    result["requests_file"] = str(outcomes_path.relative_to(ROOT))
    attempts, devices = measured.pop("attempts"), measured.pop("devices")
    result |= measured
    result["stored_once"] = check_stored(env, manifest, attempts, devices)
    result["versions"] = http_suite.versions(args.database)
    out = RESULTS / f"consultations-load-{stamp}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    section = report.section(result)
    out.with_suffix(".md").write_text(section)
    print(report.console(result), flush=True)
    log(f"results: {out} and {out.with_suffix('.md').name}; every request: {outcomes_path}")
    if not args.no_doc:
        with DOC.open("a") as f:
            f.write("\n" + section)
        log(f"appended to {DOC}")
    return out


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()  # noqa: S607


if __name__ == "__main__":
    main()
