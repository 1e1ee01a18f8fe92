"""The dvk part's tables: "Dân vận khéo" models (mô hình) with their registration, indicators, progress
reports and photos, the council's seats and scores on a versioned scorecard, and exemplars (điển hình).
Rules live in ``rules.dvk``; every write goes through ``services.dvk``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.emulation.rules.dvk import DvkField, ExemplarKind, ExemplarStatus, Level, Stage

__all__ = [
    "DvkCriterion",
    "DvkEvaluator",
    "DvkExemplar",
    "DvkIndicator",
    "DvkMeasurement",
    "DvkModel",
    "DvkPhoto",
    "DvkProgressReport",
    "DvkScore",
    "DvkScorecard",
]


class FieldChoices(models.TextChoices):
    KINH_TE = DvkField.KINH_TE, _("Economy")
    VAN_HOA_XA_HOI = DvkField.VAN_HOA_XA_HOI, _("Culture and society")
    QUOC_PHONG_AN_NINH = DvkField.QUOC_PHONG_AN_NINH, _("Defence and security")
    XAY_DUNG_HTCT = DvkField.XAY_DUNG_HTCT, _("Building the political system")


class StageChoices(models.TextChoices):
    DRAFT = Stage.DRAFT, _("Draft")
    REGISTERED = Stage.REGISTERED, _("Registered")
    LAUNCHED = Stage.LAUNCHED, _("Launched")
    IMPLEMENTING = Stage.IMPLEMENTING, _("Implementing")
    EVALUATED = Stage.EVALUATED, _("Evaluated")
    RECOGNISED = Stage.RECOGNISED, _("Recognised")
    NOT_RECOGNISED = Stage.NOT_RECOGNISED, _("Not recognised")
    COMMENDED = Stage.COMMENDED, _("Commended")
    REPLICATED = Stage.REPLICATED, _("Replicated")
    SUSTAINED = Stage.SUSTAINED, _("Sustained")
    ARCHIVED = Stage.ARCHIVED, _("Archived")


class LevelChoices(models.TextChoices):
    XA = Level.XA, _("Commune level")
    TINH = Level.TINH, _("Province level")
    TW = Level.TW, _("Central level")


class ExemplarKindChoices(models.TextChoices):
    PERSON = ExemplarKind.PERSON, _("Person")
    COLLECTIVE = ExemplarKind.COLLECTIVE, _("Collective")


class ExemplarStatusChoices(models.TextChoices):
    PROPOSED = ExemplarStatus.PROPOSED, _("Proposed")
    RECOGNISED = ExemplarStatus.RECOGNISED, _("Recognised")
    NOT_RECOGNISED = ExemplarStatus.NOT_RECOGNISED, _("Not recognised")
    WITHDRAWN = ExemplarStatus.WITHDRAWN, _("Recognition withdrawn")


class DvkScorecard(TimeStampedModel):
    """A version of the council's scorecard: its criteria and weights are data (§7's five dimensions by
    default, seeded by the migration), with the pass mark and the source they come from. A new version is
    a new row; a concluded council keeps the version it used."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    pass_score = models.DecimalField(_("pass mark (0–100)"), max_digits=5, decimal_places=2)
    min_evaluators = models.PositiveSmallIntegerField(_("minimum evaluators"), default=2)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    # A draft version is being prepared (editable, never used by a council); put in force from
    # ``valid_from`` it is frozen (``services.dvk.dvk_scorecard_put_in_force``).
    draft = models.BooleanField(_("draft"), default=False)

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["-valid_from", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="emulation_dvk_scorecard_version")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class DvkCriterion(models.Model):
    """One criterion of a scorecard with its weight."""

    scorecard = models.ForeignKey(DvkScorecard, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("scorecard criterion")
        verbose_name_plural = _("scorecard criteria")
        ordering = ["scorecard", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "code"], name="emulation_dvk_criterion_code"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="emulation_dvk_criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class DvkModel(TimeStampedModel):
    """A "Dân vận khéo" model (mô hình): a way of doing dân vận that a unit registers, runs, has evaluated
    and recognised, and others replicate (``replicated_from``: the spread is a tree). The ten registration
    fields of §7 are columns; a model leaves DRAFT only with all of them (``rules.dvk.REGISTRATION_FIELDS``)."""

    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("organization unit"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("place"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    field = models.CharField(_("field"), max_length=30, choices=FieldChoices.choices, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=StageChoices.choices, default=Stage.DRAFT)
    # (1)–(10) of the registration template
    name = models.CharField(_("name of the model"), max_length=300)
    situation = models.TextField(_("current situation and reason"), blank=True)
    goals = models.TextField(_("goals and evaluation criteria"), blank=True)
    content = models.TextField(_("content and method"), blank=True)
    area = models.TextField(_("area and target group"), blank=True)
    # [{"name": "Hội LHPN phường", "role": "in_charge"|"coordinating"|"participating", "task": "…"}]
    forces = models.JSONField(_("forces and their roles"), default=list, blank=True)
    money_vnd = models.BigIntegerField(_("money (VND)"), null=True, blank=True)
    facilities = models.CharField(_("facilities"), max_length=500, blank=True)
    working_days = models.PositiveIntegerField(_("working days"), null=True, blank=True)
    social_contributions = models.CharField(_("social contributions"), max_length=500, blank=True)
    start_on = models.DateField(_("start date"), null=True, blank=True)
    milestones = models.JSONField(_("milestones"), default=list, blank=True)  # [{"on": "2026-03-01", "what": "…"}]
    evaluation_on = models.DateField(_("evaluation date"), null=True, blank=True)
    outputs = models.TextField(_("verifiable outputs"), blank=True)
    sustainability = models.TextField(_("sustainability and replicability"), blank=True)
    participants_people = models.PositiveIntegerField(_("participating people"), null=True, blank=True)
    participants_households = models.PositiveIntegerField(_("participating households"), null=True, blank=True)
    # lifecycle
    registered_at = models.DateTimeField(null=True, blank=True)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    launch_commitments = models.TextField(_("commitments at the launch"), blank=True)
    scorecard = models.ForeignKey(DvkScorecard, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("council's score"), max_digits=5, decimal_places=2, null=True, blank=True)
    council_concluded_at = models.DateTimeField(null=True, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    recognised_level = models.CharField(_("level"), max_length=10, choices=LevelChoices.choices, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognised_by = models.ForeignKey(
        "org.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recognition_decision = models.CharField(_("recognition decision"), max_length=60, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    commendation_form = models.CharField(_("form of commendation"), max_length=120, blank=True)
    commendation_decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    commendation_level = models.CharField(_("commendation level"), max_length=10, choices=LevelChoices.choices,
                                          blank=True)  # fmt: skip
    commended_on = models.DateField(_("commended on"), null=True, blank=True)
    replicated_from = models.ForeignKey(
        "self", verbose_name=_("replicated from"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="replications",
    )  # fmt: skip
    closed_on = models.DateField(_("sustained or archived on"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)  # folded: search without diacritics
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Dân vận khéo model")
        verbose_name_plural = _("Dân vận khéo models")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["stage", "field"], name="emulation_dvk_stage_field"),
            models.Index(fields=["organization", "stage"], name="emulation_dvk_org_stage"),
        ]

    def __str__(self) -> str:
        return self.name

    def permission_organization(self) -> Any:
        return self.organization


class DvkIndicator(models.Model):
    """A before/after indicator of a model: baseline, target, and measurements over time."""

    model = models.ForeignKey(DvkModel, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit of measure"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["model", "id"]

    def __str__(self) -> str:
        return self.name


class DvkProgressReport(models.Model):
    """A progress report while the model is implemented: text, photos, measurements."""

    model = models.ForeignKey(DvkModel, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("reported on"), default=clock.today)
    text = models.TextField(_("what was done"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.reported_on}: {self.text[:60]}"


class DvkMeasurement(models.Model):
    indicator = models.ForeignKey(DvkIndicator, on_delete=models.CASCADE, related_name="measurements")
    report = models.ForeignKey(DvkProgressReport, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="measurements")  # fmt: skip
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "measured_on", "id"]

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"


def _photo_path(instance: DvkPhoto, filename: str) -> str:
    return f"emulation/dvk/{instance.report.model_id}/{filename}"


class DvkPhoto(models.Model):
    """A photo of a progress report, checked and cleaned by ``files.checks`` (metadata dropped)."""

    report = models.ForeignKey(DvkProgressReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=_photo_path, max_length=300)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # Public photos (services.dvk.dvk_photo_publish): marked by the model's unit with the attestation that
    # the people who can be recognised in it agreed; shown in the public story only while the model is public.
    is_public = models.BooleanField(_("public"), default=False)
    public_at = models.DateTimeField(_("made public at"), null=True, blank=True)
    public_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class DvkEvaluator(models.Model):
    """A seat on a model's evaluation council: the evaluator and the unit they sit for."""

    model = models.ForeignKey(DvkModel, on_delete=models.CASCADE, related_name="evaluators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("org.Organization", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=clock.now)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")
        ordering = ["model", "id"]
        constraints = [models.UniqueConstraint(fields=["model", "user"], name="emulation_dvk_one_seat")]

    def __str__(self) -> str:
        return f"{self.user} ({self.organization})"


class DvkScore(models.Model):
    """One evaluator's score (0..10) of one criterion, with its reason."""

    evaluator = models.ForeignKey(DvkEvaluator, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(DvkCriterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["evaluator", "criterion__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["evaluator", "criterion"], name="emulation_dvk_one_score"),
            models.CheckConstraint(condition=models.Q(value__lte=10), name="emulation_dvk_score_max"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class DvkExemplar(TimeStampedModel):
    """An exemplary person or collective (điển hình) beside the models, recognised at a level."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ExemplarKindChoices.choices)
    organization = models.ForeignKey("org.Organization", verbose_name=_("organization unit"), on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    field = models.CharField(_("field"), max_length=30, choices=FieldChoices.choices)
    achievement = models.TextField(_("achievement"))
    model = models.ForeignKey(DvkModel, verbose_name=_("model"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="exemplars")  # fmt: skip
    status = models.CharField(max_length=20, choices=ExemplarStatusChoices.choices, default=ExemplarStatus.PROPOSED)
    recognised_level = models.CharField(_("level"), max_length=10, choices=LevelChoices.choices, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # A recognition withdrawn (thu hồi) by whoever may decide, with its reason (``dvk_exemplar_withdraw``).
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def permission_organization(self) -> Any:
        return self.organization
