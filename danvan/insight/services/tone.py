"""The tone model's writes: training it from ratings' comments and officials' labels, and an official's label.

Training uses ``nlp.classifier`` (the platform's one text classifier) over ``nlp.tone.examples``: each
rating's comment takes its stars' tone (the rule is data: ``nlp.tone.STAR_RULE`` unless another is given, and
stored with the version), an official's label overrides it. Too few labelled examples: refused with the number
needed. Tố cáo never teach it (it is the deployment's model)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.cases.models import Case, Track
from danvan.core.audit import audit_record
from danvan.core.errors import DomainError
from danvan.insight import errors as codes
from danvan.insight import permissions as insight_permissions
from danvan.insight.models import ModelKind, ModelVersion, ToneLabel
from danvan.insight.selectors import tone as selectors
from danvan.insight.services.model_versions import model_version_store
from danvan.nlp import classifier, tone
from danvan.org import permissions


def tone_train(*, actor: Any = None, rule: tone.StarRule = tone.STAR_RULE,
               settings: classifier.Settings | None = None, put_in_use: bool = True) -> ModelVersion:  # fmt: skip
    """Train the tone model and store it as the next SENTIMENT version (in use unless told not to).

    ``DomainError`` (``TOO_FEW_LABELLED``, with ``needed`` and ``have`` in its details) when too few."""
    settings = settings or classifier.Settings()
    texts, tones, counts = tone.examples(selectors.rated_comments(), selectors.officials_labels(), rule)
    try:
        trained = classifier.train(texts, tones, settings)
    except classifier.TooFewExamples as few:
        raise DomainError(
            _("Too few labelled texts to learn the tone: %(have)s, %(needed)s needed (at least %(per)s of each of "
              "two tones).") % {"have": few.have, "needed": few.needed, "per": few.per_label},
            code=codes.TOO_FEW_LABELLED, details={"needed": few.needed, "have": few.have, "per_label": few.per_label},
        ) from None  # fmt: skip
    metrics = {"as_written": trained.figures.as_dict(), "folded": trained.figures_folded.as_dict(),
               "sources": counts, "left_out": trained.left_out}  # fmt: skip
    return model_version_store(
        kind=ModelKind.SENTIMENT, model=trained.model, training_size=trained.training_size,
        held_back_size=trained.held_back_size, metrics=metrics, threshold=trained.figures.threshold,
        settings={**settings.as_dict(), "star_rule": rule.as_text()}, actor=actor, trusted=classifier.TRUSTED,
        put_in_use=put_in_use,
    )  # fmt: skip


@transaction.atomic
def tone_label(*, actor: Any, case_id: int, tone_value: str) -> ToneLabel:
    """An official labels the tone of a case's text (its title and content). Only a case they may open, and
    never a tố cáo; the same text labelled again takes the latest label. Audited."""
    from danvan.cases.selectors import case_may_view

    if tone_value not in tone.TONES:
        raise DomainError(_("Unknown tone."), code=codes.TONE_LABEL_NOT_ALLOWED)
    case = Case.objects.filter(pk=case_id).first()
    if (
        case is None or case.track == Track.TO_CAO or not case_may_view(actor, case)
        or not permissions.user_may(actor, insight_permissions.LABEL_TOPICS, case)
    ):  # fmt: skip
        raise DomainError(_("You may not label this text."), code=codes.TONE_LABEL_NOT_ALLOWED)
    text = f"{case.title}. {case.content}"
    key = tone.text_key(text)
    before = ToneLabel.objects.filter(text_key=key).values_list("tone", flat=True).first()
    label, _created = ToneLabel.objects.update_or_create(
        text_key=key, defaults={"text": text, "tone": tone_value, "case": case, "labelled_by": actor}
    )
    audit_record(actor=actor, action="insight.tone_labelled", obj=label, before={"tone": before},
                 after={"tone": tone_value, "case": case.pk})  # fmt: skip
    return label
