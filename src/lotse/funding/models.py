"""Funding: the commune's funding years and budget, applications (Anträge) with their cost
plans, review and decision, and the proof of use (Verwendungsnachweis) of each funded
measure."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.locking import VersionedModel
from lotse.core.models import Commune, SocialArea, User
from lotse.core.tenancy import TenantModel
from lotse.network.models import Organisation

ZERO = Decimal("0.00")


def default_funding_areas() -> list[str]:
    """The funding areas (Förderbereiche) of the foundation's guidelines."""
    return [
        (
            "FB I – Netzwerke Frühe Hilfen (Koordination, Treffen, Fortbildung, "
            "Dokumentation, Öffentlichkeitsarbeit)"
        ),
        (
            "FB II – Psychosoziale Unterstützung von Familien durch Gesundheitsfachkräfte "
            "und Lotsendienste"
        ),
        "FB III – Innovative Maßnahmen und Transfer erprobter Modelle",
    ]


class FundingSettings(models.Model):
    """The funding settings of one commune that core's ``Commune`` does not hold."""

    commune = models.OneToOneField(
        Commune, on_delete=models.CASCADE, related_name="funding_settings"
    )
    funding_areas = models.JSONField(_("funding areas"), default=default_funding_areas)
    round_to_cents = models.BooleanField(
        _("round allocations to cents instead of whole euros"), default=False
    )
    max_upload_megabytes = models.PositiveSmallIntegerField(
        _("largest attachment (MB)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    class Meta:
        verbose_name = _("funding settings")
        verbose_name_plural = _("funding settings")

    def __str__(self) -> str:
        return str(self.commune)


def settings_of(commune: Commune) -> FundingSettings:
    found, _created = FundingSettings.objects.get_or_create(commune=commune)
    return found


class FundingYear(TenantModel, VersionedModel):
    """One year of funding: the federal fund, the state's share, the commune's allocation,
    its own and other funds, and the priorities applications are scored against."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(
        _("funding year"), validators=[MinValueValidator(2012), MaxValueValidator(2100)]
    )
    federal_fund = models.DecimalField(
        _("federal fund (EUR)"), default=Decimal("51000000.00"), max_digits=12, decimal_places=2
    )
    state_share_percent = models.DecimalField(
        _("state's share (percent)"), max_digits=5, decimal_places=2, default=Decimal("22.70")
    )
    allocation = models.DecimalField(
        _("commune's allocation (EUR)"), default=ZERO, max_digits=12, decimal_places=2
    )
    allocation_confirmed = models.BooleanField(_("allocation confirmed"), default=False)
    municipal_funds = models.DecimalField(
        _("municipal funds (EUR)"), default=ZERO, max_digits=12, decimal_places=2
    )
    other_funds = models.DecimalField(
        _("other funds (EUR)"), default=ZERO, max_digits=12, decimal_places=2
    )
    other_funds_note = models.CharField(
        _("other funds: where from (ESF, project money)"), max_length=200, blank=True
    )
    priorities = models.TextField(
        _("priorities of the commune (one per line)"),
        blank=True,
        help_text=_("Applications are scored against these."),
    )
    decisions_released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("funding year")
        verbose_name_plural = _("funding years")
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="funding_year_once")
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def state_amount(self) -> Decimal:
        return (self.federal_fund * self.state_share_percent / 100).quantize(Decimal("0.01"))

    @property
    def budget(self) -> Decimal:
        """Confirmed allocation plus municipal and other funds; an unconfirmed allocation
        is an estimate and commits nothing."""
        allocation = self.allocation if self.allocation_confirmed else ZERO
        return allocation + self.municipal_funds + self.other_funds

    @property
    def priority_list(self) -> list[str]:
        return [line.strip() for line in self.priorities.splitlines() if line.strip()]


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    MORE_INFO = "more_info", _("Question to the applicant")
    IN_REVIEW = "in_review", _("In review")
    DECISION_PENDING = "decision_pending", _("Decided, not yet released")
    APPROVED = "approved", _("Approved")
    PARTIALLY_APPROVED = "partially_approved", _("Approved with a lower amount")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What the applicant sees: an internal decision is "in review" until it is released.
APPLICANT_LABELS: dict[str, Any] = {
    ApplicationStatus.DRAFT: _("Draft"),
    ApplicationStatus.SUBMITTED: _("Submitted"),
    ApplicationStatus.MORE_INFO: _("Please answer the question"),
    ApplicationStatus.IN_REVIEW: _("In review"),
    ApplicationStatus.DECISION_PENDING: _("In review"),
    ApplicationStatus.APPROVED: _("Approved"),
    ApplicationStatus.PARTIALLY_APPROVED: _("Approved with a lower amount"),
    ApplicationStatus.REJECTED: _("Rejected"),
    ApplicationStatus.WITHDRAWN: _("Withdrawn"),
}

DECIDED = (ApplicationStatus.APPROVED, ApplicationStatus.PARTIALLY_APPROVED)
FINAL = (*DECIDED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)
# Amounts that count against the budget: decided (released or not) and approved.
COMMITTING = (ApplicationStatus.DECISION_PENDING, *DECIDED)


class Decision(models.TextChoices):
    APPROVED = "approved", _("Approve")
    PARTIALLY_APPROVED = "partially_approved", _("Approve a lower amount")
    REJECTED = "rejected", _("Reject")


class LifePhase(models.TextChoices):
    PREGNANCY = "pregnancy", _("Pregnancy")
    FIRST_YEAR = "first_year", _("First year of life")
    ONE_TO_THREE = "one_to_three", _("1 to 3 years")
    PREGNANCY_TO_THREE = "pregnancy_to_three", _("Pregnancy to 3 years")


class Application(TenantModel, VersionedModel):
    """An application (Antrag) of a partner organisation for one funding year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    funding_year = models.ForeignKey(
        FundingYear, on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="funding_applications"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    title = models.CharField(_("title of the measure"), max_length=200)
    funding_area = models.CharField(_("funding area"), max_length=200, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    priority_fit = models.TextField(_("fit with the commune's priorities"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    life_phase = models.CharField(
        _("life phase"), max_length=20, choices=LifePhase.choices, blank=True
    )
    social_areas = models.ManyToManyField(
        SocialArea, verbose_name=_("social areas"), blank=True, related_name="+"
    )
    period_start = models.DateField(_("start of the measure"), null=True, blank=True)
    period_end = models.DateField(_("end of the measure"), null=True, blank=True)
    requested_amount = models.DecimalField(
        _("requested amount (EUR)"), default=ZERO, max_digits=12, decimal_places=2
    )
    co_funding = models.DecimalField(
        _("co-funding (EUR)"), default=ZERO, max_digits=12, decimal_places=2
    )
    indicators = models.TextField(_("indicators you will report"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The coordinator may let one applicant submit after the deadline (recorded).
    reopened_until = models.DateTimeField(null=True, blank=True)
    # The internal decision; the applicant learns it when the round is released.
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    approved_amount = models.DecimalField(null=True, blank=True, max_digits=12, decimal_places=2)
    decision_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # What the applicant has been told, and when.
    told_status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    told_at = models.DateTimeField(null=True, blank=True)
    scores = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["organisation__name", "title"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.title

    @property
    def applicant_label(self) -> Any:
        return APPLICANT_LABELS[self.status]

    @property
    def is_funded(self) -> bool:
        return self.status in DECIDED

    @property
    def total_score(self) -> int:
        return sum(int(value) for value in self.scores.values())

    @property
    def planned_costs(self) -> Decimal:
        return sum((item.planned_amount for item in self.cost_items.all()), ZERO)


class CostItem(TenantModel):
    """A line of the cost plan; the proof of use fills in what was spent."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cost_items"
    )
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("cost item"), max_length=200)
    planned_amount = models.DecimalField(_("planned (EUR)"), max_digits=12, decimal_places=2)
    spent_amount = models.DecimalField(
        _("spent (EUR)"), null=True, blank=True, max_digits=12, decimal_places=2
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")

    def __str__(self) -> str:
        return self.label


class AttachmentPurpose(models.TextChoices):
    APPLICATION = "application", _("Application document")
    RECEIPT = "receipt", _("Receipt")
    REPORT = "report", _("Report document")


class Attachment(TenantModel):
    """An uploaded document, stored outside the web root under a random name."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="attachments"
    )
    purpose = models.CharField(_("kind"), max_length=16, choices=AttachmentPurpose.choices)
    stored_name = models.CharField(max_length=80, unique=True)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    keep_until = models.DateField(_("keep until"))

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class CommentKind(models.TextChoices):
    INTERNAL = "internal", _("Internal comment")
    QUESTION = "question", _("Question to the applicant")
    ANSWER = "answer", _("Answer of the applicant")


class Comment(TenantModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(max_length=16, choices=CommentKind.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d.%m.%Y}"


class StatusChange(TenantModel):
    """The history of an application's and its proof of use's status."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    subject = models.CharField(max_length=16, default="application")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ProofStatus(models.TextChoices):
    OPEN = "open", _("Not yet submitted")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for corrections")
    ACCEPTED = "accepted", _("Accepted")


class ProofOfUse(TenantModel, VersionedModel):
    """The proof of use (Verwendungsnachweis) of a funded measure."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="proof")
    status = models.CharField(
        _("status"), max_length=16, choices=ProofStatus.choices, default=ProofStatus.OPEN
    )
    due_date = models.DateField(_("due on"))
    funding_received = models.DecimalField(
        _("funding received (EUR)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    co_funding_received = models.DecimalField(
        _("co-funding received (EUR)"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    staff = models.TextField(_("funded staff (role, qualification)"), blank=True)
    staff_hours = models.DecimalField(
        _("staff hours"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    participants = models.PositiveIntegerField(_("participants reached"), null=True, blank=True)
    families_reached = models.PositiveIntegerField(_("families reached"), null=True, blank=True)
    indicators_report = models.TextField(_("indicators: what was achieved"), blank=True)
    narrative = models.TextField(_("narrative report (Sachbericht)"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    repayment_amount = models.DecimalField(null=True, blank=True, max_digits=12, decimal_places=2)
    reminded_four_weeks_at = models.DateTimeField(null=True, blank=True)
    reminded_one_week_at = models.DateTimeField(null=True, blank=True)
    overdue_reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")

    def __str__(self) -> str:
        return f"{self.application} ({self.due_date:%d.%m.%Y})"

    def is_overdue(self, today: date) -> bool:
        return self.status in (ProofStatus.OPEN, ProofStatus.RETURNED) and today > self.due_date

    @property
    def spent_total(self) -> Decimal:
        return sum((item.spent_amount or ZERO for item in self.application.cost_items.all()), ZERO)


class MeasureStatus(models.TextChoices):
    """The funded measure's lifecycle, derived from its application and proof of use."""

    APPROVED = "approved", _("Approved")
    NOTICE_SENT = "notice_sent", _("Notice sent")
    RUNNING = "running", _("Running")
    REPORT_DUE = "report_due", _("Proof of use due")
    REPORT_SUBMITTED = "report_submitted", _("Proof of use submitted")
    REPORT_RETURNED = "report_returned", _("Proof of use returned")
    REPORT_ACCEPTED = "report_accepted", _("Proof of use accepted")
    CLOSED = "closed", _("Closed")


def measure_status(application: Application, today: date) -> MeasureStatus:
    proof: ProofOfUse | None = getattr(application, "proof", None)
    if proof is not None:
        if proof.status == ProofStatus.ACCEPTED:
            settled = not proof.repayment_amount
            return MeasureStatus.CLOSED if settled else MeasureStatus.REPORT_ACCEPTED
        if proof.status == ProofStatus.SUBMITTED:
            return MeasureStatus.REPORT_SUBMITTED
        if proof.status == ProofStatus.RETURNED:
            return MeasureStatus.REPORT_RETURNED
    if application.told_at is None:
        return MeasureStatus.APPROVED
    end = application.period_end or date(application.funding_year.year, 12, 31)
    if today > end:
        return MeasureStatus.REPORT_DUE
    start = application.period_start or date(application.funding_year.year, 1, 1)
    return MeasureStatus.RUNNING if today >= start else MeasureStatus.NOTICE_SENT
