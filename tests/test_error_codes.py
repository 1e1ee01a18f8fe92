"""Every refusal a service raises names its code through a constant (``<app>/errors.py``), never a
string typed at the raise: the tests assert the same constants, so a code cannot drift unnoticed.

Here, outside ``danvan/``, because it reads the services of several apps (the import contracts)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICE_MODULES = sorted([
    *ROOT.glob("danvan/cases/services/*.py"), ROOT / "danvan/cases/transitions.py",
    *ROOT.glob("danvan/surveys/services/*.py"), ROOT / "danvan/org/services.py", ROOT / "danvan/org/second_factor.py",
    ROOT / "danvan/partners/services.py", ROOT / "danvan/deadlines/services.py",
])  # fmt: skip


@pytest.mark.parametrize("path", SERVICE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_refusal_code_is_a_bare_string(path: Path) -> None:
    tree = ast.parse(path.read_text())
    bare = [
        f"{path.name}:{node.lineno} code={node.value.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg == "code" and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    ]  # fmt: skip
    classes = [
        f"{path.name}:{node.lineno} code = {node.value.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["code"]
        and isinstance(node.value, ast.Constant)
    ]  # fmt: skip
    assert bare + classes == []
