"""The Markdown section of one HTTP benchmark run (appended to docs/benchmarks.md)."""

from __future__ import annotations

from typing import Any

TARGETS = {  # the targets, p95 in ms (issue 7)
    "staff": 100.0,
    "dashboard": 300.0,
    "search": 150.0,
}


def _at(rows: list[dict[str, Any]], concurrency: int) -> dict[str, Any] | None:
    return next((row for row in rows if row["concurrency"] == concurrency), None)


def _num(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if 0 < value < 1 and digits == 1:
        return f"{value:.2f}"  # a request every few seconds: 0.19/s, not 0.2/s
    return f"{value:,.{digits}f}"


def _rate(row: dict[str, Any] | None) -> float | None:
    """Successful requests per second, from the counts (the stored rate is rounded to 0.1)."""
    if not row or not row["seconds"]:
        return None
    return (row["requests"] - row["errors"]) / row["seconds"]


def _target(name: str) -> float:
    if "search" in name:
        return TARGETS["search"]
    if "dashboard" in name or "indices" in name or "ranking" in name or "report" in name:
        return TARGETS["dashboard"]
    return TARGETS["staff"]


def section(report: dict[str, Any]) -> str:
    m, v, s = report["machine"], report["versions"], report["server"]
    lines = [
        f"## HTTP: {report['scale']:,} cases — {report['stamp']}",
        "",
        f"`make bench SCALE={report['scale']}`; {report['seconds']:g} s measured after {report['warmup']:g} s of "
        f"warm-up per operation and concurrency; one run. Machine: {m['cpu']}, {m['cpus']} CPUs, "
        f"{m['memory_gib']} GiB; {m['platform']}. Python {v['python']}, Django {v['django']}, {v['gunicorn']}, "
        f"PostgreSQL {v['postgresql']} (default settings), Redis {v['redis']}; peer: django-helpdesk "
        f"{v['django_helpdesk']} on Django {v['peer_django']}. Server (`config/gunicorn.conf.py`): "
        f"{s['workers']} workers × {s['threads']} threads ({s['worker_class']}), a psycopg pool of "
        f"{s['db_pool_size']} per worker; the load client runs on the same machine.",
        "",
    ]
    data = report.get("data", {})
    if data:
        lines += [
            f"Data: {data['cases']:,} cases (`danvan generate`, seed {report['seed']}); the province read is "
            f"`{data['province']['code']}` ({data['province']['cases']:,} cases), the ward "
            f"`{data['ward']['code']}` ({data['ward']['cases']:,} cases, {data['ward']['open']:,} open).",
            "",
        ]
    ceiling = report.get("ceiling", {})
    if ceiling:
        lines += ["### Ceiling", "", "| endpoint | c | req/s | p50 ms | p95 ms | p99 ms |", "|---|---|---|---|---|---|"]
        for name in ("bare JSON", "bare JSON + one committed INSERT"):
            for row in ceiling.get(name, []):
                lines.append(f"| {name} | {row['concurrency']} | {_num(row['requests_per_second'])} | "
                             f"{_num(row['p50_ms'])} | {_num(row['p95_ms'])} | {_num(row['p99_ms'])} |")  # fmt: skip
        lines += ["", "| pgbench, one INSERT per transaction | clients | tps | average ms |", "|---|---|---|---|"]
        for row in ceiling.get("pgbench", []):
            lines.append(f"| | {row['clients']} | {_num(row['tps'], 0)} | {row['latency_average_ms']} |")
        lines.append("")
    ours = report.get("danvan")
    if ours:
        bare = {row["concurrency"]: row["requests_per_second"] for row in ceiling.get("bare JSON", [])}
        commit = {row["concurrency"]: row["requests_per_second"]
                  for row in ceiling.get("bare JSON + one committed INSERT", [])}  # fmt: skip
        queries = ours.get("queries", {})
        lines += [
            "### Intake (closed loop: each of c clients sends, waits, sends again)",
            "",
            "| operation | c | req/s | p50 ms | p95 ms | p99 ms | of bare JSON | of JSON + INSERT | SQL queries | errors |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, rows in ours["closed"].items():
            if not any(row["concurrency"] == 16 for row in rows):
                continue
            for row in rows:
                c = row["concurrency"]
                share = f"{row['requests_per_second'] / bare[c]:.0%}" if bare.get(c) else "–"
                share_commit = f"{row['requests_per_second'] / commit[c]:.0%}" if commit.get(c) else "–"
                lines.append(f"| {name} | {c} | {_num(row['requests_per_second'])} | {_num(row['p50_ms'])} | "
                             f"{_num(row['p95_ms'])} | {_num(row['p99_ms'])} | {share} | {share_commit} | "
                             f"{queries.get(name, {}).get('queries', '–')} | {row['errors']} |")  # fmt: skip
        lines += ["", "Intake at a fixed rate (open loop; latency counted from when each request was due):", "",
                  "| operation | rate | p50 ms | p95 ms | p99 ms | errors |", "|---|---|---|---|---|---|"]  # fmt: skip
        for name, row in ours.get("open", {}).items():
            lines.append(f"| {name} | {row['target_rate']:g}/s | {_num(row['p50_ms'])} | {_num(row['p95_ms'])} | "
                         f"{_num(row['p99_ms'])} | {row['errors']} |")  # fmt: skip
        lines += [
            "",
            "### Staff reads, search, dashboards",
            "",
            "| operation | SQL queries | c=1 p50 ms | c=1 p95 ms | c=1 p99 ms | c=4 req/s | c=4 p95 ms | target p95 | met |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, rows in ours["closed"].items():
            if any(row["concurrency"] == 16 for row in rows):
                continue
            one, four = _at(rows, 1), _at(rows, 4)
            target = _target(name)
            met = "yes" if one and one["p95_ms"] < target and not one["errors"] else "**no**"
            if one and one["errors"]:
                met += f" ({one['errors']:,} of {one['requests']:,} failed: {', '.join(sorted(one['statuses']))})"
            lines.append(
                f"| {name} | {queries.get(name, {}).get('queries', '–')} | {_num(one and one['p50_ms'])} | "
                f"{_num(one and one['p95_ms'])} | {_num(one and one['p99_ms'])} | "
                f"{_num(four and four['requests_per_second'])} | {_num(four and four['p95_ms'])} | {target:g} | {met} |"
            )
        lines.append("")
    peer = report.get("helpdesk")
    if peer and ours:
        from benchmarks.http_suite import PEER_PAIRS

        lines += [
            "### Beside django-helpdesk (same data size, same server configuration, same client)",
            "",
            "| operation | ours | c=1 p50 ms: ours / helpdesk | × faster | c=4 req/s: ours / helpdesk | × more |",
            "|---|---|---|---|---|---|",
        ]
        for peer_name, our_name in PEER_PAIRS.items():
            their_rows, our_rows = peer["closed"].get(peer_name), ours["closed"].get(our_name)
            if not their_rows or not our_rows:
                lines.append(f"| {peer_name} | {our_name} | not measured | | | |")
                continue
            o1, t1 = _at(our_rows, 1), _at(their_rows, 1)
            o4, t4 = _at(our_rows, 4), _at(their_rows, 4)
            speed = f"{t1['p50_ms'] / o1['p50_ms']:.1f}" if o1 and t1 and o1["p50_ms"] else "–"
            ours_rate, their_rate = _rate(o4), _rate(t4)
            more = f"{ours_rate / their_rate:.1f}" if ours_rate and their_rate else "–"
            errors = ""
            if o1 and t1 and (o1["errors"] or t1["errors"]):
                errors = f" (errors: ours {o1['errors']}, helpdesk {t1['errors']})"
            lines.append(
                f"| {peer_name} | {our_name} | {_num(o1 and o1['p50_ms'])} / {_num(t1 and t1['p50_ms'])}{errors} | "
                f"{speed} | {_num(ours_rate)} / {_num(their_rate)} | {more} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"
