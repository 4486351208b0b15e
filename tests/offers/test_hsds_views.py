"""The staff pages of open data: HSDS export and import, the review queue of imported
organisations and the partners' spreadsheet template."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lotse.core.models import AuditEvent
from lotse.core.permissions import Role
from lotse.network.models import Organisation
from lotse.offers.hsds.template import COLUMNS, EXAMPLE, template_csv, template_xlsx
from lotse.offers.models import (
    MatchReviewStatus,
    Offer,
    OfferStatus,
    OrganisationMatchReview,
    Schedule,
)
from tests.conftest import World
from tests.offers.hsds_catalog import build_catalog
from tests.offers.test_hsds_import import foreign_service

ClientFor = Callable[[str, str], Client]


def _url(name: str, *args: object) -> str:
    return reverse(f"offers:{name}", args=["bergkamen", *args])


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_coordinator_downloads_the_whole_catalog_as_hsds(
    world: World, client_for: ClientFor
) -> None:
    build_catalog(world.bergkamen)

    response = client_for("bergkamen", Role.COORDINATOR).get(_url("hsds_export"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="hsds-bergkamen-')
    document = json.loads(response.content)
    assert {service["name"] for service in document["services"]} == {
        "Baby-Café",
        "Familienhebamme",
        "Elternstartkurs",
        "Stillberatung (alt)",
    }


def test_exchange_page_imports_a_good_file(world: World, client_for: ClientFor) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    body = json.dumps([foreign_service()]).encode()

    response = client.post(_url("hsds_exchange"), {"file": _upload("portal.json", body)})

    assert response.status_code == 302
    assert Offer.objects.for_commune(world.bergkamen).filter(name="Still-Café").exists()
    page = client.get(response["Location"])
    assert "1 Angebote importiert" in page.content.decode()


def test_exchange_page_lists_every_problem_in_german_and_imports_nothing(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    body = json.dumps([foreign_service(status="weg"), foreign_service(id="z", name="")]).encode()

    response = client.post(_url("hsds_exchange"), {"file": _upload("portal.json", body)})

    assert response.status_code == 422
    page = response.content.decode()
    assert "Nichts wurde importiert: Die Datei hat 2 Probleme" in page
    assert "Angebot Nr. 1 „Still-Café“: status: ist keiner der erlaubten Werte" in page
    assert "Angebot Nr. 2" in page
    assert not Offer.objects.for_commune(world.bergkamen).exists()


def test_exchange_page_refuses_a_file_of_another_type(world: World, client_for: ClientFor) -> None:
    response = client_for("bergkamen", Role.COORDINATOR).post(
        _url("hsds_exchange"), {"file": _upload("angebote.pdf", b"%PDF")}
    )

    assert response.status_code == 200
    assert "Bitte laden Sie eine Datei vom Typ .json hoch." in response.content.decode()


def _pending_review(world: World) -> OrganisationMatchReview:
    existing = world.organisations["bergkamen"]
    Organisation.all_communes.filter(pk=existing.pk).update(
        street="Am Markt 1", postal_code="59192"
    )
    imported = {
        "id": "9a8b7c6d-1111-4222-8333-944455556666",
        "name": existing.name,
        "description": "",
        "locations": [
            {
                "id": "9a8b7c6d-1111-4222-8333-944455556667",
                "location_type": "postal",
                "addresses": [
                    {
                        "id": "9a8b7c6d-1111-4222-8333-944455556668",
                        "address_1": "Am Markt 1",
                        "city": "Bergkamen",
                        "state_province": "NW",
                        "postal_code": "59192",
                        "country": "DE",
                        "address_type": "postal",
                    }
                ],
            }
        ],
    }
    offer = Offer.all_communes.create(
        commune=world.bergkamen, provider=existing, name="Importiertes Angebot", description="x"
    )
    return OrganisationMatchReview.all_communes.create(
        commune=world.bergkamen,
        source="portal.json",
        imported_data={**imported, "lotse_offer_ids": [str(offer.uuid)]},
        suspected_organisation=existing,
    )


def test_review_queue_lists_pending_organisations(world: World, client_for: ClientFor) -> None:
    review = _pending_review(world)

    response = client_for("bergkamen", Role.COORDINATOR).get(_url("hsds_match_list"))

    assert response.status_code == 200
    assert _url("hsds_match_decide", review.uuid) in response.content.decode()


def test_merging_keeps_the_offers_at_the_existing_organisation(
    world: World, client_for: ClientFor
) -> None:
    review = _pending_review(world)
    client = client_for("bergkamen", Role.COORDINATOR)

    response = client.post(_url("hsds_match_decide", review.uuid), {"decision": "merge"})

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == MatchReviewStatus.MERGED
    assert review.resulting_organisation == world.organisations["bergkamen"]
    assert review.decided_by == world.user("bergkamen", Role.COORDINATOR)
    assert (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action="offers.organisation_match_merged")
        .exists()
    )
    assert client.get(_url("hsds_match_decide", review.uuid)).status_code == 404


def test_creating_a_new_organisation_needs_a_name_that_tells_them_apart(
    world: World, client_for: ClientFor
) -> None:
    review = _pending_review(world)
    client = client_for("bergkamen", Role.COORDINATOR)
    same_name = world.organisations["bergkamen"].name

    refused = client.post(
        _url("hsds_match_decide", review.uuid), {"decision": "create", "name": same_name}
    )

    assert refused.status_code == 200
    assert "einen Namen an, der beide unterscheidet" in refused.content.decode()
    assert Organisation.objects.for_commune(world.bergkamen).count() == 1

    done = client.post(
        _url("hsds_match_decide", review.uuid),
        {"decision": "create", "name": f"{same_name} (Außenstelle)"},
    )

    assert done.status_code == 302
    new = Organisation.objects.for_commune(world.bergkamen).get(name=f"{same_name} (Außenstelle)")
    assert (
        Offer.objects.for_commune(world.bergkamen).get(name="Importiertes Angebot").provider == new
    )
    review.refresh_from_db()
    assert (review.status, review.resulting_organisation) == (MatchReviewStatus.CREATED, new)


def test_partner_downloads_the_template_with_columns_and_an_example_row(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.PARTNER_STAFF)

    xlsx = client.get(_url("hsds_partner_template_download", "xlsx"))
    csv = client.get(_url("hsds_partner_template_download", "csv"))

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [heading for heading, _key in COLUMNS]
    assert rows[1][0] == "Baby-Café"
    assert csv.content.decode("utf-8-sig").splitlines()[0].startswith("Name;Beschreibung;")
    assert client.get(_url("hsds_partner_template_download", "pdf")).status_code == 404


def test_partner_uploads_the_filled_template_and_gets_drafts_of_own_organisation(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    own = world.organisations["bergkamen"]

    response = client.post(
        _url("hsds_partner_template"),
        {"provider": own.pk, "file": _upload("angebote.csv", template_csv())},
    )

    assert response.status_code == 302
    offer = Offer.objects.for_commune(world.bergkamen).get(name="Baby-Café")
    assert (offer.provider, offer.status) == (own, OfferStatus.DRAFT)
    assert (offer.min_age_months, offer.max_age_months, offer.registration_required) == (
        0,
        12,
        False,
    )
    assert sorted(offer.languages.values_list("code", flat=True)) == ["de", "tr"]
    assert [term.code for term in offer.categories.all()] == ["cafe-treffpunkt"]
    location = offer.offer_locations.get().location
    assert (location.name, location.social_area and location.social_area.name) == (
        "Familienzentrum Pestalozzihaus",
        "Mitte",
    )
    schedule = Schedule.objects.get(offer_location__offer=offer)
    assert (schedule.kind, schedule.weekdays) == ("every_two_weeks", "TU")


def test_a_template_with_bad_rows_imports_nothing_and_names_every_row(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    good = [EXAMPLE[key] for _heading, key in COLUMNS]
    bad_age = {**EXAMPLE, "min_age_months": "zwölf", "name": "Krabbeln"}
    bad_cost = {**EXAMPLE, "cost_kind": "teuer", "social_area": "Atlantis"}
    lines = [
        ";".join(heading for heading, _key in COLUMNS),
        ";".join(good),
        ";".join(bad_age[key] for _heading, key in COLUMNS),
        ";".join(bad_cost[key] for _heading, key in COLUMNS),
    ]

    response = client.post(
        _url("hsds_partner_template"),
        {
            "provider": world.organisations["bergkamen"].pk,
            "file": _upload("angebote.csv", "\n".join(lines).encode()),
        },
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Zeile 3: „Alter ab (Monate)“ ist keine ganze Zahl." in page
    assert "Zeile 4: „Kosten“ muss „kostenlos“, „ermäßigt“ oder „Gebühr“ sein." in page
    assert "Zeile 4: Die Kommune hat keinen Sozialraum „Atlantis“." in page
    assert not Offer.objects.for_commune(world.bergkamen).exists()


def test_a_partner_cannot_import_for_another_organisation(
    world: World, client_for: ClientFor
) -> None:
    other = Organisation.all_communes.create(
        commune=world.bergkamen, name="Andere Einrichtung", sector="health"
    )

    response = client_for("bergkamen", Role.PARTNER_STAFF).post(
        _url("hsds_partner_template"),
        {"provider": other.pk, "file": _upload("angebote.csv", template_csv())},
    )

    assert response.status_code == 200
    assert not Offer.objects.for_commune(world.bergkamen).exists()


def test_import_offers_command_imports_the_template_for_an_organisation(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "angebote.xlsx"
    path.write_bytes(template_xlsx())
    own = world.organisations["bergkamen"]

    call_command("import-offers", "--commune", "bergkamen", "--organisation", own.name, str(path))

    assert "Imported 1 offers" in capsys.readouterr().out
    assert Offer.objects.for_commune(world.bergkamen).get().provider == own


def test_import_offers_command_lists_bad_rows_and_imports_nothing(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "angebote.csv"
    bad = {**EXAMPLE, "languages": "xx"}
    path.write_text(
        ";".join(h for h, _k in COLUMNS) + "\n" + ";".join(bad[k] for _h, k in COLUMNS),
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command(
            "import-offers",
            "--commune",
            "bergkamen",
            "--organisation",
            world.organisations["bergkamen"].name,
            str(path),
        )

    assert "Zeile 2: Unbekannter Sprachcode: xx." in capsys.readouterr().err
    assert not Offer.objects.for_commune(world.bergkamen).exists()
