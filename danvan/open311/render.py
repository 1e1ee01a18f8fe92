"""GeoReport v2 output: the same data as JSON or as XML, and the spec's error bodies.

The XML follows the spec's examples: a root element, one child element per item of a list
(``<services><service>…``), ``true``/``false`` for booleans, an empty element for a missing value.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

# The element name of one item of each list, as in the spec's XML examples.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        item = ITEM_NAMES.get(element.tag, "item")
        for child in value:
            _fill(ET.SubElement(element, item), child)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, data)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8")


def respond(fmt: str, root: str, data: Any, *, status: int = 200) -> HttpResponse:
    """``root`` names the XML root; JSON carries ``data`` as it is (a list for lists, as the spec does)."""
    body = to_xml(root, data) if fmt == "xml" else json.dumps(data, ensure_ascii=False).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES.get(fmt, CONTENT_TYPES["xml"]))


def errors(fmt: str, status: int, messages: list[str]) -> HttpResponse:
    """The spec's error body: a list of ``{code, description}``, the HTTP status as the code."""
    return respond(fmt, "errors", [{"code": status, "description": m} for m in messages], status=status)
