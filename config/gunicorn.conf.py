"""Gunicorn's configuration for production (and for the benchmarks, which use this very file).

Run: ``gunicorn -c config/gunicorn.conf.py config.wsgi:application``. Every value can be changed
with an environment variable, so a systemd unit needs no other flags. See docs/deploy.md for why
these defaults, and docs/benchmarks.md for what they give on a 2-core machine.
"""

import multiprocessing
import os

bind = os.environ.get("DANVAN_BIND", "127.0.0.1:8001")
# Django's views spend part of their time waiting for PostgreSQL: a few threads per process fill
# the CPU during those waits, and a process per core gets round Python's GIL.
# Two processes per core with two threads each (gunicorn's own advice is about 2 × cores + 1): measured
# on 2 cores under 200 votes/s, 4 × 2 answered where 2 × 4 queued (docs/consultations/load.md).
workers = int(os.environ.get("DANVAN_WEB_WORKERS", str(max(2, 2 * multiprocessing.cpu_count()))))
worker_class = "gthread"  # keeps connections alive (the sync worker closes each one) and runs threads
threads = int(os.environ.get("DANVAN_WEB_THREADS", "2"))
# A request that runs longer than this is killed and the worker replaced: no request may take a
# worker away for good. Uploads are capped at 25 MB, which a slow phone sends in well under it.
timeout = int(os.environ.get("DANVAN_WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Seconds an idle connection stays open: long enough that a voter's phone (one vote every few seconds)
# or nginx's upstream keeps its connection between requests. At 5 s half of 1,000 voters reconnected
# before each vote and the server spent its time accepting them (vote p95 2.6 s → 92 ms at 30 s).
keepalive = int(os.environ.get("DANVAN_WEB_KEEPALIVE", "30"))
# Replace each worker after about this many requests, staggered, against slow memory growth.
# Workers are replaced after this many requests, staggered, against slow memory growth. A replaced worker
# takes several seconds to finish and be booted again, its share of the load queueing meanwhile: at
# 5,000 both workers were replaced inside a one-minute window of 200 votes/s.
max_requests = int(os.environ.get("DANVAN_WEB_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
# Load the application once in the master and fork: faster start and shared memory pages. The
# database pool is opened lazily in each worker, so no connection crosses the fork.
preload_app = True
accesslog = os.environ.get("DANVAN_ACCESS_LOG") or None  # "-" for stdout; off by default (nginx logs)
# The path without its query string (%(U)s, not %(r)s) and no Referer: a private link's secret
# (/tra-cuu/<code>/?k=…, /danh-gia/?k=…), a look-up's secret or an Open311 api_key travel in query
# strings, and the first request of an emailed link still carries it. The request id ties a line to
# the application's logs and audit events.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s" %(M)sms %({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("DANVAN_WEB_LOG_LEVEL", "warning")
# Behind nginx on the same host; the proxy's address is the one trusted for X-Forwarded-*.
forwarded_allow_ips = os.environ.get("DANVAN_FORWARDED_ALLOW_IPS", "127.0.0.1")


# No "Server: gunicorn" banner: it tells a scanner which server (and which of its bugs) to try. Gunicorn
# has no setting for it and always writes the header, so the line is left out of its default headers.
# (tests/test_gunicorn_conf.py starts gunicorn with this file and checks the answer.)
def _without_server_banner() -> None:
    from gunicorn.http import wsgi as gunicorn_wsgi

    default_headers = gunicorn_wsgi.Response.default_headers
    if getattr(default_headers, "danvan_no_banner", False):
        return

    def headers(self: gunicorn_wsgi.Response) -> list[str]:
        return [line for line in default_headers(self) if not line.lower().startswith("server:")]

    headers.danvan_no_banner = True  # type: ignore[attr-defined]
    gunicorn_wsgi.Response.default_headers = headers


_without_server_banner()
