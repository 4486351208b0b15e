from django.urls import URLPattern, URLResolver, include, path

from lotse.core import urls_audit, urls_auth, urls_settings, urls_tokens, urls_users
from lotse.core.views import home

app_name = "core"

_areas = [urls_auth, urls_users, urls_tokens, urls_settings, urls_audit]

commune_urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.commune_home, name="commune_home"),
]
for _area in _areas:
    commune_urlpatterns += _area.commune_urlpatterns

urlpatterns: list[URLPattern | URLResolver] = [path("", home.home, name="home")]
for _area in _areas:
    urlpatterns += _area.urlpatterns
urlpatterns.append(path("<slug:commune_slug>/", include(commune_urlpatterns)))
