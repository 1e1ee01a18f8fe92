"""Building the two files in the tests."""

from __future__ import annotations

from danvan.core import tabular
from danvan.democracy.services import villages as services

V_HEAD = "commune_code,village_code,name,kind"
H_HEAD = "commune_code,village_code,household_code,representative_name,phone,email,members"


def rows(which: str, *lines: str) -> list[tabular.Row]:
    head = V_HEAD if which == "villages" else H_HEAD
    data = "\n".join([head, *lines]).encode()
    return services.file_rows("f.csv", data, which=which)


def xlsx(header: list[str], body: list[list[object]]) -> bytes:
    return tabular.table_xlsx(header, body, sheet="s", neutralise=False, text_columns=("phone",))
