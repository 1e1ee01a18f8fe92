"""A table as a downloaded file (CSV or Excel), for every export of the web pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from danvan.core import tabular

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def require_table_format(fmt: str) -> None:
    """Only CSV and Excel: any other extension is "not found", like an address that does not exist."""
    if fmt not in CONTENT_TYPES:
        raise Http404


def table_download(fmt: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str,
                   filename: str) -> HttpResponse:  # fmt: skip
    """``rows`` under ``header`` as ``filename`` (formula cells neutralised by org.tabular)."""
    require_table_format(fmt)
    content = tabular.table_csv(header, rows) if fmt == "csv" else tabular.table_xlsx(header, rows, sheet=sheet)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
