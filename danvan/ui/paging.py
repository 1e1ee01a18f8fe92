"""A paginator for work lists that may hold hundreds of thousands of rows.

Counting every open case of a country costs PostgreSQL half a second on two cores, on every page
view, for a number nobody reads beyond "a lot": a work list is read from the top (the soonest
deadline first) and narrowed with filters. ``CappedPaginator`` counts at most ``cap`` + 1 rows and
offers the pages of the first ``cap``; the page says "more than …" and asks for a filter.

Two ways to read, chosen by the caller (both measured at 1M cases, docs/benchmarks.md):

- ``single_scan=False`` (lists without a search): count over ``… LIMIT cap + 1`` without ordering,
  which stops early, then the page with ``ORDER BY … LIMIT 50``, which the deadline index serves
  directly. Reading 1,001 keys in deadline order instead would walk far more of that index.
- ``single_scan=True`` (a search): the matches come from the trigram index and must be sorted
  anyway, so the keys of at most ``cap`` + 1 of them are read once, in order; the count is their
  number and the page is its slice of keys, fetched by key. Counting and then paging would find
  every match twice.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, cap: int = 1000, single_scan: bool = False,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.single_scan = single_scan

    @cached_property
    def _found(self) -> int:
        rows: Any = self.object_list  # a QuerySet (the inbox's)
        if self.single_scan:
            return len(self._keys)
        return rows.order_by().values("pk")[: self.cap + 1].count()  # any cap + 1 rows will do

    @cached_property
    def _keys(self) -> list[Any]:
        rows: Any = self.object_list
        return list(rows.values_list("pk", flat=True)[: self.cap + 1])

    @cached_property
    def count(self) -> int:
        return min(self._found, self.cap)

    @property
    def capped(self) -> bool:
        """More rows match than are offered."""
        return self._found > self.cap

    def page(self, number: Any) -> Page:
        if not self.single_scan:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self._keys[bottom : min(bottom + self.per_page, self.count)]
        rows: Any = self.object_list
        by_key = {row.pk: row for row in rows.filter(pk__in=keys)}
        return Page([by_key[key] for key in keys if key in by_key], number, self)
