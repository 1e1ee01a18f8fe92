"""``danvan insight …``: insight's models from the command line (docs/insight.md).

``danvan insight evaluate route|sentiment|duplicates|places …`` measures a model on the user's own
labelled data; each part lives in ``insight/management/evaluate/<part>.py``. Other subcommands (training,
rollback …) are modules of ``insight/management/actions/``, found by listing that package.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.insight.management.evaluate import PARTS


def _evaluation(part: str) -> Any | None:
    try:
        return importlib.import_module(f"danvan.insight.management.evaluate.{part}")
    except ModuleNotFoundError as missing:
        if missing.name != f"danvan.insight.management.evaluate.{part}":
            raise
        return None


def _actions() -> dict[str, Any]:
    from danvan.insight.management import actions

    names = sorted(info.name for info in pkgutil.iter_modules(actions.__path__) if not info.name.startswith("_"))
    return {name: importlib.import_module(f"{actions.__name__}.{name}") for name in names}


class Command(BaseCommand):
    help = "Insight's models: evaluate them on your own labelled data (docs/insight.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, parser_class=type(parser))
        evaluate = sub.add_parser("evaluate", help="Measure a model on your labelled files (UTF-8 TSV).")
        parts = evaluate.add_subparsers(dest="part", required=True, parser_class=type(parser))
        for part in PARTS:
            module = _evaluation(part)
            if module is None:
                continue
            part_parser = parts.add_parser(part, help=module.help, formatter_class=argparse.RawDescriptionHelpFormatter)
            module.add_arguments(part_parser)
        for name, module in _actions().items():
            module.add_arguments(sub.add_parser(name, help=module.help))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "evaluate":
            module = _evaluation(options["part"])
            if module is None:  # argparse already refuses an unknown part; kept for a module removed meanwhile
                raise CommandError(f"no evaluation for {options['part']}")
            module.run(options, self.stdout)
            return
        _actions()[options["subcommand"]].run(options, self.stdout)
