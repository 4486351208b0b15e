"""The commune's categories and its rules for keeping the catalog current."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.models import Commune, User
from lotse.core.permissions import Capability
from lotse.offers.audit import OfferAction
from lotse.offers.models import CatalogSettings, TaxonomyTerm

SETTINGS_FIELDS: tuple[str, ...] = (
    "confirmation_interval_months",
    "reminder_days_before",
    "hide_after_days",
)


def _unique_code(commune: Commune, name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "kategorie"
    code, number = base, 2
    terms = TaxonomyTerm.objects.for_commune(commune).filter(
        taxonomy=TaxonomyTerm.CATEGORY_TAXONOMY
    )
    while terms.filter(code=code).exclude(pk=exclude_pk).exists():
        code, number = f"{base}-{number}", number + 1
    return code


def _check_name(commune: Commune, name: str, exclude_pk: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Please give a name.")]})
    clash = (
        TaxonomyTerm.objects.for_commune(commune)
        .filter(taxonomy=TaxonomyTerm.CATEGORY_TAXONOMY, name__iexact=name)
        .exclude(pk=exclude_pk)
    )
    if clash.exists():
        raise ValidationError({"name": [_("There is already a category of this name.")]})
    return name


@transaction.atomic
def create_category(
    *, actor: User, commune: Commune, name: str, description: str = "", position: int = 0
) -> TaxonomyTerm:
    require_actor_capability(actor, commune, Capability.MANAGE_OFFERS)
    name = _check_name(commune, name)
    term: TaxonomyTerm = TaxonomyTerm.all_communes.create(
        commune=commune,
        code=_unique_code(commune, name),
        name=name,
        description=description,
        position=position,
    )
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.TERM_CREATED,
        target=term,
        changes={"name": (None, name)},
    )
    return term


@transaction.atomic
def update_category(
    *, actor: User, term: TaxonomyTerm, name: str, description: str, position: int
) -> TaxonomyTerm:
    """Rename or describe a category; its code (used in links and the HSDS export) stays."""
    commune: Commune = term.commune
    require_actor_capability(actor, commune, Capability.MANAGE_OFFERS)
    name = _check_name(commune, name, exclude_pk=term.pk)
    new = {"name": name, "description": description, "position": position}
    changes = {k: (getattr(term, k), v) for k, v in new.items() if getattr(term, k) != v}
    if not changes:
        return term
    for field, (_old, value) in changes.items():
        setattr(term, field, value)
    term.save(update_fields=list(changes))
    record(
        actor=actor, commune=commune, action=OfferAction.TERM_CHANGED, target=term, changes=changes
    )
    return term


@transaction.atomic
def remove_category(*, actor: User, term: TaxonomyTerm) -> None:
    """Remove a category no offer uses any more."""
    commune: Commune = term.commune
    require_actor_capability(actor, commune, Capability.MANAGE_OFFERS)
    used = term.offers.count()
    if used:
        raise ValidationError(
            _("The category is still used by %(count)s offers. Move them to another first.")
            % {"count": used}
        )
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.TERM_REMOVED,
        target=term,
        changes={"name": (term.name, None)},
    )
    term.delete()


@transaction.atomic
def update_catalog_settings(
    *, actor: User, commune: Commune, values: Mapping[str, Any]
) -> CatalogSettings:
    require_actor_capability(actor, commune, Capability.MANAGE_OFFERS)
    settings, _created = CatalogSettings.objects.select_for_update().get_or_create(commune=commune)
    errors: dict[str, list[str]] = {}
    interval = values.get("confirmation_interval_months", settings.confirmation_interval_months)
    if not 1 <= interval <= 24:
        errors["confirmation_interval_months"] = [_("The interval lies between 1 and 24 months.")]
    before = values.get("reminder_days_before", settings.reminder_days_before)
    if before > 90:
        errors["reminder_days_before"] = [_("At most 90 days before the due date.")]
    if values.get("hide_after_days", settings.hide_after_days) > 365:
        errors["hide_after_days"] = [_("At most 365 days.")]
    if errors:
        raise ValidationError(errors)
    changes = {
        field: (getattr(settings, field), value)
        for field, value in values.items()
        if field in SETTINGS_FIELDS and getattr(settings, field) != value
    }
    if not changes:
        return settings
    for field, (_old, value) in changes.items():
        setattr(settings, field, value)
    settings.save()
    record(
        actor=actor,
        commune=commune,
        action=OfferAction.SETTINGS_CHANGED,
        target=settings,
        changes=changes,
    )
    return settings
