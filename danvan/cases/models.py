"""Cases: phản ánh/kiến nghị, khiếu nại and tố cáo, from intake to closure."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from danvan.cases.choices import Channel, DecisionOutcome, EventVisibility, PublicHideReason, Status, Track
from danvan.core import clock
from danvan.core.models import TimeStampedModel


class TopicCategory(TimeStampedModel):
    """What a case is about (đất đai, môi trường, hạ tầng …): data an operator edits, used for routing."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(TimeStampedModel):
    """(track, topic, place) → the body responsible. The most specific active rule wins.

    Blank track or topic means "any"; the place may be a commune or a whole province. Data an
    operator edits, because who answers what changes with every reorganisation.
    """

    track = models.CharField(_("track"), max_length=20, choices=Track.choices, blank=True)
    topic = models.ForeignKey(TopicCategory, verbose_name=_("topic"), null=True, blank=True, on_delete=models.CASCADE)
    unit = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("place"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+", limit_choices_to={"era": "2025"},
    )  # fmt: skip
    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("responsible body"), on_delete=models.CASCADE, related_name="+"
    )
    priority = models.IntegerField(_("priority"), default=0, help_text=_("Higher wins between equally specific rules."))
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["-priority", "id"]

    def __str__(self) -> str:
        return f"{self.get_track_display() or '*'} / {self.topic or '*'} / {self.unit or '*'} → {self.organization}"


class IntakeQueue(TimeStampedModel):
    """Where a petition goes when no commune can be told from it: a body that places it, and its owner.

    One per province (a petition whose text or map point gives only the province) and at most one
    without a province (nothing known at all). Data an operator edits; the owner is told of every
    petition that lands here (in-app and by email) and must hold a role that lets them see its cases.
    """

    province = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("province"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+", limit_choices_to={"era": "2025", "level": "province"},
        help_text=_("Empty: petitions whose province is not known either."),
    )  # fmt: skip
    organization = models.ForeignKey(
        "org.Organization", verbose_name=_("body that places them"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("intake queue for petitions without a commune")
        verbose_name_plural = _("intake queues for petitions without a commune")
        constraints = [
            models.UniqueConstraint(Coalesce("province", Value(0)), name="cases_intakequeue_one_per_province"),
        ]

    def __str__(self) -> str:
        return f"{self.province or _('Anywhere')} → {self.organization}"

    def clean(self) -> None:
        from danvan.cases import permissions as case_permissions
        from danvan.org import permissions

        if self.owner_id and self.organization_id:
            # Denunciations with no commune land here too: the owner must be cleared to read them.
            for action in (case_permissions.VIEW, case_permissions.VIEW_TO_CAO):
                scope = permissions.scope_filter(self.owner, action)
                if not type(self.organization).objects.filter(scope, pk=self.organization_id).exists():
                    raise ValidationError({"owner": _("The owner holds no role that lets them see this body's cases.")})


class Case(TimeStampedModel):
    """One petition on one legal track, handled by one body at a time.

    For a tố cáo the denouncer's identity is never stored here: it lives sealed in
    ``SealedIdentity`` (Luật Tố cáo 2018, Điều 47, 56), and verifiers read ``redacted_content``.
    """

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    # sha256 of the secret in the citizen's private link; the secret itself is never stored.
    access_token_hash = models.CharField(max_length=64, editable=False)
    # Random salt of the private link: the secret is HMAC(server key, salt), so a retried submission can be
    # answered with the same link (services.intake.case_access_token); "" for cases stored before it.
    access_salt = models.CharField(max_length=32, blank=True, editable=False)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    suspended_from = models.CharField(max_length=20, choices=Status.choices, blank=True, editable=False)

    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    redacted_content = models.TextField(_("content with the denouncer's identity removed"), blank=True)
    # A tố cáo's automatic redaction is a floor: the handler reviews it (``protection.redaction_review``)
    # before anyone else reads it. Hints are [start, end] offsets in ``redacted_content`` of what may
    # still identify the denouncer (``cases.redaction.review_hints``): positions only, never text.
    redaction_pending = models.BooleanField(_("redaction awaits review"), default=False)
    redaction_hints = models.JSONField(default=list, blank=True, editable=False)
    topic = models.ForeignKey(TopicCategory, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL)
    place_text = models.CharField(_("place as written"), max_length=300, blank=True)
    place_unit = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("commune"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    handling_organization = models.ForeignKey(
        "org.Organization", verbose_name=_("handling body"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="cases",
    )  # fmt: skip
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handler"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="handled_cases",
    )  # fmt: skip
    identity_clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("clerk designated to open the sealed identity"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account of the citizen"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="submitted_cases",
    )  # fmt: skip

    # Contact of the petitioner (phản ánh, khiếu nại). Empty for a tố cáo: see SealedIdentity.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_address = models.CharField(_("address"), max_length=300, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    # A complaint's ID card, seen at the counter (Luật Tiếp công dân 2013, Điều 7), kept minimised: a keyed
    # digest to recognise the same person again and the last digits to read back, never the number
    # (which stays on the signed petition). Empty on every other track; a tố cáo's is in the seal only.
    id_number_digest = models.CharField(max_length=64, blank=True, editable=False)
    id_number_last4 = models.CharField(_("ID card number (last digits)"), max_length=4, blank=True, editable=False)
    people_count = models.PositiveIntegerField(_("number of petitioners"), default=1)

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    idempotency_key = models.CharField(max_length=100, blank=True, editable=False)
    # Keyed digest of the petition first sent with ``idempotency_key``: a retry must carry the same petition.
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    consent_text = models.TextField(_("consent given"), blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)

    received_on = models.DateField(_("received on"), default=clock.today)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    notified_on = models.DateField(_("decision sent on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    criteria = models.JSONField(_("complexity criteria (NĐ 31/2019, Art. 3)"), default=list, blank=True)
    remote_area = models.BooleanField(_("remote area"), default=False)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    court_filed = models.BooleanField(_("filed with a court"), default=False)
    reject_reason = models.CharField(_("reason for not accepting"), max_length=30, blank=True)

    # The current legal clock, recomputed by every service that changes the case.
    due_on = models.DateField(_("legal deadline"), null=True, blank=True, db_index=True)
    warn_on = models.DateField(_("internal reminder"), null=True, blank=True)
    due_step = models.CharField(_("deadline step"), max_length=60, blank=True)
    due_explanation = models.TextField(_("how the deadline was computed"), blank=True)
    due_estimated = models.BooleanField(default=False)

    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices, blank=True)
    decision_number = models.CharField(_("decision number (số, ký hiệu)"), max_length=60, blank=True)
    answer_text = models.TextField(_("answer to the citizen"), blank=True)
    public_answer = models.TextField(_("public answer (redacted)"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Public feedback (``cases.publicity``): a phản ánh/kiến nghị is shown on the public feed unless the
    # citizen said no; only its redacted title and text, never a name, contact or ID number.
    publish_wanted = models.BooleanField(_("the citizen agrees to publish it"), default=False)
    public_title = models.CharField(_("public title (redacted)"), max_length=200, blank=True)
    public_text = models.TextField(_("public text (redacted)"), blank=True)
    reopened_on = models.DateField(_("sent back as still not fixed on"), null=True, blank=True)
    # Moderation (``services.moderation``): a handler took the report off the public page, with a reason the
    # citizen is told (the staff note stays on the staff-only timeline).
    public_hidden_at = models.DateTimeField(_("taken off the public page at"), null=True, blank=True)
    public_hidden_reason = models.CharField(_("why it is not on the public page"), max_length=20, blank=True,
                                            choices=PublicHideReason.choices)  # fmt: skip

    parent = models.ForeignKey(
        "self", verbose_name=_("split from"), null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    previous = models.ForeignKey(
        "self", verbose_name=_("first-time case"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="next_rounds",
    )  # fmt: skip
    # Closed as a duplicate of this case (issue 14): the matter is handled once, there; ``duplicates`` the other way.
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="duplicates",
    )  # fmt: skip
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "idempotency_key"], condition=~Q(idempotency_key=""), name="cases_idempotency_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["handling_organization", "status", "due_on"]),
            models.Index(fields=["track", "status"]),
            # The report of receipt and handling counts a period's cases per body by track and state:
            # on PostgreSQL this index answers it alone (an index-only scan, no table rows read).
            models.Index(
                fields=["handling_organization", "received_on"],
                include=["track", "status", "due_on"],
                name="cases_case_report_idx",
            ),
            # Insight's early warnings count every day's cases per commune and topic (insight.selectors.warnings):
            # on PostgreSQL an index-only scan instead of reading the whole table (tố cáo left out by the track; docs/insight.md).
            models.Index(
                fields=["received_on"], include=["place_unit", "topic", "track"], name="cases_case_place_day_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} — {self.title}"

    def permission_organization(self) -> Any:
        return self.handling_organization

    def permission_owner_id(self) -> int | None:
        return self.submitter_id

    @property
    def is_to_cao(self) -> bool:
        return self.track == Track.TO_CAO

    @property
    def is_crowd(self) -> bool:
        """Đông người: five or more people with the same content (Luật Tiếp công dân 2013, Điều 29-30)."""
        return self.people_count >= 5


class CaseEvent(models.Model):
    """One step in a case's timeline. Public events are what the citizen sees on their page."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), default=clock.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    document_number = models.CharField(_("document number (số, ký hiệu)"), max_length=60, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=EventVisibility.choices, default=EventVisibility.INTERNAL
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case.tracking_code} {self.action}"


class Suspension(models.Model):
    """A tạm đình chỉ and, once decided, its resumption: the clock does not run in between."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions")
    suspended_on = models.DateField(_("suspended on"))
    resumed_on = models.DateField(_("resumed on"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["suspended_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.tracking_code} {self.suspended_on}"


class SealedIdentity(models.Model):
    """The denouncer's identity (name, address, contact, ID number), encrypted at rest.

    Luật Tố cáo 2018, Điều 9, 47, 56: kept secret; opened only by the roles the law allows, and every
    opening is written to the audit log with its reason (``services.protection.identity_open``).
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="sealed_identity")
    token = models.TextField()
    key_id = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("sealed identity")
        verbose_name_plural = _("sealed identities")

    def __str__(self) -> str:
        return f"{self.case.tracking_code} (sealed)"


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"cases/{instance.case.received_on:%Y/%m}/{instance.case.tracking_code}/{filename}"


class Attachment(models.Model):
    """A file attached to a case. Type checked by content; images re-encoded without metadata.

    Files are never served directly: downloads go through a permission-checked view. A tố cáo's
    identity-bearing scans (the signed petition) are stored sealed (encrypted).
    """

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", _("Evidence")
        PETITION_SCAN = "petition_scan", _("Signed or fingerprinted petition")
        DECISION = "decision", _("Decision or answer")
        AFTER = "after", _("Photo after handling")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EVIDENCE)
    sealed = models.BooleanField(default=False)
    # Shown on the public feed: a photo the citizen chose to share, or the handler's photo after handling.
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class CaseSupport(models.Model):
    """ "I have this problem too": one person's or one device's support of a public report, instead of a
    duplicate petition. ``supporter`` is a keyed digest of the account or the device cookie, never either."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supports")
    supporter = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["case", "supporter"], name="cases_support_once")]

    def __str__(self) -> str:
        return f"{self.case_id} +1"


class CaseParty(models.Model):
    """One of several petitioners on a group case, and whether they represent the group.

    Luật Tiếp công dân 2013, Điều 30 and NĐ 124/2020, Điều 5: 5–10 people name 1–2
    representatives, more than 10 at most 5, and representatives are themselves petitioners.
    For a tố cáo the person's details are sealed like the denouncer's (Luật Tố cáo, Điều 47).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("name"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    sealed = models.TextField(blank=True)
    is_representative = models.BooleanField(_("representative"), default=False)

    class Meta:
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")
        ordering = ["-is_representative", "id"]

    def __str__(self) -> str:
        return self.name or "—"


class CompetenceRule(TimeStampedModel):
    """Who resolves a complaint or denunciation against an act of a given kind of body (legal-spec §1.4,
    §2.6), as data: the two-tier mapping after 1/7/2025 is still [U] and operators must be able to
    correct it without a release.

    ``resolver`` says where the resolver sits relative to the body whose act is contested: the same
    body (its head), its parent body, or the body of ``resolver_kind`` at province level.
    """

    class Resolver(models.TextChoices):
        SAME = "same", _("The head of the same body")
        PARENT = "parent", _("The head of the superior body")
        PROVINCE_KIND = "province_kind", _("A body of the given kind at province level")

    track = models.CharField(_("track"), max_length=20, choices=[(Track.KHIEU_NAI, Track.KHIEU_NAI.label),
                                                               (Track.TO_CAO, Track.TO_CAO.label)])  # fmt: skip
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    acted_by_kind = models.ForeignKey(
        "org.OrganizationKind", verbose_name=_("kind of body whose act is contested"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    acted_by_level = models.CharField(_("level"), max_length=10, choices=[("province", _("Province level")),
                                                                        ("commune", _("Commune level"))])  # fmt: skip
    resolver = models.CharField(_("resolver"), max_length=20, choices=Resolver.choices)
    resolver_kind = models.ForeignKey(
        "org.OrganizationKind", verbose_name=_("kind of the resolving body"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    confidence = models.CharField(_("confidence"), max_length=1, choices=[("V", "V"), ("S", "S"), ("U", "U")])
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competence rule")
        verbose_name_plural = _("competence rules")
        ordering = ["track", "round", "acted_by_level", "acted_by_kind__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "round", "acted_by_kind", "acted_by_level"], name="cases_competence_unique"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.track} {self.round}: {self.acted_by_kind} ({self.acted_by_level}) → {self.get_resolver_display()}"
        )
