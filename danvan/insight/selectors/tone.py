"""The tone model's reads: its labelled examples (ratings' comments with their stars, officials' labels) and
the model in use, loaded once per version, or why there is none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Q

from danvan.insight.models import ModelKind, ToneLabel
from danvan.insight.selectors.model_versions import model_version_in_use
from danvan.insight.selectors.sources import shared_rating_filter
from danvan.nlp import classifier, storage
from danvan.surveys.models import Answer, Response

OVERALL_CRITERION = "case_overall"  # the case rating's overall question (surveys.seed.CASE_RATING_OVERALL)


def rated_comments() -> list[tuple[str, int | None]]:
    """Every rating's comment with its stars: the answer to the overall question of a case rating, otherwise
    the rounded mean of the response's satisfaction answers (1–5; 0 "no opinion" left out). Flagged responses
    (answered implausibly fast, bursts) are left out, as in the indices."""
    rows = dict(
        Response.objects.filter(shared_rating_filter(), flag="").exclude(comment="").values_list("pk", "comment")
    )
    if not rows:
        return []
    answers = Answer.objects.filter(response_id__in=list(rows), aspect="satisfaction", value__gte=1, value__lte=5)
    overall = dict(answers.filter(criterion__code=OVERALL_CRITERION).values_list("response_id", "value"))
    means = dict(
        answers.filter(~Q(response_id__in=list(overall))).values("response_id").annotate(m=Avg("value"))
        .values_list("response_id", "m")
    )  # fmt: skip
    out: list[tuple[str, int | None]] = []
    for pk, text in rows.items():
        stars = overall.get(pk)
        if stars is None and means.get(pk) is not None:
            stars = int(float(means[pk]) + 0.5)
        out.append((text, stars))
    return out


def officials_labels() -> list[tuple[str, str]]:
    return list(ToneLabel.objects.values_list("text", "tone"))


@dataclass(frozen=True)
class ToneModel:
    """The tone model in use, or why tone is off: ``state`` "on", "none" (never trained) or "unreadable"."""

    state: str
    model: Any = None
    version: Any = None

    @property
    def on(self) -> bool:
        return self.state == "on"

    @property
    def macro_f1(self) -> float | None:
        """The model's macro-F1 on held-back texts as written (None when tone is off or it was not measured)."""
        return (self.version.metrics.get("as_written") or {}).get("macro_f1") if self.on else None

    def tones(self, texts: Sequence[str]) -> list[str]:
        """The likeliest tone of each text ("" for a text without words, or when tone is off)."""
        if not self.on:
            return ["" for _ in texts]
        return [s[0].label if s else "" for s in classifier.suggest(self.model, texts, top=1)]


_loaded: dict[tuple[int, str], Any] = {}


def tone_model() -> ToneModel:
    """The tone model in use. A missing model says "none", bytes that are altered or cannot be read say
    "unreadable": the platform keeps working without tone and the pages say so."""
    version = model_version_in_use(ModelKind.SENTIMENT)
    if version is None:
        return ToneModel("none")
    key = (version.pk, version.artifact_sha256)
    if key not in _loaded:
        try:
            _loaded.clear()
            _loaded[key] = storage.model_from_bytes(bytes(version.artifact or b""), version.artifact_sha256,
                                                    trusted=classifier.TRUSTED)  # fmt: skip
        except storage.ModelUnavailable:
            return ToneModel("unreadable", version=version)
    return ToneModel("on", _loaded[key], version)
