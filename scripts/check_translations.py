"""Fails when a user-facing string has no Vietnamese translation, or the compiled .mo is stale.

1. Extracts the messages from the code as `make messages` would (Django's makemessages, in a
   scratch copy of the package) and checks the committed vi .po has every one of them.
2. Checks every entry of the .po is translated and not fuzzy.
3. Checks the committed .mo gives the same translation as the .po for every entry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "danvan" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _ids(catalog) -> set:  # type: ignore[no-untyped-def]
    return {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}


def _forms(string: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    forms = (string,) if isinstance(string, str) else tuple(string)
    return tuple(form for form in forms if form)


def main() -> int:
    problems: list[str] = []
    with PO.open("rb") as handle:
        committed = read_po(handle)
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "danvan"
        shutil.copytree(ROOT / "danvan", copy, ignore=shutil.ignore_patterns("__pycache__", "tests"))
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "django-admin"), "makemessages", "-l", "vi", "--no-obsolete", "-v", "0"],
            cwd=copy, env=env, check=True,
        )  # fmt: skip
        with (copy / "locale" / "vi" / "LC_MESSAGES" / "django.po").open("rb") as handle:
            extracted = read_po(handle)
    missing = _ids(extracted) - _ids(committed)
    for msgid, _context in sorted(missing, key=lambda item: item[0]):
        problems.append(f"not in django.po (run `make messages`): {msgid!r}")
    for message in committed:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    with MO.open("rb") as handle:
        compiled = read_mo(handle)
    for message in committed:
        if not message.id or message.fuzzy:
            continue
        other = compiled.get(message.id, context=message.context)
        if other is None or _forms(other.string) != _forms(message.string):
            problems.append(f"django.mo is stale (run `make messages`): {message.id!r}")
    for problem in problems:
        print(problem)
    print(f"translations: {len(committed)} entries, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
