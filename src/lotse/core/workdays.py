"""The working-day calendar of a commune: "N working days after a moment".

A working day is a day that is not a Sunday, not a Saturday (unless the commune counts
Saturdays), not a public holiday of the commune's federal state (the ``holidays``
package) and not one of the commune's own closing days (:class:`ClosingDay`).

Deadlines are counted in Europe/Berlin: a referral received at 23:30 UTC on a Thursday
arrived on Friday in Germany. The day of the moment itself never counts, whether it is a
working day or not: a referral received on Thursday (Maundy Thursday, 2 April 2026, NRW)
with three working days is due on Thursday 9 April 2026.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import holidays
from django.utils import translation

from lotse.core.models import ClosingDay

if TYPE_CHECKING:
    from lotse.core.models import Commune

BERLIN = ZoneInfo("Europe/Berlin")
SATURDAY = 5
SUNDAY = 6


def _holiday_language() -> str:
    """The ``holidays`` package speaks German and American English: pick the one that
    fits the user's language, German otherwise."""
    language = translation.get_language() or "de"
    return "en_US" if language.startswith("en") else "de"


@functools.lru_cache(maxsize=256)
def _public_holidays(federal_state: str, year: int, language: str) -> Mapping[date, str]:
    """The public holidays of a federal state in a year, read-only (cached)."""
    calendar = holidays.country_holidays("DE", subdiv=federal_state, years=year, language=language)
    return MappingProxyType({day: str(name) for day, name in calendar.items()})


def public_holidays(commune: Commune, year: int) -> Mapping[date, str]:
    """The public holidays of the commune's federal state in ``year``, with their names."""
    return _public_holidays(commune.federal_state, year, _holiday_language())


def _is_weekday_off(commune: Commune, day: date) -> bool:
    weekday = day.weekday()
    return weekday == SUNDAY or (weekday == SATURDAY and not commune.saturday_is_working_day)


def _is_holiday(commune: Commune, day: date) -> bool:
    # Whether a day is a holiday does not depend on the language: use German, the default,
    # so the cache holds one calendar per state and year.
    return day in _public_holidays(commune.federal_state, day.year, "de")


def is_working_day(commune: Commune, day: date) -> bool:
    """Whether the commune's offices work on ``day`` (one query for closing days)."""
    if _is_weekday_off(commune, day) or _is_holiday(commune, day):
        return False
    return not ClosingDay.objects.for_commune(commune).filter(date=day).exists()


def local_date(moment: datetime | date) -> date:
    """The calendar day of ``moment`` in Europe/Berlin. An aware datetime is converted;
    a naive one is refused, since its time zone is unknown."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("A naive datetime has no time zone: pass an aware datetime")
        return moment.astimezone(BERLIN).date()
    return moment


def add_working_days(commune: Commune, moment: datetime | date, days: int) -> date:
    """The date that is ``days`` working days after ``moment`` in this commune.

    The day of ``moment`` (in Europe/Berlin) never counts. ``days`` must be at least 1:
    "zero working days after" has no sensible meaning for a deadline, so it raises
    :class:`ValueError`. The commune's closing days are read in one query.
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, not {days}")
    start = local_date(moment)
    closing_days = set(
        ClosingDay.objects.for_commune(commune)
        .filter(date__gt=start)
        .values_list("date", flat=True)
    )
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if (
            not _is_weekday_off(commune, day)
            and not _is_holiday(commune, day)
            and day not in closing_days
        ):
            counted += 1
    return day


def non_working_days(commune: Commune, year: int) -> list[tuple[date, str]]:
    """The public holidays and the commune's closing days in ``year``, with their names,
    in date order (for display; weekends are not listed). A closing day that falls on a
    public holiday is listed twice, once under each name."""
    entries: list[tuple[date, str]] = list(public_holidays(commune, year).items())
    entries += list(
        ClosingDay.objects.for_commune(commune).filter(date__year=year).values_list("date", "label")
    )
    return sorted(entries, key=lambda entry: entry[0])
