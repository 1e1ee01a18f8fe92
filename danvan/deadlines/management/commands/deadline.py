"""``danvan deadline``: compute a legal deadline from the command line, with its explanation.

    danvan deadline --procedure khieu_nai --step giai_quyet_lan_1 --start 05/02/2026
    danvan deadline --procedure to_cao --step giai_quyet --start 05/02/2026 --criteria a,b --extensions 2 \
        --pause 10/02/2026:15/02/2026
    danvan deadline --list [--procedure to_cao]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.deadlines import selectors
from danvan.deadlines.rules import (
    UNIT_VI,
    Complexity,
    Criterion,
    Modifiers,
    Pause,
    Reading,
    Regime,
    RuleBook,
    complexity_from_criteria,
)

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def parse_date(text: str) -> dt.date:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise CommandError(_("Not a date (dd/mm/yyyy): %(text)s") % {"text": text})


def parse_pause(text: str) -> Pause:
    start, _sep, end = text.partition(":")
    try:
        return Pause(parse_date(start), parse_date(end) if end.strip() else None)
    except ValueError as error:
        raise CommandError(str(error)) from None


def _d(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "—"


class Command(BaseCommand):
    help = "Compute a legal deadline (due date and explanation) from the rules and calendar in the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--procedure", help="khieu_nai, khieu_nai_ky_luat, to_cao, tiep_cong_dan, pakn, …")
        parser.add_argument("--step", help="e.g. thu_ly_lan_1, giai_quyet_lan_1; see --list")
        parser.add_argument("--start", help="the event day that starts the clock, dd/mm/yyyy (not counted)")
        parser.add_argument("--complex", action="store_true", help="vụ việc phức tạp")
        parser.add_argument("--especially-complex", action="store_true", help="vụ việc đặc biệt phức tạp")
        parser.add_argument(
            "--criteria",
            default="",
            help="NĐ 31/2019 Art. 3 criteria met, comma-separated (a,b,c,d,dd,e,g): 1 = complex, 2+ = especially",
        )
        parser.add_argument("--remote", action="store_true", help="vùng sâu, vùng xa đi lại khó khăn")
        parser.add_argument("--extensions", type=int, default=0, help="number of extensions decided")
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="SUSPENDED:RESUMED",
            help="a suspension, dd/mm/yyyy:dd/mm/yyyy (leave RESUMED empty while still suspended); repeatable",
        )
        parser.add_argument("--transferred", help="day the competent body received the transferred file")
        parser.add_argument("--regime", choices=[regime.value for regime in Regime], help="force a regime")
        parser.add_argument(
            "--reading", choices=[reading.value for reading in Reading], help="force one of two stored readings"
        )
        parser.add_argument("--list", action="store_true", help="list procedures and steps")

    def handle(self, *args: Any, **options: Any) -> None:
        context = selectors.deadline_context_load()
        if options["list"]:
            self._list(context.rules, options.get("procedure"))
            return
        for name in ("procedure", "step", "start"):
            if not options.get(name):
                raise CommandError(_("--%(name)s is required (or use --list).") % {"name": name})
        modifiers = Modifiers(
            complexity=self._complexity(options),
            remote_area=options["remote"],
            extensions=max(0, options["extensions"]),
        )
        try:
            deadline = selectors.deadline_compute(
                procedure=options["procedure"],
                step=options["step"],
                started_on=parse_date(options["start"]),
                modifiers=modifiers,
                pauses=[parse_pause(text) for text in options["pause"]],
                regime=Regime(options["regime"]) if options.get("regime") else None,
                transferred_on=parse_date(options["transferred"]) if options.get("transferred") else None,
                reading=Reading(options["reading"]) if options.get("reading") else None,
                context=context,
            )
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        out = self.stdout
        estimated = _("estimated")
        out.write(_("Deadline") + f": {_d(deadline.due_on)}" + (f" ({estimated})" if deadline.estimated else ""))
        if deadline.due_on is None:
            out.write(
                _("Suspended since") + f": {_d(deadline.paused_since)}; " + _("remaining") + f": {deadline.remaining}"
            )
        out.write(_("Regime") + f": {deadline.regime}")
        out.write(_("Legal basis") + f": {deadline.legal_basis} [{deadline.confidence}]")
        if deadline.warn_on:
            out.write(_("Internal reminder (not a legal deadline)") + f": {_d(deadline.warn_on)}")
        out.write(deadline.explanation)

    def _complexity(self, options: dict[str, Any]) -> Complexity:
        criteria = [item.strip() for item in options["criteria"].split(",") if item.strip()]
        try:
            complexity = complexity_from_criteria(Criterion(item) for item in criteria)
        except ValueError:
            raise CommandError(
                _("Unknown criterion; use %(letters)s.") % {"letters": ", ".join(c.value for c in Criterion)}
            ) from None
        if options["especially_complex"]:
            return Complexity.DAC_BIET
        if options["complex"] and complexity is Complexity.THUONG:
            return Complexity.PHUC_TAP
        return complexity

    def _list(self, rules: RuleBook, procedure: str | None) -> None:
        procedures = [procedure] if procedure else rules.procedures()
        for name in procedures:
            self.stdout.write(name)
            for step in rules.steps(name):
                rows = [rule for rule in rules if rule.procedure == name and rule.step == step]
                by_regime: dict[str, list[str]] = {}
                for rule in rows:
                    text = f"{rule.period:02d} {UNIT_VI[rule.unit]}" if rule.period is not None and rule.unit else "—"
                    if text not in by_regime.setdefault(rule.regime.value, []):
                        by_regime[rule.regime.value].append(text)
                variants = {" / ".join(texts) for texts in by_regime.values()}
                if len(variants) == 1 and len(by_regime) == len(Regime):
                    summary = variants.pop()
                else:
                    summary = "; ".join(f"{regime}: {' / '.join(texts)}" for regime, texts in by_regime.items())
                self.stdout.write(f"  {step:<32} {summary:<40} {rows[0].label[:80]}")
