"""Partner organisations (Träger/Einrichtungen), their institution types, people and
delegations, and the commune's network settings."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.core.locking import VersionedModel
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
    """The coarse label shown in lists. Whether an organisation is a member on a given day
    is derived from ``member_since``/``member_until`` (see ``selectors.current_members``);
    services keep this label in step."""

    CANDIDATE = "candidate", _("Candidate")
    MEMBER = "member", _("Member")
    FORMER_MEMBER = "former_member", _("Former member")


class InstitutionType(TenantModel):
    """A kind of institution (family office, police, therapeutic practice …); each commune
    keeps its own list, seeded with the 21 kinds of the Bergkamen concept."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120)
    default_sector = models.CharField(
        _("usual sector"), max_length=32, choices=Sector.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("institution type")
        verbose_name_plural = _("institution types")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"], name="institution_type_name_per_commune"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(TenantModel, VersionedModel):
    """A partner institution; partner staff users are bound to one of these."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    legal_carrier = models.CharField(_("legal carrier"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    institution_type = models.ForeignKey(
        InstitutionType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("institution type"),
    )
    social_areas = models.ManyToManyField(
        "core.SocialArea",
        blank=True,
        related_name="network_organisations",
        verbose_name=_("social areas served"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.CANDIDATE,
    )
    # The membership itself: a member from ``member_since`` up to the day before
    # ``member_until`` (the effective date of a termination).
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_until = models.DateField(_("member until"), null=True, blank=True)
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

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)

    def is_member_on(self, on: date) -> bool:
        return (
            self.member_since is not None
            and self.member_since <= on
            and (self.member_until is None or self.member_until > on)
        )


class Person(TenantModel):
    """A professional working for a partner organisation (not a family member)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    has_network_knowledge = models.BooleanField(_("knows the network"), default=False)
    is_active = models.BooleanField(_("still works there"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class DelegationKind(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    DEPUTY = "deputy", _("Deputy")


class Delegation(TenantModel):
    """A person named as delegate or deputy of an organisation for a period. Rows are
    never overwritten: a new appointment ends the previous one, so the history stays."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="delegations"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="delegations")
    kind = models.CharField(_("kind"), max_length=16, choices=DelegationKind.choices)
    valid_from = models.DateField(_("valid from"))
    # Last day of the delegation (inclusive); empty while it runs.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="delegation_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"

    def is_valid_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or self.valid_until >= on)


class NetworkSettings(VersionedModel):
    """The commune's settings for its network (kept out of ``core.Commune``)."""

    commune = models.OneToOneField(
        "core.Commune", on_delete=models.CASCADE, related_name="network_settings"
    )
    objection_period_days = models.PositiveSmallIntegerField(
        _("objection period (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    mentor_deadline_days = models.PositiveSmallIntegerField(
        _("days until a newcomer needs a mentor or the information event"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    coordination_office_address = models.CharField(
        _("address of the coordination office"), max_length=300, blank=True
    )
    agreement_template = models.TextField(_("cooperation agreement template"), blank=True)
    institution_types_seeded = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    def __str__(self) -> str:
        return str(self.commune)
