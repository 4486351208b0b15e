from django.urls import URLPattern, URLResolver

from lotse.offers.hsds import urls as hsds_urls

app_name = "offers"

# Pages under /<commune_slug>/… (the HSDS import's pages are kept in their own module).
commune_urlpatterns: list[URLPattern | URLResolver] = [*hsds_urls.commune_urlpatterns]
# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
