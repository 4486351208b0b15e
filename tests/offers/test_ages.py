"""Who an offer is for: ages in completed months, limits inclusive, pregnancy by week."""

from __future__ import annotations

import datetime

import pytest

from lotse.offers.ages import AgeLimits, LifePhase, add_months, completed_months, pregnancy_week
from lotse.offers.models import Offer
from tests.conftest import World
from tests.offers.factories import OfferFactory

FAMILY_MIDWIFE = AgeLimits(min_age_months=0, max_age_months=12, from_pregnancy_week=1)
FGKIKP = AgeLimits(min_age_months=0, max_age_months=36, from_pregnancy_week=1)
BABY_CAFE = AgeLimits(min_age_months=0, max_age_months=12, from_pregnancy_week=None)
BIRTH_PREPARATION = AgeLimits(None, None, from_pregnancy_week=20)


def test_the_family_midwife_comes_up_to_and_including_the_first_birthday() -> None:
    born = datetime.date(2025, 3, 14)
    assert FAMILY_MIDWIFE.accepts_child_born(born, datetime.date(2026, 3, 14))
    assert not FAMILY_MIDWIFE.accepts_child_born(born, datetime.date(2026, 3, 15))
    assert FAMILY_MIDWIFE.accepts_pregnancy_week(1)
    assert FAMILY_MIDWIFE.accepts_age_months(12)
    assert not FAMILY_MIDWIFE.accepts_age_months(13)


def test_the_fgkikp_comes_from_pregnancy_up_to_the_third_birthday() -> None:
    born = datetime.date(2024, 2, 29)
    assert FGKIKP.accepts_child_born(born, datetime.date(2027, 2, 28))
    assert not FGKIKP.accepts_child_born(born, datetime.date(2027, 3, 1))
    assert FGKIKP.accepts_pregnancy_week(38)


def test_a_pregnancy_only_offer_takes_no_children_and_no_early_pregnancy() -> None:
    assert not BIRTH_PREPARATION.accepts_age_months(0)
    assert not BIRTH_PREPARATION.accepts_pregnancy_week(19)
    assert BIRTH_PREPARATION.accepts_pregnancy_week(20)
    assert BIRTH_PREPARATION.life_phases() == [LifePhase.PREGNANCY]


def test_an_offer_without_limits_is_for_every_age_but_not_for_pregnancy() -> None:
    everyone = AgeLimits(None, None, None)
    assert everyone.accepts_age_months(300)
    assert not everyone.accepts_pregnancy_week(30)
    assert everyone.life_phases() == [phase for phase in LifePhase if phase != "pregnancy"]


def test_the_baby_cafe_0_to_12_months_belongs_to_the_first_year_only() -> None:
    assert BABY_CAFE.life_phases() == [LifePhase.AGE_0_1]
    assert FAMILY_MIDWIFE.life_phases() == [LifePhase.PREGNANCY, LifePhase.AGE_0_1]
    assert FGKIKP.life_phases() == [LifePhase.PREGNANCY, LifePhase.AGE_0_1, LifePhase.AGE_1_3]


def test_a_child_born_on_31_january_is_one_month_old_on_the_last_day_of_february() -> None:
    born = datetime.date(2026, 1, 31)
    assert add_months(born, 1) == datetime.date(2026, 2, 28)
    assert completed_months(born, datetime.date(2026, 2, 27)) == 0
    assert completed_months(born, datetime.date(2026, 2, 28)) == 1
    assert completed_months(born, datetime.date(2027, 1, 31)) == 12


def test_the_due_date_falls_in_week_40_of_pregnancy() -> None:
    due = datetime.date(2027, 6, 30)
    assert pregnancy_week(due, due) == 40
    assert pregnancy_week(due, due - datetime.timedelta(days=7)) == 39
    assert pregnancy_week(due, due - datetime.timedelta(days=400)) == 1


@pytest.mark.parametrize(
    "born", [datetime.date(2025, 11, 23), datetime.date(2025, 11, 22), datetime.date(2026, 1, 31)]
)
def test_the_database_filter_decides_like_the_offer_itself(
    world: World, born: datetime.date
) -> None:
    limits = [(0, 12, 1), (0, 11, None), (1, 6, None), (12, 36, None), (None, None, 20)]
    offers = [
        OfferFactory(
            commune=world.bergkamen,
            min_age_months=low,
            max_age_months=high,
            from_pregnancy_week=week,
        )
        for low, high, week in limits
    ]
    for day in range(0, 420, 3):
        on = born + datetime.timedelta(days=day)
        found = set(Offer.objects.for_commune(world.bergkamen).accepting_child_born(born, on))
        assert found == {o for o in offers if o.accepts_child_born(born, on)}, on
    pregnant = set(Offer.objects.for_commune(world.bergkamen).accepting_pregnancy_week(22))
    assert pregnant == {offers[0], offers[4]}
