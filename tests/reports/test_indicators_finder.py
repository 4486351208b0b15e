"""Finder indicators against hand-counted searches without a result in Bergkamen, 2025:
10 Jan Mitte 0–1 year: 3; 20 Jan Mitte pregnancy: 2; 5 Mar Oberaden 0–1 year: 4;
6 Mar no area, no life phase: 5. Not counted: 31 Dec 2024, 1 Jan 2026, Dortmund."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from time_machine import TimeMachineFixture

from lotse.core.models import Commune, SocialArea
from lotse.network.models import Organisation
from lotse.offers.finder.models import EmptySearchCount
from lotse.reports.indicators import ALL, Scope, Unit
from tests.conftest import World
from tests.reports.factories_indicators import (
    area,
    column,
    compute,
    drilldown,
    mitte,
    queries_of_every_indicator,
    values,
)

YEAR = 2025
KEYS = ["finder.empty_searches", "finder.empty_searches_by_social_area"]


@dataclass
class Areas:
    mitte: SocialArea
    oberaden: SocialArea
    weddinghofen: SocialArea


def count(
    commune: Commune, day: date, social_area: SocialArea | None, phase: str, searches: int
) -> None:
    EmptySearchCount.all_communes.create(
        commune=commune, day=day, social_area=social_area, life_phase=phase, searches=searches
    )


@pytest.fixture
def areas(world: World, time_machine: TimeMachineFixture) -> Areas:
    time_machine.move_to(datetime(2026, 3, 1, 9, tzinfo=UTC))
    commune = world.bergkamen
    centre, oberaden = mitte(commune), area(commune, "Oberaden")
    count(commune, date(2025, 1, 10), centre, "0-1", 3)
    count(commune, date(2025, 1, 20), centre, "pregnancy", 2)
    count(commune, date(2025, 3, 5), oberaden, "0-1", 4)
    count(commune, date(2025, 3, 6), None, "any", 5)
    count(commune, date(2024, 12, 31), centre, "0-1", 7)
    count(commune, date(2026, 1, 1), centre, "0-1", 1)
    count(world.dortmund, date(2025, 1, 10), mitte(world.dortmund), "0-1", 9)
    return Areas(centre, oberaden, area(commune, "Weddinghofen"))


def months(table_rows: list[int]) -> dict[int, int]:
    """{month: count} of the months with searches."""
    return {number: value for number, value in enumerate(table_rows, start=1) if value}


def test_empty_searches_by_life_phase(world: World, areas: Areas) -> None:
    result = compute("finder.empty_searches", world.bergkamen, YEAR)
    assert result.value == 14
    assert values(result) == {
        "pregnancy": 2,
        "0-1": 7,
        "1-3": 0,
        "3-6": 0,
        "6-10": 0,
        "10-16": 0,
        "16-27": 0,
        "any": 5,
    }


def test_the_drilldown_is_a_count_per_month(world: World, areas: Areas) -> None:
    table = drilldown("finder.empty_searches", world.bergkamen, YEAR)
    assert len(table.rows) == 12
    assert "2025" in str(table.rows[0][0])
    assert months(column(table, 1)) == {1: 5, 3: 9}
    phase = drilldown("finder.empty_searches", world.bergkamen, YEAR, "0-1")
    assert months(column(phase, 1)) == {1: 3, 3: 4}


def test_empty_searches_by_social_area_keep_searches_naming_none(
    world: World, areas: Areas
) -> None:
    result = compute("finder.empty_searches_by_social_area", world.bergkamen, YEAR)
    assert result.value == 14
    assert values(result) == {"mitte": 5, "oberaden": 4, "weddinghofen": 0, "none": 5}
    none = drilldown("finder.empty_searches_by_social_area", world.bergkamen, YEAR, "none")
    assert months(column(none, 1)) == {3: 5}
    centre = drilldown("finder.empty_searches_by_social_area", world.bergkamen, YEAR, "mitte")
    assert months(column(centre, 1)) == {1: 5}


def test_a_social_area_counts_only_the_searches_naming_it(world: World, areas: Areas) -> None:
    result = compute("finder.empty_searches", world.bergkamen, YEAR, areas.mitte)
    assert result.value == 5
    assert values(result)["0-1"] == 3
    assert values(result)["any"] == 0
    by_area = compute("finder.empty_searches_by_social_area", world.bergkamen, YEAR, areas.mitte)
    assert values(by_area) == {"mitte": 5}
    table = drilldown("finder.empty_searches", world.bergkamen, YEAR, None, areas.oberaden)
    assert months(column(table, 1)) == {3: 4}
    outside = drilldown(
        "finder.empty_searches_by_social_area", world.bergkamen, YEAR, "none", areas.mitte
    )
    assert months(column(outside, 1)) == {}


def test_a_year_without_searches_counts_zero_and_dortmund_only_its_own(
    world: World, areas: Areas
) -> None:
    assert compute("finder.empty_searches", world.bergkamen, 2023).value == 0
    dortmund = compute("finder.empty_searches", world.dortmund, YEAR)
    assert dortmund.value == 9
    assert months(column(drilldown("finder.empty_searches", world.dortmund, YEAR), 1)) == {1: 9}


def test_queries_do_not_grow_with_the_number_of_days(world: World, areas: Areas) -> None:
    few = queries_of_every_indicator(KEYS, world.bergkamen, YEAR)
    for day in range(1, 31):
        count(world.bergkamen, date(2025, 4, day), areas.weddinghofen, "1-3", 1)
    assert compute("finder.empty_searches", world.bergkamen, YEAR).value == 44
    assert queries_of_every_indicator(KEYS, world.bergkamen, YEAR) == few


MY_GROUPS = ("network.", "offers.", "funding.", "finder.")


def test_an_empty_commune_has_no_shares_and_unknown_rows_list_nothing(
    world: World, time_machine: TimeMachineFixture
) -> None:
    """Without members, offers, measures or searches no share is invented (None, never
    0), and a drill-down into a row that does not exist is empty, not an error."""
    time_machine.move_to(datetime(2026, 3, 1, 9, tzinfo=UTC))
    Organisation.objects.for_commune(world.bergkamen).update(member_since=None)
    scope = Scope(world.bergkamen, 2025)
    mine = [indicator for indicator in ALL if indicator.key.startswith(MY_GROUPS)]
    assert len(mine) == 19
    for indicator in mine:
        result = indicator.compute(scope)
        if indicator.key == "offers.per_1000_children":
            # Mitte has its 350 children of 2025: no offer is a figure, zero per 1,000.
            assert result.value == 0
        elif indicator.unit == Unit.SHARE or indicator.key == "funding.allocated":
            assert result.value is None, indicator.key
        else:
            assert result.value == 0, indicator.key
        assert indicator.drilldown is not None
        table = indicator.drilldown(scope, "no-such-row")
        assert all(not value for row in table.rows for value in row[1:]), indicator.key
