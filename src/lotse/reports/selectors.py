"""Indicators computed for a scope, ready for a page, the PDF or the workbook: the value
as German text, the breakdown rows with their drill-down keys, and the chart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import SafeString

from lotse.core.models import Commune, SocialArea
from lotse.offers.ages import LifePhase
from lotse.reports import gaps
from lotse.reports import indicators as registry
from lotse.reports.charts import bar_chart
from lotse.reports.formats import format_ratio, format_value, plain
from lotse.reports.gaps import GapCell
from lotse.reports.indicators import Figure, Group, Indicator, Result, Scope, Unit


@dataclass(frozen=True)
class Row:
    figure: Figure
    value_text: str
    ratio_text: str
    details_url: str


@dataclass(frozen=True)
class Shown:
    """An indicator's result for a scope, with everything a page shows of it."""

    indicator: Indicator
    scope: Scope  # the scope computed: the whole commune for commune-wide indicators
    result: Result
    # A social area was asked for but the indicator exists only for the whole commune.
    commune_figure_only: bool
    # The social area's slug the reader filtered by ("" for the whole commune): links keep it.
    asked_area: str = ""

    @property
    def value_text(self) -> str:
        return format_value(self.result.value, self.indicator.unit)

    @property
    def ratio_text(self) -> str:
        return format_ratio(self.result.numerator, self.result.denominator, self.indicator.unit)

    @property
    def row_unit(self) -> Unit:
        return self.indicator.breakdown_unit or self.indicator.unit

    @property
    def rows(self) -> list[Row]:
        unit = self.row_unit
        return [
            Row(
                figure=figure,
                value_text=format_value(figure.value, unit),
                ratio_text=format_ratio(figure.numerator, figure.denominator, unit),
                details_url=self._details(figure.key),
            )
            for figure in self.result.breakdown
        ]

    @property
    def chart_figures(self) -> Sequence[Figure]:
        if self.result.breakdown:
            return self.result.breakdown
        return [Figure(key="", label=self.indicator.title, value=self.result.value)]

    @property
    def chart_unit(self) -> Unit:
        return self.row_unit if self.result.breakdown else self.indicator.unit

    def chart(self, prefix: str = "chart") -> SafeString:
        return bar_chart(
            self.chart_figures,
            self.chart_unit,
            chart_id=f"{prefix}-{self.indicator.key}",
            title=str(self.indicator.title),
            description=str(self.indicator.definition),
        )

    @property
    def details_url(self) -> str:
        """The list behind the headline; empty when the indicator has none."""
        return self._details(None)

    def _details(self, row: str | None) -> str:
        if self.indicator.drilldown is None:
            return ""
        return details_url(self.indicator, self.scope, row, asked_area=self.asked_area)


def query_string(year: int, area_slug: str, row: str | None = None) -> str:
    params: dict[str, str] = {}
    if row is not None:
        params["row"] = row
    params["year"] = str(year)
    if area_slug:
        params["area"] = area_slug
    return urlencode(params)


def details_url(indicator: Indicator, scope: Scope, row: str | None, *, asked_area: str) -> str:
    base = reverse(
        "reports:details", kwargs={"commune_slug": scope.commune.slug, "key": indicator.key}
    )
    return f"{base}?{query_string(scope.year, asked_area, row)}"


def effective_scope(indicator: Indicator, scope: Scope) -> Scope:
    """Commune-wide indicators are computed for the whole commune, whatever is asked."""
    if scope.social_area is not None and not indicator.by_social_area:
        return Scope(commune=scope.commune, year=scope.year, social_area=None)
    return scope


def show(indicator: Indicator, scope: Scope) -> Shown:
    used = effective_scope(indicator, scope)
    asked_area = scope.social_area.slug if scope.social_area is not None else ""
    return Shown(
        indicator=indicator,
        scope=used,
        result=indicator.compute(used),
        commune_figure_only=used is not scope,
        asked_area=asked_area,
    )


@dataclass(frozen=True)
class Section:
    group: Group
    shown: list[Shown]


def sections(scope: Scope, indicators: Iterable[Indicator] | None = None) -> list[Section]:
    """The indicators by group, in the order of :class:`Group`; empty groups left out."""
    chosen = list(registry.ALL if indicators is None else indicators)
    result = []
    for group in Group:
        members = [show(indicator, scope) for indicator in chosen if indicator.group == group]
        if members:
            result.append(Section(group=group, shown=members))
    return result


def gap_analysis(commune: Commune, year: int) -> list[GapCell]:
    """The gap analysis of :mod:`lotse.reports.gaps`, most need and least supply first."""
    return gaps.gap_analysis(commune, year)


def poverty_weight(commune: Commune) -> Decimal:
    return gaps.poverty_weight(commune)


# Heat levels of the gap matrix: the first fifth of the ranks is level 5 (biggest gaps).
HEAT_LEVELS = 5


@dataclass(frozen=True)
class MatrixCell:
    line: GapLine | None
    phase: LifePhase
    level: int  # 0 (no figure) to 5 (among the biggest gaps)


@dataclass(frozen=True)
class MatrixRow:
    area: SocialArea
    cells: list[MatrixCell]


def gap_matrix(cells: Sequence[GapCell]) -> list[MatrixRow]:
    """The cells as social area × life phase, each with its heat level by rank."""
    total = len(cells)
    by_area: dict[int, dict[str, GapCell]] = {}
    areas: dict[int, SocialArea] = {}
    for cell in cells:
        areas[cell.social_area.pk] = cell.social_area
        by_area.setdefault(cell.social_area.pk, {})[LifePhase(cell.life_phase).value] = cell
    rows = []
    for area in sorted(areas.values(), key=lambda area: area.name):
        row_cells = []
        for phase in LifePhase:
            found = by_area[area.pk].get(phase.value)
            level = 0
            if found is not None and found.need is not None and total:
                level = HEAT_LEVELS - (found.rank - 1) * HEAT_LEVELS // total
            row_cells.append(
                MatrixCell(
                    line=gap_line(found) if found is not None else None, phase=phase, level=level
                )
            )
        rows.append(MatrixRow(area=area, cells=row_cells))
    return rows


@dataclass(frozen=True)
class GapLine:
    """A cell of the gap analysis with its figures as German text."""

    cell: GapCell
    phase: LifePhase
    hours: str
    children: str
    poverty: str
    need: str
    supply: str


def gap_line(cell: GapCell) -> GapLine:
    return GapLine(
        cell=cell,
        phase=LifePhase(cell.life_phase),
        hours=format_value(cell.hours_per_week, Unit.HOURS),
        children=format_value(cell.children, Unit.COUNT),
        poverty=format_value(cell.poverty_share, Unit.SHARE),
        need=plain(cell.need, Unit.DAYS),
        supply=plain(cell.supply_per_1000_need, Unit.PER_1000),
    )
