"""Logging in and out, resetting a forgotten password, changing one's password, and
accepting an invitation. Lockout after failed attempts is django-axes' work (settings).

Django's views do the work; ours add templates and route every password change through a
service in :mod:`lotse.core.services.accounts`, which writes the audit event."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.core.access import acting_user
from lotse.core.forms.auth import EmailLoginForm, OutboxPasswordResetForm
from lotse.core.models import User
from lotse.core.services.accounts import (
    accept_invitation,
    change_password,
    invitation_is_pending,
    reset_password,
    user_has_two_factor,
)


class LoginView(auth_views.LoginView):
    template_name = "core/auth/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        """Whoever has set up two-factor authentication enters a code next, whether
        their roles require it or they chose it themselves."""
        url = super().get_success_url()
        if user_has_two_factor(self.request.user):
            return f"{reverse('core:two_factor_verify')}?{urlencode({'next': url})}"
        return url


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule). Someone who is not logged in is sent to the login."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect("core:login")
        return super().dispatch(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for the e-mail address and sends a link. Known and unknown addresses get the
    same answer, so nobody can find out who has an account."""

    template_name = "core/auth/password_reset_form.html"
    form_class = OutboxPasswordResetForm
    email_template_name = "core/emails/password_reset.txt"
    subject_template_name = "core/emails/password_reset_subject.txt"
    success_url = reverse_lazy("core:password_reset_done")
    title = gettext_lazy("Forgot your password?")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "core/auth/password_reset_done.html"
    title = gettext_lazy("Please check your e-mail")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the e-mail: choose a new password."""

    template_name = "core/auth/password_reset_confirm.html"
    success_url = reverse_lazy("core:password_reset_complete")
    title = gettext_lazy("Choose a new password")

    def form_valid(self, form: SetPasswordForm[Any]) -> HttpResponse:
        reset_password(user=form.user, new_password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "core/auth/password_reset_complete.html"
    title = gettext_lazy("Your password has been changed")


class PasswordChangeView(auth_views.PasswordChangeView):
    """A logged-in user changes the password, giving the old one first."""

    template_name = "core/auth/password_change_form.html"
    success_url = reverse_lazy("core:password_change_done")
    title = gettext_lazy("Change password")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        user = change_password(
            user=acting_user(self.request), new_password=form.cleaned_data["new_password1"]
        )
        # A new password ends the user's other sessions, but not this one.
        update_session_auth_hash(self.request, user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "core/auth/password_change_done.html"
    title = gettext_lazy("Your password has been changed")


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    """The link from an invitation: the person chooses a password, which activates the
    account. Works like the password reset (same signed token, kept out of the address
    bar), but only until a password has been chosen."""

    template_name = "core/auth/accept_invitation.html"
    title = gettext_lazy("Welcome to Lotse")

    def get_user(self, uidb64: str) -> User | None:
        user: User | None = super().get_user(uidb64)
        if user is None or not invitation_is_pending(user):
            return None
        return user

    def form_valid(self, form: SetPasswordForm[Any]) -> HttpResponse:
        try:
            accept_invitation(user=form.user, new_password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(
            self.request,
            _("Your account is ready. Please log in with your e-mail address and password."),
        )
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse("core:login")
