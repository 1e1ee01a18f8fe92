"""The consultations' load benchmark in words: a Markdown section (for docs/benchmarks.md) and the lines
printed at the end of a run."""

from __future__ import annotations

from typing import Any


def _met(value: float, target: float, errors: int) -> str:
    return "yes" if value <= target and not errors else "**no**"


def _row(name: str, s: dict[str, Any], target: float, rate: float) -> str:
    over = s.get("until_last_answer_seconds", s["seconds"])
    return (f"| {name} | {rate:g}/s | {s['achieved_per_second']:g}/s over {over:g} s | {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | "
            f"{s['p99_ms']:.1f} | {s['max_ms']:.1f} | {s['errors']:,} of {s['requests']:,} | {target:g} | "
            f"{_met(s['p95_ms'], target, s['errors'])} |")  # fmt: skip


def section(r: dict[str, Any]) -> str:
    m, v, srv, a = r["machine"], r["versions"], r["server"], r["settings"]
    votes, page, once = r["votes"], r["page"], r["stored_once"]
    nxt = r.get("next") or {"requests": 0}
    lines = [
        f"### Run {r['stamp']}",
        "",
        f"`python -m benchmarks.consultations_load --voters {a['voters']} --rate {a['rate']:g} --seconds "
        f"{a['seconds']:g} --page-rate {a['page_rate']:g}`. Machine: {m['cpu']}, {m['cpus']} CPUs, "
        f"{m['memory_gib']} GiB. Python {v['python']}, Django {v['django']}, {v['gunicorn']}, PostgreSQL "
        f"{v['postgresql']}, Redis {v['redis']}. Server: {srv['workers']} workers × {srv['threads']} threads "
        f"({srv['worker_class']}), pool of {srv['db_pool_size']} per worker; the client on the same machine. "
        f"Data: {r['data']['statements']} statements, {r['data']['prior_votes']:,} votes of "
        f"{r['data']['prior_participants']:,} people before the run. Load average before / after the window: "
        f"{r['load_average']['before']} / {r['load_average']['after']} (`uptime` before: "
        f"`{r['uptime_before']}`).",
        "",
        "| requests | due at | answered (until the last answer) | p50 ms | p95 ms | p99 ms | max ms | errors | target p95 | met |",
        "|---|---|---|---|---|---|---|---|---|---|",
        _row(
            "vote (the page's script: POST, the next statement in the answer)"
            if a.get("browser", "script") == "script"
            else "vote (plain form POST, acknowledged by its redirect)",
            votes,
            r["targets"]["vote_p95_ms"],
            a["rate"],
        ),
        _row("consultation page `/gop-y/<code>/`", page, r["targets"]["page_p95_ms"], a["page_rate"]),
        *(
            [
                f"| the next statement (the vote's redirect, timed from its answer) | – | {nxt['achieved_per_second']:g}/s | "
                f"{nxt['p50_ms']:.1f} | {nxt['p95_ms']:.1f} | {nxt['p99_ms']:.1f} | {nxt['max_ms']:.1f} | "
                f"{nxt['errors']:,} of {nxt['requests']:,} | – | – |"
            ]
            if nxt["requests"]
            else []
        ),
        "",
        f"Stored once: {once['acknowledged']:,} votes acknowledged, {once['acknowledged_stored_once']:,} stored "
        f"exactly once with their value; lost {once['lost_count']}, duplicated {once['duplicated_count']}, "
        f"changed {once['changed_count']}, strays {once['strays_count']}, by unknown participants "
        f"{once['unknown_participant_votes']}; of {once['unacknowledged']:,} not acknowledged, "
        f"{once['unacknowledged_stored']:,} stored once and {once['unacknowledged_duplicated_count']} twice — "
        f"**{'passed' if once['ok'] else 'FAILED'}**.",
        "",
    ]
    if votes["errors"] or page["errors"]:
        lines += [f"Statuses: votes {votes['statuses']}, page {page['statuses']}.", ""]
    return "\n".join(lines) + "\n"


def console(r: dict[str, Any]) -> str:
    out = []
    for name in ("votes", "page", "next"):
        s = r.get(name)
        if not s or not s["requests"]:
            continue
        out.append(f"{name:6} achieved {s['achieved_per_second']:7.1f}/s  p50 {s['p50_ms']:7.1f}  p95 {s['p95_ms']:7.1f}  "
                   f"p99 {s['p99_ms']:7.1f} ms  errors {s['errors']} of {s['requests']} {s['statuses']}")  # fmt: skip
    once = r["stored_once"]
    out.append(f"stored once: {'PASSED' if once['ok'] else 'FAILED'} — acknowledged {once['acknowledged']}, "
               f"stored once {once['acknowledged_stored_once']}, lost {once['lost_count']}, duplicated "
               f"{once['duplicated_count']}, changed {once['changed_count']}, strays {once['strays_count']}")  # fmt: skip
    return "\n".join(out)
