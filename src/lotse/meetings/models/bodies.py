"""Bodies (Gremien), their meetings, agenda items and documents, and the commune's rules."""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.locking import VersionedModel
from lotse.core.tenancy import TenantModel


class TieRule(models.TextChoices):
    RUN_OFF = "run_off", _("Run-off vote among the tied candidates")
    LOT = "lot", _("Drawing lots")


class MeetingSettings(models.Model):
    """The commune's rules for meetings; one row per commune, created on first use."""

    commune = models.OneToOneField(
        "core.Commune", on_delete=models.CASCADE, related_name="meeting_settings"
    )
    attendance_window = models.PositiveSmallIntegerField(
        _("attendance window (plenary meetings)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("The attendance rate counts the last this many held plenary meetings."),
    )
    attendance_threshold = models.DecimalField(
        _("attendance threshold"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "Share of those meetings an organisation must attend to count as actively "
            "involved (0.50 = half)."
        ),
    )
    tie_rule = models.CharField(
        _("tie rule for board elections"),
        max_length=16,
        choices=TieRule.choices,
        default=TieRule.RUN_OFF,
    )
    election_quorum = models.DecimalField(
        _("quorum for board elections"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Share of the entitled organisations that must be present."),
    )
    topic_votes_per_organisation = models.PositiveSmallIntegerField(
        _("votes per organisation for Fachtag topics"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")

    def __str__(self) -> str:
        return str(self.commune)


class BodyKind(models.TextChoices):
    PLENARY = "plenary", _("Network plenary")
    BOARD = "board", _("Board")
    WORKING_GROUP = "working_group", _("Working group")
    STEERING_GROUP = "steering_group", _("Steering group")
    QUALITY_CIRCLE = "quality_circle", _("Quality circle")


class Body(TenantModel, VersionedModel):
    """A Gremium. The plenary's members are the network's current member organisations;
    other bodies name their member organisations and people."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=BodyKind.choices)
    social_area = models.ForeignKey(
        "core.SocialArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("social area"),
    )
    description = models.TextField(_("description"), blank=True)
    organisations = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="bodies", verbose_name=_("organisations")
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="bodies", verbose_name=_("people")
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True)
    results_presented_at = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("results presented at"),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="body_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CONFERENCE_DAY = "conference_day", _("Fachtag")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INVITED = "invited", _("Invitations sent")
    HELD = "held", _("Held")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    CANCELLED = "cancelled", _("Cancelled")


HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)


class Meeting(TenantModel, VersionedModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    is_template = models.BooleanField(_("template"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Fachtag only: places for participants; further registrations wait."),
    )
    # RFC 5545: an update or cancellation carries the same UID and a higher SEQUENCE.
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ics_uid(self) -> str:
        return f"meeting-{self.uuid}@lotse"

    @property
    def is_held(self) -> bool:
        return self.status in HELD_STATUSES


class AgendaItemKind(models.TextChoices):
    REGULAR = "regular", _("Item")
    NEWS = "news", _("News from the institutions")
    EXPERT_TALK = "expert_talk", _("Expert talk")


class AgendaOutcome(models.TextChoices):
    OPEN = "open", _("Open")
    NOTED = "noted", _("Discussed, no decision")
    DECIDED = "decided", _("Decided")
    POSTPONED = "postponed", _("Postponed")


class AgendaItem(TenantModel):
    """One item of a meeting's agenda; the minutes are written per item."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=AgendaItemKind.choices, default=AgendaItemKind.REGULAR
    )
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Minutes of this item.
    discussion = models.TextField(_("discussion"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=AgendaOutcome.choices, default=AgendaOutcome.OPEN
    )
    decision = models.TextField(_("decision"), blank=True)
    vote_result = models.CharField(_("vote result"), max_length=200, blank=True)
    decision_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    decision_number = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "decision_year", "decision_number"],
                name="agenda_item_unique_decision_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def decision_reference(self) -> str:
        if self.decision_number is None:
            return ""
        return f"{self.decision_number}/{self.decision_year}"


ALLOWED_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def document_path(instance: Document, filename: str) -> str:
    # A random name: the uploaded name may hold personal data and must not be guessable.
    suffix = PurePath(filename).suffix.lower()
    return f"meetings/{secrets.token_hex(16)}{suffix}"


class Document(TenantModel):
    """A file attached to a meeting (or one of its items). Stored under MEDIA_ROOT, which
    is not served: downloads go through a view that checks the capability."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class StatusChange(TenantModel):
    """History of every status change in this app: who, when, from, to, why."""

    subject_type = models.CharField(max_length=32)
    subject_uuid = models.UUIDField(db_index=True)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.subject_type} {self.from_status} → {self.to_status}"
