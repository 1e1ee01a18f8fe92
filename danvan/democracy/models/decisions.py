from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.models import TimeStampedModel
from danvan.democracy import choices


class Matter(TimeStampedModel):
    """A matter of Art. 15 the community discusses and decides, at a village's or the commune's scope:
    who proposed it (Art. 16), the rounds that decided it (``VoteRound``), its record (``DecisionRecord``)
    and where it stands. ``households_total`` / ``villages_total`` are taken when the first round opens:
    every threshold is counted over them, never over those present."""

    code = models.CharField(_("code"), max_length=24, unique=True)
    commune = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("commune People's Committee"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        "democracy.Village", null=True, blank=True, verbose_name=_("village"), on_delete=models.PROTECT,
        related_name="matters",
    )  # fmt: skip
    scope = models.CharField(_("scope"), max_length=10, choices=choices.Scope.choices)
    item = models.PositiveSmallIntegerField(_("item of Art. 15"), choices=choices.DecisionItem.choices)
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content put to the community"))
    proposer = models.CharField(_("proposed by"), max_length=16, choices=choices.Proposer.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_on = models.DateField(_("proposed on"))
    front_agreed_on = models.DateField(_("Front agreed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=choices.MatterStatus.choices, default=choices.MatterStatus.PROPOSED
    )
    households_total = models.PositiveIntegerField(_("households in all"), null=True, blank=True)
    villages_total = models.PositiveIntegerField(_("villages in all"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason withdrawn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("community matter")
        verbose_name_plural = _("community matters")
        ordering = ["-proposed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def permission_organization(self) -> Any:
        return self.village.organization if self.village is not None else self.organization


class InitiativeAgreement(models.Model):
    """A household's agreement to a citizens' initiative (Art. 16): valid 3 months from ``agreed_on``."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="agreements")
    household = models.ForeignKey("democracy.Household", on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField(_("agreed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("household agreement to an initiative")
        verbose_name_plural = _("household agreements to initiatives")
        constraints = [models.UniqueConstraint(fields=["matter", "household"], name="democracy_agreement_once")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.agreed_on}"


class VoteRound(TimeStampedModel):
    """One attempt to decide a matter in one village by one form: a meeting (with its counts), a
    household ballot (announced ≥ 2 days ahead, one per household, counted by a team of 3–5) or an
    online vote (households first consent, then vote with a one-time code). Commune-wide matters have
    one round per village; the commune result counts the villages that agreed."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="rounds")
    village = models.ForeignKey("democracy.Village", on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("form"), max_length=8, choices=choices.Form.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=choices.VoteRoundStatus.choices,
        default=choices.VoteRoundStatus.ANNOUNCED,
    )  # fmt: skip
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    households_total = models.PositiveIntegerField(_("households in all"))
    present = models.PositiveIntegerField(_("households present"), null=True, blank=True)  # meeting
    absent = models.PositiveIntegerField(_("households absent"), null=True, blank=True)  # meeting
    method = models.CharField(_("how the meeting voted"), max_length=14, choices=choices.VoteMethod.choices,
                              blank=True)  # fmt: skip
    team = models.JSONField(_("counting or ballot team"), default=list, blank=True)  # names, 3–5
    # Online rounds: the ids of the households counted when consent was first asked (households_total);
    # only they may answer and vote (a household added later is not in the denominator).
    eligible = models.JSONField(_("households that may vote online"), default=list, blank=True)
    chaired_by = models.CharField(_("chaired by"), max_length=200, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    consent_yes = models.PositiveIntegerField(_("households agreeing to vote online"), null=True, blank=True)
    yes = models.PositiveIntegerField(_("agree"), null=True, blank=True)
    no = models.PositiveIntegerField(_("disagree"), null=True, blank=True)
    blank = models.PositiveIntegerField(_("no choice"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    lacked_households = models.BooleanField(_("too few households present to pass"), default=False)
    counted_at = models.DateTimeField(_("counted at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("vote round")
        verbose_name_plural = _("vote rounds")
        ordering = ["matter_id", "id"]

    def permission_organization(self) -> Any:
        return self.village.organization


class BallotReturn(models.Model):
    """That a household returned its ballot (one per household); what it chose is counted by the team
    into the round's totals and never stored against the household."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="ballot_returns")
    household = models.ForeignKey("democracy.Household", on_delete=models.PROTECT, related_name="+")
    returned_on = models.DateField(_("returned on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "household"], name="democracy_ballot_once")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.household_id}"


class OnlineConsent(models.Model):
    """A household's answer to "shall we vote online?" (NĐ 59/2023: > 50 % of all households)."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="consents")
    household = models.ForeignKey("democracy.Household", on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField(_("agrees to vote online"))
    answered_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "household"], name="democracy_consent_once")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.household_id}"


class VoteCode(models.Model):
    """A one-time code sent by SMS to a household's representative; only its hash is kept."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="codes")
    household = models.ForeignKey("democracy.Household", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=10, default="vote")  # "consent" or "vote"
    code_hash = models.CharField(max_length=128)
    sent_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["round", "household", "purpose"], name="democracy_votecode_lookup")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.household_id} {self.purpose}"


class OnlineVoter(models.Model):
    """That a household voted in an online round: who voted, never what (see ``OnlineBallot``)."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="voters")
    household = models.ForeignKey("democracy.Household", on_delete=models.PROTECT, related_name="+")
    voted_on = models.DateField()  # the day only: a time would let one match a voter to a ballot

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "household"], name="democracy_online_vote_once")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.household_id}"


class OnlineBallot(models.Model):
    """What was voted, with no household, no time and a random key: the voter's receipt (whose hash is
    ``receipt_hash``) lets them check their ballot is in the published list without telling anyone else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=6, choices=choices.VoteChoice.choices)
    receipt_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return str(self.id)


class DecisionRecord(TimeStampedModel):
    """The record of the community's decision (Art. 20): its fields and signatures, its sending to the
    commune People's Committee and Front within 5 working days, the recognition (or the reasoned
    refusal) due 5 working days after receipt, and the day it comes into force (Art. 21(2))."""

    matter = models.OneToOneField(Matter, on_delete=models.PROTECT, related_name="record")
    held_on = models.DateField(_("date"))
    households_total = models.PositiveIntegerField(_("households in all"))
    present = models.PositiveIntegerField(_("representatives present or voting"))
    absent = models.PositiveIntegerField(_("households absent"))
    form = models.CharField(_("form"), max_length=8, choices=choices.Form.choices)
    result = models.CharField(_("result"), max_length=300)
    decision = models.TextField(_("the decision"))
    signed_village_head = models.CharField(_("village head (signed)"), max_length=200, blank=True)
    signed_front_head = models.CharField(_("head of the Front work committee (signed)"), max_length=200, blank=True)
    signed_representatives = models.JSONField(_("household representatives (signed)"), default=list, blank=True)
    send_due_on = models.DateField(_("to be sent by"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    received_on = models.DateField(_("received by the commune on"), null=True, blank=True)
    recognition_due_on = models.DateField(_("recognition due by"), null=True, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True)
    recognised_by = models.ForeignKey(
        "org.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision record")
        verbose_name_plural = _("decision records")

    def permission_organization(self) -> Any:
        return self.matter.permission_organization()
