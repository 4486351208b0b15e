"""Changes coordinators make to their commune: settings, closing days, area figures.

Each function runs in one transaction and writes one audit event."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from lotse.core.access import require_actor_capability
from lotse.core.audit import CoreAction, record
from lotse.core.locking import check_version
from lotse.core.models import ClosingDay, Commune, SocialArea, SocialAreaFigures, User
from lotse.core.permissions import Capability

# The settings a coordinator may change (the name and slug belong to the operator).
COMMUNE_SETTINGS_FIELDS: tuple[str, ...] = (
    "federal_state",
    "saturday_is_working_day",
    "contact_deadline_working_days",
    "retention_case_months",
    "retention_health_documentation_years",
    "retention_welcome_visit_months",
    "retention_volunteer_check_months",
    "funding_application_deadline_month",
    "funding_application_deadline_day",
    "proof_of_use_deadline_month",
    "proof_of_use_deadline_day",
)

# (month field, day field) of each yearly deadline.
DEADLINE_FIELDS: tuple[tuple[str, str], ...] = (
    ("funding_application_deadline_month", "funding_application_deadline_day"),
    ("proof_of_use_deadline_month", "proof_of_use_deadline_day"),
)

FIGURE_FIELDS: tuple[str, ...] = (
    "inhabitants",
    "children_0_3",
    "children_0_3_in_poverty",
    "births",
)

# A year without 29 February: a yearly deadline must exist every year.
_NON_LEAP_YEAR = 2025


def deadline_error(month: int, day: int) -> str | None:
    """Why a yearly deadline of ``day``.``month``. cannot exist, or None if it can.
    The Dortmund guidelines' "31.9." is the example: September has no 31st day."""
    try:
        date(_NON_LEAP_YEAR, month, day)
    except ValueError:
        if month not in MONTHS:
            return _("There is no month %(month)s.") % {"month": month}
        if (month, day) == (2, 29):
            return _("29 February does not exist every year: please choose 28 February or 1 March.")
        return _("%(month)s has no day %(day)s.") % {"month": MONTHS[month], "day": day}
    return None


def figures_errors(
    *, inhabitants: int, children_0_3: int, children_0_3_in_poverty: int
) -> dict[str, str]:
    """Field errors of one year's figures: a part can never exceed the whole."""
    errors: dict[str, str] = {}
    if children_0_3 > inhabitants:
        errors["children_0_3"] = _("There cannot be more children aged 0–3 than inhabitants.")
    if children_0_3_in_poverty > children_0_3:
        errors["children_0_3_in_poverty"] = _(
            "There cannot be more children in poverty than children aged 0–3."
        )
    return errors


@transaction.atomic
def update_commune_settings(
    *,
    actor: User,
    commune: Commune,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> Commune:
    """Change the commune's settings. Only the fields in :data:`COMMUNE_SETTINGS_FIELDS`
    may be given; the audit event records each changed field with its old and new value.
    Nothing is written (and no event recorded) when no value differs. If someone saved
    after ``expected_version`` was loaded, :class:`EditConflict` names the differences."""
    unknown = set(values) - set(COMMUNE_SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not a commune setting: {', '.join(sorted(unknown))}")
    current = _lock_commune(actor, commune)
    check_version(
        current, expected_version=expected_version, yours=values, fields=COMMUNE_SETTINGS_FIELDS
    )
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        old = getattr(current, field)
        if old != new:
            changes[field] = (old, new)
            setattr(current, field, new)
    errors: dict[str, list[str]] = {}
    for month_field, day_field in DEADLINE_FIELDS:
        error = deadline_error(getattr(current, month_field), getattr(current, day_field))
        if error:
            errors[day_field] = [error]
    if errors:
        raise ValidationError(errors)
    current.full_clean(validate_unique=False, validate_constraints=False)
    if not changes:
        return current
    current.version += 1
    current.save(update_fields=[*changes, "version"])
    record(
        actor=actor,
        commune=current,
        action=CoreAction.COMMUNE_SETTINGS_CHANGED,
        target=current,
        changes=changes,
    )
    # Keep the caller's object (often request.commune) current.
    for field in [*changes, "version"]:
        setattr(commune, field, getattr(current, field))
    return current


def _lock_commune(actor: User, commune: Commune) -> Commune:
    """Check the actor may change the commune's settings and lock the commune's row, so
    two coordinators' saves of settings, closing days or figures happen one after the
    other (a double submit then meets the first one's result, not a unique-key error)."""
    require_actor_capability(actor, commune, Capability.MANAGE_COMMUNE_SETTINGS)
    locked: Commune = Commune.objects.select_for_update().get(pk=commune.pk)
    return locked


@transaction.atomic
def add_closing_day(*, actor: User, commune: Commune, day: date, label: str) -> ClosingDay:
    """Add a day on which the youth office is closed; deadlines skip it."""
    _lock_commune(actor, commune)
    if ClosingDay.objects.for_commune(commune).filter(date=day).exists():
        raise ValidationError({"date": [_("This day is already a closing day.")]})
    closing_day: ClosingDay = ClosingDay.all_communes.create(commune=commune, date=day, label=label)
    record(
        actor=actor,
        commune=commune,
        action=CoreAction.CLOSING_DAY_ADDED,
        target=closing_day,
        changes={"date": (None, day.isoformat()), "label": (None, label)},
    )
    return closing_day


@transaction.atomic
def remove_closing_day(*, actor: User, commune: Commune, closing_day: ClosingDay) -> None:
    _lock_commune(actor, commune)
    """Remove one of the commune's closing days."""
    if closing_day.commune_id != commune.pk:
        raise ValueError("The closing day belongs to another commune")
    record(
        actor=actor,
        commune=commune,
        action=CoreAction.CLOSING_DAY_REMOVED,
        target=closing_day,
        changes={
            "date": (closing_day.date.isoformat(), None),
            "label": (closing_day.label, None),
        },
    )
    closing_day.delete()


@transaction.atomic
def save_social_area_figures(
    *,
    actor: User,
    social_area: SocialArea,
    year: int,
    inhabitants: int,
    children_0_3: int,
    children_0_3_in_poverty: int,
    births: int,
) -> SocialAreaFigures:
    """Create or update one year's figures of a social area. An update that changes no
    figure writes nothing and records no event."""
    errors = figures_errors(
        inhabitants=inhabitants,
        children_0_3=children_0_3,
        children_0_3_in_poverty=children_0_3_in_poverty,
    )
    if errors:
        raise ValidationError({field: [message] for field, message in errors.items()})
    commune = _lock_commune(actor, Commune.objects.get(pk=social_area.commune_id))
    new_values = {
        "inhabitants": inhabitants,
        "children_0_3": children_0_3,
        "children_0_3_in_poverty": children_0_3_in_poverty,
        "births": births,
    }
    figures: SocialAreaFigures | None = (
        SocialAreaFigures.objects.for_commune(commune)
        .select_for_update()
        .filter(social_area=social_area, year=year)
        .first()
    )
    changes: dict[str, tuple[Any, Any]]
    if figures is None:
        figures = SocialAreaFigures(
            commune=commune, social_area=social_area, year=year, **new_values
        )
        changes = {"social_area": (None, social_area), "year": (None, year)}
        changes |= {field: (None, value) for field, value in new_values.items()}
    else:
        changes = {
            field: (getattr(figures, field), value)
            for field, value in new_values.items()
            if getattr(figures, field) != value
        }
        if not changes:
            return figures
        for field, value in new_values.items():
            setattr(figures, field, value)
    figures.full_clean(
        exclude=["commune", "social_area"], validate_unique=False, validate_constraints=False
    )
    figures.save()
    record(
        actor=actor,
        commune=commune,
        action=CoreAction.SOCIAL_AREA_FIGURES_SAVED,
        target=figures,
        changes=changes,
    )
    return figures
