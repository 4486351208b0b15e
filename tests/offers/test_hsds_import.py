"""HSDS 3.0 import: everything is checked first, nothing is imported on any error, and
organisations that look like duplicates go to the review queue."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.network.models import Organisation
from lotse.offers.hsds.export import export_catalog
from lotse.offers.hsds.importer import import_catalog
from lotse.offers.hsds.reading import ImportRejected
from lotse.offers.models import (
    CostKind,
    MatchReviewStatus,
    Offer,
    OfferRevision,
    OfferStatus,
    OrganisationMatchReview,
)
from tests.conftest import World
from tests.offers.hsds_catalog import build_catalog
from tests.offers.hsds_support import commune_with_areas, remove_catalog, service_named

FOREIGN_ORG = "7f4f7d8e-3d2b-4c55-9f5e-1a2b3c4d5e6f"


def foreign_service(**changes: Any) -> dict[str, Any]:
    """A service as another HSDS system would send it: no Lotse attributes at all."""
    service: dict[str, Any] = {
        "id": "4b1c6d2e-0f7a-4f1e-8a55-2d9c1e0b7a11",
        "name": "Still-Café",
        "description": "Austausch rund ums Stillen.",
        "status": "active",
        "minimum_age": 0,
        "maximum_age": 0.5,
        "assured_date": "2026-03-01",
        "organization": {
            "id": FOREIGN_ORG,
            "name": "Hebammenpraxis Sonnenschein",
            "description": "Praxis",
            "email": "praxis@sonnenschein.example",
        },
        "cost_options": [{"id": "5d3b2a1c-1111-4222-8333-944455556666", "option": "kostenlos"}],
        "languages": [{"id": "6e4c3b2d-1111-4222-8333-944455556666", "code": "ar"}],
    }
    service.update(changes)
    return service


def test_a_foreign_service_is_imported_with_its_ages_in_months(world: World) -> None:
    result = import_catalog(
        actor=world.user("bergkamen", Role.COORDINATOR),
        commune=world.bergkamen,
        document=[foreign_service()],
        source="portal.json",
    )

    offer = Offer.objects.for_commune(world.bergkamen).get(name="Still-Café")
    assert result.offers == 1
    assert result.organisations_created == 1
    assert (offer.min_age_months, offer.max_age_months) == (0, 6)
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.cost_kind == CostKind.FREE
    assert offer.registration_required is True
    assert offer.provider.name == "Hebammenpraxis Sonnenschein"
    assert list(offer.languages.values_list("code", flat=True)) == ["ar"]
    assert OfferRevision.objects.filter(offer=offer, action="imported").count() == 1
    event = AuditEvent.objects.for_commune(world.bergkamen).get(action="offers.hsds_imported")
    assert event.actor == world.user("bergkamen", Role.COORDINATOR)


def test_a_file_with_bad_records_imports_nothing_and_lists_every_problem(world: World) -> None:
    document = [
        foreign_service(),
        foreign_service(id="a1", name=3, status="open"),
        foreign_service(
            id="a2",
            name="Krabbelgruppe",
            minimum_age=3,
            maximum_age=1,
            service_areas=[{"id": "a3", "name": "Atlantis"}],
            languages=[{"id": "a4", "code": "xx"}],
        ),
    ]

    with translation.override("de"), pytest.raises(ImportRejected) as rejected:
        import_catalog(actor=None, commune=world.bergkamen, document=document, source="x")

    problems = rejected.value.problems
    assert any(
        p.startswith("Angebot Nr. 2") and "name: hat den falschen Typ" in p for p in problems
    )
    assert any(p.startswith("Angebot Nr. 2") and "status: ist keiner der" in p for p in problems)
    third = [p for p in problems if p.startswith("Angebot Nr. 3 „Krabbelgruppe“")]
    with translation.override("de"):
        ages = gettext("The maximum age must not be below the minimum age.")
        language = gettext("Unknown language code: %(codes)s.") % {"codes": "xx"}
    assert any(ages in p for p in third), third
    assert any("keinen Sozialraum „Atlantis“" in p for p in third), third
    assert any(language in p for p in third), third
    assert not Offer.objects.for_commune(world.bergkamen).exists()
    assert not Organisation.objects.for_commune(world.bergkamen).filter(uuid=FOREIGN_ORG).exists()
    assert not AuditEvent.all_communes.filter(action="offers.hsds_imported").exists()


def test_an_offer_already_in_the_catalog_is_refused(world: World) -> None:
    import_catalog(actor=None, commune=world.bergkamen, document=[foreign_service()])

    with translation.override("de"), pytest.raises(ImportRejected) as rejected:
        import_catalog(actor=None, commune=world.bergkamen, document=[foreign_service()])

    assert rejected.value.problems == [
        "Angebot Nr. 1 „Still-Café“: Dieses Angebot ist schon im Katalog."
    ]


def test_text_that_is_no_json_is_refused_in_german(world: World, tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text("{nicht json", encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("hsds-import", "--commune", "bergkamen", str(broken))


def test_partner_staff_may_not_import(world: World) -> None:
    with pytest.raises(PermissionDenied):
        import_catalog(
            actor=world.user("bergkamen", Role.PARTNER_STAFF),
            commune=world.bergkamen,
            document=[foreign_service()],
        )


def test_organisation_with_same_name_and_address_goes_to_the_review_queue(world: World) -> None:
    source = commune_with_areas("quelle")
    build_catalog(source)
    document = export_catalog(source)
    remove_catalog(source)
    target = commune_with_areas("ziel")
    existing = Organisation.all_communes.create(
        commune=target,
        name="Familienzentrum  Pestalozzihaus",
        sector="education",
        street="Pestalozzistr. 4",
        postal_code="59192",
        city="Bergkamen",
    )

    result = import_catalog(actor=None, commune=target, document=document, source="quelle.json")

    assert result.organisations_created == 1  # the health office only
    review = OrganisationMatchReview.objects.for_commune(target).get()
    assert review.suspected_organisation == existing
    assert review.status == MatchReviewStatus.PENDING
    assert review.imported_data["name"] == "Familienzentrum Pestalozzihaus"
    cafe = Offer.objects.for_commune(target).get(name="Baby-Café")
    assert cafe.provider == existing
    assert sorted(
        Offer.objects.for_commune(target)
        .filter(uuid__in=review.imported_data["lotse_offer_ids"])
        .values_list("name", flat=True)
    ) == ["Baby-Café", "Elternstartkurs"]
    assert (
        not Organisation.objects.for_commune(target)
        .filter(name="Familienzentrum Pestalozzihaus")
        .exists()
    )


def test_import_command_imports_a_file_and_says_how_much(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "portal.json"
    path.write_text(json.dumps({"services": [foreign_service()]}), encoding="utf-8")

    call_command("hsds-import", "--commune", "dortmund", str(path))

    assert "Imported 1 offers" in capsys.readouterr().out
    assert Offer.objects.for_commune(world.dortmund).filter(name="Still-Café").exists()
    assert not Offer.objects.for_commune(world.bergkamen).exists()


def test_import_command_lists_every_bad_record_in_german_and_imports_nothing(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "portal.json"
    bad = [foreign_service(id="b1", status="weg"), foreign_service(id="b2", description="")]
    path.write_text(json.dumps({"contents": bad}), encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing imported: 2 problem"):
        call_command("hsds-import", "--commune", "bergkamen", str(path))

    errors = capsys.readouterr().err
    assert "Angebot Nr. 1 „Still-Café“: status: ist keiner der erlaubten Werte" in errors
    assert "Angebot Nr. 2 „Still-Café“: Beschreibung: Dieses Feld darf nicht leer sein." in errors
    assert not Offer.objects.for_commune(world.bergkamen).exists()


def test_unknown_commune_is_an_error_of_the_command(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no commune 'atlantis'"):
        call_command("hsds-export", "--commune", "atlantis")


def test_ids_taken_by_another_commune_get_new_ones(world: World) -> None:
    build_catalog(world.bergkamen)
    document = copy.deepcopy(export_catalog(world.bergkamen))
    target = commune_with_areas("ziel")

    import_catalog(actor=None, commune=target, document=document)

    again = export_catalog(target)
    assert {s["name"] for s in again["services"]} == {s["name"] for s in document["services"]}
    assert not {s["id"] for s in again["services"]} & {s["id"] for s in document["services"]}
    cafe = service_named(again, "Baby-Café")
    assert cafe["maximum_age"] == 1.0
