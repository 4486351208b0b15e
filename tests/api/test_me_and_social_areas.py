from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.models import Commune, Membership, SocialArea
from lotse.core.permissions import ROLE_CAPABILITIES, Role
from lotse.core.services.tokens import create_api_token
from tests.conftest import World
from tests.core.factories import SocialAreaFactory, SocialAreaFiguresFactory


def _get(path: str, secret: str) -> Any:
    return Client().get(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {secret}")


def _secret(world: World, commune: Commune, role: str) -> str:
    _token, secret = create_api_token(
        actor=world.user(commune.slug, role), commune=commune, name="Test"
    )
    return secret


def test_me_names_the_user_the_commune_the_roles_and_the_sorted_capabilities(
    world: World,
) -> None:
    user = world.user("bergkamen", Role.COORDINATOR)
    response = _get("/me", _secret(world, world.bergkamen, Role.COORDINATOR))
    assert response.status_code == 200
    assert response.json() == {
        "email": user.email,
        "name": user.full_name,
        "commune": {"slug": "bergkamen", "name": "Bergkamen"},
        "roles": ["coordinator"],
        "capabilities": sorted(c.value for c in ROLE_CAPABILITIES[Role.COORDINATOR]),
    }


def test_me_lists_the_union_of_all_active_roles_in_the_tokens_commune_only(
    world: World,
) -> None:
    user = world.user("bergkamen", Role.PLANNER)
    Membership.all_communes.create(user=user, commune=world.bergkamen, role=Role.NAVIGATOR)
    Membership.all_communes.create(user=user, commune=world.dortmund, role=Role.COORDINATOR)
    body = _get("/me", _secret(world, world.bergkamen, Role.PLANNER)).json()
    assert body["roles"] == ["navigator", "planner"]
    expected = ROLE_CAPABILITIES[Role.PLANNER] | ROLE_CAPABILITIES[Role.NAVIGATOR]
    assert body["capabilities"] == sorted(c.value for c in expected)
    assert "manage_users" not in body["capabilities"]


def test_social_areas_lists_the_areas_with_their_figures_per_year_newest_first(
    world: World,
) -> None:
    area = SocialArea.objects.for_commune(world.bergkamen).get(slug="mitte")
    SocialAreaFiguresFactory(social_area=area, year=2024, births=101)
    response = _get("/social-areas", _secret(world, world.bergkamen, Role.PLANNER))
    assert response.status_code == 200
    assert response.json() == [
        {
            "uuid": str(area.uuid),
            "slug": "mitte",
            "name": "Mitte",
            "figures": [
                {
                    "year": 2025,
                    "inhabitants": 12000,
                    "children_0_3": 350,
                    "children_0_3_in_poverty": 90,
                    "births": 115,
                },
                {
                    "year": 2024,
                    "inhabitants": 12000,
                    "children_0_3": 350,
                    "children_0_3_in_poverty": 90,
                    "births": 101,
                },
            ],
        }
    ]


def test_a_dortmund_token_only_ever_sees_dortmunds_areas(world: World) -> None:
    SocialAreaFactory(commune=world.bergkamen, name="Weddinghofen", slug="weddinghofen")
    SocialAreaFactory(commune=world.dortmund, name="Innenstadt-West", slug="innenstadt-west")
    dortmund_uuids = {
        str(uuid)
        for uuid in SocialArea.objects.for_commune(world.dortmund).values_list("uuid", flat=True)
    }
    for role in Role.values:
        body = _get("/social-areas", _secret(world, world.dortmund, role)).json()
        assert {area["uuid"] for area in body} == dortmund_uuids, role
        assert "weddinghofen" not in {area["slug"] for area in body}


def test_social_areas_issue_as_many_queries_for_eleven_areas_as_for_one(world: World) -> None:
    secret = _secret(world, world.bergkamen, Role.PLANNER)
    _get("/social-areas", secret)
    with CaptureQueriesContext(connection) as one_area:
        _get("/social-areas", secret)
    for number in range(10):
        area = SocialAreaFactory(commune=world.bergkamen, slug=f"area-{number}")
        SocialAreaFiguresFactory(social_area=area, year=2024)
        SocialAreaFiguresFactory(social_area=area, year=2025)
    with CaptureQueriesContext(connection) as eleven_areas:
        response = _get("/social-areas", secret)
    assert len(response.json()) == 11
    assert len(eleven_areas.captured_queries) == len(one_area.captured_queries)
