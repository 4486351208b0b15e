"""Rules for the public finder: every page is for anyone, logged in or not, in any
commune (the commune is named in the URL, not by a role)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from lotse.core.models import User
from lotse.offers.models import Offer, OfferStatus
from tests.conftest import World
from tests.security.matrix import PUBLIC, Access, ApiRule, Rule


def _bergkamen(world: World, user: User) -> dict[str, Any]:
    return {"commune_slug": "bergkamen"}


def _published_offer(world: World, user: User) -> dict[str, Any]:
    offer, _created = Offer.all_communes.get_or_create(
        commune=world.bergkamen,
        name="Baby-Café (Matrix)",
        defaults={
            "provider": world.organisations["bergkamen"],
            "description": "Treffen für Eltern mit Babys.",
            "status": OfferStatus.PUBLISHED,
            "last_confirmed_at": timezone.localdate() - datetime.timedelta(days=1),
        },
    )
    return {"commune_slug": "bergkamen", "offer_uuid": offer.uuid}


WEB: dict[str, Rule] = {
    "finder:start": Rule(PUBLIC, kwargs=_bergkamen),
    "finder:print": Rule(PUBLIC, kwargs=_bergkamen),
    "finder:detail": Rule(PUBLIC, kwargs=_published_offer),
    "finder:easy_language": Rule(PUBLIC, kwargs=_bergkamen),
    "finder:accessibility": Rule(PUBLIC, kwargs=_bergkamen),
    "finder:feedback": Rule(PUBLIC, kwargs=_bergkamen),
}

API: dict[tuple[str, str], Access | ApiRule] = {
    ("GET", "/communes/{slug}/offers"): ApiRule(
        PUBLIC, kwargs=lambda world, user: {"slug": "bergkamen"}
    ),
}
