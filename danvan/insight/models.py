"""Insight's tables. See docs/insight.md."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.core import clock


class ModelKind(models.TextChoices):
    ROUTE = "route", _("Routing (topic and responsible body)")
    SENTIMENT = "sentiment", _("Tone of what people write")


class ModelVersion(models.Model):
    """One trained version of one of the deployment's models: when and from how much data it was
    trained, how it scored on held-back data, and its bytes (``nlp.storage``: no pickle, checked by
    SHA-256). At most one version of a kind is in use; an older one can be put back (a rollback)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ModelKind.choices)
    number = models.PositiveIntegerField(_("version"))
    trained_at = models.DateTimeField(_("trained at"), default=clock.now)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Empty when the scheduled task trained it."),
    )  # fmt: skip
    training_size = models.PositiveIntegerField(_("training examples"))
    held_back_size = models.PositiveIntegerField(_("held-back examples"))
    metrics = models.JSONField(_("metrics on held-back data"), default=dict)
    # the confidence above which the model acts alone (chosen on held-back data for a target precision)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    settings = models.JSONField(_("training settings"), default=dict)
    artifact = models.BinaryField(_("model bytes"))
    artifact_sha256 = models.CharField(_("SHA-256 of the model bytes"), max_length=64)
    in_use = models.BooleanField(_("in use"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("model version")
        verbose_name_plural = _("model versions")
        ordering = ["kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="insight_model_version_number"),
            models.UniqueConstraint(fields=["kind"], condition=Q(in_use=True), name="insight_model_one_in_use"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.number}"


class AlertKind(models.TextChoices):
    SURGE = "surge", _("More than usual")  # a place × topic count beyond its own history
    RECURRING = "recurring", _("A matter that keeps coming back")
    MASS_COMPLAINT = "mass_complaint", _("Many people on one matter")  # khiếu kiện đông người
    CROWD = "crowd", _("A crowd at reception")
    MATTER_GROWING = "matter_growing", _("A matter growing fast")  # many joined one matter in a day or two


# An alert's title is made from its parts (kept in ``figures["title"]``) in the reader's language when shown
# (``Alert.display_title``): one raised under Vietnamese reads in English to an English reader. ``title`` keeps
# the sentence made when it was raised (its notices; rows raised before the parts were kept).
ALERT_TITLES = {
    AlertKind.SURGE: _("More cases than usual on %(topic)s in %(place)s"),
    AlertKind.RECURRING: _("%(topic)s in %(place)s keeps coming back"),
    AlertKind.MASS_COMPLAINT: _("Many people on one matter: %(title)s"),
    AlertKind.MATTER_GROWING: _("A matter growing fast: %(title)s"),
    AlertKind.CROWD: _("A crowd of %(people)s people at reception of %(body)s"),
}


def alert_title(kind: str, parts: Mapping[str, Any]) -> str:
    """The title of an alert of ``kind`` from its parts, in the active language (a blank topic: "no topic")."""
    values = dict(parts)
    if "topic" in values and not values["topic"]:
        values["topic"] = gettext("no topic")
    return str(ALERT_TITLES[AlertKind(kind)]) % values


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Being looked into")
    CLOSED = "closed", _("Closed")


class Alert(models.Model):
    """An early warning (docs/insight.md): something people write rose beyond chance in a place and topic,
    a matter keeps coming back, many people sent one matter, one matter grows fast, or a crowd came to
    reception. Sent to the heads and the dân vận officers of ``organization`` (and of the bodies above it,
    with their subtree), with the cases behind it. One open alert per ``key``: the same signal again adds to it."""

    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    # what makes two signals the same alert: e.g. "surge:<unit>:<topic>", "group:<matter group id>"
    key = models.CharField(_("key"), max_length=200)
    organization = models.ForeignKey("org.Organization", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("what was seen"), blank=True)
    # the figures behind it, shown as they are: observed, expected, probability, window …
    figures = models.JSONField(_("figures"), default=dict)
    opened_at = models.DateTimeField(_("opened at"), default=clock.now)
    last_seen_at = models.DateTimeField(_("last seen at"), default=clock.now)
    status = models.CharField(_("status"), max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    status_changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")  # fmt: skip
    status_note = models.CharField(_("note"), max_length=1000, blank=True)
    cases = models.ManyToManyField("cases.Case", through="AlertCase", related_name="+")

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-last_seen_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(status="closed"), name="insight_alert_one_open_per_key"
            ),
        ]
        indexes = [models.Index(fields=["organization", "status", "-last_seen_at"], name="insight_alert_scope")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title in the active language, from its parts; the title as raised when they were not kept."""
        parts = (self.figures or {}).get("title")
        if isinstance(parts, dict) and self.kind in ALERT_TITLES:
            try:
                return alert_title(self.kind, parts)
            except (KeyError, TypeError, ValueError):  # parts that no longer fit the sentence
                return self.title
        return self.title

    def permission_organization(self) -> object:
        return self.organization


class AlertCase(models.Model):
    """A case behind an alert. Who reads the alert sees only the cases they may open."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="alert_cases")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(_("added at"), default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "case"], name="insight_alert_case_once")]

    def __str__(self) -> str:
        return f"{self.alert_id}:{self.case_id}"


# --- topics ---
class Tone(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    NEUTRAL = "neutral", _("Neutral")
    POSITIVE = "positive", _("Positive")


class TopicRun(models.Model):
    """One discovery of what people wrote about (docs/insight.md, "Dân nói gì"): topics fitted on the cases
    received in ``starts_on``–``ends_on``, then the cases of the period before (``previous_starts_on`` to the
    day before ``starts_on``) assigned to the same topics for the trend. ``scope`` "all" is the deployment's
    cases except tố cáo (a tố cáo is used only for its own body's models, never in a deployment-wide one).
    The fitted model's bytes are kept (``nlp.storage``) to assign texts written later."""

    scope = models.CharField(_("scope"), max_length=40, default="all")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    previous_starts_on = models.DateField(_("previous period from"))
    k = models.PositiveSmallIntegerField(_("number of topics"))
    texts = models.PositiveIntegerField(_("texts in the period"), default=0)
    previous_texts = models.PositiveIntegerField(_("texts in the previous period"), default=0)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip
    settings = models.JSONField(_("settings"), default=dict)
    # the tone model applied to the cases (None: tone was off, and ``tone_state`` says why)
    tone_version = models.ForeignKey(ModelVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tone_state = models.CharField(_("tone"), max_length=20, default="off")
    artifact = models.BinaryField(_("model bytes"), blank=True)
    artifact_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("topic discovery")
        verbose_name_plural = _("topic discoveries")
        ordering = ["-ends_on", "-id"]

    def __str__(self) -> str:
        return f"{self.scope} {self.starts_on}–{self.ends_on}"


class DiscoveredTopic(models.Model):
    """A topic a run found: its top words (folded, and as people wrote them), the label the words suggest
    and the one officials gave it. A rename is kept when a later run finds the same topic (``continues``: the
    previous run's topic whose top words overlap it most, Jaccard ≥ 0.3, each taken once)."""

    run = models.ForeignKey(TopicRun, on_delete=models.CASCADE, related_name="topics")
    number = models.PositiveSmallIntegerField(_("number"))
    suggested_label = models.CharField(_("suggested label"), max_length=200)
    official_label = models.CharField(_("label given by officials"), max_length=200, blank=True)
    renamed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip
    renamed_at = models.DateTimeField(null=True, blank=True)
    terms = models.JSONField(_("top terms (folded)"), default=list)
    words = models.JSONField(_("top words"), default=list)
    size = models.PositiveIntegerField(_("texts"), default=0)
    continues = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("discovered topic")
        verbose_name_plural = _("discovered topics")
        ordering = ["run", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="insight_topic_number")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.official_label or self.suggested_label


class TopicCount(models.Model):
    """How many cases of a topic one body received about one commune in one week (Monday), and their tone.
    A row per topic × body × commune × week rather than per case: the page sums rows in the reader's scope."""

    topic = models.ForeignKey(DiscoveredTopic, on_delete=models.CASCADE, related_name="counts")
    organization = models.ForeignKey("org.Organization", null=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.AdministrativeUnit", null=True, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("week"))
    previous = models.BooleanField(default=False)  # in the period before the run's (the trend's baseline)
    cases = models.PositiveIntegerField(default=0)
    negative = models.PositiveIntegerField(default=0)
    neutral = models.PositiveIntegerField(default=0)
    positive = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["topic", "organization"], name="insight_topiccount_scope")]

    def __str__(self) -> str:
        return f"{self.topic_id}:{self.organization_id}:{self.unit_id}:{self.week}={self.cases}"


class TopicExample(models.Model):
    """A case typical of a topic in one body (at most a few per topic and body): shown as an example only to
    readers who may open it. Never a tố cáo (runs leave them out)."""

    topic = models.ForeignKey(DiscoveredTopic, on_delete=models.CASCADE, related_name="examples")
    organization = models.ForeignKey("org.Organization", null=True, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    weight = models.FloatField(default=0.0)
    tone = models.CharField(max_length=20, choices=Tone.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["topic", "organization"], name="insight_topicexample_scope")]

    def __str__(self) -> str:
        return f"{self.topic_id}:{self.case_id}"


class ToneLabel(models.Model):
    """An official's reading of a text's tone: it overrides the tone its stars gave (the same text: the same
    folded form, ``text_key``) and teaches the tone model. Never about a tố cáo (the tone model is the
    deployment's)."""

    text = models.TextField(_("text"))
    text_key = models.CharField(max_length=64, db_index=True)
    tone = models.CharField(_("tone"), max_length=20, choices=Tone.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    labelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    labelled_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("tone label")
        verbose_name_plural = _("tone labels")
        constraints = [models.UniqueConstraint(fields=["text_key"], name="insight_tone_label_once")]

    def __str__(self) -> str:
        return f"{self.tone}: {self.text[:40]}"


# --- route ---


class RoutingSuggestion(models.Model):
    """What the routing model suggested for a new case (the top three topic × body pairs with their joint
    confidence), whether it routed the case itself, or why there was no suggestion (``off_reason``)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(ModelVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # [{"topic": code, "body": organization id (str), "confidence", "topic_confidence", "body_confidence"}]
    suggestions = models.JSONField(_("suggestions"), default=list)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    auto = models.BooleanField(_("routed automatically"), default=False)
    off_reason = models.CharField(_("why there is no suggestion"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        verbose_name = _("routing suggestion")
        verbose_name_plural = _("routing suggestions")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.suggestions[:1]}"


class RoutingCorrection(models.Model):
    """A clerk's choice of topic and body for a case, with what the model had suggested first (empty when it
    suggested nothing): an accepted suggestion confirms the model, another choice corrects it. The next
    training learns from every one (the latest per case)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    suggested = models.JSONField(_("suggested"), default=dict, blank=True)
    topic = models.ForeignKey("cases.TopicCategory", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey("org.Organization", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), default=clock.now)

    class Meta:
        verbose_name = _("routing correction")
        verbose_name_plural = _("routing corrections")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"], name="insight_route_correction_case")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.topic_id} → {self.organization_id}"

    @property
    def accepted(self) -> bool:
        """Was the model's first suggestion what the clerk chose?"""
        return (
            bool(self.suggested)
            and self.suggested.get("topic") == self.topic.code
            and str(self.suggested.get("body")) == str(self.organization_id)
        )


# --- duplicates ---


class CaseSignature(models.Model):
    """What near-duplicate lookups read of one case (nlp.duplicates): its grams and where and when it was
    received, written when the case is received (``cases.case_received``) or by ``danvan insight
    index-duplicates``. Copies of the case's place and body so that one indexed query finds the cases of a
    commune in a time window without reading the cases table."""

    case = models.OneToOneField("cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="+")
    grams = models.BinaryField(_("grams"))  # sorted uint32 hashes of folded words and word pairs
    # the same of the public title and text (what the feed shows of a published report), empty otherwise: the
    # petition form's look-up ranks public reports on these, never on the hidden text
    public_grams = models.BinaryField(_("public text grams"), default=b"", blank=True)
    unit = models.ForeignKey("org.AdministrativeUnit", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", db_constraint=False)  # fmt: skip
    province = models.ForeignKey("org.AdministrativeUnit", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", db_constraint=False)  # fmt: skip
    organization_id = models.BigIntegerField(null=True, blank=True)
    track = models.CharField(max_length=20)
    received_on = models.DateField()
    people_count = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("case signature")
        verbose_name_plural = _("case signatures")
        indexes = [
            models.Index(fields=["unit", "received_on"], name="insight_sig_unit_day"),
            models.Index(fields=["province", "received_on"], name="insight_sig_province_day"),
        ]

    def __str__(self) -> str:
        return str(self.case_id)


class CaseBand(models.Model):
    """One MinHash-LSH band bucket of a case (nlp.duplicates.band_keys): cases sharing a bucket are
    candidates of one another wherever they were received."""

    bucket = models.BigIntegerField()
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    received_on = models.DateField()

    class Meta:
        # covering (PostgreSQL): a look-up reads up to 32 × 501 rows by bucket; with the case in the index they
        # are read from it alone (p50 168–218 → 43 ms at 1,000,000 cases, before the cap went to 500)
        indexes = [models.Index(fields=["bucket", "received_on"], include=["case"], name="insight_band_bucket")]

    def __str__(self) -> str:
        return f"{self.bucket}:{self.case_id}"


class MatterGroup(models.Model):
    """Cases staff linked as one matter ("cùng vụ việc") without closing any of them: many people, perhaps
    at several bodies, on one matter. Merging a duplicate (closing it) is the cases app's own step."""

    created_at = models.DateTimeField(_("created at"), default=clock.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("matter group")
        verbose_name_plural = _("matter groups")

    def __str__(self) -> str:
        return f"group {self.pk}"


class MatterGroupMember(models.Model):
    """A case in a matter group (a case is in at most one), who linked it and when."""

    group = models.ForeignKey(MatterGroup, on_delete=models.CASCADE, related_name="members")
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")
    linked_at = models.DateTimeField(_("linked at"), default=clock.now)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("case of a matter group")
        verbose_name_plural = _("cases of matter groups")

    def __str__(self) -> str:
        return f"{self.group_id}:{self.case_id}"
