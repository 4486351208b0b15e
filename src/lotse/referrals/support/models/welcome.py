"""Welcome visits (Willkommensbesuche): the newborns of a month and each family's visit."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.fields import EncryptedTextField
from lotse.core.tenancy import TenantModel
from lotse.referrals.support.choices import VisitOutcome


class Newborn(TenantModel):
    """A newborn on the month's list, the visit offered to the family and its outcome.

    The names, address and phone are erased when the commune's retention period for
    welcome-visit records ends; the month, social area and outcome stay as anonymous counts.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    birth_month = models.DateField(_("month of birth"))  # always the 1st of the month
    birth_date = models.DateField(_("date of birth"))
    child_name = EncryptedTextField(_("child's name"), blank=True)
    parents_names = EncryptedTextField(_("parents' names"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    social_area = models.ForeignKey(
        "core.SocialArea", verbose_name=_("social area"), on_delete=models.PROTECT, related_name="+"
    )
    visit_offered_on = models.DateField(_("visit offered on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=VisitOutcome.choices, default=VisitOutcome.OPEN
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    package_handed_over = models.BooleanField(_("welcome package handed over"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["birth_date", "pk"]
        verbose_name = _("newborn")
        verbose_name_plural = _("newborns")
        indexes = [models.Index(fields=["commune", "birth_month"], name="support_newborn_month")]

    def __str__(self) -> str:
        return f"{self.birth_date:%d.%m.%Y}"
