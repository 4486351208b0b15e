"""The staff pages of the catalog: who sees what, forms, conflicts, query counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from lotse.core.permissions import Role
from lotse.offers.models import (
    CatalogSettings,
    Location,
    Offer,
    OfferStatus,
    Schedule,
    TaxonomyTerm,
)
from tests.conftest import World
from tests.offers.factories import OfferFactory, OfferLocationFactory, ScheduleFactory

ClientFor = Callable[[str, str], Client]


def _form(offer: Offer, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": offer.version,
        "provider": str(offer.provider.uuid),
        "name": offer.name,
        "description": offer.description,
        "min_age_months": "0",
        "max_age_months": "12",
        "cost_kind": "free",
        "cost_currency": "EUR",
        "languages": ["de"],
    }
    return data | changes


def test_partner_staff_see_only_their_own_organisations_offers(
    world: World, client_for: ClientFor, own_offer: Offer, other_offer: Offer
) -> None:
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    page = partner.get("/bergkamen/katalog/").content.decode()
    assert "Baby-Café" in page
    assert "Still-Café" not in page
    assert partner.get(f"/bergkamen/katalog/{other_offer.uuid}/").status_code == 404
    coordinator_page = client_for("bergkamen", Role.COORDINATOR).get("/bergkamen/katalog/")
    assert "Still-Café" in coordinator_page.content.decode()


def test_another_communes_coordinator_gets_404_and_a_planner_403(
    world: World, client_for: ClientFor, own_offer: Offer
) -> None:
    url = f"/bergkamen/katalog/{own_offer.uuid}/"
    assert client_for("dortmund", Role.COORDINATOR).get(url).status_code == 404
    assert client_for("bergkamen", Role.PLANNER).get(url).status_code == 403


def test_the_offer_list_needs_the_same_queries_for_3_and_30_offers(
    world: World, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    for _ in range(3):
        OfferFactory(commune=world.bergkamen)
    client.get("/bergkamen/katalog/")  # warm caches (sessions, settings)
    with django_assert_max_num_queries(14) as few:
        client.get("/bergkamen/katalog/")
    for _ in range(27):
        OfferFactory(commune=world.bergkamen)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/bergkamen/katalog/").status_code == 200


def test_a_partner_creates_an_offer_and_finds_it_as_draft(
    world: World, client_for: ClientFor
) -> None:
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    term = TaxonomyTerm.objects.for_commune(world.bergkamen).get(code="cafe-treffpunkt")
    response = partner.post(
        "/bergkamen/katalog/neu/",
        {
            "provider": str(world.organisations["bergkamen"].uuid),
            "name": "Offenes Elterncafé",
            "description": "Für Eltern mit Babys im ersten Lebensjahr.",
            "min_age_months": "0",
            "max_age_months": "12",
            "cost_kind": "free",
            "cost_currency": "EUR",
            "categories": [str(term.uuid)],
            "languages": ["de", "ar"],
        },
    )
    assert response.status_code == 302
    offer = Offer.objects.for_commune(world.bergkamen).get(name="Offenes Elterncafé")
    assert offer.status == OfferStatus.DRAFT
    assert response["Location"] == f"/bergkamen/katalog/{offer.uuid}/"
    detail = partner.get(response["Location"]).content.decode()
    assert "Zur Prüfung einreichen" in detail
    assert "Veröffentlichen" not in detail


def test_bad_input_rerenders_the_form_with_the_german_error_at_the_field(
    world: World, client_for: ClientFor, own_offer: Offer
) -> None:
    client = client_for("bergkamen", Role.PARTNER_STAFF)
    response = client.post(
        f"/bergkamen/katalog/{own_offer.uuid}/bearbeiten/",
        _form(own_offer, min_age_months="24", max_age_months="12"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_max_age_months_error"' in page
    assert "Das Höchstalter darf nicht unter dem Mindestalter liegen." in page
    own_offer.refresh_from_db()
    assert own_offer.max_age_months == 12


def test_a_stale_save_shows_both_versions_and_overwrites_nothing(
    world: World, client_for: ClientFor, own_offer: Offer
) -> None:
    url = f"/bergkamen/katalog/{own_offer.uuid}/bearbeiten/"
    stale = _form(own_offer, name="Baby-Café Rünthe")
    coordinator = client_for("bergkamen", Role.COORDINATOR)
    assert coordinator.post(url, _form(own_offer, name="Baby-Café Mitte")).status_code == 302
    response = client_for("bergkamen", Role.PARTNER_STAFF).post(url, stale)
    page = response.content.decode()
    assert "Jemand anderes hat dies gespeichert" in page
    assert "Baby-Café Mitte" in page
    assert "Baby-Café Rünthe" in page
    own_offer.refresh_from_db()
    assert own_offer.name == "Baby-Café Mitte"
    history = coordinator.get(f"/bergkamen/katalog/{own_offer.uuid}/verlauf/").content.decode()
    assert "<strong>Name</strong>: Baby-Café → Baby-Café Mitte" in history


def test_review_and_publication_through_the_pages(
    world: World, client_for: ClientFor, own_offer: Offer
) -> None:
    Offer.all_communes.filter(pk=own_offer.pk).update(status=OfferStatus.DRAFT)
    url = f"/bergkamen/katalog/{own_offer.uuid}/status/"
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    partner.post(url, {"to_status": "in_review"})
    denied = partner.post(url, {"to_status": "published"})
    assert denied.status_code == 403
    client_for("bergkamen", Role.COORDINATOR).post(url, {"to_status": "published"})
    own_offer.refresh_from_db()
    assert own_offer.status == OfferStatus.PUBLISHED
    history = partner.get(f"/bergkamen/katalog/{own_offer.uuid}/verlauf/").content.decode()
    assert history.count("Status geändert") == 2


def test_places_times_and_translations_are_edited_on_the_offer(
    world: World, client_for: ClientFor, own_offer: Offer
) -> None:
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    base = f"/bergkamen/katalog/{own_offer.uuid}/"
    created = partner.post(
        "/bergkamen/katalog/orte/neu/",
        {
            "name": "Familienzentrum Weddinghofen",
            "location_type": "physical",
            "street": "Schulstraße 7",
            "postal_code": "59192",
            "city": "Bergkamen",
            "latitude": "51.6236",
            "longitude": "7.6148",
            "accessibility": ["step_free", "pram_parking"],
        },
    )
    assert created.status_code == 302
    location = Location.objects.for_commune(world.bergkamen).get()
    assert location.organisation == world.organisations["bergkamen"]
    partner.post(f"{base}orte/", {"location": str(location.uuid)})
    place = own_offer.offer_locations.get()
    missing = partner.post(f"{base}zeiten/", {"kind": "weekly", "offer_location": str(place.uuid)})
    assert "Bitte wählen Sie mindestens einen Wochentag." in missing.content.decode()
    partner.post(
        f"{base}zeiten/",
        {
            "kind": "weekly",
            "offer_location": str(place.uuid),
            "weekdays": ["MO"],
            "opens_at": "15:00",
            "closes_at": "16:30",
        },
    )
    assert Schedule.objects.get(offer_location=place).weekdays == "MO"
    partner.post(
        f"{base}uebersetzungen/tr/", {"name": "Bebek Kafe", "summary": "", "description": ""}
    )
    page = partner.get(base).content.decode()
    assert "wöchentlich, Montag, 15:00 bis 16:30 Uhr" in page
    assert "Bebek Kafe" in page
    assert own_offer.revisions.count() == 3


def test_removing_a_place_and_a_time(world: World, client_for: ClientFor, own_offer: Offer) -> None:
    place = OfferLocationFactory(offer=own_offer)
    schedule = ScheduleFactory(offer=own_offer)
    partner = client_for("bergkamen", Role.PARTNER_STAFF)
    base = f"/bergkamen/katalog/{own_offer.uuid}/"
    assert partner.post(f"{base}zeiten/{schedule.uuid}/entfernen/").status_code == 302
    assert partner.post(f"{base}orte/{place.uuid}/entfernen/").status_code == 302
    assert not own_offer.offer_locations.exists()
    assert not Schedule.objects.filter(offer=own_offer).exists()


def test_the_coordination_renames_adds_and_removes_categories(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    client.post("/bergkamen/katalog/kategorien/", {"name": "Sport", "position": "5"})
    sport = TaxonomyTerm.objects.for_commune(world.bergkamen).get(name="Sport")
    duplicate = client.post("/bergkamen/katalog/kategorien/", {"name": "sport", "position": "5"})
    assert "Es gibt schon eine Kategorie mit diesem Namen." in duplicate.content.decode()
    course = TaxonomyTerm.objects.for_commune(world.bergkamen).get(code="kurs")
    OfferFactory(commune=world.bergkamen).categories.add(course)
    refused = client.post(f"/bergkamen/katalog/kategorien/{course.uuid}/entfernen/", follow=True)
    assert "noch von 1 Angeboten genutzt" in refused.content.decode()
    client.post(f"/bergkamen/katalog/kategorien/{sport.uuid}/entfernen/")
    assert not TaxonomyTerm.objects.for_commune(world.bergkamen).filter(name="Sport").exists()


def test_catalog_settings_refuse_an_interval_of_three_years(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("bergkamen", Role.COORDINATOR)
    response = client.post(
        "/bergkamen/katalog/einstellungen/",
        {
            "confirmation_interval_months": "36",
            "reminder_days_before": "14",
            "hide_after_days": "56",
        },
    )
    assert "Das Intervall liegt zwischen 1 und 24 Monaten." in response.content.decode()
    ok = client.post(
        "/bergkamen/katalog/einstellungen/",
        {
            "confirmation_interval_months": "12",
            "reminder_days_before": "14",
            "hide_after_days": "56",
        },
    )
    assert ok.status_code == 302
    assert CatalogSettings.objects.get(commune=world.bergkamen).confirmation_interval_months == 12
