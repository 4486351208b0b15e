"""Partner organisations of the network (Träger/Einrichtungen)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel


class Sector(models.TextChoices):
    """Handlungsfeld, as the network profile counts cooperations (seed 003)."""

    HEALTH = "health", _("Health")
    CHILD_AND_YOUTH_WELFARE = "child_youth_welfare", _("Child and youth welfare")
    PREGNANCY_COUNSELLING = "pregnancy_counselling", _("Pregnancy counselling")
    EARLY_INTERVENTION = "early_intervention", _("Early intervention")
    VOLUNTEERING = "volunteering", _("Volunteering")
    EDUCATION = "education", _("Education and school")
    JOB_CENTRE = "job_centre", _("Job centre and employment agency")
    OTHER = "other", _("Other social services")


class OrganisationStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    MEMBER = "member", _("Member")
    FORMER_MEMBER = "former_member", _("Former member")


class Organisation(TenantModel):
    """A partner institution; partner staff users are bound to one of these."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    legal_carrier = models.CharField(_("legal carrier"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.CANDIDATE,
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name", "street", "postal_code"],
                name="organisation_unique_name_and_address",
            )
        ]

    def __str__(self) -> str:
        return self.name
