"""What reports keep of their own: the commune's weighting of need, age-group figures per
social area, and the annual report's texts and coordination staffing. Everything else a
report shows is computed from the other apps' data when it is asked for."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.locking import VersionedModel
from lotse.core.models import SocialArea
from lotse.core.tenancy import TenantModel
from lotse.offers.ages import LifePhase


class ReportSettings(TenantModel):
    """How a commune weighs need in the gap analysis ("Ungleiches ungleich behandeln")."""

    poverty_weight = models.DecimalField(
        _("weight of the poverty share"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10))],
        help_text=_(
            "Need = children of the age group × (1 + weight × share of children in poverty). "
            "0 counts every child alike; 1 counts a child in poverty twice."
        ),
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")
        constraints = [models.UniqueConstraint(fields=["commune"], name="report_settings_once")]


class AgeGroupFigures(TenantModel):
    """Children of one life phase in a social area in a year (from the statistics office).

    Optional: without it the gap analysis derives pregnancy and the first year from the
    births and the second and third year from the children aged 0–3 minus the births."""

    social_area = models.ForeignKey(
        SocialArea, on_delete=models.CASCADE, related_name="age_group_figures"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    life_phase = models.CharField(_("life phase"), max_length=16, choices=LifePhase.choices)
    children = models.PositiveIntegerField(_("children"))

    class Meta(TenantModel.Meta):
        ordering = ["social_area__name", "-year", "life_phase"]
        verbose_name = _("children of an age group")
        verbose_name_plural = _("children of age groups")
        constraints = [
            models.UniqueConstraint(
                fields=["social_area", "year", "life_phase"], name="age_group_figures_once"
            )
        ]


class AnnualReport(TenantModel, VersionedModel):
    """The coordinator's texts and the coordination's staffing for one year's report."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    coordination_staff = models.DecimalField(
        _("coordination staff (full-time equivalents)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    coordination_hours_per_week = models.DecimalField(
        _("coordination staff hours per week"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    introduction = models.TextField(_("introduction"), blank=True)
    network_text = models.TextField(_("network"), blank=True)
    offers_text = models.TextField(_("offers and prevention chain"), blank=True)
    access_text = models.TextField(_("access and referrals"), blank=True)
    reach_text = models.TextField(_("reach"), blank=True)
    funding_text = models.TextField(_("funding"), blank=True)
    participation_text = models.TextField(_("participation of families"), blank=True)
    outlook = models.TextField(_("outlook"), blank=True)
    updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    TEXT_FIELDS = (
        "introduction",
        "network_text",
        "offers_text",
        "access_text",
        "reach_text",
        "funding_text",
        "participation_text",
        "outlook",
    )

    class Meta(TenantModel.Meta):
        ordering = ["-year"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="annual_report_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}"
