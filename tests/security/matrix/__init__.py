"""The rules of the permission matrix, one module per area of Lotse.

Each area module (``core``, ``network``, ``offers``, ...) defines ``WEB`` (URL name →
:class:`Rule`) and ``API`` ((method, path as in the OpenAPI document) → access or
:class:`ApiRule`). ``tests/security/test_permission_matrix.py`` merges them and checks every
URL pattern and API operation against them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from lotse.core.models import User
from lotse.core.permissions import Capability
from tests.conftest import World

PUBLIC = "public"  # anyone, logged in or not
LOGIN = "login"  # any logged-in user; outside a commune
OPERATOR = "operator"  # superusers only (Django admin)
TOKEN = "token"  # API: any valid token, whatever its capabilities

Access = str | Capability
KwargsBuilder = Callable[[World, User], dict[str, Any]]
# Whether a Bergkamen user who holds the capability may reach this particular object
# (their own referral, their own organisation's offer); when not, the answer is a 404.
ObjectCheck = Callable[[World, User], bool]
BodyBuilder = Callable[[World, User], dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    access: Access
    post_only: bool = False
    kwargs: KwargsBuilder | None = None
    only: ObjectCheck | None = None


@dataclass(frozen=True)
class ApiRule:
    """An API operation whose path names an object of Bergkamen's (built by ``kwargs`` and
    filled into the path's ``{placeholders}``) or which needs a request body.

    A caller without the capability gets 403; a caller with it but from Dortmund, or one
    ``only`` refuses, gets 404; everyone else gets ``success``."""

    access: Access
    kwargs: KwargsBuilder | None = None
    body: BodyBuilder | None = None
    only: ObjectCheck | None = None
    success: int = 200


AREAS = [
    "core",
    "network",
    "meetings",
    "offers",
    "finder",
    "hsds",
    "referrals",
    "support",
    "funding",
    "reports",
    "participation",
]


def _collect() -> tuple[dict[str, Rule], dict[tuple[str, str], Access | ApiRule]]:
    web: dict[str, Rule] = {}
    api: dict[tuple[str, str], Access | ApiRule] = {}
    for area in AREAS:
        try:
            module = import_module(f"tests.security.matrix.{area}")
        except ModuleNotFoundError as error:
            if error.name != f"tests.security.matrix.{area}":
                raise
            continue
        duplicate = (web.keys() & module.WEB.keys()) | (api.keys() & module.API.keys())
        assert not duplicate, f"{area} repeats rules of another area: {duplicate}"
        web.update(module.WEB)
        api.update(module.API)
    return web, api


WEB_MATRIX, API_MATRIX = _collect()
