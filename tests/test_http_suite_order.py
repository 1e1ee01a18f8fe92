"""`make bench` from a fresh clone: the suite must not need the django-helpdesk venv before it makes it.

No network, no database, no server: every step that would reach one is replaced by a recorder, and
the peer's venv is a stub script that the fake helpdesk part creates, as ``prepare.sh`` would.
"""

from __future__ import annotations

import json
import stat
import types
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from benchmarks import http_suite


@pytest.fixture
def fresh_clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Scratch, results and both venvs under ``tmp_path``; nothing of them exists yet."""
    monkeypatch.setattr(http_suite, "SCRATCH", tmp_path / "var" / "bench")
    monkeypatch.setattr(http_suite, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(http_suite, "VENV_BIN", tmp_path / ".venv" / "bin")
    monkeypatch.setattr(http_suite, "PEER_VENV_BIN", tmp_path / "var" / "bench" / "helpdesk-venv" / "bin")
    monkeypatch.setattr(http_suite, "psql", lambda database, sql: "")
    return tmp_path


def test_versions_without_the_peer_venv_leaves_its_versions_empty(fresh_clone: Path) -> None:
    assert not http_suite.PEER_VENV_BIN.exists()
    found = http_suite.versions("danvan_http_5")
    assert (found["peer_django"], found["django_helpdesk"], found["gunicorn"]) == ("", "", "")
    assert found["django"] and found["python"]


def _stub_python(bin_dir: Path) -> None:
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text("#!/bin/sh\necho '5.2.9 1.7.0'\n")
    python.chmod(python.stat().st_mode | stat.S_IEXEC)


def test_the_suite_asks_versions_after_the_helpdesk_part_made_the_venv(
    fresh_clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []

    def fake_run(command: list[str], env: dict[str, str] | None = None, **kwargs: Any) -> None:
        if "benchmarks.http.danvan_fixtures" in command:
            out = Path(command[command.index("--out") + 1])
            out.write_text(json.dumps({"cases": 5, "province": {}, "ward": {}}))
            steps.append("fixtures")

    def fake_helpdesk_data(scale: int) -> str:
        _stub_python(http_suite.PEER_VENV_BIN)  # what prepare.sh -> setup_venv.sh does on a fresh clone
        (http_suite.SCRATCH / f"helpdesk-{scale}.json").write_text(json.dumps({"samples": {}}))
        steps.append("helpdesk venv made")
        return f"helpdesk_{scale}"

    real_versions = http_suite.versions

    def recording_versions(database: str) -> dict[str, str]:
        steps.append("versions")
        return real_versions(database)

    @contextmanager
    def fake_server(*args: Any, **kwargs: Any) -> Any:
        yield types.SimpleNamespace(base="http://127.0.0.1:1")

    peer_scenario = types.SimpleNamespace(operations=lambda manifest: {}, HEALTH="/")
    monkeypatch.setattr(http_suite, "run", fake_run)
    monkeypatch.setattr(http_suite, "danvan_data", lambda scale, seed: f"danvan_http_{scale}")
    monkeypatch.setattr(http_suite, "helpdesk_data", fake_helpdesk_data)
    monkeypatch.setattr(http_suite, "versions", recording_versions)
    monkeypatch.setattr(http_suite, "Server", fake_server)
    monkeypatch.setattr(http_suite, "machine", lambda: {})
    monkeypatch.setattr(http_suite, "importlib", types.SimpleNamespace(import_module=lambda name: peer_scenario))

    out = http_suite.main(["--scale", "5", "--only", "helpdesk", "--no-doc"])

    assert steps == ["fixtures", "helpdesk venv made", "versions"]
    report = json.loads(out.read_text())
    assert (report["versions"]["peer_django"], report["versions"]["django_helpdesk"]) == ("5.2.9", "1.7.0")
