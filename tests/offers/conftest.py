from __future__ import annotations

import pytest

from lotse.offers.models import Offer
from tests.conftest import World
from tests.offers.factories import OfferFactory


@pytest.fixture
def own_offer(world: World) -> Offer:
    """A published offer of the Bergkamen partner staff's organisation."""
    offer: Offer = OfferFactory(
        commune=world.bergkamen,
        provider=world.organisations["bergkamen"],
        name="Baby-Café",
        min_age_months=0,
        max_age_months=12,
    )
    return offer


@pytest.fixture
def other_offer(world: World) -> Offer:
    """A Bergkamen offer of another organisation than the partner staff's."""
    offer: Offer = OfferFactory(commune=world.bergkamen, name="Still-Café")
    return offer
