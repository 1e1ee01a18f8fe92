"""SQL queries per request of each benchmark operation, counted in-process on the benchmark's database.

The load runs against gunicorn, where queries cannot be counted without changing what is measured;
here the same operations (the same ``scenario_danvan`` functions, the same manifest) go through
Django's test client instead of a socket, each inside ``CaptureQueriesContext``. Each operation is
run twice and the second count is kept (the first may fill per-process caches).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from benchmarks.http.client import Response


class ClientSession:
    """The ``Session`` interface of the load client, over ``django.test.Client``."""

    def __init__(self) -> None:
        from django.test import Client

        self.client = Client(HTTP_ACCEPT_LANGUAGE="vi")
        self.cookies: dict[str, str] = {}

    @staticmethod
    def _response(raw: Any) -> Response:
        return Response(raw.status_code, {k.lower(): v for k, v in raw.items()}, raw.content)

    def request(
        self, method: str, path: str, *, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        extra = {k: v for k, v in (headers or {}).items() if k.lower() != "content-type"}
        content_type = (headers or {}).get("Content-Type", "application/octet-stream")
        raw = self.client.generic(method, path, data=body or b"", content_type=content_type, headers=extra)
        return self._response(raw)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post_form(self, path: str, fields: Any, headers: dict[str, str] | None = None) -> Response:
        from urllib.parse import urlencode

        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        return self.request("POST", path, body=urlencode(pairs).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})  # fmt: skip

    def post_json(self, path: str, payload: Any, headers: dict[str, str] | None = None) -> Response:
        return self.request("POST", path, body=json.dumps(payload).encode(),
                            headers={"Content-Type": "application/json", **(headers or {})})  # fmt: skip

    def login(self, login_path: str, username: str, password: str) -> None:
        from django.test import RequestFactory

        # The sign-in lockout (django-axes) checks every authentication against its request, as the
        # login page does; the test client's login() gives none unless it is passed along.
        request = RequestFactory().post(login_path)
        if not self.client.login(request=request, username=username, password=password):
            raise RuntimeError(f"cannot sign in as {username}")

    def connect(self, source_ip: str | None = None) -> None:
        pass

    def close(self) -> None:
        pass


def count(manifest: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.http import scenario_danvan

    results: dict[str, Any] = {}
    for name, op in scenario_danvan.operations(manifest).items():
        session = ClientSession()
        if op.prepare is not None:
            op.prepare(session)  # type: ignore[arg-type]
        counts, status = [], 0
        for attempt in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = op.run(session, random.Random(attempt))  # type: ignore[arg-type]
            counts.append(len(captured))
            status = response.status
        results[name] = {"queries": counts[-1], "first": counts[0], "status": status, "ok": status in op.expect}
        print(f"{name:45} {counts[-1]:3} queries (first call {counts[0]}), HTTP {status}")
    return results


def main() -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client see the response's context; no test database is made
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    results = count(json.loads(Path(args.manifest).read_text()))
    Path(args.out).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
