"""``danvan consultations <subcommand>``: consultations' tools for the command line.

    danvan consultations map --votes votes.csv [--out groups.csv] [--seed 0] [--min-votes 7]

    danvan consultations recount [CODE ...]

``recount`` recomputes the resolved vote totals stored on each statement from the vote rows (the
services keep them; this is the repair path, e.g. after rows were loaded in bulk) and prints how many
changed per consultation.

``map`` (issue 19 item 7) lets anyone check the opinion map on their own votes: a CSV with a header and
the columns ``voter-id``, ``comment-id``, ``vote`` (1, 0, -1; other columns ignored; a later vote of a
voter on a statement replaces the earlier). It writes ``voter-id,group`` (a header line, then one line
per participant the map places) to standard output or ``--out``, then prints, one per line and last,
the number of groups, the participants placed, the consensus statements and the time taken. A bad file
is refused with the line and the column, exit code 1, no traceback.

Another part adds a subcommand by adding a ``Subcommand`` to ``SUBCOMMANDS`` (its arguments and its
handler); nothing else changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.consultations import opinion_map
from danvan.consultations.opinion_map_csv import VotesFileError, placements_csv, read_votes, summary_lines


@dataclass(frozen=True)
class Subcommand:
    name: str
    help: str
    arguments: Callable[[CommandParser], None]
    handle: Callable[[BaseCommand, dict[str, Any]], None]


def map_arguments(parser: CommandParser) -> None:
    parser.add_argument("--votes", required=True, metavar="FILE", help="CSV: voter-id, comment-id, vote (1, 0, -1)")
    parser.add_argument("--out", metavar="FILE", help="write voter-id,group here instead of standard output")
    parser.add_argument("--seed", type=int, default=0, help="k-means seed (the same seed, the same map)")
    parser.add_argument(
        "--min-votes",
        type=int,
        default=opinion_map.MIN_VOTES,
        help="votes a participant needs to be placed (default 7, Pol.is; fewer statements lower it)",
    )
    parser.add_argument(
        "--polis",
        action="store_true",
        help="always form 2–5 groups as Pol.is does (no separation threshold)",
    )


def map_handle(command: BaseCommand, options: dict[str, Any]) -> None:
    opinion_map.load_libraries()  # the time taken is reading the file and the map, not Python's imports
    started = time.perf_counter()
    path = Path(options["votes"])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"Không đọc được tệp {path}: {error.strerror or error}.") from None
    try:
        votes = read_votes(data, name=path.name)
    except VotesFileError as error:
        raise CommandError(str(error)) from None
    if options["min_votes"] < 1:
        raise CommandError("--min-votes phải từ 1 trở lên.")
    result = opinion_map.compute(
        votes,
        seed=options["seed"],
        min_votes=options["min_votes"],
        min_silhouette=None if options["polis"] else opinion_map.MIN_SILHOUETTE,
    )
    table = placements_csv(result)
    if options.get("out"):
        out = Path(options["out"])
        try:
            out.write_text(table, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {out}: {error.strerror or error}.") from None
    else:
        command.stdout.write(table, ending="")
    if result.separation is not None:
        command.stderr.write(f"Độ tách nhóm (group separation, best silhouette): {result.separation:.3f}")
    for line in summary_lines(result, time.perf_counter() - started):
        command.stdout.write(line)


def recount_arguments(parser: CommandParser) -> None:
    parser.add_argument("codes", nargs="*", metavar="CODE", help="consultations' codes (default: all)")


def recount_handle(command: BaseCommand, options: dict[str, Any]) -> None:
    from danvan.consultations.models import Consultation
    from danvan.consultations.services.participation import statement_totals_refresh

    rows = Consultation.objects.order_by("id")
    if options["codes"]:
        rows = rows.filter(code__in=options["codes"])
    for consultation in rows:
        changed = statement_totals_refresh(consultation=consultation)
        command.stdout.write(f"{consultation.code}: {changed} câu ý kiến được đếm lại")


SUBCOMMANDS: tuple[Subcommand, ...] = (
    Subcommand(
        name="map",
        help="the opinion map of a votes CSV: each placed participant's group, then the figures",
        arguments=map_arguments,
        handle=map_handle,
    ),
    Subcommand(
        name="recount",
        help="recount the stored vote totals of each statement from the vote rows (the one merge rule)",
        arguments=recount_arguments,
        handle=recount_handle,
    ),
)


class Command(BaseCommand):
    help = "Consultations' tools: `map --votes FILE [--out FILE]` computes the opinion map of a votes CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        names = ",".join(s.name for s in SUBCOMMANDS)
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar=f"{{{names}}}")
        for subcommand in SUBCOMMANDS:
            subcommand.arguments(subparsers.add_parser(subcommand.name, help=subcommand.help))

    def handle(self, *args: Any, **options: Any) -> None:
        chosen = next(s for s in SUBCOMMANDS if s.name == options["subcommand"])
        chosen.handle(self, options)
