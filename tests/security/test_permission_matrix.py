"""The permission matrix: every URL pattern and every API operation, requested by every
role of two communes, is allowed or refused exactly as the capability table says.

A URL or API operation that is missing from the tables below fails the test, so a new
view cannot ship without a decision about who may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lotse.api.api import api_v1
from lotse.core.models import ApiToken, ClosingDay, Membership, SocialArea, User
from lotse.core.permissions import ROLE_CAPABILITIES, Capability, Role
from lotse.core.services.tokens import create_api_token
from tests.conftest import World, log_in

PUBLIC = "public"  # anyone, logged in or not
LOGIN = "login"  # any logged-in user; outside a commune
OPERATOR = "operator"  # superusers only (Django admin)

Access = str | Capability
KwargsBuilder = Callable[[World, User], dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    access: Access
    post_only: bool = False
    kwargs: KwargsBuilder | None = None


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
WEB_MATRIX: dict[str, Rule] = {
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

TOKEN = "token"  # any valid token, whatever its capabilities
API_MATRIX: dict[tuple[str, str], Access] = {
    ("GET", "/ping"): PUBLIC,
    ("GET", "/health"): PUBLIC,
    ("GET", "/openapi.json"): PUBLIC,
    ("GET", "/me"): TOKEN,
    ("GET", "/social-areas"): C.VIEW_COMMUNE_HOME,
}


@dataclass
class NamedPattern:
    name: str
    route: str
    converters: dict[str, Any] = field(default_factory=dict)


def _walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[NamedPattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _walk(entry.url_patterns, prefix)
        elif entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield NamedPattern(name, str(entry.pattern))


def all_url_names() -> set[str]:
    return {p.name for p in _walk(get_resolver().url_patterns)}


def test_every_url_pattern_is_in_the_matrix() -> None:
    names = {
        name
        for name in all_url_names()
        if not name.startswith(("admin:", "api-v1:"))  # separate tables below
    }
    missing = names - WEB_MATRIX.keys()
    stale = WEB_MATRIX.keys() - names
    assert not missing, f"URL names without a rule in the permission matrix: {sorted(missing)}"
    assert not stale, f"Rules for URL names that do not exist: {sorted(stale)}"


def api_operations() -> set[tuple[str, str]]:
    found = {("GET", "/openapi.json")}
    for _prefix, router in api_v1._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    found.add((method, _prefix.rstrip("/") + path if _prefix else path))
    return found


def test_every_api_operation_is_in_the_matrix() -> None:
    operations = api_operations()
    missing = operations - API_MATRIX.keys()
    stale = API_MATRIX.keys() - operations
    assert not missing, f"API operations without a rule in the matrix: {sorted(missing)}"
    assert not stale, f"Rules for API operations that do not exist: {sorted(stale)}"


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and "/login/" in response["Location"]


PERSONAS = [(commune, role) for commune in ("bergkamen", "dortmund") for role in Role.values]


def _expected_web(rule: Rule, commune: str, role: str) -> str:
    if rule.access == PUBLIC:
        return "allowed"
    if rule.access == LOGIN:
        return "allowed"
    if rule.access == OPERATOR:
        return "login"
    if commune != "bergkamen":
        return "not_found"
    return "allowed" if rule.access in ROLE_CAPABILITIES[role] else "forbidden"


def _outcome(response: Any) -> str:
    if response.status_code == 404:
        return "not_found"
    if response.status_code == 403:
        return "forbidden"
    if _is_login_redirect(response):
        return "login"
    if response.status_code >= 500:
        return "error"
    return "allowed"


@pytest.mark.parametrize("url_name", sorted(WEB_MATRIX))
def test_each_role_of_two_communes_is_allowed_or_refused_as_the_matrix_says(
    world: World, url_name: str
) -> None:
    rule = WEB_MATRIX[url_name]
    is_commune_url = isinstance(rule.access, Capability)
    outcomes: dict[tuple[str, str], tuple[str, str]] = {}
    for commune, role in PERSONAS:
        user = world.user(commune, role)
        kwargs = rule.kwargs(world, user) if rule.kwargs else {}
        if is_commune_url:
            kwargs["commune_slug"] = "bergkamen"
        url = reverse(url_name, kwargs=kwargs)
        response = log_in(Client(), user).get(url)
        expected = _expected_web(rule, commune, role)
        actual = _outcome(response)
        if expected == "allowed" and rule.post_only and actual == "allowed":
            assert response.status_code == 405, f"{url_name} should only accept POST"
        if expected != "allowed" and rule.post_only:
            # The action itself must be refused the same way, not only its GET.
            posted = _outcome(log_in(Client(), user).post(url))
            assert posted == expected, f"POST {url_name} as {commune} {role}: {posted}"
        outcomes[(commune, role)] = (expected, actual)
    wrong = {persona: pair for persona, pair in outcomes.items() if pair[0] != pair[1]}
    assert not wrong, f"{url_name}: (expected, actual) per persona: {wrong}"

    anonymous = _outcome(Client().get(url))
    if rule.access == PUBLIC:
        assert anonymous == "allowed", f"{url_name} must be public"
    else:
        assert anonymous == "login", f"{url_name} must send anonymous visitors to the login"
        if rule.post_only:
            assert _outcome(Client().post(url)) == "login", f"POST {url_name} anonymously"


def test_the_operators_administration_is_for_superusers_only(world: World) -> None:
    url = reverse("admin:index")
    for commune, role in PERSONAS:
        response = log_in(Client(), world.user(commune, role)).get(url, follow=True)
        assert response.status_code == 403, (commune, role)
    anonymous = Client().get(url, follow=True)
    assert anonymous.redirect_chain[-1][0] == "/login/?next=/admin/"
    operator = User.objects.create_superuser("operator@example.org", "a long operator pass")
    without_second_factor = Client()
    without_second_factor.force_login(operator)
    response = without_second_factor.get(url)
    assert response["Location"].startswith(reverse("core:two_factor_setup"))
    client = log_in(Client(), operator)
    assert client.get(url).status_code == 200
    for model_url in ("admin:core_commune_changelist", "admin:core_auditevent_changelist"):
        assert client.get(reverse(model_url)).status_code == 200


def _api_expected(access: Access, role: str) -> int:
    if access in (PUBLIC, TOKEN):
        return 200
    return 200 if access in ROLE_CAPABILITIES[role] else 403


@pytest.mark.parametrize(("method", "path"), sorted(API_MATRIX))
def test_each_api_operation_answers_each_role_as_the_matrix_says(
    world: World, method: str, path: str
) -> None:
    access = API_MATRIX[(method, path)]
    url = f"/api/v1{path}"
    anonymous = Client().generic(method, url)
    if access == PUBLIC:
        assert anonymous.status_code == 200
        return
    assert anonymous.status_code == 401
    assert "detail" in anonymous.json()
    wrong = {}
    for commune, role in PERSONAS:
        user = world.user(commune, role)
        commune_obj = world.bergkamen if commune == "bergkamen" else world.dortmund
        _token, secret = create_api_token(actor=user, commune=commune_obj, name="Matrix")
        response = Client().generic(method, url, HTTP_AUTHORIZATION=f"Bearer {secret}")
        expected = _api_expected(access, role)
        if response.status_code != expected:
            wrong[(commune, role)] = (expected, response.status_code)
    assert not wrong, f"{method} {path}: (expected, actual) per persona: {wrong}"
