"""Routing suggestions: the topic from a petition's text, the responsible body from its place and topic. Pure.

Two parts, multiplied into one honest confidence for a (topic, body) pair:

- the topic: ``classifier`` (TF-IDF over the text as written and without diacritics, a linear model with
  probabilities), learned from the texts of cases whose topic officials confirmed;
- the body given the topic and the place: counts of which body handled confirmed cases of that track and
  topic in that commune, backed off to the province's counts, backed off to the routing rule's answer
  (``cases.rules.route_best``, passed in as a function). With Dirichlet smoothing (``smoothing`` pseudo-cases
  of the level above), a commune seen once does not yet overrule its province, and a body never seen at a
  place is suggested only when the rules name it.

P(topic, body | text, place) = P(topic | text) · P(body | track, topic, place). The threshold above which a
case is routed without a person is chosen on held-back cases for the JOINT answer (both right), for the
target precision (``classifier.threshold_for_precision``).

Stored as a plain dict (``to_artifact``): the fitted text pipeline and the counts as a JSON string, so
``nlp.storage`` (skops, no pickle) reads it back with only the feature functions trusted.
"""

from __future__ import annotations

import copy
import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.metrics import f1_score
from sklearn.pipeline import Pipeline

from danvan.core.text import strip_diacritics
from danvan.nlp import classifier, features

TRUSTED = classifier.TRUSTED
ARTIFACT_FORMAT = "danvan.route/1"

# (topic) -> the body the routing rules name for this case's track and place with that topic, or None
RuleLookup = Callable[[str], str | None]


@dataclass(frozen=True)
class Example:
    """One confirmed case: its text, where it is, its track, and the topic and body officials confirmed."""

    text: str
    topic: str
    body: str
    track: str = ""
    commune: str = ""  # ids as strings; "" when not known
    province: str = ""
    # (topic, body) the routing rules name at this place and track for each topic, when known: the last
    # back-off (for every topic, not only the confirmed one, so the held-back figures are not flattered)
    rule_bodies: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Settings:
    """How a routing model is trained; stored with each version."""

    target_precision: float = 0.95  # of the joint (topic and body) answer, on held-back cases
    held_back_share: float = 0.2
    min_per_label: int = 5
    min_examples: int = 40
    # The text model's examples are capped per topic: its accuracy stops growing long before a million
    # cases, while its training time does not (benchmarks/insight_route.py). The place counts use all.
    max_per_topic: int = 10_000
    # The figures are measured on at most this many held-back cases (a sample; ±0.5 point at 20,000).
    max_measured: int = 20_000
    smoothing: float = 2.0  # pseudo-cases of the level above
    topics_considered: int = 5  # the most likely topics whose bodies are weighed
    augment: bool = True
    seed: int = 20261204

    def text_settings(self) -> classifier.Settings:
        return classifier.Settings(held_back_share=self.held_back_share, target_precision=self.target_precision,
                                   min_per_label=self.min_per_label, min_examples=self.min_examples,
                                   augment=self.augment, seed=self.seed)  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, values: dict[str, Any] | None) -> Settings:
        known = {k: v for k, v in (values or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True)
class RouteSuggestion:
    topic: str
    body: str
    confidence: float  # P(topic, body), 0–1
    topic_confidence: float
    body_confidence: float

    def as_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "body": self.body, "confidence": round(self.confidence, 4),
                "topic_confidence": round(self.topic_confidence, 4),
                "body_confidence": round(self.body_confidence, 4)}  # fmt: skip


def _commune_key(track: str, commune: str, topic: str) -> str:
    return f"c|{track}|{commune}|{topic}"


def _province_key(track: str, province: str, topic: str) -> str:
    return f"p|{track}|{province}|{topic}"


@dataclass
class BodyTable:
    """How often each body handled confirmed cases of a track and topic in a commune, and in a province."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    smoothing: float = 2.0

    @classmethod
    def learn(cls, examples: Iterable[Example], smoothing: float = 2.0) -> BodyTable:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for ex in examples:
            if ex.commune:
                counts[_commune_key(ex.track, ex.commune, ex.topic)][ex.body] += 1
            if ex.province:
                counts[_province_key(ex.track, ex.province, ex.topic)][ex.body] += 1
        return cls({k: dict(v) for k, v in counts.items()}, smoothing)

    def distribution(self, *, topic: str, track: str, commune: str, province: str,
                     rule_body: str | None) -> dict[str, float]:  # fmt: skip
        """P(body | track, topic, place): the commune's counts smoothed by the province's, smoothed by the rule.

        Empty when nothing is known (no counts, no rule): the case then goes to a person."""
        base: dict[str, float] = {rule_body: 1.0} if rule_body else {}
        for key in (_province_key(track, province, topic) if province else "",
                    _commune_key(track, commune, topic) if commune else ""):  # fmt: skip
            seen = self.counts.get(key) if key else None
            if not seen:
                continue
            total = sum(seen.values())
            weight = self.smoothing if base else 0.0
            bodies = set(seen) | set(base)
            base = {b: (seen.get(b, 0) + weight * base.get(b, 0.0)) / (total + weight) for b in bodies}
        return {b: p for b, p in base.items() if p > 0}

    def to_json(self) -> str:
        return json.dumps({"smoothing": self.smoothing, "counts": self.counts}, ensure_ascii=False,
                          separators=(",", ":"))  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> BodyTable:
        data = json.loads(text)
        counts = {str(k): {str(b): int(n) for b, n in v.items()} for k, v in data["counts"].items()}
        return cls(counts, float(data["smoothing"]))


class _FastTopics:
    """The text model's probabilities for ONE text without the pipeline's per-call overhead (validation,
    sparse stacking, joblib): the same arithmetic as scikit-learn's ``TfidfVectorizer`` (sublinear tf, idf,
    l2 per vectoriser) and ``SGDClassifier.predict_proba`` (one-vs-rest logistic, normalised), on the fitted
    arrays. A suggestion at intake must take a few milliseconds (issue 18: ≤ 5 ms); the pipeline takes ~10."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.parts = []
        offset = 0
        for _name, vectorizer in pipeline.named_steps["features"].transformer_list:
            idf = np.asarray(vectorizer.idf_, dtype=np.float64)
            self.parts.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, idf, offset,
                               bool(vectorizer.sublinear_tf), vectorizer.norm))  # fmt: skip
            offset += len(idf)
        linear = pipeline.named_steps["model"]
        self.coef = np.ascontiguousarray(np.asarray(linear.coef_, dtype=np.float64).T)  # features × classes
        self.intercept = np.asarray(linear.intercept_, dtype=np.float64)
        self.classes = [str(c) for c in linear.classes_]

    def proba(self, text: str) -> np.ndarray:
        columns: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for analyze, vocabulary, idf, offset, sublinear, norm in self.parts:
            counts = Counter(j for j in map(vocabulary.get, analyze(text)) if j is not None)
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            if sublinear:
                tf = np.log(tf) + 1.0
            w = tf * idf[idx]
            if norm == "l2":
                w /= np.sqrt(np.dot(w, w)) or 1.0
            columns.append(idx + offset)
            values.append(w)
        if columns:
            idx = np.concatenate(columns)
            scores = np.concatenate(values) @ self.coef[idx] + self.intercept
        else:
            scores = self.intercept.copy()
        if len(self.classes) == 2:  # a binary model has one column: P(second class)
            p1 = 1.0 / (1.0 + np.exp(-scores[0]))
            return np.array([1.0 - p1, p1])
        prob = 1.0 / (1.0 + np.exp(-scores))
        return prob / prob.sum()

    def suggest(self, text: str, top: int) -> list[classifier.Suggestion]:
        if not features.has_words(text):
            return []
        row = self.proba(text)
        order = np.argsort(-row)[:top]
        return [classifier.Suggestion(self.classes[j], float(row[j])) for j in order]


@dataclass
class RouteModel:
    topics: Pipeline
    bodies: BodyTable
    topics_considered: int = 5
    _fast: _FastTopics | None = field(default=None, repr=False, compare=False)

    def fast(self) -> _FastTopics:
        if self._fast is None:
            self._fast = _FastTopics(self.topics)
        return self._fast

    def to_artifact(self) -> dict[str, Any]:
        """What ``nlp.storage`` stores: the pipeline without its vectorisers' vocabularies (skops writes a dict
        entry by entry: minutes and tens of MB for a real vocabulary), each vocabulary as one array of terms
        in column order, and the counts as one JSON string."""
        pipeline = copy.deepcopy(self.topics)
        terms = {}
        for name, vectorizer in _vectorizers(pipeline):
            vocabulary = vectorizer.vocabulary_
            ordered = sorted(vocabulary, key=vocabulary.__getitem__)
            terms[name] = np.array(ordered, dtype=str) if ordered else np.array([], dtype="<U1")
            vectorizer.vocabulary_ = {}
        return {"format": ARTIFACT_FORMAT, "topics": pipeline, "terms": terms, "bodies": self.bodies.to_json(),
                "topics_considered": self.topics_considered}  # fmt: skip

    @classmethod
    def from_artifact(cls, artifact: Any) -> RouteModel:
        """The model stored by ``to_artifact``; ValueError for anything else (a wrong or damaged file)."""
        if not isinstance(artifact, dict) or artifact.get("format") != ARTIFACT_FORMAT:
            raise ValueError("not a routing model")
        topics = artifact.get("topics")
        terms = artifact.get("terms")
        if not isinstance(topics, Pipeline) or not hasattr(topics, "classes_") or not isinstance(terms, dict):
            raise ValueError("the routing model has no fitted text model")
        for name, vectorizer in _vectorizers(topics):
            if name not in terms:
                raise ValueError(f"the routing model lacks the terms of {name}")
            vectorizer.vocabulary_ = {str(t): i for i, t in enumerate(terms[name].tolist())}
        return cls(topics, BodyTable.from_json(str(artifact.get("bodies", ""))),
                   int(artifact.get("topics_considered", 5)))  # fmt: skip


def _vectorizers(pipeline: Pipeline) -> list[tuple[str, Any]]:
    return [(name, v) for name, v in pipeline.named_steps["features"].transformer_list if hasattr(v, "vocabulary_")]


def _joint(model: RouteModel, topics: Sequence[classifier.Suggestion], *, track: str, commune: str,
           province: str, rules: RuleLookup | None, top: int) -> list[RouteSuggestion]:  # fmt: skip
    pairs: list[RouteSuggestion] = []
    for t in topics:
        bodies = model.bodies.distribution(topic=t.label, track=track, commune=commune, province=province,
                                           rule_body=rules(t.label) if rules is not None else None)  # fmt: skip
        pairs.extend(RouteSuggestion(t.label, b, t.confidence * p, t.confidence, p) for b, p in bodies.items())
    pairs.sort(key=lambda s: (-s.confidence, s.topic, s.body))
    return pairs[:top]


def suggest(model: RouteModel, text: str, *, track: str = "", commune: str = "", province: str = "",
            rules: RuleLookup | None = None, top: int = 3) -> list[RouteSuggestion]:  # fmt: skip
    """The ``top`` most likely (topic, body) pairs for one petition, most likely first.

    Empty when the text has nothing to read (only emoji, punctuation) or no body is known for any likely
    topic at this place: a person routes it."""
    topics = model.fast().suggest(text, model.topics_considered)
    return _joint(model, topics, track=track, commune=commune, province=province, rules=rules, top=top)


def is_automatic(suggestions: Sequence[RouteSuggestion], threshold: float | None) -> bool:
    """Does the first suggestion reach the threshold (no threshold: never)?"""
    return bool(suggestions) and threshold is not None and suggestions[0].confidence >= threshold


@dataclass(frozen=True)
class Figures:
    """How the routing model did on held-back cases."""

    examples: int
    topic_accuracy: float
    topic_macro_f1: float
    body_accuracy: float  # the body of the first suggestion
    body_macro_f1: float
    accuracy: float  # both topic and body right
    threshold: float | None
    auto_share: float
    auto_precision: float | None

    def as_dict(self) -> dict[str, Any]:
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class TrainedRoute:
    model: RouteModel
    figures: Figures
    figures_folded: Figures  # the same held-back cases without diacritics, at the same threshold
    training_size: int
    held_back_size: int
    topics: tuple[str, ...]
    bodies: int
    left_out: dict[str, int]
    settings: Settings

    def metrics(self) -> dict[str, Any]:
        return {"as_written": self.figures.as_dict(), "without_diacritics": self.figures_folded.as_dict(),
                "topics": list(self.topics), "bodies": self.bodies, "left_out": self.left_out}  # fmt: skip


def _cap(examples: Sequence[Example], cap: int, seed: int) -> list[Example]:
    by_topic: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        by_topic[ex.topic].append(ex)
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    out: list[Example] = []
    for topic in sorted(by_topic):
        items = by_topic[topic]
        out.extend(items if len(items) <= cap else rng.sample(items, cap))
    return out


def _rule_lookup(ex: Example) -> RuleLookup:
    rules = dict(ex.rule_bodies)
    return lambda topic: rules.get(topic)


def measure(model: RouteModel, examples: Sequence[Example], *, threshold: float | None = None,
            target_precision: float | None = None, fold_text: bool = False) -> Figures:  # fmt: skip
    """The figures of ``model`` on labelled cases; with ``target_precision`` the threshold is chosen here."""
    if not examples:
        return Figures(0, math.nan, math.nan, math.nan, math.nan, math.nan, threshold, 0.0, None)
    texts = [strip_diacritics(ex.text) if fold_text else ex.text for ex in examples]
    topic_lists = classifier.suggest(model.topics, texts, top=model.topics_considered)  # one batch: fast
    firsts = []
    for ex, topics in zip(examples, topic_lists, strict=True):
        got = _joint(model, topics, track=ex.track, commune=ex.commune, province=ex.province,
                     rules=_rule_lookup(ex), top=1)  # fmt: skip
        firsts.append(got[0] if got else RouteSuggestion("", "", 0.0, 0.0, 0.0))
    # The topic alone: the text model's own first answer (not the joint's first).
    topic_first = [topics[0].label if topics else "" for topics in topic_lists]
    topic_true = [ex.topic for ex in examples]
    body_true = [ex.body for ex in examples]
    body_pred = [s.body for s in firsts]
    correct = [s.topic == ex.topic and s.body == ex.body for s, ex in zip(firsts, examples, strict=True)]
    confidences = [s.confidence for s in firsts]
    if target_precision is not None:
        threshold = classifier.threshold_for_precision(confidences, correct, target_precision)
    auto = [i for i, c in enumerate(confidences) if threshold is not None and c >= threshold]
    n = len(examples)
    return Figures(
        examples=n,
        topic_accuracy=sum(p == t for p, t in zip(topic_first, topic_true, strict=True)) / n,
        topic_macro_f1=float(f1_score(topic_true, topic_first, average="macro", labels=sorted(set(topic_true)),
                                      zero_division=0)),
        body_accuracy=sum(p == t for p, t in zip(body_pred, body_true, strict=True)) / n,
        body_macro_f1=float(f1_score(body_true, body_pred, average="macro", labels=sorted(set(body_true)),
                                     zero_division=0)),
        accuracy=sum(correct) / n, threshold=threshold, auto_share=len(auto) / n,
        auto_precision=(sum(correct[i] for i in auto) / len(auto)) if auto else None,
    )  # fmt: skip


def needed(settings: Settings) -> int:
    """How many labelled cases a training needs at least."""
    return max(settings.min_examples, 2 * settings.min_per_label)


def train(examples: Sequence[Example], settings: Settings = Settings()) -> TrainedRoute:
    """Learn the topic model and the body counts from confirmed cases; measure and choose the threshold on
    a held-back share. ``classifier.TooFewExamples`` below ``needed(settings)`` usable cases."""
    keep, left_out = classifier.learnable([ex.topic for ex in examples], settings.text_settings())
    usable = [ex for ex in examples if ex.topic in keep and ex.body and features.has_words(ex.text)]
    if len(usable) < needed(settings) or len(keep) < 2:
        raise classifier.TooFewExamples(needed=needed(settings), have=len(usable), per_label=settings.min_per_label)
    fit_idx, held_idx = classifier.split_held_back([ex.topic for ex in usable], settings.held_back_share,
                                                   settings.seed)  # fmt: skip
    fit = [usable[i] for i in fit_idx]
    held = [usable[i] for i in held_idx]
    text_fit = _cap(fit, settings.max_per_topic, settings.seed)
    texts = [ex.text for ex in text_fit]
    labels = [ex.topic for ex in text_fit]
    if settings.augment:
        texts = texts + [strip_diacritics(t) for t in texts]
        labels = labels + labels
    pipeline = classifier.build(settings.text_settings(), examples=len(texts)).fit(texts, labels)
    model = RouteModel(pipeline, BodyTable.learn(fit, settings.smoothing), settings.topics_considered)
    sampler = random.Random(settings.seed)  # noqa: S311 - a reproducible sample, not a secret
    measured = held if len(held) <= settings.max_measured else sampler.sample(held, settings.max_measured)
    figures = measure(model, measured, target_precision=settings.target_precision)
    folded = measure(model, measured, threshold=figures.threshold, fold_text=True)
    return TrainedRoute(model=model, figures=figures, figures_folded=folded, training_size=len(fit),
                        held_back_size=len(held), topics=tuple(str(c) for c in pipeline.classes_),
                        bodies=len({ex.body for ex in fit}), left_out=left_out, settings=settings)  # fmt: skip
