"""Organisations: coordinators keep all of them, partner staff only their own; a stale
save shows both versions and overwrites nothing; the list searches, filters and exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from lotse.core.models import AuditEvent, SocialArea
from lotse.core.permissions import Role
from lotse.network.actions import NetworkAction
from lotse.network.models import InstitutionType, Organisation, OrganisationStatus, Sector
from lotse.network.services.organisations import (
    create_organisation,
    network_settings,
    save_institution_type,
    update_organisation,
)
from tests.conftest import World
from tests.network.conftest import coordinator
from tests.network.factories import DelegationFactory, OrganisationFactory, PersonFactory

ClientFor = Callable[[str, str], Client]


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"network:{name}", kwargs={"commune_slug": "bergkamen", **kwargs})


def _form(organisation: Organisation, **changes: Any) -> dict[str, Any]:
    data = {
        "name": organisation.name,
        "legal_carrier": organisation.legal_carrier,
        "sector": organisation.sector,
        "street": organisation.street,
        "postal_code": organisation.postal_code,
        "city": organisation.city,
        "version": organisation.version,
    }
    return {**data, **changes}


def test_the_first_use_seeds_the_21_institution_types_of_the_bergkamen_concept(
    world: World,
) -> None:
    network_settings(world.bergkamen)
    network_settings(world.bergkamen)
    names = list(
        InstitutionType.objects.for_commune(world.bergkamen).values_list("name", flat=True)
    )
    assert len(names) == 21
    assert names[1] == "Familienbüro"
    assert "Polizei" in names
    assert InstitutionType.objects.for_commune(world.dortmund).count() == 0


def test_the_list_of_institution_types_is_editable_per_commune(world: World) -> None:
    network_settings(world.bergkamen)
    save_institution_type(
        actor=coordinator(world),
        commune=world.bergkamen,
        name="Hebammenzentrum",
        default_sector="health",
    )
    with pytest.raises(ValidationError):
        save_institution_type(
            actor=coordinator(world), commune=world.bergkamen, name="polizei", default_sector=""
        )
    assert InstitutionType.objects.for_commune(world.bergkamen).count() == 22


def test_a_new_organisation_starts_as_a_candidate_and_is_audited(world: World) -> None:
    area = SocialArea.objects.for_commune(world.bergkamen).get()
    organisation = create_organisation(
        actor=coordinator(world),
        commune=world.bergkamen,
        values={"name": " Kita  Sonnenschein ", "sector": Sector.CHILD_AND_YOUTH_WELFARE},
        social_areas=[area],
    )
    assert organisation.name == "Kita Sonnenschein"
    assert organisation.status == OrganisationStatus.CANDIDATE
    assert list(organisation.social_areas.all()) == [area]
    event = AuditEvent.objects.for_commune(world.bergkamen).get(
        action=NetworkAction.ORGANISATION_CREATED
    )
    assert event.object_id == str(organisation.uuid)


def test_the_same_name_and_address_twice_is_refused_whatever_the_case(world: World) -> None:
    existing = world.organisations["bergkamen"]
    with pytest.raises(ValidationError) as error:
        create_organisation(
            actor=coordinator(world),
            commune=world.bergkamen,
            values={
                "name": existing.name.upper(),
                "sector": Sector.HEALTH,
                "street": existing.street,
                "postal_code": existing.postal_code,
            },
        )
    assert "existiert bereits" in str(error.value.message_dict["name"])
    assert Organisation.objects.for_commune(world.bergkamen).count() == 1


def test_partner_staff_may_edit_their_own_organisation_but_not_another(world: World) -> None:
    partner = world.user("bergkamen", Role.PARTNER_STAFF)
    own = world.organisations["bergkamen"]
    other = OrganisationFactory(commune=world.bergkamen)
    update_organisation(
        actor=partner,
        organisation=own,
        values={"name": own.name, "sector": own.sector, "phone": "02307 1234"},
        social_areas=[],
        expected_version=own.version,
    )
    own.refresh_from_db()
    assert own.phone == "02307 1234"
    assert own.version == 2
    with pytest.raises(PermissionDenied):
        update_organisation(
            actor=partner,
            organisation=other,
            values={"name": "Gekapert", "sector": other.sector},
            social_areas=[],
            expected_version=None,
        )


def test_partner_staff_edit_their_own_organisation_in_the_browser(
    client_for: ClientFor, world: World
) -> None:
    own = world.organisations["bergkamen"]
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    response = client.post(
        _url("own_organisation_edit", organisation_uuid=own.uuid),
        _form(own, website="https://familienbildung.example"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.website == "https://familienbildung.example"
    other = OrganisationFactory(commune=world.bergkamen)
    response = client.get(_url("own_organisation_edit", organisation_uuid=other.uuid))
    assert response.status_code == 404
    response = client.get(_url("organisation_edit", organisation_uuid=own.uuid))
    assert response.status_code == 403


def test_a_stale_save_shows_both_versions_and_overwrites_nothing(
    client_for: ClientFor, world: World
) -> None:
    organisation = world.organisations["bergkamen"]
    stale = _form(organisation, city="Kamen")
    update_organisation(
        actor=coordinator(world),
        organisation=organisation,
        values={"name": organisation.name, "sector": organisation.sector, "city": "Unna"},
        social_areas=[],
        expected_version=organisation.version,
    )
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.post(_url("organisation_edit", organisation_uuid=organisation.uuid), stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Jemand anderes hat dies gespeichert" in page
    assert "Unna" in page
    assert "Kamen" in page
    organisation.refresh_from_db()
    assert organisation.city == "Unna"
    assert organisation.version == 2


def test_bad_input_rerenders_the_form_with_a_german_error_and_changes_nothing(
    client_for: ClientFor, world: World
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.post(_url("organisation_create"), {"name": "", "sector": "mars"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="field-error"' in page
    assert "erforderlich" in page  # Django's message, however an app's catalogue words it
    assert Organisation.objects.for_commune(world.bergkamen).count() == 1


def test_the_list_searches_and_filters_by_name_sector_and_status(
    client_for: ClientFor, world: World
) -> None:
    OrganisationFactory(commune=world.bergkamen, name="Hebammenpraxis Rünthe", sector=Sector.HEALTH)
    OrganisationFactory(
        commune=world.bergkamen,
        name="Kita Pusteblume",
        status=OrganisationStatus.CANDIDATE,
    )
    client = client_for("bergkamen", Role.PLANNER)
    page = client.get(_url("organisation_list"), {"q": "hebammen"}).content.decode()
    assert "Hebammenpraxis Rünthe" in page
    assert "Kita Pusteblume" not in page
    page = client.get(_url("organisation_list"), {"status": "candidate"}).content.decode()
    assert "Kita Pusteblume" in page
    assert "Hebammenpraxis" not in page
    page = client.get(_url("organisation_list"), {"sector": "health"}).content.decode()
    assert "Hebammenpraxis Rünthe" in page
    assert "Familienbildung Bergkamen" not in page


def test_the_list_needs_no_more_queries_for_more_organisations(
    client_for: ClientFor, world: World, django_assert_max_num_queries: Any
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    client.get(_url("organisation_list"))
    for _ in range(15):
        organisation = OrganisationFactory(commune=world.bergkamen)
        organisation.social_areas.set(SocialArea.objects.for_commune(world.bergkamen))
        DelegationFactory(person=PersonFactory(organisation=organisation))
    with django_assert_max_num_queries(16):
        response = client.get(_url("organisation_list"))
    assert response.content.decode().count("<tr>") == 17


def test_the_export_as_csv_and_xlsx_lists_the_filtered_organisations(
    client_for: ClientFor, world: World
) -> None:
    OrganisationFactory(commune=world.bergkamen, name="=HYPERLINK(1)", sector=Sector.HEALTH)
    OrganisationFactory(commune=world.dortmund, name="Dortmunder Praxis", sector=Sector.HEALTH)
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.get(_url("organisation_export"), {"sector": "health", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Name", "Träger", "Handlungsfeld"]
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1)"], "no formula, no other commune"
    assert rows[1][2] == "Gesundheit"
    response = client.get(_url("organisation_export"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["'=HYPERLINK(1)", "Familienbildung Bergkamen"]


def test_another_communes_organisation_is_not_found(client_for: ClientFor, world: World) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    dortmund = world.organisations["dortmund"]
    assert (
        client.get(_url("organisation_detail", organisation_uuid=dortmund.uuid)).status_code == 404
    )
    assert client.get(_url("organisation_edit", organisation_uuid=dortmund.uuid)).status_code == 404


def test_a_coordinator_renames_and_retires_a_type_and_organisations_keep_it(
    world: World, client_for: ClientFor
) -> None:
    network_settings(world.bergkamen)
    police = InstitutionType.objects.for_commune(world.bergkamen).get(name="Polizei")
    organisation = world.organisations["bergkamen"]
    Organisation.objects.for_commune(world.bergkamen).filter(pk=organisation.pk).update(
        institution_type=police
    )
    organisation.refresh_from_db()
    client = client_for("bergkamen", Role.COORDINATOR)
    settings_page = client.get(_url("settings")).content.decode()
    edit_url = _url("institution_type_edit", type_uuid=police.uuid)
    assert edit_url in settings_page

    response = client.post(edit_url, {"name": "Familienbüro", "default_sector": ""})
    assert response.status_code == 200
    assert "Diese Einrichtungsart gibt es bereits." in response.content.decode()
    police.refresh_from_db()
    assert (police.name, police.is_active) == ("Polizei", True)

    response = client.post(edit_url, {"name": "Polizei Kreis Unna", "default_sector": "other"})
    assert response.status_code == 302
    police.refresh_from_db()
    assert (police.name, police.is_active) == ("Polizei Kreis Unna", False)
    event = (
        AuditEvent.objects.for_commune(world.bergkamen)
        .filter(action=NetworkAction.INSTITUTION_TYPE_SAVED)
        .latest("pk")
    )
    assert event.changes["name"] == {"old": "Polizei", "new": "Polizei Kreis Unna"}
    assert event.changes["is_active"] == {"old": True, "new": False}
    assert "nicht mehr in Gebrauch" in client.get(_url("settings")).content.decode()

    # Retired: no longer offered for a new organisation …
    new_form = client.get(_url("organisation_create")).content.decode()
    assert "Polizei Kreis Unna" not in new_form
    # … but the organisation that has it keeps it, also when it is saved again.
    edit_page = client.get(_url("organisation_edit", organisation_uuid=organisation.uuid))
    assert "Polizei Kreis Unna" in edit_page.content.decode()
    response = client.post(
        _url("organisation_edit", organisation_uuid=organisation.uuid),
        _form(organisation, institution_type=str(police.pk), phone="02307 1234"),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.institution_type_id, organisation.phone) == (police.pk, "02307 1234")


def test_institution_types_of_another_commune_cannot_be_edited(
    world: World, client_for: ClientFor
) -> None:
    network_settings(world.dortmund)
    foreign = InstitutionType.all_communes.create(commune=world.dortmund, name="Fremde Art")
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.post(
        _url("institution_type_edit", type_uuid=foreign.uuid), {"name": "Übernommen"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Fremde Art"
