"""`danvan audit_verify`: walk the hash chains of the audit trail; print each head to keep elsewhere.

    danvan audit_verify                       # every chain
    danvan audit_verify --table core_auditevent --anchor 1200:3f5a…   # and check a kept anchor

Exit status 1 at the first broken link (its seq and the row's id are printed). Each line
``ANCHOR <table> <seq> <hash>`` is the chain's head: append it to a log outside the database (a
ticket, a signed mail, another server); a later run given ``--anchor <seq>:<hash>`` proves the
chain up to there was not rewritten, even by the owner role recomputing every hash.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.core.chain import CHAINS, chain_verify


def _anchor(value: str) -> tuple[int, str]:
    seq, _, digest = value.partition(":")
    if not seq.isascii() or not seq.isdigit() or len(digest) != 64:
        raise CommandError(f"--anchor expects SEQ:HASH (64 hex digits): {value}")
    return int(seq), digest.lower()


class Command(BaseCommand):
    help = "Verify the hash chains of the audit log, the case timeline and the admin log."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--table", choices=sorted(CHAINS), action="append", help="only this chain (repeatable)")
        parser.add_argument("--anchor", action="append", default=[], help="SEQ:HASH kept outside (with one --table)")

    def handle(self, *args: Any, **options: Any) -> None:
        tables = options["table"] or sorted(CHAINS)
        anchors = [_anchor(a) for a in options["anchor"]]
        if anchors and len(tables) != 1:
            raise CommandError("--anchor needs exactly one --table")
        broken = []
        for table in tables:
            verdict = chain_verify(table, anchors=anchors)
            if verdict.broken_seq is not None:
                broken.append(table)
                self.stdout.write(f"BROKEN {table} at seq {verdict.broken_seq} (row id {verdict.broken_row_id}): "
                                  f"{verdict.problem}")  # fmt: skip
            else:
                self.stdout.write(f"OK {table}: {verdict.links} links; anchors checked: {len(verdict.anchors_checked)}")
            if verdict.unlinked:
                broken.append(table)
                self.stdout.write(f"BROKEN {table}: {verdict.unlinked} rows have no link, the first is row id "
                                  f"{verdict.first_unlinked_id} (inserted with the trigger bypassed)")  # fmt: skip
            if verdict.pending:
                self.stdout.write(f"NOTE {table}: {verdict.pending} rows written in bulk are linked at the next write")
            self.stdout.write(f"ANCHOR {table} {verdict.head_seq} {verdict.head_hash}")
        if broken:
            raise CommandError(f"the audit trail was tampered with: {', '.join(sorted(set(broken)))}")
