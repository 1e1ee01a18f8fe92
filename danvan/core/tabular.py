"""Reading and writing the organization file (CSV or XLSX). Pure: rows in, rows out.

The file has one header row with these columns (order free, extra columns refused so a typo
in a header is not silently ignored):
code, name, short_name, kind, province_code, commune_code, parent_code, email, phone, address, is_active
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

COLUMNS = [
    "code",
    "name",
    "short_name",
    "kind",
    "province_code",
    "commune_code",
    "parent_code",
    "email",
    "phone",
    "address",
    "is_active",
]
REQUIRED = {"code", "name", "kind", "province_code"}
MAX_ROWS = 50_000


@dataclass(frozen=True)
class Row:
    line: int  # 1-based line (or spreadsheet row) number as the person sees it in their file
    values: dict[str, str]


class FileError(ValueError):
    """The file as a whole cannot be read (wrong format, missing header, unknown columns)."""


def _clean_header(header: list[Any], columns: Sequence[str] = COLUMNS, required: Iterable[str] = REQUIRED) -> list[str]:
    names = [str(h or "").strip().lower().lstrip("\ufeff") for h in header]
    unknown = [n for n in names if n and n not in columns]
    if unknown:
        raise FileError(f"unknown columns: {', '.join(unknown)}")
    missing = set(required) - set(names)
    if missing:
        raise FileError(f"missing columns: {', '.join(sorted(missing))}")
    return names


# A code column such as "000123": every code is text, and a spreadsheet that turned one into the number
# 123 shown with the format "000000" gets its zeros back from that format.
TEXT_COLUMNS = ("code", "province_code", "commune_code", "parent_code", "phone")
_ZEROS = re.compile(r'^"?(0+)"?(?:;.*)?$')


def _cell(value: Any, number_format: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        zeros = _ZEROS.match(number_format or "")
        return str(value).zfill(len(zeros.group(1))) if zeros else str(value)
    return str(value).strip()


# Another file (democracy's villages and households) passes its own ``columns`` and ``required``.
def read_csv(data: bytes, *, columns: Sequence[str] = COLUMNS, required: Iterable[str] = REQUIRED) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError("the CSV file is not UTF-8") from exc
    reader = csv.reader(io.StringIO(text))
    try:
        header = _clean_header(next(reader), columns, required)
    except StopIteration:
        raise FileError("the file is empty") from None
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            raise FileError(f"line {reader.line_num}: more cells than columns")
        rows.append(Row(reader.line_num, {h: _cell(v) for h, v in zip(header, values, strict=False) if h}))
        if len(rows) > MAX_ROWS:
            raise FileError(f"more than {MAX_ROWS} rows")
    return rows


def read_xlsx(data: bytes, *, columns: Sequence[str] = COLUMNS, required: Iterable[str] = REQUIRED) -> list[Row]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise FileError("the file is not a valid XLSX workbook") from exc
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows()
    try:
        header = _clean_header([c.value for c in next(iterator)], columns, required)
    except StopIteration:
        raise FileError("the file is empty") from None
    rows = []
    for number, values in enumerate(iterator, start=2):
        cells = [_cell(c.value, getattr(c, "number_format", "") or "") for c in values]
        if not any(cells):
            continue
        rows.append(Row(number, {h: c for h, c in zip(header, cells, strict=False) if h}))
        if len(rows) > MAX_ROWS:
            raise FileError(f"more than {MAX_ROWS} rows")
    workbook.close()
    return rows


def read_file(
    name: str, data: bytes, *, columns: Sequence[str] = COLUMNS, required: Iterable[str] = REQUIRED
) -> list[Row]:
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return read_csv(data, columns=columns, required=required)
    if lowered.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise FileError("the file is not a valid XLSX workbook")
        return read_xlsx(data, columns=columns, required=required)
    raise FileError("only .csv and .xlsx files are accepted")


def _safe(value: Any) -> Any:
    # A text cell that starts like a formula would run when a spreadsheet opens the file.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def table_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], *, neutralise: bool = True) -> bytes:
    """CSV with a BOM (Excel then reads the Vietnamese as UTF-8); ``None`` is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else (_safe(v) if neutralise else v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str,
    neutralise: bool = True,
    text_columns: Sequence[str] = (),
) -> bytes:
    """An XLSX workbook; the ``text_columns`` (by header) are text cells ("@"), so that a code such as
    "000123" keeps its zeros in Excel, also after it is edited there."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(header))
    as_text = {i for i, name in enumerate(header) if name in text_columns}
    for row in rows:
        values: list[Any] = [_safe(v) if neutralise else v for v in row]
        for i in as_text:
            if i < len(values) and values[i] not in (None, ""):
                cell = WriteOnlyCell(worksheet, value=str(values[i]))
                cell.number_format = "@"
                values[i] = cell
        worksheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The bodies' file is read back by the import, so its cells are written exactly as they are.
def write_csv(rows: list[dict[str, Any]]) -> bytes:
    return table_csv(COLUMNS, ([row.get(c, "") for c in COLUMNS] for row in rows), neutralise=False)


def write_xlsx(rows: list[dict[str, Any]]) -> bytes:
    return table_xlsx(COLUMNS, ([row.get(c, "") for c in COLUMNS] for row in rows), sheet="co_quan", neutralise=False,
                      text_columns=TEXT_COLUMNS)  # fmt: skip
