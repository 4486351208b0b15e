"""Pages of reports."""

from django.urls import URLPattern, URLResolver

app_name = "reports"

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = []

# Pages outside a commune.
urlpatterns: list[URLPattern | URLResolver] = []
