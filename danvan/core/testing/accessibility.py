"""Accessibility checks in the real-browser tests: axe-core (vendored, ``scripts/vendor-js.sh``) run in Chromium.

``assert_accessible(page)`` fails on every critical or serious violation, naming the rule, its help
page and the elements at fault, so a regression (a field whose error has no id, a chart that hides its
links) is read in the test's output. axe is put into the page through the DevTools protocol
(``page.evaluate``): a ``<script>`` tag added by Playwright would be inline and our Content-Security-
Policy (no inline scripts) refuses it, and turning the policy off for the test would hide the
violations it exists to catch.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

AXE = Path(__file__).with_name("axe.min.js")
FAILING = ("critical", "serious")


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any, *, impacts: tuple[str, ...] = FAILING) -> list[dict[str, Any]]:
    """axe's violations of ``impacts`` on the page as it is now (WCAG 2.x A/AA and best practices)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    result = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
        }"""
    )
    return [v for v in result if v["impact"] in impacts]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['impact']}: {v['id']} — {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {(node['summary'] or '').splitlines()[-1].strip()}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page: Any, what: str = "") -> None:
    """No critical or serious axe violation on the page; the message lists each with its elements."""
    violations = axe_violations(page)
    assert not violations, f"accessibility of {what or page.url}:\n{describe(violations)}"
