"""The gap analysis of the prevention chain: per social area and life phase, the supply
(offers, places, hours per week) against the need (children of that age, weighted by the
area's poverty share), so that the cells with the most need and the least supply come
first ("Ungleiches ungleich behandeln", seed 004).

Definitions (also in the notes of the docs):

- **Supply** of a cell: the offers the public finder shows on the year's reference date
  (31 December, or today for the current year) that serve the social area
  (:mod:`lotse.offers.chain`: the areas of its places and the areas it serves; neither
  means the whole commune) and the life phase. An offer serving several areas counts in
  full in each of them. ``places`` adds up the places the offers state (offers without a
  figure add nothing); ``hours_per_week`` adds up their schedules, see
  :func:`schedule_hours_per_week`.
- **Children** of a cell: the age-group figures entered for the area and phase (the
  latest up to the year); without them derived from the area's population figures (the
  latest up to the year): pregnancy and 0–1 year ≈ births, 1–3 years ≈ children aged 0–3
  minus births; other phases have no figure then.
- **Poverty share**: children aged 0–3 in poverty (SGB II) / children aged 0–3 of the
  area, from the same population figures. It weighs every phase of the area.
- **Need** = children × (1 + weight × poverty share); the weight is the commune's
  (:class:`~lotse.reports.models.ReportSettings`, 1.00 by default). An unknown poverty
  share weighs nothing: need = children.
- **Ranking**: cells with a need above 0, fewest offers per 1,000 need first (no offer at
  all is the biggest gap), equal ones by the higher need; then cells whose need is 0; cells
  without a need figure last.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils import timezone

from lotse.core.models import Commune, SocialArea, SocialAreaFigures
from lotse.offers.ages import LifePhase
from lotse.offers.chain import area_ids_of
from lotse.offers.models import Offer, OfferLocation, Schedule, ScheduleKind
from lotse.offers.selectors import publicly_visible
from lotse.reports.models import AgeGroupFigures, ReportSettings

DEFAULT_POVERTY_WEIGHT = Decimal("1.00")
WEEKS_PER_YEAR = Decimal(52)
MONTHS_PER_YEAR = Decimal(12)
CENTS = Decimal("0.01")
SHARE_PLACES = Decimal("0.0001")
PHASES: tuple[LifePhase, ...] = tuple(LifePhase)


@dataclass(frozen=True)
class GapCell:
    social_area: SocialArea
    life_phase: LifePhase
    offers: int
    places: int
    hours_per_week: Decimal
    children: int | None
    poverty_share: Decimal | None
    need: Decimal | None
    supply_per_1000_need: Decimal | None
    rank: int  # 1 = the biggest gap


def poverty_weight(commune: Commune) -> Decimal:
    """The commune's weight of the poverty share; the default 1.00 while it has set none
    (nothing is created)."""
    weight = (
        ReportSettings.objects.for_commune(commune).values_list("poverty_weight", flat=True).first()
    )
    return DEFAULT_POVERTY_WEIGHT if weight is None else Decimal(weight)


def reference_date(year: int) -> datetime.date:
    """The day the supply of ``year`` is read on: 31 December, or today for the current
    year (the same rule as the indicators' :class:`~lotse.reports.indicators.Scope`)."""
    return min(datetime.date(year, 12, 31), timezone.localdate())


def population_figures(commune: Commune, year: int) -> dict[int, SocialAreaFigures]:
    """Per social area id, its population figures of ``year`` or, without them, of the
    latest earlier year (one query)."""
    latest: dict[int, SocialAreaFigures] = {}
    rows = (
        SocialAreaFigures.objects.for_commune(commune)
        .filter(year__lte=year)
        .order_by("social_area_id", "-year")
    )
    for row in rows:
        latest.setdefault(row.social_area_id, row)
    return latest


def _age_group_children(commune: Commune, year: int) -> dict[tuple[int, str], int]:
    latest: dict[tuple[int, str], int] = {}
    rows = (
        AgeGroupFigures.objects.for_commune(commune)
        .filter(year__lte=year)
        .order_by("social_area_id", "life_phase", "-year")
        .values_list("social_area_id", "life_phase", "children")
    )
    for area_id, phase, children in rows:
        latest.setdefault((area_id, phase), children)
    return latest


def derived_children(figures: SocialAreaFigures | None, phase: LifePhase) -> int | None:
    """Children of a life phase estimated from the population figures: pregnancy and the
    first year ≈ births, the second and third year ≈ children aged 0–3 minus births."""
    if figures is None:
        return None
    if phase in (LifePhase.PREGNANCY, LifePhase.AGE_0_1):
        return figures.births
    if phase == LifePhase.AGE_1_3:
        return max(figures.children_0_3 - figures.births, 0)
    return None


def poverty_share(figures: SocialAreaFigures | None) -> Decimal | None:
    """Exact share of children aged 0–3 in poverty; ``None`` without figures or children."""
    if figures is None or not figures.children_0_3:
        return None
    return Decimal(figures.children_0_3_in_poverty) / Decimal(figures.children_0_3)


def _duration_hours(schedule: Schedule) -> Decimal:
    if schedule.opens_at is None or schedule.closes_at is None:
        return Decimal(0)
    opens = schedule.opens_at.hour * 60 + schedule.opens_at.minute
    closes = schedule.closes_at.hour * 60 + schedule.closes_at.minute
    return Decimal(max(closes - opens, 0)) / Decimal(60)


def _runs_in(schedule: Schedule, year: int) -> bool:
    if schedule.kind in (ScheduleKind.COURSE, ScheduleKind.ONE_OFF):
        return schedule.dtstart is None or schedule.dtstart.year == year
    if schedule.valid_from is not None and schedule.valid_from.year > year:
        return False
    return schedule.valid_until is None or schedule.valid_until.year >= year


def schedule_hours_per_week(schedule: Schedule, year: int) -> Decimal:
    """Average hours per week a schedule offers in ``year`` (unrounded).

    Weekly: weekdays × duration (no weekday named: one day); every two weeks: half of
    that; monthly: weekdays × duration × 12 / 52. A course: sessions × duration spread over
    the 52 weeks of the year (a course is a year's supply, not a week's), counted in the
    year of its first date; a one-off event: its duration / 52. By arrangement, and a
    schedule without both times, offers no countable hours. Recurring schedules count when
    their validity overlaps the year."""
    if not _runs_in(schedule, year):
        return Decimal(0)
    duration = _duration_hours(schedule)
    days = Decimal(len(schedule.weekday_codes) or 1)
    sessions_per_week: dict[str, Decimal] = {
        ScheduleKind.WEEKLY: days,
        ScheduleKind.EVERY_TWO_WEEKS: days / 2,
        ScheduleKind.MONTHLY: days * MONTHS_PER_YEAR / WEEKS_PER_YEAR,
        ScheduleKind.COURSE: Decimal(schedule.count or 1) / WEEKS_PER_YEAR,
        ScheduleKind.ONE_OFF: 1 / WEEKS_PER_YEAR,
    }
    return sessions_per_week.get(schedule.kind, Decimal(0)) * duration


def offer_hours_per_week(offer: Offer, year: int) -> Decimal:
    """The offer's schedules and those of each of its places, added up: an offer held at
    two places offers the hours of both (uses prefetched schedules)."""
    schedules: list[Schedule] = list(offer.schedules.all())
    for item in offer.offer_locations.all():
        schedules.extend(item.schedules.all())
    return sum((schedule_hours_per_week(s, year) for s in schedules), Decimal(0))


def _supply_offers(commune: Commune, year: int) -> list[Offer]:
    return list(
        publicly_visible(commune, reference_date(year))
        .prefetch_related(
            "schedules",
            Prefetch(
                "offer_locations",
                queryset=OfferLocation.objects.select_related("location").prefetch_related(
                    "schedules"
                ),
            ),
            "service_areas",
        )
        .order_by("name", "pk")
    )


@dataclass
class _Supply:
    offers: int = 0
    places: int = 0
    hours: Decimal = Decimal(0)


def _supply(
    offers: Iterable[Offer], area_ids: set[int], year: int
) -> dict[tuple[int, LifePhase], _Supply]:
    supply: dict[tuple[int, LifePhase], _Supply] = {}
    for offer in offers:
        hours = offer_hours_per_week(offer, year)
        for area_id in area_ids_of(offer, area_ids) & area_ids:
            for phase in offer.life_phases:
                cell = supply.setdefault((area_id, phase), _Supply())
                cell.offers += 1
                cell.places += offer.places or 0
                cell.hours += hours
    return supply


def _ranking_key(cell: GapCell) -> tuple[int, Decimal, Decimal, str, int]:
    phase_index = PHASES.index(cell.life_phase)
    if cell.need is None:
        return (2, Decimal(0), Decimal(0), cell.social_area.name, phase_index)
    if cell.supply_per_1000_need is None:  # need 0: nobody to serve, no gap
        return (1, Decimal(0), Decimal(0), cell.social_area.name, phase_index)
    return (0, cell.supply_per_1000_need, -cell.need, cell.social_area.name, phase_index)


def gap_analysis(commune: Commune, year: int) -> list[GapCell]:
    """Every social area × life phase of the commune with supply and need in ``year``,
    the biggest gap first (see the module's definitions); a fixed number of queries."""
    areas = list(SocialArea.objects.for_commune(commune).order_by("name", "pk"))
    area_ids = {area.pk for area in areas}
    weight = poverty_weight(commune)
    population = population_figures(commune, year)
    age_groups = _age_group_children(commune, year)
    supply = _supply(_supply_offers(commune, year), area_ids, year)
    cells: list[GapCell] = []
    for area in areas:
        figures = population.get(area.pk)
        share = poverty_share(figures)
        for phase in PHASES:
            found = supply.get((area.pk, phase), _Supply())
            children = age_groups.get((area.pk, phase.value), derived_children(figures, phase))
            need: Decimal | None = None
            per_1000: Decimal | None = None
            if children is not None:
                exact = Decimal(children) * (1 + weight * (share or 0))
                need = exact.quantize(CENTS, rounding=ROUND_HALF_UP)
                if exact > 0:
                    per_1000 = (Decimal(found.offers) * 1000 / exact).quantize(
                        CENTS, rounding=ROUND_HALF_UP
                    )
            cells.append(
                GapCell(
                    social_area=area,
                    life_phase=phase,
                    offers=found.offers,
                    places=found.places,
                    hours_per_week=found.hours.quantize(CENTS, rounding=ROUND_HALF_UP),
                    children=children,
                    poverty_share=None
                    if share is None
                    else share.quantize(SHARE_PLACES, rounding=ROUND_HALF_UP),
                    need=need,
                    supply_per_1000_need=per_1000,
                    rank=0,
                )
            )
    cells.sort(key=_ranking_key)
    return [replace(cell, rank=rank) for rank, cell in enumerate(cells, start=1)]
