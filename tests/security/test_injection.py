"""Filters and other GET input with SQL metacharacters: a page or a form error, never a
500, and a filter never matches more than its text says (``%`` and ``_`` are literal).

PostgreSQL refuses NUL bytes in text; the forms must turn them into an error before a
query is built."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.core.audit import CoreAction, record
from lotse.core.models import AuditEvent, SocialArea, User
from lotse.core.permissions import Role
from tests.conftest import World, log_in
from tests.core.factories import PASSWORD, PASSWORD_HASH

ClientFor = Callable[[str, str], Client]
AUDIT_URL = "/bergkamen/audit/"

NASTY = [
    "' OR 1=1 --",
    "' OR '1'='1",
    '"; DROP TABLE core_user; --',
    "1; SELECT pg_sleep(5)",
    "%",
    "%%",
    "_",
    "\\",
    "\\%",
    "[a-z]%",
    "*",
    "a\x00b",
    "\x00",
    "' UNION SELECT email, password FROM core_user --",
    "x" * 10_000,
    "ü€😀",
]
AUDIT_FIELDS = ("actor", "action", "object_type", "date_from", "date_to", "page")
# Letters of the actors' addresses and every character LIKE and SQL treat specially.
FILTER_TEXT = st.text(
    alphabet=st.sampled_from(list("abmilro.@-_%\\'\";\x00 *[]")), min_size=1, max_size=12
)
HYPOTHESIS = settings(
    derandomize=True,  # the same examples in every CI run
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def actors(world: World) -> list[User]:
    """Events by people whose addresses contain no metacharacter, plus one who has ``_``
    and ``%``-free look-alikes, so a LIKE wildcard would visibly widen the result."""
    people: list[User] = [
        world.user("bergkamen", Role.COORDINATOR),
        User.objects.create(email="maria.bolle@bergkamen.test", password=PASSWORD_HASH),
        User.objects.create(email="ali_oezdemir@bergkamen.test", password=PASSWORD_HASH),
        User.objects.create(email="rob%50@bergkamen.test", password=PASSWORD_HASH),
    ]
    for person in people:
        record(
            actor=person,
            commune=world.bergkamen,
            action=CoreAction.CLOSING_DAY_ADDED,
            changes={"label": (None, "Brückentag")},
        )
    return people


def _shown_actors(response: Any) -> list[str]:
    return [row.event.actor.email for row in response.context["rows"]]


def _expected_actors(world: World, needle: str) -> list[str]:
    """What "part of the address" means, computed in Python: a plain substring."""
    text = needle.strip().lower()
    events = AuditEvent.objects.for_commune(world.bergkamen).select_related("actor")
    return sorted(
        event.actor.email for event in events if event.actor and text in event.actor.email.lower()
    )


@pytest.mark.parametrize("field", AUDIT_FIELDS)
def test_the_audit_log_answers_metacharacters_with_a_page_never_a_server_error(
    world: World, actors: list[User], client_for: ClientFor, field: str
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    for value in NASTY:
        response = client.get(AUDIT_URL, {field: value})
        assert response.status_code == 200, repr(value)
        form = response.context["form"]
        if field == "page":
            continue
        if form.is_valid():
            assert field == "actor", repr(value)
            assert sorted(_shown_actors(response)) == _expected_actors(world, value), repr(value)
        else:
            assert field in form.errors, repr(value)
            assert _shown_actors(response) == [], repr(value)


def test_a_percent_sign_matches_only_addresses_containing_one(
    world: World, actors: list[User], client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    assert _shown_actors(client.get(AUDIT_URL, {"actor": "%"})) == ["rob%50@bergkamen.test"]
    assert _shown_actors(client.get(AUDIT_URL, {"actor": "_"})) == ["ali_oezdemir@bergkamen.test"]
    assert _shown_actors(client.get(AUDIT_URL, {"actor": "' OR 1=1 --"})) == []
    assert _shown_actors(client.get(AUDIT_URL, {"actor": "\\"})) == []


def test_a_nul_byte_in_a_filter_is_a_form_error(
    world: World, actors: list[User], client_for: ClientFor
) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).get(AUDIT_URL, {"actor": "bolle\x00"})
    assert response.status_code == 200
    assert "actor" in response.context["form"].errors
    assert _shown_actors(response) == []


@given(needle=FILTER_TEXT)
@HYPOTHESIS
def test_the_actor_filter_matches_exactly_the_addresses_that_contain_the_text(
    world: World, actors: list[User], needle: str
) -> None:
    client = log_in(Client(), world.user("bergkamen", Role.COORDINATOR))
    response = client.get(AUDIT_URL, {"actor": needle})
    assert response.status_code == 200
    form = response.context["form"]
    if "\x00" in needle or not needle.strip():
        # NUL is refused; blank means "no filter".
        assert "\x00" not in needle or "actor" in form.errors
        return
    assert form.is_valid(), form.errors
    assert sorted(_shown_actors(response)) == _expected_actors(world, needle)


def test_other_get_parameters_never_cause_a_server_error(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    figures = reverse(
        "core:social_area_figures", kwargs={"commune_slug": "bergkamen", "area_uuid": area.uuid}
    )
    for value in NASTY:
        assert client.get(figures, {"year": value}).status_code == 200
        assert client.get("/bergkamen/", {"q": value, "page": value}).status_code == 200
        assert client.get("/bergkamen/users/", {"q": value}).status_code == 200
        assert client.get("/bergkamen/tokens/", {"q": value}).status_code == 200
        assert Client().get("/login/", {"next": value}).status_code == 200
        assert client.get("/two-factor/setup/", {"next": value}).status_code in (200, 302)


def test_metacharacters_in_addresses_of_objects_are_not_found(
    world: World, client_for: ClientFor
) -> None:
    """Object ids in URLs: a malformed one is 404, never a 500."""
    client = client_for("bergkamen", Role.COORDINATOR)
    for value in NASTY:
        segment = quote(value, safe="")
        for url in (
            f"/bergkamen/settings/closing-days/{segment}/delete/",
            f"/bergkamen/users/{segment}/deactivate/",
            f"/bergkamen/tokens/{segment}/revoke/",
            f"/bergkamen/settings/areas/{segment}/figures/",
            f"/{segment}/",
            f"/{segment}/users/",
        ):
            response = client.post(url)
            assert response.status_code == 404, (url[:60], response.status_code)


def test_login_and_password_reset_answer_metacharacters_with_a_form_error(world: World) -> None:
    for value in NASTY:
        response = Client().post("/login/", {"username": value, "password": value})
        assert response.status_code == 200, repr(value)
        assert response.context["form"].errors
        response = Client().post("/password-reset/", {"email": value})
        assert response.status_code == 200, repr(value)
        assert response.context["form"].errors
    # A metacharacter in the password of a real account is just a wrong password.
    planner = world.user("bergkamen", Role.PLANNER)
    response = Client().post("/login/", {"username": planner.email, "password": "' OR 1=1 --"})
    assert response.status_code == 200
    assert response.context["form"].errors
    response = Client().post("/login/", {"username": planner.email, "password": PASSWORD})
    assert response.status_code == 302


def test_the_api_answers_metacharacters_in_the_token_with_401(world: World) -> None:
    for value in NASTY:
        for header in (f"Bearer {value}", value, f"Bearer lotse_{value}_{value}"):
            response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=header)
            assert response.status_code == 401, (header[:40], response.status_code)
            assert "detail" in response.json()
