from django.urls import URLPattern, path

from lotse.core.views import auth, profile, two_factor

# URLs outside a commune, and URLs under /<commune_slug>/.
urlpatterns: list[URLPattern] = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        auth.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
    path("two-factor/setup/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("profile/", profile.profile, name="profile"),
    path("profile/password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "profile/password/done/",
        auth.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
commune_urlpatterns: list[URLPattern] = []
