"""A small HTTP/1.1 client for the load benchmarks: one keep-alive connection and a cookie jar per session.

Written on ``http.client`` rather than taken from a library so that every request costs the client
the same few dozen microseconds whatever server it talks to (ours, django-helpdesk, the bare
endpoint), and nothing happens behind the timer's back: no pooling, redirects or retries.
"""

from __future__ import annotations

import http.client
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", " (not Set-Cookie: see the jar)
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)


class Session:
    """One keep-alive HTTP/1.1 connection to the server under test, with a cookie jar.

    ``source_ip`` binds the client end to an address of 127.0.0.0/8: the benchmark gives each
    simulated citizen its own address, as real citizens have, so per-address rate limits apply to
    each of them and not to the whole load at once.
    """

    def __init__(self, base: str, *, source_ip: str | None = None, timeout: float = 600.0):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.source_ip = source_ip
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None

    # Connections ---------------------------------------------------------------------------

    def connect(self, source_ip: str | None = None) -> None:
        """Open a new connection now (optionally from another address), keeping the cookies."""
        self.close()
        if source_ip is not None:
            self.source_ip = source_ip
        source = (self.source_ip, 0) if self.source_ip else None
        self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout, source_address=source)
        self._connection.connect()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # Requests ------------------------------------------------------------------------------

    def request(
        self, method: str, path: str, *, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        sent = {"Host": f"{self.host}:{self.port}", "Accept-Language": "vi", "User-Agent": "danvan-bench/1"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers or {})
        for attempt in (1, 2):
            if self._connection is None:
                self.connect()
            assert self._connection is not None
            try:
                self._connection.request(method, path, body=body, headers=sent)
                raw = self._connection.getresponse()
                payload = raw.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: open a new one once.
                self.close()
                if attempt == 2:
                    raise
        result_headers: dict[str, str] = {}
        for name, value in raw.getheaders():
            lower = name.lower()
            if lower == "set-cookie":
                self._store_cookie(value)
            result_headers[lower] = f"{result_headers[lower]}, {value}" if lower in result_headers else value
        if raw.will_close:
            self.close()
        return Response(raw.status, result_headers, payload)

    def _store_cookie(self, header: str) -> None:
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post_form(
        self, path: str, fields: dict[str, str] | list[tuple[str, str]], headers: dict[str, str] | None = None
    ) -> Response:
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if "csrftoken" in self.cookies and not any(name == "csrfmiddlewaretoken" for name, _ in pairs):
            pairs.append(("csrfmiddlewaretoken", self.cookies["csrftoken"]))
        sent = {"Content-Type": "application/x-www-form-urlencoded"}
        sent.update(headers or {})
        return self.request("POST", path, body=urlencode(pairs).encode(), headers=sent)

    def post_json(self, path: str, payload: Any, headers: dict[str, str] | None = None) -> Response:
        sent = {"Content-Type": "application/json"}
        sent.update(headers or {})
        return self.request("POST", path, body=json.dumps(payload).encode(), headers=sent)

    def login(self, login_path: str, username: str, password: str) -> None:
        """Django's login form: GET it (CSRF cookie), POST the credentials, expect the redirect."""
        page = self.get(login_path)
        if page.status != 200:
            raise RuntimeError(f"login page {login_path}: HTTP {page.status}")
        found = CSRF_INPUT.search(page.body)
        fields = {"username": username, "password": password}
        if found:
            fields["csrfmiddlewaretoken"] = found.group(1).decode()
        answer = self.post_form(login_path, fields)
        if answer.status not in (302, 303):
            raise RuntimeError(f"login as {username} at {login_path}: HTTP {answer.status}, not a redirect")


@dataclass
class Operation:
    """What the load client repeats: ``run`` is timed as a whole (usually one request)."""

    name: str
    run: Callable[[Session, random.Random], Response]
    prepare: Callable[[Session], None] | None = None  # once per session, untimed (login, CSRF cookie)
    expect: tuple[int, ...] = (200,)  # statuses counted as success
    # Each timed call comes from a new client address on a new connection (the cookies stay): used
    # for public intake, where each request is another citizen and per-address limits apply.
    new_client_each_time: bool = False
