"""Consultations: the maps part's selectors (reads only).

Two halves: what the map is computed from (``map_votes``: the votes that count, merged statements
resolved, hidden ones left out; ``map_source``: a cheap fingerprint of those votes so the refresh can skip
a consultation where nothing changed) and what the pages show from the latest stored map (``map_view``).

The map's rows keep participants' row ids (``MapResult.placements``) to place them; nothing here hands
them on: the chart's dots carry a position and a group only, in an order unrelated to the participants'.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _

from danvan.consultations import choices, vote_resolution
from danvan.consultations.models import Consultation, DraftSection, OpinionMap, Statement, Vote
from danvan.consultations.opinion_map import MapResult, VoteMatrix, vote_matrix_from_arrays
from danvan.consultations.selectors import participation
from danvan.core.text import fold

PUBLIC_STATUSES = (choices.Status.OPEN, choices.Status.CLOSED, choices.Status.PUBLISHED)
MIN_PLACED = 10  # fewer people placed on the map than this: "not enough views to draw the map"
DIVISIVE_SHOWN = 5  # the most divisive statements listed (and tagged)
# A statement the groups see alike (94% and 94%) is not "divisive" even if it ranks among the top few:
# its groups' shares must lie at least this far apart to be listed and tagged so.
DIVISIVE_MIN_GAP = 0.2
MAX_DOTS = 2000  # a chart of more dots is no clearer and weighs on a phone: an even sample is drawn
CHART_W, CHART_H, CHART_PAD = 480, 360, 24
LETTERS = "ABCDEFGH"
# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies; each group also has
# its own letter and shape, so colour is never the only cue.
SHAPES = ("circle", "square", "triangle", "diamond", "cross")


# What the map is computed from ---------------------------------------------------------------------------


def _statement_targets(consultation: Consultation) -> tuple[dict[int, int], list[tuple[int, str, int | None]]]:
    """Each statement whose votes count → the published statement they count for (the one rule,
    ``vote_resolution.targets_of``); and every statement's (id, status, merged_into) for the fingerprint."""
    rows: list[tuple[int, str, int | None]] = list(
        Statement.objects.filter(consultation=consultation).values_list("id", "status", "merged_into_id")
    )
    return vote_resolution.targets_of(rows), rows


def map_vote_matrix(consultation: Consultation) -> VoteMatrix:
    """The votes the map reads, one per participant and statement, as the engine's matrix: the votes
    that count by the one rule (``vote_resolution.resolve``, through the participation part's
    ``resolved_votes``): a merged statement's votes count for its target, a participant who voted on both
    keeps their vote on the target, else their EARLIEST vote on a duplicate; hidden and pending
    statements' votes are left out. Ids are the rows' (participants' are internal).

    Built with numpy from the database's columns (no Python tuple per vote: a million votes in seconds)."""
    targets, _rows = _statement_targets(consultation)
    participants, statements, values = participation.resolved_votes(consultation, targets=targets)
    return vote_matrix_from_arrays(participants, statements, values)


def map_votes(consultation: Consultation) -> list[tuple[str, str, int]]:
    """``map_vote_matrix`` as (participant id, statement id, vote) strings, for tests and the CLI's shape."""
    m = map_vote_matrix(consultation)
    return [
        (m.voters[r], m.statements[c], int(v))
        for r, c, v in zip(m.rows.tolist(), m.cols.tolist(), m.values.tolist(), strict=True)
    ]


@dataclass(frozen=True)
class MapSource:
    votes: int  # vote rows the map reads (before a merged statement's duplicates are resolved)
    fingerprint: str  # changes when a vote is cast, changed or withdrawn, or a statement merged or hidden


def map_source(consultation: Consultation) -> MapSource:
    """Two queries, no vote loaded: what ``services.maps.recompute`` compares with the latest map."""
    targets, rows = _statement_targets(consultation)
    figures = Vote.objects.filter(statement__consultation=consultation, statement_id__in=list(targets)).aggregate(
        n=Count("id"), total=Sum("value"), last=Max("id")
    )
    digest = hashlib.sha256(repr(sorted(rows, key=lambda r: r[0])).encode()).hexdigest()[:16]
    n = int(figures["n"] or 0)
    return MapSource(votes=n, fingerprint=f"{n}:{figures['total'] or 0}:{figures['last'] or 0}:{digest}")


def latest_map(consultation: Consultation) -> OpinionMap | None:
    return OpinionMap.objects.filter(consultation=consultation).order_by("-computed_at", "-id").first()


def public_consultation(code: str) -> Consultation | None:
    """A consultation the public may see (open, closed or with its summary published), or None."""
    return Consultation.objects.filter(code=code, status__in=PUBLIC_STATUSES).first()


def any_consultation(code: str) -> Consultation | None:
    """Whatever its status, for the staff pages (the caller checks the staff's right to it)."""
    return Consultation.objects.filter(code=code).select_related("organization").first()


def consultations_to_refresh() -> list[Consultation]:
    return list(Consultation.objects.filter(status=choices.Status.OPEN).order_by("id"))


def consultations_closed_since(since: Any) -> list[Consultation]:
    """Closed (or answered) consultations whose period ended on or after ``since``: their last map."""
    return list(
        Consultation.objects.filter(
            Q(status=choices.Status.CLOSED) | Q(status=choices.Status.PUBLISHED), closes_on__gte=since
        ).order_by("id")
    )


# What the pages show -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    id: str
    text: str
    section_key: str
    agree: int
    disagree: int
    passed: int
    agree_share: float  # of all its votes (0 when none)
    group_agree: tuple[float, ...]  # each group's smoothed agreement
    consensus: float
    divisiveness: float
    is_consensus: bool
    is_divisive: bool

    @property
    def votes(self) -> int:
        return self.agree + self.disagree + self.passed

    @property
    def agree_pct(self) -> int:
        return round(self.agree_share * 100)

    @property
    def group_pcts(self) -> list[int]:
        return [round(a * 100) for a in self.group_agree]


@dataclass(frozen=True)
class RepresentativeRow:
    statement: StatementRow
    direction: str  # agree | disagree
    group_share: float
    rest_share: float
    sentence: str  # in plain words, e.g. "Nhóm A đồng ý nhiều hơn hẳn những người khác"

    @property
    def group_pct(self) -> int:
        return round(self.group_share * 100)

    @property
    def rest_pct(self) -> int:
        return round(self.rest_share * 100)


@dataclass(frozen=True)
class GroupRow:
    id: int
    letter: str
    label: str  # "Nhóm A"
    size: int
    share: float  # of the people placed
    shape: str
    representative: tuple[RepresentativeRow, ...]
    cx: float = 0.0  # the centroid on the chart (SVG units)
    cy: float = 0.0
    r: float = 0.0  # the bubble's radius
    label_x: float = 0.0  # where its label sits (above the bubble, inside the chart)
    label_y: float = 0.0

    @property
    def css(self) -> str:
        return f"g{self.id % 8}"

    @property
    def pct(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class SectionRow:
    key: str
    heading: str
    statements: int
    votes: int
    mean_agree: float | None  # mean of its statements' agree shares (None without votes)
    consensus: int
    divisive: int

    @property
    def mean_pct(self) -> int | None:
        return None if self.mean_agree is None else round(self.mean_agree * 100)


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    group: int
    shape: str


@dataclass
class MapView:
    ready: bool  # enough people placed to show groups
    computed_at: Any
    placed: int
    seen: int
    votes: int
    groups: list[GroupRow] = field(default_factory=list)
    consensus: list[StatementRow] = field(default_factory=list)
    divisive: list[StatementRow] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    statements: list[StatementRow] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    width: int = CHART_W
    height: int = CHART_H
    method: str = ""
    seconds: float = 0.0
    silhouette: float | None = None
    separation: float | None = None
    min_placed: int = MIN_PLACED

    @property
    def top_consensus(self) -> StatementRow | None:
        return self.consensus[0] if self.consensus else None


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _chart(result: MapResult) -> tuple[list[Dot], dict[int, tuple[float, float, float]]]:
    """Dots scaled into the chart's box (no voter id), sorted by place so the order says nothing about who;
    each group's centroid and bubble radius (its spread, at least a little, never past the box's edge)."""
    points = result.placements
    if not points:
        return [], {}
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    inner_w, inner_h = CHART_W - 2 * CHART_PAD, CHART_H - 2 * CHART_PAD

    def sx(x: float) -> float:
        return round(CHART_PAD + (x - x0) / span_x * inner_w, 1)

    def sy(y: float) -> float:
        return round(CHART_PAD + (y1 - y) / span_y * inner_h, 1)

    scaled = [(sx(p.x), sy(p.y), p.group) for p in points]
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for x, y, g in scaled:
        members[g].append((x, y))
    centres: dict[int, tuple[float, float, float]] = {}
    for g, pts in members.items():
        cx = sum(x for x, _y in pts) / len(pts)
        cy = sum(y for _x, y in pts) / len(pts)
        spread = (sum((x - cx) ** 2 + (y - cy) ** 2 for x, y in pts) / len(pts)) ** 0.5
        inside = min(cx, CHART_W - cx, cy, CHART_H - cy)  # the bubble stays inside the chart's box
        centres[g] = (round(cx, 1), round(cy, 1), round(min(max(spread, 18.0), 120.0, max(inside, 18.0)), 1))
    scaled.sort()
    if len(scaled) > MAX_DOTS:
        step = len(scaled) / MAX_DOTS
        scaled = [scaled[int(i * step)] for i in range(MAX_DOTS)]
    dots = [Dot(x, y, g, SHAPES[g % len(SHAPES)]) for x, y, g in scaled]
    return dots, centres


def _sentence(label: str, direction: str) -> str:
    if direction == "agree":
        return _("%(group)s agrees far more than the others") % {"group": label}
    return _("%(group)s disagrees far more than the others") % {"group": label}


def map_view(consultation: Consultation, *, query: str = "") -> MapView | None:
    """What the map page shows from the latest map (None: never computed). ``query`` narrows the list of
    statements to those whose text contains it, with or without diacritics."""
    row = latest_map(consultation)
    if row is None:
        return None
    result = MapResult.from_json(row.result)
    view = MapView(
        ready=len(result.placements) >= MIN_PLACED and len(result.groups) >= 1,
        computed_at=row.computed_at,
        placed=len(result.placements),
        seen=result.voters,
        votes=result.votes,
        method=row.method,
        seconds=row.seconds,
        silhouette=row.silhouette,
        separation=result.separation,
    )
    texts = {
        str(pk): (text, key)
        for pk, text, key in Statement.objects.filter(
            consultation=consultation, status=choices.Moderation.PUBLISHED
        ).values_list("id", "text", "section_key")
    }  # a statement hidden since the map was computed is no longer shown
    gaps = {s.statement: s.divisiveness for s in result.statements}
    divisive_shown = [s for s in result.divisive if gaps.get(s, 0.0) >= DIVISIVE_MIN_GAP][:DIVISIVE_SHOWN]
    consensus_ids, divisive_ids = set(result.consensus), set(divisive_shown)
    statements: dict[str, StatementRow] = {}
    for s in result.statements:
        if s.statement not in texts:
            continue
        text, key = texts[s.statement]
        statements[s.statement] = StatementRow(
            id=s.statement, text=text, section_key=key, agree=s.agree, disagree=s.disagree, passed=s.passed,
            agree_share=_share(s.agree, s.agree + s.disagree + s.passed), group_agree=s.group_agree,
            consensus=s.consensus, divisiveness=s.divisiveness, is_consensus=s.statement in consensus_ids,
            is_divisive=s.statement in divisive_ids,
        )  # fmt: skip
    view.consensus = [statements[s] for s in result.consensus if s in statements]
    view.divisive = [statements[s] for s in divisive_shown if s in statements]
    view.statements = sorted(statements.values(), key=lambda s: (-s.votes, int(s.id)))
    if query.strip():
        needle = fold(query)
        view.statements = [s for s in view.statements if needle in fold(s.text)]
    view.sections = _sections(consultation, list(statements.values()))
    if not view.ready:
        return view
    dots, centres = _chart(result)
    view.dots = dots
    placed = len(result.placements)
    for g in result.groups:
        letter = LETTERS[g.id % len(LETTERS)]
        label = _("Group %(letter)s") % {"letter": letter}
        reps = tuple(
            RepresentativeRow(
                statement=statements[r.statement], direction=r.direction, group_share=r.group_share,
                rest_share=r.rest_share, sentence=_sentence(label, r.direction),
            )
            for r in g.representative
            if r.statement in statements
        )  # fmt: skip
        cx, cy, r = centres.get(g.id, (0.0, 0.0, 0.0))
        label_x = round(min(max(cx, 80.0), CHART_W - 80.0), 1)
        above = cy - r - 8
        label_y = round(above if above >= 22 else min(cy + r + 24, CHART_H - 8.0), 1)
        view.groups.append(
            GroupRow(id=g.id, letter=letter, label=label, size=g.size, share=_share(g.size, placed),
                     shape=SHAPES[g.id % len(SHAPES)], representative=reps, cx=cx, cy=cy, r=r,
                     label_x=label_x, label_y=label_y)
        )  # fmt: skip
    return view


def _sections(consultation: Consultation, statements: list[StatementRow]) -> list[SectionRow]:
    """How each section of the draft fared: its statements, their votes, mean agreement, how many are
    consensus and divisive. Sections in the latest version's order, the whole draft first."""
    version_sections = list(
        DraftSection.objects.filter(version__consultation=consultation)
        .order_by("-version__number", "position")
        .values_list("key", "heading", "version__number")
    )
    latest = version_sections[0][2] if version_sections else None
    headings = {key: heading for key, heading, number in version_sections if number == latest}
    order = [""] + [key for key, _h, number in version_sections if number == latest]
    by_key: dict[str, list[StatementRow]] = defaultdict(list)
    for s in statements:
        by_key[s.section_key].append(s)
    keys = [k for k in order if k in by_key] + sorted(k for k in by_key if k not in order)
    rows = []
    for key in keys:
        items = by_key[key]
        voted = [s for s in items if s.votes]
        rows.append(
            SectionRow(
                key=key, heading=headings.get(key) or key or _("The whole draft"),
                statements=len(items), votes=sum(s.votes for s in items),
                mean_agree=sum(s.agree_share for s in voted) / len(voted) if voted else None,
                consensus=sum(1 for s in items if s.is_consensus), divisive=sum(1 for s in items if s.is_divisive),
            )
        )  # fmt: skip
    return rows


def map_history(consultation: Consultation) -> list[OpinionMap]:
    """The stored maps (newest first) for the staff page: when, from how many votes, how long it took."""
    return list(
        OpinionMap.objects.filter(consultation=consultation)
        .order_by("-computed_at", "-id")
        .only("id", "computed_at", "votes_seen", "participants", "statements", "groups", "seconds", "method")
    )
