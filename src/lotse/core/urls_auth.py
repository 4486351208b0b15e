from django.urls import URLPattern, path

from lotse.core.views import auth, profile

# URLs outside a commune, and URLs under /<commune_slug>/.
urlpatterns: list[URLPattern] = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("profile/", profile.profile, name="profile"),
]
commune_urlpatterns: list[URLPattern] = []
