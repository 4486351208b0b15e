"""The user's own account page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.models import Membership
from lotse.core.permissions import Role
from tests.conftest import World, log_in
from tests.core.factories import MembershipFactory

PROFILE = reverse("core:profile")


def test_the_profile_shows_name_address_and_the_roles_per_commune(world: World) -> None:
    user = world.user("bergkamen", Role.PARTNER_STAFF)
    MembershipFactory(user=user, commune=world.dortmund, role=Role.PLANNER)
    response = log_in(Client(), user).get(PROFILE)
    assert response.status_code == 200
    content = response.content.decode()
    assert user.email in content
    assert user.full_name in content
    assert "Bergkamen" in content
    assert "Dortmund" in content
    assert world.organisations["bergkamen"].name in content
    assert reverse("core:password_change") in content


def test_a_deactivated_role_is_not_listed(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    client = log_in(Client(), user)
    Membership.objects.for_commune(world.bergkamen).filter(user=user).update(is_active=False)
    response = client.get(PROFILE)
    assert list(response.context["memberships"]) == []


def test_the_profile_shows_that_two_factors_are_on(world: World) -> None:
    response = log_in(Client(), world.user("bergkamen", Role.EARLY_HELP_WORKER)).get(PROFILE)
    assert response.context["two_factor_enabled"] is True
    assert reverse("core:two_factor_setup") not in response.content.decode()


def test_a_coordinator_without_two_factors_is_offered_to_set_them_up(world: World) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    client = Client()
    client.force_login(user)
    response = client.get(PROFILE)
    assert response.context["two_factor_enabled"] is False
    assert response.context["two_factor_required"] is False
    assert reverse("core:two_factor_setup") in response.content.decode()


def test_a_device_that_was_never_confirmed_does_not_count(world: World) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    TOTPDevice.objects.create(user=user, name="Half", confirmed=False)
    client = Client()
    client.force_login(user)
    assert client.get(PROFILE).context["two_factor_enabled"] is False


def test_the_profile_needs_a_login(db: None) -> None:
    response = Client().get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
