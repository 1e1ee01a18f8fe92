"""The HTTP benchmark: Dân Vận Số beside django-helpdesk and beside the machine's own ceiling.

``make bench SCALE=1000000`` (or ``python -m benchmarks.http_suite --scale 1000000``) does, in one run:

1. **Data.** PostgreSQL database ``danvan_http_<N>`` filled by ``danvan generate --cases N`` (made
   once, then reused; petitions a previous run submitted are removed first), and ``helpdesk_<N>``
   with N tickets and their follow-ups (``benchmarks/peer_helpdesk/prepare.sh``, also reused).
2. **The ceiling.** ``benchmarks.http.ceiling`` (a bare Django JSON endpoint, and one committing a
   row) under the same gunicorn configuration, and pgbench's rate of one-INSERT transactions.
3. **Dân Vận Số** under gunicorn with the production settings (``config/gunicorn.conf.py``,
   connection pool, Redis cache): intake over the web form, the REST API and Open311 at
   concurrency 1, 4 and 16 and at a fixed 50 requests/s; staff reads, searches and dashboards at
   concurrency 1 and 4; then the SQL queries of each operation, counted in-process.
4. **django-helpdesk** (its own venv, same gunicorn configuration) on the equivalent operations.
5. Results to ``benchmarks/results/http-<N>-<time>.json`` and a section in ``docs/benchmarks.md``.

Only one server runs at a time; the load client runs in this process on the same machine.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.http import load
from benchmarks.http.client import Operation
from benchmarks.surveys_indices import machine

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
SCRATCH = ROOT / "var" / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
PEER_DIR = ROOT / "benchmarks" / "peer_helpdesk"
PEER_VENV_BIN = SCRATCH / "helpdesk-venv" / "bin"
SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PORTS = {"ceiling": 8102, "danvan": 8100, "helpdesk": 8101, "consultations": 8103}  # consultations_load.py

INTAKE = ["web form submit", "REST create", "Open311 create"]
# Ours ↔ django-helpdesk's: the same thing done by a person (benchmarks/peer_helpdesk/README.md).
PEER_PAIRS = {
    "public submit": "web form submit",
    "queue list": "inbox, national",
    "ticket page": "case page, national",
    "update": "update (assign)",
    "overdue list": "overdue list, national",
    "report": "case report, national",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command: list[str], env: dict[str, str] | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    log(" ".join(command))
    return subprocess.run(command, env={**os.environ, **(env or {})}, check=True, text=True, **kwargs)  # noqa: S603


def psql(database: str, sql: str) -> str:
    result = subprocess.run(["psql", f"{SERVER}/{database}", "-Atc", sql], capture_output=True, text=True)  # noqa: S603, S607
    return result.stdout.strip() if result.returncode == 0 else ""


def database_exists(name: str) -> bool:
    assert name.replace("_", "").isalnum(), name  # our own names only: no quoting needed
    return psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"  # noqa: S608


# Data -------------------------------------------------------------------------------------------


def danvan_env(database: str) -> dict[str, str]:
    return {"DATABASE_URL": f"{SERVER}/{database}", "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "PYTHONPATH": str(ROOT)}  # fmt: skip


def production_env(database: str, redis_url: str) -> dict[str, str]:
    """The environment of Dân Vận Số served as in production (``config.settings.production``) on ``database``."""
    return danvan_env(database) | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production", "REDIS_URL": redis_url,
        "DANVAN_SECRET_KEY": "benchmark-only-not-secret-" + "x" * 40, "DANVAN_SSL_REDIRECT": "0",
        "DANVAN_IDENTITY_KEYS": "QkVOQ0gtT05MWS1OT1QtU0VDUkVULWRhbnZhbi1iMDE=",
        "DANVAN_DATA_DIR": str(SCRATCH / "data"), "DANVAN_LOG_LEVEL": "WARNING",
    }  # fmt: skip


def danvan_data(scale: int, seed: int) -> str:
    """The generated database (made once per scale and seed); petitions of earlier runs removed."""
    database = f"danvan_http_{scale}"
    marker = SCRATCH / f"{database}.generated"
    if not (database_exists(database) and marker.exists() and marker.read_text().strip() == str(seed)):
        run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", database])
        run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database])
        env = danvan_env(database)
        run([str(VENV_BIN / "danvan"), "migrate", "-v0"], env)
        started = time.perf_counter()
        run([str(VENV_BIN / "danvan"), "generate", "--cases", str(scale), "--seed", str(seed), "--provinces", "all",
             "--end", "2026-11-23", "--quiet"], env)  # fmt: skip
        SCRATCH.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(seed))
        log(f"generated {scale} cases in {time.perf_counter() - started:.0f} s")
    run([str(VENV_BIN / "danvan"), "migrate", "-v0"], danvan_env(database))  # a database made by an older checkout
    run([str(VENV_BIN / "python"), "-m", "benchmarks.http.danvan_fixtures", "--cleanup-only",
         "--out", os.devnull], danvan_env(database))  # fmt: skip
    return database


def helpdesk_data(scale: int) -> str:
    database = f"helpdesk_{scale}"
    manifest = SCRATCH / f"helpdesk-{scale}.json"
    if not (database_exists(database) and manifest.exists()):
        run(["bash", str(PEER_DIR / "prepare.sh"), str(scale)])
    return database


# Servers ----------------------------------------------------------------------------------------


class Server:
    """One gunicorn with ``config/gunicorn.conf.py``, started and stopped around a set of measurements."""

    def __init__(self, name: str, gunicorn: Path, app: str, env: dict[str, str], chdir: Path, health: str):
        self.name, self.port, self.health = name, PORTS[name], health
        self.command = [str(gunicorn), "-c", str(ROOT / "config" / "gunicorn.conf.py"), "--chdir", str(chdir), app]
        self.env = {**os.environ, **env, "DANVAN_BIND": f"127.0.0.1:{self.port}"}
        self.process: subprocess.Popen[bytes] | None = None
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        log(f"starting {self.name}: {' '.join(self.command)}")
        self.log_file = (SCRATCH / f"server-{self.name}.log").open("wb")
        self.process = subprocess.Popen(self.command, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,  # noqa: S603
                                        start_new_session=True)  # fmt: skip
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.log_file.name}")
            try:
                with urllib.request.urlopen(self.base + self.health, timeout=5) as answer:  # noqa: S310 - loopback
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer {self.health} within 60 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log_file.close()


def static_collect(env: dict[str, str]) -> None:
    """``collectstatic`` for the production settings, which serve static files under hashed names.

    The vendored Leaflet ends with ``//# sourceMappingURL=leaflet.js.map`` but its map is not vendored, and
    the manifest storage refuses a reference to a missing file: an empty map is put where the storage
    looks for it (the collected files, not the source tree) so the benchmark can run."""
    static_root = Path(env.get("DANVAN_STATIC_ROOT") or Path(env["DANVAN_DATA_DIR"]) / "static")
    source_map = static_root / "ui" / "vendor" / "leaflet" / "leaflet.js.map"
    if not source_map.exists():
        source_map.parent.mkdir(parents=True, exist_ok=True)
        source_map.write_text("{}")
    run([str(VENV_BIN / "danvan"), "collectstatic", "--noinput", "-v0"], env)


def settings_facts() -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own config file
    keys = ["workers", "worker_class", "threads", "keepalive", "max_requests", "preload_app"]
    return {key: namespace[key] for key in keys} | {"db_pool_size": int(os.environ.get("DANVAN_DB_POOL_SIZE", "5"))}


# Measuring ----------------------------------------------------------------------------------------


def measure(base: str, op: Operation, concurrencies: list[int], args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    for concurrency in concurrencies:
        result = load.run_closed(base, op, concurrency=concurrency, duration=args.seconds, warmup=args.warmup)
        row = result.as_dict() | {"load_average": round(os.getloadavg()[0], 2)}
        log(f"  {op.name:45} c={concurrency:<3} {result.requests_per_second:7.1f}/s p50 {result.p50_ms:7.1f} "
            f"p95 {result.p95_ms:7.1f} p99 {result.p99_ms:7.1f} ms  errors {result.errors}")  # fmt: skip
        if result.errors:
            log(f"    errors: {result.statuses} {result.error_samples[:2]}")
        rows.append(row)
    return rows


def measure_rate(base: str, op: Operation, rate: float, args: argparse.Namespace) -> dict[str, Any]:
    result = load.run_open(base, op, rate=rate, duration=args.seconds, warmup=args.warmup)
    log(f"  {op.name:45} {rate}/s open loop: p50 {result.p50_ms} p95 {result.p95_ms} p99 {result.p99_ms} ms, "
        f"errors {result.errors}")  # fmt: skip
    return result.as_dict() | {"load_average": round(os.getloadavg()[0], 2)}


def pgbench(database: str, clients: list[int], seconds: int) -> list[dict[str, Any]]:
    """Transactions of one INSERT each, committed (fsync as configured), at each client count."""
    script = SCRATCH / "pgbench-insert.sql"
    script.write_text("INSERT INTO bench_ceiling_hit (received_at, body) VALUES (now(), 'pgbench');\n")
    rows = []
    for count in clients:
        result = subprocess.run(  # noqa: S603
            ["pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-c", str(count), "-j", str(min(count, 2)),  # noqa: S607
             "-T", str(seconds), "-f", str(script), database], capture_output=True, text=True, check=True,
        )  # fmt: skip
        tps = next(
            float(line.split("=")[1].split()[0]) for line in result.stdout.splitlines() if line.startswith("tps")
        )
        latency = next((float(line.split("=")[1].split()[0]) for line in result.stdout.splitlines()
                        if line.startswith("latency average")), 0.0)  # fmt: skip
        log(f"  pgbench one-INSERT transactions, {count} clients: {tps:.0f} tps, {latency} ms average")
        rows.append({"clients": count, "tps": round(tps, 1), "latency_average_ms": latency})
    return rows


def queries_per_request(database: str, manifest_path: Path) -> dict[str, Any]:
    out = SCRATCH / "queries.json"
    run([str(VENV_BIN / "python"), "-m", "benchmarks.http.danvan_queries", "--manifest", str(manifest_path),
         "--out", str(out)], danvan_env(database))  # fmt: skip
    return json.loads(out.read_text())


def _output(command: list[str]) -> str:
    """What ``command`` prints, or "" when its program does not exist (yet) or fails."""
    if not Path(command[0]).exists() and shutil.which(command[0]) is None:
        return ""
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    return result.stdout.strip() if result.returncode == 0 else ""


def versions(database: str) -> dict[str, str]:
    """The versions measured. Asked after the measurements: the django-helpdesk venv is made by the
    helpdesk part (``prepare.sh``), so on a fresh clone it does not exist before; without it (a run
    ``--only danvan``) the peer's versions are empty instead of stopping the run."""
    import django

    peer = _output([str(PEER_VENV_BIN / "python"), "-c",
                    "import django, importlib.metadata as m; print(django.get_version(), m.version('django-helpdesk'))"])  # fmt: skip
    peer_django, _, peer_helpdesk = peer.partition(" ")
    redis = _output(["redis-server", "--version"]).split()
    return {
        "python": platform.python_version(), "django": django.get_version(),
        "gunicorn": _output([str(VENV_BIN / "gunicorn"), "--version"]),
        "postgresql": psql(database, "SHOW server_version"), "peer_django": peer_django,
        "django_helpdesk": peer_helpdesk, "redis": redis[2] if len(redis) > 2 else "",
    }  # fmt: skip


def fetch(path: str) -> Any:
    def run(session: Any, rng: Any) -> Any:
        return session.get(path)

    return run


# The run ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, required=True, help="cases (and helpdesk tickets)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per operation and concurrency")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--rate", type=float, default=50.0, help="the open-loop intake rate")
    parser.add_argument("--only", default="", help="comma-separated parts: ceiling,danvan,helpdesk")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args(argv)
    parts = set(filter(None, args.only.split(","))) or {"ceiling", "danvan", "helpdesk"}
    SCRATCH.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    report: dict[str, Any] = {"scale": args.scale, "seed": args.seed, "stamp": stamp, "machine": machine(),
                              "seconds": args.seconds, "warmup": args.warmup, "server": settings_facts()}  # fmt: skip

    database = danvan_data(args.scale, args.seed)
    manifest_path = SCRATCH / f"danvan-{args.scale}.json"
    run([str(VENV_BIN / "python"), "-m", "benchmarks.http.danvan_fixtures", "--out", str(manifest_path)],
        danvan_env(database))  # fmt: skip
    manifest = json.loads(manifest_path.read_text())
    report["data"] = {key: manifest[key] for key in ("cases", "province", "ward")}

    if "ceiling" in parts:
        run([str(VENV_BIN / "python"), "-c", "import django; django.setup(); "
             "from benchmarks.http.ceiling import table_create; table_create()"],
            {"DATABASE_URL": f"{SERVER}/{database}", "DJANGO_SETTINGS_MODULE": "benchmarks.http.ceiling",
             "PYTHONPATH": str(ROOT)})  # fmt: skip
        env = {"DATABASE_URL": f"{SERVER}/{database}", "DJANGO_SETTINGS_MODULE": "benchmarks.http.ceiling",
               "PYTHONPATH": str(ROOT)}  # fmt: skip
        ceiling: dict[str, Any] = {}
        with Server(
            "ceiling", VENV_BIN / "gunicorn", "benchmarks.http.ceiling:application", env, ROOT, "/json"
        ) as server:
            for name, path in (("bare JSON", "/json"), ("bare JSON + one committed INSERT", "/commit")):
                op = Operation(name, fetch(path))
                ceiling[name] = measure(server.base, op, [1, 4, 16], args)
        ceiling["pgbench"] = pgbench(database, [1, 4, 16], int(args.seconds))
        report["ceiling"] = ceiling

    if "danvan" in parts:
        from benchmarks.http import scenario_danvan

        psql(database, "SELECT 1")
        subprocess.run(["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "FLUSHDB"], capture_output=True)  # noqa: S603, S607
        env = production_env(database, REDIS_URL)
        # Production settings serve static files under hashed names: they must be collected first.
        static_collect(env)
        ops = scenario_danvan.operations(manifest)
        ours: dict[str, Any] = {"closed": {}, "open": {}}
        with Server("danvan", VENV_BIN / "gunicorn", "config.wsgi:application", env, ROOT, "/suc-khoe/") as server:
            for name, op in ops.items():
                ours["closed"][name] = measure(server.base, op, [1, 4, 16] if name in INTAKE else [1, 4], args)
            for name in INTAKE:
                ours["open"][name] = measure_rate(server.base, ops[name], args.rate, args)
        ours["queries"] = queries_per_request(database, manifest_path)
        report["danvan"] = ours

    if "helpdesk" in parts:
        peer_database = helpdesk_data(args.scale)
        peer_scenario = importlib.import_module("benchmarks.peer_helpdesk.scenario")

        peer_manifest = json.loads((SCRATCH / f"helpdesk-{args.scale}.json").read_text())
        # Its report loads every ticket into Python (110 s at 1M tickets): the worker timeout is raised
        # for it so that the request finishes and is measured instead of being killed at 60 s.
        env = {"HELPDESK_DATABASE_URL": f"{SERVER}/{peer_database}", "DJANGO_SETTINGS_MODULE": "hdproject.settings",
               "REDIS_URL": REDIS_URL, "PYTHONPATH": str(PEER_DIR), "DANVAN_WEB_TIMEOUT": "900"}  # fmt: skip
        peer: dict[str, Any] = {"closed": {}, "data": {k: v for k, v in peer_manifest.items() if k != "samples"}}
        with Server("helpdesk", PEER_VENV_BIN / "gunicorn", "hdproject.wsgi:application", env, PEER_DIR,
                    getattr(peer_scenario, "HEALTH", "/")) as server:  # fmt: skip
            for name, op in peer_scenario.operations(peer_manifest).items():
                # helpdesk's report loads every ticket into the worker (6.7 GB at 1M tickets): one at a time.
                levels = {"public submit": [1, 4, 16], "report": [1]}.get(name, [1, 4])
                peer["closed"][name] = measure(server.base, op, levels, args)
        report["helpdesk"] = peer

    # Last: the helpdesk part above is what makes the peer's venv on a fresh clone.
    report["versions"] = versions(database)
    out = RESULTS / f"http-{args.scale}-{stamp}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    log(f"results: {out}")
    if not args.no_doc:
        from benchmarks.http.report import section

        with DOC.open("a") as f:
            f.write("\n" + section(report))
        log(f"appended to {DOC}")
    return out


if __name__ == "__main__":
    main()
