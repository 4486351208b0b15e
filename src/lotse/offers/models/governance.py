"""How a commune keeps its catalog: confirmation settings and the review queue of
organisations an HSDS import suspects to exist already."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel


class CatalogSettings(models.Model):
    """How a commune keeps its catalog current. An offer is due for confirmation
    ``confirmation_interval_months`` after it was last confirmed; reminders go out
    ``reminder_days_before`` days before that and on the day; after the due date it is
    shown as "not confirmed" for ``hide_after_days`` days, then hidden from the finder."""

    commune = models.OneToOneField(
        "core.Commune", on_delete=models.CASCADE, related_name="catalog_settings"
    )
    confirmation_interval_months = models.PositiveSmallIntegerField(
        _("confirmation interval in months"), default=6
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("first reminder, days before the due date"), default=14
    )
    hide_after_days = models.PositiveSmallIntegerField(
        _("days shown as not confirmed before hiding"), default=56
    )

    class Meta:
        verbose_name = _("catalog settings")
        verbose_name_plural = _("catalog settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmation_interval_months__gte=1),
                name="catalog_interval_at_least_one_month",
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune_id}: {self.confirmation_interval_months}"


class MatchReviewStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    MERGED = "merged", _("Merged into the existing organisation")
    CREATED = "created", _("Created as a new organisation")


class OrganisationMatchReview(TenantModel):
    """An organisation from an HSDS import that looks like one we already have (same name
    and address): a person decides whether to merge it or create it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(_("source"), max_length=200, blank=True)
    imported_data = models.JSONField(_("imported data"))
    suspected_organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suspected match"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MatchReviewStatus.choices,
        default=MatchReviewStatus.PENDING,
    )
    resulting_organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]
        verbose_name = _("organisation match review")
        verbose_name_plural = _("organisation match reviews")

    def __str__(self) -> str:
        return str(self.imported_data.get("name", self.uuid))
