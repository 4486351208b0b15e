"""Ages, pregnancy weeks and the life phases of the prevention chain.

Ages are counted in completed months ("vollendete Lebensmonate"). An offer's age limits are
inclusive: ``min_age_months=0, max_age_months=12`` accepts a child from birth up to and
including the day it turns 12 months old, its first birthday. That is how the seeds say it:
"Familienhebamme: Schwangerschaft bis einschließlich 1. Geburtstag".
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

# A pregnancy lasts at most 42 weeks; week 1 is the first week after the last period.
PREGNANCY_WEEKS = 42
# The prevention chain ends with the transition to work, at the 27th birthday.
LAST_MONTH_OF_CHAIN = 27 * 12 - 1


class LifePhase(models.TextChoices):
    """Life phases of the prevention chain (seed 004), from pregnancy to the first job."""

    PREGNANCY = "pregnancy", _("Pregnancy")
    AGE_0_1 = "0-1", _("0 to 1 year")
    AGE_1_3 = "1-3", _("1 to 3 years")
    AGE_3_6 = "3-6", _("3 to 6 years")
    AGE_6_10 = "6-10", _("6 to 10 years")
    AGE_10_16 = "10-16", _("10 to 16 years")
    AGE_16_27 = "16-27", _("16 to 27 years (transition to work)")

    @property
    def month_range(self) -> tuple[int, int] | None:
        """First and last completed month of age in this phase; ``None`` for pregnancy."""
        return PHASE_MONTHS.get(self)


PHASE_MONTHS: dict[LifePhase, tuple[int, int]] = {
    LifePhase.AGE_0_1: (0, 11),
    LifePhase.AGE_1_3: (12, 35),
    LifePhase.AGE_3_6: (36, 71),
    LifePhase.AGE_6_10: (72, 119),
    LifePhase.AGE_10_16: (120, 191),
    LifePhase.AGE_16_27: (192, LAST_MONTH_OF_CHAIN),
}


@dataclass(frozen=True)
class AgeLimits:
    """Who an offer is for. Without any age limit the offer is for every age, unless it
    names a pregnancy week and nothing else: then it is for pregnancy only."""

    min_age_months: int | None
    max_age_months: int | None
    from_pregnancy_week: int | None

    @property
    def for_pregnancy(self) -> bool:
        return self.from_pregnancy_week is not None

    @property
    def for_children(self) -> bool:
        return not (
            self.min_age_months is None
            and self.max_age_months is None
            and self.from_pregnancy_week is not None
        )

    def accepts_age_months(self, months: int) -> bool:
        if not self.for_children or months < 0:
            return False
        if self.min_age_months is not None and months < self.min_age_months:
            return False
        return self.max_age_months is None or months <= self.max_age_months

    def accepts_pregnancy_week(self, week: int) -> bool:
        return self.from_pregnancy_week is not None and self.from_pregnancy_week <= week

    def accepts_child_born(self, birth_date: datetime.date, on: datetime.date) -> bool:
        """Day-exact: a child born on ``birth_date`` may come on ``on``. With
        ``max_age_months=12`` the last day is the first birthday itself."""
        if on < birth_date or not self.for_children:
            return False
        if self.min_age_months is not None and on < add_months(birth_date, self.min_age_months):
            return False
        return self.max_age_months is None or on <= add_months(birth_date, self.max_age_months)

    def life_phases(self) -> list[LifePhase]:
        phases = [LifePhase.PREGNANCY] if self.for_pregnancy else []
        if not self.for_children:
            return phases
        low = self.min_age_months or 0
        high = LAST_MONTH_OF_CHAIN
        if self.max_age_months is not None:
            # "Up to and including the 1st birthday" (12) reaches month 12 on one day only:
            # that day does not make the offer one for the phase 1 to 3 years.
            high = max(low, self.max_age_months - 1)
        for phase, (first, last) in PHASE_MONTHS.items():
            if low <= last and first <= high:
                phases.append(phase)
        return phases


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months; the 31st becomes the month's last day if needed."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def completed_months(birth_date: datetime.date, on: datetime.date) -> int:
    """Completed months of age on ``on``: a child born on 31 January is one month old on
    28/29 February, and 12 months old on its first birthday."""
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month
    if add_months(birth_date, months) > on:
        months -= 1
    return months


def pregnancy_week(due_date: datetime.date, on: datetime.date) -> int:
    """Week of pregnancy on ``on`` for a child due on ``due_date`` (due date = end of week
    40); at least 1, at most :data:`PREGNANCY_WEEKS`."""
    days_before_due = (due_date - on).days
    week = 40 - days_before_due // 7
    return max(1, min(PREGNANCY_WEEKS, week))
