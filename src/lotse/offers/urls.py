"""Offer catalog: offers (HSDS services), locations, schedules, taxonomy; providers' and
coordinators' tools, HSDS import/export, brochure and the prevention-chain view."""

from django.urls import URLPattern, URLResolver, path

from lotse.offers.hsds import urls as hsds_urls
from lotse.offers.views import catalog, locations, offers, reports

app_name = "offers"

OFFER = "katalog/<uuid:offer_uuid>/"

# Pages under /<commune_slug>/… (the HSDS import's pages are kept in their own module).
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("katalog/", offers.offer_list, name="offer_list"),
    path("katalog/neu/", offers.offer_create, name="offer_create"),
    path(OFFER, offers.offer_detail, name="offer_detail"),
    path(f"{OFFER}bearbeiten/", offers.offer_edit, name="offer_edit"),
    path(f"{OFFER}status/", offers.offer_status, name="offer_status"),
    path(f"{OFFER}bestaetigen/", offers.offer_confirm, name="offer_confirm"),
    path(f"{OFFER}verlauf/", offers.offer_history, name="offer_history"),
    path(f"{OFFER}orte/", offers.offer_location_add, name="offer_location_add"),
    path(
        f"{OFFER}orte/<uuid:offer_location_uuid>/entfernen/",
        offers.offer_location_remove,
        name="offer_location_remove",
    ),
    path(f"{OFFER}zeiten/", offers.schedule_add, name="schedule_add"),
    path(
        f"{OFFER}zeiten/<uuid:schedule_uuid>/entfernen/",
        offers.schedule_remove,
        name="schedule_remove",
    ),
    path(
        f"{OFFER}uebersetzungen/<slug:language>/",
        offers.translation_edit,
        name="translation_edit",
    ),
    path(
        "katalog/bestaetigung/<str:token>/",
        offers.offer_confirm_link,
        name="offer_confirm_link",
    ),
    path("katalog/orte/", locations.location_list, name="location_list"),
    path("katalog/orte/neu/", locations.location_create, name="location_create"),
    path("katalog/orte/<uuid:location_uuid>/", locations.location_edit, name="location_edit"),
    path("katalog/kategorien/", catalog.category_list, name="category_list"),
    path("katalog/kategorien/<uuid:term_uuid>/", catalog.category_edit, name="category_edit"),
    path(
        "katalog/kategorien/<uuid:term_uuid>/entfernen/",
        catalog.category_remove,
        name="category_remove",
    ),
    path("katalog/einstellungen/", catalog.catalog_settings_edit, name="catalog_settings"),
    path("katalog/wegweiser/", reports.brochure, name="brochure"),
    path("praeventionskette/", reports.chain, name="chain"),
    path(
        "praeventionskette/<slug:area_slug>/<str:phase>/",
        reports.chain_cell,
        name="chain_cell",
    ),
    *hsds_urls.commune_urlpatterns,
]
# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
