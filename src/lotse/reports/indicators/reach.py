"""Indicators of the group "reach": how many families the network reaches against how
many young children live in each social area.

Population figures are the social area's figures of the year or, without them, of the
latest earlier year (:func:`lotse.reports.gaps.population_figures`); the commune's figure
adds up the areas that have figures. Drill-downs are counts per social area or month,
never a family."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from lotse.core.models import SocialArea, SocialAreaFigures
from lotse.referrals.support.figures import (
    WelcomeVisitCount,
    families_reached_by_social_area,
    welcome_visit_counts,
)
from lotse.reports.gaps import population_figures
from lotse.reports.indicators.access import month_label, share
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

PER_1000_PLACES = Decimal("0.1")

Row = list[str | int | Decimal | None]


def per_1000(count: int, children: int) -> Decimal | None:
    if not children:
        return None
    return (Decimal(count) * 1000 / Decimal(children)).quantize(PER_1000_PLACES)


def _areas(scope: Scope) -> list[SocialArea]:
    if scope.social_area is not None:
        return [scope.social_area]
    return list(SocialArea.objects.for_commune(scope.commune).order_by("name"))


# --- Families reached against children aged 0–3 --------------------------------------


def _families_result(scope: Scope, children_of: Callable[[SocialAreaFigures], int]) -> Result:
    population = population_figures(scope.commune, scope.year)
    reached = families_reached_by_social_area(scope.commune, scope.year)
    breakdown = []
    families_total = children_total = 0
    for area in _areas(scope):
        figures = population.get(area.pk)
        families = reached.get(area.pk, 0)
        children = None if figures is None else children_of(figures)
        breakdown.append(
            Figure(
                area.slug,
                area.name,
                None if children is None else per_1000(families, children),
                numerator=families,
                denominator=children,
            )
        )
        if children is not None:
            families_total += families
            children_total += children
    note = ""
    if scope.social_area is None and reached.get(None):
        note = _("%(count)s families without a social area are not counted.") % {
            "count": reached[None]
        }
    return Result(
        value=per_1000(families_total, children_total),
        breakdown=breakdown,
        numerator=families_total,
        denominator=children_total or None,
        note=note,
    )


def families_per_1000_children(scope: Scope) -> Result:
    return _families_result(scope, lambda figures: figures.children_0_3)


def families_per_1000_children_in_poverty(scope: Scope) -> Result:
    return _families_result(scope, lambda figures: figures.children_0_3_in_poverty)


def families_drilldown(scope: Scope, row_key: str | None) -> Table:
    """Per social area (or the one of ``row_key``): families reached and children."""
    population = population_figures(scope.commune, scope.year)
    reached = families_reached_by_social_area(scope.commune, scope.year)
    rows: list[Row] = []
    for area in _areas(scope):
        if row_key is not None and area.slug != row_key:
            continue
        figures = population.get(area.pk)
        rows.append(
            [
                area.name,
                reached.get(area.pk, 0),
                None if figures is None else figures.children_0_3,
                None if figures is None else figures.children_0_3_in_poverty,
                None if figures is None else figures.year,
            ]
        )
    return Table(
        columns=[
            Column(_("Social area")),
            Column(_("Families reached"), Unit.COUNT),
            Column(_("Children aged 0–3"), Unit.COUNT),
            Column(_("Children aged 0–3 in poverty"), Unit.COUNT),
            Column(_("Population figures of")),
        ],
        rows=rows,
    )


# --- Welcome visits against births ---------------------------------------------------


def _visits_by_area(scope: Scope) -> dict[int, list[WelcomeVisitCount]]:
    by_area: dict[int, list[WelcomeVisitCount]] = {}
    for count in welcome_visit_counts(scope.commune, scope.year, social_area=scope.social_area):
        by_area.setdefault(count.social_area_id, []).append(count)
    return by_area


def welcome_visit_coverage(scope: Scope) -> Result:
    population = population_figures(scope.commune, scope.year)
    visits = _visits_by_area(scope)
    breakdown = []
    visited_total = births_total = 0
    for area in _areas(scope):
        figures = population.get(area.pk)
        visited = sum(count.visited for count in visits.get(area.pk, []))
        births = None if figures is None else figures.births
        breakdown.append(
            Figure(
                area.slug,
                area.name,
                None if births is None else share(visited, births),
                numerator=visited,
                denominator=births,
            )
        )
        if births is not None:
            visited_total += visited
            births_total += births
    return Result(
        value=share(visited_total, births_total),
        breakdown=breakdown,
        numerator=visited_total,
        denominator=births_total or None,
    )


def welcome_visit_drilldown(scope: Scope, row_key: str | None) -> Table:
    """Headline: births and visits per social area; an area: its visits by month of birth."""
    visits = _visits_by_area(scope)
    counts = [
        Column(_("Newborns listed"), Unit.COUNT),
        Column(_("Visit offered"), Unit.COUNT),
        Column(_("Visited"), Unit.COUNT),
        Column(_("Declined"), Unit.COUNT),
        Column(_("Not reached"), Unit.COUNT),
    ]

    def numbers(found: list[WelcomeVisitCount]) -> Row:
        return [
            sum(c.listed for c in found),
            sum(c.offered for c in found),
            sum(c.visited for c in found),
            sum(c.declined for c in found),
            sum(c.not_reached for c in found),
        ]

    if row_key is None:
        population = population_figures(scope.commune, scope.year)
        rows: list[Row] = []
        for area in _areas(scope):
            figures = population.get(area.pk)
            births = None if figures is None else figures.births
            rows.append([area.name, births, *numbers(visits.get(area.pk, []))])
        return Table(
            columns=[Column(_("Social area")), Column(_("Births"), Unit.COUNT), *counts],
            rows=rows,
        )
    chosen = next((a for a in _areas(scope) if a.slug == row_key), None)
    found = [] if chosen is None else visits.get(chosen.pk, [])
    by_month: dict[str, list[WelcomeVisitCount]] = {}
    for count in found:
        by_month.setdefault(count.month, []).append(count)
    return Table(
        columns=[Column(_("Month of birth")), *counts],
        rows=[[month_label(month), *numbers(by_month[month])] for month in sorted(by_month)],
        note="" if chosen is None else chosen.name,
    )


INDICATORS: list[Indicator] = [
    Indicator(
        key="reach.families_per_1000_children",
        group=Group.REACH,
        title=_("Families reached per 1,000 children aged 0–3"),
        definition=_(
            "Families with a referral or help (brokered offer, health professional, "
            "volunteer sponsor, individual support) in the year, each counted once, per "
            "1,000 children aged 0–3 of the population figures; per social area of the "
            "family."
        ),
        unit=Unit.PER_1000,
        compute=families_per_1000_children,
        drilldown=families_drilldown,
    ),
    Indicator(
        key="reach.families_per_1000_children_in_poverty",
        group=Group.REACH,
        title=_("Families reached per 1,000 children aged 0–3 in poverty"),
        definition=_(
            "The same families reached in the year, per 1,000 children aged 0–3 living on "
            "basic income support (SGB II) according to the population figures."
        ),
        unit=Unit.PER_1000,
        compute=families_per_1000_children_in_poverty,
        drilldown=families_drilldown,
    ),
    Indicator(
        key="reach.welcome_visit_coverage",
        group=Group.REACH,
        title=_("Welcome visits per birth"),
        definition=_(
            "Newborns of the year whose family had a welcome visit, as a share of the "
            "year's births in the population figures, per social area."
        ),
        unit=Unit.SHARE,
        compute=welcome_visit_coverage,
        drilldown=welcome_visit_drilldown,
    ),
]
