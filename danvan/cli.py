"""The ``danvan`` command: Django's management commands under friendlier names.

``danvan load-units`` runs the ``load_units`` management command, ``danvan demo`` the demo, and
any other Django command works too (``danvan migrate``, ``danvan createsuperuser``). Settings come
from DJANGO_SETTINGS_MODULE, defaulting to the development settings (SQLite in ./data).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    args[0] = "danvan"
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
