"""The gap analysis: supply (offers, places, hours) per social area and life phase against
the need (children weighted by the poverty share), the biggest gap first. Every figure
below is computed by hand from the fixture."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.core.models import Commune, SocialArea, SocialAreaFigures
from lotse.core.permissions import Role
from lotse.offers.ages import LifePhase
from lotse.offers.models import Offer, OfferStatus, Schedule, ScheduleKind
from lotse.reports.gaps import (
    GapCell,
    gap_analysis,
    poverty_weight,
    schedule_hours_per_week,
)
from lotse.reports.models import AgeGroupFigures, ReportSettings
from tests.conftest import World
from tests.core.factories import SocialAreaFactory
from tests.offers.factories import (
    LocationFactory,
    OfferFactory,
    OfferLocationFactory,
    ScheduleFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")
# 1 March 2026: the supply of 2025 is read on 31 December 2025.
pytestmark = pytest.mark.usefixtures("_march_2026")
P = LifePhase


@pytest.fixture
def _march_2026() -> object:
    with time_machine.travel(datetime(2026, 3, 1, 10, tzinfo=BERLIN), tick=False):
        yield


def _offer(commune: Commune, **values: object) -> Offer:
    values.setdefault("last_confirmed_at", date(2025, 12, 1))
    found: Offer = OfferFactory(commune=commune, **values)
    return found


def _weight(commune: Commune, weight: str) -> None:
    ReportSettings.all_communes.create(commune=commune, poverty_weight=Decimal(weight))


@pytest.fixture
def chain(world: World) -> dict[str, SocialArea]:
    """Bergkamen: Mitte (2025: 350 children 0–3, 90 in poverty, 115 births, from the
    world) and Nord (2025: 200 children, 100 in poverty, 100 births).

    - "Babytreff" at a place in Mitte, 0–12 months, 10 places, Mon and Wed 9–11 (4 h/week)
    - "Geburtsvorbereitung" serving Nord, pregnancy only, a course of 8 × 1.5 h in 2025
      (12 h / 52 weeks = 0.23 h/week), no places stated
    - "Krabbelgruppe" without place or area (whole commune), 12–36 months, 12 places,
      Tuesdays every two weeks 10–12 (1 h/week)
    - a draft offer in Mitte and an offer of Dortmund, which count nowhere here."""
    bergkamen = world.bergkamen
    mitte = SocialArea.objects.for_commune(bergkamen).get(slug="mitte")
    nord: SocialArea = SocialAreaFactory(commune=bergkamen, name="Nord", slug="nord")
    SocialAreaFigures.all_communes.create(
        commune=bergkamen,
        social_area=nord,
        year=2025,
        inhabitants=8000,
        children_0_3=200,
        children_0_3_in_poverty=100,
        births=100,
    )
    babytreff = _offer(bergkamen, name="Babytreff", min_age_months=0, max_age_months=12, places=10)
    OfferLocationFactory(
        offer=babytreff,
        location=LocationFactory(commune=bergkamen, social_area=mitte),
    )
    ScheduleFactory(offer=babytreff, weekdays="MO,WE", opens_at=time(9), closes_at=time(11))
    course = _offer(bergkamen, name="Geburtsvorbereitung", from_pregnancy_week=1)
    course.service_areas.set([nord])
    ScheduleFactory(
        offer=course,
        kind=ScheduleKind.COURSE,
        weekdays="TH",
        dtstart=date(2025, 3, 6),
        count=8,
        opens_at=time(18),
        closes_at=time(19, 30),
    )
    krabbel = _offer(bergkamen, name="Krabbelgruppe", min_age_months=12, max_age_months=36)
    krabbel.places = 12
    krabbel.save()
    ScheduleFactory(
        offer=krabbel,
        kind=ScheduleKind.EVERY_TWO_WEEKS,
        weekdays="TU",
        opens_at=time(10),
        closes_at=time(12),
    )
    draft = _offer(bergkamen, name="Entwurf", min_age_months=12, status=OfferStatus.DRAFT)
    draft.service_areas.set([mitte])
    _offer(world.dortmund, name="Dortmunder Treff", min_age_months=0, places=99)
    return {"mitte": mitte, "nord": nord}


def _order(cells: list[GapCell]) -> list[tuple[str, str]]:
    return [(cell.social_area.slug, cell.life_phase.value) for cell in cells]


def _cell(cells: list[GapCell], slug: str, phase: LifePhase) -> GapCell:
    return next(c for c in cells if c.social_area.slug == slug and c.life_phase == phase)


NO_FIGURE = [
    ("mitte", "3-6"),
    ("mitte", "6-10"),
    ("mitte", "10-16"),
    ("mitte", "16-27"),
    ("nord", "3-6"),
    ("nord", "6-10"),
    ("nord", "10-16"),
    ("nord", "16-27"),
]


def test_without_weighting_the_cells_with_fewest_offers_per_need_come_first(
    world: World, chain: dict[str, SocialArea]
) -> None:
    _weight(world.bergkamen, "0")
    cells = gap_analysis(world.bergkamen, 2025)
    # need = children: Mitte pregnancy 115 (0 offers), Nord 0–1 100 (0 offers), Mitte 1–3
    # 235 (1: 4.26), Mitte 0–1 115 (1: 8.70), Nord pregnancy and 1–3 100 each (1: 10.00).
    assert _order(cells) == [
        ("mitte", "pregnancy"),
        ("nord", "0-1"),
        ("mitte", "1-3"),
        ("mitte", "0-1"),
        ("nord", "pregnancy"),
        ("nord", "1-3"),
        *NO_FIGURE,
    ]
    assert [cell.rank for cell in cells] == list(range(1, 15))
    mitte_1_3 = _cell(cells, "mitte", P.AGE_1_3)
    assert (mitte_1_3.children, mitte_1_3.need, mitte_1_3.supply_per_1000_need) == (
        235,
        Decimal("235.00"),
        Decimal("4.26"),
    )


def test_weighting_poverty_puts_the_poorer_area_first(
    world: World, chain: dict[str, SocialArea]
) -> None:
    cells = gap_analysis(world.bergkamen, 2025)  # no settings: weight 1.00
    # Mitte: × (1 + 90/350) = × 1.2571…; Nord: × (1 + 100/200) = × 1.5.
    assert _order(cells) == [
        ("nord", "0-1"),  # need 150, no offer
        ("mitte", "pregnancy"),  # need 144.57, no offer
        ("mitte", "1-3"),  # 1 offer per 295.43: 3.38
        ("nord", "pregnancy"),  # 1 per 150: 6.67, phase order before 1–3
        ("nord", "1-3"),  # 1 per 150: 6.67
        ("mitte", "0-1"),  # 1 per 144.57: 6.92
        *NO_FIGURE,
    ]
    first = cells[0]
    assert first == GapCell(
        social_area=chain["nord"],
        life_phase=P.AGE_0_1,
        offers=0,
        places=0,
        hours_per_week=Decimal("0.00"),
        children=100,
        poverty_share=Decimal("0.5000"),
        need=Decimal("150.00"),
        supply_per_1000_need=Decimal("0.00"),
        rank=1,
    )
    mitte_pregnancy = _cell(cells, "mitte", P.PREGNANCY)
    assert mitte_pregnancy.poverty_share == Decimal("0.2571")
    assert mitte_pregnancy.need == Decimal("144.57")
    assert _cell(cells, "mitte", P.AGE_0_1).supply_per_1000_need == Decimal("6.92")
    assert _cell(cells, "nord", P.AGE_1_3).supply_per_1000_need == Decimal("6.67")
    no_figure = _cell(cells, "nord", P.AGE_3_6)
    assert (no_figure.children, no_figure.need, no_figure.supply_per_1000_need) == (
        None,
        None,
        None,
    )
    assert no_figure.poverty_share == Decimal("0.5000")


def test_supply_counts_offers_places_and_hours_of_visible_offers_only(
    world: World, chain: dict[str, SocialArea]
) -> None:
    cells = gap_analysis(world.bergkamen, 2025)
    babytreff = _cell(cells, "mitte", P.AGE_0_1)
    assert (babytreff.offers, babytreff.places, babytreff.hours_per_week) == (
        1,
        10,
        Decimal("4.00"),
    )
    course = _cell(cells, "nord", P.PREGNANCY)
    assert (course.offers, course.places, course.hours_per_week) == (1, 0, Decimal("0.23"))
    # The commune-wide group counts in both areas; the draft counts nowhere.
    for slug in ("mitte", "nord"):
        group = _cell(cells, slug, P.AGE_1_3)
        assert (group.offers, group.places, group.hours_per_week) == (1, 12, Decimal("1.00"))
    assert _cell(cells, "nord", P.AGE_0_1).offers == 0, "Babytreff is at a place in Mitte"
    assert {cell.social_area.commune_id for cell in cells} == {world.bergkamen.pk}


def test_entered_age_group_figures_replace_the_derived_ones(
    world: World, chain: dict[str, SocialArea]
) -> None:
    AgeGroupFigures.all_communes.create(
        commune=world.bergkamen,
        social_area=chain["mitte"],
        year=2024,
        life_phase=P.AGE_3_6,
        children=300,
    )
    AgeGroupFigures.all_communes.create(
        commune=world.bergkamen,
        social_area=chain["mitte"],
        year=2025,
        life_phase=P.AGE_1_3,
        children=200,
    )
    cells = gap_analysis(world.bergkamen, 2025)
    kita = _cell(cells, "mitte", P.AGE_3_6)
    # The latest figure up to 2025 (2024's) × 1.2571… = 377.14; no offer: the biggest gap.
    assert (kita.children, kita.need, kita.rank) == (300, Decimal("377.14"), 1)
    assert _cell(cells, "mitte", P.AGE_1_3).children == 200, "not 350 − 115"


def test_a_year_without_figures_uses_the_latest_earlier_ones_and_none_before(
    world: World, chain: dict[str, SocialArea]
) -> None:
    later = _cell(gap_analysis(world.bergkamen, 2026), "nord", P.AGE_0_1)
    assert (later.children, later.poverty_share) == (100, Decimal("0.5000"))
    earlier = gap_analysis(world.bergkamen, 2024)
    assert all(cell.need is None for cell in earlier)
    assert all(cell.poverty_share is None for cell in earlier)


def test_the_weight_defaults_to_one_without_creating_settings(world: World) -> None:
    assert poverty_weight(world.bergkamen) == Decimal("1.00")
    assert not ReportSettings.objects.for_commune(world.bergkamen).exists()
    _weight(world.bergkamen, "2.5")
    assert poverty_weight(world.bergkamen) == Decimal("2.50")
    assert poverty_weight(world.dortmund) == Decimal("1.00")


@pytest.mark.parametrize(
    ("values", "hours"),
    [
        ({"kind": ScheduleKind.WEEKLY, "weekdays": "MO,TU,TH"}, Decimal(6)),
        ({"kind": ScheduleKind.WEEKLY, "weekdays": ""}, Decimal(2)),
        ({"kind": ScheduleKind.EVERY_TWO_WEEKS, "weekdays": "FR"}, Decimal(1)),
        ({"kind": ScheduleKind.MONTHLY, "weekdays": "SA"}, Decimal(24) / 52),
        ({"kind": ScheduleKind.COURSE, "count": 13, "dtstart": date(2025, 9, 1)}, Decimal("0.5")),
        ({"kind": ScheduleKind.COURSE, "count": 13, "dtstart": date(2024, 9, 1)}, Decimal(0)),
        ({"kind": ScheduleKind.ONE_OFF, "dtstart": date(2025, 6, 1)}, Decimal(2) / 52),
        ({"kind": ScheduleKind.BY_ARRANGEMENT}, Decimal(0)),
        ({"kind": ScheduleKind.WEEKLY, "valid_until": date(2024, 12, 31)}, Decimal(0)),
        ({"kind": ScheduleKind.WEEKLY, "valid_from": date(2026, 1, 1)}, Decimal(0)),
        ({"kind": ScheduleKind.WEEKLY, "closes_at": None}, Decimal(0)),
    ],
)
def test_hours_per_week_of_a_schedule_of_two_hours(
    values: dict[str, object], hours: Decimal
) -> None:
    fields: dict[str, object] = {"weekdays": "MO", "opens_at": time(9), "closes_at": time(11)}
    fields.update(values)
    schedule = Schedule(**fields)
    exact = Decimal("0.000001")
    assert schedule_hours_per_week(schedule, 2025).quantize(exact) == hours.quantize(exact)


def test_the_analysis_needs_the_same_queries_for_more_offers_and_areas(
    world: World, chain: dict[str, SocialArea]
) -> None:
    with CaptureQueriesContext(connection) as few:
        gap_analysis(world.bergkamen, 2025)
    sued: SocialArea = SocialAreaFactory(commune=world.bergkamen, name="Süd", slug="sued")
    for index in range(3):
        offer = _offer(world.bergkamen, name=f"Mehr {index}", min_age_months=0)
        offer.service_areas.set([sued, chain["nord"]])
        ScheduleFactory(offer=offer)
        OfferLocationFactory(
            offer=offer, location=LocationFactory(commune=world.bergkamen, social_area=sued)
        )
    with CaptureQueriesContext(connection) as many:
        cells = gap_analysis(world.bergkamen, 2025)
    assert len(many) == len(few)
    assert len(cells) == 3 * len(LifePhase)


def test_the_offer_page_shows_the_places_or_that_none_are_stated(
    world: World, client_for: Callable[[str, str], Client]
) -> None:
    stated = _offer(world.bergkamen, name="Babytreff", places=12)
    unstated = _offer(world.bergkamen, name="Elterncafé")
    client = client_for("bergkamen", Role.COORDINATOR)
    page = client.get(reverse("offers:offer_detail", args=["bergkamen", stated.uuid]))
    assert page.status_code == 200
    assert "<dt>Plätze je Termin oder Kurs</dt><dd>12</dd>" in page.content.decode()
    page = client.get(reverse("offers:offer_detail", args=["bergkamen", unstated.uuid]))
    assert "<dt>Plätze je Termin oder Kurs</dt><dd>keine Angabe</dd>" in page.content.decode()


def test_cells_without_children_come_after_every_gap_and_before_unknown_need(
    world: World, chain: dict[str, SocialArea]
) -> None:
    ost: SocialArea = SocialAreaFactory(commune=world.bergkamen, name="Ost", slug="ost")
    SocialAreaFigures.all_communes.create(
        commune=world.bergkamen,
        social_area=ost,
        year=2025,
        inhabitants=100,
        children_0_3=0,
        children_0_3_in_poverty=0,
        births=0,
    )
    cells = gap_analysis(world.bergkamen, 2025)
    needs = [cell.need for cell in cells]
    assert all(need is not None and need > 0 for need in needs[:6])
    assert _order(cells)[6:9] == [("ost", "pregnancy"), ("ost", "0-1"), ("ost", "1-3")]
    empty = cells[6]
    assert (empty.children, empty.need, empty.poverty_share) == (0, Decimal("0.00"), None)
    assert empty.supply_per_1000_need is None, "no children: no rate, not 0"
    assert all(need is None for need in needs[9:])
