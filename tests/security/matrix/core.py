"""Rules for the foundation: accounts, users and roles, tokens, settings, audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from lotse.core.models import ApiToken, ClosingDay, Membership, SocialArea, User
from lotse.core.permissions import Capability, Role
from lotse.core.services.tokens import create_api_token
from tests.conftest import World
from tests.security.matrix import LOGIN, PUBLIC, TOKEN, Access, ApiRule, Rule


def _membership(world: World, user: User) -> dict[str, Any]:
    # The Bergkamen planner's role: an object every Bergkamen role could address.
    membership = Membership.objects.for_commune(world.bergkamen).get(
        user=world.user("bergkamen", Role.PLANNER)
    )
    return {"membership_uuid": membership.uuid}


def _own_token(world: World, user: User) -> dict[str, Any]:
    """A token of the requesting user in Bergkamen, or of the Bergkamen coordinator for
    users without a role there (who must not reach it)."""
    owner = (
        user
        if Membership.objects.for_commune(world.bergkamen).filter(user=user).exists()
        else world.user("bergkamen", Role.COORDINATOR)
    )
    token = ApiToken.objects.for_commune(world.bergkamen).filter(user=owner).first()
    if token is None:
        token, _secret = create_api_token(actor=owner, commune=world.bergkamen, name="Matrix")
    return {"token_uuid": token.uuid}


def _closing_day(world: World, user: User) -> dict[str, Any]:
    day, _created = ClosingDay.all_communes.get_or_create(
        commune=world.bergkamen, date=date(2026, 12, 28), defaults={"label": "Betriebsferien"}
    )
    return {"day": day.date.isoformat()}


def _social_area(world: World, user: User) -> dict[str, Any]:
    return {"area_uuid": SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte").uuid}


def _invitation(world: World, user: User) -> dict[str, Any]:
    return {"uidb64": "MQ", "token": "set-password"}


C = Capability
WEB: dict[str, Rule] = {
    "core:home": Rule(PUBLIC),
    "core:login": Rule(PUBLIC),
    "core:logout": Rule(LOGIN, post_only=True),
    "core:profile": Rule(LOGIN),
    "core:password_change": Rule(LOGIN),
    "core:password_change_done": Rule(LOGIN),
    "core:password_reset": Rule(PUBLIC),
    "core:password_reset_done": Rule(PUBLIC),
    "core:password_reset_confirm": Rule(PUBLIC, kwargs=_invitation),
    "core:password_reset_complete": Rule(PUBLIC),
    "core:accept_invitation": Rule(PUBLIC, kwargs=_invitation),
    "core:two_factor_setup": Rule(LOGIN),
    "core:two_factor_verify": Rule(LOGIN),
    "set_language": Rule(PUBLIC),
    "core:commune_home": Rule(C.VIEW_COMMUNE_HOME),
    "core:user_list": Rule(C.MANAGE_USERS),
    "core:user_invite": Rule(C.MANAGE_USERS),
    "core:user_deactivate": Rule(C.MANAGE_USERS, post_only=True, kwargs=_membership),
    "core:user_reactivate": Rule(C.MANAGE_USERS, post_only=True, kwargs=_membership),
    "core:token_list": Rule(C.VIEW_COMMUNE_HOME),
    "core:token_create": Rule(C.VIEW_COMMUNE_HOME, post_only=True),
    "core:token_revoke": Rule(C.VIEW_COMMUNE_HOME, post_only=True, kwargs=_own_token),
    "core:commune_settings": Rule(C.MANAGE_COMMUNE_SETTINGS),
    "core:closing_day_add": Rule(C.MANAGE_COMMUNE_SETTINGS, post_only=True),
    "core:closing_day_delete": Rule(C.MANAGE_COMMUNE_SETTINGS, post_only=True, kwargs=_closing_day),
    "core:social_area_figures": Rule(C.MANAGE_COMMUNE_SETTINGS, kwargs=_social_area),
    "core:audit_log": Rule(C.VIEW_AUDIT_LOG),
}

API: dict[tuple[str, str], Access | ApiRule] = {
    ("GET", "/ping"): PUBLIC,
    ("GET", "/health"): PUBLIC,
    ("GET", "/openapi.json"): PUBLIC,
    ("GET", "/me"): TOKEN,
    ("GET", "/social-areas"): C.VIEW_COMMUNE_HOME,
}
