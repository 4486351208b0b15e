"""Indicators of the group "finder": searches of families that found nothing.

The finder keeps nothing but anonymous counts per day, social area and life phase
(:class:`lotse.offers.finder.models.EmptySearchCount`): no search text, no address. The
drill-downs are aggregates too, by month."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lotse.core.models import SocialArea
from lotse.offers.finder.models import EmptySearchCount, LifePhaseFacet
from lotse.offers.finder.selectors import empty_searches
from lotse.reports.indicators.base import (
    Column,
    Figure,
    Group,
    Indicator,
    Result,
    Scope,
    Table,
    Unit,
)

NO_AREA = "none"


def _counts(scope: Scope) -> dict[tuple[int | None, str], int]:
    """Searches without a result in the year, in the scope's social area if it has one
    (searches that named no social area then do not count)."""
    counts = empty_searches(scope.commune, scope.start, scope.end)
    if scope.social_area is None:
        return counts
    area_id = scope.social_area.pk
    return {key: count for key, count in counts.items() if key[0] == area_id}


def _by_month(
    scope: Scope,
    *,
    area_id: int | None = None,
    filter_area: bool = False,
    phase: str | None = None,
    nothing: bool = False,
) -> Table:
    """The searches without a result per month of the year (January to December): all,
    or those of one social area (``area_id`` None: those naming none) or life phase;
    ``nothing`` for a row that cannot exist in the scope (every month zero)."""
    totals: dict[int, int] = {}
    if not nothing:
        rows = EmptySearchCount.objects.for_commune(scope.commune).filter(
            day__gte=scope.start, day__lte=scope.end
        )
        if filter_area:
            rows = rows.filter(social_area_id=area_id)
        if phase is not None:
            rows = rows.filter(life_phase=phase)
        totals = {
            int(row["month"]): int(row["total"])
            for row in rows.annotate(month=ExtractMonth("day"))
            .values("month")
            .annotate(total=Sum("searches"))
            .order_by()
        }
    return Table(
        columns=[Column(_("Month")), Column(_("Searches without a result"), Unit.COUNT)],
        rows=[
            [
                date_format(date(scope.year, month, 1), "F Y"),
                totals.get(month, 0),
            ]
            for month in range(1, 13)
        ],
    )


# By life phase ---------------------------------------------------------------------


def empty_searches_by_life_phase(scope: Scope) -> Result:
    counts = _counts(scope)
    per_phase: dict[str, int] = {}
    for (_area, phase), count in counts.items():
        per_phase[phase] = per_phase.get(phase, 0) + count
    return Result(
        value=sum(counts.values()),
        breakdown=[
            Figure(key=phase.value, label=phase.label, value=per_phase.get(phase.value, 0))
            for phase in LifePhaseFacet
        ],
    )


def empty_searches_by_life_phase_drilldown(scope: Scope, row_key: str | None) -> Table:
    area = scope.social_area
    return _by_month(
        scope,
        area_id=area.pk if area is not None else None,
        filter_area=area is not None,
        phase=row_key,
    )


# By social area --------------------------------------------------------------------


def _areas(scope: Scope) -> list[SocialArea]:
    if scope.social_area is not None:
        return [scope.social_area]
    return list(SocialArea.objects.for_commune(scope.commune).order_by("name"))


def empty_searches_by_social_area(scope: Scope) -> Result:
    counts = _counts(scope)
    per_area: dict[int | None, int] = {}
    for (area_id, _phase), count in counts.items():
        per_area[area_id] = per_area.get(area_id, 0) + count
    breakdown = [
        Figure(key=area.slug, label=area.name, value=per_area.get(area.pk, 0))
        for area in _areas(scope)
    ]
    if scope.social_area is None:
        breakdown.append(
            Figure(key=NO_AREA, label=_("No social area given"), value=per_area.get(None, 0))
        )
    return Result(value=sum(counts.values()), breakdown=breakdown)


def empty_searches_by_social_area_drilldown(scope: Scope, row_key: str | None) -> Table:
    if row_key is None:
        return empty_searches_by_life_phase_drilldown(scope, None)
    if row_key == NO_AREA:
        # Searches naming no social area are outside a scope with one.
        return _by_month(scope, filter_area=True, nothing=scope.social_area is not None)
    area = next((area for area in _areas(scope) if area.slug == row_key), None)
    if area is None:
        return _by_month(scope, nothing=True)
    return _by_month(scope, area_id=area.pk, filter_area=True)


INDICATORS: list[Indicator] = [
    Indicator(
        key="finder.empty_searches",
        group=Group.FINDER,
        title=_("Searches without a result, by life phase"),
        definition=_(
            "Searches in the public finder during the year that found no offer, by the life "
            "phase the search asked for (anonymous daily counts). With a social area: the "
            "searches that named it."
        ),
        unit=Unit.COUNT,
        compute=empty_searches_by_life_phase,
        drilldown=empty_searches_by_life_phase_drilldown,
    ),
    Indicator(
        key="finder.empty_searches_by_social_area",
        group=Group.FINDER,
        title=_("Searches without a result, by social area"),
        definition=_(
            "Searches in the public finder during the year that found no offer, by the "
            "social area the search named (anonymous daily counts)."
        ),
        unit=Unit.COUNT,
        compute=empty_searches_by_social_area,
        drilldown=empty_searches_by_social_area_drilldown,
    ),
]
