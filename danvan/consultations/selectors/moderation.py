"""Consultations: what the staff moderation page reads (reads only; the view checks ``MODERATE``).

``moderation_queue`` pages each of the page's five lists on its own (50 a page; each list's page number
is its own query parameter, so paging one keeps the others where they were), with the list's total.
``duplicate_hints`` gives each statement or comment on the page its likely duplicates among the
consultation's *published* statements (resp. comments), found by ``text_match.near_duplicates``
(Vietnamese with or without diacritics). A moderator decides; the merge itself is the existing
``services.participation.statement_merge`` / ``comment_merge`` (audited, nothing deleted).

**Why the hints are bounded, and how** (``near_duplicates`` builds a dense n×n similarity matrix and
walks its n²/2 pairs in Python, so it is never given the consultation's thousands of items at once):

1. *Scan*: the ``HINT_SCAN`` newest published items of the kind, ``(pk, text)`` only, texts cut at
   ``HINT_CHARS`` (a long comment's duplicate shows in its opening); one scan for the two statement
   lists, one for the comments.
2. *Block*: one sparse product of the page's items (≤ 100) against the scanned items over
   TF-IDF-weighted folded syllables gives a ``page × HINT_SCAN`` sparse matrix of syllable-set cosines;
   each item keeps at most ``HINT_CANDIDATES`` candidates at or above ``BLOCK_THRESHOLD`` (0.3), the
   most alike first. Loose on purpose: half of ``near_duplicates``' cosine is on shared syllables and
   syllable pairs, so its pairs at 0.75 share most syllables; in 1,909 such pairs simulated from
   random edits (insert, drop, replace up to six syllables; half without diacritics) the lowest
   syllable-set cosine was 0.39.
3. *Confirm*: ``near_duplicates([item] + its candidates)`` — at most 1 + ``HINT_CANDIDATES`` texts a
   call, one call per item that has candidates, so at most 150 small calls for a page (pending +
   shown statements + comments), each a few milliseconds.

Measured (SQLite, 5,000 published statements drawn from a 40-word vocabulary so that every item of a
page of 50 has candidates — the worst case): about half a second for the page's hints, most of it
folding texts; realistic texts pass the blocking step far less often.

Nothing here is n×n over the consultation: the largest array is the sparse page × scan product.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.db.models.functions import Substr

from danvan.consultations import text_match
from danvan.consultations.enums import Moderation
from danvan.consultations.models import Comment, Consultation, Statement

PER_PAGE: Final = 50
HINT_SCAN: Final = 5000  # published items of one kind compared with the page (newest first)
HINT_CHARS: Final = 1000  # of each text: statements are ≤ 300; a comment's duplicate shows early
HINT_CANDIDATES: Final = 4  # per item, given to near_duplicates with the item
HINT_SHOWN: Final = 3  # per item, most alike first
BLOCK_THRESHOLD: Final = 0.3  # syllable-set cosine; near_duplicates' pairs measured ≥ 0.39 (module doc)

# The page's lists: (query parameter of its page number, kind, statuses, order).
LISTS: Final = {
    "pending": ("cho", "statement", (Moderation.PENDING,), "id"),
    "statements": ("hien", "statement", (Moderation.PUBLISHED,), "id"),
    "comments": ("y-kien", "comment", (Moderation.PUBLISHED,), "-id"),
    "hidden_statements": ("an", "statement", (Moderation.HIDDEN, Moderation.MERGED), "-id"),
    "hidden_comments": ("y-kien-an", "comment", (Moderation.HIDDEN, Moderation.MERGED), "-id"),
}
PAGE_PARAMS: Final = frozenset(param for param, *_rest in LISTS.values())


@dataclass(frozen=True)
class Hint:
    pk: int
    text: str
    similarity: float


@dataclass
class Item:
    row: Statement | Comment
    hints: list[Hint] = field(default_factory=list)


@dataclass
class Part:
    """One list of the page: its page of items, the list's total, and the page asked for when it did
    not exist (``asked``; the page shown is then the nearest one)."""

    param: str
    kind: str
    items: list[Item]
    page: Any  # django.core.paginator.Page
    total: int
    asked: str = ""


@dataclass(frozen=True)
class Queue:
    pending: Part
    statements: Part  # published, to hide or merge
    comments: Part  # published, newest first
    hidden_statements: Part  # hidden or merged, with the reason (staff only)
    hidden_comments: Part

    def page_numbers(self) -> dict[str, str]:
        """The page shown of each list not on its first (what links keep): an asked page that did not
        exist is replaced by the one shown."""
        parts = (self.pending, self.statements, self.comments, self.hidden_statements, self.hidden_comments)
        return {part.param: str(part.page.number) for part in parts if part.page.number > 1}


def item(consultation: Consultation, kind: str, pk: int | None) -> Statement | Comment | None:
    """The statement (``kind`` "statement") or comment ``pk`` of this consultation a moderation step names."""
    model: type[Statement] | type[Comment] = Statement if kind == "statement" else Comment
    return model.objects.filter(consultation=consultation, pk=pk or 0).first()


def _page_number(raw: str, num_pages: int) -> tuple[int, str]:
    """The page to show for ``raw`` and, when ``raw`` names no page of the list, ``raw`` itself."""
    raw = (raw or "").strip()
    if not raw:
        return 1, ""
    number = int(raw) if raw.isdigit() and len(raw) < 10 else 0
    if 1 <= number <= num_pages:
        return number, ""
    return (num_pages if number > num_pages else 1), raw[:12]


def _part(rows: QuerySet[Any], param: str, kind: str, raw: str, per_page: int) -> Part:
    paginator = Paginator(rows, per_page)  # count(*) of one list: the total shown
    number, asked = _page_number(raw, paginator.num_pages)
    page = paginator.page(number)
    return Part(param=param, kind=kind, items=[Item(row) for row in page.object_list], page=page,
                total=paginator.count, asked=asked)  # fmt: skip


def moderation_queue(
    consultation: Consultation, *, pages: Mapping[str, str] | None = None, per_page: int = PER_PAGE, hints: bool = True
) -> Queue:
    """What a moderator reads, each list paged on its own: statements waiting (oldest first), the shown
    ones, the latest comments, the hidden and merged ones with their reasons. ``pages``: the request's
    query parameters (``LISTS``' parameters; anything else is ignored). ``hints``: fill each waiting or
    shown item's ``hints`` (``duplicate_hints``)."""
    pages = pages or {}
    parts: dict[str, Part] = {}
    for name, (param, kind, statuses, order) in LISTS.items():
        model: type[Statement] | type[Comment] = Statement if kind == "statement" else Comment
        rows = model.objects.filter(consultation=consultation, status__in=statuses).select_related("merged_into")
        parts[name] = _part(rows.order_by(order), param, kind, pages.get(param, ""), per_page)
    queue = Queue(**parts)
    if hints:  # one scan of the published statements for both statement lists
        for kind, items in (("statement", queue.pending.items + queue.statements.items),
                            ("comment", queue.comments.items)):  # fmt: skip
            found = duplicate_hints(consultation, kind, [(item.row.pk, item.row.text) for item in items])
            for item in items:
                item.hints = found.get(item.row.pk, [])
    return queue


def _published(consultation: Consultation, kind: str) -> list[tuple[int, str]]:
    model: type[Statement] | type[Comment] = Statement if kind == "statement" else Comment
    rows = model.objects.filter(consultation=consultation, status=Moderation.PUBLISHED).order_by("-id")
    return list(rows.annotate(head=Substr("text", 1, HINT_CHARS)).values_list("pk", "head")[:HINT_SCAN])


def _candidates(items: Sequence[tuple[int, str]], scanned: Sequence[tuple[int, str]]) -> dict[int, list[int]]:
    """Each item's indices into ``scanned`` worth confirming (step 2 of the module's doc): the syllable-set
    cosine of one sparse ``items × scanned`` product, at most ``HINT_CANDIDATES`` per item."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    folded = [text_match.fold(text[:HINT_CHARS]) for _pk, text in [*items, *scanned]]
    try:
        rows = TfidfVectorizer(analyzer=str.split, binary=True).fit_transform(folded)
    except ValueError:  # every text blank
        return {}
    products = (rows[: len(items)] @ rows[len(items) :].T).tocsr()
    out: dict[int, list[int]] = {}
    for i, (pk, _text) in enumerate(items):
        start, end = products.indptr[i], products.indptr[i + 1]
        scored = [
            (float(score), int(j))
            for j, score in zip(products.indices[start:end], products.data[start:end], strict=True)
            if score >= BLOCK_THRESHOLD - 1e-9 and scanned[j][0] != pk
        ]
        if scored:
            out[pk] = [j for _score, j in sorted(scored, key=lambda s: (-s[0], s[1]))[:HINT_CANDIDATES]]
    return out


def duplicate_hints(consultation: Consultation, kind: str, items: Sequence[tuple[int, str]]) -> dict[int, list[Hint]]:
    """For each ``(pk, text)`` of ``items`` (a page's: ≤ 100), its likely duplicates among the consultation's
    published statements (``kind="statement"``) or comments, most alike first, at most ``HINT_SHOWN``:
    pairs ``text_match.near_duplicates`` finds at its threshold, the item itself excluded. Bounded as
    the module's doc says: never an n×n matrix over the consultation's items."""
    items = [(pk, text) for pk, text in items if text_match.fold(text)]
    if not items:
        return {}
    scanned = _published(consultation, kind)
    if not scanned:
        return {}
    texts = dict(items)
    out: dict[int, list[Hint]] = {}
    for pk, chosen in _candidates(items, scanned).items():
        pairs = text_match.near_duplicates([texts[pk][:HINT_CHARS], *(scanned[j][1] for j in chosen)])
        hints = [Hint(pk=scanned[chosen[j - 1]][0], text=scanned[chosen[j - 1]][1], similarity=score)
                 for i, j, score in pairs if i == 0]  # fmt: skip
        if hints:
            out[pk] = hints[:HINT_SHOWN]
    return out
