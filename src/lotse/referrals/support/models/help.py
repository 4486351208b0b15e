"""Help plans: per early-help case, the agreed steps — offers brokered to partners,
a family midwife or FGKiKP, a volunteer sponsor, individual support hours."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.locking import VersionedModel
from lotse.core.tenancy import TenantModel
from lotse.referrals.support.choices import HealthProfessionalKind


class HelpPlan(TenantModel, VersionedModel):
    """The help plan of one case (a referral triaged as early help)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.OneToOneField(
        "referrals.Referral", on_delete=models.CASCADE, related_name="help_plan"
    )
    goals = EncryptedTextField(_("agreed goals and steps"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("help plan")
        verbose_name_plural = _("help plans")

    def __str__(self) -> str:
        return str(_("Help plan"))


class BrokeredHelpStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    SENT_TO_PARTNER = "sent_to_partner", _("sent to the partner")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    STARTED = "started", _("started")
    ENDED = "ended", _("ended")
    # The family withdrew its consent before the help started: the partner no longer
    # sees the request.
    WITHDRAWN = "withdrawn", _("withdrawn")


BROKERED_HELP_TRANSITIONS: dict[str, frozenset[str]] = {
    BrokeredHelpStatus.PROPOSED: frozenset(
        {BrokeredHelpStatus.SENT_TO_PARTNER, BrokeredHelpStatus.WITHDRAWN}
    ),
    BrokeredHelpStatus.SENT_TO_PARTNER: frozenset(
        {BrokeredHelpStatus.ACCEPTED, BrokeredHelpStatus.DECLINED, BrokeredHelpStatus.WITHDRAWN}
    ),
    BrokeredHelpStatus.ACCEPTED: frozenset(
        {BrokeredHelpStatus.STARTED, BrokeredHelpStatus.WITHDRAWN}
    ),
    BrokeredHelpStatus.DECLINED: frozenset(),
    BrokeredHelpStatus.STARTED: frozenset({BrokeredHelpStatus.ENDED}),
    BrokeredHelpStatus.ENDED: frozenset(),
    BrokeredHelpStatus.WITHDRAWN: frozenset(),
}


class BrokeredHelp(TenantModel):
    """An offer of the catalog brokered to the family: the partner is asked, answers and
    reports that the family started (the closed loop)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    help_plan = models.ForeignKey(HelpPlan, on_delete=models.CASCADE, related_name="brokerages")
    offer = models.ForeignKey(
        "offers.Offer", verbose_name=_("offer"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BrokeredHelpStatus.choices,
        default=BrokeredHelpStatus.PROPOSED,
    )
    message_to_partner = EncryptedTextField(_("message to the partner"), blank=True)
    partner_answer = EncryptedTextField(_("the partner's answer"), blank=True)
    proposed_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = _("brokered help")
        verbose_name_plural = _("brokered help")

    def __str__(self) -> str:
        return f"{self.offer} ({self.get_status_display()})"


class BrokeredHelpChange(TenantModel):
    """History of a brokered help: who moved it from which status to which, when, why."""

    brokered_help = models.ForeignKey(
        BrokeredHelp, on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(max_length=20, choices=BrokeredHelpStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=BrokeredHelpStatus.choices)
    actor = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = EncryptedTextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class AssignmentStatus(models.TextChoices):
    WAITING = "waiting", _("on the waiting list")
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")


class HealthAssignment(TenantModel):
    """A family midwife or FGKiKP for a family. The referral is protected: the
    professionals' documentation is kept for ten years (§ 630f BGB), so the case's
    deletion blanks the personal data instead."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, related_name="health_assignments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=HealthProfessionalKind.choices)
    professional = models.ForeignKey(
        "support.HealthProfessional",
        verbose_name=_("health professional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    priority = models.BooleanField(_("priority (FGKiKP)"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.WAITING,
    )
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-priority", "requested_at", "pk"]
        verbose_name = _("assignment of a health professional")
        verbose_name_plural = _("assignments of health professionals")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class HealthVisit(TenantModel):
    """A visit documented by the health professional, with its hours."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assignment = models.ForeignKey(
        HealthAssignment, on_delete=models.CASCADE, related_name="visits"
    )
    visited_on = models.DateField(_("date of the visit"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(12))],
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["visited_on", "pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.visited_on:%d.%m.%Y}"


class SponsorshipStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    CONFIRMED = "confirmed", _("confirmed")
    ENDED = "ended", _("ended")


class Sponsorship(TenantModel):
    """A volunteer sponsor for a family: the worker requests one, the volunteer
    coordination confirms a fitting volunteer."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    help_plan = models.ForeignKey(HelpPlan, on_delete=models.CASCADE, related_name="sponsorships")
    social_area = models.ForeignKey("core.SocialArea", on_delete=models.PROTECT, related_name="+")
    languages = models.JSONField(_("languages"), default=list)
    availability = models.JSONField(_("availability"), default=list)
    volunteer = models.ForeignKey(
        "support.Volunteer",
        verbose_name=_("volunteer sponsor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsorships",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SponsorshipStatus.choices,
        default=SponsorshipStatus.REQUESTED,
    )
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("sponsorship")
        verbose_name_plural = _("sponsorships")

    def __str__(self) -> str:
        return str(self.get_status_display())


class SupportWeek(TenantModel):
    """Individual support by the Fachkraft Frühe Hilfen in one week: planned and logged
    service hours; outside 4 to 6 hours a reason is required."""

    help_plan = models.ForeignKey(HelpPlan, on_delete=models.CASCADE, related_name="weeks")
    week_start = models.DateField(_("week starting on Monday"))
    planned_hours = models.DecimalField(_("planned hours"), max_digits=4, decimal_places=2)
    logged_hours = models.DecimalField(
        _("hours given"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    reason = EncryptedTextField(_("reason for hours outside 4 to 6"), blank=True)
    recorded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["week_start"]
        verbose_name = _("week of individual support")
        verbose_name_plural = _("weeks of individual support")
        constraints = [
            models.UniqueConstraint(
                fields=["help_plan", "week_start"], name="support_one_row_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.week_start:%d.%m.%Y}"
