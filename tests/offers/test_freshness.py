"""Keeping the catalog current: confirmed, then "not confirmed" shown, then hidden."""

from __future__ import annotations

import datetime

from lotse.offers.models import CatalogSettings, Offer, OfferStatus
from lotse.offers.selectors import Freshness, freshness, publicly_visible
from tests.conftest import World
from tests.offers.factories import OfferFactory

D = datetime.date


def test_an_offer_confirmed_on_31_january_is_due_on_31_july_and_hidden_after_eight_weeks(
    world: World,
) -> None:
    offer = OfferFactory(commune=world.bergkamen, last_confirmed_at=D(2026, 1, 31))
    assert freshness(offer, D(2026, 7, 31)) == Freshness.CONFIRMED
    assert freshness(offer, D(2026, 8, 1)) == Freshness.NOT_CONFIRMED_SHOWN
    assert freshness(offer, D(2026, 9, 25)) == Freshness.NOT_CONFIRMED_SHOWN
    assert freshness(offer, D(2026, 9, 26)) == Freshness.HIDDEN
    assert list(publicly_visible(world.bergkamen, D(2026, 9, 25))) == [offer]
    assert list(publicly_visible(world.bergkamen, D(2026, 9, 26))) == []


def test_the_commune_sets_the_interval(world: World) -> None:
    CatalogSettings.objects.filter(commune=world.bergkamen).update(
        confirmation_interval_months=3, hide_after_days=0
    )
    offer = OfferFactory(commune=world.bergkamen, last_confirmed_at=D(2026, 1, 15))
    assert freshness(offer, D(2026, 4, 15)) == Freshness.CONFIRMED
    assert freshness(offer, D(2026, 4, 16)) == Freshness.HIDDEN


def test_the_finder_query_agrees_with_freshness_on_every_day_around_month_ends(
    world: World,
) -> None:
    confirmed = [D(2026, 1, 28) + datetime.timedelta(days=n) for n in range(8)]
    offers = [OfferFactory(commune=world.bergkamen, last_confirmed_at=day) for day in confirmed]
    for n in range(200, 260):
        today = D(2026, 1, 28) + datetime.timedelta(days=n)
        visible = set(publicly_visible(world.bergkamen, today))
        assert visible == {o for o in offers if freshness(o, today) != Freshness.HIDDEN}, today


def test_only_published_offers_inside_their_window_are_visible(world: World) -> None:
    today = D(2026, 11, 23)
    shown = OfferFactory(commune=world.bergkamen, last_confirmed_at=today)
    OfferFactory(commune=world.bergkamen, status=OfferStatus.DRAFT, last_confirmed_at=today)
    OfferFactory(commune=world.bergkamen, status=OfferStatus.WITHDRAWN, last_confirmed_at=today)
    OfferFactory(commune=world.bergkamen, publish_from=D(2026, 11, 24), last_confirmed_at=today)
    OfferFactory(commune=world.bergkamen, publish_until=D(2026, 11, 22), last_confirmed_at=today)
    closed = OfferFactory(commune=world.bergkamen, temporarily_closed=True, last_confirmed_at=today)
    OfferFactory(commune=world.dortmund, last_confirmed_at=today)
    assert set(publicly_visible(world.bergkamen, today)) == {shown, closed}
    assert isinstance(next(iter(publicly_visible(world.bergkamen, today))), Offer)
