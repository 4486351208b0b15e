"""The screening sheets navigators fill in, defined per commune."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.tenancy import TenantModel
from lotse.referrals.models.cases import (
    Referral,
)


class ScreeningSheet(TenantModel):
    """A screening sheet a commune defines for its clinic navigators: items with points,
    a threshold, and a free observation that can flag a family whatever the score."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    threshold = models.PositiveSmallIntegerField(
        _("threshold"), help_text=_("From this score on, a conversation is suggested.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("screening sheet")
        verbose_name_plural = _("screening sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name", "version"], name="screening_sheet_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class ScreeningItem(TenantModel):
    sheet = models.ForeignKey(ScreeningSheet, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("item"), max_length=300)
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        ordering = ["sheet", "position"]
        verbose_name = _("screening item")
        verbose_name_plural = _("screening items")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "position"], name="screening_item_position")
        ]

    def __str__(self) -> str:
        return self.text


class ScreeningResult(TenantModel):
    """The filled-in sheet, kept with the referral. Which items were ticked is health
    data and encrypted (as a list of positions); the score and the flag are not."""

    referral = models.OneToOneField(
        Referral, on_delete=models.CASCADE, related_name="screening_result"
    )
    sheet = models.ForeignKey(ScreeningSheet, on_delete=models.PROTECT, related_name="+")
    ticked_positions = EncryptedTextField(_("ticked items"), blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    observation = EncryptedTextField(_("observation of the ward staff"), blank=True)
    flagged_by_observation = models.BooleanField(_("flagged by the observation"), default=False)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("screening result")
        verbose_name_plural = _("screening results")

    def __str__(self) -> str:
        return f"{self.sheet}: {self.score}"

    @property
    def positions(self) -> list[int]:
        return [int(part) for part in str(self.ticked_positions).split(",") if part]

    @property
    def above_threshold(self) -> bool:
        return self.score >= self.sheet.threshold

    @property
    def suggests_conversation(self) -> bool:
        return self.above_threshold or self.flagged_by_observation
