"""The yearly Fachtag: topic wishes with votes, and registration for the day."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel
from lotse.meetings.models.bodies import Meeting


class TopicCall(TenantModel):
    """The period in which members wish and vote for the topic of one year's Fachtag."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("wishes from"))
    closes_on = models.DateField(_("wishes until"))
    votes_per_organisation = models.PositiveSmallIntegerField(_("votes per organisation"))
    conference = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Fachtag"),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Fachtag topic call")
        verbose_name_plural = _("Fachtag topic calls")
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="topic_call_per_year"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class TopicStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Chosen by the board")
    REJECTED = "rejected", _("Not chosen")
    MERGED = "merged", _("Merged into another wish")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TopicProposal(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(TopicCall, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("why this topic"), blank=True)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TopicStatus.choices, default=TopicStatus.SUBMITTED
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("topic wish")
        verbose_name_plural = _("topic wishes")

    def __str__(self) -> str:
        return self.title


class TopicVote(TenantModel):
    proposal = models.ForeignKey(TopicProposal, on_delete=models.CASCADE, related_name="votes")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="topic_vote_once_per_topic"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.proposal}"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(TenantModel):
    """A participant of a Fachtag; beyond the capacity the registration waits and moves
    up, oldest first, when a place becomes free."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~models.Q(status="cancelled"),
                name="registration_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return self.name
