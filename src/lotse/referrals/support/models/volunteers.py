"""Volunteer sponsors (Familienpaten) and their § 72a SGB VIII check."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.tenancy import TenantModel
from lotse.referrals.support.rules import certificate_blocking_reason


class Volunteer(TenantModel):
    """A Familienpate: where, in which languages and when they can help."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = EncryptedTextField(_("name"))
    contact = EncryptedTextField(_("how to reach them"), blank=True)
    social_areas = models.ManyToManyField(
        "core.SocialArea", verbose_name=_("social areas"), related_name="+"
    )
    languages = models.JSONField(_("languages"), default=list)
    availability = models.JSONField(_("availability"), default=list)
    started_on = models.DateField(_("active since"), default=timezone.localdate)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("volunteer sponsor")
        verbose_name_plural = _("volunteer sponsors")

    def __str__(self) -> str:
        return str(self.name)

    def is_active_on(self, day: date) -> bool:
        return self.started_on <= day and (self.stopped_on is None or self.stopped_on > day)

    def blocking_reason(self, day: date) -> str | None:
        """Why this volunteer cannot be matched on ``day``, or None."""
        check = getattr(self, "criminal_record_check", None)
        return certificate_blocking_reason(
            check.issued_on if check else None,
            check.shows_relevant_conviction if check else None,
            day,
        )


class CriminalRecordCheck(TenantModel):
    """§ 72a SGB VIII: only the certificate's date and whether it shows a relevant
    conviction; nothing else of the certificate is stored. Deleted at the latest three
    months (the commune's setting) after the volunteer stops."""

    volunteer = models.OneToOneField(
        Volunteer, on_delete=models.CASCADE, related_name="criminal_record_check"
    )
    issued_on = models.DateField(_("date of the extended criminal record certificate"))
    shows_relevant_conviction = models.BooleanField(_("shows a relevant conviction"))
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("§ 72a check")
        verbose_name_plural = _("§ 72a checks")
