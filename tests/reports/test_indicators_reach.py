"""Reach indicators: families reached per 1,000 children aged 0–3 (and in poverty) and
welcome visits per birth, per social area, computed by hand from the fixture (2026, read
on 30 June 2026)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine

from lotse.core.models import SocialArea, SocialAreaFigures
from lotse.core.permissions import Role
from lotse.referrals.models import ReferralSource
from lotse.referrals.support.choices import HealthProfessionalKind, VisitOutcome
from lotse.referrals.support.models import AssignmentStatus
from lotse.reports.indicators import BY_KEY, Group, Scope, in_group
from tests.conftest import World
from tests.core.factories import SocialAreaFactory
from tests.reports.factories_gaps import (
    BERLIN,
    all_tables,
    archived,
    at,
    case,
    family,
    health,
    newborn,
    queries_of,
    support_week,
)

S = ReferralSource
V = VisitOutcome
KEYS = [indicator.key for indicator in in_group(Group.REACH)]


@pytest.fixture(autouse=True)
def _june_2026() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 30, 12, tzinfo=BERLIN), tick=False):
        yield


@pytest.fixture
def areas(world: World) -> dict[str, SocialArea]:
    """Mitte has figures of 2025 only (world: 350 children 0–3, 90 in poverty, 115
    births), used for 2026; Nord has 2026's (200, 50, 80); Süd has none.

    Families reached in 2026: Mitte — the Sommers (two referrals: once), the Brauns
    (referral in 2025, individual support in 2026) and 2 deleted referrals; Nord — the
    Winters (referral and a family midwife: once) and 1 deleted referral; the Herbsts
    without a social area. Not reached in 2026: the Kochs (Mitte, referral in 2025 and
    only a waiting list in 2026), anyone in Dortmund.

    Welcome visits of children born in 2026: Mitte 2 visited, 1 declined (January), 1 not
    reached (February); Nord 1 visited (March). Not counted: a Mitte child of 2025, one
    in Dortmund."""
    bergkamen = world.bergkamen
    worker = world.user("bergkamen", Role.EARLY_HELP_WORKER)
    mitte = SocialArea.objects.for_commune(bergkamen).get(slug="mitte")
    nord: SocialArea = SocialAreaFactory(commune=bergkamen, name="Nord", slug="nord")
    sued: SocialArea = SocialAreaFactory(commune=bergkamen, name="Süd", slug="sued")
    SocialAreaFigures.all_communes.create(
        commune=bergkamen,
        social_area=nord,
        year=2026,
        inhabitants=9000,
        children_0_3=200,
        children_0_3_in_poverty=50,
        births=80,
    )
    sommer = family(bergkamen, mitte, "Familie Sommer", "sommer@example.org")
    case(sommer, S.BIRTH_CLINIC, at(2026, 2, 2), date(2026, 2, 5))
    case(sommer, S.PARTNER, at(2026, 4, 2), date(2026, 4, 9))
    braun = family(bergkamen, mitte, "Familie Braun")
    old = case(braun, S.PARTNER, at(2025, 11, 3), date(2025, 11, 6))
    support_week(old, date(2026, 1, 12), "5", worker)
    koch = family(bergkamen, mitte, "Familie Koch")
    waiting = case(koch, S.PARTNER, at(2025, 10, 1), date(2025, 10, 6))
    health(waiting, HealthProfessionalKind.FGKIKP, at(2026, 3, 1), AssignmentStatus.WAITING)
    winter = family(bergkamen, nord, "Familie Winter", "winter@example.org")
    referral = case(winter, S.FAMILY, at(2026, 3, 2), date(2026, 3, 5))
    health(referral, HealthProfessionalKind.FAMILY_MIDWIFE, at(2026, 3, 9), AssignmentStatus.ACTIVE)
    herbst = family(bergkamen, None, "Familie Herbst")
    case(herbst, S.OTHER, at(2026, 5, 5), date(2026, 5, 8))
    archived(bergkamen, mitte, date(2026, 1, 1), S.BIRTH_CLINIC, 2)
    archived(bergkamen, nord, date(2026, 3, 1), S.PARTNER, 1)
    archived(bergkamen, nord, date(2025, 3, 1), S.PARTNER, 7)
    newborn(bergkamen, mitte, date(2026, 1, 5), V.VISITED)
    newborn(bergkamen, mitte, date(2026, 1, 20), V.VISITED)
    newborn(bergkamen, mitte, date(2026, 1, 28), V.DECLINED)
    newborn(bergkamen, mitte, date(2026, 2, 14), V.NOT_REACHED)
    newborn(bergkamen, nord, date(2026, 3, 3), V.VISITED)
    newborn(bergkamen, mitte, date(2025, 12, 30), V.VISITED)
    dortmund_area = SocialArea.objects.for_commune(world.dortmund).get(slug="mitte")
    newborn(world.dortmund, dortmund_area, date(2026, 1, 5), V.VISITED)
    other = family(world.dortmund, dortmund_area, "Familie Sommer")
    case(other, S.PARTNER, at(2026, 3, 3), date(2026, 3, 6))
    return {"mitte": mitte, "nord": nord, "sued": sued}


def _scope(world: World, area: SocialArea | None = None) -> Scope:
    return Scope(world.bergkamen, 2026, area)


def _rows(result: object) -> dict[str, tuple[object, object, object]]:
    return {
        figure.key: (figure.value, figure.numerator, figure.denominator)
        for figure in result.breakdown  # type: ignore[attr-defined]
    }


def test_families_reached_per_1000_children_per_social_area(
    world: World, areas: dict[str, SocialArea]
) -> None:
    result = BY_KEY["reach.families_per_1000_children"].compute(_scope(world))
    assert _rows(result) == {
        "mitte": (Decimal("11.4"), 4, 350),  # 4 / 350 × 1,000 = 11.43
        "nord": (Decimal("10.0"), 2, 200),
        "sued": (None, 0, None),  # no figures: no rate, not 0
    }
    # The commune: the areas with figures, 6 / 550 × 1,000 = 10.91.
    assert (result.value, result.numerator, result.denominator) == (Decimal("10.9"), 6, 550)
    assert "1" in str(result.note), "one family without a social area is named"
    mitte = BY_KEY["reach.families_per_1000_children"].compute(_scope(world, areas["mitte"]))
    assert (mitte.value, mitte.numerator, mitte.denominator) == (Decimal("11.4"), 4, 350)


def test_families_reached_per_1000_children_in_poverty(
    world: World, areas: dict[str, SocialArea]
) -> None:
    result = BY_KEY["reach.families_per_1000_children_in_poverty"].compute(_scope(world))
    assert _rows(result) == {
        "mitte": (Decimal("44.4"), 4, 90),
        "nord": (Decimal("40.0"), 2, 50),
        "sued": (None, 0, None),
    }
    assert (result.value, result.numerator, result.denominator) == (Decimal("42.9"), 6, 140)


def test_families_drill_down_counts_per_social_area(
    world: World, areas: dict[str, SocialArea]
) -> None:
    indicator = BY_KEY["reach.families_per_1000_children"]
    assert indicator.drilldown is not None
    table = indicator.drilldown(_scope(world), None)
    assert [list(row) for row in table.rows] == [
        ["Mitte", 4, 350, 90, 2025],
        ["Nord", 2, 200, 50, 2026],
        ["Süd", 0, None, None, None],
    ]
    assert [list(row) for row in indicator.drilldown(_scope(world), "nord").rows] == [
        ["Nord", 2, 200, 50, 2026]
    ]


def test_welcome_visits_per_birth_of_the_year(world: World, areas: dict[str, SocialArea]) -> None:
    result = BY_KEY["reach.welcome_visit_coverage"].compute(_scope(world))
    assert _rows(result) == {
        "mitte": (Decimal(2) / Decimal(115), 2, 115),
        "nord": (Decimal(1) / Decimal(80), 1, 80),
        "sued": (None, 0, None),
    }
    assert (result.numerator, result.denominator) == (3, 195)
    assert result.value == Decimal(3) / Decimal(195)
    indicator = BY_KEY["reach.welcome_visit_coverage"]
    assert indicator.drilldown is not None
    # Social area, births, listed, offered, visited, declined, not reached.
    assert [list(row) for row in indicator.drilldown(_scope(world), None).rows] == [
        ["Mitte", 115, 4, 4, 2, 1, 1],
        ["Nord", 80, 1, 1, 1, 0, 0],
        ["Süd", None, 0, 0, 0, 0, 0],
    ]
    assert [list(row) for row in indicator.drilldown(_scope(world), "mitte").rows] == [
        ["Januar 2026", 3, 3, 2, 1, 0],
        ["Februar 2026", 1, 1, 0, 0, 1],
    ]


def test_no_reach_drill_down_shows_a_family(world: World, areas: dict[str, SocialArea]) -> None:
    for scope in (_scope(world), *(_scope(world, area) for area in areas.values())):
        for table in all_tables(KEYS, scope):
            for row in table.rows:
                for value in row:
                    for personal in ("Sommer", "Winter", "Braun", "Mia", "@example.org"):
                        assert personal not in str(value)


def test_every_reach_indicator_needs_the_same_queries_for_more_families(
    world: World, areas: dict[str, SocialArea]
) -> None:
    scope = _scope(world)
    before = queries_of(KEYS, scope)
    for index in range(3):
        more = family(world.bergkamen, areas["sued"], f"Familie {index}")
        case(more, S.OTHER, at(2026, 1, 5 + index), date(2026, 1, 9))
        newborn(world.bergkamen, areas["sued"], date(2026, 4, 1 + index), V.VISITED)
        SocialAreaFactory(commune=world.bergkamen)
    assert queries_of(KEYS, scope) == before


def test_a_drill_down_into_an_unknown_social_area_is_empty(
    world: World, areas: dict[str, SocialArea]
) -> None:
    for key in KEYS:
        drilldown = BY_KEY[key].drilldown
        assert drilldown is not None
        assert list(drilldown(_scope(world), "atlantis").rows) == []
