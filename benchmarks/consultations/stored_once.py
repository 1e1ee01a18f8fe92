"""Every acknowledged vote stored exactly once: the check run after the load, on the database.

The pure check (``check``) compares what the client sent with what the database holds, both keyed by
(voter, statement):

* an acknowledged vote must be stored exactly once, with the value sent (else it is *lost*, *duplicated*
  or *changed*);
* a vote the server did not acknowledge (an error, a timeout, a connection cut) may be stored once — the
  server may have committed it before the answer was lost — but never twice;
* nothing may be stored for a (voter, statement) the run never sent (*strays*), nor by a participant that
  is none of the run's voters (*unknown participants*, other than those who voted before the run).

"Voter" is the device: the database has participants, one per device by the participation part's key,
so ``stored_votes`` maps each participant back to the run's device before counting. A second participant
for the same device (a race on the participant's creation) shows up as a duplicate, as it should.

``python -m benchmarks.consultations.stored_once --manifest M --attempts A --out V`` (the server's
settings and secret key in the environment) reads the database and writes the verdict.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

Key = tuple[int, int]  # (voter, statement)


@dataclass(frozen=True)
class Stored:
    voter: int | None  # None: a participant that is no voter of the run
    participant: int
    statement: int
    value: int


@dataclass
class Verdict:
    sent: int = 0
    acknowledged: int = 0
    acknowledged_stored_once: int = 0
    unacknowledged: int = 0
    unacknowledged_stored: int = 0  # committed though the answer never came back as a success: allowed once
    lost: list[Key] = field(default_factory=list)
    duplicated: list[tuple[int, int, int]] = field(default_factory=list)  # (voter, statement, rows)
    changed: list[tuple[int, int, int, int]] = field(default_factory=list)  # (voter, statement, sent, stored)
    unacknowledged_duplicated: list[tuple[int, int, int]] = field(default_factory=list)
    strays: list[Key] = field(default_factory=list)
    unknown_participant_votes: int = 0

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.changed or self.unacknowledged_duplicated or self.strays
                    or self.unknown_participant_votes)  # fmt: skip

    def as_dict(self, limit: int = 20) -> dict[str, Any]:
        """Counts, and the first ``limit`` of each kind of failure."""
        data = asdict(self)
        for name in ("lost", "duplicated", "changed", "unacknowledged_duplicated", "strays"):
            data[f"{name}_count"] = len(data[name])
            data[name] = [list(item) for item in data[name][:limit]]
        return data | {"ok": self.ok}


def check(attempts: list[dict[str, Any]], stored: list[Stored]) -> Verdict:
    """``attempts``: every vote sent (``voter``, ``statement``, ``value``, ``acknowledged``); ``stored``: every
    vote row of the consultation other than those from before the run, mapped to the run's voters."""
    verdict = Verdict(sent=len(attempts))
    rows: dict[Key, list[Stored]] = defaultdict(list)
    for row in stored:
        if row.voter is None:
            verdict.unknown_participant_votes += 1
        else:
            rows[(row.voter, row.statement)].append(row)
    sent: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for attempt in attempts:
        sent[(attempt["voter"], attempt["statement"])].append(attempt)
    for key, tries in sent.items():
        found = rows.get(key, [])
        if any(t["acknowledged"] for t in tries):
            acked = next(t for t in tries if t["acknowledged"])
            verdict.acknowledged += 1
            if not found:
                verdict.lost.append(key)
            elif len(found) > 1:
                verdict.duplicated.append((*key, len(found)))
            elif found[0].value != acked["value"]:
                verdict.changed.append((*key, acked["value"], found[0].value))
            else:
                verdict.acknowledged_stored_once += 1
        else:
            verdict.unacknowledged += 1
            if len(found) == 1:
                verdict.unacknowledged_stored += 1
            elif len(found) > 1:
                verdict.unacknowledged_duplicated.append((*key, len(found)))
    verdict.strays = sorted(key for key in rows if key not in sent)
    return verdict


# Reading the database --------------------------------------------------------------------------------


def participant_key(consultation: Any, device: str) -> str:
    """The participant key the participation part derives from a device id for this consultation (a keyed
    digest: this process must run with the server's ``SECRET_KEY``)."""
    from danvan.consultations.enums import ParticipantKind
    from danvan.consultations.selectors import participation

    return str(participation.participant_key(consultation.pk, ParticipantKind.DEVICE, device))


def stored_votes(manifest: dict[str, Any], devices: dict[int, str]) -> list[Stored]:
    """The consultation's votes cast by participants made after the world was built, each mapped to the
    run's voter whose device the participant's key was derived from (None when no voter's is)."""
    from danvan.consultations.models import Consultation, Vote

    consultation = Consultation.objects.get(pk=manifest["consultation"])
    voter_of_key = {participant_key(consultation, device): voter for voter, device in devices.items()}
    rows = (Vote.objects.filter(statement__consultation=consultation, participant_id__gt=manifest["participant_id_above"])
            .values_list("participant_id", "participant__key", "statement_id", "value"))  # fmt: skip
    return [Stored(voter_of_key.get(key), participant, statement, value) for participant, key, statement, value in rows]


def verify(manifest: dict[str, Any], attempts: list[dict[str, Any]]) -> Verdict:
    devices = {a["voter"]: a["device"] for a in attempts}
    return check(attempts, stored_votes(manifest, devices))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", type=Path, required=True)
    parser.add_argument("--attempts", type=Path, required=True, help="JSON list written by the load run")
    parser.add_argument("--devices", type=Path, help="JSON {voter: device} of every voter (those who sent nothing too)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    manifest = json.loads(args.manifest.read_text())
    attempts = json.loads(args.attempts.read_text())
    devices = {a["voter"]: a["device"] for a in attempts}
    if args.devices:
        devices |= {int(k): v for k, v in json.loads(args.devices.read_text()).items()}
    verdict = check(attempts, stored_votes(manifest, devices))
    stats = Counter("ack" if a["acknowledged"] else a["status"] for a in attempts)
    args.out.write_text(json.dumps(verdict.as_dict() | {"attempt_statuses": dict(stats)}))


if __name__ == "__main__":
    import django

    django.setup()
    main()
