from django.urls import URLPattern, path

from lotse.core.views import users

# URLs outside a commune, and URLs under /<commune_slug>/.
urlpatterns: list[URLPattern] = []
commune_urlpatterns: list[URLPattern] = [
    path("users/", users.user_list, name="user_list"),
    path("users/invite/", users.user_invite, name="user_invite"),
    path(
        "users/<uuid:membership_uuid>/deactivate/",
        users.user_deactivate,
        name="user_deactivate",
    ),
    path(
        "users/<uuid:membership_uuid>/reactivate/",
        users.user_reactivate,
        name="user_reactivate",
    ),
]
