"""Staff pages of the HSDS import (review queue, partner import template); included in
the offers app's URLs, so their names are ``offers:…``."""

from django.urls import URLPattern, URLResolver, path

from lotse.offers.hsds import views

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("katalog/austausch/", views.exchange, name="hsds_exchange"),
    path("katalog/austausch/export.json", views.export, name="hsds_export"),
    path("katalog/austausch/abgleich/", views.match_list, name="hsds_match_list"),
    path(
        "katalog/austausch/abgleich/<uuid:review_uuid>/",
        views.match_decide,
        name="hsds_match_decide",
    ),
    path("katalog/vorlage/", views.partner_template, name="hsds_partner_template"),
    path(
        "katalog/vorlage/lotse-angebote-vorlage.<str:kind>",
        views.partner_template_download,
        name="hsds_partner_template_download",
    ),
]
