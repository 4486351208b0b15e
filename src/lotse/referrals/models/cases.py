"""Referrals (Zugänge) and what happens to them: status history, contact attempts, hand-over
to the ASD."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.locking import VersionedModel
from lotse.core.tenancy import TenantModel
from lotse.referrals.models.choices import (
    CaseOutcome,
    ContactChannel,
    ContactOutcome,
    ReferralSource,
    ReferralStatus,
    TriageOutcome,
)
from lotse.referrals.models.families import (
    Consent,
    Family,
)


class Referral(TenantModel, VersionedModel):
    """A Zugang: how a family reached the early-help team, and the case until it is
    closed. Status changes go through :mod:`lotse.referrals.services` only."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        Family, verbose_name=_("family"), on_delete=models.CASCADE, related_name="referrals"
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    source = models.CharField(_("source"), max_length=16, choices=ReferralSource.choices)
    received_at = models.DateTimeField(_("received at"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referring_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referring_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("referring organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    need = EncryptedTextField(_("need in the referrer's words"))
    # The offer the family asked about (the finder's "Kontakt wünschen" on an offer).
    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("offer asked about"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_due_by = models.DateField(_("contact due by"))
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    deadline_met = models.BooleanField(_("deadline met"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReferralStatus.choices,
        default=ReferralStatus.CONTACT_DUE,
        db_index=True,
    )
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # § 65 SGB VIII: data the family entrusted to this worker personally; colleagues do
    # not see the case unless the family agreed and the mark is lifted.
    confidential_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entrusted personally to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    triage_outcome = models.CharField(
        _("triage"), max_length=20, choices=TriageOutcome.choices, blank=True
    )
    triage_reason = EncryptedTextField(_("reason for the triage"), blank=True)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CaseOutcome.choices, blank=True)
    outcome_reason = EncryptedTextField(_("reason for closing"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Set when consent is withdrawn: the case is deleted on that day by the retention task.
    delete_on = models.DateField(_("to be deleted on"), null=True, blank=True)
    # Set when the retention run blanked the personal values but had to keep the row.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["contact_due_by", "received_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["commune", "status", "contact_due_by"]),
            models.Index(fields=["commune", "closed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_met__isnull=True) | Q(first_contact_at__isnull=False),
                name="deadline_decided_by_first_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.received_at:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.status not in {ReferralStatus.CLOSED, ReferralStatus.CONSENT_WITHDRAWN}

    @property
    def awaits_contact(self) -> bool:
        return self.status == ReferralStatus.CONTACT_DUE and self.first_contact_at is None

    def due_state(self, today: date) -> str:
        """ "overdue", "due_today" or "" for a referral still waiting for contact."""
        if not self.awaits_contact:
            return ""
        if self.contact_due_by < today:
            return "overdue"
        if self.contact_due_by == today:
            return "due_today"
        return ""


class ReferralStatusChange(TenantModel):
    """History of a referral's status: who, when, from, to, why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = EncryptedTextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ContactAttempt(TenantModel):
    """One attempt to reach the family: phone, letter, e-mail, home visit, and how it went."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="contact_attempts"
    )
    at = models.DateTimeField(_("when"))
    channel = models.CharField(_("how"), max_length=16, choices=ContactChannel.choices)
    outcome = models.CharField(_("result"), max_length=16, choices=ContactOutcome.choices)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.at:%d.%m.%Y}"

    @property
    def successful(self) -> bool:
        return self.outcome == ContactOutcome.REACHED


class AsdHandover(TenantModel):
    """§ 8a SGB VIII: the hand-over to the general social service because of indications
    of child endangerment. The case leaves early help."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="asd_handover")
    reason = EncryptedTextField(_("indications (§ 8a SGB VIII)"))
    handed_over_at = models.DateTimeField(_("handed over at"))
    receiving_person = EncryptedTextField(_("received by (ASD)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("hand-over to the ASD")
        verbose_name_plural = _("hand-overs to the ASD")

    def __str__(self) -> str:
        return f"ASD {self.handed_over_at:%d.%m.%Y}"
