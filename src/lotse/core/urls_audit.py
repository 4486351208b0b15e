from django.urls import URLPattern

# URLs outside a commune, and URLs under /<commune_slug>/.
urlpatterns: list[URLPattern] = []
commune_urlpatterns: list[URLPattern] = []
