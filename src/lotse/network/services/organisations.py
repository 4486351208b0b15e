"""Organisations, institution types and the commune's network settings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import Commune, SocialArea, User
from lotse.core.permissions import Capability
from lotse.network.access import require_edit_organisation
from lotse.network.actions import NetworkAction
from lotse.network.defaults import AGREEMENT_TEMPLATE, INSTITUTION_TYPES, PLACEHOLDERS
from lotse.network.models import InstitutionType, NetworkSettings, Organisation

ORGANISATION_FIELDS: tuple[str, ...] = (
    "name",
    "legal_carrier",
    "sector",
    "institution_type",
    "street",
    "postal_code",
    "city",
    "website",
    "phone",
    "email",
)
SETTINGS_FIELDS: tuple[str, ...] = (
    "objection_period_days",
    "mentor_deadline_days",
    "coordination_office_address",
    "agreement_template",
)
PLACEHOLDER_PATTERN = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")


def network_settings(commune: Commune) -> NetworkSettings:
    """The commune's network settings; the first use creates them with the defaults and
    seeds the institution types of the Bergkamen concept."""
    found = NetworkSettings.objects.filter(commune=commune).first()
    if found is not None and found.institution_types_seeded:
        return found
    with transaction.atomic():
        settings, _created = NetworkSettings.objects.select_for_update().get_or_create(
            commune=commune,
            defaults={
                "agreement_template": AGREEMENT_TEMPLATE,
                "coordination_office_address": commune.youth_office_name,
            },
        )
        if not settings.institution_types_seeded:
            seed_institution_types(commune)
            settings.institution_types_seeded = True
            settings.save(update_fields=["institution_types_seeded"])
    return settings


def seed_institution_types(commune: Commune) -> None:
    """Add the 21 kinds of institutions of the Bergkamen concept that are missing."""
    for position, (name, sector) in enumerate(INSTITUTION_TYPES, start=1):
        InstitutionType.all_communes.get_or_create(
            commune=commune,
            name=name,
            defaults={"default_sector": sector, "position": position},
        )


def template_errors(text: str) -> list[str]:
    unknown = sorted(
        {name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS}
    )
    return [
        _("The template uses the unknown placeholder “%(name)s”.") % {"name": name}
        for name in unknown
    ]


def fill_template(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER_PATTERN.sub(lambda match: values.get(match.group(1), ""), text)


def update_network_settings(
    *, actor: User, commune: Commune, values: Mapping[str, Any], expected_version: int | None
) -> NetworkSettings:
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    network_settings(commune)
    errors = template_errors(str(values.get("agreement_template", "")))
    if errors:
        raise ValidationError({"agreement_template": errors})
    with transaction.atomic():
        settings = NetworkSettings.objects.select_for_update().get(commune=commune)
        check_version(
            settings, expected_version=expected_version, yours=values, fields=SETTINGS_FIELDS
        )
        changes = {
            field: (getattr(settings, field), values[field])
            for field in SETTINGS_FIELDS
            if field in values and getattr(settings, field) != values[field]
        }
        for field, (_old, new) in changes.items():
            setattr(settings, field, new)
        settings.version += 1
        settings.save()
        if "agreement_template" in changes:
            changes["agreement_template"] = ("…", "…")
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.SETTINGS_CHANGED,
            target=settings,
            changes=changes,
        )
    return settings


def save_institution_type(
    *,
    actor: User,
    commune: Commune,
    name: str,
    default_sector: str,
    is_active: bool = True,
    institution_type: InstitutionType | None = None,
) -> InstitutionType:
    """Add a kind of institution to the commune's list, or rename/retire one."""
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Please enter a name.")})
    clash = InstitutionType.objects.for_commune(commune).filter(name__iexact=name)
    if institution_type is not None:
        clash = clash.exclude(pk=institution_type.pk)
    if clash.exists():
        raise ValidationError({"name": _("This institution type already exists.")})
    with transaction.atomic():
        if institution_type is None:
            last = InstitutionType.objects.for_commune(commune).order_by("-position").first()
            institution_type = InstitutionType.all_communes.create(
                commune=commune,
                name=name,
                default_sector=default_sector,
                is_active=is_active,
                position=(last.position + 1) if last else 1,
            )
            changes: dict[str, tuple[Any, Any]] = {"name": ("", name)}
        else:
            changes = {"name": (institution_type.name, name)}
            if institution_type.is_active != is_active:
                changes["is_active"] = (institution_type.is_active, is_active)
            institution_type.name = name
            institution_type.default_sector = default_sector
            institution_type.is_active = is_active
            institution_type.save()
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.INSTITUTION_TYPE_SAVED,
            target=institution_type,
            changes=changes,
        )
    return institution_type


def _normalise(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = dict(values)
    for field in ("name", "legal_carrier", "street", "postal_code", "city", "phone"):
        if field in cleaned and isinstance(cleaned[field], str):
            cleaned[field] = " ".join(cleaned[field].split())
    return cleaned


def duplicate_of(
    commune: Commune, *, name: str, street: str, postal_code: str, exclude: int | None = None
) -> Organisation | None:
    """An organisation of the commune with the same name and address (ignoring case)."""
    found = Organisation.objects.for_commune(commune).filter(
        name__iexact=name, street__iexact=street, postal_code=postal_code
    )
    if exclude is not None:
        found = found.exclude(pk=exclude)
    organisation: Organisation | None = found.first()
    return organisation


def _check(commune: Commune, values: Mapping[str, Any], exclude: int | None = None) -> None:
    if not values.get("name"):
        raise ValidationError({"name": _("Please enter a name.")})
    if duplicate_of(
        commune,
        name=values["name"],
        street=values.get("street", ""),
        postal_code=values.get("postal_code", ""),
        exclude=exclude,
    ):
        raise ValidationError(
            {"name": _("An organisation with this name and address already exists.")}
        )
    institution_type = values.get("institution_type")
    if institution_type is not None and institution_type.commune_id != commune.pk:
        raise ValidationError({"institution_type": _("Please choose a valid option.")})


def _check_areas(commune: Commune, social_areas: Iterable[SocialArea]) -> list[SocialArea]:
    areas = list(social_areas)
    if any(area.commune_id != commune.pk for area in areas):
        raise ValidationError({"social_areas": _("Please choose a valid option.")})
    return areas


def create_organisation(
    *,
    actor: User,
    commune: Commune,
    values: Mapping[str, Any],
    social_areas: Iterable[SocialArea] = (),
) -> Organisation:
    """A new organisation starts as a candidate; membership comes with an admission."""
    require_actor_capability(actor, commune, Capability.MANAGE_NETWORK)
    cleaned = _normalise(values)
    _check(commune, cleaned)
    areas = _check_areas(commune, social_areas)
    with transaction.atomic():
        organisation: Organisation = Organisation.all_communes.create(
            commune=commune,
            **{field: cleaned[field] for field in ORGANISATION_FIELDS if field in cleaned},
        )
        organisation.social_areas.set(areas)
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.ORGANISATION_CREATED,
            target=organisation,
            changes={"name": ("", organisation.name), "sector": ("", organisation.sector)},
        )
    return organisation


def update_organisation(
    *,
    actor: User,
    organisation: Organisation,
    values: Mapping[str, Any],
    social_areas: Iterable[SocialArea],
    expected_version: int | None,
) -> Organisation:
    """Change an organisation's data: coordinators any, partner staff their own. A stale
    version raises :class:`EditConflict` and changes nothing."""
    commune = organisation.commune
    require_edit_organisation(actor, organisation)
    cleaned = _normalise(values)
    _check(commune, cleaned, exclude=organisation.pk)
    areas = _check_areas(commune, social_areas)
    with transaction.atomic():
        current: Organisation = (
            Organisation.objects.for_commune(commune).select_for_update().get(pk=organisation.pk)
        )
        check_version(
            current, expected_version=expected_version, yours=cleaned, fields=ORGANISATION_FIELDS
        )
        changes: dict[str, tuple[Any, Any]] = {
            field: (getattr(current, field), cleaned[field])
            for field in ORGANISATION_FIELDS
            if field in cleaned and getattr(current, field) != cleaned[field]
        }
        for field, (_old, new) in changes.items():
            setattr(current, field, new)
        old_areas = sorted(area.name for area in current.social_areas.all())
        new_areas = sorted(area.name for area in areas)
        if old_areas != new_areas:
            changes["social_areas"] = (", ".join(old_areas), ", ".join(new_areas))
        current.version += 1
        current.save()
        current.social_areas.set(areas)
        record(
            actor=actor,
            commune=commune,
            action=NetworkAction.ORGANISATION_UPDATED,
            target=current,
            changes=changes,
        )
    return current
