"""What the consultations' load client does: 1,000 voters, each on their own phone (cookie jar, device
cookie, CSRF token, loopback address), vote on statements of one open consultation at a fixed rate in all,
while other people read the consultation's page.

Nothing here imports Django: the client only sends HTTP. The statements' ids come from the manifest
``world.build`` writes. How a vote is sent is the participation part's phone-first voting page
(``/gop-y/<code>/bieu-quyet/``): the page gives the browser its device cookie and the form's CSRF token;
a vote is the form's POST, sent by the page's script (``X-Requested-With: fetch``, answered with the next
statement's card in JSON), or without the script answered by a redirect to the next statement.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from benchmarks.http.client import CSRF_INPUT, Response, Session
from benchmarks.http.load import ADDRESSES, DEVICE_COOKIE, Planned

VOTE_VALUES = (1, 1, -1, 0)  # agree / disagree / pass, agreeing more often, as people do
# The server takes a device only DANVAN_DEVICE_MIN_AGE_SECONDS (1 s) after the second it was issued in
# (``ui.limits.device_settled``: a person reads the statement first), so the window starts this long after
# the last voter opened the page; before, a voter prepared in the last second was refused its first vote.
DEVICE_SETTLE_SECONDS = 2.0


def page_path(code: str) -> str:
    return f"/gop-y/{code}/"


def vote_path(code: str) -> str:
    return f"/gop-y/{code}/bieu-quyet/"


@dataclass
class Voter:
    """One simulated person: their session (its cookies), the device id their cookie carries, the form's
    CSRF token, and the statements they have not voted on yet (in the order they will vote)."""

    index: int
    session: Session
    device: str = ""
    csrf: str = ""
    ahead: list[int] = field(default_factory=list)


def device_id(cookie: str) -> str:
    """The device id inside the signed cookie (``danvan.ui.limits``: ``<id>:<signature>``)."""
    return cookie.strip('"').rsplit(":", 1)[0]


def voter_prepare(voter: Voter, code: str) -> None:
    """Open the voting page once, untimed: the device cookie and the CSRF token are set here."""
    page = voter.session.get(vote_path(code))
    if page.status != 200:
        raise RuntimeError(f"voting page {vote_path(code)}: HTTP {page.status} {page.text()[:300]}")
    found = CSRF_INPUT.search(page.body)
    voter.csrf = found.group(1).decode() if found else voter.session.cookies.get("csrftoken", "")
    cookie = voter.session.cookies.get(DEVICE_COOKIE, "")
    if not cookie or not voter.csrf:
        raise RuntimeError(f"voting page gave no {'device cookie' if not cookie else 'CSRF token'}")
    voter.device = device_id(cookie)


def voters_prepare(base: str, code: str, count: int, statements: list[int], *, seed: int = 1,
                   threads: int = 8, timeout: float = 30.0) -> list[Voter]:  # fmt: skip
    """``count`` voters, each from its own loopback address, their page opened (8 at a time)."""
    rng = random.Random(seed)
    voters = []
    for index in range(count):
        ahead = list(statements)
        rng.shuffle(ahead)
        session = Session(base, source_ip=ADDRESSES.next(), timeout=timeout)
        voters.append(Voter(index, session, ahead=ahead))
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda v: voter_prepare(v, code), voters))
    time.sleep(DEVICE_SETTLE_SECONDS)
    return voters


def vote_send(
    code: str, statement: int, value: int, csrf: str, *, script: bool = True
) -> Callable[[Session], Response]:
    """One vote as the phone sends it: by the page's script (``vote.js``: the form's fields over fetch,
    answered with the next statement's card in JSON), or by the plain form (answered by a redirect)."""
    fields = {"statement": str(statement), "value": str(value), "csrfmiddlewaretoken": csrf}
    headers = {"X-Requested-With": "fetch"} if script else {}

    def send(session: Session) -> Response:
        return session.post_form(
            vote_path(code), fields, headers={**headers, "Referer": session_origin(session) + vote_path(code)}
        )

    return send


def session_origin(session: Session) -> str:
    return f"http://{session.host}:{session.port}"


# The vote stored: the script's answer is 200 with the next card (400 when refused); the form's a redirect.
ACKNOWLEDGED = {"script": (200,), "form": (302, 303)}


def page_send(code: str) -> Callable[[Session], Response]:
    def send(session: Session) -> Response:
        return session.get(page_path(code))

    return send


@dataclass
class Plans:
    vote_plans: list[list[Planned]]
    page_plans: list[list[Planned]]


def follow_redirect(session: Session, response: Response) -> Response | None:
    """The browser's GET of the page a vote's answer redirects to (the next statement)."""
    location = response.headers.get("location", "")
    if not location:
        return None
    path = "/" + location.split("://", 1)[1].split("/", 1)[1] if "://" in location else location
    return session.get(path)


def plan(code: str, voters: list[Voter], *, rate: float, seconds: float, page_rate: float, readers: int,
         seed: int = 1, browser: str = "script", follow: bool = True) -> Plans:  # fmt: skip
    """The run's requests: vote ``n`` is due at ``n / rate`` s, by a voter drawn at random, on the next
    statement that voter has not voted on; page read ``m`` at ``m / page_rate`` s, by reader ``m mod
    readers``. Every arrival time is fixed before the run, whatever the server answers (open loop).
    ``browser``: "script" votes as the page's script does (one request, the next statement in its answer),
    "form" as the plain form does; with ``follow`` the form's browser then opens the page the answer
    redirects to, as a phone without the script does."""
    script = browser == "script"
    rng = random.Random(seed * 7919)
    vote_plans: list[list[Planned]] = [[] for _ in voters]
    for n in range(int(rate * seconds)):
        voter = voters[rng.randrange(len(voters))]
        if not voter.ahead:  # this voter has voted on every statement: another one votes
            voter = next((v for v in voters if v.ahead), None)  # type: ignore[assignment]
            if voter is None:
                break
        statement = voter.ahead.pop()
        value = rng.choice(VOTE_VALUES)
        vote_plans[voter.index].append(Planned(n / rate, "vote", vote_send(code, statement, value, voter.csrf, script=script),
                                               ACKNOWLEDGED[browser], (voter.index, statement, value),
                                               follow_redirect if follow and not script else None))  # fmt: skip
    page_plans: list[list[Planned]] = [[] for _ in range(readers)]
    for m in range(int(page_rate * seconds)):
        page_plans[m % readers].append(Planned(m / page_rate, "page", page_send(code), (200,)))
    return Plans(vote_plans, page_plans)


def readers_make(base: str, count: int, timeout: float = 30.0) -> list[Session]:
    return [Session(base, source_ip=ADDRESSES.next(), timeout=timeout) for _ in range(count)]


def attempts_of(outcomes: list[Any], voters: list[Voter]) -> list[dict[str, Any]]:
    """The votes sent, as the check reads them: who (the voter's device), which statement, which value,
    whether the server acknowledged it."""
    return [{"voter": o.tag[0], "device": voters[o.tag[0]].device, "statement": o.tag[1], "value": o.tag[2],
             "acknowledged": o.ok, "status": o.status} for o in outcomes if o.operation == "vote"]  # fmt: skip
