"""config/gunicorn.conf.py as production runs it: gunicorn started with the file on a free port, in front
of a tiny WSGI app (no database), answers without a Server banner and logs paths without query strings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = "def app(environ, start_response):\n    start_response('200 OK', [('Content-Type', 'text/plain')])\n    return [b'ok']\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_gunicorn_answers_without_its_banner_and_logs_no_query_string(tmp_path: Path) -> None:
    (tmp_path / "tinyapp.py").write_text(APP)
    port, log = _free_port(), tmp_path / "access.log"
    env = {**os.environ, "DANVAN_BIND": f"127.0.0.1:{port}", "DANVAN_WEB_WORKERS": "1", "DANVAN_ACCESS_LOG": str(log),
           "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "config" / "gunicorn.conf.py"), "tinyapp:app"]
    server = subprocess.Popen(command, cwd=tmp_path, env=env)  # noqa: S603 - our own command line
    try:
        for _ in range(100):
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/tra-cuu/PA-1/?k=the-secret", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not start")
        assert response.status == 200 and response.read() == b"ok"
        assert response.headers.get("Server") is None
        for _ in range(50):
            if log.exists() and log.read_text():
                break
            time.sleep(0.1)
        line = log.read_text()
        assert '"GET /tra-cuu/PA-1/ HTTP/1.1" 200' in line and "the-secret" not in line and "k=" not in line
    finally:
        server.terminate()
        server.wait(timeout=30)
