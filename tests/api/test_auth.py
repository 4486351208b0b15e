"""Bearer tokens: every bad token is a 401 with a JSON ``detail``; errors inside
operations are JSON too (403, 404, 422, 500), never an HTML page."""

from __future__ import annotations

import json
from datetime import timedelta
from uuid import UUID, uuid4

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.test import Client, RequestFactory
from django.utils import timezone
from django.utils.translation import override
from ninja import NinjaAPI
from ninja.testing import TestClient

from lotse.api.auth import ApiPrincipal, principal, require, token_auth
from lotse.api.errors import (
    MissingCapabilityError,
    install_exception_handlers,
    page_not_found,
    server_error,
)
from lotse.core.access import get_for_commune
from lotse.core.models import ApiToken, Membership, SocialArea
from lotse.core.permissions import Capability, Role
from lotse.core.services.tokens import create_api_token, revoke_api_token
from tests.conftest import World


def _token(world: World, commune: str = "bergkamen", role: str = Role.PLANNER) -> str:
    user = world.user(commune, role)
    _token_obj, secret = create_api_token(actor=user, commune=getattr(world, commune), name="Test")
    return secret


def _me(authorization: str | None) -> tuple[int, dict[str, object], str]:
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    response = Client().get("/api/v1/me", **headers)  # type: ignore[arg-type]
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json(), response.get("WWW-Authenticate", "")


def test_a_request_without_a_token_gets_401_json_asking_for_one(world: World) -> None:
    status, body, challenge = _me(None)
    assert status == 401
    assert "Authorization: Bearer" in str(body["detail"])
    assert challenge.startswith("Bearer")


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer",
        "Bearer ",
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
        "lotse_abcdefgh_" + "a" * 43,  # no scheme
        "Bearer lotse_ABCDEFGH_" + "a" * 43,  # prefix in capitals
        "Bearer lotse_abcdefg_" + "a" * 43,  # prefix too short
        "Bearer lotse_abcdefgh_" + "a" * 42,  # secret too short
        "Bearer lotse_abcdefgh_" + "a" * 42 + "=",  # not URL-safe base64
        "Bearer lotse_abcdefgh_" + "a" * 43 + " extra",
        "Bearer lötse_abcdefgh_" + "a" * 43,
    ],
)
def test_a_malformed_token_gets_401_json(world: World, authorization: str) -> None:
    status, body, _challenge = _me(authorization)
    assert status == 401
    assert body["detail"]


def test_an_unknown_token_in_the_right_format_gets_401(world: World) -> None:
    status, body, _challenge = _me("Bearer lotse_abcdefgh_" + "a" * 43)
    assert status == 401
    assert "unknown" in str(body["detail"]) or body["detail"]


def test_a_known_prefix_with_a_wrong_secret_gets_401(world: World) -> None:
    secret = _token(world)
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    assert _me(f"Bearer {forged}")[0] == 401


def test_a_valid_token_is_accepted_and_the_scheme_is_case_insensitive(world: World) -> None:
    secret = _token(world)
    assert _me(f"Bearer {secret}")[0] == 200
    assert _me(f"bearer {secret}")[0] == 200


def test_a_revoked_token_is_refused(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    token, secret = create_api_token(actor=user, commune=world.bergkamen, name="Test")
    revoke_api_token(actor=user, token=token)
    status, body, _challenge = _me(f"Bearer {secret}")
    assert status == 401
    assert body["detail"]


def test_a_token_stops_working_when_its_owners_role_is_deactivated(world: World) -> None:
    secret = _token(world)
    Membership.objects.for_commune(world.bergkamen).filter(
        user=world.user("bergkamen", Role.PLANNER)
    ).update(is_active=False, deactivated_at=timezone.now())
    status, body, _challenge = _me(f"Bearer {secret}")
    assert status == 401
    assert body["detail"]


def test_a_token_stops_working_when_its_owner_is_deactivated(world: World) -> None:
    secret = _token(world)
    user = world.user("bergkamen", Role.PLANNER)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _me(f"Bearer {secret}")[0] == 401


def test_a_role_in_another_commune_does_not_keep_a_token_alive(world: World) -> None:
    secret = _token(world)
    user = world.user("bergkamen", Role.PLANNER)
    Membership.all_communes.create(user=user, commune=world.dortmund, role=Role.PLANNER)
    Membership.objects.for_commune(world.bergkamen).filter(user=user).update(is_active=False)
    assert _me(f"Bearer {secret}")[0] == 401


def test_the_refusal_is_explained_in_the_requested_language(world: World) -> None:
    response = Client().get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")
    with override("en"):
        assert response.json()["detail"] == (
            "This operation needs a personal API token, sent as the header "
            "'Authorization: Bearer <token>'."
        )


def test_last_use_is_recorded_at_most_once_a_minute(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    token, secret = create_api_token(actor=user, commune=world.bergkamen, name="Test")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _me(f"Bearer {secret}")[0] == 200
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        _me(f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        _me(f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(minutes=2)


# Errors inside operations, on a small API with the same authentication and handlers.
errors_api = NinjaAPI(urls_namespace="lotse-test-errors", auth=token_auth, docs_url=None)
install_exception_handlers(errors_api)


@errors_api.get("/whoami")
def whoami(request: HttpRequest) -> dict[str, object]:
    caller = principal(request)
    return {"commune": caller.commune.slug, "frozen": isinstance(request.auth, ApiPrincipal)}  # type: ignore[attr-defined]


@errors_api.get("/users")
def needs_manage_users(request: HttpRequest) -> dict[str, str]:
    require(request, Capability.MANAGE_USERS)
    return {"ok": "yes"}


@errors_api.get("/areas/{area_uuid}")
def area(request: HttpRequest, area_uuid: UUID) -> dict[str, str]:
    caller = require(request, Capability.VIEW_COMMUNE_HOME)
    return {"name": get_for_commune(SocialArea, caller.commune, area_uuid).name}


@errors_api.get("/http404")
def raises_http404(request: HttpRequest) -> None:
    raise Http404("not here")


@errors_api.get("/permission-denied")
def raises_permission_denied(request: HttpRequest) -> None:
    raise PermissionDenied


@errors_api.get("/does-not-exist")
def raises_does_not_exist(request: HttpRequest) -> None:
    ApiToken.all_communes.get(uuid=uuid4())


@errors_api.get("/numbers")
def numbers(request: HttpRequest, count: int, year: int) -> dict[str, int]:
    return {"count": count}


@errors_api.get("/business-rule")
def breaks_a_business_rule(request: HttpRequest) -> None:
    raise ValidationError({"name": ["Please give the token a name."]})


@errors_api.get("/bug")
def bug(request: HttpRequest) -> None:
    raise RuntimeError("a bug")


@pytest.fixture
def errors_client() -> TestClient:
    return TestClient(errors_api)


def _bearer(secret: str) -> dict[str, dict[str, str]]:
    return {"headers": {"Authorization": f"Bearer {secret}"}}


def test_request_auth_is_the_principal_of_the_tokens_commune(
    world: World, errors_client: TestClient
) -> None:
    response = errors_client.get("/whoami", **_bearer(_token(world, "dortmund")))
    assert response.json() == {"commune": "dortmund", "frozen": True}


def test_the_principal_cannot_be_changed(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    token, _secret = create_api_token(actor=user, commune=world.bergkamen, name="Test")
    caller = ApiPrincipal(user, world.bergkamen, token, frozenset({Capability.VIEW_REPORTS}))
    with pytest.raises(AttributeError):
        caller.commune = world.dortmund  # type: ignore[misc]


def test_a_missing_capability_gets_403_json(world: World, errors_client: TestClient) -> None:
    response = errors_client.get("/users", **_bearer(_token(world, role=Role.PLANNER)))
    assert response.status_code == 403
    assert "manage_users" in response.json()["detail"]
    allowed = errors_client.get("/users", **_bearer(_token(world, role=Role.COORDINATOR)))
    assert allowed.status_code == 200


def test_require_raises_for_a_missing_capability(world: World) -> None:
    request = HttpRequest()
    user = world.user("bergkamen", Role.PLANNER)
    token, _secret = create_api_token(actor=user, commune=world.bergkamen, name="Test")
    request.auth = ApiPrincipal(user, world.bergkamen, token, frozenset())  # type: ignore[attr-defined]
    with pytest.raises(MissingCapabilityError):
        require(request, Capability.VIEW_COMMUNE_HOME)


def test_another_communes_object_gets_404_json(world: World, errors_client: TestClient) -> None:
    dortmund_area = SocialArea.objects.for_commune(world.dortmund).get(slug="mitte")
    bergkamen_area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    bearer = _bearer(_token(world, "bergkamen"))
    assert errors_client.get(f"/areas/{bergkamen_area.uuid}", **bearer).status_code == 200
    response = errors_client.get(f"/areas/{dortmund_area.uuid}", **bearer)
    assert response.status_code == 404
    assert response.json()["detail"]
    assert errors_client.get("/areas/not-a-uuid", **bearer).status_code == 422


@pytest.mark.parametrize(
    ("path", "status"),
    [("/http404", 404), ("/does-not-exist", 404), ("/permission-denied", 403)],
)
def test_django_exceptions_in_operations_become_json(
    world: World, errors_client: TestClient, path: str, status: int
) -> None:
    response = errors_client.get(path, **_bearer(_token(world)))
    assert response.status_code == status
    assert set(response.json()) == {"detail"}
    assert "not here" not in response.json()["detail"]


def test_invalid_input_gets_422_naming_each_field(world: World, errors_client: TestClient) -> None:
    response = errors_client.get("/numbers?count=many", **_bearer(_token(world)))
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert {tuple(error["loc"]) for error in errors} == {("query", "count"), ("query", "year")}
    assert all({"loc", "msg", "type"} <= error.keys() for error in errors)


def test_a_rule_broken_in_a_service_gets_422_naming_the_field(
    world: World, errors_client: TestClient
) -> None:
    response = errors_client.get("/business-rule", **_bearer(_token(world)))
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["name"], "msg": "Please give the token a name.", "type": "value_error"}]
    }


def test_a_bug_gets_a_json_500_and_is_logged(
    world: World, errors_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = errors_client.get("/bug", **_bearer(_token(world)))
    assert response.status_code == 500
    assert response.json()["detail"]
    assert "a bug" not in response.json()["detail"]
    assert any(record.exc_info for record in caplog.records if record.name == "django.request")


def test_authentication_runs_before_the_operation(world: World, errors_client: TestClient) -> None:
    response = errors_client.get("/bug")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_the_404_and_500_handlers_answer_json_below_api_and_html_elsewhere(
    rf: RequestFactory,
) -> None:
    api_404 = page_not_found(rf.get("/api/v1/nothing-here"), Http404())
    assert api_404.status_code == 404
    assert json.loads(api_404.content)["detail"]
    page_404 = page_not_found(rf.get("/nothing-here/"), Http404())
    assert page_404.status_code == 404
    assert page_404["Content-Type"].startswith("text/html")
    api_500 = server_error(rf.get("/api/v1/me"))
    assert api_500.status_code == 500
    assert json.loads(api_500.content)["detail"]
    assert server_error(rf.get("/"))["Content-Type"].startswith("text/html")
