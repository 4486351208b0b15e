from django.urls import URLPattern, path

from lotse.core.views import settings as views

# URLs outside a commune, and URLs under /<commune_slug>/.
urlpatterns: list[URLPattern] = []
commune_urlpatterns: list[URLPattern] = [
    path("settings/", views.commune_settings, name="commune_settings"),
    path("settings/closing-days/add/", views.closing_day_add, name="closing_day_add"),
    # A closing day has no UUID: it is addressed by its date (yyyy-mm-dd), unique per commune.
    path(
        "settings/closing-days/<str:day>/delete/",
        views.closing_day_delete,
        name="closing_day_delete",
    ),
    path(
        "settings/areas/<uuid:area_uuid>/figures/",
        views.social_area_figures,
        name="social_area_figures",
    ),
]
