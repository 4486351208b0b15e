"""The § 4 KKG procedure of a health professional, kept apart from the voluntary case."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.locking import VersionedModel
from lotse.core.tenancy import TenantModel
from lotse.referrals.models.choices import (
    ProcedureStage,
)


class ChildProtectionProcedure(TenantModel, VersionedModel):
    """§ 4 KKG: a health professional's suspicion of child endangerment, handled in
    stages (talk with the parents, pseudonymised advice, report to the youth office).

    Kept apart from the voluntary early-help case: no link to a referral, readable only
    by the person who opened it. The family is named by a pseudonym until a report."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    pseudonym = models.CharField(_("pseudonym"), max_length=80)
    family_details = EncryptedTextField(
        _("family"), blank=True, help_text=_("Only needed once the youth office is informed.")
    )
    indications = EncryptedTextField(_("indications"))
    stage = models.CharField(
        _("stage"),
        max_length=32,
        choices=ProcedureStage.choices,
        default=ProcedureStage.TALK_WITH_PARENTS,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("§ 4 KKG procedure")
        verbose_name_plural = _("§ 4 KKG procedures")

    def __str__(self) -> str:
        return self.pseudonym


class ChildProtectionStep(TenantModel):
    procedure = models.ForeignKey(
        ChildProtectionProcedure, on_delete=models.CASCADE, related_name="steps"
    )
    stage = models.CharField(_("stage"), max_length=32, choices=ProcedureStage.choices)
    at = models.DateTimeField(_("when"))
    notes = EncryptedTextField(_("notes"))
    specialist = EncryptedTextField(_("specialist consulted"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("step of a § 4 KKG procedure")
        verbose_name_plural = _("steps of § 4 KKG procedures")

    def __str__(self) -> str:
        return self.get_stage_display()
