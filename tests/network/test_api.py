"""The API reads the organisations of the token's commune, filtered by sector and social
area; another commune's organisation is not found."""

from __future__ import annotations

from typing import Any

from django.test import Client

from lotse.core.models import SocialArea
from lotse.core.permissions import Role
from lotse.core.services.tokens import create_api_token
from lotse.network.models import DelegationKind, Sector
from tests.conftest import World
from tests.network.factories import DelegationFactory, OrganisationFactory, PersonFactory


def _get(world: World, path: str, role: str = Role.PLANNER, commune: str = "bergkamen") -> Any:
    _token, secret = create_api_token(
        actor=world.user(commune, role), commune=getattr(world, commune), name="Test"
    )
    return Client().get(f"/api/v1{path}", headers={"Authorization": f"Bearer {secret}"})


def test_the_list_is_the_communes_organisations_with_their_delegation(world: World) -> None:
    organisation = world.organisations["bergkamen"]
    DelegationFactory(person=PersonFactory(organisation=organisation, name="Vera Vogt"))
    DelegationFactory(
        person=PersonFactory(organisation=organisation, name="Dana Dorn"),
        kind=DelegationKind.DEPUTY,
    )
    response = _get(world, "/organisations")
    assert response.status_code == 200
    [item] = response.json()
    assert item["name"] == "Familienbildung Bergkamen"
    assert item["is_member"] is True
    assert item["delegate"] == {"name": "Vera Vogt", "function": "Fachberatung"}
    assert item["deputy"]["name"] == "Dana Dorn"


def test_the_list_filters_by_sector_and_social_area(world: World) -> None:
    health = OrganisationFactory(commune=world.bergkamen, name="Praxis Mitte", sector=Sector.HEALTH)
    health.social_areas.set(SocialArea.objects.for_commune(world.bergkamen))
    OrganisationFactory(commune=world.bergkamen, name="Praxis ohne Raum", sector=Sector.HEALTH)
    names = [o["name"] for o in _get(world, "/organisations?sector=health").json()]
    assert names == ["Praxis Mitte", "Praxis ohne Raum"]
    names = [
        o["name"] for o in _get(world, "/organisations?sector=health&social_area=mitte").json()
    ]
    assert names == ["Praxis Mitte"]
    assert _get(world, "/organisations?social_area=nirgendwo").json() == []
    response = _get(world, "/organisations?sector=astrologie")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "sector"


def test_one_organisation_and_another_communes_is_not_found(world: World) -> None:
    own = world.organisations["bergkamen"]
    response = _get(world, f"/organisations/{own.uuid}")
    assert response.json()["uuid"] == str(own.uuid)
    other = world.organisations["dortmund"]
    response = _get(world, f"/organisations/{other.uuid}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


def test_a_role_without_the_network_capability_is_forbidden(world: World) -> None:
    response = _get(world, "/organisations", role=Role.NAVIGATOR)
    assert response.status_code == 403
