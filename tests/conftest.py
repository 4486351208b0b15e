"""Shared personas: one user per role in Bergkamen, and the same in Dortmund as "the
other commune". Users whose role reads family data are logged in with a verified TOTP
device, as they must be."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.models import Commune, Membership, User
from lotse.core.permissions import Role
from lotse.network.models import Organisation
from tests.core.factories import (
    CommuneFactory,
    MembershipFactory,
    SocialAreaFactory,
    SocialAreaFiguresFactory,
    UserFactory,
)
from tests.network.factories import OrganisationFactory

pytest_plugins = ["tests.mail"]


@pytest.fixture(autouse=True)
def _private_media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files of a test go to a temporary folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@dataclass
class World:
    bergkamen: Commune
    dortmund: Commune
    organisations: dict[str, Organisation]
    users: dict[tuple[str, str], User]

    def user(self, commune_slug: str, role: str) -> User:
        return self.users[(commune_slug, role)]


@pytest.fixture
def world(db: None) -> World:
    bergkamen = CommuneFactory(slug="bergkamen", name="Bergkamen")
    dortmund = CommuneFactory(slug="dortmund", name="Dortmund")
    users: dict[tuple[str, str], User] = {}
    organisations: dict[str, Organisation] = {}
    for commune in (bergkamen, dortmund):
        area = SocialAreaFactory(commune=commune, name="Mitte", slug="mitte")
        SocialAreaFiguresFactory(social_area=area)
        organisations[commune.slug] = OrganisationFactory(
            commune=commune, name=f"Familienbildung {commune.name}"
        )
        for role in Role.values:
            user = UserFactory(email=f"{role}@{commune.slug}.test")
            MembershipFactory(
                user=user,
                commune=commune,
                role=role,
                organisation=organisations[commune.slug] if role == Role.PARTNER_STAFF else None,
            )
            users[(commune.slug, role)] = user
    return World(bergkamen, dortmund, organisations, users)


def log_in(client: Client, user: User) -> Client:
    """Log the user in; give roles that need two factors a verified TOTP device."""
    client.force_login(user)
    if user.is_superuser or Membership.all_communes.filter(user=user).exists():
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="Test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(world: World) -> Callable[[str, str], Client]:
    def make(commune_slug: str, role: str) -> Client:
        return log_in(Client(), world.user(commune_slug, role))

    return make
