"""Reads of the catalog shared by staff pages, the finder, the HSDS API, brokering and
reports; always scoped to one commune."""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.db.models import Q

from lotse.core.models import Commune
from lotse.offers.ages import LifePhase, add_months
from lotse.offers.models import CatalogSettings, Offer, OfferQuerySet, OfferStatus


class Freshness(StrEnum):
    """How current an offer is: confirmed in time, overdue but still shown with a
    "not confirmed" note, or overdue so long that the finder hides it."""

    CONFIRMED = "confirmed"
    NOT_CONFIRMED_SHOWN = "not_confirmed_shown"
    HIDDEN = "hidden"


def catalog_settings(commune: Commune) -> CatalogSettings:
    """The commune's catalog settings; the defaults (unsaved) if it has none yet."""
    found = CatalogSettings.objects.filter(commune=commune).first()
    return found or CatalogSettings(commune=commune)


def confirmation_due(offer: Offer, settings: CatalogSettings) -> datetime.date:
    """The day by which the provider must confirm the offer again. An offer never
    confirmed counts from the day it was created."""
    start = offer.last_confirmed_at or offer.created_at.date()
    return add_months(start, settings.confirmation_interval_months)


def freshness(
    offer: Offer, today: datetime.date, settings: CatalogSettings | None = None
) -> Freshness:
    settings = settings or catalog_settings(offer.commune)
    due = confirmation_due(offer, settings)
    if today <= due:
        return Freshness.CONFIRMED
    if today <= due + datetime.timedelta(days=settings.hide_after_days):
        return Freshness.NOT_CONFIRMED_SHOWN
    return Freshness.HIDDEN


def _earliest_visible_confirmation(
    settings: CatalogSettings, today: datetime.date
) -> datetime.date:
    """The earliest confirmation date that is not yet hidden on ``today``: the smallest
    ``d`` with ``add_months(d, interval) + hide_after_days >= today``, exactly as
    :func:`freshness` decides (month ends make a plain subtraction off by a few days)."""
    months = settings.confirmation_interval_months
    latest_due = today - datetime.timedelta(days=settings.hide_after_days)
    candidate = add_months(latest_due, -months)
    one_day = datetime.timedelta(days=1)
    while add_months(candidate, months) < latest_due:
        candidate += one_day
    while add_months(candidate - one_day, months) >= latest_due:
        candidate -= one_day
    return candidate


def publicly_visible(commune: Commune, today: datetime.date) -> OfferQuerySet:
    """Offers the public finder shows: published, inside their publishing window and not
    hidden for lack of confirmation. Temporarily closed offers stay visible, marked."""
    earliest = _earliest_visible_confirmation(catalog_settings(commune), today)
    offers: OfferQuerySet = Offer.objects.for_commune(commune)
    return offers.filter(
        Q(publish_from__isnull=True) | Q(publish_from__lte=today),
        Q(publish_until__isnull=True) | Q(publish_until__gte=today),
        Q(last_confirmed_at__gte=earliest)
        | Q(last_confirmed_at__isnull=True, created_at__date__gte=earliest),
        status=OfferStatus.PUBLISHED,
    )


def life_phases_of(offer: Offer) -> list[LifePhase]:
    return offer.life_phases


def accepts_age_months(offer: Offer, months: int) -> bool:
    """Whether a child of ``months`` completed months may come (limits inclusive)."""
    return offer.accepts_age_months(months)


def accepts_pregnancy_week(offer: Offer, week: int) -> bool:
    return offer.accepts_pregnancy_week(week)


def accepts_child_born(offer: Offer, birth_date: datetime.date, on: datetime.date) -> bool:
    return offer.accepts_child_born(birth_date, on)
