from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.democracy import choices


class Board(TimeStampedModel):
    """A Ban Thanh tra nhân dân (one per commune and term, a member per village, at least 5) or a Ban
    Giám sát đầu tư của cộng đồng (one per programme or project, at least 5, dissolved when the job
    ends). Set up and directed by the commune's Front committee, whose body ``organization`` is."""

    commune = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("Front committee directing it"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=8, choices=choices.BoardKind.choices)
    name = models.CharField(_("name"), max_length=300)
    project = models.CharField(_("programme or project"), max_length=300, blank=True)  # Ban GSĐTCĐ
    project_owner = models.CharField(_("investor or project owner"), max_length=300, blank=True)
    established_on = models.DateField(_("established on"))
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("people's board")
        verbose_name_plural = _("people's boards")
        ordering = ["commune_id", "kind", "-established_on"]

    def __str__(self) -> str:
        return self.name

    def permission_organization(self) -> Any:
        return self.organization


class BoardMember(models.Model):
    """A seat on a board and who holds it. The eligibility declarations are what the law excludes:
    commune staff and village officials (Ban TTND), and relatives of the investor, contractor,
    consultant or project manager (Ban GSĐTCĐ)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=200)
    village = models.ForeignKey("democracy.Village", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=choices.MemberRole.choices,
                            default=choices.MemberRole.MEMBER)  # fmt: skip
    elected_on = models.DateField(_("elected on"))
    by_election = models.BooleanField(_("by-election"), default=False)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=12, choices=choices.MemberEnd.choices, blank=True)
    is_commune_staff = models.BooleanField(_("commune official or civil servant"), default=False)
    is_village_official = models.BooleanField(_("village official"), default=False)
    is_project_related = models.BooleanField(_("related to the investor, contractor or project manager"),
                                             default=False)  # fmt: skip
    matter = models.ForeignKey(
        "democracy.Matter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("elected by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["board_id", "ended_on", "role", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class BoardPlan(models.Model):
    """A board's plan for a quarter, a half year or a year (Art. 39)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="plans")
    period = models.CharField(_("period"), max_length=8, choices=choices.PlanPeriod.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("quarter or half"), default=1)
    content = models.TextField(_("content"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "period", "year", "number"], name="democracy_plan_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.number}/{self.year}"


class Inspection(models.Model):
    """An inspection or supervision the board carried out, and what it found."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="inspections")
    subject = models.CharField(_("subject"), max_length=300)
    target = models.ForeignKey(
        "org.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("body inspected"),
    )  # fmt: skip
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.subject


class BoardReport(models.Model):
    """A periodic report of the board to the commune Front committee."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="reports")
    period = models.CharField(_("period"), max_length=8, choices=choices.PlanPeriod.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("quarter or half"), default=1)
    content = models.TextField(_("content"))
    sent_on = models.DateField(_("sent to the Front on"))

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.number}/{self.year}"


class Recommendation(TimeStampedModel):
    """A board's recommendation (kiến nghị) to a body, the body's answer and its due date, tracked and
    escalated like a case when the answer is late."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="recommendations")
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    to_organization = models.ForeignKey(
        "org.Organization", verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField(_("recommendation"))
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(_("status"), max_length=10, choices=choices.RecommendationStatus.choices,
                              default=choices.RecommendationStatus.SENT)  # fmt: skip
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "org.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True, default=None)
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("board recommendation")
        verbose_name_plural = _("board recommendations")
        ordering = ["-sent_on", "-id"]

    def permission_organization(self) -> Any:
        return self.board.organization
