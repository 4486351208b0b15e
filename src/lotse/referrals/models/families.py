"""Families, their children and their consent; the intake settings of a commune."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.tenancy import TenantModel
from lotse.referrals.fields import EncryptedBooleanField, EncryptedDateField
from lotse.referrals.models.choices import (
    ConsentChannel,
)


class IntakeSettings(TenantModel):
    """A commune's settings for the intake: the numbers every staff form shows (early
    help is not child protection), and the team's contact a referrer may hand a family
    that does not consent."""

    asd_name = models.CharField(
        _("general social service (ASD)"), max_length=200, default="Allgemeiner Sozialer Dienst"
    )
    asd_phone = models.CharField(_("ASD phone"), max_length=40)
    asd_out_of_hours_phone = models.CharField(
        _("ASD phone out of office hours"), max_length=40, blank=True
    )
    police_phone = models.CharField(_("police phone"), max_length=40, default="110")
    team_name = models.CharField(_("early-help team"), max_length=200)
    team_phone = models.CharField(_("team phone"), max_length=40)
    team_email = models.EmailField(_("team e-mail address"), blank=True)
    team_address = models.CharField(_("team address"), max_length=250, blank=True)
    digest_recipients = models.TextField(
        _("recipients of the daily digest"),
        blank=True,
        help_text=_("One e-mail address per line. Empty: all early-help workers."),
    )

    class Meta:
        verbose_name = _("intake settings")
        verbose_name_plural = _("intake settings")
        constraints = [
            models.UniqueConstraint(fields=["commune"], name="intake_settings_once_per_commune")
        ]

    def __str__(self) -> str:
        return str(self.team_name)


class Family(TenantModel):
    """A family known to the early-help team. Everything that names or locates the
    family is encrypted; the social area stays clear for the figures."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = EncryptedTextField(_("family name"))
    parents = EncryptedTextField(_("parents"), blank=True, help_text=_("Names of the parents."))
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail address"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    reach_notes = EncryptedTextField(
        _("how to reach the family"), blank=True, help_text=_("For example: best after 4 pm.")
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    social_area = models.ForeignKey(
        "core.SocialArea",
        verbose_name=_("social area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self) -> str:
        return str(self.name)


class Child(TenantModel):
    """A child or an expected child. Its dates and health details are health data and
    encrypted; the flags decide the FGKiKP's priority (seed 001)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        Family, verbose_name=_("family"), on_delete=models.CASCADE, related_name="children"
    )
    first_name = EncryptedTextField(_("first name"), blank=True)
    birth_date = EncryptedDateField(_("birth date"), null=True, blank=True)
    due_date = EncryptedDateField(_("due date"), null=True, blank=True)
    premature = EncryptedBooleanField(_("born prematurely"))
    malformation = EncryptedBooleanField(_("malformation"))
    syndromic_illness = EncryptedBooleanField(_("syndromic illness"))
    other_illness = EncryptedBooleanField(_("other illness"))
    health_notes = EncryptedTextField(_("health details"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        return str(self.first_name) or str(_("child"))

    @property
    def is_expected(self) -> bool:
        return self.birth_date is None

    @property
    def has_health_priority(self) -> bool:
        """Premature, malformation, syndromic or other illness: FGKiKP priority."""
        return bool(
            self.premature or self.malformation or self.syndromic_illness or self.other_illness
        )

    def age_in_days(self, on: date) -> int | None:
        return None if self.birth_date is None else (on - self.birth_date).days


class ConsentText(TenantModel):
    """A versioned consent text of a commune: the purpose, the data and the recipients
    (§ 67b SGB X: no blanket consent). A new version never changes an old one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"))
    data = models.TextField(_("data passed on"))
    recipients = models.TextField(_("recipients"))
    withdrawal = models.TextField(
        _("how to withdraw"), help_text=_("How the family can withdraw its consent.")
    )
    # Translations of the four texts for the printable form: {"en": {"purpose": ...}, ...}.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "version"], name="consent_text_version_per_commune"
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(is_current=True),
                name="one_current_consent_text_per_commune",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def text_in(self, language: str) -> dict[str, str]:
        """The four texts in ``language``, falling back to German part by part."""
        translated = self.translations.get(language, {}) if language != "de" else {}
        return {
            part: translated.get(part) or getattr(self, part)
            for part in ("title", "purpose", "data", "recipients", "withdrawal")
        }


class Consent(TenantModel):
    """A family's consent to pass its data on, in the scopes named. Withdrawal keeps the
    record (proof of what was allowed when) and stops the processing."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        Family, verbose_name=_("family"), on_delete=models.CASCADE, related_name="consents"
    )
    text = models.ForeignKey(
        ConsentText, verbose_name=_("consent text"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.JSONField(_("scope"), default=list)
    given_at = models.DateTimeField(_("given at"))
    channel = models.CharField(_("channel"), max_length=16, choices=ConsentChannel.choices)
    given_by = EncryptedTextField(_("given by"), help_text=_("Who gave the consent."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_channel = models.CharField(
        _("withdrawal channel"), max_length=16, choices=ConsentChannel.choices, blank=True
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.text} {self.given_at:%d.%m.%Y}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def allows(self, scope: str) -> bool:
        return self.is_active and scope in self.scope
