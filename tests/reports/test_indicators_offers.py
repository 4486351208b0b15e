"""Offer indicators against a hand-counted Bergkamen catalog on 15 June 2026 (the current
year, so the reference date is today; confirmation every 6 months, hidden 56 days after):

- Babymassage: 0–12 months, at a place in Mitte, free, no registration, category
  Bewegung, confirmed 1 May.
- Schwangerenberatung: pregnancy only, serves Oberaden, fee, registration, category
  Beratung, confirmed 1 November 2025: overdue since 1 May, still shown.
- Krabbelgruppe: 12–36 months, no place or area (the whole commune), free, registration,
  Beratung and Bewegung, confirmed 1 June.
- Hausaufgabenhilfe: 6–10 years, at a place in Weddinghofen, reduced fee, no registration,
  no category, confirmed 1 June.
Not counted: a draft, an offer hidden for lack of confirmation, Dortmund's offer.
Children aged 0–3 in 2026: Mitte 200, Oberaden 400, Weddinghofen no figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext
from time_machine import TimeMachineFixture

from lotse.core.models import SocialArea
from lotse.offers.models import CostKind, Offer, OfferStatus, TaxonomyTerm
from tests.conftest import World
from tests.offers.factories import LocationFactory, OfferFactory, OfferLocationFactory
from tests.reports.factories_indicators import (
    area,
    column,
    compute,
    drilldown,
    figures,
    mitte,
    queries_of_every_indicator,
    values,
)

YEAR = 2026
YES, NO = gettext("yes"), gettext("no")
KEYS = [
    "offers.by_life_phase",
    "offers.by_category",
    "offers.by_social_area",
    "offers.per_1000_children",
    "offers.free_share",
    "offers.without_registration_share",
    "offers.not_confirmed_share",
]


@dataclass
class Catalog:
    massage: Offer
    counselling: Offer
    toddlers: Offer
    homework: Offer
    mitte: SocialArea
    oberaden: SocialArea
    weddinghofen: SocialArea


def _term(world: World, code: str, name: str, position: int) -> TaxonomyTerm:
    found: TaxonomyTerm = TaxonomyTerm.all_communes.create(
        commune=world.bergkamen, code=code, name=name, position=position
    )
    return found


def _at(offer: Offer, social_area: SocialArea) -> Offer:
    OfferLocationFactory(
        offer=offer, location=LocationFactory(commune=offer.commune, social_area=social_area)
    )
    return offer


@pytest.fixture
def catalog(world: World, time_machine: TimeMachineFixture) -> Catalog:
    time_machine.move_to(datetime(2026, 6, 15, 10, tzinfo=UTC))
    commune = world.bergkamen
    centre, oberaden, weddinghofen = (
        mitte(commune),
        area(commune, "Oberaden"),
        area(commune, "Weddinghofen"),
    )
    figures(centre, YEAR, 200)
    figures(oberaden, YEAR, 400)
    figures(weddinghofen, YEAR + 1, 999)  # a later year's figures do not count
    advice = _term(world, "kat-beratung", "Beratung", 1)
    exercise = _term(world, "kat-bewegung", "Bewegung", 2)
    provider = world.organisations["bergkamen"]

    def offer(name: str, confirmed: date, **fields: object) -> Offer:
        made: Offer = OfferFactory(
            commune=commune, provider=provider, name=name, last_confirmed_at=confirmed, **fields
        )
        return made

    massage = _at(
        offer("Babymassage", date(2026, 5, 1), min_age_months=0, max_age_months=12), centre
    )
    massage.categories.add(exercise)
    counselling = offer(
        "Schwangerenberatung",
        date(2025, 11, 1),
        from_pregnancy_week=1,
        cost_kind=CostKind.AMOUNT,
        registration_required=True,
    )
    counselling.service_areas.add(oberaden)
    counselling.categories.add(advice)
    toddlers = offer(
        "Krabbelgruppe",
        date(2026, 6, 1),
        min_age_months=12,
        max_age_months=36,
        registration_required=True,
    )
    toddlers.categories.add(advice, exercise)
    homework = _at(
        offer(
            "Hausaufgabenhilfe",
            date(2026, 6, 1),
            min_age_months=72,
            max_age_months=120,
            cost_kind=CostKind.REDUCED,
        ),
        weddinghofen,
    )
    _at(offer("Entwurf", date(2026, 6, 1), status=OfferStatus.DRAFT), centre)
    _at(offer("Längst nicht bestätigt", date(2025, 9, 1), max_age_months=24), centre)
    OfferFactory(commune=world.dortmund, name="Dortmunder Angebot", max_age_months=24)
    return Catalog(massage, counselling, toddlers, homework, centre, oberaden, weddinghofen)


def test_offers_by_life_phase_count_an_offer_in_each_of_its_phases(
    world: World, catalog: Catalog
) -> None:
    result = compute("offers.by_life_phase", world.bergkamen, YEAR)
    assert result.value == 4
    assert values(result) == {
        "pregnancy": 1,
        "0-1": 1,
        "1-3": 1,
        "3-6": 0,
        "6-10": 1,
        "10-16": 0,
        "16-27": 0,
    }
    table = drilldown("offers.by_life_phase", world.bergkamen, YEAR, "1-3")
    assert column(table) == ["Krabbelgruppe"]
    assert table.links == [f"/bergkamen/katalog/{catalog.toddlers.uuid}/"]
    everything = drilldown("offers.by_life_phase", world.bergkamen, YEAR)
    assert column(everything) == [
        "Babymassage",
        "Hausaufgabenhilfe",
        "Krabbelgruppe",
        "Schwangerenberatung",
    ]


def test_offers_by_category_list_offers_without_one_last(world: World, catalog: Catalog) -> None:
    result = compute("offers.by_category", world.bergkamen, YEAR)
    assert result.value == 4
    assert [(figure.key, str(figure.label), figure.value) for figure in result.breakdown] == [
        ("kat-beratung", "Beratung", 2),
        ("kat-bewegung", "Bewegung", 2),
        ("none", gettext("No category"), 1),
    ]
    table = drilldown("offers.by_category", world.bergkamen, YEAR, "kat-bewegung")
    assert column(table) == ["Babymassage", "Krabbelgruppe"]
    assert column(table, 3) == ["Bewegung", "Beratung, Bewegung"]


def test_an_offer_without_a_place_or_area_counts_in_every_social_area(
    world: World, catalog: Catalog
) -> None:
    result = compute("offers.by_social_area", world.bergkamen, YEAR)
    assert result.value == 4
    assert values(result) == {"mitte": 2, "oberaden": 2, "weddinghofen": 2}
    table = drilldown("offers.by_social_area", world.bergkamen, YEAR, "weddinghofen")
    assert column(table) == ["Hausaufgabenhilfe", "Krabbelgruppe"]
    in_mitte = compute("offers.by_social_area", world.bergkamen, YEAR, catalog.mitte)
    assert in_mitte.value == 2
    assert values(in_mitte) == {"mitte": 2}


def test_offers_per_1000_children_use_the_latest_figures_up_to_the_year(
    world: World, catalog: Catalog
) -> None:
    result = compute("offers.per_1000_children", world.bergkamen, YEAR)
    # Babymassage and Krabbelgruppe serve Mitte or Oberaden: 2 per 600 children.
    assert result.value == Decimal("3.3")
    assert (result.numerator, result.denominator) == (2, 600)
    assert "Weddinghofen" in str(result.note)
    assert [(f.key, f.value, f.numerator, f.denominator) for f in result.breakdown] == [
        ("mitte", Decimal("10.0"), 2, 200),
        ("oberaden", Decimal("2.5"), 1, 400),
        ("weddinghofen", None, 1, None),
    ]
    table = drilldown("offers.per_1000_children", world.bergkamen, YEAR)
    assert column(table) == ["Babymassage", "Krabbelgruppe"]
    row = drilldown("offers.per_1000_children", world.bergkamen, YEAR, "oberaden")
    assert column(row) == ["Krabbelgruppe"]


def test_offers_per_1000_children_in_a_social_area_and_without_figures(
    world: World, catalog: Catalog
) -> None:
    assert compute(
        "offers.per_1000_children", world.bergkamen, YEAR, catalog.oberaden
    ).value == Decimal("2.5")
    assert (
        compute("offers.per_1000_children", world.bergkamen, YEAR, catalog.weddinghofen).value
        is None
    )
    # Two years on, the latest earlier figures count (the offers are the same: today's
    # state); before any figures there is no value.
    in_2028 = compute("offers.per_1000_children", world.bergkamen, YEAR + 2)
    assert (in_2028.numerator, in_2028.denominator) == (2, 1599)
    assert compute("offers.per_1000_children", world.bergkamen, 2001).value is None


def test_shares_of_free_offers_and_offers_without_registration(
    world: World, catalog: Catalog
) -> None:
    free = compute("offers.free_share", world.bergkamen, YEAR)
    assert free.value == Decimal("0.5")
    assert (free.numerator, free.denominator) == (2, 4)
    assert values(free) == {"free": 2, "reduced": 1, "amount": 1}
    assert column(drilldown("offers.free_share", world.bergkamen, YEAR, "amount")) == [
        "Schwangerenberatung"
    ]
    open_offers = compute("offers.without_registration_share", world.bergkamen, YEAR)
    assert open_offers.value == Decimal("0.5")
    assert values(open_offers) == {"without_registration": 2, "with_registration": 2}
    table = drilldown(
        "offers.without_registration_share", world.bergkamen, YEAR, "without_registration"
    )
    assert column(table) == ["Babymassage", "Hausaufgabenhilfe"]
    assert column(table, 5) == [NO, NO]


def test_share_not_confirmed_in_the_catalog_interval(world: World, catalog: Catalog) -> None:
    result = compute("offers.not_confirmed_share", world.bergkamen, YEAR)
    assert result.value == Decimal("0.25")
    assert values(result) == {"confirmed": 3, "not_confirmed": 1}
    table = drilldown("offers.not_confirmed_share", world.bergkamen, YEAR, "not_confirmed")
    assert column(table) == ["Schwangerenberatung"]
    assert table.rows[0][6:] == ["01.11.2025", NO]


def test_a_social_area_filter_changes_the_shares(world: World, catalog: Catalog) -> None:
    area = catalog.mitte
    assert compute("offers.free_share", world.bergkamen, YEAR, area).value == Decimal(1)
    assert compute(
        "offers.without_registration_share", world.bergkamen, YEAR, area
    ).value == Decimal("0.5")
    assert compute("offers.not_confirmed_share", world.bergkamen, YEAR, area).value == 0
    assert compute("offers.by_life_phase", world.bergkamen, YEAR, catalog.oberaden).value == 2


def test_shares_are_none_without_offers(world: World, catalog: Catalog) -> None:
    Offer.objects.for_commune(world.bergkamen).update(status=OfferStatus.DRAFT)
    for key in (
        "offers.free_share",
        "offers.without_registration_share",
        "offers.not_confirmed_share",
    ):
        assert compute(key, world.bergkamen, YEAR).value is None
    assert compute("offers.by_life_phase", world.bergkamen, YEAR).value == 0
    assert compute("offers.per_1000_children", world.bergkamen, YEAR).value == 0


def test_the_other_commune_counts_only_its_own(world: World, catalog: Catalog) -> None:
    result = compute("offers.by_life_phase", world.dortmund, YEAR)
    assert result.value == 1
    assert column(drilldown("offers.by_life_phase", world.dortmund, YEAR)) == ["Dortmunder Angebot"]


def test_queries_do_not_grow_with_the_number_of_offers(world: World, catalog: Catalog) -> None:
    few = queries_of_every_indicator(KEYS, world.bergkamen, YEAR)
    term = TaxonomyTerm.objects.for_commune(world.bergkamen).get(code="kat-beratung")
    for number in range(30):
        offer = _at(
            OfferFactory(
                commune=world.bergkamen,
                provider=world.organisations["bergkamen"],
                name=f"Zusatzangebot {number}",
                max_age_months=24,
            ),
            catalog.oberaden,
        )
        offer.categories.add(term)
        offer.service_areas.add(catalog.mitte)
    assert compute("offers.by_life_phase", world.bergkamen, YEAR).value == 34
    assert queries_of_every_indicator(KEYS, world.bergkamen, YEAR) == few


def test_an_offer_entered_after_the_reference_date_does_not_count(
    world: World, catalog: Catalog
) -> None:
    # On 31.12.2025 none of the catalog's offers (entered on 15.06.2026) existed yet.
    assert compute("offers.by_life_phase", world.bergkamen, 2025).value == 0
    OfferFactory(
        commune=world.bergkamen,
        provider=world.organisations["bergkamen"],
        name="Eltern-Kind-Gruppe",
        created_at=datetime(2025, 5, 1, 9, tzinfo=UTC),
        last_confirmed_at=date(2025, 11, 1),
    )
    result = compute("offers.by_life_phase", world.bergkamen, 2025)
    assert result.value == 1
    assert column(drilldown("offers.by_life_phase", world.bergkamen, 2025)) == [
        "Eltern-Kind-Gruppe"
    ]
