"""Staff pages of the HSDS import (review queue, partner import template); included in
the offers app's URLs, so their names are ``offers:…``."""

from django.urls import URLPattern, URLResolver

# Pages under /<commune_slug>/…
commune_urlpatterns: list[URLPattern | URLResolver] = []
