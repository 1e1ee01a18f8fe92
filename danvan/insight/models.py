"""Insight's tables. See docs/insight.md."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
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


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Being looked into")
    CLOSED = "closed", _("Closed")


class Alert(models.Model):
    """An early warning (docs/insight.md): something people write rose beyond chance in a place and topic,
    a matter keeps coming back, many people sent one matter, or a crowd came to reception. Sent to the
    heads and the dân vận officers of ``organization`` (and of the bodies above it, with their subtree),
    with the cases behind it. One open alert per ``key``: the same signal again adds to it."""

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


# --- duplicates ---


class CaseSignature(models.Model):
    """What near-duplicate lookups read of one case (nlp.duplicates): its grams and where and when it was
    received, written when the case is received (``cases.case_received``) or by ``danvan insight
    index-duplicates``. Copies of the case's place and body so that one indexed query finds the cases of a
    commune in a time window without reading the cases table."""

    case = models.OneToOneField("cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="+")
    grams = models.BinaryField(_("grams"))  # sorted uint32 hashes of folded words and word pairs
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
        indexes = [models.Index(fields=["bucket", "received_on"], name="insight_band_bucket")]

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
