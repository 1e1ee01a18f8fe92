"""Early warnings from counts: is a place × topic getting more cases than its own history explains, and does
it keep coming back week after week? Pure (numpy and scipy only; no Django), vectorised over every series
of a run so that tens of thousands of series are scored in well under a second.

Surges: the Bayesian outbreak detector of Riebler (2004), ``algo.bayes`` in Höhle's R package
``surveillance`` (Höhle 2007, Computational Statistics 22:571-582), with a day-of-week rhythm and a
quasi-Poisson widening as in Farrington et al. (1996, JRSS A 159:547-563):

- each series is Poisson with a constant level × a weekday factor. The weekday factors are one profile
  shared by all the series of a run (a Poisson log-linear model with series and weekday main effects;
  on a window of whole weeks its maximum-likelihood fit is closed-form: the share of all cases falling on
  each weekday), so a ward with three cases a month borrows the rhythm of the whole country instead of
  guessing its own. Baseline: the ``history_days`` before the test window, trend-free (a constant level);
- the level has a Gamma(``prior`` + history total, weighted history days) posterior (``prior`` = 0.5,
  Jeffreys), so a zero history is "rare", never "impossible". The count of the last ``window_days`` is
  then negative binomial (the Poisson-gamma predictive), its variance widened by the series' own
  overdispersion φ (Pearson's statistic on its history, floored at 1, Farrington's quasi-Poisson);
- the upper tail probability P(Y ≥ observed) of each series is corrected for the number of series looked
  at with Benjamini-Hochberg (false discovery rate ``fdr``); an alert needs also ``min_count`` cases.
  On a quiet day every one of the series is noise, and then BH bounds the chance of ANY alert by ``fdr``.

Recurring: a place × topic that had cases in at least ``recurring_min_weeks`` of the last
``recurring_weeks`` weeks, where its own older rate (the ``recurring_history_weeks`` before them; the same
Jeffreys prior) makes that many weeks with a case unlikely (binomial upper tail, BH-corrected). A busy ward
that always has land cases is not "coming back"; a quiet one with a case every week for two months is.

Short histories: a series with no case in its history has the prior's level only (0.5 case over the whole
history), so a handful of new cases in a new place is flagged; ``min_history_days`` is the least history a
whole run needs (a deployment younger than that raises no surge: every series would look new).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

Counts = NDArray[np.float64]


@dataclass(frozen=True)
class Settings:
    window_days: int = 7  # the days tested: today and the six before (3 is quicker to react, less sensitive)
    history_days: int = 56  # the baseline: eight whole weeks before the window
    min_count: int = 3  # fewer cases than this in the window never alert
    fdr: float = 0.05  # Benjamini-Hochberg false discovery rate across the series of a run
    prior: float = 0.5  # Jeffreys: half a case spread over the history
    min_history_days: int = 14  # a run with less history than this raises no surge
    recurring_weeks: int = 8
    recurring_min_weeks: int = 6
    recurring_history_weeks: int = 26

    @property
    def days(self) -> int:
        """The columns a surge run needs: history, then the window (the last column is today)."""
        return self.history_days + self.window_days


@dataclass(frozen=True)
class Scores:
    observed: NDArray[np.int64]  # cases in the window, per series
    expected: Counts  # the predictive mean
    probability: Counts  # P(Y >= observed) under the series' own history
    dispersion: Counts  # φ (1 = Poisson)
    alert: NDArray[np.bool_]


def weekdays_of(columns: int, last_weekday: int) -> NDArray[np.int64]:
    """The weekday (Monday 0) of each of ``columns`` consecutive days ending on ``last_weekday``."""
    return (last_weekday - (columns - 1 - np.arange(columns))) % 7


def weekday_profile(counts: Counts, weekdays: NDArray[np.int64]) -> Counts:
    """One factor per weekday, mean 1 over a week: the maximum-likelihood weekday effect of a Poisson model
    with series and weekday main effects, pooled over all series (closed form on whole weeks; on a
    partial week each weekday's total is divided by how often it occurs). A weekday with no case at all
    keeps a small floor so that a first case on a Sunday is rare, not impossible."""
    totals = np.array([counts[:, weekdays == d].sum() for d in range(7)], dtype=float)
    occurs = np.array([max(int((weekdays == d).sum()), 1) for d in range(7)], dtype=float)
    per_day = totals / occurs
    if per_day.sum() <= 0:
        return np.ones(7)
    per_day = np.maximum(per_day, per_day.sum() / 7 * 0.05)
    return per_day / per_day.mean()


def benjamini_hochberg(probability: Counts, fdr: float) -> NDArray[np.bool_]:
    """Which hypotheses are rejected at false discovery rate ``fdr`` (Benjamini & Hochberg 1995)."""
    m = len(probability)
    if m == 0:
        return np.zeros(0, dtype=bool)
    order = np.argsort(probability, kind="stable")
    ranked = probability[order]
    below = ranked <= fdr * np.arange(1, m + 1) / m
    rejected = np.zeros(m, dtype=bool)
    if below.any():
        rejected[order[: int(np.nonzero(below)[0].max()) + 1]] = True
    return rejected


def _negative_binomial_sf(observed: Counts, mean: Counts, variance: Counts) -> Counts:
    """P(Y >= observed) for a negative binomial of that mean and variance (variance > mean)."""
    p = mean / variance
    r = mean * p / (1 - p)
    return np.asarray(stats.nbinom.sf(observed - 1, r, p), dtype=float)


def surges(
    counts: Counts, *, last_weekday: int, settings: Settings = Settings(), profile: Counts | None = None,
    history_available: int | None = None,
) -> Scores:  # fmt: skip
    """Score every series (rows of ``counts``: ``settings.days`` daily counts, the last column today).

    ``profile`` is the weekday rhythm (``weekday_profile``); by default it is estimated from these
    series' histories. ``history_available``: how many of the history days the data cover (a deployment
    younger than the history: the days before it are unknown, not zero)."""
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 2 or counts.shape[1] != settings.days:
        raise ValueError(f"expected {settings.days} days per series, got {counts.shape}")
    weekdays = weekdays_of(settings.days, last_weekday)
    days = settings.history_days if history_available is None else max(1, min(history_available, settings.history_days))
    first = settings.history_days - days
    history, window = counts[:, first : settings.history_days], counts[:, settings.history_days :]
    if profile is None:
        profile = weekday_profile(history, weekdays[first : settings.history_days])
    history_weights, window_weights = (
        profile[weekdays[first : settings.history_days]],
        profile[weekdays[settings.history_days :]],
    )
    exposure_history, exposure_window = history_weights.sum(), window_weights.sum()
    total = history.sum(axis=1)
    level = (total + settings.prior) / exposure_history  # posterior mean of the level (cases per average day)
    expected = level * exposure_window
    # Pearson's dispersion on the history (Farrington): only where there is history to measure it
    fitted = np.outer(total / exposure_history, history_weights)
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = np.where(fitted > 0, (history - fitted) ** 2 / fitted, 0.0).sum(axis=1)
    dispersion = np.where(total > 0, np.maximum(1.0, pearson / max(days - 1, 1)), 1.0)
    variance = dispersion * expected * (1 + exposure_window / exposure_history)
    observed = window.sum(axis=1).astype(np.int64)
    probability = _negative_binomial_sf(observed.astype(float), expected, variance)
    probability = np.where(observed <= 0, 1.0, probability)
    alert = benjamini_hochberg(probability, settings.fdr) & (observed >= settings.min_count) & (observed > expected)
    return Scores(observed, expected, probability, dispersion, alert)


def recurring(weekly: Counts, settings: Settings = Settings(), *, older_available: int | None = None) -> Scores:
    """Score every series (rows of ``weekly``: ``recurring_history_weeks + recurring_weeks`` weekly counts,
    the last column this week) for coming back: ``observed`` is the number of recent weeks with a case.
    ``older_available``: how many of the older weeks the data cover (at least one)."""
    weekly = np.asarray(weekly, dtype=float)
    width = settings.recurring_history_weeks + settings.recurring_weeks
    if weekly.ndim != 2 or weekly.shape[1] != width:
        raise ValueError(f"expected {width} weeks per series, got {weekly.shape}")
    older_weeks = settings.recurring_history_weeks
    if older_available is not None:
        older_weeks = max(1, min(older_available, older_weeks))
    older = weekly[:, settings.recurring_history_weeks - older_weeks : settings.recurring_history_weeks]
    recent = weekly[:, settings.recurring_history_weeks :]
    rate = (older.sum(axis=1) + settings.prior) / older_weeks  # cases per week
    p_week = 1 - np.exp(-rate)  # a week with at least one case, if Poisson at that rate
    weeks = (recent > 0).sum(axis=1).astype(np.int64)
    probability = np.asarray(stats.binom.sf(weeks - 1, settings.recurring_weeks, p_week), dtype=float)
    probability = np.where(weeks <= 0, 1.0, probability)
    alert = benjamini_hochberg(probability, settings.fdr) & (weeks >= settings.recurring_min_weeks)
    return Scores(weeks, p_week * settings.recurring_weeks, probability, np.ones(len(weeks)), alert)
