"""A text classifier learned from labelled petitions, its confidence threshold, and its figures. Pure.

The recipe (issue 18, on public Vietnamese data): TF-IDF over word 1–2-grams and char_wb 2–5-grams
(``features.text_features``: the text as written and folded, so a petition without accents reads like one
with them) and a linear model. The linear model is scikit-learn's ``SGDClassifier`` with the logistic loss:
it gives probabilities (the clerk sees a confidence) and trains in one pass per epoch, so a million
petitions fit on two cores (figures against a linear SVM: docs/insight.md). Training may add a diacritics-free copy of every text (``augment``), for deployments whose
people type mostly with accents.

The threshold: the model acts alone (routes a case itself) only above a confidence chosen on held-back
data so that the suggestions above it are right at least ``target_precision`` of the time; below it a
person decides. If no confidence reaches the target, there is no threshold and nothing is automatic.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import Pipeline

from danvan.core.text import strip_diacritics
from danvan.nlp import features

TRUSTED = features.TRUSTED


class TooFewExamples(ValueError):
    """Not enough labelled examples to learn from (``needed`` says how many, ``have`` how many there are)."""

    def __init__(self, needed: int, have: int, per_label: int) -> None:
        super().__init__(f"{have} labelled examples, {needed} needed ({per_label} for each of two labels at least)")
        self.needed, self.have, self.per_label = needed, have, per_label


@dataclass(frozen=True)
class Settings:
    """How a classifier is trained; stored with each model version."""

    held_back_share: float = 0.2  # kept aside to measure the model and choose its threshold
    target_precision: float = 0.95
    min_per_label: int = 5  # a label with fewer examples is not learnt (its cases go to a person)
    min_examples: int = 40
    augment: bool = True  # add a copy of each training text without diacritics
    alpha: float = 2e-6  # the linear model's regularisation
    epochs: int = 10
    seed: int = 20261204

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Suggestion:
    label: str
    confidence: float  # the model's probability for this label, 0–1


@dataclass(frozen=True)
class Figures:
    """How a model did on texts it never saw."""

    examples: int
    accuracy: float
    macro_f1: float
    threshold: float | None
    auto_share: float  # the share of texts at or above the threshold (decided without a person)
    auto_precision: float | None  # how many of those were right
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Trained:
    model: Pipeline
    figures: Figures  # on the held-back texts, as written
    figures_folded: Figures  # on the same texts without diacritics
    training_size: int
    held_back_size: int
    labels: tuple[str, ...]
    left_out: dict[str, int]  # labels with too few examples, and how many they had


def learnable(labels: Sequence[str], settings: Settings) -> tuple[set[str], dict[str, int]]:
    """The labels with enough examples to learn, and the others with their counts."""
    counts = Counter(labels)
    keep = {label for label, n in counts.items() if n >= settings.min_per_label}
    return keep, {label: n for label, n in counts.items() if label not in keep}


def _split(n: int, labels: Sequence[str], share: float, seed: int) -> tuple[list[int], list[int]]:
    """Indexes of training and held-back examples, stratified by label (every label in both when it can be)."""
    by_label: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    rng = random.Random(seed)  # noqa: S311 - a reproducible split, not a secret
    train: list[int] = []
    held: list[int] = []
    for label in sorted(by_label):
        items = by_label[label]
        rng.shuffle(items)
        k = max(1, round(len(items) * share)) if len(items) >= 2 else 0
        held.extend(items[:k])
        train.extend(items[k:])
    return sorted(train), sorted(held)


def split_held_back(labels: Sequence[str], share: float, seed: int) -> tuple[list[int], list[int]]:
    """Indexes of training and held-back examples, stratified by label (as ``train`` splits them)."""
    return _split(len(labels), labels, share, seed)


def build(settings: Settings, *, examples: int) -> Pipeline:
    # min_df 2 drops the words seen once (names, house numbers); on tiny data keep everything
    min_df = 2 if examples >= 200 else 1
    return Pipeline(
        [
            ("features", features.text_features(min_df=min_df)),
            ("model", SGDClassifier(loss="log_loss", alpha=settings.alpha, max_iter=settings.epochs,
                                    tol=None, random_state=settings.seed)),
        ]
    )  # fmt: skip


def train(texts: Sequence[str], labels: Sequence[str], settings: Settings = Settings()) -> Trained:
    """Learn from (text, label) pairs; measure on a held-back share; choose the threshold there.

    ``TooFewExamples`` when fewer than ``settings.min_examples`` usable pairs, or fewer than two labels with
    ``settings.min_per_label`` examples each, remain."""
    keep, left_out = learnable(labels, settings)
    pairs = [(t, lab) for t, lab in zip(texts, labels, strict=True) if lab in keep and features.has_words(t)]
    needed = max(settings.min_examples, 2 * settings.min_per_label)
    if len(pairs) < needed or len(keep) < 2:
        raise TooFewExamples(needed=needed, have=len(pairs), per_label=settings.min_per_label)
    all_texts = [t for t, _ in pairs]
    all_labels = [lab for _, lab in pairs]
    train_idx, held_idx = _split(len(pairs), all_labels, settings.held_back_share, settings.seed)
    fit_texts = [all_texts[i] for i in train_idx]
    fit_labels = [all_labels[i] for i in train_idx]
    if settings.augment:
        fit_texts = fit_texts + [strip_diacritics(t) for t in fit_texts]
        fit_labels = fit_labels + fit_labels
    model = build(settings, examples=len(fit_texts)).fit(fit_texts, fit_labels)
    held_texts = [all_texts[i] for i in held_idx]
    held_labels = [all_labels[i] for i in held_idx]
    figures = measure(model, held_texts, held_labels, target_precision=settings.target_precision)
    folded = measure(model, [strip_diacritics(t) for t in held_texts], held_labels, threshold=figures.threshold)
    return Trained(model=model, figures=figures, figures_folded=folded, training_size=len(train_idx),
                   held_back_size=len(held_idx), labels=tuple(str(c) for c in model.classes_),
                   left_out=left_out)  # fmt: skip


def suggest(model: Pipeline, texts: Sequence[str], *, top: int = 3) -> list[list[Suggestion]]:
    """The ``top`` most likely labels of each text, most likely first; an empty list for a text with no words."""
    readable = [i for i, t in enumerate(texts) if features.has_words(t)]
    out: list[list[Suggestion]] = [[] for _ in texts]
    if not readable:
        return out
    proba = model.predict_proba([texts[i] for i in readable])
    classes = [str(c) for c in model.classes_]
    for row, i in zip(proba, readable, strict=True):
        order = np.argsort(-row)[:top]
        out[i] = [Suggestion(classes[j], float(row[j])) for j in order]
    return out


def threshold_for_precision(confidences: Sequence[float], correct: Sequence[bool], target: float) -> float | None:
    """The lowest confidence such that the answers at or above it are right at least ``target`` of the time
    (so the most answers are automatic); None when even the most confident answers miss the target.

    Walks the answers from the most confident down, keeping the running precision; the threshold is the
    confidence of the last answer at which the precision was still at the target. Ties are taken together.
    """
    if not confidences:
        return None
    order = sorted(range(len(confidences)), key=lambda i: -confidences[i])
    right = 0
    best: float | None = None
    k = 0
    while k < len(order):
        value = confidences[order[k]]
        while k < len(order) and confidences[order[k]] == value:  # a tie is all in or all out
            right += bool(correct[order[k]])
            k += 1
        if right / k >= target:
            best = value
    return best


def measure(model: Pipeline, texts: Sequence[str], labels: Sequence[str], *, threshold: float | None = None,
            target_precision: float | None = None) -> Figures:  # fmt: skip
    """Accuracy, macro-F1 and the automatic share of ``model`` on labelled ``texts``.

    With ``target_precision`` the threshold is chosen on these texts; otherwise ``threshold`` is applied."""
    if not texts:
        return Figures(0, math.nan, math.nan, threshold, 0.0, None)
    best = [s[0] if s else Suggestion("", 0.0) for s in suggest(model, texts, top=1)]
    predicted = [s.label for s in best]
    correct = [p == y for p, y in zip(predicted, labels, strict=True)]
    confidences = [s.confidence for s in best]
    if target_precision is not None:
        threshold = threshold_for_precision(confidences, correct, target_precision)
    auto = [i for i, c in enumerate(confidences) if threshold is not None and c >= threshold]
    per_label_f1 = f1_score(labels, predicted, average=None, labels=sorted(set(labels)), zero_division=0)
    return Figures(
        examples=len(texts), accuracy=float(accuracy_score(labels, predicted)),
        macro_f1=float(f1_score(labels, predicted, average="macro", labels=sorted(set(labels)), zero_division=0)),
        threshold=threshold, auto_share=len(auto) / len(texts),
        auto_precision=(sum(correct[i] for i in auto) / len(auto)) if auto else None,
        per_label={label: {"f1": float(f)} for label, f in zip(sorted(set(labels)), per_label_f1, strict=True)},
    )  # fmt: skip
