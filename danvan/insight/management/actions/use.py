"""``danvan insight use route N --reason "…"``: put version N of a model back in use (a rollback, or
forward again), audited with the reason."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from django.core.management.base import CommandError

from danvan.core.errors import DomainError
from danvan.insight.models import ModelKind

help = "Put version N of a model back in use (rollback), with the reason."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=[k.value for k in ModelKind])
    parser.add_argument("number", type=int)
    parser.add_argument("--reason", required=True)


def run(options: dict[str, Any], stdout: TextIO) -> None:
    from danvan.insight.services.model_versions import model_version_put_in_use

    if not options["reason"].strip():
        raise CommandError("--reason is required")
    try:
        version = model_version_put_in_use(actor=None, kind=options["kind"], number=options["number"],
                                           reason=options["reason"].strip())  # fmt: skip
    except DomainError as exc:
        raise CommandError(str(exc.message)) from exc
    stdout.write(f"in use v{version.number}\n")
