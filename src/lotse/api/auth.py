"""Bearer authentication with personal API tokens, and capability checks for operations.

A request is authenticated when its ``Authorization: Bearer <token>`` names an unrevoked
token whose owner is active and still holds an active role in the token's commune. The
operation then sees ``request.auth``, an :class:`ApiPrincipal`: the token's user and
commune and the user's capabilities there, computed afresh on every request, so a role
taken away takes the token's rights with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from ninja.security import HttpBearer

from lotse.api.errors import (
    MALFORMED_TOKEN,
    MISSING_TOKEN,
    OWNER_WITHOUT_ROLE,
    UNKNOWN_TOKEN,
    InvalidTokenError,
    MissingCapabilityError,
)
from lotse.core.models import ApiToken, Commune, User, capabilities_of
from lotse.core.permissions import Capability
from lotse.core.services.tokens import find_token, note_use, parse_token


@dataclass(frozen=True)
class ApiPrincipal:
    """Who is calling: the token's owner, in the token's commune, with these rights."""

    user: User
    commune: Commune
    token: ApiToken
    capabilities: frozenset[Capability]


class TokenAuth(HttpBearer):
    """``Authorization: Bearer lotse_<prefix>_<secret>``; every failure is a 401 with a
    JSON ``detail`` that says what is wrong."""

    def __call__(self, request: HttpRequest) -> ApiPrincipal:
        value = request.headers.get(self.header, "").strip()
        if not value:
            raise InvalidTokenError(MISSING_TOKEN)
        scheme, _space, token = value.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise InvalidTokenError(MALFORMED_TOKEN)
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiPrincipal:
        if parse_token(token) is None:
            raise InvalidTokenError(MALFORMED_TOKEN)
        found = find_token(token)
        if found is None:
            raise InvalidTokenError(UNKNOWN_TOKEN)
        user, commune = found.user, found.commune
        if not user.is_active or not commune.is_active:
            raise InvalidTokenError(OWNER_WITHOUT_ROLE)
        capabilities = capabilities_of(user, commune)
        if not capabilities:
            raise InvalidTokenError(OWNER_WITHOUT_ROLE)
        note_use(found)
        return ApiPrincipal(user=user, commune=commune, token=found, capabilities=capabilities)


token_auth = TokenAuth()


def principal(request: HttpRequest) -> ApiPrincipal:
    """The caller of an authenticated operation."""
    auth = getattr(request, "auth", None)
    if not isinstance(auth, ApiPrincipal):
        raise InvalidTokenError(MISSING_TOKEN)
    return auth


def require(request: HttpRequest, capability: Capability) -> ApiPrincipal:
    """The caller, if they hold ``capability`` in the token's commune; else 403."""
    caller = principal(request)
    if capability not in caller.capabilities:
        raise MissingCapabilityError(capability)
    return caller
