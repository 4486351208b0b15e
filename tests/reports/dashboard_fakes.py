"""Fake indicators and a fake gap analysis with hand-picked figures, for the tests of the
dashboards, the annual report and its exports (the real indicators are tested by their
own test modules)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from lotse.core.models import SocialArea
from lotse.offers.ages import LifePhase
from lotse.reports import gaps, indicators
from lotse.reports.gaps import GapCell
from lotse.reports.indicators import (
    Column,
    Figure,
    Group,
    Indicator,
    Result,
    Scope,
    Table,
    Unit,
)

# What the fakes were asked for, to check the scope a page computed.
ASKED: list[Scope] = []


ORGANISATION = uuid.UUID(int=1)
OFFER = uuid.UUID(int=2)


def _share(scope: Scope) -> Result:
    ASKED.append(scope)
    if scope.social_area is not None:
        return Result(
            value=0.5,
            breakdown=[Figure(scope.social_area.slug, scope.social_area.name, 0.5, 4, 8)],
            numerator=4,
            denominator=8,
        )
    return Result(
        value=0.425,
        breakdown=[
            Figure("mitte", "Mitte", 0.5, 4, 8),
            Figure("nord", "Nord", None),
            Figure("sued", "Süd", Decimal("0.40625"), 13, 32),
        ],
        numerator=17,
        denominator=40,
        note="17 Zugänge mit entschiedener Frist",
    )


def _share_details(scope: Scope, row: str | None) -> Table:
    months = [("Januar", 1234), ("Februar", 7)] if row in (None, "mitte") else [("März", 2)]
    return Table(
        columns=[Column("Monat"), Column("Zugänge", Unit.COUNT)],
        rows=[list(month) for month in months],
        # January's row links to an organisation (planners may open it), the others to an
        # offer's editing page (they may not).
        links=[
            f"/{scope.commune.slug}/network/organisations/{ORGANISATION}/"
            if name == "Januar"
            else f"/{scope.commune.slug}/katalog/{OFFER}/"
            for name, _count in months
        ],
        note="Nur Summen, keine einzelnen Familien.",
    )


def _money(scope: Scope) -> Result:
    ASKED.append(scope)
    assert scope.social_area is None, "a commune-wide indicator was asked for an area"
    return Result(
        value=Decimal("1234.56"),
        breakdown=[Figure("bildung", "Familienbildung", Decimal("1000")), Figure("x", "X", 0)],
    )


def _plain_count(scope: Scope) -> Result:
    return Result(value=3)


SHARE = Indicator(
    key="fake_deadlines_met",
    group=Group.ACCESS,
    title="Anteil eingehaltener Fristen (Test)",
    definition="Gezählt werden Zugänge des Jahres, deren Erstkontakt die Frist entschied.",
    unit=Unit.SHARE,
    compute=_share,
    drilldown=_share_details,
)
MONEY = Indicator(
    key="fake_funding_spent",
    group=Group.FUNDING,
    title="Ausgegebene Fördermittel (Test)",
    definition="Summe der anerkannten Verwendungsnachweise des Jahres.",
    unit=Unit.EUR,
    compute=_money,
    by_social_area=False,
)
COUNT = Indicator(
    key="fake_members",
    group=Group.NETWORK,
    title="Mitglieder (Test)",
    definition="Mitglieder am Stichtag.",
    unit=Unit.COUNT,
    compute=_plain_count,
)
FAKES = [COUNT, SHARE, MONEY]


@pytest.fixture
def fake_indicators(monkeypatch: pytest.MonkeyPatch) -> list[Indicator]:
    """Replace the registry by the three fakes."""
    ASKED.clear()
    monkeypatch.setattr(indicators, "ALL", list(FAKES))
    for indicator in FAKES:
        monkeypatch.setitem(indicators.BY_KEY, indicator.key, indicator)
    return FAKES


def gap_cells(area: SocialArea) -> list[GapCell]:
    return [
        GapCell(
            social_area=area,
            life_phase=LifePhase.AGE_1_3,
            offers=1,
            places=5,
            hours_per_week=Decimal("2.5"),
            children=240,
            poverty_share=Decimal("0.25"),
            need=Decimal("300"),
            supply_per_1000_need=Decimal("16.7"),
            rank=1,
        ),
        GapCell(
            social_area=area,
            life_phase=LifePhase.AGE_0_1,
            offers=4,
            places=40,
            hours_per_week=Decimal("12"),
            children=110,
            poverty_share=Decimal("0.25"),
            need=Decimal("137.5"),
            supply_per_1000_need=Decimal("290.9"),
            rank=2,
        ),
    ]


@pytest.fixture
def fake_gaps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A gap analysis of two cells in each commune's first social area."""

    def analysis(commune: object, year: int) -> list[GapCell]:
        area = SocialArea.objects.for_commune(commune).order_by("name").first()
        return gap_cells(area) if area is not None else []

    monkeypatch.setattr(gaps, "gap_analysis", analysis)
    monkeypatch.setattr(gaps, "poverty_weight", lambda commune: Decimal("1.5"))
