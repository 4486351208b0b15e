"""The permission matrix: every URL pattern and every API operation, requested by every
role of two communes, is allowed or refused exactly as the capability table says.

The rules live in ``tests/security/matrix/<area>.py``. A URL or API operation that is
missing from them fails the test, so a new view cannot ship without a decision about who
may use it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lotse.api.api import api_v1
from lotse.core.models import User
from lotse.core.permissions import ROLE_CAPABILITIES, Capability, Role
from lotse.core.services.tokens import create_api_token
from tests.conftest import World, log_in
from tests.security.matrix import (
    API_MATRIX,
    LOGIN,
    OPERATOR,
    PUBLIC,
    TOKEN,
    WEB_MATRIX,
    Access,
    ApiRule,
    Rule,
)


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
        if not name.startswith(("admin:", "api-v1:", "api-hsds:"))  # separate tables
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


def _expected_web(rule: Rule, world: World, commune: str, role: str) -> str:
    if rule.access in (PUBLIC, LOGIN):
        return "allowed"
    if rule.access == OPERATOR:
        return "login"
    if commune != "bergkamen":
        return "not_found"
    if rule.access not in ROLE_CAPABILITIES[role]:
        return "forbidden"
    if rule.only is not None and not rule.only(world, world.user(commune, role)):
        return "not_found"
    return "allowed"


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
        expected = _expected_web(rule, world, commune, role)
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


def _api_rule(entry: Access | ApiRule) -> ApiRule:
    return entry if isinstance(entry, ApiRule) else ApiRule(entry)


def _api_expected(rule: ApiRule, world: World, commune: str, role: str) -> int:
    if rule.access in (PUBLIC, TOKEN):
        return rule.success
    if rule.access not in ROLE_CAPABILITIES[role]:
        return 403
    names_an_object = rule.kwargs is not None
    if names_an_object and commune != "bergkamen":
        return 404
    if rule.only is not None and not rule.only(world, world.user(commune, role)):
        return 404
    return rule.success


def _api_request(
    client: Client, method: str, url: str, body: dict[str, Any] | None, **headers: Any
) -> Any:
    if body is None:
        return client.generic(method, url, **headers)
    return client.generic(method, url, json.dumps(body), "application/json", **headers)


@pytest.mark.parametrize(("method", "path"), sorted(API_MATRIX))
def test_each_api_operation_answers_each_role_as_the_matrix_says(
    world: World, method: str, path: str
) -> None:
    rule = _api_rule(API_MATRIX[(method, path)])
    any_user = world.user("bergkamen", Role.COORDINATOR)
    template_kwargs = rule.kwargs(world, any_user) if rule.kwargs else {}
    anonymous_body = rule.body(world, any_user) if rule.body else None
    url = "/api/v1" + path.format(**template_kwargs)
    anonymous = _api_request(Client(), method, url, anonymous_body)
    if rule.access == PUBLIC:
        assert anonymous.status_code == rule.success, anonymous.content
        return
    assert anonymous.status_code == 401
    assert "detail" in anonymous.json()
    wrong = {}
    for commune, role in PERSONAS:
        user = world.user(commune, role)
        commune_obj = world.bergkamen if commune == "bergkamen" else world.dortmund
        kwargs = rule.kwargs(world, user) if rule.kwargs else {}
        body = rule.body(world, user) if rule.body else None
        _token, secret = create_api_token(actor=user, commune=commune_obj, name="Matrix")
        response = _api_request(
            Client(),
            method,
            "/api/v1" + path.format(**kwargs),
            body,
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        expected = _api_expected(rule, world, commune, role)
        if response.status_code != expected:
            wrong[(commune, role)] = (expected, response.status_code)
    assert not wrong, f"{method} {path}: (expected, actual) per persona: {wrong}"
