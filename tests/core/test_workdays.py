"""The working-day calendar, from the Bergkamen rule: first contact within three working
days of a referral, no weekends, public holidays or closing days."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lotse.core.models import ClosingDay, Commune, FederalState
from lotse.core.workdays import add_working_days, is_working_day, non_working_days
from tests.core.factories import CommuneFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def closing_day(commune: Commune, day: date, label: str) -> ClosingDay:
    closing: ClosingDay = ClosingDay.all_communes.create(commune=commune, date=day, label=label)
    return closing


@pytest.fixture
def nrw() -> Commune:
    return CommuneFactory(slug="bergkamen", federal_state=FederalState.NW)


def test_referral_received_on_maundy_thursday_is_due_the_thursday_after_easter(
    nrw: Commune,
) -> None:
    received = datetime(2026, 4, 2, 10, 15, tzinfo=BERLIN)
    assert add_working_days(nrw, received, 3) == date(2026, 4, 9)


def test_referral_received_on_the_friday_before_pentecost_is_due_the_thursday_after(
    nrw: Commune,
) -> None:
    assert add_working_days(nrw, date(2026, 5, 22), 3) == date(2026, 5, 28)


def test_corpus_christi_is_a_holiday_in_nrw_but_not_in_berlin(nrw: Commune) -> None:
    berlin = CommuneFactory(slug="berlin", federal_state=FederalState.BE)
    corpus_christi = date(2026, 6, 4)
    assert not is_working_day(nrw, corpus_christi)
    assert is_working_day(berlin, corpus_christi)
    # Wednesday 3 June: Thursday is skipped in NRW only.
    assert add_working_days(nrw, date(2026, 6, 3), 1) == date(2026, 6, 5)
    assert add_working_days(berlin, date(2026, 6, 3), 1) == date(2026, 6, 4)


def test_a_closing_day_the_commune_lists_is_skipped(nrw: Commune) -> None:
    closing_day(nrw, date(2026, 3, 10), "Betriebsausflug")
    # Monday 9 March: Tuesday is closed, so three working days end on Friday.
    assert add_working_days(nrw, date(2026, 3, 9), 3) == date(2026, 3, 13)
    assert not is_working_day(nrw, date(2026, 3, 10))


def test_a_closing_day_of_another_commune_does_not_count(nrw: Commune) -> None:
    other = CommuneFactory(slug="dortmund")
    closing_day(other, date(2026, 3, 10), "Betriebsausflug")
    assert add_working_days(nrw, date(2026, 3, 9), 3) == date(2026, 3, 12)
    assert is_working_day(nrw, date(2026, 3, 10))


def test_saturday_counts_when_the_commune_says_so(nrw: Commune) -> None:
    saturday_commune = CommuneFactory(slug="samstag", saturday_is_working_day=True)
    thursday = date(2026, 3, 12)
    assert add_working_days(nrw, thursday, 3) == date(2026, 3, 17)
    assert add_working_days(saturday_commune, thursday, 3) == date(2026, 3, 16)
    assert is_working_day(saturday_commune, date(2026, 3, 14))
    assert not is_working_day(saturday_commune, date(2026, 3, 15))


def test_the_received_at_is_converted_to_berlin_time_before_counting(nrw: Commune) -> None:
    # 23:30 UTC on Thursday 12 March is 00:30 on Friday in Berlin: Friday does not count.
    received = datetime(2026, 3, 12, 23, 30, tzinfo=UTC)
    assert add_working_days(nrw, received, 1) == date(2026, 3, 16)
    # The same instant taken as a Thursday would have been due on Friday.
    assert add_working_days(nrw, date(2026, 3, 12), 1) == date(2026, 3, 13)


def test_a_naive_datetime_is_refused(nrw: Commune) -> None:
    with pytest.raises(ValueError, match="naive"):
        add_working_days(nrw, datetime(2026, 3, 12, 10, 0), 3)  # noqa: DTZ001


def test_christmas_with_closing_days_between_the_years_is_due_in_january(
    nrw: Commune,
) -> None:
    for day in range(28, 32):
        closing_day(nrw, date(2026, 12, day), "Zwischen den Jahren")
    # Wednesday 23 December: Thursday 24 is a working day, then 25/26 holidays, the
    # weekend, 28–31 closed, 1 January a holiday, the weekend: Monday 4, Tuesday 5.
    assert add_working_days(nrw, date(2026, 12, 23), 3) == date(2027, 1, 5)


@pytest.mark.parametrize("days", [0, -1])
def test_zero_or_negative_working_days_are_refused(nrw: Commune, days: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        add_working_days(nrw, date(2026, 3, 12), days)


def test_the_day_of_the_moment_never_counts_even_on_a_weekend(nrw: Commune) -> None:
    # Received on Sunday 15 March: Monday is the first working day after it.
    assert add_working_days(nrw, date(2026, 3, 15), 1) == date(2026, 3, 16)


def test_closing_days_are_read_in_one_query_however_long_the_deadline(nrw: Commune) -> None:
    closing_day(nrw, date(2026, 3, 20), "Fortbildung")
    with CaptureQueriesContext(connection) as queries:
        add_working_days(nrw, date(2026, 3, 2), 30)
    assert len(queries.captured_queries) == 1


def test_non_working_days_list_holidays_and_closing_days_with_their_names(
    nrw: Commune,
) -> None:
    closing_day(nrw, date(2026, 12, 28), "Betriebsferien")
    with translation.override("de"):
        days = non_working_days(nrw, 2026)
    assert (date(2026, 6, 4), "Fronleichnam") in days
    assert (date(2026, 12, 28), "Betriebsferien") in days
    assert days == sorted(days, key=lambda entry: entry[0])
    assert all(day.year == 2026 for day, _name in days)


def test_holiday_names_follow_the_users_language(nrw: Commune) -> None:
    with translation.override("en"):
        names = dict(non_working_days(nrw, 2026))
    assert names[date(2026, 12, 25)] == "Christmas Day"
