from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from lotse.core.audit import CoreAction
from lotse.core.models import ApiToken, AuditEvent, Membership
from lotse.core.permissions import Role
from tests.conftest import World

TOKEN_RE = re.compile(r"lotse_[a-z0-9]{8}_[A-Za-z0-9_-]{43}")


def _create_token(*args: str) -> str:
    out = StringIO()
    call_command("create-token", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_prints_only_a_working_token(world: World) -> None:
    output = _create_token("--commune", "dortmund", "--email", "planner@dortmund.test")
    token_text = output.strip()
    assert output == token_text + "\n"
    assert TOKEN_RE.fullmatch(token_text)
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token_text}")
    assert response.status_code == 200
    assert response.json()["commune"]["slug"] == "dortmund"
    assert response.json()["email"] == "planner@dortmund.test"


def test_the_token_is_named_and_its_owner_is_the_audited_actor(world: World) -> None:
    _create_token(
        "--commune", "bergkamen", "--email", "Coordinator@Bergkamen.test", "--name", "Export"
    )
    owner = world.user("bergkamen", Role.COORDINATOR)
    token = ApiToken.objects.for_commune(world.bergkamen).get(user=owner)
    assert token.name == "Export"
    event = AuditEvent.all_communes.get(action=CoreAction.API_TOKEN_CREATED)
    assert (event.actor, event.commune, event.object_id) == (
        owner,
        world.bergkamen,
        str(token.uuid),
    )


def test_the_token_gets_a_default_name(world: World) -> None:
    _create_token("--commune", "bergkamen", "--email", "planner@bergkamen.test")
    assert ApiToken.objects.for_commune(world.bergkamen).get().name == "Command line"


@pytest.mark.parametrize(
    ("commune", "email", "message"),
    [
        ("nowhere", "planner@bergkamen.test", "no commune"),
        ("bergkamen", "nobody@bergkamen.test", "no user"),
        ("dortmund", "planner@bergkamen.test", "no active role"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_creates_nothing(
    world: World, commune: str, email: str, message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        _create_token("--commune", commune, "--email", email)
    assert not ApiToken.all_communes.exists()
    assert not AuditEvent.all_communes.filter(action=CoreAction.API_TOKEN_CREATED).exists()


def test_a_deactivated_role_is_refused(world: World) -> None:
    Membership.objects.for_commune(world.bergkamen).filter(
        user=world.user("bergkamen", Role.PLANNER)
    ).update(is_active=False)
    with pytest.raises(CommandError, match="no active role"):
        _create_token("--commune", "bergkamen", "--email", "planner@bergkamen.test")
    assert not ApiToken.all_communes.exists()


def test_a_deactivated_user_is_refused(world: World) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    user.is_active = False
    user.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="deactivated"):
        _create_token("--commune", "bergkamen", "--email", "planner@bergkamen.test")


def test_a_name_that_is_too_long_is_refused(world: World) -> None:
    with pytest.raises(CommandError, match="--name"):
        _create_token(
            "--commune", "bergkamen", "--email", "planner@bergkamen.test", "--name", "x" * 81
        )
    assert not ApiToken.all_communes.exists()


def test_the_commune_and_the_email_are_required(world: World) -> None:
    with pytest.raises(CommandError):
        _create_token("--commune", "bergkamen")
