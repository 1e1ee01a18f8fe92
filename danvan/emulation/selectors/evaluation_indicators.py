"""The registry of the yearly evaluation's indicators: a key → a function that, for some bodies and a
year, says what the platform measured for each (a ``rules.evaluation.Figure``) or leaves the body out
(NOT MEASURED: shown "chưa đo", never counted as zero).

A provider is ``function(organization_ids: list[int], year: int) -> Mapping[int, Figure]``; a body it
leaves out is "not measured" for the reason it declares (``missing``). Keys with no provider are "not
measured" for ``NO_PROVIDER``. How to add one: docs/emulation/evaluation.md ("Adding an indicator").

The providers below read the other capabilities through their selectors only (the layers contract):
cases (on time, upheld complaints about staff), surveys (the satisfaction index with its interval),
reception (sessions held / required, dialogues, their commitments) and democracy (disclosures on time,
decisions recognised). Emulation's own parts (Dân vận khéo, commitments, training, commendations)
register theirs with ``register_indicator`` (or ``register_counts``) when they are installed.

Each provider costs a fixed number of queries whatever the number of bodies (the dashboard is pinned).
Providers that read the same source (the three Dân vận khéo counts, the cases' two, reception's three) wrap
it with ``shared``: within one ``measure`` it is read once.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from danvan.core import clock
from danvan.emulation.rules.evaluation import Figure
from danvan.emulation.rules.evaluation import cut_off as rules_cut_off

# A provider answers per body a Figure, or a reason code (``REASONS``) why it was not measured.
Provider = Callable[[list[int], int], Mapping[int, Figure | str]]

# Why an indicator was not measured (codes; the pages word them).
NO_PROVIDER = "no_provider"  # the part that measures it is not installed (yet)
NO_DATA = "no_data"  # the platform holds no data of this body for the year
TOO_FEW = "too_few"  # a survey with fewer respondents than the methodology's minimum
NOT_APPLICABLE = "not_applicable"  # the duty is not this kind of body's (disclosures: a commune's UBND)
NOT_DUE_YET = "not_due_yet"  # what it measures is not due by the cut-off (the year-end review not closed)
YEARLY_ONLY = "yearly_only"  # not shown live in the year so far (one upheld complaint could name an official)
REASONS = (NO_PROVIDER, NO_DATA, TOO_FEW, NOT_APPLICABLE, NOT_DUE_YET, YEARLY_ONLY)


@dataclass(frozen=True)
class Registered:
    function: Provider
    missing: str = NO_DATA


_REGISTRY: dict[str, Registered] = {}


def register_indicator(key: str, function: Provider, *, missing: str = NO_DATA) -> None:
    """Provide the indicator ``key`` (the methodology's key): ``function(organization_ids, year)`` returns a
    ``Figure`` per body it measured; a body left out is not measured for ``missing``. Re-registering
    replaces (tests swap providers)."""
    _REGISTRY[key] = Registered(function, missing)


def unregister_indicator(key: str) -> None:
    _REGISTRY.pop(key, None)


def provider_for(key: str) -> Registered | None:
    return _REGISTRY.get(key)


@dataclass(frozen=True)
class Measured:
    """An indicator's outcome for one body: a figure, or not measured and why (``why`` in ``REASONS``)."""

    figure: Figure | None
    why: str = ""


# One measure run's reads of shared sources: {(source, organization ids, year, cut-off): answer}; None outside
# a run.
_RUN: contextvars.ContextVar[dict[tuple[Any, ...], Any] | None] = contextvars.ContextVar("evaluation_run", default=None)
# The cut-off of the ``measure`` in progress (``rules.evaluation.cut_off``); None outside one.
_AS_OF: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar("evaluation_as_of", default=None)


def cut_off(year: int) -> dt.date:
    """The day the figures of ``year`` are read up to: the ``as_of`` of the ``measure`` in progress, else
    (a provider called alone) ``rules.evaluation.cut_off`` of today. Providers whose denominators hold things
    falling due (commitments, sessions owed, year-end assessments) count only what fell due by this day."""
    as_of = _AS_OF.get()
    return as_of if as_of is not None else rules_cut_off(year, clock.today())


def shared[T](source: Callable[..., T]) -> Callable[..., T]:
    """Wrap a source read by several providers (``source(*, organization_ids, year)``): within one ``measure``
    it is called once for the same bodies and year, and its answer shared; outside a run it is just called.
    The answer is shared, not copied: providers only read it."""

    @functools.wraps(source)
    def read(*, organization_ids: list[int], year: int) -> T:
        run = _RUN.get()
        if run is None:
            return source(organization_ids=organization_ids, year=year)
        key = (source, tuple(organization_ids), year, _AS_OF.get())
        if key not in run:
            run[key] = source(organization_ids=organization_ids, year=year)
        return run[key]

    return read


@contextmanager
def _one_run() -> Iterator[None]:
    token = _RUN.set({}) if _RUN.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _RUN.reset(token)


def measure(
    keys: Iterable[str], organization_ids: list[int], year: int, *, as_of: dt.date | None = None
) -> dict[str, dict[int, Measured]]:
    """Every indicator of ``keys`` for every body, as of ``as_of`` (the cut-off: default
    ``rules.evaluation.cut_off`` of today): ``{key: {organization_id: Measured}}``. Providers read the
    cut-off with ``cut_off(year)``; sources wrapped with ``shared`` are read once for the whole run."""
    token = _AS_OF.set(as_of or rules_cut_off(year, clock.today()))
    try:
        with _one_run():
            return _measure(keys, organization_ids, year)
    finally:
        _AS_OF.reset(token)


def _measure(keys: Iterable[str], organization_ids: list[int], year: int) -> dict[str, dict[int, Measured]]:
    out: dict[str, dict[int, Measured]] = {}
    for key in keys:
        registered = _REGISTRY.get(key)
        if registered is None:
            out[key] = {pk: Measured(None, NO_PROVIDER) for pk in organization_ids}
            continue
        got = registered.function(list(organization_ids), year)
        out[key] = {pk: as_measured(got.get(pk), registered.missing) for pk in organization_ids}
    return out


def as_measured(got: Figure | str | None, missing: str) -> Measured:
    if isinstance(got, Figure):
        return Measured(got)
    return Measured(None, got or missing)


def share(numerator: int, denominator: int, *, link: str = "", note: str = "") -> Figure | None:
    """``numerator / denominator`` in per cent, or None when there is nothing to divide by."""
    if denominator <= 0:
        return None
    return Figure(round(100.0 * numerator / denominator, 1), numerator, denominator, link=link, note=note)


def register_counts(
    key: str, counts: Callable[..., Mapping[int, Mapping[str, float]]], *, field: str, of: str = ""
) -> None:
    """Adapt a part's yearly numbers (``counts(*, organization_ids, year) -> {org_id: {name: number}}``, as
    ``dvk_yearly_figures``, ``commitments_yearly_figures``, ``training_yearly_figures`` return them) into the
    provider of ``key``: the number ``field``, or with ``of`` the share ``field / of`` in per cent (a body
    with ``of`` = 0 is not measured). A body the part leaves out is not measured. Several keys adapted from
    the same ``counts`` read it once per run (``shared``)."""
    read = shared(counts)

    def provider(organization_ids: list[int], year: int) -> dict[int, Figure | str]:
        result: dict[int, Figure | str] = {}
        for pk, numbers in read(organization_ids=organization_ids, year=year).items():
            if field not in numbers:
                continue
            if of:
                figure = share(int(numbers[field]), int(numbers.get(of, 0)))
                if figure is not None:
                    result[pk] = figure
            else:
                result[pk] = Figure(float(numbers[field]), numerator=int(numbers[field]))
        return result

    register_indicator(key, provider)


def _url(name: str, *args: Any, query: str = "") -> str:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:  # the source app's page is not installed: no drill-down, the figure stays
        return ""
    return f"{url}?{query}" if query else url


# Cases ------------------------------------------------------------------------------------------------------


@shared
def _case_figures(*, organization_ids: list[int], year: int) -> Mapping[int, Mapping[str, int]]:
    from danvan.cases.selectors import yearly_figures

    return yearly_figures(organization_ids=organization_ids, year=year)


def cases_on_time(organization_ids: list[int], year: int) -> dict[int, Figure]:
    """Cases settled in the year on or before their deadline, of those settled with a deadline."""
    result = {}
    for pk, row in _case_figures(organization_ids=organization_ids, year=year).items():
        link = _url("cases:case_inbox", query=f"organization={pk}&include_closed=on")
        figure = share(row["on_time"], row["on_time"] + row["late"], link=link)
        if figure is not None:
            result[pk] = figure
    return result


def staff_complaints_upheld(organization_ids: list[int], year: int) -> dict[int, Figure]:
    """Complaints (khiếu nại, never tố cáo) about officials' conduct found right (wholly or partly) in the year;
    measured only for a body that settled cases in the platform that year (otherwise 0 would mean nothing)."""
    result = {}
    for pk, row in _case_figures(organization_ids=organization_ids, year=year).items():
        if row["settled"] == 0:
            continue
        link = _url("cases:case_inbox", query=f"organization={pk}&track=khieu_nai&include_closed=on")
        result[pk] = Figure(float(row["staff_conduct_upheld"]), row["staff_conduct_upheld"],
                            row["staff_conduct_decided"], link=link)  # fmt: skip
    return result


# Surveys ----------------------------------------------------------------------------------------------------


def satisfaction_index(organization_ids: list[int], year: int) -> dict[int, Figure | str]:
    """The year's satisfaction index of each body on the default template, with its 95% interval; a body
    with fewer respondents than the methodology's minimum is not measured (``TOO_FEW``)."""
    from danvan.surveys import selectors as surveys

    template = surveys.template_default()
    if template is None:
        return {}
    results = surveys.indices_compute(template, dt.date(year, 1, 1), dt.date(year, 12, 31), keys=organization_ids)
    out: dict[int, Figure | str] = {}
    for pk, r in results.items():
        if r.too_few or r.overall.index is None:
            out[int(pk)] = TOO_FEW
            continue
        out[int(pk)] = Figure(round(r.overall.index, 1), denominator=r.respondents, lower=r.overall.lower,
                              upper=r.overall.upper, link=_url("surveys:satisfaction_body", pk))  # fmt: skip
    return out


# Reception --------------------------------------------------------------------------------------------------


@shared
def _reception_figures(*, organization_ids: list[int], year: int) -> Mapping[int, Any]:
    from danvan.reception.selectors.compliance import yearly_figures

    return yearly_figures(organization_ids=organization_ids, year=year, cut_off=cut_off(year))


def _compliance_link(pk: int, year: int) -> str:
    return _url("reception:compliance", query=f"body={pk}&scope=body&period={year}")


def reception_sessions(organization_ids: list[int], year: int) -> dict[int, Figure]:
    """Regular sessions of the body's heads held that count / required (Quy định 11-QĐi/TW; reception's
    compliance rules), over the months of the year over by the cut-off. A body whose heads owed none is not
    measured."""
    out = {}
    for pk, f in _reception_figures(organization_ids=organization_ids, year=year).items():
        figure = share(f.held, f.required, link=_compliance_link(pk, year))
        if figure is not None:
            out[pk] = figure
    return out


def dialogue_commitments_kept(organization_ids: list[int], year: int) -> dict[int, Figure]:
    """Dialogue commitments falling due in the year by the cut-off that were kept, of those due (one due
    later in the year is not yet owed)."""
    out = {}
    for pk, f in _reception_figures(organization_ids=organization_ids, year=year).items():
        figure = share(f.commitments_kept, f.commitments_due, link=_url("reception:dialogue_list"))
        if figure is not None:
            out[pk] = figure
    return out


def dialogues_held(organization_ids: list[int], year: int) -> dict[int, Figure]:
    """Dialogues the body held in the year; measured for a body with reception data (sessions, duties or
    dialogues), so that "0" means "none held" rather than "not recorded here"."""
    from danvan.reception.selectors.compliance import yearly_dialogues

    held = yearly_dialogues(organization_ids=organization_ids, year=year)
    known = set(_reception_figures(organization_ids=organization_ids, year=year)) | set(held)
    link = _url("reception:dialogue_list")
    return {pk: Figure(float(held.get(pk, 0)), held.get(pk, 0), link=link) for pk in organization_ids if pk in known}


# Democracy (a commune's People's Committee) ------------------------------------------------------------------


def _communes(organization_ids: list[int]) -> dict[int, tuple[int, int]]:
    """The bodies that are a current commune's People's Committee: {org id: (commune id, commune code)}."""
    from danvan.democracy.selectors.communes import UBND_KIND
    from danvan.org.choices import UnitLevel
    from danvan.org.models import Organization

    rows = Organization.objects.filter(pk__in=organization_ids, kind__code=UBND_KIND, unit__level=UnitLevel.COMMUNE)
    return {pk: (unit_id, code) for pk, unit_id, code in rows.values_list("pk", "unit_id", "unit__code")}


def _democracy(part: str, organization_ids: list[int], year: int) -> tuple[dict[int, tuple[int, int]], Any]:
    from danvan.democracy.selectors import decisions, disclosures

    communes = _communes(organization_ids)
    module = disclosures if part == "disclosures" else decisions
    return communes, module.figures(sorted({c for c, _code in communes.values()}), year)


def _commune_link(code: int, year: int) -> str:
    return _url("democracy:dashboard_commune", code, query=f"year={year}")


def disclosures_on_time(organization_ids: list[int], year: int) -> dict[int, Figure | str]:
    """Disclosures decided in the year published on time, of those published or overdue (Luật THDCCS
    Arts. 11–13, democracy's ``compliance``)."""
    communes, figures = _democracy("disclosures", organization_ids, year)
    out: dict[int, Figure | str] = {}
    for pk, (commune_id, code) in communes.items():
        row = figures.get(commune_id, {})
        figure = share(row.get("on_time", 0), row.get("on_time", 0) + row.get("late", 0)
                       + row.get("overdue_unpublished", 0), link=_commune_link(code, year))  # fmt: skip
        out[pk] = figure if figure is not None else NO_DATA
    return out


def decisions_recognised(organization_ids: list[int], year: int) -> dict[int, Figure | str]:
    """Decision records of the year answered (recognised or refused) on time, of those due (Art. 21(2))."""
    communes, figures = _democracy("decisions", organization_ids, year)
    out: dict[int, Figure | str] = {}
    for pk, (commune_id, code) in communes.items():
        row = figures.get(commune_id, {})
        on_time = row.get("recognised_on_time", 0)
        due = on_time + row.get("recognised_late", 0) + row.get("recognition_overdue", 0)
        figure = share(on_time, due, link=_commune_link(code, year))
        out[pk] = figure if figure is not None else NO_DATA
    return out


def register_builtin() -> None:
    """The indicators read from the other capabilities (called once at import below)."""
    register_indicator("cases_on_time", cases_on_time)
    register_indicator("staff_complaints_upheld", staff_complaints_upheld)
    register_indicator("satisfaction_index", satisfaction_index)
    register_indicator("reception_sessions", reception_sessions)
    register_indicator("dialogues_held", dialogues_held)
    register_indicator("dialogue_commitments_kept", dialogue_commitments_kept)
    register_indicator("disclosures_on_time", disclosures_on_time, missing=NOT_APPLICABLE)
    register_indicator("decisions_recognised", decisions_recognised, missing=NOT_APPLICABLE)
    register_own_parts()


# Emulation's own parts: each gives plain yearly numbers per body; here they become figures with a link to
# the page behind them.


@shared
def _dvk_figures(*, organization_ids: list[int], year: int) -> Mapping[int, Any]:
    from danvan.emulation.selectors.dvk import dvk_yearly_figures

    return dvk_yearly_figures(organization_ids=organization_ids, year=year)


def dvk_models(attribute: str) -> Provider:
    """Models registered / recognised (any level) / replicated from the unit's models in the year: counts,
    zero included (the platform holds every model a unit registers, so none means none). The three read the
    part's figures once per run (``shared``)."""

    def provider(organization_ids: list[int], year: int) -> dict[int, Figure | str]:
        link = _url("emulation:dvk_list")
        figures = _dvk_figures(organization_ids=organization_ids, year=year)
        return {pk: Figure(float(n), numerator=n, link=link)
                for pk, f in figures.items() for n in [int(getattr(f, attribute))]}  # fmt: skip

    return provider


def commitments_completed(organization_ids: list[int], year: int) -> dict[int, Figure | str]:
    """Commitments assessed completed at the year-end review / commitments registered for the year; a body
    with none registered is not measured. Every commitment's year-end assessment falls due when the year's
    year-end review closes (``CommitmentYear.yearend_closes_on``): until that window has closed on the day the
    figures are read (the cut-off; for a past year, today), none is due and the share would read ~0, so no
    body is measured (``NOT_DUE_YET``)."""
    from danvan.emulation.selectors.commitments import commitment_year_get, commitments_yearly_figures

    settings = commitment_year_get(year)
    read_on = cut_off(year)
    if read_on == dt.date(year, 12, 31):  # a year over: its review may close in January, read on today
        read_on = max(read_on, clock.today())
    if settings is not None and not settings.windows().yearend_review_closed(read_on):
        return dict.fromkeys(organization_ids, NOT_DUE_YET)
    link = _url("emulation:commitments_units", query=f"nam={year}")
    out: dict[int, Figure | str] = {}
    for pk, numbers in commitments_yearly_figures(organization_ids=organization_ids, year=year).items():
        figure = share(
            int(numbers["commitments_assessed_completed"]), int(numbers["commitments_registered"]), link=link
        )
        out[pk] = figure if figure is not None else NO_DATA
    return out


def training_coverage(organization_ids: list[int], year: int) -> dict[int, Figure | str]:
    """Officers trained in the year / officers whose roles must be trained; a body with nobody to train
    is left out (not measured)."""
    from danvan.emulation.selectors.training import training_yearly_figures

    out: dict[int, Figure | str] = {}
    for pk, numbers in training_yearly_figures(organization_ids=organization_ids, year=year).items():
        link = _url("emulation:training_not_trained", pk, query=f"year={year}")
        figure = share(numbers.trained, numbers.must_be_trained, link=link)
        if figure is not None:
            out[pk] = figure
    return out


def commendations(organization_ids: list[int], year: int) -> dict[int, Figure | str]:
    """Commendations decided in the year for the unit, its people, models and exemplars: counts, zero
    included (a commendation proposed and decided on the platform is held here, so none means none)."""
    from danvan.emulation.selectors.commendation import commendation_yearly_figures

    link = _url("emulation:commendation_list", query=f"nam={year}&trang_thai=decided")
    return {pk: Figure(float(n), numerator=n, link=link)
            for pk, n in commendation_yearly_figures(organization_ids=organization_ids, year=year).items()}  # fmt: skip


def register_own_parts() -> None:
    register_indicator("dvk_models_registered", dvk_models("registered"))
    register_indicator("dvk_models_recognised", dvk_models("recognised"))
    register_indicator("dvk_models_replicated", dvk_models("replicated"))
    register_indicator("commitments_completed", commitments_completed)
    register_indicator("training_coverage", training_coverage)
    register_indicator("commendations", commendations)


register_builtin()
