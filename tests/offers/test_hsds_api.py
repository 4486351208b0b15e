"""The public HSDS API at /api/hsds/v3/: only what the finder shows, HSDS paging, filters,
and responses valid against the official compiled schemas."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from time_machine import TimeMachineFixture

from lotse.offers.hsds.validation import schema_errors
from lotse.offers.hsds.vocabulary import TRAITS, taxonomy_id
from lotse.offers.models import Offer, TaxonomyTerm
from tests.conftest import World
from tests.offers.hsds_catalog import build_catalog

API = "/api/hsds/v3"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def catalog(world: World, time_machine: TimeMachineFixture) -> dict[str, Offer]:
    # Early March 2026: the Baby-Café (confirmed 1 February) and the family midwife are
    # current; the course is in review and the old offer withdrawn, so both stay hidden.
    time_machine.move_to("2026-03-10T10:00:00+01:00")
    return build_catalog(world.bergkamen)


def get(path: str, **params: Any) -> Any:
    response = Client().get(f"{API}{path}", {"commune": "bergkamen", **params})
    assert response.status_code == 200, response.content
    return response.json()


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["contents"]]


def test_services_lists_only_what_the_finder_shows_in_the_hsds_envelope(
    catalog: dict[str, Offer],
) -> None:
    page = get("/services")

    assert set(page) == PAGE_KEYS
    assert names(page) == ["Baby-Café", "Familienhebamme"]
    assert (page["total_items"], page["total_pages"], page["page_number"]) == (2, 1, 1)
    assert (page["first_page"], page["last_page"], page["empty"], page["size"]) == (
        True,
        True,
        False,
        2,
    )
    for item in page["contents"]:
        assert schema_errors(item, "compiled/service_list.json") == []


def test_paging_counts_pages_and_marks_the_last(catalog: dict[str, Offer]) -> None:
    first = get("/services", per_page=1)
    second = get("/services", per_page=1, page=2)
    beyond = get("/services", per_page=1, page=3)

    assert (names(first), first["total_pages"], first["last_page"]) == (["Baby-Café"], 2, False)
    assert (names(second), second["first_page"], second["last_page"]) == (
        ["Familienhebamme"],
        False,
        True,
    )
    assert (beyond["empty"], beyond["size"]) == (True, 0)


def test_service_detail_is_fully_nested_and_valid(catalog: dict[str, Offer]) -> None:
    service = get(f"/services/{catalog['baby_cafe'].uuid}")

    assert schema_errors(service, "compiled/service.json") == []
    assert service["service_at_locations"][0]["location"]["name"] == "Pestalozzihaus"
    assert service["organization"]["name"] == "Familienzentrum Pestalozzihaus"


def test_hidden_offers_are_not_found(catalog: dict[str, Offer]) -> None:
    response = Client().get(f"{API}/services/{catalog['course'].uuid}", {"commune": "bergkamen"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


def test_free_text_search(catalog: dict[str, Offer]) -> None:
    assert names(get("/services", search="hebamme")) == ["Familienhebamme"]
    assert names(get("/services", search="Babys Treffpunkt")) == ["Baby-Café"]
    assert names(get("/services", search="Zirkus")) == []


def test_taxonomy_filters_by_category_by_lotse_trait_and_by_taxonomy(
    world: World, catalog: dict[str, Offer]
) -> None:
    home_visits = TaxonomyTerm.objects.for_commune(world.bergkamen).get(code="hausbesuche")

    assert names(get("/services", taxonomy_term_id=str(home_visits.uuid))) == ["Familienhebamme"]
    assert names(get("/services", taxonomy_term_id=TRAITS["ohne-anmeldung"].id)) == ["Baby-Café"]
    assert names(get("/services", taxonomy_term_id=TRAITS["werdende-eltern"].id)) == [
        "Familienhebamme"
    ]
    categories = taxonomy_id(TaxonomyTerm.CATEGORY_TAXONOMY)
    assert names(get("/services", taxonomy_id=categories)) == ["Baby-Café", "Familienhebamme"]
    assert names(get("/services", taxonomy_id="unknown")) == []


def test_modified_after(world: World, catalog: dict[str, Offer]) -> None:
    Offer.all_communes.filter(pk=catalog["midwife"].pk).update(
        updated_at="2026-03-05T08:00:00+00:00"
    )

    assert names(get("/services", modified_after="2026-03-04T00:00:00Z")) == ["Familienhebamme"]
    assert len(names(get("/services", modified_after="2026-01-01T00:00:00"))) == 2


def test_bad_parameters_are_a_422_naming_the_parameter(catalog: dict[str, Offer]) -> None:
    client = Client()

    for params, name in [
        ({"page": "0"}, "page"),
        ({"per_page": "500"}, "per_page"),
        ({"modified_after": "gestern"}, "modified_after"),
    ]:
        response = client.get(f"{API}/services", {"commune": "bergkamen", **params})
        assert response.status_code == 422
        assert name in str(response.json()["detail"])
    assert client.get(f"{API}/services").status_code == 422


def test_organizations_are_those_with_public_offers(catalog: dict[str, Offer]) -> None:
    page = get("/organizations")

    assert names(page) == ["Familienzentrum Pestalozzihaus", "Gesundheitsamt Kreis Unna"]
    for item in page["contents"]:
        assert schema_errors(item, "compiled/organization_list.json") == []
    detail = get(f"/organizations/{catalog['baby_cafe'].provider.uuid}")
    assert schema_errors(detail, "compiled/organization.json") == []
    assert [service["name"] for service in detail["services"]] == ["Baby-Café"]


def test_taxonomies_and_terms(world: World, catalog: dict[str, Offer]) -> None:
    taxonomies = get("/taxonomies")
    terms = get("/taxonomy_terms", per_page=100)

    assert "Lotse-Merkmale" in names(taxonomies)
    for taxonomy in taxonomies["contents"]:
        assert schema_errors(taxonomy, "taxonomy.json") == []
        assert get(f"/taxonomies/{taxonomy['id']}") == taxonomy
    assert "ohne Anmeldung" in names(terms)
    for term in terms["contents"]:
        assert schema_errors(term, "taxonomy_term.json") == []
    traits = get("/taxonomy_terms", taxonomy_id=taxonomy_id("lotse-merkmal"), per_page=100)
    assert traits["total_items"] == len(TRAITS)
    term = terms["contents"][0]
    assert get(f"/taxonomy_terms/{term['id']}") == term


def test_service_at_locations(catalog: dict[str, Offer]) -> None:
    page = get("/service_at_locations")

    assert [item["service"]["name"] for item in page["contents"]] == ["Baby-Café"]
    for item in page["contents"]:
        assert schema_errors(item, "compiled/service_at_location_list.json") == []
    detail = get(f"/service_at_locations/{page['contents'][0]['id']}")
    assert schema_errors(detail, "compiled/service_at_location.json") == []
    assert detail["schedules"][0]["byday"] == "TU"


def test_list_queries_do_not_grow_with_the_number_of_offers(
    world: World, catalog: dict[str, Offer], django_assert_max_num_queries: Any
) -> None:
    provider = catalog["baby_cafe"].provider
    for number in range(15):
        Offer.all_communes.create(
            commune=world.bergkamen,
            provider=provider,
            name=f"Weiteres Angebot {number}",
            description="x",
            status="published",
            last_confirmed_at="2026-03-01",
        )

    with django_assert_max_num_queries(8):
        assert len(get("/services", per_page=50)["contents"]) == 17


def test_the_openapi_description_documents_the_commune_parameter(world: World) -> None:
    response = Client().get(f"{API}/openapi.json")

    assert response.status_code == 200
    operation = response.json()["paths"]["/api/hsds/v3/services"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["commune"]["required"] is True
    assert {"search", "taxonomy_term_id", "taxonomy_id", "modified_after", "page"} <= set(
        parameters
    )
