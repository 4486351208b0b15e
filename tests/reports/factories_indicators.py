"""Builders shared by the tests of the network, offers, funding and finder indicators."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.core.models import Commune, SocialArea, SocialAreaFigures
from lotse.network.models import CooperationAgreement, Obligation, ObligationKind, Organisation
from lotse.reports.indicators import BY_KEY, Result, Scope, Table
from tests.core.factories import SocialAreaFactory


def area(commune: Commune, name: str) -> SocialArea:
    found: SocialArea = SocialAreaFactory(commune=commune, name=name, slug=name.lower())
    return found


def mitte(commune: Commune) -> SocialArea:
    found: SocialArea = SocialArea.objects.for_commune(commune).get(slug="mitte")
    return found


def figures(social_area: SocialArea, year: int, children_0_3: int) -> SocialAreaFigures:
    found: SocialAreaFigures = SocialAreaFigures.all_communes.create(
        commune=social_area.commune,
        social_area=social_area,
        year=year,
        inhabitants=10000,
        children_0_3=children_0_3,
        children_0_3_in_poverty=0,
        births=children_0_3 // 3,
    )
    return found


def agreement(
    organisation: Organisation,
    on: date = date(2021, 3, 1),
    *,
    obligations: tuple[str, ...] = tuple(ObligationKind.values),
    ends_on: date | None = None,
) -> CooperationAgreement:
    """An agreement signed by both sides on ``on`` with the given obligations present."""
    found: CooperationAgreement = CooperationAgreement.all_communes.create(
        commune=organisation.commune,
        organisation=organisation,
        text="Kooperationsvereinbarung",
        partner_signed_on=on,
        countersigned_on=on,
        effective_end_on=ends_on,
    )
    for kind in obligations:
        Obligation.all_communes.create(
            commune=organisation.commune, agreement=found, kind=kind, fulfilled_on=on
        )
    return found


def compute(key: str, commune: Commune, year: int, social_area: SocialArea | None = None) -> Result:
    return BY_KEY[key].compute(Scope(commune, year, social_area))


def drilldown(
    key: str,
    commune: Commune,
    year: int,
    row_key: str | None = None,
    social_area: SocialArea | None = None,
) -> Table:
    indicator = BY_KEY[key]
    assert indicator.drilldown is not None
    return indicator.drilldown(Scope(commune, year, social_area), row_key)


def values(result: Result) -> dict[str, Any]:
    """The breakdown as {row key: value}."""
    return {figure.key: figure.value for figure in result.breakdown}


def column(table: Table, index: int = 0) -> list[Any]:
    return [row[index] for row in table.rows]


def queries(action: Callable[[], object]) -> int:
    """How many SQL queries ``action`` runs."""
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def queries_of_every_indicator(keys: list[str], commune: Commune, year: int) -> list[int]:
    """The query counts of compute, the headline drill-down and a row drill-down of each
    indicator, in order: compared for few and many rows, they must not grow."""
    counts = []
    for key in keys:
        indicator = BY_KEY[key]
        scope = Scope(commune, year)
        result = indicator.compute(scope)
        counts.append(queries(lambda: indicator.compute(scope)))  # noqa: B023
        assert indicator.drilldown is not None
        drill = indicator.drilldown
        counts.append(queries(lambda: drill(scope, None)))  # noqa: B023
        row = result.breakdown[0].key if result.breakdown else None
        counts.append(queries(lambda: drill(scope, row)))  # noqa: B023
    return counts
