"""What an indicator is, so that dashboards, drill-downs, the annual report and its XLSX
all show the same figures with the same definitions.

An indicator computes a :class:`Result` for a :class:`Scope` (commune, year, optionally
one social area): a headline value and a breakdown (the rows of its chart and data table).
Its ``drilldown`` returns the list behind a figure as a :class:`Table`. For figures about
families that list is itself an aggregate (by month, by social area): reports never show a
single family, whoever asks.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Commune, SocialArea

Number = int | Decimal | float
T = TypeVar("T")


class Group(models.TextChoices):
    """The indicator groups of the dashboards, in the order the issue lists them."""

    NETWORK = "network", _("Network")
    OFFERS = "offers", _("Offers")
    ACCESS = "access", _("Access")
    REACH = "reach", _("Reach")
    FUNDING = "funding", _("Funding")
    FINDER = "finder", _("Finder")
    PARTICIPATION = "participation", _("Participation")


class Unit(StrEnum):
    COUNT = "count"  # a number of things
    SHARE = "share"  # a fraction from 0 to 1, shown as a percentage
    PER_1000 = "per_1000"  # per 1,000 children of the age group
    DAYS = "days"  # calendar days, one decimal
    HOURS = "hours"  # hours, one decimal
    EUR = "eur"  # euros as Decimal, two decimals
    RATING = "rating"  # an average on a scale from 1 to 5


@dataclass(frozen=True)
class Scope:
    """Whose figures for which year. ``social_area`` ``None`` means the whole commune."""

    commune: Commune
    year: int
    social_area: SocialArea | None = None
    # What several indicators of one scope read alike (the year's referral figures, the
    # visible catalog), computed once per page or report: see :meth:`shared`.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def shared(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per scope under ``name``; later calls get the same object,
        so callers must not change it."""
        if name not in self.memo:
            self.memo[name] = compute()
        found: T = self.memo[name]
        return found

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    @property
    def reference_date(self) -> datetime.date:
        """The day a state is read on: the year's last day, or today for the current year."""
        return min(self.end, timezone.localdate())


@dataclass(frozen=True)
class Figure:
    """One row of a breakdown: a bar of the chart, a row of the data table.

    ``key`` names the row for its drill-down (a sector, a social area's slug, "2026-03");
    ``value`` ``None`` means there is nothing to compute it from (no children counted, no
    answer given) and is shown as "keine Angabe", never as 0."""

    key: str
    label: str | Promise
    value: Number | None
    # The figure a share or rate is computed from, shown in the table ("12 von 40").
    numerator: Number | None = None
    denominator: Number | None = None


@dataclass(frozen=True)
class Result:
    value: Number | None
    breakdown: Sequence[Figure] = ()
    numerator: Number | None = None
    denominator: Number | None = None
    # Anything the reader must know to read the figure right ("gilt für die ganze Kommune",
    # "12 Antworten").
    note: str | Promise = ""


@dataclass(frozen=True)
class Column:
    title: str | Promise
    unit: Unit | None = None  # None: text


@dataclass(frozen=True)
class Table:
    """The list behind a figure: organisations, offers, meetings, measures, or (for
    figures about families) a finer aggregate. ``links`` holds an optional URL per row."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str | Number | None]]
    links: Sequence[str | None] = field(default_factory=tuple)
    note: str | Promise = ""


@dataclass(frozen=True)
class Indicator:
    key: str
    group: Group
    title: str | Promise
    # Shown next to the figure: what is counted, from which data, for which period.
    definition: str | Promise
    unit: Unit
    compute: Callable[[Scope], Result]
    # The list behind the headline (``row_key`` None) or one breakdown row.
    drilldown: Callable[[Scope, str | None], Table] | None = None
    # False: the figure exists only for the whole commune (funding, plenary attendance);
    # a social-area filter then shows the commune's figure with a note saying so.
    by_social_area: bool = True
    # Unit of the breakdown rows when it differs from the headline's (a total headline
    # over shares per row is rare; most indicators leave this None).
    breakdown_unit: Unit | None = None
