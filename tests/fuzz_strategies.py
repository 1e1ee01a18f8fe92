"""The hypothesis strategies and settings every fuzz test shares (issue 12, item 10): nasty values,
query strings, the fields of a form as a page shows them or as a Django form declares them, and
random uploads. Bounded and deterministic (``derandomize``) so that the fuzz runs in CI.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from danvan.cases.models import Attachment, Case, CaseEvent, CaseParty
from danvan.core.models import AuditEvent
from danvan.org.models import Organization, RoleAssignment
from danvan.surveys.models import Response

NASTY = st.sampled_from(["²", "١٢", "১২", "1²", "\x00", "\ud800", "9" * 40, "-1", "0", "1e9", " ", "%", "A/B",
                         "<b>x</b>", "a\r\nb", "é" * 300, "'; --", "NaN", "2026-02-30", "0x10", "9999-12-31",
                         "0001-01-01", "2026-Q5", "2026-13"])  # fmt: skip
VALUE = st.one_of(NASTY, st.text(max_size=30), st.integers(min_value=-(2**70), max_value=2**70).map(str))


def fuzz(examples: int) -> settings:
    """Derandomized, no deadline (a loaded machine), fixtures shared by the examples of one test."""
    return settings(max_examples=examples, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])  # fmt: skip


FUZZ = fuzz(40)


def safe(value: str) -> str:
    # A lone surrogate cannot be encoded by the test client; send its UTF-8 replacement bytes.
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


SAFE_VALUE = VALUE.map(safe)


def params(names: list[str]) -> Any:
    """A query string (or a form) of some of ``names``, each with a nasty or random value."""
    return st.dictionaries(st.sampled_from(names), SAFE_VALUE, max_size=len(names))


FILE_NAMES = ["co-quan.csv", "co-quan.xlsx", "don.pdf", "anh.png", "anh.jpg", "x", "", "..\\..\\a.csv", "ả.CSV"]
FILE = object()  # the candidate value of a file input


def upload() -> Any:
    """A random file: random bytes under a name that claims a type (or none)."""
    return st.builds(lambda name, body: SimpleUploadedFile(name or "x", body),
                     st.sampled_from(FILE_NAMES), st.binary(max_size=3000))  # fmt: skip


# What a person would type in a text field that offers no values: a reason, a number, a date, a contact.
PLAUSIBLE = st.sampled_from(["Lý do: kiểm tra hồ sơ theo đúng quy định hiện hành.", "5/QĐ-UBND", "2026-02-05",
                             "0912 345 678", "an@example.vn", "1", "Nguyễn Văn An; Huế; 0912345678 *"])  # fmt: skip


def form_data(fields: dict[str, list[Any]]) -> Any:
    """A post of a form: either any subset of its fields with offered or nasty values, or a plausible post
    (every field with a value the form offers, or a plausible text) with one or two fields made nasty, so
    that real choices and whole forms reach the service beneath. A file input gets random bytes."""

    def anything(candidates: list[Any]) -> Any:
        if FILE in candidates:
            return upload()
        offered = [c for c in candidates if isinstance(c, str)]
        return st.one_of(st.sampled_from(offered), SAFE_VALUE) if offered else SAFE_VALUE

    def plausible(candidates: list[Any]) -> Any:
        if FILE in candidates:
            return upload()
        offered = [c for c in candidates if isinstance(c, str) and c]
        return st.sampled_from(offered) if offered else PLAUSIBLE

    names = sorted(fields)
    if not names:
        return st.just({})
    loose = st.fixed_dictionaries({}, optional={name: anything(c) for name, c in fields.items()})
    whole = st.fixed_dictionaries({name: plausible(c) for name, c in fields.items()})
    spoiled = st.dictionaries(st.sampled_from(names), SAFE_VALUE, max_size=2)
    return st.one_of(loose, st.builds(lambda base, bad: {**base, **bad}, whole, spoiled))


def declared_fields(form: forms.Form) -> dict[str, list[Any]]:
    """A Django form's fields (with its prefix) and the values each offers."""
    fields: dict[str, list[Any]] = {}
    for name, field in form.fields.items():
        candidates: list[Any] = [FILE] if isinstance(field, forms.FileField) else []
        choices = getattr(field, "choices", None)
        if choices is not None:
            candidates += [str(key) for key, _label in choices if not isinstance(_label, (list, tuple))]
        if isinstance(field, forms.BooleanField):
            candidates += ["on"]
        fields[form.add_prefix(name)] = candidates
    return fields


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, list[Any]]]] = []
        self._select = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            post = a.get("method", "get").lower() == "post"
            self.forms.append((a.get("action", "") if post else "\x00get", {}))
            return
        if not self.forms:
            return
        if tag == "option" and self._select:
            self.forms[-1][1].setdefault(self._select, []).append(a.get("value", ""))
            return
        if not a.get("name") or a["name"] == "csrfmiddlewaretoken":
            return
        fields = self.forms[-1][1].setdefault(a["name"], [])
        kind = a.get("type", "text")
        if tag == "select":
            self._select = a["name"]
        elif tag == "input" and kind == "file":
            fields.append(FILE)
        elif tag == "input" and kind in {"checkbox", "radio"}:
            fields.append(a.get("value") or "on")
        elif tag == "input" and kind not in {"submit", "button", "image"} and a.get("value"):
            fields.append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""


def page_forms(page_url: str, html: str) -> dict[str, dict[str, list[Any]]]:
    """The POST forms of a page: their action path and their fields with the values they offer."""
    parser = _Forms()
    parser.feed(html)
    found: dict[str, dict[str, list[Any]]] = {}
    for action, fields in parser.forms:
        if action != "\x00get":
            found.setdefault(urlsplit(urljoin(page_url, action or page_url)).path, {}).update(fields)
    return found


def stored() -> tuple[int, ...]:
    """What a post could have stored: a refused one must leave every count as it was."""
    models = (Case, CaseEvent, CaseParty, Attachment, Response, AuditEvent, Organization, RoleAssignment)
    return tuple(model.objects.count() for model in models)
