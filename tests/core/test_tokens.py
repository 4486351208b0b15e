"""Personal API tokens: the service and the pages under /<commune>/tokens/."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.audit import CoreAction
from lotse.core.models import ApiToken, AuditEvent, Membership
from lotse.core.permissions import ROLE_CAPABILITIES, Capability, Role
from lotse.core.services.tokens import create_api_token, revoke_api_token
from tests.conftest import World

TOKEN_RE = re.compile(r"lotse_[a-z0-9]{8}_[A-Za-z0-9_-]{43}")
ClientFor = Callable[[str, str], Client]


def _api_me(secret: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code


# The service


def test_a_token_is_returned_once_in_clear_and_stored_only_as_a_hash(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    token, clear_text = create_api_token(actor=user, commune=world.bergkamen, name=" Reports ")
    assert TOKEN_RE.fullmatch(clear_text)
    _lotse, prefix, secret = clear_text.split("_", 2)
    token.refresh_from_db()
    assert token.prefix == prefix
    assert token.name == "Reports"
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.all_communes.filter(pk=token.pk).values().get())
    assert (token.user, token.commune) == (user, world.bergkamen)


def test_creating_a_token_writes_one_audit_event_without_the_secret(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    token, clear_text = create_api_token(actor=user, commune=world.bergkamen, name="Reports")
    events = list(AuditEvent.all_communes.filter(object_id=str(token.uuid)))
    assert [(e.action, e.actor, e.commune) for e in events] == [
        (CoreAction.API_TOKEN_CREATED, user, world.bergkamen)
    ]
    assert clear_text.rsplit("_", 1)[1] not in str(events[0].changes)


def test_a_user_can_create_tokens_only_where_they_hold_an_active_role(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    with pytest.raises(PermissionDenied):
        create_api_token(actor=user, commune=world.dortmund, name="Elsewhere")
    Membership.objects.for_commune(world.bergkamen).filter(user=user).update(is_active=False)
    with pytest.raises(PermissionDenied):
        create_api_token(actor=user, commune=world.bergkamen, name="Deactivated")
    assert not ApiToken.all_communes.filter(user=user).exists()
    assert not AuditEvent.all_communes.filter(action=CoreAction.API_TOKEN_CREATED).exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_token_needs_a_name_of_reasonable_length(world: World, name: str) -> None:
    with pytest.raises(ValidationError):
        create_api_token(
            actor=world.user("bergkamen", Role.PLANNER), commune=world.bergkamen, name=name
        )


def test_revoking_writes_one_audit_event_and_revoking_again_changes_nothing(
    world: World,
) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    token, _clear_text = create_api_token(actor=user, commune=world.bergkamen, name="Reports")
    revoke_api_token(actor=user, token=token)
    first = ApiToken.all_communes.get(pk=token.pk).revoked_at
    assert first is not None
    revoke_api_token(actor=user, token=token)
    assert ApiToken.all_communes.get(pk=token.pk).revoked_at == first
    assert AuditEvent.all_communes.filter(action=CoreAction.API_TOKEN_REVOKED).count() == 1


def test_nobody_revokes_another_users_token(world: World) -> None:
    owner = world.user("bergkamen", Role.PLANNER)
    token, _clear_text = create_api_token(actor=owner, commune=world.bergkamen, name="Mine")
    with pytest.raises(PermissionDenied):
        revoke_api_token(actor=world.user("bergkamen", Role.COORDINATOR), token=token)
    assert ApiToken.all_communes.get(pk=token.pk).revoked_at is None


# The pages


def test_the_token_list_shows_only_the_users_own_tokens_in_this_commune(
    world: World, client_for: ClientFor
) -> None:
    planner = world.user("bergkamen", Role.PLANNER)
    Membership.all_communes.create(user=planner, commune=world.dortmund, role=Role.PLANNER)
    create_api_token(actor=planner, commune=world.bergkamen, name="Monthly report")
    create_api_token(actor=planner, commune=world.dortmund, name="Dortmund script")
    create_api_token(
        actor=world.user("bergkamen", Role.COORDINATOR), commune=world.bergkamen, name="Boss"
    )
    response = client_for("bergkamen", Role.PLANNER).get("/bergkamen/tokens/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Monthly report" in page
    assert "Dortmund script" not in page
    assert "Boss" not in page


def test_a_user_of_another_commune_gets_404(client_for: ClientFor) -> None:
    client = client_for("dortmund", Role.COORDINATOR)
    assert client.get("/bergkamen/tokens/").status_code == 404
    assert client.post("/bergkamen/tokens/create/", {"name": "Sneaky"}).status_code == 404
    assert not ApiToken.all_communes.filter(name="Sneaky").exists()


def test_missing_capability_gets_403(
    client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        ROLE_CAPABILITIES,
        Role.PLANNER,
        ROLE_CAPABILITIES[Role.PLANNER] - {Capability.VIEW_COMMUNE_HOME},
    )
    client = client_for("bergkamen", Role.PLANNER)
    assert client.get("/bergkamen/tokens/").status_code == 403
    assert client.post("/bergkamen/tokens/create/", {"name": "No"}).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(world: World, client: Client) -> None:
    response = client.get("/bergkamen/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_creating_shows_a_working_token_exactly_once(world: World, client_for: ClientFor) -> None:
    client = client_for("bergkamen", Role.EARLY_HELP_WORKER)
    response = client.post("/bergkamen/tokens/create/", {"name": "Case statistics"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    secrets = TOKEN_RE.findall(page)
    assert len(secrets) == 1
    assert _api_me(secrets[0]) == 200
    token = ApiToken.objects.for_commune(world.bergkamen).get(name="Case statistics")
    assert token.user == world.user("bergkamen", Role.EARLY_HELP_WORKER)
    listing = client.get("/bergkamen/tokens/").content.decode()
    assert "Case statistics" in listing
    assert token.prefix in listing
    assert secrets[0] not in listing
    assert not TOKEN_RE.search(listing)


def test_a_token_without_a_name_is_not_created_and_the_form_says_why(
    world: World, client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.PLANNER).post(
        "/bergkamen/tokens/create/", {"name": "  "}
    )
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert not TOKEN_RE.search(response.content.decode())
    assert not ApiToken.objects.for_commune(world.bergkamen).exists()


def test_creating_and_revoking_need_post(world: World, client_for: ClientFor) -> None:
    planner = world.user("bergkamen", Role.PLANNER)
    token, _clear_text = create_api_token(actor=planner, commune=world.bergkamen, name="X")
    client = client_for("bergkamen", Role.PLANNER)
    assert client.get("/bergkamen/tokens/create/").status_code == 405
    assert client.get(f"/bergkamen/tokens/{token.uuid}/revoke/").status_code == 405


def test_revoking_a_token_stops_it_at_once(world: World, client_for: ClientFor) -> None:
    planner = world.user("bergkamen", Role.PLANNER)
    token, clear_text = create_api_token(actor=planner, commune=world.bergkamen, name="Old")
    assert _api_me(clear_text) == 200
    client = client_for("bergkamen", Role.PLANNER)
    response = client.post(f"/bergkamen/tokens/{token.uuid}/revoke/", follow=True)
    assert response.redirect_chain[-1][0] == "/bergkamen/tokens/"
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _api_me(clear_text) == 401
    event = AuditEvent.all_communes.get(action=CoreAction.API_TOKEN_REVOKED)
    assert (event.actor, event.commune, event.object_id) == (
        planner,
        world.bergkamen,
        str(token.uuid),
    )


def test_another_users_token_gets_404(world: World, client_for: ClientFor) -> None:
    token, clear_text = create_api_token(
        actor=world.user("bergkamen", Role.PLANNER), commune=world.bergkamen, name="Mine"
    )
    client = client_for("bergkamen", Role.COORDINATOR)
    assert client.post(f"/bergkamen/tokens/{token.uuid}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert _api_me(clear_text) == 200


def test_an_own_token_of_another_commune_gets_404_under_this_commune(
    world: World, client_for: ClientFor
) -> None:
    planner = world.user("bergkamen", Role.PLANNER)
    Membership.all_communes.create(user=planner, commune=world.dortmund, role=Role.PLANNER)
    token, _clear_text = create_api_token(actor=planner, commune=world.dortmund, name="DO")
    client = client_for("bergkamen", Role.PLANNER)
    assert client.post(f"/bergkamen/tokens/{token.uuid}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(f"/dortmund/tokens/{token.uuid}/revoke/").status_code == 302


def test_the_token_list_issues_as_many_queries_for_five_tokens_as_for_one(
    world: World, client_for: ClientFor
) -> None:
    planner = world.user("bergkamen", Role.PLANNER)
    client = client_for("bergkamen", Role.PLANNER)
    create_api_token(actor=planner, commune=world.bergkamen, name="Token 0")
    client.get("/bergkamen/tokens/")
    with CaptureQueriesContext(connection) as one_token:
        client.get("/bergkamen/tokens/")
    for number in range(1, 5):
        token, _clear_text = create_api_token(
            actor=planner, commune=world.bergkamen, name=f"Token {number}"
        )
        if number % 2:
            revoke_api_token(actor=planner, token=token)
    with CaptureQueriesContext(connection) as five_tokens:
        response = client.get("/bergkamen/tokens/")
    assert response.content.decode().count("Token ") >= 5
    assert len(five_tokens.captured_queries) == len(one_token.captured_queries)
