"""Login and logout. Lockout after failed attempts is django-axes' work (settings)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from lotse.core.forms.auth import EmailLoginForm


class LoginView(auth_views.LoginView):
    template_name = "core/auth/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass
