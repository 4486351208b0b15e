"""The daily retention run: cases whose retention period after closing has ended, and
cases whose consent was withdrawn, are deleted; only anonymous counts stay.

A case is deleted with its family (when the family has no other case left), children,
consents, contact attempts, history, hand-over and screening result. When another app
still holds a record that must be kept longer (``on_delete=PROTECT``, e.g. a health
professional's documentation, ten years under § 630f BGB), the case is anonymised instead:
every personal value is blanked and the row stays for that record."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone

from lotse.core.audit import record
from lotse.core.fields import EncryptedTextField
from lotse.core.models import Commune
from lotse.core.workdays import local_date
from lotse.referrals.audit import ReferralAction
from lotse.referrals.fields import EncryptedBooleanField, EncryptedDateField
from lotse.referrals.models import (
    ArchivedReferralCount,
    IdempotencyKey,
    Referral,
    anonymous_dimensions,
)

IDEMPOTENCY_KEY_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True)
class RetentionReport:
    deleted: int
    anonymised: int
    expired_keys: int


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def due_for_deletion(commune: Commune, today: date) -> models.QuerySet[Referral]:
    """Cases of ``commune`` to delete or anonymise on ``today``."""
    closed_before = months_before(today, commune.retention_case_months)
    due: models.QuerySet[Referral] = (
        Referral.objects.for_commune(commune)
        .filter(anonymised_at__isnull=True)
        .filter(Q(delete_on__lte=today) | Q(closed_at__date__lt=closed_before))
        .select_related("family")
    )
    return due


def _count(referral: Referral) -> None:
    dimensions = anonymous_dimensions(referral)
    bucket, _created = ArchivedReferralCount.all_communes.get_or_create(
        commune=referral.commune, **dimensions
    )
    updates: dict[str, object] = {"count": F("count") + 1}
    if referral.first_contact_at is not None:
        days = (local_date(referral.first_contact_at) - local_date(referral.received_at)).days
        updates["contacted"] = F("contacted") + 1
        updates["days_to_first_contact"] = F("days_to_first_contact") + max(days, 0)
    ArchivedReferralCount.all_communes.filter(pk=bucket.pk).update(**updates)


def blank_personal_values(instance: models.Model) -> None:
    """Blank every encrypted (personal) field of ``instance`` and save it."""
    names = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, EncryptedDateField):
            setattr(instance, field.attname, None)
        elif isinstance(field, EncryptedBooleanField):
            setattr(instance, field.attname, False)
        elif isinstance(field, EncryptedTextField):
            setattr(instance, field.attname, "")
        else:
            continue
        names.append(field.attname)
    if names:
        instance.save(update_fields=names)


def _anonymise(referral: Referral) -> None:
    family = referral.family
    related: list[models.Model] = [referral, family]
    related += list(family.children.all())
    related += list(family.consents.all())
    related += list(referral.history.all())
    related += list(referral.contact_attempts.all())
    for name in ("asd_handover", "screening_result"):
        if hasattr(referral, name):
            related.append(getattr(referral, name))
    for instance in related:
        blank_personal_values(instance)
    family.languages = []
    family.save(update_fields=["languages"])
    Referral.all_communes.filter(pk=referral.pk).update(anonymised_at=timezone.now())


def _delete(referral: Referral) -> bool:
    """Delete the case (and its family when nothing else is left); False when a record
    of another app protects it."""
    family = referral.family
    try:
        with transaction.atomic():
            referral.delete()
            if not Referral.all_communes.filter(family=family).exists():
                family.delete()
    except (ProtectedError, RestrictedError):
        return False
    return True


def apply_retention(*, commune: Commune, today: date | None = None) -> RetentionReport:
    """Delete or anonymise the cases of ``commune`` that are due; expire old API keys."""
    today = today or local_date(timezone.now())
    deleted = anonymised = 0
    for referral in list(due_for_deletion(commune, today)):
        with transaction.atomic():
            uuid = referral.uuid
            _count(referral)
            if _delete(referral):
                deleted += 1
                how = "deleted"
            else:
                _anonymise(referral)
                anonymised += 1
                how = "anonymised"
            record(
                actor=None,
                commune=commune,
                action=ReferralAction.CASE_DELETED,
                changes={"referral": (str(uuid), how)},
            )
    expired = IdempotencyKey.objects.for_commune(commune).filter(
        created_at__lt=timezone.now() - IDEMPOTENCY_KEY_LIFETIME
    )
    expired_keys, _details = expired.delete()
    return RetentionReport(deleted=deleted, anonymised=anonymised, expired_keys=expired_keys)
