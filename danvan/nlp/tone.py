"""The tone of what people write (negative, neutral, positive): where its labelled examples come from. Pure.

Two sources, one rule each:

- a rating's comment takes the tone of the stars its writer gave (``STAR_RULE``: 1–2 negative, 3 neutral,
  4–5 positive; 0 "no opinion" gives no example). The rule is data: written here once, given to the
  training as ``StarRule`` and stored with each model version (``as_text``), and a command may pass another
  (``parse_rule("1-2:negative,3:neutral,4-5:positive")``);
- an official's label of a text's tone. It overrides the stars' tone of the same text (texts are the same
  when their folded forms are: ``text_key``).

The model itself is the platform's classifier (``nlp.classifier``) over these pairs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from danvan.nlp import features

NEGATIVE, NEUTRAL, POSITIVE = "negative", "neutral", "positive"
TONES: tuple[str, ...] = (NEGATIVE, NEUTRAL, POSITIVE)


@dataclass(frozen=True)
class StarRule:
    """Which tone each number of stars (1–5) stands for; a number missing gives no example."""

    tones: Mapping[int, str]

    def tone(self, stars: int | None) -> str | None:
        return self.tones.get(int(stars)) if stars is not None else None

    def as_text(self) -> str:
        """``1-2:negative,3:neutral,4-5:positive``: the rule as ``parse_rule`` reads it back."""
        parts: list[str] = []
        for tone in TONES:
            stars = sorted(s for s, t in self.tones.items() if t == tone)
            if not stars:
                continue
            runs: list[list[int]] = []
            for s in stars:
                if runs and s == runs[-1][-1] + 1:
                    runs[-1].append(s)
                else:
                    runs.append([s])
            parts.extend(f"{r[0]}-{r[-1]}:{tone}" if len(r) > 1 else f"{r[0]}:{tone}" for r in runs)
        return ",".join(parts)


STAR_RULE = StarRule({1: NEGATIVE, 2: NEGATIVE, 3: NEUTRAL, 4: POSITIVE, 5: POSITIVE})


def parse_rule(text: str) -> StarRule:
    """``"1-2:negative,3:neutral,4-5:positive"`` → a ``StarRule``; ``ValueError`` for anything else."""
    tones: dict[int, str] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        stars, _, tone = part.partition(":")
        tone = tone.strip().lower()
        if tone not in TONES:
            raise ValueError(f"unknown tone {tone!r} (one of {', '.join(TONES)})")
        low, _, high = stars.strip().partition("-")
        first, last = int(low), int(high or low)
        if not 1 <= first <= last <= 5:
            raise ValueError(f"stars {stars!r} outside 1–5")
        for s in range(first, last + 1):
            if s in tones:
                raise ValueError(f"{s} stars given two tones")
            tones[s] = tone
    if len(set(tones.values())) < 2:
        raise ValueError("a rule needs at least two tones")
    return StarRule(tones)


def text_key(text: str) -> str:
    """What makes two texts the same for labelling: the SHA-256 of their folded form."""
    return hashlib.sha256(features.folded(text).encode()).hexdigest()


def examples(
    rated: Iterable[tuple[str, int | None]], labelled: Iterable[tuple[str, str]], rule: StarRule = STAR_RULE
) -> tuple[list[str], list[str], dict[str, int]]:
    """The training pairs (texts, tones) from rated comments ``(text, stars)`` and officials' labels
    ``(text, tone)``; an official's label replaces the stars' tone of the same text. Texts without words
    are left out. Also returns how many came from each source (``stars``, ``officials``, ``overridden``)."""
    by_key: dict[str, tuple[str, str, str]] = {}
    overridden = 0
    for text, stars in rated:
        tone = rule.tone(stars)
        if tone is None or not features.has_words(text):
            continue
        by_key[text_key(text)] = (text, tone, "stars")
    for text, tone in labelled:
        if tone not in TONES or not features.has_words(text):
            continue
        key = text_key(text)
        if key in by_key and by_key[key][2] == "stars":
            overridden += 1
        by_key[key] = (text, tone, "officials")
    ordered = [by_key[k] for k in sorted(by_key)]  # a stable order whatever the order read
    counts = {"stars": sum(1 for *_, s in ordered if s == "stars"),
              "officials": sum(1 for *_, s in ordered if s == "officials"), "overridden": overridden}  # fmt: skip
    return [t for t, _, _ in ordered], [tone for _, tone, _ in ordered], counts
