"""The shapes of the offer catalog demo's facts (places, times, offers, providers) and the
schedule and cost words they use; the facts themselves are in ``offers_facts`` (Bergkamen)
and ``offers_facts_dortmund``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lotse.network.models import Sector

FREE, REDUCED, AMOUNT = "free", "reduced", "amount"


@dataclass(frozen=True)
class PlaceFacts:
    name: str
    street: str
    postal_code: str
    city: str
    area: str  # social area slug
    latitude: float
    longitude: float
    accessibility: tuple[str, ...] = ("step_free", "pram_parking", "baby_changing")


@dataclass(frozen=True)
class TimeFacts:
    kind: str  # ScheduleKind value
    weekdays: str = ""
    opens: str = ""
    closes: str = ""
    first_date: str = ""  # ISO date of a course or event
    sessions: int | None = None
    place: str = ""  # name of one of the offer's places; "" = the offer as a whole


@dataclass(frozen=True)
class OfferFacts:
    name: str
    provider: str
    categories: tuple[str, ...]
    summary: str
    description: str
    min_age_months: int | None = None
    max_age_months: int | None = None
    from_pregnancy_week: int | None = None
    cost: str = FREE
    amount: Decimal | None = None
    cost_note: str = ""
    registration: bool = False
    languages: tuple[str, ...] = ("de",)
    places: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()  # social areas served without a place
    times: tuple[TimeFacts, ...] = ()
    # Days since the last confirmation; beyond the interval the finder marks the offer.
    confirmed_days_ago: int = 30
    free_places: int | None = None


@dataclass(frozen=True)
class ProviderFacts:
    name: str
    sector: Sector
    street: str
    postal_code: str
    city: str
    email: str


@dataclass(frozen=True)
class CatalogFacts:
    providers: tuple[ProviderFacts, ...]
    places: tuple[PlaceFacts, ...]
    offers: tuple[OfferFacts, ...] = field(default=())


WEEKLY, BIWEEKLY, COURSE, ONE_OFF, ARRANGED = (
    "weekly",
    "every_two_weeks",
    "course",
    "one_off",
    "by_arrangement",
)
