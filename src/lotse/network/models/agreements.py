"""Cooperation agreements (Kooperationsvereinbarung, seed 002) and the obligations they
name: the § 8a SGB VIII agreement, the § 72a SGB VIII commitment and data protection."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import TenantModel
from lotse.network.models.organisations import Organisation


def agreement_document_path(instance: Any, filename: str) -> str:
    """A random name in a directory the web server never serves: the person's file
    name tells nothing and cannot be guessed; only the extension is kept."""
    suffix = PurePath(filename).suffix.lower()
    return f"private/network/agreements/{uuid.uuid4().hex}{suffix}"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT_FOR_SIGNATURE = "sent_for_signature", _("Sent for signature")
    SIGNED = "signed", _("Signed by the partner")
    ACTIVE = "active", _("In force (countersigned)")
    TERMINATION_RECEIVED = "termination_received", _("Written notice received")
    TERMINATED = "terminated", _("Terminated")
    SUPERSEDED = "superseded", _("Superseded")


AGREEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.SENT_FOR_SIGNATURE}),
    AgreementStatus.SENT_FOR_SIGNATURE: frozenset({AgreementStatus.SIGNED}),
    AgreementStatus.SIGNED: frozenset({AgreementStatus.ACTIVE}),
    AgreementStatus.ACTIVE: frozenset(
        {AgreementStatus.TERMINATION_RECEIVED, AgreementStatus.SUPERSEDED}
    ),
    AgreementStatus.TERMINATION_RECEIVED: frozenset({AgreementStatus.TERMINATED}),
    AgreementStatus.TERMINATED: frozenset(),
    AgreementStatus.SUPERSEDED: frozenset(),
}


class CooperationAgreement(TenantModel):
    """One agreement with one organisation. It runs without an end date until it is
    terminated in writing; the text is frozen when it is generated."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="agreements"
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
    )
    text = models.TextField(_("text of the agreement"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    partner_signed_on = models.DateField(_("signed by the partner on"), null=True, blank=True)
    countersigned_on = models.DateField(_("countersigned on"), null=True, blank=True)
    signed_document = models.FileField(
        _("signed document"), upload_to=agreement_document_path, blank=True
    )
    notice_received_on = models.DateField(_("written notice received on"), null=True, blank=True)
    effective_end_on = models.DateField(_("termination effective on"), null=True, blank=True)
    termination_document = models.FileField(
        _("written notice"), upload_to=agreement_document_path, blank=True
    )
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"


class AgreementTransition(TenantModel):
    agreement = models.ForeignKey(
        CooperationAgreement, on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(max_length=24, choices=AgreementStatus.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=AgreementStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class ObligationKind(models.TextChoices):
    CHILD_PROTECTION_8A = "section_8a", _("Agreement under § 8a SGB VIII")
    CRIMINAL_RECORDS_72A = (
        "section_72a",
        _("§ 72a SGB VIII commitment (criminal record certificates of staff and volunteers)"),
    )
    DATA_PROTECTION = (
        "data_protection",
        _("Data-protection commitment (GDPR, BDSG, DSG NRW, social code)"),
    )


class Obligation(TenantModel):
    """One obligation of an agreement, present once it has a date."""

    agreement = models.ForeignKey(
        CooperationAgreement, on_delete=models.CASCADE, related_name="obligations"
    )
    kind = models.CharField(_("obligation"), max_length=24, choices=ObligationKind.choices)
    fulfilled_on = models.DateField(_("signed or confirmed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind"], name="one_obligation_per_kind")
        ]
