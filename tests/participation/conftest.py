"""Shared pieces of the participation tests: a published offer of each commune and a
form token old enough to be accepted."""

from __future__ import annotations

import time

import pytest
from django.core import signing

from lotse.offers.finder.feedback import GUARD
from lotse.offers.models import Offer
from tests.conftest import World
from tests.offers.factories import OfferFactory


def fresh_token(age_seconds: int = 30) -> str:
    """A form token issued ``age_seconds`` ago, as a family's browser would send it."""
    return signing.dumps(int(time.time()) - age_seconds, salt=GUARD.salt)


@pytest.fixture
def offers(world: World) -> dict[str, Offer]:
    return {
        slug: OfferFactory(
            commune=getattr(world, slug),
            provider=world.organisations[slug],
            name=f"Babytreff {slug}",
        )
        for slug in ("bergkamen", "dortmund")
    }


@pytest.fixture(autouse=True)
def _no_rate_limit_left_over() -> None:
    """Each test starts with an empty rate-limit counter."""
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()
