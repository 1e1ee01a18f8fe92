"""Topic discovery's writes: a run over a period (topics, their counts per body × commune × week with tone,
their typical cases), and an official's rename of a topic.

Which texts: the title and content of every case received in the period, except tố cáo (a tố cáo is used
only for its own body's models and never in this deployment-wide one). The cases of the period before are
assigned to the same topics, for the trend. The tone of each case is the tone model's when one is in use and
readable; otherwise the run records that tone was off and why."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError, NotFound
from danvan.insight import errors as codes
from danvan.insight import permissions as insight_permissions
from danvan.insight.models import DiscoveredTopic, TopicCount, TopicExample, TopicRun
from danvan.insight.selectors.sources import shared_cases
from danvan.insight.selectors.tone import tone_model
from danvan.nlp import storage, topics
from danvan.org import permissions
from danvan.org.models import Organization

EXAMPLES_PER_BODY = 5  # typical cases kept per topic and body (the page shows those the reader may open)
MATCH_AT_LEAST = 0.3  # Jaccard overlap of top terms for a topic to continue one of the previous run


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def previous_start(starts_on: dt.date, ends_on: dt.date) -> dt.date:
    """The start of the period of the same length just before ``starts_on``–``ends_on``."""
    return starts_on - (ends_on - starts_on + dt.timedelta(days=1))


def topic_run_discover(
    *, starts_on: dt.date, ends_on: dt.date, k: int | None = None, actor: Any = None,
    settings: topics.TopicSettings | None = None,
) -> TopicRun:  # fmt: skip
    """Discover the topics of the cases received in ``starts_on``–``ends_on`` and store them with their counts.

    ``DomainError`` (``TOPICS_NOTHING_TO_LEARN``) when no case of the period has a readable text."""
    if ends_on < starts_on:
        starts_on, ends_on = ends_on, starts_on
    settings = settings or topics.TopicSettings(k=k)
    before = previous_start(starts_on, ends_on)
    rows = list(
        shared_cases().filter(received_on__gte=before, received_on__lte=ends_on)
        .order_by("pk").values_list("pk", "title", "content", "received_on", "handling_organization_id",
                                    "place_unit_id").iterator(chunk_size=5000)
    )  # fmt: skip
    texts = [f"{title}. {content}" for _pk, title, content, *_ in rows]
    current = [i for i, row in enumerate(rows) if row[3] >= starts_on]
    earlier = [i for i, row in enumerate(rows) if row[3] < starts_on]
    try:
        found = topics.discover([texts[i] for i in current], settings)
    except ValueError:
        raise DomainError(_("No case of this period has a text to learn topics from."),
                          code=codes.TOPICS_NOTHING_TO_LEARN) from None  # fmt: skip
    assigned = {i: (int(a), float(w)) for i, a, w in zip(current, found.assignment, found.weight, strict=True)}
    if earlier:
        back, weights = topics.assign(found.model, [texts[i] for i in earlier])
        assigned.update({i: (int(a), float(w)) for i, a, w in zip(earlier, back, weights, strict=True)})
    tone = tone_model()
    tones = tone.tones([texts[i] for i in range(len(rows))]) if tone.on else [""] * len(rows)
    data, sha = storage.model_to_bytes(found.model)
    return _store(
        rows=rows, assigned=assigned, tones=tones, found=found, starts_on=starts_on, ends_on=ends_on, before=before,
        n_current=len(current), n_earlier=len(earlier), tone_state=tone.state, tone_version=tone.version,
        data=data, sha=sha, actor=actor,
    )  # fmt: skip


@transaction.atomic
def _store(*, rows: list[tuple[Any, ...]], assigned: dict[int, tuple[int, float]], tones: list[str],
           found: topics.Discovered, starts_on: dt.date, ends_on: dt.date, before: dt.date, n_current: int,
           n_earlier: int, tone_state: str, tone_version: Any, data: bytes, sha: str, actor: Any) -> TopicRun:  # fmt: skip
    run = TopicRun.objects.create(
        starts_on=starts_on, ends_on=ends_on, previous_starts_on=before, k=len(found.topics), texts=n_current,
        previous_texts=n_earlier, created_by=actor if getattr(actor, "is_authenticated", False) else None,
        settings=found.settings.as_dict(), tone_state=tone_state, tone_version=tone_version, artifact=data,
        artifact_sha256=sha,
    )  # fmt: skip
    stored = DiscoveredTopic.objects.bulk_create(
        DiscoveredTopic(run=run, number=t.number, suggested_label=t.label[:200], terms=list(t.terms),
                        words=list(t.words), size=t.size)
        for t in found.topics
    )  # fmt: skip
    by_number = {t.number: t for t in stored}
    counts: dict[tuple[int, Any, Any, dt.date, bool], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    typical: dict[tuple[int, Any], list[tuple[float, int, str]]] = defaultdict(list)
    for i, (pk, _title, _content, received_on, org, unit) in enumerate(rows):
        number, weight = assigned.get(i, (-1, 0.0))
        if number < 0:
            continue
        previous = received_on < starts_on
        cell = counts[(number, org, unit, _monday(received_on), previous)]
        cell[0] += 1
        if tones[i]:
            cell[1 + ("negative", "neutral", "positive").index(tones[i])] += 1
        if not previous:
            typical[(number, org)].append((weight, pk, tones[i]))
    TopicCount.objects.bulk_create(
        (TopicCount(topic=by_number[n], organization_id=org, unit_id=unit, week=week, previous=prev, cases=c[0],
                    negative=c[1], neutral=c[2], positive=c[3]) for (n, org, unit, week, prev), c in counts.items()),
        batch_size=5000,
    )  # fmt: skip
    TopicExample.objects.bulk_create(
        (TopicExample(topic=by_number[n], organization_id=org, case_id=pk, weight=w, tone=t)
         for (n, org), items in typical.items() for w, pk, t in sorted(items, reverse=True)[:EXAMPLES_PER_BODY]),
        batch_size=5000,
    )  # fmt: skip
    _carry_labels(run, stored)
    audit_record(actor=actor, action="insight.topics_discovered", obj=run,
                 after={"from": str(starts_on), "to": str(ends_on), "k": run.k, "texts": n_current,
                        "tone": tone_state})  # fmt: skip
    return run


def _carry_labels(run: TopicRun, stored: list[DiscoveredTopic]) -> None:
    """The topics the previous run of the same scope found again keep their officials' labels."""
    last = TopicRun.objects.filter(scope=run.scope).exclude(pk=run.pk).order_by("-created_at", "-pk").first()
    if last is None:
        return
    previous = list(last.topics.order_by("number"))
    pairs = topics.match([p.terms for p in previous], [t.terms for t in stored], at_least=MATCH_AT_LEAST)
    for ci, pi in pairs.items():
        topic, before = stored[ci], previous[pi]
        topic.continues = before
        topic.official_label = before.official_label
        topic.renamed_by_id, topic.renamed_at = before.renamed_by_id, before.renamed_at
        topic.save(update_fields=["continues", "official_label", "renamed_by", "renamed_at"])


@transaction.atomic
def topic_rename(*, actor: Any, topic_id: int, label: str) -> DiscoveredTopic:
    """Give a topic the label officials use (empty: back to the suggested one). Audited."""
    if not permissions.user_may(actor, insight_permissions.LABEL_TOPICS):
        raise NotFound("topic not found")
    topic = DiscoveredTopic.objects.select_for_update().filter(pk=topic_id).first()
    if topic is None:
        raise NotFound("topic not found")
    # A topic is the deployment's: its name is read by every body whose cases it holds, so only someone whose
    # role covers all of them renames it (a ward's head renames a topic of their ward's cases only).
    bodies = Organization.objects.filter(
        pk__in=TopicCount.objects.filter(topic=topic).exclude(organization=None).values("organization_id")
    )
    if not bodies.exists() or not all(
        permissions.user_may(actor, insight_permissions.LABEL_TOPICS, body) for body in bodies
    ):
        raise NotFound("topic not found")
    label = " ".join(label.split())[:200]
    before = topic.official_label
    topic.official_label = label
    topic.renamed_by = actor if label else None
    topic.renamed_at = clock.now() if label else None
    topic.save(update_fields=["official_label", "renamed_by", "renamed_at"])
    audit_record(actor=actor, action="insight.topic_renamed", obj=topic, before={"label": before},
                 after={"label": label, "suggested": topic.suggested_label})  # fmt: skip
    return topic
