"""The seeds' eligibility and hour rules, on exact dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from lotse.referrals.support.choices import HealthProfessionalKind
from lotse.referrals.support.rules import (
    ChildFacts,
    add_months,
    birthday,
    certificate_blocking_reason,
    family_midwife_eligible,
    fgkikp_eligible,
    fgkikp_has_priority,
    health_professional_ineligibility,
    volunteer_sponsor_eligible,
    weekly_hours_error,
    weekly_hours_need_reason,
)

BORN = ChildFacts(birth_date=date(2025, 3, 14))
EXPECTED = ChildFacts(birth_date=None, due_date=date(2026, 5, 1))


def test_a_family_midwife_may_come_during_pregnancy() -> None:
    assert family_midwife_eligible(EXPECTED, date(2026, 1, 10))


def test_a_family_midwife_may_come_on_the_first_birthday_itself() -> None:
    assert family_midwife_eligible(BORN, date(2026, 3, 14))


def test_a_family_midwife_may_not_come_the_day_after_the_first_birthday() -> None:
    assert not family_midwife_eligible(BORN, date(2026, 3, 15))


def test_an_fgkikp_may_come_on_the_day_before_the_third_birthday() -> None:
    assert fgkikp_eligible(BORN, date(2028, 3, 13))


def test_an_fgkikp_may_no_longer_come_on_the_third_birthday() -> None:
    assert not fgkikp_eligible(BORN, date(2028, 3, 14))


def test_an_fgkikp_may_come_during_pregnancy() -> None:
    assert fgkikp_eligible(EXPECTED, date(2026, 1, 10))


def test_a_child_born_on_29_february_turns_one_on_1_march() -> None:
    leap = ChildFacts(birth_date=date(2024, 2, 29))
    assert birthday(date(2024, 2, 29), 1) == date(2025, 3, 1)
    assert family_midwife_eligible(leap, date(2025, 3, 1))
    assert not family_midwife_eligible(leap, date(2025, 3, 2))


def test_a_premature_child_gives_the_fgkikp_priority_only_while_eligible() -> None:
    premature = ChildFacts(birth_date=date(2025, 3, 14), health_priority=True)
    assert fgkikp_has_priority(premature, date(2026, 6, 1))
    assert not fgkikp_has_priority(premature, date(2028, 3, 14))
    assert not fgkikp_has_priority(BORN, date(2026, 6, 1))


def test_a_family_is_refused_a_family_midwife_with_a_german_reason() -> None:
    reason = health_professional_ineligibility(
        HealthProfessionalKind.FAMILY_MIDWIFE, [BORN], date(2026, 3, 15)
    )
    assert reason is not None
    assert "bis einschließlich zum ersten Geburtstag" in reason


def test_one_eligible_child_is_enough() -> None:
    older = ChildFacts(birth_date=date(2021, 1, 1))
    assert (
        health_professional_ineligibility(
            HealthProfessionalKind.FGKIKP, [older, BORN], date(2027, 1, 1)
        )
        is None
    )


@pytest.mark.parametrize(
    ("children", "eligible"),
    [
        ([ChildFacts(birth_date=date(2023, 6, 2))], True),  # the day before the 3rd birthday
        ([ChildFacts(birth_date=date(2023, 6, 1))], False),  # 3 today
        ([ChildFacts(birth_date=None, due_date=date(2026, 8, 1))], False),  # only expected
        ([ChildFacts(birth_date=date(2020, 1, 1)), ChildFacts(birth_date=date(2026, 1, 1))], True),
    ],
)
def test_volunteer_sponsors_need_a_child_aged_0_to_3(
    children: list[ChildFacts], eligible: bool
) -> None:
    assert volunteer_sponsor_eligible(children, date(2026, 6, 1)) is eligible


def test_a_certificate_is_valid_until_it_is_five_years_old() -> None:
    assert certificate_blocking_reason(date(2021, 6, 1), False, date(2026, 6, 1)) is None
    reason = certificate_blocking_reason(date(2021, 6, 1), False, date(2026, 6, 2))
    assert reason == "Das erweiterte Führungszeugnis ist älter als fünf Jahre."


def test_a_missing_certificate_or_a_relevant_conviction_blocks() -> None:
    assert "kein erweitertes Führungszeugnis" in str(
        certificate_blocking_reason(None, None, date(2026, 6, 1))
    )
    assert "einschlägige Verurteilung" in str(
        certificate_blocking_reason(date(2026, 1, 1), True, date(2026, 6, 1))
    )


@pytest.mark.parametrize(
    ("hours", "needs_reason"),
    [("3.75", True), ("4", False), ("5.5", False), ("6", False), ("6.25", True)],
)
def test_individual_support_outside_4_to_6_hours_needs_a_reason(
    hours: str, needs_reason: bool
) -> None:
    assert weekly_hours_need_reason(Decimal(hours)) is needs_reason
    error = weekly_hours_error(Decimal(hours), "")
    assert (error is not None) is needs_reason
    assert weekly_hours_error(Decimal(hours), "Krise nach der Geburt") is None


def test_three_months_after_30_november_is_the_end_of_february() -> None:
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
