"""Board elections (paritätische Geschäftsführung) and board terms.

Votes are secret: a :class:`Ballot` records that an organisation voted (and through whom),
never for whom; the yes votes only raise counters on the candidacies."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel
from lotse.meetings.models.bodies import Meeting

TERM_YEARS = 2
REMINDER_MONTHS_BEFORE_END = 3


class ElectionStatus(models.TextChoices):
    NOMINATION = "nomination", _("Nominations open")
    VOTING = "voting", _("Voting open")
    FINISHED = "finished", _("Voting closed")
    PUBLISHED = "published", _("Result published")


class Election(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("election meeting"),
        help_text=_("Presence at this meeting decides who may vote."),
    )
    seats = models.PositiveSmallIntegerField(_("seats to fill"), default=3)
    nominations_open_on = models.DateField(_("nominations from"))
    nominations_close_on = models.DateField(_("nominations until"))
    term_starts_on = models.DateField(_("term starts on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ElectionStatus.choices,
        default=ElectionStatus.NOMINATION,
    )
    # 1 for the main vote, 2 for a run-off among tied candidates.
    round = models.PositiveSmallIntegerField(default=1)
    open_seats = models.PositiveSmallIntegerField(default=0)
    invalid_ballots = models.PositiveIntegerField(default=0)
    # Frozen when voting closes: entitled, present and voted organisations, the counts.
    snapshot = models.JSONField(default=dict, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-term_starts_on"]
        verbose_name = _("board election")
        verbose_name_plural = _("board elections")

    def __str__(self) -> str:
        return self.title


class Candidacy(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidacies")
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("free provider"),
    )
    nominee = models.CharField(_("nominated person"), max_length=200)
    yes_votes = models.PositiveIntegerField(default=0)
    run_off_votes = models.PositiveIntegerField(default=0)
    in_run_off = models.BooleanField(default=False)
    elected = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="candidacy_once_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nominee} ({self.organisation})"


class Ballot(TenantModel):
    """That an organisation voted in a round, and who cast it. Not what it voted."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    round = models.PositiveSmallIntegerField()
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cast_as = models.CharField(max_length=16)  # AttendanceKind: delegate or deputy

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "round", "organisation"], name="ballot_one_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election} – {self.organisation}"


class TieResolution(TenantModel):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ties")
    round = models.PositiveSmallIntegerField()
    rule = models.CharField(max_length=16)  # TieRule
    tied = models.JSONField(default=list)  # names of the tied candidates and their votes
    seats_at_stake = models.PositiveSmallIntegerField()
    outcome = models.JSONField(default=list)  # names drawn by lot; empty for a run-off
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.election} ({self.rule})"


class SeatKind(models.TextChoices):
    YOUTH_OFFICE = "youth_office", _("Coordination in the youth office (fixed seat)")
    HEALTH_OFFICE = "health_office", _("Health office (fixed seat)")
    FREE_PROVIDER = "free_provider", _("Free provider (elected)")


class BoardTerm(TenantModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seat = models.CharField(_("seat"), max_length=16, choices=SeatKind.choices)
    holder = models.CharField(_("holder"), max_length=200)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, null=True, blank=True, related_name="terms"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "seat", "holder"]
        verbose_name = _("board term")
        verbose_name_plural = _("board terms")

    def __str__(self) -> str:
        return f"{self.holder} ({self.get_seat_display()})"
