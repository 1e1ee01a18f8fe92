"""The commendation part's tables: the forms of commendation and discipline (data, with their source), the
proposals (đề nghị khen thưởng) with their council's opinions and the decision, and the records of
criticism or discipline (phê bình, kỷ luật) with their ground. Rules live in ``rules.commendation``; every
write goes through ``services.commendation``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.emulation.models.dvk import LevelChoices
from danvan.emulation.rules.commendation import (
    DisciplineStatus,
    DocumentFamily,
    Family,
    Opinion,
    Status,
    SubjectKind,
)

__all__ = [
    "CommendationAuthority",
    "CommendationCouncilMember",
    "CommendationForm",
    "CommendationProposal",
    "DisciplineRecord",
]


class SubjectKindChoices(models.TextChoices):
    MODEL = SubjectKind.MODEL, _("Dân vận khéo model")
    EXEMPLAR = SubjectKind.EXEMPLAR, _("Exemplar")
    PERSON = SubjectKind.PERSON, _("Person")
    COLLECTIVE = SubjectKind.COLLECTIVE, _("Collective")


class StatusChoices(models.TextChoices):
    PROPOSED = Status.PROPOSED, _("Under review")
    DECIDED = Status.DECIDED, _("Commended")
    NOT_COMMENDED = Status.NOT_COMMENDED, _("Not commended")


class OpinionChoices(models.TextChoices):
    AGREE = Opinion.AGREE, _("Agree")
    DISAGREE = Opinion.DISAGREE, _("Disagree")
    ABSTAIN = Opinion.ABSTAIN, _("Abstain")


class FamilyChoices(models.TextChoices):
    COMMENDATION = Family.COMMENDATION, _("Commendation")
    DISCIPLINE = Family.DISCIPLINE, _("Criticism or discipline")


class DisciplineStatusChoices(models.TextChoices):
    IN_FORCE = DisciplineStatus.IN_FORCE, _("Record in force")
    SUPERSEDED = DisciplineStatus.SUPERSEDED, _("Superseded by a correction")
    WITHDRAWN = DisciplineStatus.WITHDRAWN, _("Record withdrawn")


class DocumentFamilyChoices(models.TextChoices):
    STATE = DocumentFamily.STATE, _("State document (NĐ 30/2020)")
    PARTY = DocumentFamily.PARTY, _("Party document (HD 05-HD/VPTW)")


class CommendationForm(models.Model):
    """A form of commendation (Giấy khen, Bằng khen …) or of criticism / discipline (phê bình, khiển trách
    …), with the levels that may give it and its source; ``verified`` is False where the spec does not
    confirm it ([U]). Data, seeded by the migration; the province's operators add, rename and retire forms on
    their page (a retired form is no longer proposed or decided; what was decided keeps it)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    family = models.CharField(_("family"), max_length=20, choices=FamilyChoices.choices)
    levels = models.JSONField(_("levels that give it"), default=list, blank=True)  # [] = any level
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("verified against the text"), default=False)
    sort_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("form of commendation or discipline")
        verbose_name_plural = _("forms of commendation and discipline")
        ordering = ["family", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class CommendationAuthority(TimeStampedModel):
    """Who may give a form: "``form`` at ``level`` is decided by a body of ``kind`` at that level", in force
    from ``valid_from`` to ``valid_to``, with its source. Data ([U] unless ``verified``): seeded from the Law on
    Emulation and Commendation 06/2022/QH15 as read from secondary sources, kept by the province's operators.
    ``rules.commendation.authority_allows`` applies it; a decision no row allows is refused."""

    form = models.ForeignKey(CommendationForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=10, choices=LevelChoices.choices)
    kind = models.ForeignKey("org.OrganizationKind", verbose_name=_("kind of deciding body"),
                             on_delete=models.PROTECT, related_name="+")  # fmt: skip
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    verified = models.BooleanField(_("confirmed by the text of its source"), default=False)

    class Meta:
        verbose_name = _("commendation authority")
        verbose_name_plural = _("commendation authorities")
        ordering = ["form__sort_order", "level", "kind__sort_order", "-valid_from"]
        indexes = [models.Index(fields=["form", "kind"], name="emulation_comm_authority")]

    def __str__(self) -> str:
        return f"{self.form} — {self.kind} ({self.level})"


class CommendationProposal(TimeStampedModel):
    """A proposal (đề nghị khen thưởng) by a unit for a model, an exemplar, a person or a collective,
    reviewed by a council and decided by the level that organises the movement. ``subject_organization``
    is the subject's own unit (the model's or exemplar's unit, the person's body, the collective itself):
    it scopes the yearly figures and keeps its members off the council. Decided: frozen."""

    organization = models.ForeignKey("org.Organization", verbose_name=_("proposing unit"), on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    subject_kind = models.CharField(_("proposed for"), max_length=12, choices=SubjectKindChoices.choices)
    model = models.ForeignKey("emulation.DvkModel", verbose_name=_("model"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    exemplar = models.ForeignKey("emulation.DvkExemplar", verbose_name=_("exemplar"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")  # fmt: skip
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    collective = models.ForeignKey("org.Organization", verbose_name=_("collective"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")  # fmt: skip
    subject_organization = models.ForeignKey("org.Organization", verbose_name=_("subject's unit"),
                                             on_delete=models.PROTECT, related_name="+")  # fmt: skip
    subject_name = models.CharField(_("proposed for"), max_length=300)  # as written on the decision
    achievements = models.TextField(_("achievements"))
    proposed_form = models.ForeignKey(CommendationForm, verbose_name=_("form proposed"), on_delete=models.PROTECT,
                                      related_name="+")  # fmt: skip
    proposed_level = models.CharField(_("level proposed"), max_length=10, choices=LevelChoices.choices)
    status = models.CharField(_("status"), max_length=20, choices=StatusChoices.choices, default=Status.PROPOSED)
    proposed_on = models.DateField(_("proposed on"), default=clock.today)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # the decision
    deciding_organization = models.ForeignKey("org.Organization", verbose_name=_("deciding body"), null=True,
                                              blank=True, on_delete=models.PROTECT, related_name="+")  # fmt: skip
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    decided_form = models.ForeignKey(CommendationForm, verbose_name=_("form"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    decided_level = models.CharField(_("level"), max_length=10, choices=LevelChoices.choices, blank=True)
    document_family = models.CharField(_("document format"), max_length=10, choices=DocumentFamilyChoices.choices,
                                       blank=True)  # fmt: skip
    decision_reason = models.TextField(_("reason"), blank=True)  # why not commended
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("commendation proposal")
        verbose_name_plural = _("commendation proposals")
        ordering = ["-proposed_on", "-id"]
        indexes = [
            models.Index(fields=["subject_organization", "status", "decided_on"], name="emulation_comm_subject"),
            models.Index(fields=["organization", "status"], name="emulation_comm_org_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=Status.DECIDED) | ~models.Q(decision_number=""),
                name="emulation_comm_decided_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.subject_name

    def permission_organization(self) -> Any:
        return self.organization


class CommendationCouncilMember(models.Model):
    """A seat on a proposal's council: the member, the unit they sit for, and their opinion with its
    reason (blank until given)."""

    proposal = models.ForeignKey(CommendationProposal, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("org.Organization", on_delete=models.PROTECT, related_name="+")
    opinion = models.CharField(_("opinion"), max_length=10, choices=OpinionChoices.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    added_at = models.DateTimeField(default=clock.now)
    opined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["proposal", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="emulation_comm_one_seat")]

    def __str__(self) -> str:
        return f"{self.user} ({self.organization})"


class DisciplineRecord(TimeStampedModel):
    """A criticism or discipline (phê bình, kỷ luật) of a person or a collective, with its ground: a short
    statement and, where it comes from a petition, the case (by id and tracking code; emulation reads cases
    only through their selectors). Seen by the person, the head of their unit and the roles that decide."""

    subject_kind = models.CharField(_("concerns"), max_length=12, choices=SubjectKindChoices.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    organization = models.ForeignKey("org.Organization", verbose_name=_("organization unit"), on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip  # the person's body, or the collective
    form = models.ForeignKey(CommendationForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"))
    deciding_organization = models.ForeignKey("org.Organization", verbose_name=_("deciding body"),
                                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    ground = models.TextField(_("ground"))
    ground_case_id = models.PositiveBigIntegerField(null=True, blank=True)
    ground_tracking_code = models.CharField(_("case"), max_length=40, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Corrections make a new version (``previous`` → the one it corrects, then SUPERSEDED, kept and shown);
    # a withdrawal closes the record with its reason. Nothing is edited in place.
    status = models.CharField(_("status"), max_length=12, choices=DisciplineStatusChoices.choices,
                              default=DisciplineStatus.IN_FORCE)  # fmt: skip
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField("self", verbose_name=_("corrects"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="next_version")  # fmt: skip
    correction_reason = models.TextField(_("why corrected"), blank=True)
    withdrawal_reason = models.TextField(_("why withdrawn"), blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")  # fmt: skip
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("criticism or discipline")
        verbose_name_plural = _("criticisms and disciplines")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=DisciplineStatus.WITHDRAWN) | ~models.Q(withdrawal_reason=""),
                name="emulation_discipline_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form} ({self.decided_on})"

    def permission_organization(self) -> Any:
        return self.organization

    def permission_owner_id(self) -> int | None:
        return self.person_id
