"""Coordinators' settings of the intake: numbers on the forms, consent texts, screening
sheets. A consent text or a sheet is never changed: a new version replaces it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.core.permissions import Capability
from lotse.referrals.audit import ReferralAction
from lotse.referrals.models import ConsentText, IntakeSettings, ScreeningItem, ScreeningSheet


def save_intake_settings(
    *, actor: User, commune: Commune, values: Mapping[str, Any]
) -> IntakeSettings:
    require_actor_capability(actor, commune, Capability.MANAGE_COMMUNE_SETTINGS)
    with transaction.atomic():
        current: IntakeSettings | None = (
            IntakeSettings.objects.for_commune(commune).select_for_update().first()
        )
        changes: dict[str, tuple[Any, Any]] = {}
        if current is None:
            current = IntakeSettings(commune=commune)
        for name, value in values.items():
            old = getattr(current, name, None)
            if old != value:
                changes[name] = (old, value)
            setattr(current, name, value)
        current.save()
        record(
            actor=actor,
            commune=commune,
            action=ReferralAction.SETTINGS_CHANGED,
            target=current,
            changes=changes,
        )
    return current


def publish_consent_text(
    *, actor: User, commune: Commune, values: Mapping[str, str]
) -> ConsentText:
    """A new version of the consent text becomes current; the old ones stay as they were
    (each consent names the version the family read)."""
    require_actor_capability(actor, commune, Capability.MANAGE_COMMUNE_SETTINGS)
    with transaction.atomic():
        texts = ConsentText.objects.for_commune(commune).select_for_update()
        newest = texts.aggregate(newest=Max("version"))["newest"] or 0
        texts.filter(is_current=True).update(is_current=False)
        text: ConsentText = ConsentText.all_communes.create(
            commune=commune, version=newest + 1, is_current=True, **values
        )
        record(
            actor=actor,
            commune=commune,
            action=ReferralAction.SETTINGS_CHANGED,
            target=text,
            changes={"consent_text_version": (newest or None, text.version)},
        )
    return text


def publish_screening_sheet(
    *, actor: User, commune: Commune, name: str, threshold: int, items: list[tuple[int, str]]
) -> ScreeningSheet:
    """A new version of the commune's screening sheet; earlier results keep theirs."""
    require_actor_capability(actor, commune, Capability.MANAGE_COMMUNE_SETTINGS)
    with transaction.atomic():
        sheets = ScreeningSheet.objects.for_commune(commune).select_for_update()
        newest = sheets.filter(name=name).aggregate(newest=Max("version"))["newest"] or 0
        sheets.filter(is_active=True).update(is_active=False)
        sheet: ScreeningSheet = ScreeningSheet.all_communes.create(
            commune=commune, name=name, version=newest + 1, threshold=threshold, is_active=True
        )
        ScreeningItem.all_communes.bulk_create(
            ScreeningItem(commune=commune, sheet=sheet, position=position, text=text, points=points)
            for position, (points, text) in enumerate(items, start=1)
        )
        record(
            actor=actor,
            commune=commune,
            action=ReferralAction.SETTINGS_CHANGED,
            target=sheet,
            changes={"screening_sheet": (None, f"{name} v{sheet.version}")},
        )
    return sheet
