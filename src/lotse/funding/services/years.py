"""Funding years and the commune's funding settings (coordination office)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import Commune, User
from lotse.core.permissions import Capability
from lotse.funding.actions import FundingAction
from lotse.funding.models import COMMITTING, ZERO, Application, FundingSettings, FundingYear
from lotse.funding.money import euro

YEAR_FIELDS: tuple[str, ...] = (
    "federal_fund",
    "state_share_percent",
    "allocation",
    "allocation_confirmed",
    "municipal_funds",
    "other_funds",
    "other_funds_note",
    "priorities",
)
SETTINGS_FIELDS: tuple[str, ...] = (
    "funding_areas",
    "round_to_cents",
    "max_upload_megabytes",
)


@transaction.atomic
def create_funding_year(*, actor: User, commune: Commune, year: int) -> FundingYear:
    require_actor_capability(actor, commune, Capability.MANAGE_FUNDING)
    if FundingYear.objects.for_commune(commune).filter(year=year).exists():
        raise ValidationError(
            {"year": _("The funding year %(year)s exists already.") % {"year": year}}
        )
    funding_year = FundingYear(commune=commune, year=year)
    funding_year.full_clean(validate_unique=False, validate_constraints=False)
    funding_year.save()
    record(actor=actor, commune=commune, action=FundingAction.YEAR_CREATED, target=funding_year)
    return funding_year


def committed(funding_year: FundingYear) -> Decimal:
    """The approved amounts of the year, released or not."""
    total: Decimal | None = (
        Application.objects.for_commune(funding_year.commune)
        .filter(funding_year=funding_year, status__in=COMMITTING)
        .aggregate(total=Sum("approved_amount"))["total"]
    )
    return total or ZERO


@transaction.atomic
def update_funding_year(
    *,
    actor: User,
    funding_year: FundingYear,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> FundingYear:
    """Change a year's fund, allocation and priorities. The budget can never drop below
    what has been approved already."""
    commune = funding_year.commune
    require_actor_capability(actor, commune, Capability.MANAGE_FUNDING)
    unknown = set(values) - set(YEAR_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of the funding year: {', '.join(sorted(unknown))}")
    current: FundingYear = (
        FundingYear.objects.for_commune(commune).select_for_update().get(pk=funding_year.pk)
    )
    check_version(current, expected_version=expected_version, yours=values, fields=YEAR_FIELDS)
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        old = getattr(current, field)
        if old != new:
            changes[field] = (old, new)
            setattr(current, field, new)
    current.full_clean(validate_unique=False, validate_constraints=False)
    if current.budget < committed(current):
        raise ValidationError(
            _("The budget would be smaller than the %(amount)s approved already.")
            % {"amount": euro(committed(current))}
        )
    if not changes:
        return current
    current.version += 1
    current.save()
    record(
        actor=actor,
        commune=commune,
        action=FundingAction.YEAR_CHANGED,
        target=current,
        changes=changes,
    )
    return current


@transaction.atomic
def update_funding_settings(
    *, actor: User, commune: Commune, values: Mapping[str, Any]
) -> FundingSettings:
    require_actor_capability(actor, commune, Capability.MANAGE_FUNDING)
    current, _created = FundingSettings.objects.select_for_update().get_or_create(commune=commune)
    changes: dict[str, tuple[Any, Any]] = {}
    for field in SETTINGS_FIELDS:
        if field in values and getattr(current, field) != values[field]:
            changes[field] = (getattr(current, field), values[field])
            setattr(current, field, values[field])
    if not current.funding_areas:
        raise ValidationError({"funding_areas": _("Name at least one funding area.")})
    current.full_clean()
    if changes:
        current.save()
        record(
            actor=actor,
            commune=commune,
            action=FundingAction.SETTINGS_CHANGED,
            changes=changes,
        )
    return current
