"""Tenants, social areas, users, roles, API tokens and the audit log."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.locking import VersionedModel
from lotse.core.permissions import Capability, Role, capabilities_for_roles
from lotse.core.tenancy import TenantManager, TenantModel


class FederalState(models.TextChoices):
    """German federal states, coded as the ``holidays`` package's subdivisions."""

    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


# First path segments of Lotse's own pages: a commune with such a slug would be shadowed
# (tests/core/test_reserved_slugs.py keeps this list complete).
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "i18n",
        "invitation",
        "login",
        "logout",
        "media",
        "password-reset",
        "profile",
        "static",
        "two-factor",
    }
)


def validate_commune_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is a reserved address of Lotse itself."), params={"slug": value}
        )


class Commune(VersionedModel):
    """A tenant: the youth office (Jugendamt) of a town or district and its settings."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(
        _("URL name"), max_length=60, unique=True, validators=[validate_commune_slug]
    )
    name = models.CharField(_("name"), max_length=120)
    youth_office_name = models.CharField(_("youth office"), max_length=200)
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices, default=FederalState.NW
    )
    saturday_is_working_day = models.BooleanField(
        _("Saturday counts as a working day"), default=False
    )
    contact_deadline_working_days = models.PositiveSmallIntegerField(
        _("working days until first contact"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    # Retention after a case is closed, per kind of record (data minimisation, Art. 5 GDPR).
    retention_case_months = models.PositiveSmallIntegerField(
        _("retention of early-help case files (months after closing)"), default=36
    )
    retention_health_documentation_years = models.PositiveSmallIntegerField(
        _("retention of health professionals' documentation (years, § 630f BGB)"), default=10
    )
    retention_welcome_visit_months = models.PositiveSmallIntegerField(
        _("retention of welcome-visit records (months)"), default=12
    )
    retention_volunteer_check_months = models.PositiveSmallIntegerField(
        _("retention of § 72a SGB VIII check entries after a volunteer stops (months)"),
        default=3,
        validators=[MaxValueValidator(3)],
    )
    # Funding deadlines: the application for the following year, the proof of use for the
    # previous one. The Dortmund guidelines say "31.9.", a date that does not exist.
    funding_application_deadline_month = models.PositiveSmallIntegerField(
        _("funding application deadline (month)"),
        default=9,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    funding_application_deadline_day = models.PositiveSmallIntegerField(
        _("funding application deadline (day)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    proof_of_use_deadline_month = models.PositiveSmallIntegerField(
        _("proof of use deadline (month)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    proof_of_use_deadline_day = models.PositiveSmallIntegerField(
        _("proof of use deadline (day)"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return self.name


class ClosingDay(TenantModel):
    """A day the youth office is closed on top of weekends and public holidays."""

    date = models.DateField(_("date"))
    label = models.CharField(_("reason"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closing day")
        verbose_name_plural = _("closing days")
        constraints = [
            models.UniqueConstraint(fields=["commune", "date"], name="closing_day_once_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.label}"


class SocialArea(TenantModel):
    """A Sozialraum or Stadtbezirk of a commune."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("URL name"), max_length=60)

    # Set by selectors.social_areas_with_latest_figures, not stored.
    figures_newest_first: list[SocialAreaFigures]
    latest_figures: SocialAreaFigures | None

    class Meta:
        ordering = ["name"]
        verbose_name = _("social area")
        verbose_name_plural = _("social areas")
        constraints = [
            models.UniqueConstraint(fields=["commune", "slug"], name="social_area_slug_per_commune")
        ]

    def __str__(self) -> str:
        return self.name


class SocialAreaFigures(TenantModel):
    """One year's population figures of a social area (from the statistics office)."""

    social_area = models.ForeignKey(SocialArea, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    inhabitants = models.PositiveIntegerField(_("inhabitants"))
    children_0_3 = models.PositiveIntegerField(_("children aged 0–3"))
    children_0_3_in_poverty = models.PositiveIntegerField(
        _("children aged 0–3 in poverty (SGB II)")
    )
    births = models.PositiveIntegerField(_("births"))

    class Meta:
        ordering = ["social_area__name", "-year"]
        verbose_name = _("figures of a social area")
        verbose_name_plural = _("figures of social areas")
        constraints = [
            models.UniqueConstraint(fields=["social_area", "year"], name="figures_once_per_year"),
            models.CheckConstraint(
                condition=Q(children_0_3_in_poverty__lte=models.F("children_0_3")),
                name="poverty_within_children",
            ),
            models.CheckConstraint(
                condition=Q(children_0_3__lte=models.F("inhabitants")),
                name="children_within_inhabitants",
            ),
        ]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. Superusers are the operators."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("operator"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.get_full_name()


class Membership(TenantModel):
    """One role of a user in one commune. Partner staff are bound to one organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    # A lazy reference: core imports nothing from network, the database keeps the link.
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_memberships",
    )
    is_active = models.BooleanField(_("active"), default=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__email", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "commune", "role"], name="one_membership_per_role"
            ),
            models.CheckConstraint(
                condition=(
                    Q(role=Role.PARTNER_STAFF, organisation__isnull=False)
                    | (~Q(role=Role.PARTNER_STAFF) & Q(organisation__isnull=True))
                ),
                name="partner_staff_bound_to_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Bulk changes would bypass the append-only rule of single events, so they refuse."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only")


class AuditEvent(models.Model):
    """An append-only record of a change (or a read of personal data).

    Written only through :func:`lotse.core.audit.record`. ``changes`` names the changed
    fields; values of personal fields are masked before they get here.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # PROTECT: a person who acted is deactivated, never deleted, so the log stays whole
    # (erasure of personal data redacts audit rows explicitly instead).
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    objects: Any = TenantManager.from_queryset(AuditEventQuerySet)()
    all_communes: Any = models.Manager.from_queryset(AuditEventQuerySet)()

    class Meta:
        ordering = ["-created_at", "-id"]
        default_manager_name = "all_communes"
        base_manager_name = "all_communes"
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["commune", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only")


class ApiToken(TenantModel):
    """A personal API token: bound to one commune and its owner's capabilities there.

    Only a SHA-256 hash of the secret is stored; the secret is shown once at creation.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed for good")


class OutboxMessage(models.Model):
    """An e-mail waiting to be sent: written in the same transaction as the change it
    reports, delivered afterwards with retries, so an SMTP outage delays mail and loses
    none. Recipients, subject and body are encrypted; the body (which may hold a link to
    set a password) is blanked once the message is sent."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=64)
    recipients = EncryptedTextField(_("recipients"))
    subject = EncryptedTextField(_("subject"))
    body = EncryptedTextField(_("body"), blank=True)
    # JSON list of {"filename", "mimetype", "content" (base64)}; blanked once sent.
    attachments = EncryptedTextField("attachments", blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-mail in the outbox")
        verbose_name_plural = _("e-mail outbox")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} ({self.get_status_display()})"


def active_roles(user: User, commune: Commune) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Membership.objects.for_commune(commune)
        .filter(user=user, is_active=True)
        .values_list("role", flat=True)
    )


def capabilities_of(user: User, commune: Commune) -> frozenset[Capability]:
    return capabilities_for_roles(active_roles(user, commune))
