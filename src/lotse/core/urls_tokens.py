from django.urls import URLPattern, path

from lotse.core.views import tokens

# URLs outside a commune, and URLs under /<commune_slug>/.
urlpatterns: list[URLPattern] = []
commune_urlpatterns: list[URLPattern] = [
    path("tokens/", tokens.token_list, name="token_list"),
    path("tokens/create/", tokens.token_create, name="token_create"),
    path("tokens/<uuid:token_uuid>/revoke/", tokens.token_revoke, name="token_revoke"),
]
