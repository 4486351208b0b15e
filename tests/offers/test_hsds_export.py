"""HSDS 3.0 export: the mapping the issue asks for, valid against the official schemas, and
a round trip export → import into an empty commune → export that loses nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from lotse.offers.hsds.export import export_catalog
from lotse.offers.hsds.importer import import_catalog
from lotse.offers.hsds.validation import schema_errors
from tests.conftest import World
from tests.offers.hsds_catalog import build_catalog
from tests.offers.hsds_support import (
    commune_with_areas,
    remove_catalog,
    service_named,
    trait_values,
)


def test_every_record_of_the_export_validates_against_the_official_schemas(world: World) -> None:
    build_catalog(world.bergkamen)
    document = export_catalog(world.bergkamen)

    assert len(document["services"]) == 4
    for service in document["services"]:
        assert schema_errors(service, "compiled/service.json") == []
    for organization in document["organizations"]:
        assert schema_errors(organization, "compiled/organization.json") == []
    for location in document["locations"]:
        assert schema_errors(location, "location.json") == []
    for term in document["taxonomy_terms"]:
        assert schema_errors(term, "taxonomy_term.json") == []
    for taxonomy in document["taxonomies"]:
        assert schema_errors(taxonomy, "taxonomy.json") == []


def test_the_schema_check_names_the_field_and_the_reason_in_german(world: World) -> None:
    errors = schema_errors({"id": "x", "name": 3, "status": "open"}, "compiled/service.json")

    assert "name: hat den falschen Typ (erwartet: string)" in errors
    assert any(error.startswith("status: ist keiner der erlaubten Werte") for error in errors)
    assert schema_errors({"id": "x"}, "compiled/service.json") == [
        "das Pflichtfeld „name“ fehlt",
        "das Pflichtfeld „status“ fehlt",
    ]


def test_baby_cafe_age_goes_to_decimal_years_and_months_stay_exact_as_attributes(
    world: World,
) -> None:
    build_catalog(world.bergkamen)
    cafe = service_named(export_catalog(world.bergkamen), "Baby-Café")

    assert (cafe["minimum_age"], cafe["maximum_age"]) == (0.0, 1.0)
    assert trait_values(cafe, "alter-ab-monate") == ["0"]
    assert trait_values(cafe, "alter-bis-monate") == ["12"]
    assert trait_values(cafe, "ohne-anmeldung") == [""]
    assert trait_values(cafe, "kostenlos") == [""]
    assert trait_values(cafe, "lebensphase") == ["0-1"]
    assert cafe["cost_options"][0]["option"] == "kostenlos"
    assert cafe["assured_date"] == "2026-02-01"
    assert [language["code"] for language in cafe["languages"]] == ["de", "tr"]
    schedule = cafe["service_at_locations"][0]["schedules"][0]
    assert (schedule["freq"], schedule["interval"], schedule["byday"]) == ("WEEKLY", 2, "TU")
    assert (schedule["opens_at"], schedule["closes_at"]) == ("09:30", "11:00")
    location = cafe["service_at_locations"][0]["location"]
    assert location["addresses"][0]["address_1"] == "Pestalozzistraße 4"
    assert [item["description"] for item in location["accessibility"]].count(
        "Stufenloser Zugang"
    ) == 1


def test_family_midwife_from_pregnancy_to_first_birthday_is_for_expecting_parents(
    world: World,
) -> None:
    build_catalog(world.bergkamen)
    midwife = service_named(export_catalog(world.bergkamen), "Familienhebamme")

    assert trait_values(midwife, "werdende-eltern") == ["1"]
    assert trait_values(midwife, "lebensphase") == ["pregnancy", "0-1"]
    assert trait_values(midwife, "ohne-anmeldung") == []
    assert [area["name"] for area in midwife["service_areas"]] == ["Mitte", "Oberaden"]
    assert midwife["status"] == "temporarily closed"
    assert midwife["alert"] == "Bis Ende März keine neuen Familien"


def test_round_trip_into_an_empty_commune_gives_the_identical_file(world: World) -> None:
    source = commune_with_areas("quelle")
    build_catalog(source)
    first = export_catalog(source)
    remove_catalog(source)
    target = commune_with_areas("ziel")

    result = import_catalog(
        actor=None, commune=target, document=json.loads(json.dumps(first)), source="quelle.json"
    )

    assert result.offers == 4
    assert result.organisations_created == 2
    assert result.reviews == []
    assert export_catalog(target) == first


def test_export_is_the_same_every_time(world: World) -> None:
    build_catalog(world.bergkamen)

    assert export_catalog(world.bergkamen) == export_catalog(world.bergkamen)


def test_export_command_writes_the_catalog_of_one_commune(world: World, tmp_path: Path) -> None:
    build_catalog(world.bergkamen)
    target = tmp_path / "bergkamen.json"

    call_command("hsds-export", "--commune", "bergkamen", "--output", str(target))

    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(export_catalog(world.bergkamen)))
    assert {service["name"] for service in written["services"]} >= {"Baby-Café"}


def test_export_of_the_other_commune_holds_nothing_of_bergkamen(world: World) -> None:
    build_catalog(world.bergkamen)

    document = export_catalog(world.dortmund)

    assert document["services"] == []
    assert "Pestalozzihaus" not in json.dumps(document, ensure_ascii=False)


@pytest.mark.parametrize("kind", ["Baby-Café", "Elternstartkurs"])
def test_translations_costs_and_foreign_terms_travel_along(world: World, kind: str) -> None:
    build_catalog(world.bergkamen)
    service = service_named(export_catalog(world.bergkamen), kind)

    if kind == "Elternstartkurs":
        translation = json.loads(trait_values(service, "uebersetzung")[0])
        assert translation["name"] == "Parent start course"
        assert service["cost_options"][0]["amount"] == 25.0
        assert trait_values(service, "ermaessigt") == [""]
        foreign = [
            a for a in service["attributes"] if a["taxonomy_term"]["code"] == "parenting-education"
        ]
        assert foreign[0]["value"] == "Level 1"
        assert service["schedules"][0]["count"] == 9
    else:
        assert trait_values(service, "einfache-sprache") == [
            "Eltern mit Babys treffen sich. Es kostet nichts."
        ]
