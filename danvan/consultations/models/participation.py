from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.consultations import choices
from danvan.core import clock


class Participant(models.Model):
    """One person (or household) taking part in one consultation. No identity is kept here: ``key`` is a
    keyed digest of what identifies them for this consultation (a browser's token, an account, a
    household; ``selectors.participation.participant_key``), and there is no link to an account or a
    household, so the database cannot pair a vote with the person or household who cast it. The key is
    deterministic, so its unique constraint alone keeps one participant per person (or household) and
    consultation; households are counted by ``kind``. ``village`` (when known) places them for the
    figures per place and the map's groups per place."""

    consultation = models.ForeignKey("Consultation", on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=10, choices=choices.ParticipantKind.choices)
    key = models.CharField(max_length=64)
    village = models.ForeignKey("democracy.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(
        _("channel"), max_length=20, choices=choices.Channel.choices, default=choices.Channel.PLATFORM
    )
    # The date only, as on each vote: with a time, it could be lined up with the time of a household's
    # code check in the audit log and tell which participant (and votes) the household is.
    created_on = models.DateField(default=clock.today)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "key"], name="consult_participant_key_unique"),
        ]

    def __str__(self) -> str:
        return f"P{self.pk}"


class Statement(models.Model):
    """A short statement others vote on (agree / disagree / pass), on the whole draft or one section:
    written by a participant, or seeded by the consulting body. Moderation hides or merges, never
    deletes."""

    consultation = models.ForeignKey("Consultation", on_delete=models.CASCADE, related_name="statements")
    section_key = models.SlugField(_("section"), max_length=60, blank=True)  # empty: the whole draft
    text = models.CharField(_("statement"), max_length=300)
    author = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seeded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("moderation"), max_length=10, choices=choices.Moderation.choices, default=choices.Moderation.PUBLISHED
    )
    moderation_reason = models.CharField(_("reason"), max_length=500, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged")
    client_key = models.CharField(max_length=64, blank=True)  # a retry with the same key is stored once
    created_at = models.DateTimeField(default=clock.now)
    # Duplicates were merged into this one. On its own row (not an EXISTS over the others) because a vote
    # judges it under the row lock it takes before inserting, and a merge sets it under the same lock: a
    # vote never counts on the one-statement path while a merge into its statement commits.
    has_merged = models.BooleanField(default=False, editable=False)
    # The platform's votes that count for this statement, resolved (``vote_resolution``): kept by
    # ``services.participation`` (F() increments in the vote's transaction; an exact recount on a merge
    # or hide), so no page counts the vote table. Keyed-in tallies are added when read.
    agree_total = models.PositiveIntegerField(default=0, editable=False)
    disagree_total = models.PositiveIntegerField(default=0, editable=False)
    passed_total = models.PositiveIntegerField(default=0, editable=False)
    vote_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["consultation_id", "id"]
        indexes = [
            models.Index(fields=["consultation", "status", "vote_count", "id"], name="consult_statement_next"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "client_key"], condition=~Q(client_key=""),
                name="consult_statement_client_key_unique",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.text

    def permission_organization(self) -> Any:
        return self.consultation.organization


class Vote(models.Model):
    """One participant's vote on one statement: +1 agree, −1 disagree, 0 pass. One per participant and
    statement (a unique constraint: two taps at once store one)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("vote"), choices=choices.Vote.choices)
    created_on = models.DateField(default=clock.today)  # the date only (see Participant.created_on)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["participant", "statement"], name="consult_vote_once"),
        ]
        indexes = [models.Index(fields=["statement", "value"], name="consult_vote_statement")]

    def __str__(self) -> str:
        return f"{self.participant_id}→{self.statement_id}: {self.value}"


class KeyedTally(models.Model):
    """Votes on a statement counted at a meeting, a dialogue or from paper ballots (a show of hands has no
    voter rows): they count in the statement's totals with their source, not on the opinion map."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="tallies")
    channel = models.CharField(_("channel"), max_length=20, choices=choices.Channel.choices)
    source_ref = models.CharField(_("source (minutes, ballot count)"), max_length=300)
    held_on = models.DateField(_("held on"))
    agree = models.PositiveIntegerField(_("agree"), default=0)
    disagree = models.PositiveIntegerField(_("disagree"), default=0)
    passed = models.PositiveIntegerField(_("pass"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("counted votes")
        verbose_name_plural = _("counted votes")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.held_on}"


class Comment(models.Model):
    """A comment on a section or on the whole draft: from a participant on the platform, or keyed in
    from another channel with its source (``source_ref``: the minutes, the ballot, the letter) and how
    many people it speaks for (``supporters``). Grouped for the answer (``group``); moderation hides
    with a reason or merges a duplicate, never deletes."""

    consultation = models.ForeignKey("Consultation", on_delete=models.CASCADE, related_name="comments")
    section_key = models.SlugField(_("section"), max_length=60, blank=True)  # empty: the whole draft
    text = models.TextField(_("comment"))
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(
        _("channel"), max_length=20, choices=choices.Channel.choices, default=choices.Channel.PLATFORM
    )
    source_ref = models.CharField(_("source"), max_length=300, blank=True)
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    supporters = models.PositiveIntegerField(_("people it speaks for"), default=1)
    keyed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("moderation"), max_length=10, choices=choices.Moderation.choices, default=choices.Moderation.PUBLISHED
    )
    moderation_reason = models.CharField(_("reason"), max_length=500, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged")
    group = models.ForeignKey("CommentGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    client_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["consultation_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "client_key"], condition=~Q(client_key=""),
                name="consult_comment_client_key_unique",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.text[:60]

    def permission_organization(self) -> Any:
        return self.consultation.organization
