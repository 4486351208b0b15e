"""The HSDS API is public: every operation answers anonymously, never with a server error,
and asked for another commune it shows nothing of Bergkamen's."""

from __future__ import annotations

import pytest
from django.test import Client
from time_machine import TimeMachineFixture

from lotse.api.hsds import hsds_api
from lotse.offers.models import OfferLocation
from tests.conftest import World
from tests.offers.hsds_catalog import build_catalog

API = "/api/hsds/v3"


def operations() -> set[str]:
    return {
        path
        for _prefix, router in hsds_api._routers
        for path, view in router.path_operations.items()
        for operation in view.operations
        if "GET" in operation.methods
    }


def test_the_api_offers_the_operations_of_the_standard() -> None:
    assert operations() == {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
    }


@pytest.fixture
def ids(world: World, time_machine: TimeMachineFixture) -> dict[str, str]:
    time_machine.move_to("2026-03-10T10:00:00+01:00")
    offers = build_catalog(world.bergkamen)
    cafe = offers["baby_cafe"]
    term = cafe.categories.get()
    return {
        "/services/{id}": str(cafe.uuid),
        "/organizations/{id}": str(cafe.provider.uuid),
        "/taxonomies/{id}": "taxonomy",
        "/taxonomy_terms/{id}": str(term.uuid),
        "/service_at_locations/{id}": str(OfferLocation.objects.get(offer=cafe).uuid),
    }


def _path(template: str, ids: dict[str, str]) -> str:
    if template == "/taxonomies/{id}":
        taxonomies = Client().get(f"{API}/taxonomies", {"commune": "bergkamen"}).json()
        return f"/taxonomies/{taxonomies['contents'][0]['id']}"
    return template.replace("{id}", ids[template]) if "{id}" in template else template


@pytest.mark.parametrize("template", sorted(operations()))
def test_every_operation_answers_anonymously(template: str, ids: dict[str, str]) -> None:
    response = Client().get(f"{API}{_path(template, ids)}", {"commune": "bergkamen"})

    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("template", sorted(operations()))
def test_asked_for_another_commune_nothing_of_bergkamen_shows(
    template: str, ids: dict[str, str]
) -> None:
    path = _path(template, ids)

    response = Client().get(f"{API}{path}", {"commune": "dortmund"})

    assert response.status_code < 500
    body = response.content.decode()
    assert "Pestalozzi" not in body
    assert "Baby-Caf" not in body
    if "{id}" in template and template != "/taxonomies/{id}":
        assert response.status_code == 404
    elif template not in ("/", "/taxonomies/{id}", "/taxonomies", "/taxonomy_terms"):
        assert response.json()["total_items"] == 0


@pytest.mark.parametrize("template", sorted(operations()))
def test_bad_input_never_causes_a_server_error(template: str, ids: dict[str, str]) -> None:
    path = template.replace("{id}", "../%00'\"<x>")
    client = Client()

    for params in (
        {},
        {"commune": "atlantis"},
        {"commune": "bergkamen", "page": "-1", "per_page": "x", "modified_after": "0"},
        {
            "commune": "bergkamen",
            "search": "' OR 1=1 --",
            "taxonomy_term_id": "%",
            "taxonomy_id": "x",
        },
    ):
        response = client.get(f"{API}{path}", params)
        assert response.status_code < 500, (path, params, response.content)
