"""Who is invited, who replied, who came, what was written down, and calendar feeds."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.locking import VersionedModel
from lotse.core.tenancy import TenantModel
from lotse.meetings.models.bodies import AgendaItem, Meeting


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Reply(models.TextChoices):
    NONE = "none", _("No reply yet")
    ATTENDING = "attending", _("Attending")
    DEPUTY_ATTENDS = "deputy_attends", _("The deputy attends")
    NOT_ATTENDING = "not_attending", _("Not attending")


class Invitation(TenantModel):
    """One invitation e-mail to one recipient; the token in the reply link needs no login."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "network.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    reply = models.CharField(_("reply"), max_length=16, choices=Reply.choices, default=Reply.NONE)
    replied_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "name", "email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"], name="invitation_unique_recipient"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.name or self.email}"


class GuestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved by the network")
    REJECTED = "rejected", _("Rejected")


class GuestRequest(TenantModel):
    """A guest for a meeting: the network must agree (seed 000) before the meeting; the
    coordinator records that agreement."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("institution"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=GuestStatus.choices, default=GuestStatus.REQUESTED
    )
    approval_note = models.CharField(_("how the network agreed"), max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "name"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")

    def __str__(self) -> str:
        return self.name


class AttendanceKind(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    DEPUTY = "deputy", _("Deputy")
    GUEST = "guest", _("Guest")
    STAFF = "staff", _("Coordination")


class Attendance(TenantModel):
    """One line of the attendance list: a person, for which organisation, in which role;
    ``present`` is filled in at the meeting (None: not yet checked)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "network.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    guest = models.OneToOneField(
        GuestRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="attendance"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("role"), max_length=16, choices=AttendanceKind.choices)
    present = models.BooleanField(_("present"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "organisation__name", "name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance list")
        constraints = [
            # One seat per organisation: its delegate or, instead, its deputy.
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=models.Q(kind__in=["delegate", "deputy"]),
                name="attendance_one_seat_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated to the members")
    APPROVED = "approved", _("Approved")


class Minutes(TenantModel, VersionedModel):
    """The Protokoll of one meeting; the text per item lives on the agenda items."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    circulated_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_how = models.CharField(_("approved by"), max_length=200, blank=True)
    # Frozen on approval: who was there, as the approved record says.
    attendance_snapshot = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting}"


class ActionItem(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="action_items"
    )
    description = models.CharField(_("task"), max_length=300)
    owner = models.CharField(_("responsible"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.description


class CalendarFeed(TenantModel):
    """The secret of a person's iCalendar feed: calendar apps fetch it without a session."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "user"], name="calendar_feed_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user}"
