"""Fixtures of the referrals tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from lotse.core.models import User
from lotse.core.permissions import Role
from lotse.referrals.models import Referral
from tests.conftest import World
from tests.referrals.factories import refer


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


@pytest.fixture
def navigator(world: World) -> User:
    return world.user("bergkamen", Role.NAVIGATOR)


@pytest.fixture
def worker(world: World) -> User:
    return world.user("bergkamen", Role.EARLY_HELP_WORKER)


@pytest.fixture
def referral(world: World, navigator: User) -> Referral:
    return refer(actor=navigator, commune=world.bergkamen)
