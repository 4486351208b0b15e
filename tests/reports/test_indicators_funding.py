"""Funding indicators against a hand-counted Bergkamen funding year 2025: 37,240 EUR
confirmed allocation, 5,000 EUR municipal and 1,000 EUR other funds (43,240 EUR).

Released decisions: A 10,000 (FB II, pregnancy to 3, proof accepted, 9,500 spent), B 4,000
(FB I, first year, proof submitted, 4,200 spent), C 2,500 (FB II, no life phase, proof
returned), D 1,000 (FB III, 1 to 3 years, proof open). Not counted: a rejected application,
a decision not yet released, an approval of 2024, Dortmund's approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext
from time_machine import TimeMachineFixture

from lotse.core.models import Commune
from lotse.core.permissions import Role
from lotse.funding.models import (
    Application,
    ApplicationStatus,
    CostItem,
    FundingYear,
    ProofOfUse,
    ProofStatus,
    default_funding_areas,
)
from lotse.reports.indicators import BY_KEY
from tests.conftest import World
from tests.reports.factories_indicators import (
    column,
    compute,
    drilldown,
    queries_of_every_indicator,
    values,
)

YEAR = 2025
FB_I, FB_II, FB_III = default_funding_areas()
KEYS = [
    "funding.allocated",
    "funding.approved",
    "funding.approved_by_life_phase",
    "funding.spent",
]


def _year(commune: Commune, year: int, **fields: object) -> FundingYear:
    found: FundingYear = FundingYear.all_communes.create(commune=commune, year=year, **fields)
    return found


@dataclass
class Measures:
    year: FundingYear
    a: Application
    b: Application
    c: Application
    d: Application


def measure(
    world: World,
    year: FundingYear,
    title: str,
    *,
    status: str = ApplicationStatus.APPROVED,
    approved: str | None = None,
    area: str = FB_II,
    phase: str = "",
    proof: str | None = None,
    spent: tuple[str, ...] = (),
) -> Application:
    commune = year.commune
    application: Application = Application.all_communes.create(
        commune=commune,
        funding_year=year,
        organisation=world.organisations[commune.slug],
        status=status,
        told_status=status,
        title=title,
        funding_area=area,
        life_phase=phase,
        requested_amount=Decimal(approved or "5000"),
        approved_amount=Decimal(approved) if approved else None,
        created_by=world.user(commune.slug, Role.PARTNER_STAFF),
    )
    for number, amount in enumerate(spent or ("0",)):
        CostItem.all_communes.create(
            commune=commune,
            application=application,
            position=number,
            label=f"Posten {number}",
            planned_amount=Decimal("1000"),
            spent_amount=Decimal(amount) if spent else None,
        )
    if proof is not None:
        ProofOfUse.all_communes.create(
            commune=commune, application=application, due_date=date(2026, 1, 31), status=proof
        )
    return application


@pytest.fixture
def measures(world: World, time_machine: TimeMachineFixture) -> Measures:
    time_machine.move_to(datetime(2026, 3, 1, 9, tzinfo=UTC))
    year = _year(
        world.bergkamen,
        YEAR,
        allocation=Decimal("37240"),
        allocation_confirmed=True,
        municipal_funds=Decimal("5000"),
        other_funds=Decimal("1000"),
        other_funds_note="Landesprogramm kinderstark",
    )
    a = measure(
        world,
        year,
        "Familienhebammen",
        approved="10000",
        phase="pregnancy_to_three",
        proof=ProofStatus.ACCEPTED,
        spent=("6000", "3500"),
    )
    b = measure(
        world,
        year,
        "Babylotsen",
        status=ApplicationStatus.PARTIALLY_APPROVED,
        approved="4000",
        area=FB_I,
        phase="first_year",
        proof=ProofStatus.SUBMITTED,
        spent=("4200",),
    )
    c = measure(
        world, year, "Elterncafé", approved="2500", proof=ProofStatus.RETURNED, spent=("2000",)
    )
    d = measure(
        world,
        year,
        "Krabbelgruppe",
        approved="1000",
        area=FB_III,
        phase="one_to_three",
        proof=ProofStatus.OPEN,
    )
    measure(world, year, "Abgelehnt", status=ApplicationStatus.REJECTED)
    measure(world, year, "Noch intern", status=ApplicationStatus.DECISION_PENDING, approved="3000")
    measure(world, _year(world.bergkamen, 2024), "Vorjahr", approved="7000")
    measure(world, _year(world.dortmund, YEAR), "Dortmund", approved="99999")
    return Measures(year, a, b, c, d)


def test_allocated_is_the_budget_of_the_funding_year(world: World, measures: Measures) -> None:
    result = compute("funding.allocated", world.bergkamen, YEAR)
    assert result.value == Decimal("43240")
    assert values(result) == {
        "allocation": Decimal("37240"),
        "municipal": Decimal("5000"),
        "other": Decimal("1000"),
    }
    table = drilldown("funding.allocated", world.bergkamen, YEAR, "other")
    assert table.rows[0][1:] == [Decimal("1000"), "Landesprogramm kinderstark"]
    assert table.links == ["/bergkamen/funding/2025/"]
    assert len(drilldown("funding.allocated", world.bergkamen, YEAR).rows) == 3


def test_an_unconfirmed_allocation_is_not_counted(world: World, measures: Measures) -> None:
    measures.year.allocation_confirmed = False
    measures.year.save()
    result = compute("funding.allocated", world.bergkamen, YEAR)
    assert result.value == Decimal("6000")
    assert values(result)["allocation"] == 0
    assert "37.240,00" in str(result.note)


def test_no_funding_year_has_no_allocation(world: World, measures: Measures) -> None:
    assert compute("funding.allocated", world.bergkamen, 2023).value is None
    assert drilldown("funding.allocated", world.bergkamen, 2023).rows == []
    assert compute("funding.approved", world.bergkamen, 2023).value == 0


def test_approved_sums_released_decisions_by_funding_area(world: World, measures: Measures) -> None:
    result = compute("funding.approved", world.bergkamen, YEAR)
    assert result.value == Decimal("17500")
    assert [(str(figure.label), figure.value) for figure in result.breakdown] == [
        (FB_I, Decimal("4000")),
        (FB_II, Decimal("12500")),
        (FB_III, Decimal("1000")),
    ]
    fb_ii = result.breakdown[1].key
    # A short key for the link, not the funding area's long text.
    assert fb_ii.startswith("fb-ii-")
    assert len(fb_ii) <= 24
    table = drilldown("funding.approved", world.bergkamen, YEAR, fb_ii)
    assert column(table) == ["Elterncafé", "Familienhebammen"]
    assert column(table, 1) == ["Familienbildung Bergkamen"] * 2
    assert column(table, 5) == [Decimal("2500"), Decimal("10000")]
    assert column(table, 6) == [None, Decimal("9500")]
    assert table.links[1] == f"/bergkamen/funding/review/{measures.a.uuid}/"
    assert len(drilldown("funding.approved", world.bergkamen, YEAR).rows) == 4


def test_approved_by_life_phase_in_the_order_of_the_phases(
    world: World, measures: Measures
) -> None:
    result = compute("funding.approved_by_life_phase", world.bergkamen, YEAR)
    assert result.value == Decimal("17500")
    assert values(result) == {
        "first_year": Decimal("4000"),
        "one_to_three": Decimal("1000"),
        "pregnancy_to_three": Decimal("10000"),
        "none": Decimal("2500"),
    }
    assert [figure.key for figure in result.breakdown] == [
        "first_year",
        "one_to_three",
        "pregnancy_to_three",
        "none",
    ]
    table = drilldown("funding.approved_by_life_phase", world.bergkamen, YEAR, "none")
    assert column(table) == ["Elterncafé"]


def test_spent_counts_submitted_and_accepted_proofs_of_use(
    world: World, measures: Measures
) -> None:
    result = compute("funding.spent", world.bergkamen, YEAR)
    assert result.value == Decimal("13700")
    assert [figure.value for figure in result.breakdown] == [Decimal("4200"), Decimal("9500")]
    assert str(result.note) == gettext("%(reported)d of %(count)d proofs of use submitted") % {
        "reported": 2,
        "count": 4,
    }
    table = drilldown("funding.spent", world.bergkamen, YEAR)
    assert column(table) == ["Babylotsen", "Familienhebammen"]
    measures.c.proof.status = ProofStatus.ACCEPTED
    measures.c.proof.save()
    assert compute("funding.spent", world.bergkamen, YEAR).value == Decimal("15700")


def test_funding_is_commune_wide_and_the_other_commune_counts_only_its_own(
    world: World, measures: Measures
) -> None:
    assert all(BY_KEY[key].by_social_area is False for key in KEYS)
    assert compute("funding.approved", world.dortmund, YEAR).value == Decimal("99999")
    assert compute("funding.allocated", world.dortmund, YEAR).value == 0
    assert column(drilldown("funding.approved", world.dortmund, YEAR)) == ["Dortmund"]


def test_queries_do_not_grow_with_the_number_of_measures(world: World, measures: Measures) -> None:
    few = queries_of_every_indicator(KEYS, world.bergkamen, YEAR)
    for number in range(30):
        measure(
            world,
            measures.year,
            f"Maßnahme {number}",
            approved="100",
            area=FB_III,
            proof=ProofStatus.ACCEPTED,
            spent=("50", "10"),
        )
    assert compute("funding.spent", world.bergkamen, YEAR).value == Decimal("15500")
    assert queries_of_every_indicator(KEYS, world.bergkamen, YEAR) == few
