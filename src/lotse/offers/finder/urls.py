"""The public offer finder for families: search, filters, languages, accessibility."""

from django.urls import URLPattern, URLResolver, path

from lotse.offers.finder.views import pages, search

app_name = "finder"

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("angebote/", search.start, name="start"),
    path("angebote/<uuid:offer_uuid>/", search.detail, name="detail"),
    path("angebote/drucken/", search.print_view, name="print"),
    path("angebote/leichte-sprache/", pages.easy_language, name="easy_language"),
    path("angebote/barrierefreiheit/", pages.accessibility, name="accessibility"),
    path("angebote/barriere-melden/", pages.feedback, name="feedback"),
]
# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
