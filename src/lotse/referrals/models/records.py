"""Idempotency keys of the API and the anonymous counts that outlive deleted cases."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel
from lotse.core.workdays import local_date
from lotse.referrals.models.cases import (
    Referral,
)
from lotse.referrals.models.choices import (
    CaseOutcome,
    ReferralSource,
    TriageOutcome,
)


class IdempotencyKey(TenantModel):
    """An answered ``POST /api/v1/referrals``: the same key with the same body gets the
    same answer again; keys belong to one token and expire after 24 hours."""

    token = models.ForeignKey("core.ApiToken", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_key_per_token")
        ]

    def __str__(self) -> str:
        return self.key


class ArchivedReferralCount(TenantModel):
    """Anonymous counts of deleted cases, so figures survive the retention task. One row
    per combination of the figures' dimensions; nothing here identifies a family."""

    month = models.DateField(_("month received"))
    source = models.CharField(max_length=16, choices=ReferralSource.choices)
    social_area = models.ForeignKey(
        "core.SocialArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triage_outcome = models.CharField(max_length=20, choices=TriageOutcome.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=CaseOutcome.choices, blank=True)
    deadline_met = models.BooleanField(null=True)
    handed_over_to_asd = models.BooleanField(default=False)
    count = models.PositiveIntegerField(default=0)
    # Sum of calendar days from receipt to first contact of the contacted ones, and how many.
    days_to_first_contact = models.PositiveIntegerField(default=0)
    contacted = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("anonymous count of deleted cases")
        verbose_name_plural = _("anonymous counts of deleted cases")

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.source}: {self.count}"


def anonymous_dimensions(referral: Referral) -> dict[str, Any]:
    """The dimensions under which a case is counted once it is deleted."""
    return {
        "month": local_date(referral.received_at).replace(day=1),
        "source": referral.source,
        "social_area_id": referral.family.social_area_id,
        "triage_outcome": referral.triage_outcome,
        "outcome": referral.outcome,
        # A case never contacted whose deadline has passed missed it, and must still
        # count as missed once it is deleted.
        "deadline_met": (
            False
            if referral.first_contact_at is None
            and referral.contact_due_by < local_date(timezone.now())
            else referral.deadline_met
        ),
        "handed_over_to_asd": hasattr(referral, "asd_handover"),
    }
