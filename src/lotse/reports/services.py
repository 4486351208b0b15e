"""Every change users make to reports: the commune's weight of the poverty share, the
children per age group, the annual report's texts; and the audited downloads."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import record
from lotse.core.locking import check_version
from lotse.core.models import Commune, SocialArea, User
from lotse.core.permissions import Capability
from lotse.offers.ages import LifePhase
from lotse.reports.audit import ReportsAction
from lotse.reports.models import AgeGroupFigures, AnnualReport, ReportSettings

ANNUAL_REPORT_FIELDS: tuple[str, ...] = (
    "coordination_staff",
    "coordination_hours_per_week",
    *AnnualReport.TEXT_FIELDS,
)
DOWNLOAD_KINDS = ("pdf", "xlsx")
SURVEY_KINDS = ("xlsx", "csv")


def report_settings_of(commune: Commune) -> ReportSettings:
    """The commune's settings; the defaults (not saved) when it never set any."""
    found: ReportSettings | None = ReportSettings.objects.for_commune(commune).first()
    return found if found is not None else ReportSettings(commune=commune)


@transaction.atomic
def update_report_settings(
    *, actor: User, commune: Commune, poverty_weight: Decimal
) -> ReportSettings:
    require_actor_capability(actor, commune, Capability.MANAGE_REPORTS)
    current: ReportSettings | None = (
        ReportSettings.objects.for_commune(commune).select_for_update().first()
    )
    if current is None:
        current = ReportSettings(commune=commune)
    old = current.poverty_weight if current.pk else None
    current.poverty_weight = poverty_weight
    current.full_clean(validate_unique=False, validate_constraints=False)
    if old == poverty_weight:
        return current
    current.save()
    record(
        actor=actor,
        commune=commune,
        action=ReportsAction.SETTINGS_CHANGED,
        changes={"poverty_weight": (old, poverty_weight)},
    )
    return current


@transaction.atomic
def save_age_group_figures(
    *,
    actor: User,
    commune: Commune,
    year: int,
    figures: Mapping[tuple[SocialArea, LifePhase], int | None],
) -> int:
    """Set the children per social area and life phase of ``year``; ``None`` removes a
    figure. Returns how many figures changed."""
    require_actor_capability(actor, commune, Capability.MANAGE_REPORTS)
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Choose a year from 2000 to 2100."))
    for area, _phase in figures:
        if area.commune_id != commune.pk:
            raise ValidationError(_("Choose one of the commune's social areas."))
    existing = {
        (row.social_area_id, row.life_phase): row
        for row in AgeGroupFigures.objects.for_commune(commune)
        .select_for_update()
        .filter(year=year)
    }
    changes: dict[str, tuple[Any, Any]] = {}
    for (area, phase), children in figures.items():
        if children is not None and children < 0:
            raise ValidationError(_("A number of children cannot be negative."))
        row = existing.get((area.pk, phase.value))
        old = row.children if row is not None else None
        if old == children:
            continue
        changes[f"{area.slug}/{phase.value}"] = (old, children)
        if children is None and row is not None:
            row.delete()
        elif row is not None and children is not None:
            row.children = children
            row.save(update_fields=["children"])
        elif children is not None:
            AgeGroupFigures.objects.for_commune(commune).create(
                commune=commune, social_area=area, year=year, life_phase=phase, children=children
            )
    if changes:
        record(
            actor=actor,
            commune=commune,
            action=ReportsAction.AGE_GROUP_FIGURES_SAVED,
            changes={"year": (None, year), **changes},
        )
    return len(changes)


@transaction.atomic
def save_annual_report(
    *,
    actor: User,
    commune: Commune,
    year: int,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> AnnualReport:
    """Save the texts and staffing of ``year``'s report (created on its first save). If
    someone saved in between, :class:`~lotse.core.locking.EditConflict` names both
    versions and nothing is saved."""
    require_actor_capability(actor, commune, Capability.MANAGE_REPORTS)
    unknown = set(values) - set(ANNUAL_REPORT_FIELDS)
    if unknown:
        raise ValueError(f"Not a field of the annual report: {', '.join(sorted(unknown))}")
    current: AnnualReport | None = (
        AnnualReport.objects.for_commune(commune).select_for_update().filter(year=year).first()
    )
    if current is None:
        current = AnnualReport(commune=commune, year=year, version=0)
    check_version(
        current, expected_version=expected_version, yours=values, fields=ANNUAL_REPORT_FIELDS
    )
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        old = getattr(current, field)
        if old != new:
            changes[field] = (old, new)
            setattr(current, field, new)
    current.full_clean(validate_unique=False, validate_constraints=False)
    if not changes and current.pk:
        return current
    current.version += 1
    current.updated_at = timezone.now()
    current.updated_by = actor
    current.save()
    record(
        actor=actor,
        commune=commune,
        action=ReportsAction.ANNUAL_REPORT_SAVED,
        target=current,
        changes=changes,
    )
    return current


@transaction.atomic
def record_download(*, actor: User, commune: Commune, year: int, kind: str) -> None:
    """Note who downloaded the annual report (``pdf``, ``xlsx``) of a year."""
    require_actor_capability(actor, commune, Capability.VIEW_REPORTS)
    if kind not in DOWNLOAD_KINDS:
        raise ValueError(f"Unknown download: {kind}")
    record(
        actor=actor,
        commune=commune,
        action=ReportsAction.ANNUAL_REPORT_DOWNLOADED,
        changes={"year": (None, year), "format": (None, kind)},
    )


@transaction.atomic
def record_survey_download(*, actor: User, commune: Commune, year: int, kind: str) -> None:
    """Note who downloaded the survey figures (``xlsx``, ``csv``) of a year."""
    require_actor_capability(actor, commune, Capability.VIEW_REPORTS)
    if kind not in SURVEY_KINDS:
        raise ValueError(f"Unknown download: {kind}")
    record(
        actor=actor,
        commune=commune,
        action=ReportsAction.SURVEY_EXPORT_DOWNLOADED,
        changes={"year": (None, year), "format": (None, kind)},
    )
